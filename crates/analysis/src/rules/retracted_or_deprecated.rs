//! `retracted-or-deprecated`: the author retracted the version or deprecated the module.

use super::{Facts, Rule, common};
use crate::finding::{Cause, Command, Finding, Fix, Hop, Severity, Step, Word};
use gmd_golog::EventKind;

pub(crate) const RULE: Rule = Rule {
    id: "retracted-or-deprecated",
    cause: Cause::RetractedOrDeprecated,
    hop: Hop::ModuleProxy,
    title: "The module version is retracted or the module is deprecated",
    explanation: "An author retracts a version (a `retract` line in a later go.mod) when it is broken or unsafe, and deprecates a module (`// Deprecated:` above its `module` line) when it is replaced. The go command warns and keeps working, but `@latest` skips retracted versions. Move to the latest unretracted version, or to the module that replaces a deprecated one.",
    title_zh: "该模块版本已被撤回，或模块已被弃用",
    explanation_zh: "作者在版本有问题或不安全时会撤回它（在之后的 go.mod 中写 `retract`），在模块被取代时会弃用它（在 `module` 行上方写 `// Deprecated:`）。go 命令会警告但继续工作，不过 `@latest` 会跳过被撤回的版本。升级到最新的未撤回版本，或换用取代已弃用模块的新模块。",
    reference: "https://go.dev/ref/mod#go-mod-file-retract",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Retracted { module: String, version: String, rationale: String } =>
            "`{module}@{version}` is retracted by its author: {rationale}",
            "`{module}@{version}` 已被作者撤回，作者的说明：“{rationale}”";
        Deprecated { module: String, notice: String } =>
            "`{module}` is deprecated: {notice}",
            "`{module}` 已被弃用，作者的说明：“{notice}”";
    }
    enum Do {
        Latest => "Move to the latest unretracted version", "升级到最新的未撤回版本";
        Switch { replacement: String } =>
            "Switch to {replacement}, as the author advises",
            "按作者的建议换用 {replacement}";
        List =>
            "See which dependencies are deprecated or retracted",
            "查看哪些依赖已被弃用或撤回";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events = facts.events_where(|k| matches!(k, EventKind::Retracted { .. } | EventKind::Deprecated { .. }));
    let Some(first) = events.first() else { return Vec::new() };
    let module = first.module.clone().or_else(|| {
        let line = facts.split.line(first.line);
        line.split("module ")
            .nth(1)
            .and_then(|r| r.split(' ').next())
            .map(str::to_owned)
    });
    let module = module.unwrap_or_default();
    let (message, fixes) = match &first.kind {
        EventKind::Retracted { rationale } => (
            Msg::Retracted {
                module: module.clone(),
                version: first.version.clone().unwrap_or_default(),
                rationale: rationale.trim_end_matches('.').to_owned(),
            },
            vec![Fix::safe(
                &Do::Latest,
                Command::new(Step::go(vec![
                    Word::lit("get"),
                    common::module_at_or_holes(&module, "latest"),
                ])),
            )],
        ),
        EventKind::Deprecated { message } => {
            let replacement = message
                .split_whitespace()
                .find(|w| w.contains('/') && w.contains('.'))
                .map(|w| w.trim_end_matches(['.', ',']))
                .map(str::to_owned);
            let mut fixes = Vec::new();
            if let Some((r, word)) = replacement.and_then(|r| Word::module_at(&r, "latest").map(|w| (r, w))) {
                fixes.push(Fix::safe(
                    &Do::Switch { replacement: r },
                    Command::new(Step::go(vec![Word::lit("get"), word])),
                ));
            }
            fixes.push(Fix::go(&Do::List, &["list", "-m", "-u", "-retracted", "all"]));
            (
                Msg::Deprecated {
                    module: module.clone(),
                    notice: message.trim_end_matches('.').to_owned(),
                },
                fixes,
            )
        }
        _ => return Vec::new(),
    };
    vec![rule.finding(
        Severity::Warning,
        &message,
        facts.events_evidence(events.iter().copied()),
        fixes,
    )]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, finding};

    #[test]
    fn fires_on_retractions_and_deprecations() {
        check(
            "go: warning: github.com/x/r@v1.0.0: retracted by module author: v1.0.0 deletes files on import.\n",
            &["retracted-or-deprecated retracted_or_deprecated warning lines=1 fixes=safe"],
        );
        let f = finding(
            "go: module github.com/x/old is deprecated: use github.com/x/new instead.\n",
            "retracted-or-deprecated",
        );
        assert_eq!(
            f.message.en,
            "`github.com/x/old` is deprecated: use github.com/x/new instead"
        );
        assert_eq!(f.fixes[0].posix(), "go get github.com/x/new@latest");
    }

    #[test]
    fn stays_silent_otherwise() {
        check("go: added github.com/x/r v1.1.0\n", &[]);
    }
}
