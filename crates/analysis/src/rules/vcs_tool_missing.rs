//! `vcs-tool-missing`: the version control tool a direct fetch needs is not installed.

use super::{Facts, Rule, common};
use crate::finding::{Cause, Command, Finding, Fix, Hop, Os, Package, Severity};
use gmd_golog::EventKind;

pub(crate) const RULE: Rule = Rule {
    id: "vcs-tool-missing",
    cause: Cause::VcsToolMissing,
    hop: Hop::Vcs,
    title: "git (or another version control tool) is not installed",
    explanation: "Modules fetched directly — GOPROXY=direct, a GOPRIVATE or GONOPROXY match, or a fall-back to `direct` — are cloned with the repository's version control tool, usually git, found through PATH. Slim container images often lack it. Install it, or fetch public modules through a proxy.",
    title_zh: "没有安装 git（或其他版本控制工具）",
    explanation_zh: "直接获取的模块——GOPROXY=direct、匹配 GOPRIVATE 或 GONOPROXY，或回退到 `direct`——会用仓库的版本控制工具（通常是 git）克隆，该工具通过 PATH 查找。精简的容器镜像常常没有它。安装它，或通过代理获取公开模块。",
    reference: "https://go.dev/ref/mod#vcs",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        NotOnPath { tool: String } =>
            "`{tool}` is not on PATH, and a direct fetch needs it",
            "`{tool}` 不在 PATH 中，而直接获取需要它";
    }
    enum Do {
        Install { tool: String } =>
            "Install {tool} and make sure it is on PATH",
            "安装 {tool}，并确保它在 PATH 中";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events = facts.events_where(|k| matches!(k, EventKind::VcsMissing { .. }));
    let Some(first) = events.first() else { return Vec::new() };
    let EventKind::VcsMissing { tool } = &first.kind else {
        return Vec::new();
    };
    let package = match tool.as_str() {
        "hg" => Package::Mercurial,
        "svn" => Package::Subversion,
        "bzr" => Package::Bazaar,
        "fossil" => Package::Fossil,
        _ => Package::Git,
    };
    let mut fixes = vec![Fix::safe(
        &Do::Install { tool: tool.clone() },
        Command::os(Os::Install { package }),
    )];
    // A mirror serves public modules without the tool; a private one is fetched directly anyway.
    let private = first
        .module
        .as_deref()
        .is_some_and(|m| facts.declared_private(m) || crate::facts::looks_internal(m));
    if !private {
        fixes.push(common::mirror_fix(facts, common::looks_like_china(facts)));
    }
    let message = Msg::NotOnPath { tool: tool.clone() };
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
    fn fires_when_git_is_missing() {
        check(
            "go: git.corp.example/a@v1.2.0: unable to resolve git version: failed to execute git version: exec: \"git\": executable file not found in $PATH\n",
            &["vcs-tool-missing vcs_tool_missing error lines=1 fixes=safe"],
        );
        // A public module: a mirror serves it without git.
        check(
            "go: github.com/x/y@v1.2.0: unable to resolve git version: failed to execute git version: exec: \"git\": executable file not found in $PATH\n",
            &["vcs-tool-missing vcs_tool_missing error lines=1 fixes=safe,safe"],
        );
        check(
            "go: x@v1: exec: \"hg\": executable file not found in %PATH%\n",
            &["vcs-tool-missing vcs_tool_missing error lines=1 fixes=safe,safe"],
        );
    }

    #[test]
    fn stays_silent_otherwise() {
        check("exec: \"gcc\": is a directory\n", &[]);
    }
}
