//! `gopath-mode`: module mode is off or not applicable — GO111MODULE=off, no go.mod, or
//! pre-module `go get` instructions.

use super::{Facts, Rule, common};
use crate::finding::{Cause, Finding, Fix, Hop, Severity};
use gmd_golog::EventKind;

pub(crate) const RULE: Rule = Rule {
    id: "gopath-mode",
    cause: Cause::GopathMode,
    hop: Hop::Config,
    title: "The go command is not in module mode",
    explanation: "Modules need a go.mod in the current directory or a parent, and GO111MODULE must not be `off`. Without them the go command looks for packages in GOPATH/src and cannot download anything; since Go 1.22 `go get` outside a module is an error. Create a go.mod with `go mod init`, run the command inside the module, or install tools with `go install pkg@version`.",
    title_zh: "go 命令没有处于模块模式",
    explanation_zh: "模块模式需要当前目录或其上级目录中有 go.mod，并且 GO111MODULE 不能是 `off`。否则 go 命令会在 GOPATH/src 中查找包，无法下载任何东西；从 Go 1.22 起，在模块之外执行 `go get` 会报错。用 `go mod init` 创建 go.mod、在模块目录内执行命令，或用 `go install pkg@version` 安装工具。",
    reference: "https://go.dev/ref/mod#go-mod-init",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        ModulesOff =>
            "`GO111MODULE=off` turns modules off: the go command looks only in GOPATH",
            "`GO111MODULE=off` 关闭了模块：go 命令只在 GOPATH 中查找";
        GetOutside =>
            "`go get` ran outside a module, which the go command no longer supports",
            "`go get` 在模块之外运行，go 命令已不再支持这样做";
        NoGoMod =>
            "there is no go.mod in this directory or any parent",
            "当前目录及其上级目录中都没有 go.mod";
    }
    enum Do {
        ModulesOn => "Turn module mode back on (the default)", "重新打开模块模式（默认）";
        Install => "Install a command with its version instead", "改为带版本号安装命令";
        Init =>
            "Create a go.mod for this code, then resolve its imports",
            "为这份代码创建 go.mod，然后解析它的导入";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events = facts.events_where(|k| {
        matches!(
            k,
            EventKind::GopathCannotFind { .. }
                | EventKind::NoGoMod
                | EventKind::GoGetOutsideModule
                | EventKind::ModulesDisabled
        )
    });
    let off = facts.var("GO111MODULE").filter(|v| v.value.eq_ignore_ascii_case("off"));
    if events.is_empty() && off.is_none() {
        return Vec::new();
    }
    let mut evidence: Vec<_> = off.map(|v| facts.evidence(v.line)).into_iter().collect();
    evidence.extend(facts.events_evidence(events.iter().copied()));
    let outside = events
        .iter()
        .any(|e| matches!(e.kind, EventKind::GoGetOutsideModule | EventKind::NoGoMod));
    let (message, mut fixes) = if off.is_some() {
        (Msg::ModulesOff, vec![common::unset(&Do::ModulesOn, "GO111MODULE")])
    } else if events.iter().any(|e| matches!(e.kind, EventKind::GoGetOutsideModule)) {
        (
            Msg::GetOutside,
            vec![Fix::run(&Do::Install, "go install example.com/cmd@latest")],
        )
    } else {
        (Msg::NoGoMod, vec![])
    };
    if outside || off.is_none() {
        fixes.push(Fix::run(&Do::Init, "go mod init example.com/yourmodule && go mod tidy"));
    }
    let severity = if events.is_empty() {
        Severity::Warning
    } else {
        Severity::Error
    };
    vec![rule.finding(severity, &message, evidence, fixes)]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::check;

    #[test]
    fn fires_without_module_mode() {
        check(
            "GO111MODULE='off'\nmain.go:4:2: cannot find package \"github.com/sirupsen/logrus\" in any of:\n",
            &["gopath-mode gopath_mode error lines=1,2 fixes=safe"],
        );
        check(
            "go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n",
            &["gopath-mode gopath_mode error lines=1 fixes=safe"],
        );
        check(
            "go: go.mod file not found in current directory or any parent directory.\n\t'go get' is no longer supported outside a module.\n",
            &["gopath-mode gopath_mode error lines=1,2 fixes=safe,safe"],
        );
        check(
            "GO111MODULE=off\n",
            &["gopath-mode gopath_mode warning lines=1 fixes=safe"],
        );
    }

    #[test]
    fn stays_silent_in_module_mode() {
        check("GO111MODULE=''\nGO111MODULE=on\n", &[]);
        check("GO111MODULE='auto'\n", &[]);
    }
}
