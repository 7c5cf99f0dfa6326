//! The analysis as gmd-report's serialized form (the only wire format).

use crate::{Analysis, Finding};
use gmd_report::{
    ArgDto, ChainEntryDto, ConfigDto, EvidenceDto, FindingDto, FixDto, GoproxyDto, Report, RouteDto, SectionDto,
    SummaryDto, TextDto, ToolchainDto,
};

impl Analysis {
    /// The report of this analysis, every text in both languages.
    pub fn to_report(&self) -> Report {
        let c = &self.config;
        Report {
            schema: gmd_report::SCHEMA_VERSION,
            analysis_version: crate::ANALYSIS_VERSION.to_owned(),
            lang: None,
            shell: None,
            findings: self.findings.iter().map(finding).collect(),
            config: ConfigDto {
                goproxy: GoproxyDto {
                    value: c.goproxy.value.clone(),
                    pasted: c.goproxy.pasted,
                    chain: c
                        .goproxy
                        .entries
                        .iter()
                        .map(|e| ChainEntryDto {
                            target: e.target.clone(),
                            next_on: e.next_on.to_owned(),
                        })
                        .collect(),
                    error: c.goproxy.error.clone(),
                    summary: TextDto::from(&c.goproxy.summary),
                },
                routes: c
                    .routes
                    .iter()
                    .map(|r| RouteDto {
                        module: r.module.clone(),
                        fetch: r.fetch.to_owned(),
                        direct_because: r.direct_because.clone(),
                        checksum_db: r.checksum_db,
                        unchecked_because: r.unchecked_because.clone(),
                        insecure: r.insecure,
                    })
                    .collect(),
                sumdb: SummaryDto {
                    value: c.sumdb.value.clone(),
                    assumed: !c.sumdb.pasted,
                    summary: TextDto::from(&c.sumdb.summary),
                },
                toolchain: ToolchainDto {
                    gotoolchain: c.toolchain.gotoolchain.clone(),
                    assumed: !c.toolchain.pasted,
                    go_line: c.toolchain.go_line.clone(),
                    toolchain_line: c.toolchain.toolchain_line.clone(),
                    local: c.toolchain.local.clone(),
                    summary: TextDto::from(&c.toolchain.summary),
                },
            },
            sections: self
                .sections
                .iter()
                .map(|s| SectionDto {
                    kind: s.kind.to_owned(),
                    first_line: s.first_line,
                    last_line: s.last_line,
                })
                .collect(),
        }
        .with_shell(self.shell)
    }
}

/// What the finding quotes from the paste, with hidden characters (bidi overrides, zero-width
/// characters, controls) shown as `<U+XXXX>`: what is read is what is copied.
fn shown(text: &str) -> String {
    gmd_command::visible(text).into_owned()
}

fn finding(f: &Finding) -> FindingDto {
    FindingDto {
        rule: f.rule.to_owned(),
        cause: f.cause.code().to_owned(),
        hop: f.hop.code().to_owned(),
        severity: f.severity.code().to_owned(),
        certainty: f.certainty.code().to_owned(),
        title: TextDto::from(&f.title),
        message: TextDto {
            en: shown(&f.message.en),
            zh: shown(&f.message.zh),
        },
        message_id: f.message_id.to_owned(),
        args: f
            .args
            .iter()
            .map(|(name, value)| ArgDto {
                name: (*name).to_owned(),
                value: shown(value),
            })
            .collect(),
        explanation: TextDto::from(&f.explanation),
        evidence: f
            .evidence
            .iter()
            .map(|e| EvidenceDto {
                line: e.line,
                text: shown(&e.text),
            })
            .collect(),
        more_evidence: f.more_evidence,
        fixes: f
            .fixes
            .iter()
            .map(|x| FixDto::new(TextDto::from(&x.title), x.safety.code(), x.command.clone()))
            .collect(),
        reference: f.reference.to_owned(),
    }
}

/// The shared report of `input` (already redacted) as this engine reads it, its fixes shown
/// first for `shell` (`None`: the shell the paste points at). What the CLI and the page share,
/// and what the worker stores whatever findings a client sent: advice only ever comes from
/// these rules.
pub fn shared_report(
    input: &str,
    redactions: Vec<gmd_report::RedactionDto>,
    shell: Option<gmd_report::Shell>,
) -> Result<gmd_report::SharedReport, crate::Error> {
    let analysis = crate::analyze(input)?;
    let shell = shell.unwrap_or(analysis.shell);
    Ok(gmd_report::SharedReport::new(
        input,
        redactions,
        analysis.to_report().with_shell(shell),
    ))
}

#[cfg(test)]
mod tests {
    const INPUT: &str = "GOPROXY='off'\ngo: example.com/m@v1.0.0: module lookup disabled by GOPROXY=off\n";

    /// The report of a paste is the committed sample byte for byte (gmd-report's own tests
    /// read the same file), so a change of the wire format or of a text shows here.
    #[test]
    fn the_report_matches_the_committed_sample() {
        let report = crate::analyze(INPUT).expect("small").to_report();
        let shared = gmd_report::SharedReport::new(INPUT, vec![], report);
        let expected = include_str!("../../report/tests/schema-3.json").trim_end();
        assert_eq!(String::from_utf8(shared.canonical_bytes()).expect("utf-8"), expected);
    }
}
