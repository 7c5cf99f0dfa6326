//! `gopath-mode`: module mode is off or not applicable — GO111MODULE=off, no go.mod, or
//! pre-module `go get` instructions.

use super::{Facts, Rule, common};
use crate::finding::{Cause, Command, Finding, Fix, Hole, Hop, Severity, Step, Word};
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
        ProxyIgnored { proxy: String } =>
            "`go get` ran in GOPATH mode, which ignores GOPROXY (`{proxy}`) and fetches every import from its origin",
            "`go get` 在 GOPATH 模式下运行，这种模式忽略 GOPROXY（`{proxy}`），直接从源站获取每个导入";
        AutoOff =>
            "`GO111MODULE=auto` turns modules off inside GOPATH/src, so the go.mod is ignored",
            "在 GOPATH/src 中 `GO111MODULE=auto` 会关闭模块，因此 go.mod 被忽略";
    }
    enum Do {
        ModulesOn => "Turn module mode back on (the default)", "重新打开模块模式（默认）";
        ModulesAlwaysOn =>
            "Turn module mode on everywhere (Go 1.11–1.15 default to `auto`)",
            "在所有位置打开模块模式（Go 1.11–1.15 默认是 `auto`）";
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
    // GOPATH mode's `go get` is the cause when the user set a proxy it ignored; a broken HTTP
    // proxy fails in either mode, and an unset GOPROXY changes nothing.
    let proxy = facts
        .var("GOPROXY")
        .filter(|v| !v.value.is_empty() && v.value != "https://proxy.golang.org,direct");
    let broken_http_proxy = facts.events.iter().any(|e| {
        matches!(
            &e.kind,
            EventKind::Fetch {
                error: gmd_golog::NetError::ProxyConnect(_),
                ..
            } | EventKind::UnrecognizedImportPath {
                error: Some(gmd_golog::NetError::ProxyConnect(_)),
                ..
            }
        )
    });
    // In module mode, a GOPROXY without `direct` sends every public module to the proxy: a
    // `?go-get=1` request for one means the go command was not in module mode.
    let goproxy = facts.goproxy();
    let no_direct = proxy.is_some() && !goproxy.split([',', '|']).any(|e| matches!(e.trim(), "direct" | "off"));
    let bypassed = |path: &str| {
        no_direct
            && !gmd_semantics::pattern::match_prefix_patterns(facts.gonoproxy(), path)
            && !gmd_semantics::pattern::match_prefix_patterns(facts.goprivate(), path)
    };
    let gopath_get = match proxy {
        Some(_) if !broken_http_proxy => facts.events_where(|k| match k {
            EventKind::GopathGet => true,
            EventKind::Fetch {
                target: gmd_golog::Target::GoGet,
                url,
                ..
            } => bypassed(
                url.split_once("://")
                    .map_or("", |x| x.1)
                    .split('?')
                    .next()
                    .unwrap_or_default(),
            ),
            _ => false,
        }),
        _ => Vec::new(),
    };
    let auto_off = events
        .iter()
        .any(|e| facts.split.line(e.line).contains("GO111MODULE=auto"));
    let events: Vec<_> = events.into_iter().chain(gopath_get.iter().copied()).collect();
    if events.is_empty() && off.is_none() {
        return Vec::new();
    }
    let mut evidence: Vec<_> = off.map(|v| facts.evidence(v.line)).into_iter().collect();
    evidence.extend(facts.events_evidence(events.iter().copied()));
    let outside = events
        .iter()
        .any(|e| matches!(e.kind, EventKind::GoGetOutsideModule | EventKind::NoGoMod));
    let message_is_get_outside = off.is_none()
        && !auto_off
        && (proxy.is_none() || gopath_get.is_empty())
        && events.iter().any(|e| matches!(e.kind, EventKind::GoGetOutsideModule));
    let (message, mut fixes) = if off.is_some() {
        (Msg::ModulesOff, vec![common::unset(&Do::ModulesOn, "GO111MODULE")])
    } else if auto_off {
        (
            Msg::AutoOff,
            vec![Fix::set(&Do::ModulesAlwaysOn, "GO111MODULE", Word::lit("on"))],
        )
    } else if let (Some(proxy), false) = (proxy, gopath_get.is_empty()) {
        if let Some(var) = facts.var("GOPROXY") {
            evidence.insert(0, facts.evidence(var.line));
        }
        (
            Msg::ProxyIgnored {
                proxy: proxy.value.clone(),
            },
            vec![Fix::set(&Do::ModulesAlwaysOn, "GO111MODULE", Word::lit("on"))],
        )
    } else if message_is_get_outside {
        // `go install` serves a command only; a library needs a module (the fix below).
        let install = typed_get(facts)
            .filter(|(path, _)| path.split('/').any(|e| e == "cmd"))
            .map(|(path, query)| {
                Fix::safe(
                    &Do::Install,
                    Command::new(Step::go(vec![
                        Word::lit("install"),
                        common::module_at_or_holes(&path, &query),
                    ])),
                )
            });
        (Msg::GetOutside, install.into_iter().collect())
    } else {
        (Msg::NoGoMod, vec![])
    };
    if outside || off.is_none() && !auto_off && gopath_get.is_empty() {
        // A module first: it serves a library and a tool alike (`go install` only a command).
        // The module's path is the user's to choose: a hole.
        let init = Command::new(Step::go(vec![
            Word::lit("mod"),
            Word::lit("init"),
            Word::hole(Hole::ModulePath),
        ]));
        let then = match typed_get(facts) {
            Some((path, query)) => Step::go(vec![Word::lit("get"), common::module_at_or_holes(&path, &query)]),
            None => Step::go(vec![Word::lit("mod"), Word::lit("tidy")]),
        };
        let init = Fix::safe(&Do::Init, init.then(then));
        if message_is_get_outside {
            fixes.insert(0, init);
        } else {
            fixes.push(init);
        }
    }
    let severity = if events.is_empty() {
        Severity::Warning
    } else {
        Severity::Error
    };
    vec![rule.finding(severity, &message, evidence, fixes)]
}

