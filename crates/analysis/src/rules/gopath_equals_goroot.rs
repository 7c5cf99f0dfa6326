//! `gopath-equals-goroot` (advice): GOPATH points at the Go installation.

use super::{Facts, Rule};
use crate::finding::{Cause, Finding, Hop, Severity};
use gmd_golog::EventKind;

pub(crate) const RULE: Rule = Rule {
    id: "gopath-equals-goroot",
    cause: Cause::Advice,
    hop: Hop::Config,
    title: "GOPATH is the Go installation directory",
    explanation: "GOPATH holds your module cache and installed binaries; GOROOT is the Go installation. When they are the same directory the go command ignores GOPATH, and updating Go can delete the cache. Leave GOPATH unset (it defaults to ~/go).",
    title_zh: "GOPATH 就是 Go 的安装目录",
    explanation_zh: "GOPATH 存放模块缓存和安装的程序；GOROOT 是 Go 的安装目录。两者是同一个目录时，go 命令会忽略 GOPATH，而升级 Go 可能会删掉缓存。不要设置 GOPATH（默认是 ~/go）。",
    reference: "https://go.dev/wiki/InstallTroubleshooting",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Same => "`GOPATH` and `GOROOT` are the same directory", "`GOPATH` 和 `GOROOT` 是同一个目录";
    }
    enum Do {
        Default => "Leave GOPATH at its default (~/go)", "让 GOPATH 保持默认值（~/go）";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let warnings = facts.events_where(|k| matches!(k, EventKind::GopathIsGoroot));
    let same = match (facts.var("GOPATH"), facts.var("GOROOT")) {
        (Some(p), Some(r))
            if !p.value.is_empty()
                && p.value.trim_end_matches(['/', '\\']) == r.value.trim_end_matches(['/', '\\']) =>
        {
            Some((p, r))
        }
        _ => None,
    };
    if warnings.is_empty() && same.is_none() {
        return Vec::new();
    }
    let mut evidence: Vec<_> = same
        .map(|(p, r)| vec![facts.evidence(p.line), facts.evidence(r.line)])
        .unwrap_or_default();
    evidence.extend(facts.events_evidence(warnings.iter().copied()));
    crate::finding::Evidence::in_input_order(&mut evidence);
    vec![rule.finding(
        Severity::Info,
        &Msg::Same,
        evidence,
        vec![super::common::unset(&Do::Default, "GOPATH")],
    )]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::check;

    #[test]
    fn fires_when_they_match() {
        check(
            "GOPATH='/usr/local/go'\nGOROOT='/usr/local/go/'\n",
            &["gopath-equals-goroot advice info lines=1,2 fixes=safe"],
        );
        check(
            "warning: both GOPATH and GOROOT are the same directory (/x); see https://go.dev/wiki/InstallTroubleshooting\n",
            &["gopath-equals-goroot advice info lines=1 fixes=safe"],
        );
    }

    #[test]
    fn stays_silent_otherwise() {
        check("GOPATH='/home/g/go'\nGOROOT='/usr/local/go'\n", &[]);
    }
}
