//! The failures no rule reads, named all the same: a failure whose words are a format the go
//! command's error catalogue (`gmd_golog::catalogue`) gives a cause, and an answer of a proxy or
//! a checksum database (or any failure) the attribution table gives to a cause whose rule has no
//! words for it (a 401 in a public mirror's name, a checksum database refusing a zip), are that
//! cause's
//! finding, under that cause's rule (its title, explanation and reference), quoting the line.
//! Not a rule: it runs after them (see `run_all`) and adds only what they did not say.

use super::{Facts, RULES, common};
use crate::attribution;
use crate::finding::{Cause, Certainty, Finding, Severity};
use gmd_golog::EventKind;

gmd_vocabulary::texts! {
    enum Msg {
        Said { line: String } =>
            "the go command says: `{line}`",
            "go 命令报告：`{line}`";
    }
}

/// A finding for each cause the catalogue reads in a failure no finding already covers.
pub(super) fn after(facts: &Facts<'_>, findings: &[Finding]) -> Vec<Finding> {
    // What the rules' errors cover: their causes and the lines they cite.
    let errors = || findings.iter().filter(|f| f.severity == Severity::Error);
    let causes: Vec<Cause> = errors().map(|f| f.cause).collect();
    let mut lines: Vec<usize> = errors().flat_map(|f| f.evidence.iter().map(|e| e.line)).collect();
    gmd_order::sort_dedup(&mut lines);
    let covered = |cause: Cause, line: usize| causes.contains(&cause) || lines.binary_search(&line).is_ok();
    let mut out: Vec<Finding> = Vec::new();
    for event in &facts.events {
        // The go command's own words (certain), or the table's reading of an answer (likely).
        let (cause, certainty) = match &event.kind {
            EventKind::GoFailure { cause: Some(code), .. } => (Cause::from_code(code), Certainty::Certain),
            kind if kind.is_failure() => (attribution::owner(facts, event), Certainty::Likely),
            _ => continue,
        };
        let Some(cause) = cause else { continue };
        let Some(rule) = RULES.iter().find(|r| r.cause == cause) else {
            continue;
        };
        if covered(cause, event.line) {
            continue;
        }
        if let Some(finding) = out.iter_mut().find(|f| f.cause == cause) {
            finding.evidence.extend(facts.events_evidence([event]));
            continue;
        }
        let text: String = facts.split.line(event.line).trim().chars().take(240).collect();
        let mut finding = rule.finding(
            Severity::Error,
            &Msg::Said { line: text },
            facts.events_evidence([event]),
            common::probe_and_check(Some(event)),
        );
        finding.certainty = certainty;
        out.push(finding);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, finding};

    #[test]
    fn a_failure_whose_format_the_catalogue_knows_is_its_cause() {
        let log =
            "go: github.com/x/y@v2.0.0: go.mod has post-v2 module path \"github.com/x/y/v3\" at revision v2.0.0\n";
        check(log, &["invalid-version invalid_version error lines=1 fixes=safe,safe"]);
        let f = finding(log, "invalid-version");
        assert!(
            f.message
                .en
                .starts_with("the go command says: `go: github.com/x/y@v2.0.0"),
            "{}",
            f.message.en
        );
        assert_eq!(f.fixes[0].posix(), "gomod-doctor probe github.com/x/y@v2.0.0");
        check(
            "go: version is required when current directory is not in a module\n",
            &["gopath-mode gopath_mode error lines=1 fixes=safe"],
        );
    }

    #[test]
    fn a_cause_a_rule_already_found_is_not_said_twice() {
        check(
            "go: github.com/a/b@v1.0.0: module lookup disabled by GOPROXY=off\n",
            &["proxy-off proxy_off error lines=1 fixes=safe,safe,safe"],
        );
    }
}
