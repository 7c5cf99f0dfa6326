//! `unknown-revision`: the requested version, tag, branch or commit does not exist.

use super::{Facts, Rule, common};
use crate::attribution;
use crate::finding::{Assign, Cause, Command, Finding, Fix, Hop, Program, Severity, Step, Var, Word};
use gmd_golog::{Event, EventKind};

pub(crate) const RULE: Rule = Rule {
    id: "unknown-revision",
    cause: Cause::UnknownRevision,
    hop: Hop::Vcs,
    title: "The requested version does not exist",
    explanation: "The repository (or the proxy, on its behalf) has no such tag, branch or commit: a tag never pushed or deleted, history rewritten after a pseudo-version was recorded, or a typo. For a private repository looked up through a public proxy the same words appear, and the cause is the proxy, not the version; that case is reported separately. List the versions that exist and pick one.",
    title_zh: "请求的版本不存在",
    explanation_zh: "仓库（或代表它的代理）中没有这个标签、分支或提交：标签从未推送或已被删除、记录伪版本之后历史被改写，或者拼写错误。通过公共代理查找私有仓库时也会出现同样的字样，那时原因在代理而不在版本；这种情况会单独报告。列出实际存在的版本并从中选择。",
    reference: "https://go.dev/ref/mod#vcs-version",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        NoRevision { revision: String } => "revision `{revision}` does not exist", "修订版本 `{revision}` 不存在";
        NoVersion { module: String, revision: String } =>
            "`{module}` has no version or commit `{revision}`",
            "`{module}` 没有版本或提交 `{revision}`";
    }
    enum Do {
        List => "List the versions that exist", "列出实际存在的版本";
        Newest => "Use the newest one", "使用最新的版本";
        Direct =>
            "If the tag was pushed minutes ago, ask the origin directly instead of a proxy cache",
            "如果标签几分钟前才推送，直接向源仓库请求，而不是代理缓存";
    }
}

fn is_unknown_revision(facts: &Facts<'_>, event: &Event) -> bool {
    match &event.kind {
        EventKind::UnknownRevision { .. }
        | EventKind::RepositoryNotFound { .. }
        | EventKind::GitDns { .. }
        | EventKind::HttpStatus { .. } => attribution::owner(facts, event) == Some(Cause::UnknownRevision),
        _ => false,
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events: Vec<&Event> = facts.events.iter().filter(|e| is_unknown_revision(facts, e)).collect();
    let Some(first) = events.first() else { return Vec::new() };
    let module = first.module.clone().unwrap_or_default();
    let revision = match &first.kind {
        EventKind::UnknownRevision { revision } => revision.clone(),
        EventKind::RepositoryNotFound { .. } | EventKind::GitDns { .. } => first.version.clone().unwrap_or_default(),
        _ => first.version.clone().unwrap_or_default(),
    };
    let message = if module.is_empty() {
        Msg::NoRevision { revision }
    } else {
        Msg::NoVersion {
            module: module.clone(),
            revision,
        }
    };
    let path = common::module_or_hole(&module);
    let fixes = vec![
        Fix::safe(&Do::List, common::list_versions(path.clone())),
        // The requirement on the missing version goes first: `go get` loads it otherwise.
        Fix::safe(
            &Do::Newest,
            Command::new(Step::go(vec![
                Word::lit("mod"),
                Word::lit("edit"),
                Word::join(vec![Word::lit("-droprequire="), path.clone()]),
            ]))
            .then(Step::go(vec![
                Word::lit("get"),
                Word::join(vec![path, Word::lit("@latest")]),
            ])),
        ),
        // Straight from the repository, past the mirror, for this command only.
        Fix::safe(
            &Do::Direct,
            Command::new(Step::Run {
                program: Program::Go,
                args: vec![
                    Word::lit("get"),
                    common::module_at_or_holes(&module, first.version.as_deref().unwrap_or("latest")),
                ],
                env: vec![Assign {
                    var: Var::new("GOPROXY"),
                    value: Word::lit("direct"),
                }],
            }),
        ),
    ];
    vec![rule.finding(
        Severity::Error,
        &message,
        facts.events_evidence(events.iter().copied()),
        fixes,
    )]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, finding};

    #[test]
    fn fires_on_unknown_revisions() {
        let log = "go: github.com/s/l@v1.99.0: reading https://goproxy.cn/github.com/s/l/@v/v1.99.0.info: 404 Not Found\n\tserver response: not found: github.com/s/l@v1.99.0: invalid version: unknown revision v1.99.0\n";
        check(
            log,
            &["unknown-revision unknown_revision error lines=1,2 fixes=safe,safe,safe"],
        );
        assert_eq!(
            finding(log, "unknown-revision").message.en,
            "`github.com/s/l` has no version or commit `v1.99.0`"
        );
        check(
            "go: git.corp.example/a@v1.2.1-0.20240105120000-0123456789ab: invalid version: unknown revision 0123456789ab\n",
            &["unknown-revision unknown_revision error lines=1 fixes=safe,safe,safe"],
        );
    }

    #[test]
    fn a_missing_tag_probed_at_the_parent_path_is_an_unknown_revision() {
        let log = "go: git.corp.example/platform/auth@v1.3.0: git.corp.example/platform@v1.3.0: invalid version: git ls-remote -q --end-of-options https://git.corp.example/platform.git in /x: exit status 128:\n\tfatal: repository 'https://git.corp.example/platform.git/' not found\n";
        assert_eq!(crate::rules::test_support::rules(log), vec!["unknown-revision"]);
        assert_eq!(
            finding(log, "unknown-revision").message.en,
            "`git.corp.example/platform/auth` has no version or commit `v1.3.0`"
        );
    }

    #[test]
    fn stays_silent_when_a_private_module_is_the_cause() {
        let log = "go: git.corp.example/a@v1: reading https://proxy.golang.org/git.corp.example/a/@v/v1.info: 404 Not Found\n\tserver response: not found: unknown revision v1 terminal prompts disabled\n";
        assert!(!crate::rules::test_support::rules(log).contains(&"unknown-revision"));
    }
}
