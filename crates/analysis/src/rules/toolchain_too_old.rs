//! `toolchain-too-old`: the local Go is older than go.mod asks for and may not switch.

use super::{Facts, Rule};
use crate::finding::{Cause, Command, Finding, Fix, Hole, Hop, Kind, Severity, Step, Word};
use gmd_golog::EventKind;
use gmd_semantics::{gover, toolchain};

pub(crate) const RULE: Rule = Rule {
    id: "toolchain-too-old",
    cause: Cause::ToolchainTooOld,
    hop: Hop::Toolchain,
    title: "The Go toolchain is older than go.mod requires",
    explanation: "The `go` line of go.mod is the minimum Go version of the module. Go 1.21 and later can download the toolchain it needs (GOTOOLCHAIN=auto), but GOTOOLCHAIN=local forbids it, and Go 1.20 and older cannot read `toolchain` lines or three-part `go` versions at all. Allow the switch, install a newer Go, or lower the `go` line if the code allows.",
    title_zh: "Go 工具链比 go.mod 要求的旧",
    explanation_zh: "go.mod 的 `go` 行是模块要求的最低 Go 版本。Go 1.21 及以后可以下载所需的工具链（GOTOOLCHAIN=auto），但 GOTOOLCHAIN=local 禁止这样做，而 Go 1.20 及更早版本根本读不懂 `toolchain` 行或三段式的 `go` 版本。允许切换、安装更新的 Go，或在代码允许时调低 `go` 行。",
    reference: "https://go.dev/doc/toolchain",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        TooOld => "this go command is too old to read the go.mod", "这个 go 命令太旧，读不懂这个 go.mod";
        NeedsNewer { need: String } =>
            "go.mod needs go {need} or newer and this go command may not switch toolchains",
            "go.mod 需要 go {need} 或更新版本，而这个 go 命令不能切换工具链";
        ModuleNeedsNewer { module: String, need: String } =>
            "`{module}` needs go {need} or newer and this go command may not switch toolchains",
            "`{module}` 需要 go {need} 或更新版本，而这个 go 命令不能切换工具链";
        NoSuchStdPackage { package: String } =>
            "`{package}` is a standard-library package this Go does not have yet: the code needs a newer toolchain",
            "`{package}` 是标准库中的包，而这个版本的 Go 还没有它：代码需要更新的工具链";
    }
    enum Do {
        Auto =>
            "Let the go command download the toolchain go.mod asks for",
            "让 go 命令下载 go.mod 要求的工具链";
        Install { version: String } => "Or install Go {version} and use it", "或者安装 Go {version} 并使用它";
        InstallAtLeast { version: String } =>
            "Install Go {version} (or newer) and build with it",
            "安装 Go {version}（或更新版本）并用它构建";
        Lower =>
            "Or, if the code builds with the older Go, lower the go line",
            "或者，如果代码能用旧版 Go 构建，调低 go 行";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events = facts.events_where(|k| match k {
        EventKind::ToolchainRequired { .. } => true,
        EventKind::MalformedModulePath { path } => gmd_semantics::module::is_standard_library_path(path),
        // Go 1.20 and older reading a go.mod written for 1.21+.
        EventKind::GoModError { message, .. } => {
            message.contains("unknown directive: toolchain")
                || message.contains("must match format 1.23")
                || message.contains("unknown directive: godebug")
        }
        _ => false,
    });
    let mut evidence = facts.events_evidence(events.iter().copied());
    let mut need = events.iter().find_map(|e| match &e.kind {
        EventKind::ToolchainRequired { need, .. } => Some(need.clone()),
        _ => None,
    });
    let mut severity = Severity::Error;
    if events.is_empty() {
        // No log: compare go.mod with the local version under GOTOOLCHAIN=local.
        let (Some(local), Some(go)) = (
            facts.go_version.as_deref(),
            facts.gomod.as_ref().and_then(|m| m.go.as_ref()),
        ) else {
            return Vec::new();
        };
        let gotoolchain = facts.env.value_or_empty("GOTOOLCHAIN");
        match toolchain::decide(gotoolchain, local, Some(&go.value), None) {
            toolchain::Decision::Refuse(_) => {}
            _ => return Vec::new(),
        }
        need = Some(go.value.clone());
        evidence.push(facts.evidence(go.span.line));
        severity = Severity::Warning;
    }
    if let Some(var) = facts.var("GOTOOLCHAIN") {
        evidence.insert(0, facts.evidence(var.line));
    }
    let std_package = events.iter().find_map(|e| match &e.kind {
        EventKind::MalformedModulePath { path } => Some(path.clone()),
        _ => None,
    });
    // A standard-library package the local Go lacks: the release that added it.
    let since = std_package
        .as_deref()
        .and_then(gmd_semantics::module::standard_library_since)
        .filter(|_| need.is_none());
    let need = need.or(since.map(str::to_owned)).unwrap_or_default();
    let subject = events.iter().find_map(|e| match &e.kind {
        EventKind::ToolchainRequired { .. } => e.module.clone(),
        _ => None,
    });
    let message = match (std_package, subject) {
        (Some(package), _) if need.is_empty() || since.is_some() => Msg::NoSuchStdPackage { package },
        (_, Some(module)) if !need.is_empty() => Msg::ModuleNeedsNewer {
            module,
            need: need.clone(),
        },
        _ if need.is_empty() => Msg::TooOld,
        _ => Msg::NeedsNewer { need: need.clone() },
    };
    let target = gover::first_release(&need);
    // For a package the local Go lacks, switching toolchains needs a go line that asks for one
    // (and Go 1.21+ to switch): installing the release is the fix that always works.
    let mut fixes = if since.is_some() {
        Vec::new()
    } else {
        vec![Fix::set(&Do::Auto, "GOTOOLCHAIN", Word::lit("auto"))]
    };
    if !need.is_empty() {
        let install: &dyn gmd_vocabulary::Message = if since.is_some() {
            &Do::InstallAtLeast {
                version: target.clone(),
            }
        } else {
            &Do::Install {
                version: target.clone(),
            }
        };
        fixes.extend(super::common::install_release(install, &target));
        if since.is_some() {
            // Not lowering: the code needs what that release added.
            return vec![rule.finding(severity, &message, evidence, fixes)];
        }
        // The local release's language version (as `go version` printed it), or a hole.
        let local = facts
            .go_version
            .as_deref()
            .map(gover::lang)
            .filter(|v| gover::is_valid(v))
            .and_then(|v| Word::value(Kind::Lit, &v))
            .unwrap_or_else(|| Word::hole(Hole::Version));
        fixes.push(Fix::safe(
            &Do::Lower,
            Command::new(Step::go(vec![
                Word::lit("mod"),
                Word::lit("edit"),
                Word::join(vec![Word::lit("-go="), local]),
            ])),
        ));
    }
    vec![rule.finding(severity, &message, evidence, fixes)]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, finding};

    #[test]
    fn a_standard_library_package_the_toolchain_lacks_names_its_release() {
        let log = "go mod tidy\ngithub.com/a/b imports\n\tio/fs: malformed module path \"io/fs\": missing dot in first path element\n";
        check(log, &["toolchain-too-old toolchain_too_old error lines=3 fixes=safe"]);
        assert_eq!(
            finding(log, "toolchain-too-old").fixes[0].title.en,
            "Install Go 1.16 (or newer) and build with it"
        );
        // Not a standard-library path: a module path without its host.
        assert!(
            !crate::rules::test_support::rules(
                "go: malformed module path \"daegalus/caddy-anubis\": missing dot in first path element\n"
            )
            .contains(&"toolchain-too-old")
        );
    }

    #[test]
    fn fires_when_the_go_line_is_too_new() {
        check(
            "GOTOOLCHAIN='local'\ngo: go.mod requires go >= 1.99 (running go 1.27.3; GOTOOLCHAIN=local)\n",
            &["toolchain-too-old toolchain_too_old error lines=1,2 fixes=safe,safe,safe"],
        );
        check(
            "GOTOOLCHAIN='local'\nGOVERSION='go1.22.1'\nmodule example.com/app\n\ngo 1.23.0\n",
            &["toolchain-too-old toolchain_too_old warning lines=1,5 fixes=safe,safe,safe"],
        );
        check(
            "go: errors parsing go.mod:\ngo.mod:5: unknown directive: toolchain\n",
            &["toolchain-too-old toolchain_too_old error lines=2 fixes=safe"],
        );
        assert_eq!(
            finding(
                "go: go.mod requires go >= 1.99 (running go 1.27.3; GOTOOLCHAIN=local)",
                "toolchain-too-old"
            )
            .message
            .en,
            "go.mod needs go 1.99 or newer and this go command may not switch toolchains"
        );
    }

    #[test]
    fn stays_silent_when_the_toolchain_can_switch_or_suffices() {
        check(
            "GOTOOLCHAIN='auto'\nGOVERSION='go1.22.1'\nmodule example.com/app\n\ngo 1.23.0\n",
            &[],
        );
        check(
            "GOTOOLCHAIN='local'\nGOVERSION='go1.27.3'\nmodule example.com/app\n\ngo 1.23.0\n",
            &[],
        );
    }
}
