//! Go Module Doctor's analysis façade.
//!
//! [`analyze`] takes whatever a user pasted (`go env` output, go.mod, the error log, …) and returns
//! the findings, most likely root cause first, and the effective configuration. Every finding
//! names one [`Cause`] from the project's taxonomy, the input lines that prove it, and ordered
//! [`Fix`]es with a command for each shell.
//!
//! This crate is pure: no IO, no clock, no randomness. It builds for native targets and for
//! `wasm32-unknown-unknown`, and the web app, the worker and the CLI call only this façade.
//!
//! ```
//! let analysis = gmd_analysis::analyze("GOPROXY='off'\n").unwrap();
//! assert_eq!(analysis.findings[0].cause.code(), "proxy_off");
//! ```

mod attribution;
pub mod config;
mod facts;
mod finding;
mod gomod_check;
mod report;
mod rules;
mod shell;
mod words;

pub use config::Config;
pub use finding::{Cause, Certainty, Evidence, Finding, Fix, Hop, Safety, Severity};
pub use gmd_command as command;
pub use gmd_vocabulary::{Lang, Shell, Text};
pub use gomod_check::{GoModCheck, Private, first_proxy, go_mod_check};
pub use report::shared_report;

/// Inputs larger than this are refused rather than analysed (SPEC §3).
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// At most this many evidence lines are kept per finding; the rest are counted.
pub const MAX_EVIDENCE: usize = 20;

/// The version of the analysis (the rules), recorded in shared reports.
pub const ANALYSIS_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Why an input was not analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input is larger than [`MAX_INPUT_BYTES`].
    InputTooLarge { bytes: usize },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::InputTooLarge { bytes } => write!(
                f,
                "input is {bytes} bytes, more than the {MAX_INPUT_BYTES}-byte limit; paste only `go env`, go.mod and the failing part of the log"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// A section of the input, as recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// `go_env`, `go_mod`, `go_sum`, `go_version`, `git_config` or `log`.
    pub kind: &'static str,
    /// 1-based first and last line.
    pub first_line: usize,
    pub last_line: usize,
}

/// The result of analysing one paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// Findings ordered most likely root cause first.
    pub findings: Vec<Finding>,
    pub config: Config,
    pub sections: Vec<Section>,
    /// The module the log is about: the first one a go command error names (the web app's probe
    /// panel starts from it).
    pub subject: Option<Subject>,
    /// The shell the paste points at (a prompt, settings typed for it, Windows output): its
    /// fixes are shown first.
    pub shell: Shell,
}

/// A module path and, when the log names one, its version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub module: String,
    pub version: Option<String>,
}

impl Subject {
    /// `module@version`, or the module alone: what a probe asks for.
    pub fn request(&self) -> String {
        match &self.version {
            Some(v) => format!("{}@{v}", self.module),
            None => self.module.clone(),
        }
    }
}

impl Analysis {
    /// True when at least one finding is an error (the CLI exits 1 then).
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// Whether anything in the input was recognised (settings, go.mod, go command output).
    pub fn recognised_anything(&self) -> bool {
        self.sections.iter().any(|s| s.kind != "log") || !self.findings.is_empty()
    }
}

/// Analyses a paste and returns its findings, root cause first.
///
/// Never panics; the only refusal is an input over [`MAX_INPUT_BYTES`].
pub fn analyze(input: &str) -> Result<Analysis, Error> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(Error::InputTooLarge { bytes: input.len() });
    }
    let facts = facts::Facts::new(input);
    let mut findings = rules::run_all(&facts);
    for finding in &mut findings {
        if finding.evidence.len() > MAX_EVIDENCE {
            finding.more_evidence = finding.evidence.len() - MAX_EVIDENCE;
            finding.evidence.truncate(MAX_EVIDENCE);
        }
    }
    // Stable sort: errors before warnings before advice; rules keep their declared order within a
    // severity, which is the order of root-cause likelihood.
    gmd_order::sort_by_key(&mut findings, |f| f.severity);
    let sections = facts
        .split
        .sections
        .iter()
        .map(|s| {
            let (first_line, last_line) = s.line_span();
            Section {
                kind: s.kind.code(),
                first_line,
                last_line,
            }
        })
        .collect();
    let subject = facts.events.iter().find_map(|e| {
        Some(Subject {
            module: e.module.clone()?,
            version: e.version.clone(),
        })
    });
    Ok(Analysis {
        findings,
        config: config::explain(&facts),
        sections,
        subject,
        shell: shell::detect(input, &facts.env),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subject_is_the_first_module_the_log_names() {
        let subject = |input: &str| analyze(input).unwrap().subject.map(|s| (s.module, s.version));
        assert_eq!(
            subject(
                "GOPROXY='off'\ngo: github.com/gin-gonic/gin@v1.9.1: module lookup disabled by GOPROXY=off\ngo: golang.org/x/text@v0.14.0: module lookup disabled by GOPROXY=off\n"
            ),
            Some(("github.com/gin-gonic/gin".to_owned(), Some("v1.9.1".to_owned())))
        );
        assert_eq!(subject("GOPROXY='off'\nGOFLAGS=''\n"), None);
    }

    #[test]
    fn refuses_inputs_over_one_mebibyte() {
        let big = "x".repeat(MAX_INPUT_BYTES + 1);
        let error = analyze(&big).unwrap_err();
        assert_eq!(
            error,
            Error::InputTooLarge {
                bytes: MAX_INPUT_BYTES + 1
            }
        );
        assert!(error.to_string().contains("1048576-byte limit"));
    }

    #[test]
    fn accepts_exactly_one_mebibyte() {
        let input = "y".repeat(MAX_INPUT_BYTES);
        let analysis = analyze(&input).unwrap();
        assert!(analysis.findings.is_empty());
    }

    #[test]
    fn evidence_is_capped_and_counted() {
        let line = "go: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n";
        let analysis = analyze(&line.repeat(100)).unwrap();
        assert_eq!(analysis.findings[0].evidence.len(), MAX_EVIDENCE);
        assert_eq!(analysis.findings[0].more_evidence, 100 - MAX_EVIDENCE);
    }

    #[test]
    fn unrecognised_text_gives_no_findings() {
        let analysis = analyze("hello world\nthe build is fine\n").unwrap();
        assert!(analysis.findings.is_empty());
        assert!(!analysis.has_errors());
        assert!(!analysis.recognised_anything());
        assert!(analyze("GOPROXY=direct\n").unwrap().recognised_anything());
    }
}
