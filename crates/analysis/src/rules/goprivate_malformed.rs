//! `goprivate-malformed`: GOPRIVATE, GONOPROXY, GONOSUMDB or GOINSECURE is written in a form
//! that matches no module path: a URL, a `.git` suffix, `;` separators.

use super::{Facts, Rule};
use crate::finding::{Cause, Finding, Fix, Hole, Hop, Severity, Word};
use gmd_golog::{EventKind, Target};

pub(crate) const RULE: Rule = Rule {
    id: "goprivate-malformed",
    cause: Cause::GoproxyEnvMalformed,
    hop: Hop::Config,
    title: "A private-module pattern is written as something other than a module path",
    explanation: "GOPRIVATE, GONOPROXY, GONOSUMDB and GOINSECURE hold comma-separated glob patterns matched against module path prefixes (`git.corp.example`, `*.corp.example`, `github.com/acme`). A URL (`https://git.corp.example`), a `.git` suffix or a `;` separator matches nothing, so private modules still go to the public proxy and checksum database.",
    title_zh: "私有模块模式写成了模块路径以外的形式",
    explanation_zh: "GOPRIVATE、GONOPROXY、GONOSUMDB 和 GOINSECURE 是逗号分隔的通配模式，与模块路径的前缀匹配（`git.corp.example`、`*.corp.example`、`github.com/acme`）。写成 URL（`https://git.corp.example`）、带 `.git` 后缀或用 `;` 分隔都匹配不到任何东西，私有模块仍会发往公共代理和校验和数据库。",
    reference: "https://go.dev/ref/mod#private-modules",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        NotPatterns { key: String, value: String } =>
            "`{key}={value}` is not a module path pattern and matches nothing",
            "`{key}={value}` 不是模块路径模式，匹配不到任何东西";
    }
    enum Do {
        Patterns { key: String } => "Write {key} as module path patterns", "把 {key} 写成模块路径模式";
    }
}

const KEYS: &[&str] = &["GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE"];

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for key in KEYS {
        let Some(var) = facts.var(key) else { continue };
        let Some(corrected) = corrected(&var.value) else {
            continue;
        };
        // The mistake matters when a private module was sent to a public proxy or sumdb.
        let leaks = facts.events_where(|k| {
            matches!(
                k,
                EventKind::HttpStatus {
                    status: 404 | 410,
                    target: Target::ModuleProxy | Target::ChecksumDb,
                    ..
                }
            )
        });
        let leaks: Vec<_> = leaks
            .into_iter()
            .filter(|e| {
                e.module
                    .as_deref()
                    .is_some_and(|m| gmd_semantics::pattern::match_prefix_patterns(&corrected, m))
            })
            .collect();
        let severity = if leaks.is_empty() {
            Severity::Warning
        } else {
            Severity::Error
        };
        let mut evidence = vec![facts.evidence(var.line)];
        evidence.extend(facts.events_evidence(leaks.iter().copied()));
        findings.push(rule.finding(
            severity,
            &Msg::NotPatterns {
                key: (*key).to_owned(),
                value: var.value.clone(),
            },
            evidence,
            vec![Fix::set(
                &Do::Patterns { key: (*key).to_owned() },
                key,
                super::common::patterns_word(corrected.split(',')).unwrap_or_else(|| Word::hole(Hole::PrivateModules)),
            )],
        ));
    }
    findings
}

/// The pattern list the user meant, when theirs has a URL scheme, user info, a `.git`
/// suffix, `;` separators or spaces (cmd/go does not trim them).
fn corrected(value: &str) -> Option<String> {
    let suspicious = value.contains("://")
        || value.contains(';')
        || value.contains(' ')
        || value.contains('@')
        || value.split(',').any(|p| p.trim_end_matches('/').ends_with(".git"));
    if !suspicious {
        return None;
    }
    let fixed: Vec<String> = value
        .split([',', ';'])
        .map(|p| {
            let p = p.trim();
            let p = p.split_once("://").map_or(p, |(_, rest)| rest);
            // `path@branch` (or `@version`) keeps the path; `user@host` keeps the host, and
            // scp-like `git@host:group/repo` reads as `host/group/repo`.
            let p = match p.split_once('@') {
                Some((path, _)) if path.contains('/') => path.to_owned(),
                Some((_, host)) => match host.split_once(':') {
                    Some((h, rest)) if !rest.starts_with(|c: char| c.is_ascii_digit()) => format!("{h}/{rest}"),
                    _ => host.to_owned(),
                },
                None => p.to_owned(),
            };
            let p = p.trim_end_matches('/');
            p.strip_suffix(".git").unwrap_or(p).to_owned()
        })
        .filter(|p| !p.is_empty())
        .collect();
    let fixed = fixed.join(",");
    (!fixed.is_empty() && fixed != value).then_some(fixed)
}

#[cfg(test)]
mod tests {
    use super::corrected;
    use crate::rules::test_support::{check, finding};

    #[test]
    fn fires_on_urls_and_bad_separators() {
        let log = "GOPRIVATE='https://git.corp.example'\ngo: git.corp.example/platform/auth@v1.2.0: reading https://proxy.golang.org/git.corp.example/platform/auth/@v/v1.2.0.mod: 404 Not Found\n\tserver response: not found: unrecognized import path \"git.corp.example/platform/auth\"\n";
        let rules = crate::rules::test_support::rules(log);
        assert_eq!(rules[0], "goprivate-malformed");
        assert_eq!(
            finding(log, "goprivate-malformed").fixes[0].posix(),
            "export GOPRIVATE=git.corp.example"
        );
        check(
            "GONOSUMDB='git.corp.example;github.com/acme'\n",
            &["goprivate-malformed goproxy_env_malformed warning lines=1 fixes=safe"],
        );
        assert_eq!(
            corrected("https://gitlab.corp.example/team/repo.git, github.com/acme"),
            Some("gitlab.corp.example/team/repo,github.com/acme".into())
        );
        assert_eq!(corrected("git@github.com:acme"), Some("github.com/acme".into()));
        // A branch or a version after `@` is not the host: the path stays.
        assert_eq!(
            corrected("gitlab.com/example@develop"),
            Some("gitlab.com/example".into())
        );
        assert_eq!(
            corrected("user:token@git.corp.example:8443"),
            Some("git.corp.example:8443".into())
        );
    }

    #[test]
    fn stays_silent_on_patterns() {
        check(
            "GOPRIVATE='git.corp.example,*.internal.example,github.com/acme/*'\n",
            &[],
        );
        check("GONOSUMDB=''\n", &[]);
        assert_eq!(corrected("git.corp.example/team"), None);
    }
}
