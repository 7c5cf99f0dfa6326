//! `private-module-sumdb-lookup`: a private module's checksum is looked up in the public
//! checksum database, which cannot know it.

use super::{Facts, Rule, common};
use crate::attribution;
use crate::facts::suggested_private_pattern;
use crate::finding::{Cause, Evidence, Finding, Fix, Hole, Hop, Severity, Word};
use gmd_golog::{Event, EventKind};

pub(crate) const RULE: Rule = Rule {
    id: "private-module-sumdb-lookup",
    cause: Cause::PrivateModuleSumdbLookup,
    hop: Hop::ChecksumDb,
    title: "A private module is checked against the public checksum database",
    explanation: "Every module whose path matches no GONOSUMDB (or GOPRIVATE) pattern is verified against GOSUMDB, sum.golang.org by default. That database only knows public modules, so it answers 404 or 410 for a private one, even when a company proxy served the module fine. Add the module's path to GONOSUMDB (or GOPRIVATE, which also sends it direct).",
    title_zh: "私有模块被发送到公共校验和数据库校验",
    explanation_zh: "路径不匹配任何 GONOSUMDB（或 GOPRIVATE）模式的模块，都会用 GOSUMDB（默认 sum.golang.org）校验。这个数据库只知道公开模块，所以对私有模块会返回 404 或 410，即使公司代理已经正常提供了该模块。把模块路径加入 GONOSUMDB（或 GOPRIVATE，它还会让模块直接获取）。",
    reference: "https://go.dev/ref/mod#private-modules",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Unknown { host: String, module: String, status: u16 } =>
            "the checksum database `{host}` does not know the private module `{module}` and answered {status}",
            "校验和数据库 `{host}` 不认识私有模块 `{module}`，返回了 {status}";
        Hidden { status: u16 } =>
            "the checksum database answered {status} for a module whose path the paste hides: a private module is looked up in it",
            "校验和数据库对一个路径被隐去的模块返回了 {status}：一个私有模块被发送到那里查询";
        NotMatched { host: String, module: String, status: u16, gonosumdb: String } =>
            "the checksum database `{host}` does not know the private module `{module}` and answered {status} (`GONOSUMDB={gonosumdb}` does not match it)",
            "校验和数据库 `{host}` 不认识私有模块 `{module}`，返回了 {status}（`GONOSUMDB={gonosumdb}` 匹配不到它）";
    }
    enum Do {
        SkipHidden =>
            "Skip the public checksum database for your private modules (their path patterns, comma-separated)",
            "对你的私有模块跳过公共校验和数据库（填入它们的路径模式，用逗号分隔）";
        PrivateHidden =>
            "Or mark them private altogether (also fetched directly, not through GOPROXY)",
            "或者把它们整体标为私有（也会直接获取，不经过 GOPROXY）";
        Skip { pattern: String } =>
            "Skip the public checksum database for {pattern}",
            "对 {pattern} 跳过公共校验和数据库";
        Private { pattern: String } =>
            "Or mark {pattern} private altogether (also fetched directly, not through GOPROXY)",
            "或者把 {pattern} 整体标为私有（也会直接获取，不经过 GOPROXY）";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    // When the version's files cannot form a module zip, the database refuses it for that reason.
    if facts
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::ZipContentInvalid { .. }))
    {
        return Vec::new();
    }
    let misses: Vec<&Event> = facts
        .events
        .iter()
        .filter(|e| attribution::owner(facts, e) == Some(Cause::PrivateModuleSumdbLookup))
        .collect();
    let Some(first) = misses.first() else { return Vec::new() };
    let module = first.module.clone().unwrap_or_default();
    let EventKind::HttpStatus { host, status, .. } = &first.kind else {
        return Vec::new();
    };
    let suggested = suggested_private_pattern(&module);
    let mut evidence = Vec::new();
    let existing = facts.var("GONOSUMDB").filter(|v| !v.value.is_empty());
    if let Some(var) = existing {
        evidence.push(facts.evidence(var.line));
    }
    evidence.extend(facts.events_evidence(misses.iter().copied()));
    let (host, status) = (host.clone(), *status);
    if module.is_empty() || host.is_empty() {
        return hidden(rule, status, evidence);
    }
    let message = match existing {
        Some(var) => Msg::NotMatched {
            host,
            module: module.clone(),
            status,
            gonosumdb: var.value.clone(),
        },
        None => Msg::Unknown {
            host,
            module: module.clone(),
            status,
        },
    };
    let value = common::with_pattern(existing.map_or("", |v| v.value.as_str()), &suggested);
    let fixes = vec![
        Fix::set(
            &Do::Skip {
                pattern: suggested.clone(),
            },
            "GONOSUMDB",
            value,
        ),
        Fix::set(
            &Do::Private {
                pattern: suggested.clone(),
            },
            "GOPRIVATE",
            common::with_pattern("", &suggested),
        ),
    ];
    vec![rule.finding(Severity::Error, &message, evidence, fixes)]
}

