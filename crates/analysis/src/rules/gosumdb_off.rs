//! `gosumdb-off` (advice): the checksum database is switched off.

use super::{Facts, Rule};
use crate::finding::{Cause, Finding, Fix, Hole, Hop, Severity, Word};

pub(crate) const RULE: Rule = Rule {
    id: "gosumdb-off",
    cause: Cause::Advice,
    hop: Hop::ChecksumDb,
    title: "The checksum database is switched off",
    explanation: "With GOSUMDB=off the go command trusts whatever a proxy or repository sends the first time a module version is downloaded; nothing checks that you get the same bytes as everyone else. It is usually set to get past an unreachable sum.golang.org or a private module: `sum.golang.google.cn` and GONOSUMDB/GOPRIVATE solve those without giving up the protection.",
    title_zh: "校验和数据库被关闭了",
    explanation_zh: "GOSUMDB=off 时，go 命令首次下载某个模块版本时会信任代理或仓库发来的任何内容；没有任何东西检查你拿到的和其他人是否相同。通常是为了绕过无法访问的 sum.golang.org 或私有模块才这样设置：`sum.golang.google.cn` 以及 GONOSUMDB/GOPRIVATE 能解决这些问题，而不必放弃这层保护。",
    reference: "https://go.dev/ref/mod#checksum-database",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Off => "`GOSUMDB=off`: downloaded modules are not verified", "`GOSUMDB=off`：下载的模块不经校验";
    }
    enum Do {
        On => "Turn the checksum database back on", "重新打开校验和数据库";
        Alias => "In mainland China, use its reachable alias", "在中国大陆，使用可以访问的别名";
        ExemptPrivate => "Exempt only private modules", "只豁免私有模块";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let Some(var) = facts.var("GOSUMDB").filter(|v| v.value.trim() == "off") else {
        return Vec::new();
    };
    let fixes = vec![
        Fix::set(&Do::On, "GOSUMDB", Word::lit("sum.golang.org")),
        Fix::set(&Do::Alias, "GOSUMDB", Word::lit("sum.golang.google.cn")),
        Fix::set(&Do::ExemptPrivate, "GONOSUMDB", Word::hole(Hole::PrivateModules)),
    ];
    vec![rule.finding(Severity::Info, &Msg::Off, vec![facts.evidence(var.line)], fixes)]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::check;

    #[test]
    fn fires_on_off() {
        check(
            "GOSUMDB='off'\n",
            &["gosumdb-off advice info lines=1 fixes=safe,safe,safe"],
        );
    }

    #[test]
    fn stays_silent_otherwise() {
        check("GOSUMDB='sum.golang.org'\n", &[]);
    }
}
