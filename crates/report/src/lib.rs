//! The serialized form of an analysis: what the CLI prints with `--format json`, what the web
//! app shares and the worker stores. Internal types of `gmd-analysis` are never serialized
//! directly: these DTOs are, with a schema version, field order fixed by declaration (no maps),
//! so the same analysis always gives the same bytes.

mod markdown;
mod shared;

pub use gmd_semantics::encoding::{base64_std, base64_url, base64_url_decode};
pub use markdown::to_markdown;
pub use shared::{RedactionDto, SharedError, SharedReport, from_fragment, full_id, short_id, to_fragment};

use gmd_analysis::{Analysis, Finding, Safety};
use serde::{Deserialize, Serialize};

/// Bumped whenever the JSON shape changes incompatibly.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub schema: u32,
    pub analysis_version: String,
    pub findings: Vec<FindingDto>,
    pub config: ConfigDto,
    pub sections: Vec<SectionDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingDto {
    pub rule: String,
    pub cause: String,
    pub hop: String,
    pub severity: String,
    pub title: String,
    pub message: String,
    pub explanation: String,
    pub evidence: Vec<EvidenceDto>,
    /// Evidence lines beyond those listed.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub more_evidence: usize,
    pub fixes: Vec<FixDto>,
    pub reference: String,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceDto {
    pub line: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixDto {
    pub title: String,
    /// `safe` or `unsafe`.
    pub safety: String,
    pub posix: String,
    pub powershell: String,
    pub cmd: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub go_env_w: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigDto {
    pub goproxy: GoproxyDto,
    pub routes: Vec<RouteDto>,
    pub sumdb: SummaryDto,
    pub toolchain: ToolchainDto,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoproxyDto {
    pub value: String,
    pub pasted: bool,
    pub chain: Vec<ChainEntryDto>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<String>,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainEntryDto {
    pub target: String,
    pub next_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteDto {
    pub module: String,
    pub fetch: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub direct_because: Option<String>,
    pub checksum_db: bool,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unchecked_because: Option<String>,
    pub insecure: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryDto {
    pub value: String,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolchainDto {
    pub gotoolchain: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub go_line: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub toolchain_line: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub local: Option<String>,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionDto {
    pub kind: String,
    pub first_line: usize,
    pub last_line: usize,
}

impl Report {
    /// The report of an analysis.
    pub fn from_analysis(analysis: &Analysis) -> Report {
        let c = &analysis.config;
        Report {
            schema: SCHEMA_VERSION,
            analysis_version: gmd_analysis::ANALYSIS_VERSION.to_owned(),
            findings: analysis.findings.iter().map(finding).collect(),
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
                    summary: c.goproxy.summary.clone(),
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
                    summary: c.sumdb.summary.clone(),
                },
                toolchain: ToolchainDto {
                    gotoolchain: c.toolchain.gotoolchain.clone(),
                    go_line: c.toolchain.go_line.clone(),
                    toolchain_line: c.toolchain.toolchain_line.clone(),
                    local: c.toolchain.local.clone(),
                    summary: c.toolchain.summary.clone(),
                },
            },
            sections: analysis
                .sections
                .iter()
                .map(|s| SectionDto {
                    kind: s.kind.to_owned(),
                    first_line: s.first_line,
                    last_line: s.last_line,
                })
                .collect(),
        }
    }

    /// Pretty JSON (two-space indent), deterministic.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }

    /// Compact JSON, deterministic.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }

    /// Parses a report; `Err` with serde's message.
    pub fn from_json(json: &str) -> Result<Report, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }
}

fn finding(f: &Finding) -> FindingDto {
    FindingDto {
        rule: f.rule.to_owned(),
        cause: f.cause.code().to_owned(),
        hop: f.hop.code().to_owned(),
        severity: f.severity.code().to_owned(),
        title: f.title.clone(),
        message: f.message.clone(),
        explanation: f.explanation.to_owned(),
        evidence: f
            .evidence
            .iter()
            .map(|e| EvidenceDto {
                line: e.line,
                text: e.text.clone(),
            })
            .collect(),
        more_evidence: f.more_evidence,
        fixes: f
            .fixes
            .iter()
            .map(|x| FixDto {
                title: x.title.clone(),
                safety: if x.safety == Safety::Safe { "safe" } else { "unsafe" }.to_owned(),
                posix: x.commands.posix.clone(),
                powershell: x.commands.powershell.clone(),
                cmd: x.commands.cmd.clone(),
                go_env_w: x.commands.go_env_w.clone(),
            })
            .collect(),
        reference: f.reference.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INPUT: &str = "GOPROXY='off'\ngo: example.com/m@v1.0.0: module lookup disabled by GOPROXY=off\n";

    #[test]
    fn json_has_the_documented_shape_and_round_trips() {
        let report = Report::from_analysis(&gmd_analysis::analyze(INPUT).unwrap());
        let json = report.to_json_pretty();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let first = &value["findings"][0];
        for key in ["rule", "cause", "severity", "title", "message", "evidence", "fixes"] {
            assert!(!first[key].is_null(), "{key}");
        }
        assert_eq!(first["cause"], "proxy_off");
        assert_eq!(first["severity"], "error");
        assert_eq!(value["config"]["goproxy"]["value"], "off");
        assert_eq!(value["schema"], 1);
        assert_eq!(Report::from_json(&json).unwrap(), report);
        assert!(Report::from_json("{").is_err());
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let a = Report::from_analysis(&gmd_analysis::analyze(INPUT).unwrap()).to_json();
        let b = Report::from_analysis(&gmd_analysis::analyze(INPUT).unwrap()).to_json();
        assert_eq!(a, b);
    }
}
