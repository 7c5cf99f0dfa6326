//! `goflags-malformed`: GOFLAGS holds a word the go command cannot parse, so every command
//! stops with `go: parsing $GOFLAGS: …`.

use super::{Facts, Rule, common};
use crate::finding::{Cause, Finding, Fix, Hop, Severity};
use gmd_golog::EventKind;
use gmd_semantics::flags::{self, FlagsError};

pub(crate) const RULE: Rule = Rule {
    id: "goflags-malformed",
    cause: Cause::GoproxyEnvMalformed,
    hop: Hop::Config,
    title: "GOFLAGS cannot be parsed",
    explanation: "Every go command reads GOFLAGS first and stops at a word that is not a flag (`mod=mod` instead of `-mod=mod`) or a flag no go command knows. Quotes only count at the start of a word, so `-tags='a b'` is two words. Fix the value or remove it.",
    title_zh: "GOFLAGS 无法解析",
    explanation_zh: "每个 go 命令都先读取 GOFLAGS，遇到不是标志的词（写成 `mod=mod` 而不是 `-mod=mod`）或任何 go 命令都不认识的标志就会停下。引号只在词的开头才起作用，所以 `-tags='a b'` 是两个词。修正或删除这个值。",
    reference: "https://go.dev/cmd/go/#hdr-Environment_variables",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Stops { value: String, error: String } =>
            "`GOFLAGS={value}` stops every go command: `{error}`",
            "`GOFLAGS={value}` 让每个 go 命令都停下：`{error}`";
        Unparsable => "the go command cannot parse `GOFLAGS`", "go 命令无法解析 `GOFLAGS`";
    }
    enum Do {
        Dash { word: String } =>
            "Write the flag with its dash: `-{word}`",
            "给这个参数加上短横线：`-{word}`";
        Remove => "Remove GOFLAGS", "删除 GOFLAGS";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events = facts.events_where(|k| matches!(k, EventKind::GoflagsInvalid { .. }));
    let setting = facts.var("GOFLAGS");
    let parse_error = setting.and_then(|v| flags::parse(&v.value).err());
    if events.is_empty() && parse_error.is_none() {
        return Vec::new();
    }
    let mut evidence: Vec<_> = setting.map(|v| facts.evidence(v.line)).into_iter().collect();
    evidence.extend(facts.events_evidence(events.iter().copied()));
    let severity = if events.is_empty() {
        Severity::Warning
    } else {
        Severity::Error
    };
    let message = match (&parse_error, setting) {
        (Some(error), Some(var)) => Msg::Stops {
            value: var.value.clone(),
            error: error.message().trim_start_matches("go: ").to_owned(),
        },
        _ => Msg::Unparsable,
    };
    let mut fixes = Vec::new();
    if let (Some(FlagsError::NonFlag(word)), Some(var)) = (&parse_error, setting)
        && !word.starts_with('-')
        && word.contains('=')
    {
        let fixed = var.value.replace(word.as_str(), &format!("-{word}"));
        if let Some(value) = common::flags_word(fixed.split_whitespace()) {
            fixes.push(Fix::set(&Do::Dash { word: word.clone() }, "GOFLAGS", value));
        }
    }
    fixes.push(common::unset(&Do::Remove, "GOFLAGS"));
    vec![rule.finding(severity, &message, evidence, fixes)]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, finding};

    #[test]
    fn fires_on_the_log_and_on_the_setting() {
        check(
            "GOFLAGS='mod=mod'\ngo: parsing $GOFLAGS: non-flag \"mod=mod\"\n",
            &["goflags-malformed goproxy_env_malformed error lines=1,2 fixes=safe,safe"],
        );
        check(
            "GOFLAGS='-modd=mod'\n",
            &["goflags-malformed goproxy_env_malformed warning lines=1 fixes=safe"],
        );
        check(
            "go: parsing $GOFLAGS: unknown flag -modd\n",
            &["goflags-malformed goproxy_env_malformed error lines=1 fixes=safe"],
        );
        let f = finding("GOFLAGS='mod=mod'\n", "goflags-malformed");
        assert_eq!(f.fixes[0].posix(), "export GOFLAGS=-mod=mod");
        assert_eq!(
            f.message.en,
            "`GOFLAGS=mod=mod` stops every go command: `parsing $GOFLAGS: non-flag \"mod=mod\"`"
        );
    }

    #[test]
    fn stays_silent_on_valid_flags() {
        check("GOFLAGS='-mod=mod -modcacherw'\nGOFLAGS2=x\n", &[]);
        check("GOFLAGS=''\n", &[]);
    }
}