/// What the user asked `go get` for, from the command line in the paste: the path and the
/// version (`latest` when none).
fn typed_get(facts: &Facts<'_>) -> Option<(String, String)> {
    let package = facts
        .log_lines()
        .filter_map(|(_, text)| text.trim().strip_prefix("go get "))
        .filter_map(|args| args.split_whitespace().rfind(|a| !a.starts_with('-')))
        .last()?;
    let (path, query) = package.split_once('@').unwrap_or((package, "latest"));
    Some((path.to_owned(), query.to_owned()))
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
            &["gopath-mode gopath_mode error lines=1,2 fixes=safe"],
        );
        check(
            "GO111MODULE=off\n",
            &["gopath-mode gopath_mode warning lines=1 fixes=safe"],
        );
    }

    #[test]
    fn gopath_modes_go_get_ignores_the_proxy_the_user_set() {
        // Go ≤ 1.12 `go get` in GOPATH mode (`package P:` and the parenthesised `https fetch:`).
        let log = "package golang.org/x/sys/unix: unrecognized import path \"golang.org/x/sys/unix\" (https fetch: Get https://golang.org/x/sys/unix?go-get=1: dial tcp 216.239.37.1:443: i/o timeout)\n";
        check(
            &format!("GOPROXY=https://goproxy.cn,direct\n{log}"),
            &[
                "gopath-mode gopath_mode error lines=1,2 fixes=safe",
                "vcs-host-unreachable vcs_host_unreachable error lines=2 fixes=safe,safe",
            ],
        );
        // No proxy set: the network is the story.
        check(
            log,
            &["vcs-host-unreachable vcs_host_unreachable error lines=1 fixes=safe,safe"],
        );
        check(
            "go get: warning: modules disabled by GO111MODULE=auto in GOPATH/src;\n\tignoring go.mod;\n",
            &["gopath-mode gopath_mode error lines=1 fixes=safe"],
        );
    }

    #[test]
    fn go_get_outside_a_module_installs_what_was_typed() {
        let log = "$ go get -u golang.org/x/tools/cmd/goimports\ngo: go.mod file not found in current directory or any parent directory.\n\t'go get' is no longer supported outside a module.\n";
        let fixes = crate::rules::test_support::finding(log, "gopath-mode").fixes;
        // The module's path is a hole the user fills; a command (a `cmd` element) can be
        // installed instead.
        assert_eq!(
            fixes[0].posix(),
            "go mod init <your-module-path> && go get golang.org/x/tools/cmd/goimports@latest"
        );
        assert_eq!(fixes[1].posix(), "go install golang.org/x/tools/cmd/goimports@latest");
        // A library is not installed: it needs a module.
        let library = "$ go get github.com/PuerkitoBio/goquery\ngo: go.mod file not found in current directory or any parent directory.\n\t'go get' is no longer supported outside a module.\n";
        let fixes = crate::rules::test_support::finding(library, "gopath-mode").fixes;
        assert_eq!(
            fixes.iter().map(|f| f.posix()).collect::<Vec<_>>(),
            ["go mod init <your-module-path> && go get github.com/PuerkitoBio/goquery@latest"]
        );
    }

    #[test]
    fn stays_silent_in_module_mode() {
        check("GO111MODULE=''\nGO111MODULE=on\n", &[]);
        check("GO111MODULE='auto'\n", &[]);
    }
}
