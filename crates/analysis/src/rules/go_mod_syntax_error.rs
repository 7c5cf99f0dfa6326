//! `go-mod-syntax-error`: go.mod cannot be parsed.

use super::{Facts, Rule};
use crate::finding::{Cause, Command, Finding, Fix, Hole, Hop, Os, Severity, Word};
use gmd_golog::EventKind;

pub(crate) const RULE: Rule = Rule {
    id: "go-mod-syntax-error",
    cause: Cause::GoModSyntaxError,
    hop: Hop::Config,
    title: "go.mod has a syntax error",
    explanation: "The go command parses go.mod before anything else and stops at an unknown directive (`requires` for `require`), a malformed module path, an unbalanced `(` block or a bad quoted string. Fix the line it names; `go mod edit -fmt` rewrites a file that parses into canonical form.",
    title_zh: "go.mod 有语法错误",
    explanation_zh: "go 命令在做任何事之前先解析 go.mod，遇到未知指令（把 `require` 写成 `requires`）、格式错误的模块路径、不配对的 `(` 块或错误的带引号字符串就会停下。修正它指出的那一行；对能解析的文件，`go mod edit -fmt` 会把它改写成规范格式。",
    reference: "https://go.dev/ref/mod#go-mod-file",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Error { detail: String } => "go.mod: `{detail}`", "go.mod 出错：`{detail}`";
    }
    enum Do {
        Directive { meant: String, word: String } =>
            "Write `{meant}` instead of `{word}`, then check the file",
            "写 `{meant}` 而不是 `{word}`，然后检查该文件";
        ModulePath =>
            "Give the module a valid path (lower case, no spaces; put yours in place of example.com/yourmodule)",
            "给模块一个有效的路径（小写、无空格；用你自己的路径替换 example.com/yourmodule）";
        FixLine =>
            "Fix the line named above, then let the go command check and format the file",
            "修正上面指出的那一行，然后让 go 命令检查并格式化该文件";
    }
}

/// Problems that belong to other rules: versions, and what only old toolchains reject.
fn belongs_elsewhere(message: &str) -> bool {
    message.contains("version") && message.contains("invalid")
        || message.contains("unknown directive: toolchain")
        || message.contains("unknown directive: godebug")
        || message.contains("must match format 1.23")
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events =
        facts.events_where(|k| matches!(k, EventKind::GoModError { message, .. } if !belongs_elsewhere(message)));
    let problems: Vec<_> = facts
        .gomod
        .iter()
        .flat_map(|m| m.problems.iter())
        .filter(|p| !belongs_elsewhere(&p.message) && !p.message.starts_with("replacement"))
        .collect();
    if events.is_empty() && problems.is_empty() {
        return Vec::new();
    }
    let mut evidence: Vec<_> = problems.iter().map(|p| facts.evidence(p.span.line)).collect();
    evidence.extend(facts.events_evidence(events.iter().copied()));
    crate::finding::Evidence::in_input_order(&mut evidence);
    evidence.dedup();
    let first = events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::GoModError { message, .. } => Some(message.clone()),
            _ => None,
        })
        .or_else(|| problems.first().map(|p| p.message.clone()))
        .unwrap_or_default();
    let mut fixes = Vec::new();
    if let Some(word) = first.strip_prefix("unknown directive: ")
        && let Some(meant) = ["require", "replace", "exclude", "retract", "toolchain", "godebug"]
            .iter()
            .find(|d| word.starts_with(*d) || d.starts_with(word))
        && let Some(rename) = Os::rename_keyword(word, meant)
    {
        // The misspelt word replaced where it starts a line of go.mod, then the file checked.
        fixes.push(Fix::safe(
            &Do::Directive {
                meant: (*meant).to_owned(),
                word: word.to_owned(),
            },
            Command::os(rename).and(Command::go(&["mod", "edit", "-fmt"])),
        ));
    }
    if first.contains("module") && (first.contains("usage") || first.contains("malformed module path")) {
        // `go mod edit -module` parses go.mod first and stops on the same line: rewrite it as text.
        // The path is the user's to choose: a hole.
        fixes.push(Fix::safe(
            &Do::ModulePath,
            Command::os(Os::SetGoModModule {
                path: Word::hole(Hole::ModulePath),
            })
            .and(Command::go(&["mod", "edit", "-fmt"])),
        ));
    }
    fixes.push(Fix::go(&Do::FixLine, &["mod", "edit", "-fmt"]));
    vec![rule.finding(Severity::Error, &Msg::Error { detail: first }, evidence, fixes)]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::check;

    #[test]
    fn fires_on_the_log_and_on_a_pasted_go_mod() {
        check(
            "module example.com/app\n\ngo 1.22\n\nrequires github.com/sirupsen/logrus v1.9.3\n",
            &["go-mod-syntax-error go_mod_syntax_error error lines=5 fixes=safe,safe"],
        );
        check(
            "go: errors parsing go.mod:\ngo.mod:1: usage: module module/path\n",
            &["go-mod-syntax-error go_mod_syntax_error error lines=2 fixes=safe,safe"],
        );
    }

    #[test]
    fn stays_silent_on_valid_files_and_on_other_rules_problems() {
        check(
            "module example.com/app\n\ngo 1.22\n\nrequire github.com/sirupsen/logrus v1.9.3\n",
            &[],
        );
        let versions = crate::rules::test_support::rules("module example.com/app\nrequire github.com/a/b master\n");
        assert!(!versions.contains(&"go-mod-syntax-error"), "{versions:?}");
    }
}
