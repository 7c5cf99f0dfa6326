//! `module-not-found`: no module provides the requested path or package.

use super::{Facts, Rule, common};
use crate::attribution;
use crate::finding::{Cause, Certainty, Command, Finding, Fix, Hop, Os, Severity};
use gmd_golog::{Event, EventKind};

pub(crate) const RULE: Rule = Rule {
    id: "module-not-found",
    cause: Cause::ModuleNotFound,
    hop: Hop::ModuleProxy,
    title: "No module provides the requested path",
    explanation: "The module or package does not exist at that path: a typo, a repository deleted, renamed or made private, a package that moved out of the module, or a missing major-version suffix (`/v2`). Check the import path against the repository, and list what the module offers.",
    title_zh: "没有模块提供所请求的路径",
    explanation_zh: "这个路径上不存在该模块或包：拼写错误、仓库被删除、改名或设为私有、包已移出模块，或缺少主版本后缀（`/v2`）。对照仓库检查导入路径，并列出该模块实际提供的内容。",
    reference: "https://go.dev/ref/mod#resolve-pkg-mod",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        PackageNotInModule { package: String } =>
            "no module contains the package `{package}`",
            "没有任何模块包含包 `{package}`";
        NoModuleForPackage { package: String } =>
            "no module provides the package `{package}`",
            "没有任何模块提供包 `{package}`";
        NoHost { path: String } =>
            "`{path}` is not a module path: its first element has no dot, so it names no host",
            "`{path}` 不是模块路径：它的第一段没有点号，因此没有指明主机";
        NoRepository { module: String, host: String } =>
            "`{host}` asked for credentials for `{module}`: it answers so for a repository that does not exist, as for a private one",
            "`{host}` 为 `{module}` 索要凭据：对不存在的仓库它也这样回答，和私有仓库一样";
        NoSuchModule { module: String } =>
            "the module `{module}` does not exist (or has no versions)",
            "模块 `{module}` 不存在（或没有任何版本）";
    }
    enum Do {
        CheckPath =>
            "Check the path for typos and a missing /vN suffix, then see which versions exist",
            "检查路径是否有拼写错误或缺少 /vN 后缀，然后查看有哪些版本";
        FindImports { path: String } =>
            "Find the code that imports {path}; correct or remove those imports, then run go mod tidy",
            "找出导入 {path} 的代码；改正或删除这些导入，然后运行 go mod tidy";
    }
}

