//! Schema 1, English only: how reports stored before schema 2 are read and re-encoded. A
//! schema-1 report opens as a [`Report`](crate::Report) whose texts are English in both
//! languages, and encodes back to the very bytes it was stored as (its id depends on them).

use crate::{
    ChainEntryDto, ConfigDto, EvidenceDto, FindingDto, FixDto, GoproxyDto, RedactionDto, Report, RouteDto, SectionDto,
    SharedReport, SummaryDto, TextDto, ToolchainDto,
};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
pub(crate) struct SharedReportV1 {
    schema: u32,
    analysis_version: String,
    input: String,
    redactions: Vec<RedactionDto>,
    report: ReportV1,
}

#[derive(Serialize, Deserialize)]
struct ReportV1 {
    schema: u32,
    analysis_version: String,
    findings: Vec<FindingV1>,
    config: ConfigV1,
    sections: Vec<SectionDto>,
}

#[derive(Serialize, Deserialize)]
struct FindingV1 {
    rule: String,
    cause: String,
    hop: String,
    severity: String,
    title: String,
    message: String,
    explanation: String,
    evidence: Vec<EvidenceDto>,
    #[serde(default, skip_serializing_if = "crate::is_zero")]
    more_evidence: usize,
    fixes: Vec<FixV1>,
    reference: String,
}

#[derive(Serialize, Deserialize)]
struct FixV1 {
    title: String,
    safety: String,
    posix: String,
    powershell: String,
    cmd: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    go_env_w: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct ConfigV1 {
    goproxy: GoproxyV1,
    routes: Vec<RouteDto>,
    sumdb: SummaryV1,
    toolchain: ToolchainV1,
}

#[derive(Serialize, Deserialize)]
struct GoproxyV1 {
    value: String,
    pasted: bool,
    chain: Vec<ChainEntryDto>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    error: Option<String>,
    summary: String,
}

#[derive(Serialize, Deserialize)]
struct SummaryV1 {
    value: String,
    summary: String,
}

#[derive(Serialize, Deserialize)]
struct ToolchainV1 {
    gotoolchain: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    go_line: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    toolchain_line: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    local: Option<String>,
    summary: String,
}

impl From<SharedReportV1> for SharedReport {
    fn from(v1: SharedReportV1) -> SharedReport {
        let r = v1.report;
        let english = |text: &str| TextDto::english(text);
        SharedReport {
            schema: v1.schema,
            analysis_version: v1.analysis_version,
            input: v1.input,
            redactions: v1.redactions,
            report: Report {
                shell: None,
                schema: r.schema,
                analysis_version: r.analysis_version,
                lang: None,
                findings: r
                    .findings
                    .into_iter()
                    .map(|f| FindingDto {
                        title: english(&f.title),
                        message: english(&f.message),
                        message_id: String::new(),
                        args: Vec::new(),
                        explanation: english(&f.explanation),
                        fixes: f
                            .fixes
                            .into_iter()
                            .map(|x| FixDto {
                                title: english(&x.title),
                                safety: x.safety,
                                command: None,
                                posix: Some(x.posix),
                                powershell: Some(x.powershell),
                                cmd: Some(x.cmd),
                                go_env_w: x.go_env_w,
                            })
                            .collect(),
                        rule: f.rule,
                        cause: f.cause,
                        hop: f.hop,
                        severity: f.severity,
                        certainty: String::new(),
                        evidence: f.evidence,
                        more_evidence: f.more_evidence,
                        reference: f.reference,
                    })
                    .collect(),
                config: ConfigDto {
                    goproxy: GoproxyDto {
                        summary: english(&r.config.goproxy.summary),
                        value: r.config.goproxy.value,
                        pasted: r.config.goproxy.pasted,
                        chain: r.config.goproxy.chain,
                        error: r.config.goproxy.error,
                    },
                    routes: r.config.routes,
                    sumdb: SummaryDto {
                        summary: english(&r.config.sumdb.summary),
                        value: r.config.sumdb.value,
                        assumed: false,
                    },
                    toolchain: ToolchainDto {
                        summary: english(&r.config.toolchain.summary),
                        gotoolchain: r.config.toolchain.gotoolchain,
                        assumed: false,
                        go_line: r.config.toolchain.go_line,
                        toolchain_line: r.config.toolchain.toolchain_line,
                        local: r.config.toolchain.local,
                    },
                },
                sections: r.sections,
            },
            measurements: Vec::new(),
        }
    }
}

impl From<&SharedReport> for SharedReportV1 {
    /// The schema-1 form of a report opened from schema 1 (its English texts).
    fn from(s: &SharedReport) -> SharedReportV1 {
        let r = &s.report;
        let c = &r.config;
        SharedReportV1 {
            schema: s.schema,
            analysis_version: s.analysis_version.clone(),
            input: s.input.clone(),
            redactions: s.redactions.clone(),
            report: ReportV1 {
                schema: r.schema,
                analysis_version: r.analysis_version.clone(),
                findings: r
                    .findings
                    .iter()
                    .map(|f| FindingV1 {
                        rule: f.rule.clone(),
                        cause: f.cause.clone(),
                        hop: f.hop.clone(),
                        severity: f.severity.clone(),
                        title: f.title.en.clone(),
                        message: f.message.en.clone(),
                        explanation: f.explanation.en.clone(),
                        evidence: f.evidence.clone(),
                        more_evidence: f.more_evidence,
                        fixes: f
                            .fixes
                            .iter()
                            .map(|x| FixV1 {
                                title: x.title.en.clone(),
                                safety: x.safety.clone(),
                                posix: x.posix.clone().unwrap_or_default(),
                                powershell: x.powershell.clone().unwrap_or_default(),
                                cmd: x.cmd.clone().unwrap_or_default(),
                                go_env_w: x.go_env_w.clone(),
                            })
                            .collect(),
                        reference: f.reference.clone(),
                    })
                    .collect(),
                config: ConfigV1 {
                    goproxy: GoproxyV1 {
                        value: c.goproxy.value.clone(),
                        pasted: c.goproxy.pasted,
                        chain: c.goproxy.chain.clone(),
                        error: c.goproxy.error.clone(),
                        summary: c.goproxy.summary.en.clone(),
                    },
                    routes: c.routes.clone(),
                    sumdb: SummaryV1 {
                        value: c.sumdb.value.clone(),
                        summary: c.sumdb.summary.en.clone(),
                    },
                    toolchain: ToolchainV1 {
                        gotoolchain: c.toolchain.gotoolchain.clone(),
                        go_line: c.toolchain.go_line.clone(),
                        toolchain_line: c.toolchain.toolchain_line.clone(),
                        local: c.toolchain.local.clone(),
                        summary: c.toolchain.summary.en.clone(),
                    },
                },
                sections: r.sections.clone(),
            },
        }
    }
}
