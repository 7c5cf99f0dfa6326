//! The serialized form of an analysis: what the CLI prints with `--format json`, what the web
//! app shares and the worker stores. Internal types of `gmd-analysis` are never serialized
//! directly: these DTOs are, with a schema version, field order fixed by declaration (no maps),
//! so the same analysis always gives the same bytes. This crate does not know the engine:
//! `gmd_analysis::Analysis::to_report` fills these types.
//!
//! Schema 2 carries every text in both languages ([`TextDto`]) and each message's typed
//! arguments, so a report shared from a Chinese page reads in English for an English reader.
//! Reports stored with schema 1 (English only) still open ([`SharedReport::from_canonical`]).

mod markdown;
mod measurement;
mod shared;
mod v1;

pub use gmd_command::{Command, Fill, Hole, no_fill};
pub use gmd_semantics::encoding::{base64_std, base64_url, base64_url_decode};
pub use gmd_vocabulary::{Lang, Shell};
pub use markdown::to_markdown;
pub use measurement::{MAX_MEASUREMENTS, MAX_RUNS, MeasuredStep, Measurement};
pub use shared::{
    RedactionDto, SharedError, SharedInput, SharedReport, StoredView, fragment_of, from_fragment, full_id, short_id,
};

use serde::{Deserialize, Serialize};

/// Bumped whenever the JSON shape changes incompatibly.
pub const SCHEMA_VERSION: u32 = 3;

/// The schemas [`SharedReport::from_canonical`] opens.
pub const READABLE_SCHEMAS: &[u32] = &[1, 2, 3];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub schema: u32,
    pub analysis_version: String,
    /// The language a rendering was made for (the CLI's `--format json` names it); absent in
    /// shared reports, which every reader opens in their own language.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub lang: Option<String>,
    /// The shell the fixes are shown for first (`powershell`, `cmd`; absent: POSIX shells), as
    /// read from the paste or chosen on the page before sharing.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub shell: Option<String>,
    pub findings: Vec<FindingDto>,
    pub config: ConfigDto,
    pub sections: Vec<SectionDto>,
}

/// A text in English and in Simplified Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TextDto {
    pub en: String,
    pub zh: String,
}

impl TextDto {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }

    /// The same text in both languages (what a schema-1 report had: English only).
    pub fn english(text: &str) -> TextDto {
        TextDto {
            en: text.to_owned(),
            zh: text.to_owned(),
        }
    }
}

impl From<&gmd_vocabulary::Text> for TextDto {
    fn from(text: &gmd_vocabulary::Text) -> TextDto {
        TextDto {
            en: text.en.clone(),
            zh: text.zh.clone(),
        }
    }
}

/// One part a message quotes from the input, by the name the rule gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArgDto {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingDto {
    pub rule: String,
    pub cause: String,
    pub hop: String,
    pub severity: String,
    /// `certain` (the go command's words name the cause), `likely` (an inference from the
    /// context) or `guess`; absent in schemas 1 and 2.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub certainty: String,
    pub title: TextDto,
    pub message: TextDto,
    /// Which of the rule's sentences the message is (empty in schema-1 reports).
    pub message_id: String,
    /// What the message quotes from the input.
    pub args: Vec<ArgDto>,
    pub explanation: TextDto,
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

impl FindingDto {
    /// The reference as a link target: only an `https:` URL without blanks or control
    /// characters (a report read from elsewhere could carry `javascript:` or worse).
    pub fn safe_reference(&self) -> Option<&str> {
        let r = self.reference.as_str();
        let plain = !r
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>'));
        (r.starts_with("https://") && r.len() > "https://".len() && plain).then_some(r)
    }
}

impl Report {
    /// The shell the fixes are shown for first.
    pub fn shell(&self) -> Shell {
        self.shell.as_deref().and_then(Shell::from_code).unwrap_or_default()
    }

    /// The same report with `shell` first (absent for POSIX, so those reports keep their bytes).
    pub fn with_shell(mut self, shell: Shell) -> Report {
        self.shell = (shell != Shell::Posix).then(|| shell.code().to_owned());
        self
    }
}