fn is_not_found(facts: &Facts<'_>, event: &Event) -> bool {
    match &event.kind {
        EventKind::MalformedModulePath { path } => !gmd_semantics::module::is_standard_library_path(path),
        EventKind::NoMatchingVersions { .. }
        | EventKind::PackageNotInModule { .. }
        | EventKind::NoModuleForPackage { .. } => true,
        EventKind::RepositoryNotFound { .. } | EventKind::HttpStatus { .. } => {
            attribution::owner(facts, event) == Some(Cause::ModuleNotFound)
        }
        _ => false,
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events: Vec<&Event> = facts
        .events
        .iter()
        .filter(|e| is_not_found(facts, e) || attribution::prompt_means_missing(facts, e))
        .collect();
    let Some(first) = events.first() else { return Vec::new() };
    let (message, target) = match &first.kind {
        EventKind::MalformedModulePath { path } => (Msg::NoHost { path: path.clone() }, path.clone()),
        EventKind::GitAuth { host } => {
            let module = first.module.clone().unwrap_or_default();
            let host = if host.is_empty() {
                module.split('/').next().unwrap_or_default().to_owned()
            } else {
                host.clone()
            };
            (
                Msg::NoRepository {
                    module: module.clone(),
                    host,
                },
                module,
            )
        }
        EventKind::PackageNotInModule { package } => (
            Msg::PackageNotInModule {
                package: package.clone(),
            },
            package.clone(),
        ),
        EventKind::NoModuleForPackage { package } => (
            Msg::NoModuleForPackage {
                package: package.clone(),
            },
            package.clone(),
        ),
        _ => {
            let module = first.module.clone().or_else(|| {
                let line = facts.split.line(first.line);
                line.split("module ")
                    .nth(1)
                    .and_then(|r| r.split(':').next())
                    .map(str::to_owned)
            });
            let module = module.unwrap_or_default();
            (Msg::NoSuchModule { module: module.clone() }, module)
        }
    };
    let root = target.split('/').take(3).collect::<Vec<_>>().join("/");
    let fixes = vec![
        Fix::safe(&Do::CheckPath, common::list_versions(common::module_or_hole(&root))),
        Fix::safe(
            &Do::FindImports { path: target.clone() },
            Command::os(Os::FindImports {
                path: common::module_or_hole(&target),
            }),
        ),
    ];
    let mut finding = rule.finding(
        Severity::Error,
        &message,
        facts.events_evidence(events.iter().copied()),
        fixes,
    );
    // A mirror's status alone (no words of its own) is read from the context.
    if matches!(&first.kind, EventKind::HttpStatus { response, .. } if response.trim().is_empty()) {
        finding.certainty = Certainty::Likely;
    }
    vec![finding]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::check;

    #[test]
    fn a_mirrors_bare_404_for_a_public_module_is_likely_not_found() {
        let log = "go: example.com/nosuch@latest: module example.com/nosuch: reading https://proxy.golang.org/example.com/nosuch/@v/list: 404 Not Found\n";
        let f = crate::rules::test_support::finding(log, "module-not-found");
        assert_eq!(f.certainty, crate::Certainty::Likely);
        let said = "go: module github.com/example/doesnotexist: reading https://proxy.golang.org/github.com/example/doesnotexist/@v/list: 404 Not Found\n\tserver response: not found: module github.com/example/doesnotexist: no matching versions for query \"latest\"\n";
        assert_eq!(
            crate::rules::test_support::finding(said, "module-not-found").certainty,
            crate::Certainty::Certain
        );
    }

    #[test]
    fn the_second_fix_finds_the_imports_to_correct() {
        let log = "go: module github.com/example/doesnotexist: reading https://proxy.golang.org/github.com/example/doesnotexist/@v/list: 404 Not Found\n\tserver response: not found: module github.com/example/doesnotexist: no matching versions for query \"latest\"\n";
        let f = crate::rules::test_support::finding(log, "module-not-found");
        let c = &f.fixes[1];
        assert_eq!(
            c.posix(),
            "grep -rn --include='*.go' '\"github.com/example/doesnotexist' ."
        );
        assert_eq!(
            c.powershell(),
            "Get-ChildItem -Recurse -Filter *.go | Select-String -SimpleMatch '\"github.com/example/doesnotexist'"
        );
        assert_eq!(c.cmd(), "findstr /s /n /l /c:\"github.com/example/doesnotexist\" *.go");
    }

    #[test]
    fn fires_on_missing_modules_and_packages() {
        check(
            "go: example.com/app imports\n\tgithub.com/s/l/hooks/nothing: module github.com/s/l@latest found (v1.9.3), but does not contain package github.com/s/l/hooks/nothing\n",
            &["module-not-found module_not_found error lines=2 fixes=safe,safe"],
        );
        check(
            "go: module github.com/example/doesnotexist: reading https://proxy.golang.org/github.com/example/doesnotexist/@v/list: 404 Not Found\n\tserver response: not found: module github.com/example/doesnotexist: no matching versions for query \"latest\"\n",
            &["module-not-found module_not_found error lines=1,2 fixes=safe,safe"],
        );
    }

    #[test]
    fn stays_silent_on_private_misses() {
        let log = "go: github.com/acme/x@v1: reading https://proxy.golang.org/github.com/acme/x/@v/v1.mod: 410 Gone\n\tserver response: not found: could not read Username for 'https://github.com': terminal prompts disabled\n";
        assert!(!crate::rules::test_support::rules(log).contains(&"module-not-found"));
    }
}
