//! `replace-local-path` (advice): a replace points at a local directory.

use super::{Facts, Rule};
use crate::finding::{Cause, Command, Finding, Fix, Hop, Kind, Severity, Step, Word};

pub(crate) const RULE: Rule = Rule {
    id: "replace-local-path",
    cause: Cause::Advice,
    hop: Hop::Config,
    title: "A replace points at a local directory",
    explanation: "A `replace` to a directory works on your machine only: CI, colleagues and anyone who depends on your module do not have that directory (and dependencies' replace directives are ignored anyway). For local development across modules, a go.work file keeps the replacement out of go.mod.",
    title_zh: "replace 指向本地目录",
    explanation_zh: "指向目录的 `replace` 只在你自己的机器上有效：CI、同事以及依赖你的模块的人都没有这个目录（而且依赖中的 replace 指令本来就会被忽略）。跨模块本地开发时，用 go.work 文件可以让替换不进入 go.mod。",
    reference: "https://go.dev/ref/mod#workspaces",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Local { module: String, dir: String } =>
            "`{module}` is replaced by the local directory `{dir}`",
            "`{module}` 被替换成了本地目录 `{dir}`";
    }
    enum Do {
        Workspace =>
            "Move the replacement into a workspace that is not committed",
            "把替换移到不提交的工作区（go.work）中";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let Some(gomod) = &facts.gomod else { return Vec::new() };
    gomod
        .replaces
        .iter()
        .filter(|r| r.is_local())
        .map(|r| {
            rule.finding(
                Severity::Info,
                &Msg::Local {
                    module: r.old_path.value.clone(),
                    dir: r.new_path.value.clone(),
                },
                vec![facts.evidence(r.new_path.span.line)],
                Word::value(Kind::Path, &r.new_path.value)
                    .map(|dir| {
                        Fix::safe(
                            &Do::Workspace,
                            Command::new(Step::go(vec![
                                Word::lit("mod"),
                                Word::lit("edit"),
                                Word::lit("-dropreplace"),
                                super::common::module_or_hole(&r.old_path.value),
                            ]))
                            .then(Step::go(vec![
                                Word::lit("work"),
                                Word::lit("init"),
                                Word::lit("."),
                                dir,
                            ])),
                        )
                    })
                    .into_iter()
                    .collect(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::check;

    #[test]
    fn fires_on_directory_replacements() {
        check(
            "module example.com/app\n\nreplace github.com/s/l => ../logrus\n",
            &["replace-local-path advice info lines=3 fixes=safe"],
        );
    }

    #[test]
    fn stays_silent_on_module_replacements() {
        check(
            "module example.com/app\n\nreplace github.com/s/l v1.9.3 => github.com/me/l v1.9.4\n",
            &[],
        );
    }
}
