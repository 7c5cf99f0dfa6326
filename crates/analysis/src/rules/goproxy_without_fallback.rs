//! `goproxy-without-fallback` (advice): one mirror and nothing after it.

use super::{Facts, Rule};
use crate::finding::{Cause, Finding, Fix, Hop, Severity, Word};
use gmd_semantics::proxy::{self, ProxyEntry};

pub(crate) const RULE: Rule = Rule {
    id: "goproxy-without-fallback",
    cause: Cause::Advice,
    hop: Hop::ModuleProxy,
    title: "GOPROXY has a single public mirror and no fallback",
    explanation: "With only one public mirror in GOPROXY, any module or version it lacks or fails to fetch is an error. Adding `,direct` lets the go command fetch such modules from their repositories; `|` also falls back when the mirror is down.",
    title_zh: "GOPROXY 只有一个公共镜像，没有后备",
    explanation_zh: "GOPROXY 中只有一个公共镜像时，它缺少或取不到的任何模块或版本都会报错。加上 `,direct` 可以让 go 命令直接从仓库获取这些模块；用 `|` 则在镜像宕机时也会换下一项。",
    reference: "https://go.dev/ref/mod#environment-variables",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        NoFallback { value: String } => "`GOPROXY={value}` has no fallback", "`GOPROXY={value}` 没有后备";
    }
    enum Do {
        Direct =>
            "Fall back to the repositories for what the mirror lacks",
            "镜像缺少的模块回退到从仓库获取";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let Some(var) = facts.var("GOPROXY") else {
        return Vec::new();
    };
    let Ok(list) = proxy::parse(&var.value) else {
        return Vec::new();
    };
    let [ProxyEntry::Url { url, .. }] = list.as_slice() else {
        return Vec::new();
    };
    if !crate::facts::is_public_proxy(proxy::host(url)) {
        return Vec::new(); // A company proxy alone is often deliberate.
    }
    let fixes = vec![Fix::set(
        &Do::Direct,
        "GOPROXY",
        Word::join(vec![super::common::goproxy_word(&var.value), Word::lit(",direct")]),
    )];
    vec![rule.finding(
        Severity::Info,
        &Msg::NoFallback {
            value: var.value.clone(),
        },
        vec![facts.evidence(var.line)],
        fixes,
    )]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::check;

    #[test]
    fn fires_on_a_lone_public_mirror() {
        check(
            "GOPROXY='https://goproxy.cn'\n",
            &["goproxy-without-fallback advice info lines=1 fixes=safe"],
        );
    }

    #[test]
    fn stays_silent_with_a_fallback_or_a_company_proxy() {
        check("GOPROXY='https://goproxy.cn,direct'\n", &[]);
        check("GOPROXY='https://athens.corp.example'\n", &[]);
    }
}
