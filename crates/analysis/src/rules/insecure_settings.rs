//! `insecure-settings` (advice): GOINSECURE, GONOSUMCHECK or GOFLAGS=-insecure weaken
//! verification.

use super::{Facts, Rule};
use crate::finding::{Cause, Finding, Fix, Hop, Severity};

pub(crate) const RULE: Rule = Rule {
    id: "insecure-settings",
    cause: Cause::Advice,
    hop: Hop::Config,
    title: "A setting turns off transport or checksum security",
    explanation: "GOINSECURE lets matching modules be fetched over plain HTTP or with unverified certificates and skips their checksum verification; `-insecure` in GOFLAGS did the same for everything before Go 1.22 removed it. They are meant for a lab, not for getting past a corporate TLS proxy: install its root certificate instead.",
    title_zh: "某个设置关闭了传输或校验和安全",
    explanation_zh: "GOINSECURE 允许匹配的模块通过明文 HTTP 或未验证的证书获取，并跳过它们的校验和验证；GOFLAGS 中的 `-insecure` 在 Go 1.22 移除它之前对所有模块都这样做。它们是给实验环境用的，不是用来绕过公司 TLS 代理的：请安装该代理的根证书。",
    reference: "https://go.dev/ref/mod#environment-variables",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Goinsecure { value: String } =>
            "`GOINSECURE={value}` skips TLS and checksum verification for those modules",
            "`GOINSECURE={value}` 对这些模块跳过 TLS 和校验和验证";
        InsecureFlag =>
            "`-insecure` in `GOFLAGS` turns off verification (and newer Go rejects the flag)",
            "`GOFLAGS` 中的 `-insecure` 关闭了验证（较新的 Go 会拒绝这个参数）";
    }
    enum Do {
        RemoveGoinsecure =>
            "Remove GOINSECURE once the certificate problem is solved",
            "证书问题解决后，删除 GOINSECURE";
        RemoveInsecureFlag => "Remove -insecure from GOFLAGS", "从 GOFLAGS 中删除 -insecure";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    if let Some(var) = facts.var("GOINSECURE").filter(|v| !v.value.is_empty()) {
        findings.push(rule.finding(
            Severity::Info,
            &Msg::Goinsecure {
                value: var.value.clone(),
            },
            vec![facts.evidence(var.line)],
            vec![super::common::unset(&Do::RemoveGoinsecure, "GOINSECURE")],
        ));
    }
    if let Some(var) = facts
        .var("GOFLAGS")
        .filter(|v| v.value.split_whitespace().any(|w| w == "-insecure"))
    {
        findings.push(rule.finding(
            Severity::Info,
            &Msg::InsecureFlag,
            vec![facts.evidence(var.line)],
            vec![
                match super::common::flags_word(var.value.split_whitespace().filter(|w| *w != "-insecure")) {
                    Some(rest) => Fix::set(&Do::RemoveInsecureFlag, "GOFLAGS", rest),
                    None => super::common::unset(&Do::RemoveInsecureFlag, "GOFLAGS"),
                },
            ],
        ));
    }
    findings
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::check;

    #[test]
    fn fires_on_insecure_settings() {
        check(
            "GOINSECURE='*.corp.example'\n",
            &["insecure-settings advice info lines=1 fixes=safe"],
        );
        check(
            "GOFLAGS='-insecure -mod=mod'\n",
            &["insecure-settings advice info lines=1 fixes=safe"],
        );
    }

    #[test]
    fn stays_silent_otherwise() {
        check("GOINSECURE=''\nGOFLAGS='-mod=mod'\n", &[]);
    }
}
