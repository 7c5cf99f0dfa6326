//! The rules: one file each, listed in [`RULES`] in root-cause order.
//!
//! A rule is a [`Rule`] declaration (id, cause, hop, title, explanation, reference) plus a check
//! function that reads the [`Facts`] of a paste and returns its findings.

use crate::finding::{Cause, Evidence, Finding, Fix, Hop, Severity};
use crate::goenv::Settings;

mod proxy_off;

/// Every rule, most fundamental cause first: within a severity, findings keep this order.
const RULES: &[&Rule] = &[&proxy_off::RULE];

/// What the rules know about one paste, computed once.
pub(crate) struct Facts<'a> {
    /// The input's lines without line endings; index 0 is line 1.
    pub lines: Vec<&'a str>,
    pub settings: Settings,
}

impl<'a> Facts<'a> {
    pub fn new(input: &'a str) -> Facts<'a> {
        Facts {
            lines: input.lines().map(|l| l.trim_end_matches('\r')).collect(),
            settings: Settings::parse(input),
        }
    }

    /// Evidence for the 1-based input line `line`.
    pub fn evidence(&self, line: usize) -> Evidence {
        let text = self
            .lines
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or_default();
        Evidence {
            line,
            text: text.to_owned(),
        }
    }

    /// Evidence for every line containing `needle`.
    pub fn lines_containing(&self, needle: &str) -> Vec<Evidence> {
        self.lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.contains(needle))
            .map(|(i, l)| Evidence {
                line: i + 1,
                text: (*l).to_owned(),
            })
            .collect()
    }
}

/// The declaration of one rule.
pub(crate) struct Rule {
    /// Kebab-case id, shown in every finding.
    pub id: &'static str,
    pub cause: Cause,
    pub hop: Hop,
    pub title: &'static str,
    /// Why it breaks the build and what fixes it, for the user.
    pub explanation: &'static str,
    /// The go.dev reference section.
    pub reference: &'static str,
    pub check: fn(&Rule, &Facts<'_>) -> Vec<Finding>,
}

impl Rule {
    /// A finding of this rule.
    pub fn finding(
        &self,
        severity: Severity,
        message: String,
        evidence: Vec<Evidence>,
        fixes: Vec<Fix>,
    ) -> Finding {
        Finding {
            rule: self.id,
            cause: self.cause,
            hop: self.hop,
            severity,
            title: self.title.to_owned(),
            message,
            explanation: self.explanation,
            evidence,
            fixes,
            reference: self.reference,
        }
    }
}

/// Runs every rule in declaration order.
pub(crate) fn run_all(facts: &Facts<'_>) -> Vec<Finding> {
    RULES
        .iter()
        .flat_map(|rule| (rule.check)(rule, facts))
        .collect()
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::finding::Safety;

    /// Analyses `input` and compares one line per finding:
    /// `rule cause severity lines=1,2 fixes=safe,unsafe`.
    pub fn check(input: &str, expected: &[&str]) {
        let analysis = crate::analyze(input).expect("test inputs are small");
        let actual: Vec<String> = analysis
            .findings
            .iter()
            .map(|f| {
                let lines: Vec<String> = f.evidence.iter().map(|e| e.line.to_string()).collect();
                let fixes: Vec<&str> = f
                    .fixes
                    .iter()
                    .map(|x| {
                        if x.safety == Safety::Safe {
                            "safe"
                        } else {
                            "unsafe"
                        }
                    })
                    .collect();
                format!(
                    "{} {} {} lines={} fixes={}",
                    f.rule,
                    f.cause.code(),
                    f.severity.code(),
                    lines.join(","),
                    fixes.join(",")
                )
            })
            .collect();
        assert_eq!(actual, expected, "input:\n{input}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_well_formed() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len(), "rule ids are unique");
        for rule in RULES {
            assert!(
                rule.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                rule.id
            );
            assert!(rule.reference.starts_with("https://go.dev/"), "{}", rule.id);
            assert!(
                !rule.title.is_empty() && !rule.explanation.is_empty(),
                "{}",
                rule.id
            );
        }
    }
}
