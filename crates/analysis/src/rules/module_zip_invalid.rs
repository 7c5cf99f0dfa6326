//! `module-zip-invalid`: a version's files cannot form a module zip.

use super::{Facts, Rule, common};
use crate::finding::{Cause, Command, Finding, Fix, Hole, Hop, Severity, Step, Word};
use gmd_golog::EventKind;

pub(crate) const RULE: Rule = Rule {
    id: "module-zip-invalid",
    cause: Cause::ModuleZipInvalid,
    hop: Hop::ModuleProxy,
    title: "The module version's files cannot be packaged as a module",
    explanation: "A module zip may not hold files whose names differ only in case, names invalid on some systems, or more than 500 MB. The go command refuses such a version (and proxies cannot serve it). Only the module's author can fix it in a new version; until then pin another version or replace the module with a fixed fork.",
    title_zh: "该模块版本的文件无法打包成模块",
    explanation_zh: "模块 zip 中不能有仅大小写不同的文件名、在某些系统上无效的文件名，也不能超过 500 MB。go 命令会拒绝这样的版本（代理也无法提供）。只有模块作者能在新版本中修复；在那之前，固定使用其他版本，或用修好的 fork 替换该模块。",
    reference: "https://go.dev/ref/mod#zip-files",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Version { module: String, version: String, detail: String } =>
            "`{module}@{version}` cannot be a module zip: `{detail}`",
            "`{module}@{version}` 无法打包成模块 zip：`{detail}`";
        Unnamed { detail: String } =>
            "a module version cannot be a module zip: `{detail}`",
            "某个模块版本无法打包成模块 zip：`{detail}`";
    }
    enum Do {
        Other => "Use a version without the problem", "使用没有这个问题的版本";
        Fork => "Or replace it with a fixed fork", "或者用修好的 fork 替换它";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events = facts.events_where(|k| matches!(k, EventKind::ZipContentInvalid { .. }));
    let Some(first) = events.first() else { return Vec::new() };
    let EventKind::ZipContentInvalid { detail } = &first.kind else {
        return Vec::new();
    };
    let message = match (&first.module, &first.version) {
        (Some(module), Some(version)) => Msg::Version {
            module: module.clone(),
            version: version.clone(),
            detail: detail.clone(),
        },
        _ => Msg::Unnamed { detail: detail.clone() },
    };
    let module = common::module_or_hole(first.module.as_deref().unwrap_or_default());
    let fixes = vec![
        Fix::safe(&Do::Other, common::list_versions(module.clone())),
        Fix::safe(
            &Do::Fork,
            Command::new(Step::go(vec![
                Word::lit("mod"),
                Word::lit("edit"),
                Word::lit("-replace"),
                Word::join(vec![
                    module,
                    Word::lit("="),
                    Word::hole(Hole::Fork),
                    Word::lit("@"),
                    Word::hole(Hole::Version),
                ]),
            ])),
        ),
    ];
    vec![rule.finding(
        Severity::Error,
        &message,
        facts.events_evidence(events.iter().copied()),
        fixes,
    )]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::check;

    #[test]
    fn fires_on_collisions() {
        check(
            "go: unzip /h/go/pkg/mod/cache/download/github.com/x/c/@v/v1.0.0.zip: github.com/x/c@v1.0.0/readme: case-insensitive file name collision: \"README\" and \"readme\"\n",
            &["module-zip-invalid module_zip_invalid error lines=1 fixes=safe,safe"],
        );
        // The fixes name the module of the card; the fork and its version are the user's.
        let log = "go: unzip /h/go/pkg/mod/cache/download/github.com/x/c/@v/v1.0.0.zip: github.com/x/c@v1.0.0/readme: case-insensitive file name collision: \"README\" and \"readme\"\n";
        let fixes = crate::rules::test_support::finding(log, "module-zip-invalid").fixes;
        assert_eq!(
            fixes.iter().map(|f| f.posix()).collect::<Vec<_>>(),
            [
                "go list -m -versions github.com/x/c",
                "go mod edit -replace github.com/x/c=<fork>@<version>"
            ]
        );
    }

    #[test]
    fn stays_silent_otherwise() {
        check("go: downloading github.com/x/c v1.0.0\n", &[]);
    }
}
