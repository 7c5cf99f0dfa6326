//! `goproxy-malformed`: GOPROXY is not a list the go command can use.

use super::{Facts, Rule};
use crate::finding::{Cause, Finding, Fix, Hop, Severity};
use gmd_golog::EventKind;
use gmd_semantics::proxy;

pub(crate) const RULE: Rule = Rule {
    id: "goproxy-malformed",
    cause: Cause::GoproxyEnvMalformed,
    hop: Hop::Config,
    title: "GOPROXY is malformed",
    explanation: "GOPROXY is a list of proxy URLs separated by `,` (fall back on 404 or 410) or `|` (fall back on any error), optionally ending in `direct` or `off`. A single word other than `direct` or `off`, stray quotes, a `;` separator or an empty list make every download fail before any request is sent, or send it to a host that does not exist.",
    title_zh: "GOPROXY 格式错误",
    explanation_zh: "GOPROXY 是代理地址列表，用 `,`（遇到 404 或 410 时换下一项）或 `|`（遇到任何错误都换下一项）分隔，可以以 `direct` 或 `off` 结尾。除 `direct` 或 `off` 之外的单个词、多余的引号、用 `;` 分隔或空列表，会让每次下载在发出请求前就失败，或把请求发往不存在的主机。",
    reference: "https://go.dev/ref/mod#environment-variables",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Problem { value: String, reason: Reason } => "`GOPROXY={value}` {reason}", "`GOPROXY={value}` {reason}";
        Rejected => "the go command rejects the `GOPROXY` list", "go 命令拒绝了这个 `GOPROXY` 列表";
    }
    enum Reason {
        Quotes =>
            "contains quotes, which become part of the URL",
            "含有引号，它们会变成 URL 的一部分";
        Semicolon =>
            "uses `;`, which is no separator: write `,` or `|`",
            "用了 `;`，它不是分隔符：请写 `,` 或 `|`";
        Rejected { error: String } => "is rejected: `{error}`", "被拒绝：`{error}`";
    }
    enum Do {
        Correct => "Correct the list", "修正这个列表";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events = facts.events_where(|k| match k {
        EventKind::GoproxyInvalid { .. } => true,
        // `GOPROXY=https://goproxy.cn;direct` is one URL whose host has a `;` in it.
        EventKind::Fetch { host, .. } => host.contains(';') || host.contains('"') || host.contains(' '),
        _ => false,
    });
    let setting = facts.var("GOPROXY");
    let problem = setting.and_then(|v| diagnose(&v.value));
    if events.is_empty() && problem.is_none() {
        return Vec::new();
    }
    let mut evidence: Vec<_> = setting.map(|v| facts.evidence(v.line)).into_iter().collect();
    evidence.extend(facts.events_evidence(events.iter().copied()));
    let severity = if events.is_empty() {
        Severity::Warning
    } else {
        Severity::Error
    };
    let (message, corrected) = match (problem, setting) {
        (Some((reason, corrected)), Some(var)) => (
            Msg::Problem {
                value: var.value.clone(),
                reason,
            },
            corrected,
        ),
        _ => (Msg::Rejected, None),
    };
    let mut fixes = Vec::new();
    if let Some(corrected) = corrected {
        fixes.push(Fix::set(
            &Do::Correct,
            "GOPROXY",
            super::common::goproxy_word(&corrected),
        ));
    }
    fixes.push(super::common::mirror_fix(facts, super::common::looks_like_china(facts)));
    vec![rule.finding(severity, &message, evidence, fixes)]
}

/// What is wrong with a GOPROXY value and, when it can be guessed, the value meant.
fn diagnose(value: &str) -> Option<(Reason, Option<String>)> {
    let unquoted = value.trim_matches(|c| c == '"' || c == '\'');
    if unquoted != value && !unquoted.is_empty() {
        return Some((Reason::Quotes, Some(unquoted.to_owned())));
    }
    if value.contains(';') {
        return Some((Reason::Semicolon, Some(value.replace(';', ","))));
    }
    match proxy::parse(value) {
        Ok(_) => None,
        Err(error) => {
            let corrected = value
                .split(',')
                .map(|entry| match entry.trim() {
                    "drect" | "dierct" | "direkt" | "Direct" | "DIRECT" | "dirct" => "direct",
                    "Off" | "OFF" => "off",
                    other => other,
                })
                .filter(|e| !e.is_empty())
                .collect::<Vec<_>>()
                .join(",");
            let corrected =
                (!corrected.is_empty() && proxy::parse(&corrected).is_ok() && corrected != value).then_some(corrected);
            Some((Reason::Rejected { error: error.message() }, corrected))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, finding};

    #[test]
    fn fires_on_each_kind_of_mistake() {
        check(
            "GOPROXY='https://goproxy.cn,drect'\ngo: x.example/m@v1.0.0: invalid proxy URL missing scheme: drect\n",
            &["goproxy-malformed goproxy_env_malformed error lines=1,2 fixes=safe,safe"],
        );
        assert_eq!(
            finding("GOPROXY='https://goproxy.cn,drect'", "goproxy-malformed").fixes[0].posix(),
            "export GOPROXY=https://goproxy.cn,direct"
        );
        check(
            "GOPROXY=','\n",
            &["goproxy-malformed goproxy_env_malformed warning lines=1 fixes=safe"],
        );
        let quoted = finding("GOPROXY='\"https://proxy.golang.org,direct\"'", "goproxy-malformed");
        assert_eq!(
            quoted.fixes[0].posix(),
            "export GOPROXY=https://proxy.golang.org,direct"
        );
        check(
            "go: x.example/m@v1: Get \"https://goproxy.cn;direct/x.example/m/@v/v1.mod\": dial tcp: lookup goproxy.cn;direct: no such host\n",
            &[
                "goproxy-malformed goproxy_env_malformed error lines=1 fixes=safe",
                "dns-failure dns_failure error lines=1 fixes=safe,safe,safe",
            ],
        );
    }

    #[test]
    fn stays_silent_on_valid_lists() {
        for ok in [
            "https://goproxy.cn,direct",
            "goproxy.cn|direct",
            "off",
            "direct",
            "",
            "https://a.example|https://b.example,direct",
        ] {
            check(
                &format!("GOPROXY='{ok}'\n"),
                if ok == "off" {
                    &["proxy-off proxy_off warning lines=1 fixes=safe,safe,safe"]
                } else {
                    &[]
                },
            );
        }
    }
}
