//! `gosumdb-malformed`: GOSUMDB names no usable checksum database.

use super::{Facts, Rule};
use crate::finding::{Cause, Finding, Fix, Hop, Severity, Word};
use gmd_golog::EventKind;

pub(crate) const RULE: Rule = Rule {
    id: "gosumdb-malformed",
    cause: Cause::GoproxyEnvMalformed,
    hop: Hop::Config,
    title: "GOSUMDB is malformed",
    explanation: "GOSUMDB is `sum.golang.org` (the default), `sum.golang.google.cn` (the same database, reachable in mainland China), `off`, or `name+hash+key [url]` for another database. A truncated or mistyped key makes every checksum verification fail with `invalid GOSUMDB`.",
    title_zh: "GOSUMDB 格式错误",
    explanation_zh: "GOSUMDB 可以是 `sum.golang.org`（默认）、`sum.golang.google.cn`（同一个数据库，在中国大陆可访问）、`off`，或表示其他数据库的 `name+hash+key [url]`。密钥被截断或写错，会让每次校验都以 `invalid GOSUMDB` 失败。",
    reference: "https://go.dev/ref/mod#checksum-database",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Rejected { value: String, error: String } =>
            "`GOSUMDB={value}` is rejected: `{error}`",
            "`GOSUMDB={value}` 被拒绝：`{error}`";
        RejectedUnknown => "the go command rejects `GOSUMDB`", "go 命令拒绝了 `GOSUMDB`";
    }
    enum Do {
        Default => "Use the default checksum database", "使用默认的校验和数据库";
        Alias => "In mainland China, use its reachable alias", "在中国大陆，使用可以访问的别名";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events = facts.events_where(|k| matches!(k, EventKind::GosumdbInvalid { .. }));
    let setting = facts.var("GOSUMDB");
    let error = setting.and_then(|v| gmd_semantics::sumdb::parse(&v.value).err());
    if events.is_empty() && error.is_none() {
        return Vec::new();
    }
    let mut evidence: Vec<_> = setting.map(|v| facts.evidence(v.line)).into_iter().collect();
    evidence.extend(facts.events_evidence(events.iter().copied()));
    let severity = if events.is_empty() {
        Severity::Warning
    } else {
        Severity::Error
    };
    let message = match (error, setting) {
        (Some(error), Some(var)) => Msg::Rejected {
            value: var.value.clone(),
            error: error.to_string(),
        },
        _ => Msg::RejectedUnknown,
    };
    let fixes = vec![
        Fix::set(&Do::Default, "GOSUMDB", Word::lit("sum.golang.org")),
        Fix::set(&Do::Alias, "GOSUMDB", Word::lit("sum.golang.google.cn")),
    ];
    vec![rule.finding(severity, &message, evidence, fixes)]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::check;

    #[test]
    fn fires_on_bad_keys() {
        check(
            "GOSUMDB='sum.golang.org+033de0ae'\ngo: x.example/m@v1.0.0: verifying go.mod: invalid GOSUMDB: malformed verifier id\n",
            &["gosumdb-malformed goproxy_env_malformed error lines=1,2 fixes=safe,safe"],
        );
        check(
            "GOSUMDB='a b c'\n",
            &["gosumdb-malformed goproxy_env_malformed warning lines=1 fixes=safe,safe"],
        );
    }

    #[test]
    fn stays_silent_on_valid_databases() {
        for ok in [
            "sum.golang.org",
            "sum.golang.google.cn",
            "",
            "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8",
        ] {
            check(&format!("GOSUMDB='{ok}'\n"), &[]);
        }
    }
}
