//! `dead-mirror` (advice): GOPROXY names a mirror that no longer exists.

use super::{Facts, Rule, common};
use crate::finding::{Cause, Finding, Hop, Severity};
use gmd_semantics::proxy::{self, ProxyEntry};

pub(crate) const RULE: Rule = Rule {
    id: "dead-mirror",
    cause: Cause::Advice,
    hop: Hop::ModuleProxy,
    title: "GOPROXY names a mirror that has shut down",
    explanation: "Some once-popular mirrors are gone: JFrog's GoCenter (gocenter.io) shut down in 2021. Requests to them fail, and with `,` the go command does not move on to the next entry. Replace them.",
    title_zh: "GOPROXY 中的镜像已停止服务",
    explanation_zh: "一些曾经流行的镜像已经关闭：JFrog 的 GoCenter（gocenter.io）于 2021 年停止服务。对它们的请求会失败，而使用 `,` 分隔时 go 命令不会继续尝试下一项。请替换它们。",
    reference: "https://go.dev/ref/mod#environment-variables",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Retired { host: String, note: crate::finding::Text } =>
            "`{host}` in `GOPROXY` no longer exists: {note}",
            "`GOPROXY` 中的 `{host}` 已不存在：{note}";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let Some(var) = facts.var("GOPROXY") else {
        return Vec::new();
    };
    let Ok(list) = proxy::parse(&var.value) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|entry| match entry {
            ProxyEntry::Url { url, .. } => proxy::known_mirror(proxy::host(url)).filter(|m| !m.alive),
            _ => None,
        })
        .map(|mirror| {
            rule.finding(
                Severity::Info,
                &Msg::Retired {
                    host: mirror.host.to_owned(),
                    note: crate::finding::Text::new(mirror.note, mirror.note_zh),
                },
                vec![facts.evidence(var.line)],
                vec![
                    common::mirror_fix(facts, common::looks_like_china(facts)),
                    common::mirror_fix(facts, false),
                ],
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::check;

    #[test]
    fn fires_on_gocenter() {
        check(
            "GOPROXY='https://gocenter.io,direct'\n",
            &["dead-mirror advice info lines=1 fixes=safe,safe"],
        );
    }

    #[test]
    fn stays_silent_on_live_mirrors() {
        check("GOPROXY='https://goproxy.cn,direct'\n", &[]);
    }
}