/// The finding when the paste hid the module's path or the request's URL (`<private-lib>`):
/// the patterns to type are the reader's to fill in.
fn hidden(rule: &Rule, status: u16, evidence: Vec<Evidence>) -> Vec<Finding> {
    let fixes = vec![
        Fix::set(&Do::SkipHidden, "GONOSUMDB", Word::hole(Hole::PrivateModules)),
        Fix::set(&Do::PrivateHidden, "GOPRIVATE", Word::hole(Hole::PrivateModules)),
    ];
    vec![rule.finding(Severity::Error, &Msg::Hidden { status }, evidence, fixes)]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, finding};

    const LOOKUP_404: &str = "go: git.corp.example/platform/auth@v1.2.0: verifying go.mod: git.corp.example/platform/auth@v1.2.0/go.mod: reading https://sum.golang.org/lookup/git.corp.example/platform/auth@v1.2.0: 404 Not Found\n\tserver response:\n\tnot found: git.corp.example/platform/auth@v1.2.0: unrecognized import path\n";

    #[test]
    fn fires_on_lookup_404_and_410() {
        check(
            LOOKUP_404,
            &["private-module-sumdb-lookup private_module_sumdb_lookup error lines=1,2,3 fixes=safe,safe"],
        );
        let typo = format!("GONOSUMDB='git.corp.exmaple'\n{LOOKUP_404}");
        let f = finding(&typo, "private-module-sumdb-lookup");
        assert!(
            f.message
                .en
                .ends_with("(`GONOSUMDB=git.corp.exmaple` does not match it)"),
            "{}",
            f.message.en
        );
        assert_eq!(f.fixes[0].posix(), "export GONOSUMDB=git.corp.exmaple,git.corp.example");
    }

    #[test]
    fn a_path_the_paste_hid_leaves_the_patterns_to_fill_in() {
        let log = "go: <private-go-lib>: verifying go.mod: <private-go-lib>/go.mod: reading <private-go-lib>: 410 Gone\n\tserver response: not found: <private-go-lib>: unrecognized import path \"<private-go-lib>\": https fetch: Get \"<private-go-lib>?go-get=1\": dial tcp: lookup <private-go-lib-domain> on [2001:4860:4860::8888]:53: server misbehaving\n";
        check(
            log,
            &["private-module-sumdb-lookup private_module_sumdb_lookup error lines=1,2 fixes=safe,safe"],
        );
        let f = finding(log, "private-module-sumdb-lookup");
        assert!(
            f.message
                .en
                .starts_with("the checksum database answered 410 for a module whose path the paste hides")
        );
        assert_eq!(f.fixes[0].posix(), "export GONOSUMDB=<private-modules>");
    }

    #[test]
    fn stays_silent_on_other_sumdb_failures() {
        let refused = "go: x@v1: verifying go.mod: x@v1/go.mod: Get \"https://sum.golang.org/lookup/x@v1\": dial tcp 1.2.3.4:443: connect: connection refused\n";
        assert!(!crate::rules::test_support::rules(refused).contains(&"private-module-sumdb-lookup"));
    }
}
