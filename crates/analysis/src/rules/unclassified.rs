//! `unclassified`: the go command failed and no cause explains its words. Never silent: the
//! finding quotes the failing line, names the hop and the request as far as they can be read,
//! and offers what helps (probe that request from this machine, run the check).

use super::{Facts, Rule, common};
use crate::finding::{Cause, Certainty, Finding, Hop, Severity};
use gmd_golog::{Event, EventKind, Target};

pub(crate) const RULE: Rule = Rule {
    id: "unclassified",
    cause: Cause::Unclassified,
    hop: Hop::Config,
    title: "The go command failed for a reason not recognised",
    explanation: "The go command reported an error, and none of the known causes explains its words with enough certainty. The line it failed on is quoted below. Probing the request it made from your own machine tells a network or mirror problem from one of the module itself; sharing the report with the full output (`go env`, go.mod and the command's output, with `-x` if you can) lets someone read the rest.",
    title_zh: "go 命令失败了，原因未能识别",
    explanation_zh: "go 命令报告了错误，但没有任何已知原因能足够可靠地解释它的文字。它失败的那一行引在下面。在你自己的电脑上探测它发出的请求，可以分辨是网络或镜像的问题还是模块本身的问题；把报告连同完整输出（`go env`、go.mod 和命令的输出，能加 `-x` 更好）分享出来，别人就能读懂其余部分。",
    reference: "https://go.dev/ref/mod#troubleshooting",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Failed { line: String } =>
            "the go command failed, and no known cause explains it: `{line}`",
            "go 命令失败了，没有已知原因能解释它：`{line}`";
    }
}

/// Found only after every other rule, by [`after`].
fn check(_: &Rule, _: &Facts<'_>) -> Vec<Finding> {
    Vec::new()
}

/// The finding for a failed run no other rule explained.
pub(super) fn after(rule: &Rule, facts: &Facts<'_>) -> Option<Finding> {
    let trace = |line: usize| facts.split.line(line).trim_start().starts_with("# ");
    let event: Option<&Event> = facts.events.iter().find(|e| e.kind.is_failure() && !trace(e.line));
    let line = match event {
        Some(e) => e.line,
        None => facts
            .log_lines()
            .filter(|(_, t)| gmd_golog::is_error_frame(t.trim()))
            .map(|(n, _)| n)
            .last()?,
    };
    let text: String = facts.split.line(line).trim().chars().take(240).collect();
    let hop = match event.map(|e| &e.kind) {
        Some(EventKind::Fetch { target, .. } | EventKind::HttpStatus { target, .. }) => match target {
            Target::ModuleProxy | Target::SumdbSupported => Hop::ModuleProxy,
            Target::ChecksumDb => Hop::ChecksumDb,
            Target::GoGet => Hop::Vcs,
            Target::Toolchain => Hop::Toolchain,
            Target::Other => Hop::ModuleProxy,
        },
        _ => rule.hop,
    };
    let fixes = common::probe_and_check(event);
    let mut finding = rule.finding(
        Severity::Error,
        &Msg::Failed { line: text },
        vec![facts.evidence(line)],
        fixes,
    );
    finding.hop = hop;
    finding.certainty = Certainty::Guess;
    Some(finding)
}

#[cfg(test)]
mod tests {
    use crate::Certainty;
    use crate::rules::test_support::{check, finding};

    #[test]
    fn a_failure_no_rule_explains_is_named_a_guess_with_its_line_and_request() {
        let log =
            "go: downloading github.com/a/b v1.0.0\ngo: github.com/a/b@v1.0.0: something the rules have never seen\n";
        check(log, &["unclassified unclassified error lines=2 fixes=safe,safe"]);
        let f = finding(log, "unclassified");
        assert_eq!(f.certainty, Certainty::Guess);
        assert!(
            f.message.en.contains("something the rules have never seen"),
            "{}",
            f.message.en
        );
        assert_eq!(f.fixes[0].posix(), "gomod-doctor probe github.com/a/b@v1.0.0");
        assert_eq!(f.fixes[1].posix(), "gomod-doctor check -- go mod download");
    }

    #[test]
    fn a_run_that_failed_in_a_way_a_rule_names_gets_no_unclassified_and_a_healthy_one_neither() {
        check(
            "go: github.com/a/b@v1.0.0: module lookup disabled by GOPROXY=off\n",
            &["proxy-off proxy_off error lines=1 fixes=safe,safe,safe"],
        );
        check(
            "go: downloading github.com/a/b v1.0.0\ngo: added github.com/a/b v1.0.0\n",
            &[],
        );
    }
}
