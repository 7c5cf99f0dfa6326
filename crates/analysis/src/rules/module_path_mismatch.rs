//! `module-path-mismatch`: a module's go.mod declares another path than it was required as.

use super::{Facts, Rule};
use crate::finding::{Cause, Command, Finding, Fix, Hop, Kind, Os, Severity, Step, Word};
use gmd_golog::EventKind;

pub(crate) const RULE: Rule = Rule {
    id: "module-path-mismatch",
    cause: Cause::ModulePathMismatch,
    hop: Hop::ModuleProxy,
    title: "A module declares a different path than the one it was required as",
    explanation: "The `module` line of a dependency's go.mod must equal the path it is required as. It differs when the repository was renamed or moved, when its case changed (github.com/Sirupsen/logrus became github.com/sirupsen/logrus), or when a fork is required by its own URL. Import the declared path, or keep the old path and `replace` it with the new one.",
    title_zh: "模块声明的路径与引用它时使用的路径不同",
    explanation_zh: "依赖的 go.mod 中 `module` 行必须与引用它的路径相同。仓库改名或迁移、大小写变化（github.com/Sirupsen/logrus 变成了 github.com/sirupsen/logrus），或用 fork 自己的地址引用 fork 时，两者会不同。导入声明的路径，或保留旧路径并用 `replace` 指向新路径。",
    reference: "https://go.dev/ref/mod#go-mod-file-module",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Declares { required: String, declared: String } =>
            "`{required}` declares its path as `{declared}`",
            "`{required}` 声明的路径是 `{declared}`";
    }
    enum Do {
        Import { declared: String, required: String } =>
            "Switch to `{declared}`: drop the requirement of `{required}`, rewrite the imports (gofmt), then tidy",
            "改用 `{declared}`：删除对 `{required}` 的依赖，用 gofmt 改写导入路径，然后运行 go mod tidy";
        Redirect => "Or keep the old path and redirect it", "或者保留旧路径并把它重定向";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events = facts.events_where(|k| matches!(k, EventKind::PathMismatch { .. }));
    let Some(first) = events.first() else { return Vec::new() };
    let EventKind::PathMismatch { declared, required } = &first.kind else {
        return Vec::new();
    };
    let version = first.version.clone().unwrap_or_else(|| "latest".into());
    let message = Msg::Declares {
        required: required.clone(),
        declared: declared.clone(),
    };
    // Drop the old requirement (go get would read its go.mod and fail again), require the
    // declared path, rewrite the imports (gofmt -r, which ships with Go; PowerShell rewrites the
    // files itself), tidy. Both paths must be module paths, else only the hint is given.
    let mut fixes = Vec::new();
    if let (Some(old), Some(new)) = (Word::module(required), Word::module(declared)) {
        let at = Word::value(Kind::Query, &version).unwrap_or_else(|| Word::lit("latest"));
        fixes.push(Fix::safe(
            &Do::Import {
                declared: declared.clone(),
                required: required.clone(),
            },
            Command::new(Step::go(vec![
                Word::lit("mod"),
                Word::lit("edit"),
                Word::join(vec![Word::lit("-droprequire="), old.clone()]),
            ]))
            .then(Step::go(vec![
                Word::lit("get"),
                Word::join(vec![new.clone(), Word::lit("@"), at.clone()]),
            ]))
            .then(Step::Os(Os::RewriteImports {
                from: old.clone(),
                to: new.clone(),
            }))
            .and(Command::go(&["mod", "tidy"])),
        ));
        fixes.push(Fix::safe(
            &Do::Redirect,
            Command::new(Step::go(vec![
                Word::lit("mod"),
                Word::lit("edit"),
                Word::lit("-replace"),
                Word::join(vec![old, Word::lit("="), new, Word::lit("@"), at]),
            ])),
        ));
    }
    vec![rule.finding(
        Severity::Error,
        &message,
        facts.events_evidence(events.iter().copied()),
        fixes,
    )]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, finding};

    #[test]
    fn fires_on_mismatched_paths() {
        let log = "go: github.com/Sirupsen/logrus@v1.9.3: parsing go.mod:\n\tmodule declares its path as: github.com/sirupsen/logrus\n\t        but was required as: github.com/Sirupsen/logrus\n";
        check(
            log,
            &["module-path-mismatch module_path_mismatch error lines=2,3 fixes=safe,safe"],
        );
        let f = finding(log, "module-path-mismatch");
        assert_eq!(
            f.fixes[1].posix(),
            "go mod edit -replace github.com/Sirupsen/logrus=github.com/sirupsen/logrus@v1.9.3"
        );
        // The imports are rewritten too, in each shell's quoting.
        assert_eq!(
            f.fixes[0].posix(),
            "go mod edit -droprequire=github.com/Sirupsen/logrus && go get github.com/sirupsen/logrus@v1.9.3 && gofmt -w -r '\"github.com/Sirupsen/logrus\" -> \"github.com/sirupsen/logrus\"' . && go mod tidy"
        );
        assert_eq!(
            f.fixes[0].cmd(),
            "go mod edit -droprequire=github.com/Sirupsen/logrus && go get github.com/sirupsen/logrus@v1.9.3 && gofmt -w -r \"\\\"github.com/Sirupsen/logrus\\\" -> \\\"github.com/sirupsen/logrus\\\"\" . && go mod tidy"
        );
        assert_eq!(
            f.fixes[0].powershell(),
            "go mod edit '-droprequire=github.com/Sirupsen/logrus'; if ($?) { go get github.com/sirupsen/logrus@v1.9.3; if ($?) { $q = [char]34; Get-ChildItem -Recurse -Filter *.go | ForEach-Object { $c = Get-Content -Raw $_.FullName; Set-Content -NoNewline $_.FullName $c.Replace('' + $q + 'github.com/Sirupsen/logrus' + $q + '', '' + $q + 'github.com/sirupsen/logrus' + $q + '') }; if ($?) { go mod tidy } } }"
        );
    }

    #[test]
    fn stays_silent_otherwise() {
        check("go: downloading github.com/sirupsen/logrus v1.9.3\n", &[]);
    }
}
