//! `vcs-host-unreachable`: a direct fetch cannot reach the repository's host.

use super::{Facts, Rule, common};
use crate::finding::{Assign, Cause, Command, Finding, Fix, Hop, Program, Severity, Step, Var, Word};
use gmd_golog::{EventKind, NetError, Target};

pub(crate) const RULE: Rule = Rule {
    id: "vcs-host-unreachable",
    cause: Cause::VcsHostUnreachable,
    hop: Hop::Vcs,
    title: "The repository host cannot be reached",
    explanation: "In direct mode (GOPROXY=direct, a GOPRIVATE or GONOPROXY match, or a fall-back to `direct`) the go command talks to the repository's host itself: `?go-get=1` over HTTPS, then git. A refused or timed-out connection means the host is down, blocked (github.com often is from mainland China), or only reachable through a VPN. Use a proxy for public modules; for private hosts, connect the VPN.",
    title_zh: "无法连接仓库所在的主机",
    explanation_zh: "在直连模式下（GOPROXY=direct、匹配 GOPRIVATE 或 GONOPROXY，或回退到 `direct`），go 命令会自己访问仓库主机：先通过 HTTPS 请求 `?go-get=1`，再运行 git。连接被拒绝或超时，说明主机宕机、被屏蔽（从中国大陆访问 github.com 经常如此），或只能通过 VPN 访问。公开模块请使用代理；私有主机请连接 VPN。",
    reference: "https://go.dev/ref/mod#vcs",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Unreachable { host: String } =>
            "`{host}` cannot be reached for a direct fetch",
            "直接获取时无法连接 `{host}`";
        NoProtocol { module: String } =>
            "git could not reach the repository of `{module}` over HTTPS or SSH (the go command hides git's reason: the check below shows it)",
            "git 无法通过 HTTPS 或 SSH 访问 `{module}` 的仓库（go 命令隐藏了 git 给出的原因，下面的检查会显示出来）";
    }
    enum Do {
        Vpn { host: String } =>
            "Connect the VPN or network that reaches {host}, then check",
            "连接能访问 {host} 的 VPN 或网络，然后检查";
        Check { host: String } =>
            "Check that {host} answers from this machine",
            "检查本机能否连上 {host}";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let tcp = |e: &NetError| {
        matches!(
            e,
            NetError::TcpRefused
                | NetError::TcpTimeout
                | NetError::TcpReset
                | NetError::TcpUnreachable
                | NetError::Timeout
                | NetError::ProxyDenied
                | NetError::NoAnswer
        )
    };
    let events = facts.events_where(|k| match k {
        EventKind::GitConnect { .. } | EventKind::GitNoSecureProtocol => true,
        EventKind::UnrecognizedImportPath { error: Some(e), .. } => tcp(e),
        EventKind::Fetch {
            target: Target::GoGet | Target::Other,
            error,
            ..
        } => tcp(error),
        _ => false,
    });
    let Some(first) = events.first() else { return Vec::new() };
    let host = match &first.kind {
        EventKind::GitConnect { host } | EventKind::Fetch { host, .. } => host.clone(),
        EventKind::UnrecognizedImportPath { path, .. } => path.split('/').next().unwrap_or_default().to_owned(),
        _ => String::new(),
    };
    let module = first.module.clone().unwrap_or_default();
    if matches!(first.kind, EventKind::GitNoSecureProtocol) {
        // The repository URL is the module path (a `.git` in it ends the repository).
        let repo = match module.find(".git/") {
            Some(end) => &module[..end + ".git".len()],
            None => module.as_str(),
        };
        let host = module.split('/').next().unwrap_or_default().to_owned();
        return vec![rule.finding(
            Severity::Error,
            &Msg::NoProtocol { module: module.clone() },
            facts.events_evidence(events.iter().copied()),
            vec![Fix::safe(
                &Do::Check { host },
                Command::new(Step::run(
                    Program::Git,
                    vec![
                        Word::lit("ls-remote"),
                        Word::join(vec![Word::lit("https://"), common::module_or_hole(repo)]),
                    ],
                )),
            )],
        )];
    }
    let private = crate::facts::looks_internal(&module)
        || gmd_semantics::pattern::match_prefix_patterns(facts.gonoproxy(), &module);
    let message = Msg::Unreachable { host: host.clone() };
    // The go command's own way to the repository, past any mirror: what works once the host
    // answers (a host's root URL is no repository, and `git ls-remote` of it fails anyway).
    let direct = Command::new(Step::Run {
        program: Program::Go,
        args: vec![
            Word::lit("list"),
            Word::lit("-m"),
            common::module_at_or_holes(&module, "latest"),
        ],
        env: vec![Assign {
            var: Var::new("GOPROXY"),
            value: Word::lit("direct"),
        }],
    });
    let fixes = if private {
        vec![
            Fix::safe(&Do::Vpn { host: host.clone() }, direct),
            common::mirror_fix(facts, common::looks_like_china(facts)),
        ]
    } else {
        vec![
            common::mirror_fix(facts, common::looks_like_china(facts) || host == "github.com"),
            Fix::safe(&Do::Check { host: host.clone() }, direct),
        ]
    };
    vec![rule.finding(
        Severity::Error,
        &message,
        facts.events_evidence(events.iter().copied()),
        fixes,
    )]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::check;

    #[test]
    fn no_secure_protocol_is_a_repository_git_could_not_reach() {
        let log = "go: git.corp.example/platform/auth@v1.2.0: no secure protocol found for repository\n";
        check(
            log,
            &["vcs-host-unreachable vcs_host_unreachable error lines=1 fixes=safe"],
        );
        assert_eq!(
            crate::rules::test_support::finding(log, "vcs-host-unreachable").fixes[0].posix(),
            "git ls-remote https://git.corp.example/platform/auth"
        );
    }

    #[test]
    fn fires_on_git_connection_failures() {
        check(
            "go: github.com/s/l@v1.9.3: reading github.com/s/l/go.mod at revision v1.9.3: git ls-remote -q https://github.com/s/l in /x: exit status 128:\n\tfatal: unable to access 'https://github.com/s/l/': Failed to connect to github.com port 443 after 0 ms: Couldn't connect to server\n",
            &["vcs-host-unreachable vcs_host_unreachable error lines=2 fixes=safe,safe"],
        );
        // The check goes to the repository the way the go command does (a host's root URL is
        // no repository: `git ls-remote https://golang.org/` fails even when it answers).
        let log = "go: golang.org/x/text@v0.14.0: Get \"https://golang.org/x/text?go-get=1\": dial tcp 142.250.72.177:443: i/o timeout\n";
        let fixes = crate::rules::test_support::finding(log, "vcs-host-unreachable").fixes;
        let commands: Vec<String> = fixes.iter().map(|f| f.posix()).collect();
        assert!(
            commands.contains(&"GOPROXY=direct go list -m golang.org/x/text@latest".to_owned()),
            "{commands:?}"
        );
        assert!(
            commands.iter().all(|c| !c.contains("ls-remote https://golang.org/")),
            "{commands:?}"
        );
    }

    #[test]
    fn stays_silent_on_proxy_failures() {
        let log = "go: x@v1: Get \"https://proxy.golang.org/x/@v/v1.mod\": dial tcp 1.2.3.4:443: connect: connection refused\n";
        assert!(!crate::rules::test_support::rules(log).contains(&"vcs-host-unreachable"));
    }
}
