//! `replace-directive-problem`: a `replace` points at something that is not there.

use super::{Facts, Rule, common};
use crate::finding::{Cause, Command, Finding, Fix, Hole, Hop, Kind, Severity, Step, Word};
use gmd_golog::EventKind;

pub(crate) const RULE: Rule = Rule {
    id: "replace-directive-problem",
    cause: Cause::ReplaceDirectiveProblem,
    hop: Hop::Config,
    title: "A replace directive points at something that does not exist",
    explanation: "A `replace` with a directory target needs that directory, with a go.mod in it, relative to the main module; one with a module target needs that module and version. Only the main module's replace directives apply: those of dependencies are ignored. Fix the path, add the go.mod, or remove the replace.",
    title_zh: "replace 指令指向的目标不存在",
    explanation_zh: "目标是目录的 `replace` 需要该目录（相对于主模块）存在且其中有 go.mod；目标是模块的需要该模块及版本存在。只有主模块的 replace 指令生效：依赖中的会被忽略。修正路径、补上 go.mod，或删除这条 replace。",
    reference: "https://go.dev/ref/mod#go-mod-file-replace",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Missing { dir: String } =>
            "the replacement directory `{dir}` does not exist",
            "替换目录 `{dir}` 不存在";
        NoGoMod { dir: String } =>
            "the replacement directory `{dir}` has no go.mod",
            "替换目录 `{dir}` 中没有 go.mod";
        Refused { detail: String } =>
            "the go command refuses a replace directive: {detail}",
            "go 命令拒绝了一条 replace 指令：“{detail}”";
        Placeholder { module: String } =>
            "`{module}` is required at the placeholder version v0.0.0-00010101000000-000000000000, which only a replace directive can supply (a dependency's replace does not apply to you)",
            "`{module}` 被要求使用占位版本 v0.0.0-00010101000000-000000000000，只有 replace 指令才能提供它（依赖中的 replace 对你不生效）";
    }
    enum Do {
        Init => "Give the replacement its own go.mod", "给替换目标加上它自己的 go.mod";
        Drop =>
            "Or remove the replace and use the published module",
            "或者删除 replace，使用已发布的模块";
        Pin { module: String } =>
            "Require a published version of {module} instead of the placeholder",
            "改为要求 {module} 的一个已发布版本，而不是占位版本";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events = facts.events_where(|k| {
        matches!(
            k,
            EventKind::ReplacementMissing { .. }
                | EventKind::ReplacementNoGoMod { .. }
                | EventKind::ReplacementInvalid { .. }
                | EventKind::PlaceholderVersion
        )
    });
    let Some(first) = events.first() else { return Vec::new() };
    let evidence = facts.events_evidence(events.iter().copied());
    match &first.kind {
        EventKind::ReplacementInvalid { detail } => {
            let message = Msg::Refused { detail: detail.clone() };
            // The replace whose target is a Windows path on another system, when go.mod is here.
            let windows = facts.gomod.iter().flat_map(|m| m.replaces.iter()).find(|r| {
                let p = r.new_path.value.as_bytes();
                r.new_path.value.contains('\\') || p.len() > 2 && p[0].is_ascii_alphabetic() && p[1] == b':'
            });
            let fixes = windows
                .map(|r| Fix::safe(&Do::Drop, drop_replace(common::module_or_hole(&r.old_path.value))))
                .into_iter()
                .collect();
            return vec![rule.finding(Severity::Error, &message, evidence, fixes)];
        }
        EventKind::PlaceholderVersion => {
            let module = first.module.clone().unwrap_or_default();
            let message = Msg::Placeholder { module: module.clone() };
            let fixes = vec![Fix::safe(
                &Do::Pin { module: module.clone() },
                Command::new(Step::go(vec![
                    Word::lit("get"),
                    common::module_at_or_holes(&module, "latest"),
                ]))
                .and(Command::go(&["mod", "tidy"])),
            )];
            return vec![rule.finding(Severity::Error, &message, evidence, fixes)];
        }
        _ => {}
    }
    let (dir, missing) = match &first.kind {
        EventKind::ReplacementMissing { dir } => (dir.clone(), true),
        EventKind::ReplacementNoGoMod { dir } => (dir.clone(), false),
        _ => return Vec::new(),
    };
    let mut evidence = evidence;
    let replace = facts
        .gomod
        .as_ref()
        .and_then(|m| m.replaces.iter().find(|r| r.new_path.value == dir));
    if let Some(r) = replace {
        evidence.insert(0, facts.evidence(r.new_path.span.line));
    }
    // The module replaced: the replace line's, else the one the go command names.
    let old = replace
        .map(|r| r.old_path.value.clone())
        .or_else(|| first.module.clone())
        .unwrap_or_default();
    let old_word = common::module_or_hole(&old);
    let message = if missing {
        Msg::Missing { dir: dir.clone() }
    } else {
        Msg::NoGoMod { dir: dir.clone() }
    };
    let mut fixes = Vec::new();
    if !missing {
        let dir_word = Word::value(Kind::Path, &dir).unwrap_or_else(|| Word::hole(Hole::Directory));
        fixes.push(Fix::safe(
            &Do::Init,
            Command::new(Step::Cd { dir: dir_word }).then(Step::go(vec![
                Word::lit("mod"),
                Word::lit("init"),
                old_word.clone(),
            ])),
        ));
    }
    fixes.push(Fix::safe(&Do::Drop, drop_replace(old_word)));
    vec![rule.finding(Severity::Error, &message, evidence, fixes)]
}

/// `go mod edit -dropreplace M && go mod tidy`.
fn drop_replace(module: Word) -> Command {
    Command::new(Step::go(vec![
        Word::lit("mod"),
        Word::lit("edit"),
        Word::lit("-dropreplace"),
        module,
    ]))
    .and(Command::go(&["mod", "tidy"]))
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::check;

    #[test]
    fn fires_on_missing_targets() {
        check(
            "module example.com/app\n\nreplace github.com/s/l => ../logrus\n\nmain.go:4:2: github.com/s/l@v1.9.3: replacement directory ../logrus does not exist\n",
            &[
                "replace-directive-problem replace_directive_problem error lines=3,5 fixes=safe",
                "replace-local-path advice info lines=3 fixes=safe",
            ],
        );
        check(
            "main.go:4:2: module ./third_party/logrus: reading third_party/logrus/go.mod: open /home/g/src/app/third_party/logrus/go.mod: no such file or directory\n",
            &["replace-directive-problem replace_directive_problem error lines=1 fixes=safe,safe"],
        );
    }

    #[test]
    fn stays_silent_otherwise() {
        check("go: downloading github.com/s/l v1.9.3\n", &[]);
    }
}
