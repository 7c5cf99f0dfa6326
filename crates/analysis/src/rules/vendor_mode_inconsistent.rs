//! `vendor-mode-inconsistent`: vendor mode is in effect where it does not fit.

use super::{Facts, Rule};
use crate::finding::{Cause, Command, Finding, Fix, Hop, Severity};
use gmd_golog::EventKind;

pub(crate) const RULE: Rule = Rule {
    id: "vendor-mode-inconsistent",
    cause: Cause::VendorModeInconsistent,
    hop: Hop::LocalCache,
    title: "Vendor mode does not match the module",
    explanation: "When a vendor directory exists (and go.mod says go 1.14 or later), or when GOFLAGS holds `-mod=vendor`, the go command builds only from vendor/ and looks nothing up. vendor/modules.txt must then list exactly what go.mod requires, and every imported package must be vendored. A global GOFLAGS=-mod=vendor applies to every module, even one without a vendor directory, and reports that as inconsistent vendoring.",
    title_zh: "vendor 模式与模块不一致",
    explanation_zh: "存在 vendor 目录（且 go.mod 写的是 go 1.14 或更高），或 GOFLAGS 中有 `-mod=vendor` 时，go 命令只从 vendor/ 构建，不查找任何东西。这时 vendor/modules.txt 必须与 go.mod 的要求完全一致，而且每个导入的包都必须已 vendor。全局设置 GOFLAGS=-mod=vendor 会作用于每个模块，即使是没有 vendor 目录的模块，并报告为 vendor 不一致。",
    reference: "https://go.dev/ref/mod#vendoring",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        GlobalFlag =>
            "`GOFLAGS=-mod=vendor` forces vendor mode, and vendor/ does not match go.mod",
            "`GOFLAGS=-mod=vendor` 强制使用 vendor 模式，而 vendor/ 与 go.mod 不一致";
        Inconsistent =>
            "vendor/modules.txt does not match the requirements in go.mod",
            "vendor/modules.txt 与 go.mod 中的依赖不一致";
        MissingPackage =>
            "an imported package is missing from vendor/, and vendor mode forbids looking it up",
            "vendor/ 中缺少一个被导入的包，而 vendor 模式不允许去查找它";
    }
    enum Do {
        Revendor => "Bring vendor/ in line with go.mod", "让 vendor/ 与 go.mod 保持一致";
        RemoveGlobal =>
            "Remove the global -mod=vendor; vendored modules are used automatically when vendor/ exists",
            "去掉全局的 -mod=vendor；存在 vendor/ 时会自动使用 vendor 中的模块";
        IgnoreOnce => "Or ignore vendor/ for one command", "或者只在这一次命令中忽略 vendor/";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events = facts.events_where(|k| {
        matches!(
            k,
            EventKind::InconsistentVendoring | EventKind::VendorLookupDisabled { .. }
        )
    });
    let global = facts.var("GOFLAGS").filter(|v| {
        gmd_semantics::flags::parse(&v.value)
            .is_ok_and(|words| gmd_semantics::flags::value(&words, "mod") == Some("vendor"))
    });
    if events.is_empty() {
        return Vec::new();
    }
    let mut evidence: Vec<_> = global.map(|v| facts.evidence(v.line)).into_iter().collect();
    evidence.extend(facts.events_evidence(events.iter().copied()));
    let mut fixes = vec![Fix::safe(
        &Do::Revendor,
        Command::go(&["mod", "tidy"]).and(Command::go(&["mod", "vendor"])),
    )];
    let message = if global.is_some() {
        fixes.insert(0, super::common::unset(&Do::RemoveGlobal, "GOFLAGS"));
        Msg::GlobalFlag
    } else if events
        .iter()
        .any(|e| matches!(e.kind, EventKind::InconsistentVendoring))
    {
        Msg::Inconsistent
    } else {
        Msg::MissingPackage
    };
    fixes.push(Fix::go(&Do::IgnoreOnce, &["build", "-mod=mod", "./..."]));
    vec![rule.finding(Severity::Error, &message, evidence, fixes)]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::check;

    #[test]
    fn fires_on_vendoring_errors() {
        check(
            "go: inconsistent vendoring in /home/gopher/src/app:\n",
            &["vendor-mode-inconsistent vendor_mode_inconsistent error lines=1 fixes=safe,safe"],
        );
        check(
            "GOFLAGS='-mod=vendor'\ngo: inconsistent vendoring in /home/gopher/src/app:\n",
            &["vendor-mode-inconsistent vendor_mode_inconsistent error lines=1,2 fixes=safe,safe,safe"],
        );
        check(
            "main.go:5:2: cannot find module providing package github.com/s/l/hooks/syslog: import lookup disabled by -mod=vendor\n",
            &["vendor-mode-inconsistent vendor_mode_inconsistent error lines=1 fixes=safe,safe"],
        );
    }

    #[test]
    fn stays_silent_without_vendoring_errors() {
        check("GOFLAGS='-mod=mod'\n", &[]);
        check("GOFLAGS='-mod=vendor'\n", &[]);
    }
}