/// One fix: what to do, and the typed command for it (schema 3), which each reader renders for
/// its shell ([`FixDto::command`]). A command read from elsewhere is checked again as it is
/// read (every value of its kind, every name a name), and quoted by the renderer whatever it
/// holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixDto {
    pub title: TextDto,
    /// `safe` or `unsafe`.
    pub safety: String,
    /// The command; absent in reports of schemas 1 and 2, whose fixes were shell text (readers
    /// analyse their input again instead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<Command>,
    /// Schemas 1 and 2: the shell texts as they were stored, kept only so that the report
    /// encodes back to its bytes. Never shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) posix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) powershell: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) cmd: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) go_env_w: Option<String>,
}

impl FixDto {
    /// A fix of this schema.
    pub fn new(title: TextDto, safety: &str, command: Command) -> FixDto {
        FixDto {
            title,
            safety: safety.to_owned(),
            command: Some(command),
            posix: None,
            powershell: None,
            cmd: None,
            go_env_w: None,
        }
    }

    /// The command as typed in `shell`, with the holes the user filled (`<name>` where not);
    /// `None` when the fix has no command for that shell (or, from an old schema, none at all).
    pub fn command(&self, shell: Shell, fill: Fill<'_>) -> Option<String> {
        gmd_command::render(self.command.as_ref()?, shell, fill)
    }

    /// The persistent `go env -w` form as typed in `shell`, where one applies.
    pub fn go_env(&self, shell: Shell, fill: Fill<'_>) -> Option<String> {
        gmd_command::render::go_env(self.command.as_ref()?, shell, fill)
    }

    /// The values the user must supply, in a fixed order.
    pub fn holes(&self) -> Vec<Hole> {
        self.command
            .as_ref()
            .map(|c| c.holes().into_iter().collect())
            .unwrap_or_default()
    }

    /// Whether the fix holds shell text of schema 1 or 2 (and no typed command).
    pub fn is_legacy(&self) -> bool {
        self.command.is_none()
    }
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
    pub summary: TextDto,
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
    /// The value is the go command's default, not pasted (absent when pasted, so reports made
    /// before it keep their bytes).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub assumed: bool,
    pub summary: TextDto,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolchainDto {
    pub gotoolchain: String,
    /// GOTOOLCHAIN is the go command's default, not pasted (absent when pasted).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub assumed: bool,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub go_line: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub toolchain_line: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub local: Option<String>,
    pub summary: TextDto,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionDto {
    pub kind: String,
    pub first_line: usize,
    pub last_line: usize,
}

impl Report {
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A schema-1 shared report as the analysis of 2026-11 stored it (recorded, not written by
    /// hand): `GOPROXY='off'` and the go command's refusal.
    pub const SCHEMA_1: &str = include_str!("../tests/schema-1.json");

    /// The same paste shared with schema 2 (fixes as shell text).
    pub const SCHEMA_2: &str = include_str!("../tests/schema-2.json");

    /// The same paste shared with schema 3 (fixes as typed commands).
    pub const SCHEMA_3: &str = include_str!("../tests/schema-3.json");

    pub fn sample() -> Report {
        SharedReport::from_canonical(SCHEMA_3.trim_end().as_bytes())
            .expect("the schema-3 sample opens")
            .report
    }

    #[test]
    fn only_https_references_are_links() {
        let mut finding = sample().findings[0].clone();
        assert!(finding.safe_reference().is_some_and(|r| r.starts_with("https://")));
        for unsafe_reference in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "http://go.dev/ref/mod",
            "data:text/html,x",
            "https://",
            "https://go.dev/\" onmouseover=\"x",
            "https://go.dev/ x",
            "//evil.example/",
        ] {
            finding.reference = unsafe_reference.to_owned();
            assert_eq!(finding.safe_reference(), None, "{unsafe_reference}");
        }
    }

    #[test]
    fn json_has_the_documented_shape_and_round_trips() {
        let report = sample();
        let json = report.to_json_pretty();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let first = &value["findings"][0];
        for key in [
            "rule",
            "cause",
            "severity",
            "title",
            "message",
            "message_id",
            "args",
            "evidence",
            "fixes",
        ] {
            assert!(!first[key].is_null(), "{key}");
        }
        assert_eq!(first["cause"], "proxy_off");
        assert_eq!(first["severity"], "error");
        assert!(first["title"]["zh"].as_str().unwrap().contains("禁用"));
        assert_eq!(value["config"]["goproxy"]["value"], "off");
        assert_eq!(value["schema"], 3);
        assert_eq!(first["fixes"][0]["command"][0]["set"]["var"], "GOPROXY");
        assert_eq!(Report::from_json(&json).unwrap(), report);
        assert!(Report::from_json("{").is_err());
    }
}
