//! `invalid-version`: a version string, or a version/path combination, the module system
//! rejects.

use super::{Facts, Rule, common};
use crate::finding::{Cause, Command, Evidence, Finding, Fix, Hole, Hop, Kind, Os, Severity, Step, Word};
use gmd_golog::EventKind;

pub(crate) const RULE: Rule = Rule {
    id: "invalid-version",
    cause: Cause::InvalidVersion,
    hop: Hop::Config,
    title: "A version is not valid for this module",
    explanation: "Versions in go.mod must be canonical semantic versions (`v1.9.0`, not `v1.9`, `1.9.0` or a branch name such as `master`). A module with a go.mod that is at major version 2 or higher must have the `/vN` suffix in its path (`example.com/m/v2`); only modules without go.mod can be required as `v2.0.0+incompatible`. `go get module@branch` resolves a branch to a pseudo-version; go.mod must hold that.",
    title_zh: "版本对这个模块无效",
    explanation_zh: "go.mod 中的版本必须是规范的语义化版本（`v1.9.0`，而不是 `v1.9`、`1.9.0` 或 `master` 这样的分支名）。带 go.mod 且主版本号为 2 或更高的模块，路径中必须有 `/vN` 后缀（`example.com/m/v2`）；只有没有 go.mod 的模块才能以 `v2.0.0+incompatible` 的形式引用。`go get module@branch`（branch 为分支名）会把分支解析成伪版本；go.mod 里必须写这个伪版本。",
    reference: "https://go.dev/ref/mod#versions",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Invalid { detail: String } => "invalid version: `{detail}`", "无效版本：`{detail}`";
        Unnamed => "a version is invalid", "有一个版本无效";
    }
    enum Do {
        MajorPath { major: String } =>
            "Require the major version by its /v{major} path",
            "按主版本的 /v{major} 路径引用它";
        Canonical =>
            "Let the go command resolve it to a canonical version",
            "让 go 命令把它解析为规范版本";
        Tidy => "Rewrite go.mod with canonical versions", "用规范版本改写 go.mod";
        OtherVersions =>
            "The module's own go.mod gives it a path without the major version: see which v0 or v1 versions it has",
            "该模块自己的 go.mod 给它的路径里没有主版本号：查看它有哪些 v0 或 v1 版本";
        RequireOne =>
            "Require one of those (or the commit the tag points to, which the go command turns into a pseudo-version); only its author can publish the higher major version, under a /vN path",
            "引用其中一个版本（或者该标签指向的提交，go 命令会把它变成伪版本）；只有作者能以 /vN 路径发布更高的主版本";
        RemoveLine { line: String } =>
            "Remove the line `{line}` from go.mod (no go command reads go.mod while it is there), then require the module again",
            "从 go.mod 中删除 `{line}` 这一行（它在时任何 go 命令都无法读取 go.mod），然后重新引用该模块";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events = facts.events_where(|k| matches!(k, EventKind::InvalidVersion { .. }));
    let problems: Vec<_> = facts
        .gomod
        .iter()
        .flat_map(|m| m.problems.iter())
        .filter(|p| p.message.contains("version") && p.message.contains("invalid"))
        .collect();
    let updates = facts.events_where(|k| matches!(k, EventKind::GoModUpdatesNeeded));
    if events.is_empty() && problems.is_empty() {
        return Vec::new();
    }
    let mut evidence: Vec<Evidence> = problems.iter().map(|p| facts.evidence(p.span.line)).collect();
    evidence.extend(facts.events_evidence(events.iter().chain(updates.iter()).copied()));
    Evidence::in_input_order(&mut evidence);
    evidence.dedup();
    // The go command's own report that go.mod holds a version it could not resolve (not just a
    // non-canonical one, which go get and go mod tidy rewrite by themselves).
    let unresolved = events.iter().find_map(|e| match &e.kind {
        EventKind::InvalidVersion { detail }
            if detail.contains("version \"") && !detail.contains("must be of the form") =>
        {
            Some(detail.clone())
        }
        _ => None,
    });
    let detail = unresolved
        .clone()
        .or_else(|| problems.first().map(|p| p.message.clone()))
        .or_else(|| {
            events.iter().find_map(|e| match &e.kind {
                EventKind::InvalidVersion { detail } => Some(detail.clone()),
                _ => None,
            })
        })
        .unwrap_or_default();
    // "should be v0 or v1, not vN": the module's go.mod declares a path without /vN, so no /vN
    // path exists; any other complaint about the major version means the path needs /vN.
    let v1_path = detail.contains("should be v0 or v1");
    let major = v1_path || detail.contains("major version");
    let mut fixes = Vec::new();
    if let Some(module) = events.iter().find_map(|e| e.module.clone()).filter(|_| major) {
        let version = events.iter().find_map(|e| e.version.clone()).unwrap_or_default();
        let major_number = version.trim_start_matches('v').split('.').next().unwrap_or("2");
        if v1_path {
            let module = common::module_or_hole(&module);
            fixes.push(Fix::safe(
                &Do::OtherVersions,
                Command::new(Step::go(vec![
                    Word::lit("list"),
                    Word::lit("-m"),
                    Word::lit("-versions"),
                    module.clone(),
                ])),
            ));
            fixes.push(Fix::safe(
                &Do::RequireOne,
                Command::new(Step::go(vec![
                    Word::lit("get"),
                    Word::join(vec![module, Word::lit("@"), Word::hole(Hole::Version)]),
                ])),
            ));
        } else if let Some(target) = major_number
            .parse::<u64>()
            .ok()
            .filter(|n| *n >= 2)
            .and_then(|n| Word::module_at(&format!("{}/v{n}", module.trim_end_matches('/')), &version))
        {
            fixes.push(Fix::safe(
                &Do::MajorPath {
                    major: major_number.to_owned(),
                },
                Command::new(Step::go(vec![Word::lit("get"), target])),
            ));
        }
    }
    if let Some(path) = detail
        .split_whitespace()
        .nth(1)
        .filter(|_| detail.starts_with("require "))
        .map(|p| p.trim_end_matches(':'))
    {
        // `require P: version "V" invalid`: go.mod itself holds V, and every go command that
        // loads go.mod (go get, go mod edit, go mod tidy) stops on it. The line goes first.
        let written = unresolved
            .as_deref()
            .unwrap_or_default()
            .split("version \"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .filter(|v| !v.is_empty());
        match written {
            Some(version) => {
                let line = format!("{path} {version}");
                if let (Some(module), Some(written)) = (Word::module(path), Word::value(Kind::Query, version)) {
                    let get = Step::go(vec![
                        Word::lit("get"),
                        Word::join(vec![module.clone(), Word::lit("@latest")]),
                    ]);
                    fixes.push(Fix::safe(
                        &Do::RemoveLine { line },
                        Command::os(Os::RemoveRequire {
                            module,
                            version: written,
                        })
                        .then(get),
                    ));
                }
                return finding(rule, detail, evidence, fixes);
            }
            None => fixes.push(Fix::safe(
                &Do::Canonical,
                Command::new(Step::go(vec![
                    Word::lit("get"),
                    common::module_at_or_holes(path, "latest"),
                ])),
            )),
        }
    }
    // A wrong major version is not a spelling go mod tidy can rewrite.
    if !major {
        fixes.push(Fix::go(&Do::Tidy, &["mod", "tidy"]));
    }
    finding(rule, detail, evidence, fixes)
}

fn finding(rule: &Rule, detail: String, evidence: Vec<Evidence>, fixes: Vec<Fix>) -> Vec<Finding> {
    let message = if detail.is_empty() {
        Msg::Unnamed
    } else {
        Msg::Invalid { detail }
    };
    vec![rule.finding(Severity::Error, &message, evidence, fixes)]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, finding};

    #[test]
    fn fires_on_invalid_versions() {
        check(
            "module example.com/app\n\nrequire github.com/s/l master\n",
            &["invalid-version invalid_version error lines=3 fixes=safe,safe"],
        );
        let major = "go: downloading github.com/example/major v2.0.0\ngo: unzip /x/v2.0.0.zip: github.com/example/major@v2.0.0: invalid version: should be v0 or v1, not v2\n";
        let f = finding(major, "invalid-version");
        // The module's own path has no /v2: no /v2 path exists to move to.
        assert_eq!(
            f.fixes.iter().map(|x| x.posix()).collect::<Vec<_>>(),
            [
                "go list -m -versions github.com/example/major",
                "go get github.com/example/major@<version>"
            ]
        );
        let suffix = "go: github.com/example/v2mod@v2.0.0: invalid version: module contains a go.mod file, so module path must match major version (\"github.com/example/v2mod/v2\")\n";
        assert_eq!(
            finding(suffix, "invalid-version").fixes[0].posix(),
            "go get github.com/example/v2mod/v2@v2.0.0"
        );
        check(
            "module example.com/app\n\nrequire github.com/s/l v1.9\n\ngo: updates to go.mod needed; to update it:\n\tgo mod tidy\n",
            &["invalid-version invalid_version error lines=3,5 fixes=safe,safe"],
        );
    }

    #[test]
    fn a_version_go_mod_holds_and_the_proxy_cannot_resolve_goes_first() {
        let log = "module example.com/app\n\nrequire github.com/sirupsen/logrus master\n\ngo: errors parsing go.mod:\ngo.mod:6:2: require github.com/sirupsen/logrus: version \"master\" invalid: reading https://proxy.golang.org/github.com/sirupsen/logrus/@v/master.info: 404 Not Found\n\tserver response: not found: github.com/sirupsen/logrus@master: invalid version: unknown revision master\n";
        let f = finding(log, "invalid-version");
        assert_eq!(
            f.fixes.iter().map(|x| x.posix()).collect::<Vec<_>>(),
            [
                "{ grep -vF 'github.com/sirupsen/logrus master' go.mod > go.mod.tmp && mv go.mod.tmp go.mod; } && go get github.com/sirupsen/logrus@latest"
            ]
        );
        assert_eq!(
            f.fixes[0].cmd(),
            "(findstr /v /c:\"github.com/sirupsen/logrus master\" go.mod > go.mod.tmp && move /y go.mod.tmp go.mod) && go get github.com/sirupsen/logrus@latest"
        );
        assert!(f.fixes[0].powershell().starts_with("(Get-Content go.mod) | Where-Object { -not $_.Contains('github.com/sirupsen/logrus master') } | Set-Content go.mod; if ($?) {"));
        // Only go.mod pasted: go get and go mod tidy resolve a branch name themselves.
        let f = finding(
            "module example.com/app\n\nrequire github.com/s/l master\n",
            "invalid-version",
        );
        assert_eq!(f.fixes[0].posix(), "go get github.com/s/l@latest");
    }

    #[test]
    fn stays_silent_on_canonical_versions() {
        check("module example.com/app\n\nrequire github.com/s/l v1.9.3\n", &[]);
    }
}
