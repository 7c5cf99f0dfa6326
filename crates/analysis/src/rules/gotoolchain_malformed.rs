//! `gotoolchain-malformed`: GOTOOLCHAIN holds a value the go command refuses (`invalid
//! GOTOOLCHAIN "banana"`), and every command stops before it does anything.

use super::{Facts, Rule, common};
use crate::finding::{Cause, Finding, Fix, Hop, Severity, Word};
use gmd_golog::EventKind;

pub(crate) const RULE: Rule = Rule {
    id: "gotoolchain-malformed",
    cause: Cause::GoproxyEnvMalformed,
    hop: Hop::Config,
    title: "GOTOOLCHAIN is not a value the go command accepts",
    explanation: "Since Go 1.21 every go command reads GOTOOLCHAIN first: `local`, `auto`, `path`, a toolchain name such as `go1.22.1`, or a name with `+auto` or `+path` (`go1.22.1+auto`). Anything else stops it with `invalid GOTOOLCHAIN`. Unset it (the default is `auto`, or what $GOROOT/go.env says) or set one of those values.",
    title_zh: "GOTOOLCHAIN 不是 go 命令接受的值",
    explanation_zh: "从 Go 1.21 起，每个 go 命令都先读取 GOTOOLCHAIN：`local`、`auto`、`path`、`go1.22.1` 这样的工具链名称，或者带 `+auto` 或 `+path` 的名称（`go1.22.1+auto`）。其他值都会让它以 `invalid GOTOOLCHAIN` 停下。取消设置它（默认是 `auto`，或 $GOROOT/go.env 中写的值），或者设成上面的某个值。",
    reference: "https://go.dev/doc/toolchain#select",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Refused { message: String } =>
            "the go command refuses the GOTOOLCHAIN setting: `{message}`",
            "go 命令拒绝了 GOTOOLCHAIN 的设置：`{message}`";
    }
    enum Do {
        Unset => "Remove GOTOOLCHAIN, so the default applies", "删除 GOTOOLCHAIN，使用默认值";
        Auto =>
            "Or let the go command pick the toolchain go.mod asks for",
            "或者让 go 命令使用 go.mod 要求的工具链";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events = facts.events_where(|k| matches!(k, EventKind::GotoolchainInvalid { .. }));
    let Some(EventKind::GotoolchainInvalid { message }) = events.first().map(|e| &e.kind) else {
        return Vec::new();
    };
    let mut evidence: Vec<_> = facts
        .var("GOTOOLCHAIN")
        .map(|v| facts.evidence(v.line))
        .into_iter()
        .collect();
    evidence.extend(facts.events_evidence(events.iter().copied()));
    let fixes = vec![
        common::unset(&Do::Unset, "GOTOOLCHAIN"),
        Fix::set(&Do::Auto, "GOTOOLCHAIN", Word::lit("auto")),
    ];
    vec![rule.finding(
        Severity::Error,
        &Msg::Refused {
            message: message.clone(),
        },
        evidence,
        fixes,
    )]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, finding};

    #[test]
    fn fires_on_a_value_the_go_command_refuses() {
        check(
            "go: invalid GOTOOLCHAIN \"banana\"\n",
            &["gotoolchain-malformed goproxy_env_malformed error lines=1 fixes=safe,safe"],
        );
        let f = finding(
            "GOTOOLCHAIN='go1.22+local'\ngo: invalid GOTOOLCHAIN \"go1.22+local\": only version suffixes are +auto and +path\n",
            "gotoolchain-malformed",
        );
        assert_eq!(f.evidence.len(), 2);
        assert_eq!(f.fixes[0].posix(), "unset GOTOOLCHAIN");
        assert_eq!(f.fixes[0].go_env_w().as_deref(), Some("go env -u GOTOOLCHAIN"));
    }
}
