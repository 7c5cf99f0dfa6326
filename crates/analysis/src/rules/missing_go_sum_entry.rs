//! `missing-go-sum-entry`: go.sum lacks a line the build needs.

use super::{Facts, Rule};
use crate::finding::{Cause, Command, Finding, Fix, Hop, Kind, Severity, Step, Word};
use gmd_golog::EventKind;

pub(crate) const RULE: Rule = Rule {
    id: "missing-go-sum-entry",
    cause: Cause::MissingGoSumEntry,
    hop: Hop::LocalCache,
    title: "go.sum is missing entries",
    explanation: "Since Go 1.16 builds run with `-mod=readonly`: they never update go.mod or go.sum, and fail when a needed hash is missing — after go.mod was edited by hand, when go.sum was not committed, or in CI. Run `go mod tidy` (or `go mod download <module>`) and commit go.sum.",
    title_zh: "go.sum 缺少条目",
    explanation_zh: "从 Go 1.16 起，构建以 `-mod=readonly` 运行：不会更新 go.mod 或 go.sum，缺少所需的哈希时就失败——手动编辑 go.mod 之后、go.sum 没有提交时，或在 CI 中。运行 `go mod tidy`（或 `go mod download <模块>`）并提交 go.sum。",
    reference: "https://go.dev/ref/mod#go-sum-files",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Missing => "go.sum has no hash for a module the build needs", "go.sum 中没有构建所需模块的哈希";
    }
    enum Do {
        Tidy => "Add the missing hashes, then commit go.sum", "补上缺少的哈希，然后提交 go.sum";
        Download => "Or only download what go.mod lists", "或者只下载 go.mod 中列出的内容";
        Suggested => "Or run what the go command suggests", "或者运行 go 命令建议的命令";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events = facts.events_where(|k| matches!(k, EventKind::MissingGoSum));
    if events.is_empty() {
        return Vec::new();
    }
    // The go command prints the command that adds the line (`to add:` then `go mod download
    // M` or `go get P`) on the next line.
    // Read as typed words: only module paths (with a version) and flags reach the command.
    let suggested = events
        .iter()
        .find_map(|e| suggested_command(facts.split.line(e.line + 1)));
    let fixes = vec![
        Fix::go(&Do::Tidy, &["mod", "tidy"]),
        match suggested {
            Some(command) => Fix::safe(&Do::Suggested, command),
            None => Fix::go(&Do::Download, &["mod", "download"]),
        },
    ];
    vec![rule.finding(
        Severity::Error,
        &Msg::Missing,
        facts.events_evidence(events.iter().copied()),
        fixes,
    )]
}

/// `go mod download M...` or `go get P...` as the go command prints it after `to add:`, when
/// every argument is a module or package path (with `@version`) or a flag.
fn suggested_command(line: &str) -> Option<Command> {
    let mut words = line.split_whitespace();
    let (lead, rest): (&[&'static str], Vec<&str>) = match (words.next()?, words.next()?) {
        ("go", "get") => (&["get"], words.collect()),
        ("go", "mod") if words.next()? == "download" => (&["mod", "download"], words.collect()),
        _ => return None,
    };
    if rest.is_empty() {
        return None;
    }
    let args: Option<Vec<Word>> = rest
        .iter()
        .map(|arg| match arg.split_once('@') {
            Some((path, query)) => Word::module_at(path, query),
            None if arg.starts_with('-') => Word::value(Kind::Flag, arg),
            None => Word::module(arg),
        })
        .collect();
    Some(Command::new(Step::go(
        lead.iter().map(|w| Word::lit(w)).chain(args?).collect(),
    )))
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::check;

    #[test]
    fn fires_on_missing_entries() {
        check(
            "main.go:4:2: missing go.sum entry for module providing package github.com/s/l (imported by example.com/app); to add:\n\tgo get example.com/app\n",
            &["missing-go-sum-entry missing_go_sum_entry error lines=1 fixes=safe,safe"],
        );
    }

    #[test]
    fn stays_silent_otherwise() {
        check("github.com/s/l v1.9.3 h1:abc=\n", &[]);
    }
}
