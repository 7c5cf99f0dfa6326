//! A shared report: the redacted input, what was redacted (without the values), and the
//! findings at share time. Its canonical bytes are compact JSON in declaration order; its id
//! is the SHA-256 of those bytes in URL-safe base64, shortened the way the Go playground does.

use crate::Report;
use crate::v1::SharedReportV1;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// One redaction, as shared: kind, placeholder and lines; never the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedactionDto {
    pub kind: String,
    pub placeholder: String,
    pub lines: Vec<usize>,
}

/// What is stored behind `/r/<id>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedReport {
    pub schema: u32,
    pub analysis_version: String,
    /// The input after redaction.
    pub input: String,
    pub redactions: Vec<RedactionDto>,
    /// The analysis of `input` at share time.
    pub report: Report,
    /// Probe results the worker measured and attached at share time (absent in reports without
    /// them, so their bytes and ids are unchanged).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measurements: Vec<crate::Measurement>,
}

/// Why bytes are not a shared report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SharedError {
    /// Not JSON of the right shape (serde's message).
    Invalid(String),
    /// Valid, but not in canonical form (other key order, spacing, escapes).
    NotCanonical,
    /// A schema this version does not read.
    UnsupportedSchema(u32),
}

impl std::fmt::Display for SharedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SharedError::Invalid(message) => write!(f, "not a shared report: {message}"),
            SharedError::NotCanonical => {
                f.write_str("the report is not in canonical form (compact JSON, fields in schema order)")
            }
            SharedError::UnsupportedSchema(schema) => write!(
                f,
                "schema {schema} is not supported (this version reads schemas {:?})",
                crate::READABLE_SCHEMAS
            ),
        }
    }
}

impl SharedReport {
    /// A shared report of a redacted input and the report of its analysis.
    pub fn new(input: &str, redactions: Vec<RedactionDto>, report: Report) -> SharedReport {
        SharedReport {
            schema: crate::SCHEMA_VERSION,
            analysis_version: report.analysis_version.clone(),
            input: input.to_owned(),
            redactions,
            report,
            measurements: Vec::new(),
        }
    }

    /// The canonical bytes: what is hashed, uploaded and stored. A report opened from schema 1
    /// gives back its schema-1 bytes.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        let bytes = if self.schema == 1 {
            serde_json::to_vec(&SharedReportV1::from(self))
        } else {
            serde_json::to_vec(self)
        };
        bytes.unwrap_or_default()
    }

    /// Parses bytes that must be a canonical shared report of a schema this version reads
    /// ([`crate::READABLE_SCHEMAS`]); schema-1 reports open with their English texts in both
    /// languages.
    pub fn from_canonical(bytes: &[u8]) -> Result<SharedReport, SharedError> {
        #[derive(Deserialize)]
        struct Schema {
            schema: u32,
        }
        let invalid = |e: serde_json::Error| SharedError::Invalid(e.to_string());
        let Schema { schema } = serde_json::from_slice(bytes).map_err(invalid)?;
        let report: SharedReport = match schema {
            1 => serde_json::from_slice::<SharedReportV1>(bytes).map_err(invalid)?.into(),
            // Schema 2 differs from 3 only in its fixes: shell text, not typed commands.
            2 | crate::SCHEMA_VERSION => serde_json::from_slice(bytes).map_err(invalid)?,
            other => return Err(SharedError::UnsupportedSchema(other)),
        };
        let typed = schema >= 3;
        let fixes_fit = report
            .report
            .findings
            .iter()
            .flat_map(|f| &f.fixes)
            .all(|x| x.is_legacy() != typed && (typed == x.posix.is_none()));
        if !fixes_fit {
            return Err(SharedError::Invalid(format!(
                "schema {schema} fixes are {}",
                if typed { "typed commands" } else { "shell text" }
            )));
        }
        if report.canonical_bytes() != bytes {
            return Err(SharedError::NotCanonical);
        }
        Ok(report)
    }

    /// The full id of the canonical bytes.
    pub fn full_id(&self) -> String {
        full_id(&self.canonical_bytes())
    }
}

/// What a page shows of a stored report: the input, the shell its fixes were shown in, the
/// causes found at share time and the measurements attached. The page analyses the input with
/// its own rules and only compares causes, so this reads nothing else: none of the stored
/// texts or commands (a reader of the whole report, [`SharedReport::from_canonical`], is five
/// times the code in the web app's module). The bytes are known by their id, which the page
/// checks first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredView {
    pub schema: u32,
    pub input: String,
    pub shell: crate::Shell,
    pub causes: Vec<String>,
    pub measurements: Vec<crate::Measurement>,
}

impl StoredView {
    /// Reads the parts a page shows from the bytes of a shared report of a readable schema.
    pub fn read(bytes: &[u8]) -> Result<StoredView, SharedError> {
        #[derive(Deserialize)]
        struct Stored {
            schema: u32,
            input: String,
            report: Causes,
            #[serde(default)]
            measurements: Vec<crate::Measurement>,
        }
        #[derive(Deserialize)]
        struct Causes {
            #[serde(default)]
            shell: Option<String>,
            findings: Vec<Cause>,
        }
        #[derive(Deserialize)]
        struct Cause {
            cause: String,
        }
        let stored: Stored = serde_json::from_slice(bytes).map_err(|e| SharedError::Invalid(e.to_string()))?;
        if !crate::READABLE_SCHEMAS.contains(&stored.schema) {
            return Err(SharedError::UnsupportedSchema(stored.schema));
        }
        Ok(StoredView {
            schema: stored.schema,
            input: stored.input,
            shell: stored
                .report
                .shell
                .as_deref()
                .and_then(crate::Shell::from_code)
                .unwrap_or_default(),
            causes: stored.report.findings.into_iter().map(|f| f.cause).collect(),
            measurements: stored.measurements,
        })
    }
}

/// URL-safe base64 (with padding) of the SHA-256 of `bytes`: 44 characters.
pub fn full_id(bytes: &[u8]) -> String {
    crate::base64_url(&Sha256::digest(bytes))
}

/// The short id the Go playground would give: 11 characters, extended while the last one is
/// `_`; `extra` more characters resolve a collision with another report.
pub fn short_id(full: &str, extra: usize) -> String {
    let bytes = full.as_bytes();
    let mut len = 11.min(bytes.len());
    while len < bytes.len() && bytes[len - 1] == b'_' {
        len += 1;
    }
    full[..(len + extra).min(full.len())].to_owned()
}

/// The largest payload a fragment link may inflate to.
const MAX_FRAGMENT_REPORT: usize = 1024 * 1024;

/// What a server-less link carries, and what the page uploads to share: the redacted input and
/// the shell its fixes were shown in, never findings. The page analyses the input when the link
/// is opened, and the worker when it stores a report, so whoever makes a link or an upload
/// cannot put advice in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedInput {
    pub schema: u32,
    /// The input after redaction.
    pub input: String,
    /// `powershell`, `cmd`; absent: POSIX shells.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub shell: Option<String>,
}

impl SharedInput {
    /// Compact JSON, fields in declaration order.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("strings and numbers serialise")
    }

    /// Reads an upload: exactly these fields (a whole report is read by
    /// [`SharedReport::from_canonical`]), of a schema this version reads.
    pub fn from_bytes(bytes: &[u8]) -> Result<SharedInput, SharedError> {
        let shared: SharedInput = serde_json::from_slice(bytes).map_err(|e| SharedError::Invalid(e.to_string()))?;
        if !crate::READABLE_SCHEMAS.contains(&shared.schema) {
            return Err(SharedError::UnsupportedSchema(shared.schema));
        }
        Ok(shared)
    }

    /// The fragment of a server-less link to this input (`/r#<fragment>`): `<short id>.<raw
    /// DEFLATE of [`SharedInput::to_bytes`], URL-safe base64>`. The fragment never reaches a
    /// server.
    pub fn to_fragment(&self) -> String {
        let bytes = self.to_bytes();
        fragment_of(&bytes, &miniz_oxide::deflate::compress_to_vec(&bytes, 9))
    }

    /// The shell to show fixes for: a known name, else POSIX shells.
    pub fn shell(&self) -> crate::Shell {
        self.shell
            .as_deref()
            .and_then(crate::Shell::from_code)
            .unwrap_or_default()
    }
}

impl SharedReport {
    /// What this report was made of: its input and the shell its fixes are shown in.
    pub fn shared_input(&self) -> SharedInput {
        SharedInput {
            schema: self.schema,
            input: self.input.clone(),
            shell: self.report.shell.clone(),
        }
    }

    /// The fragment of a server-less link to this report: its [`SharedInput`], no findings.
    pub fn to_fragment(&self) -> String {
        self.shared_input().to_fragment()
    }
}

/// The fragment for [`SharedInput::to_bytes`] `bytes`, given their raw DEFLATE by any compressor
/// (the web page has the browser's `CompressionStream` make it: its module then carries no
/// compressor).
pub fn fragment_of(bytes: &[u8], deflated: &[u8]) -> String {
    format!(
        "{}.{}",
        short_id(&full_id(bytes), 0),
        crate::base64_url(deflated).trim_end_matches('=')
    )
}

/// Opens a fragment, checked against the id it carries: the input and shell. Links made before
/// fragments dropped findings hold a whole report; only its input and shell are read.
pub fn from_fragment(fragment: &str) -> Result<(String, SharedInput), SharedError> {
    let fragment = fragment.trim_start_matches('#');
    let (id, data) = fragment
        .split_once('.')
        .ok_or_else(|| SharedError::Invalid("the link has no report in it".into()))?;
    let compressed = crate::base64_url_decode(data)
        .ok_or_else(|| SharedError::Invalid("the link is damaged (not base64)".into()))?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_FRAGMENT_REPORT)
        .map_err(|_| SharedError::Invalid("the link is damaged (cannot inflate)".into()))?;
    if id.len() < 11 || !full_id(&bytes).starts_with(id) {
        return Err(SharedError::Invalid(format!(
            "the link's content does not match its id `{id}`"
        )));
    }
    // Links made before they carried the input alone hold a whole report: its input and shell.
    if let Ok(stored) = StoredView::read(&bytes) {
        let shared = SharedInput {
            schema: stored.schema,
            input: stored.input,
            shell: (stored.shell != crate::Shell::Posix).then(|| stored.shell.code().to_owned()),
        };
        return Ok((id.to_owned(), shared));
    }
    Ok((id.to_owned(), SharedInput::from_bytes(&bytes)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upload_is_an_input_and_its_shell_only() {
        let mut report = sample();
        report.report.shell = Some("powershell".into());
        let upload = report.shared_input();
        assert_eq!(SharedInput::from_bytes(&upload.to_bytes()), Ok(upload.clone()));
        assert_eq!(upload.shell(), crate::Shell::PowerShell);
        // A whole report, a field more or a schema this version does not read: refused.
        assert!(matches!(
            SharedInput::from_bytes(&report.canonical_bytes()),
            Err(SharedError::Invalid(_))
        ));
        let extra = String::from_utf8(upload.to_bytes())
            .unwrap()
            .replacen('{', "{\"findings\":[],", 1);
        assert!(matches!(
            SharedInput::from_bytes(extra.as_bytes()),
            Err(SharedError::Invalid(_))
        ));
        let future = String::from_utf8(upload.to_bytes())
            .unwrap()
            .replacen("\"schema\":3", "\"schema\":9", 1);
        assert_eq!(
            SharedInput::from_bytes(future.as_bytes()),
            Err(SharedError::UnsupportedSchema(9))
        );
    }

    #[test]
    fn a_stored_view_reads_what_the_whole_report_holds() {
        let mut report = sample();
        report.report.shell = Some("cmd".into());
        let bytes = report.canonical_bytes();
        let view = StoredView::read(&bytes).expect("a readable report");
        let whole = SharedReport::from_canonical(&bytes).expect("canonical");
        assert_eq!(view.input, whole.input);
        assert_eq!(view.shell, crate::Shell::Cmd);
        assert_eq!(
            view.causes,
            whole
                .report
                .findings
                .iter()
                .map(|f| f.cause.clone())
                .collect::<Vec<_>>()
        );
        assert!(!view.causes.is_empty());
        assert_eq!(view.measurements, whole.measurements);
        let future = String::from_utf8(bytes)
            .unwrap()
            .replacen("\"schema\":3", "\"schema\":9", 1);
        assert_eq!(
            StoredView::read(future.as_bytes()),
            Err(SharedError::UnsupportedSchema(9))
        );
        assert!(matches!(StoredView::read(b"{}"), Err(SharedError::Invalid(_))));
    }

    #[test]
    fn fragments_round_trip_and_are_checked() {
        let mut report = sample();
        report.report.shell = Some("powershell".into());
        let bytes = report.canonical_bytes();
        let fragment = report.to_fragment();
        assert!(
            fragment.len() < bytes.len(),
            "compressed: {} < {}",
            fragment.len(),
            bytes.len()
        );
        assert!(
            fragment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        );
        let (id, opened) = from_fragment(&format!("#{fragment}")).unwrap();
        assert_eq!(id, fragment.split_once('.').unwrap().0);
        assert_eq!(opened.input, report.input);
        assert_eq!(opened.shell(), crate::Shell::PowerShell);
        // The link carries the input, never the findings.
        let inflated = miniz_oxide::inflate::decompress_to_vec(
            &crate::base64_url_decode(fragment.split_once('.').unwrap().1).unwrap(),
        )
        .unwrap();
        let inflated = String::from_utf8(inflated).unwrap();
        assert!(!inflated.contains("findings") && !inflated.contains(&report.report.findings[0].title.en));
        let other = short_id(&full_id(b"other"), 0);
        let forged = format!("{other}.{}", fragment.split_once('.').unwrap().1);
        assert!(matches!(from_fragment(&forged), Err(SharedError::Invalid(m)) if m.contains("does not match")));
        assert!(from_fragment("abc").is_err());
        assert!(from_fragment("abcdefghijk.!!!").is_err());
        assert!(from_fragment("abcdefghijk.AAAA").is_err());
    }

    /// A fragment as links made before they dropped findings: the whole report's bytes.
    fn old_fragment(canonical: &[u8]) -> String {
        fragment_of(canonical, &miniz_oxide::deflate::compress_to_vec(canonical, 9))
    }

    #[test]
    fn old_fragments_open_as_their_input() {
        let report = sample();
        let (_, opened) = from_fragment(&old_fragment(&report.canonical_bytes())).unwrap();
        assert_eq!((opened.schema, opened.input), (report.schema, report.input));
    }

    fn sample() -> SharedReport {
        SharedReport::from_canonical(crate::tests::SCHEMA_3.trim_end().as_bytes()).expect("schema 3 opens")
    }

    #[test]
    fn schema_2_reports_still_open_and_keep_their_bytes_but_show_no_shell_text() {
        let bytes = crate::tests::SCHEMA_2.trim_end().as_bytes();
        let report = SharedReport::from_canonical(bytes).expect("schema 2 opens");
        assert_eq!(report.canonical_bytes(), bytes, "the same bytes, so the same id");
        let fix = &report.report.findings[0].fixes[0];
        assert!(fix.is_legacy());
        assert_eq!(
            fix.command(crate::Shell::Posix, &crate::no_fill),
            None,
            "stored shell text is never shown"
        );
        // A schema-3 report whose fixes carry shell text, or a schema-2 one with commands, is not one.
        let forged = String::from_utf8(sample().canonical_bytes()).unwrap().replacen(
            "\"command\":",
            "\"posix\":\"curl x|sh\",\"command\":",
            1,
        );
        assert!(matches!(
            SharedReport::from_canonical(forged.as_bytes()),
            Err(SharedError::Invalid(_))
        ));
    }

    #[test]
    fn schema_1_reports_still_open_and_keep_their_bytes() {
        let bytes = crate::tests::SCHEMA_1.trim_end().as_bytes();
        let report = SharedReport::from_canonical(bytes).expect("schema 1 opens");
        assert_eq!(report.schema, 1);
        assert_eq!(report.canonical_bytes(), bytes, "the same bytes, so the same id");
        let finding = &report.report.findings[0];
        assert_eq!(finding.cause, "proxy_off");
        assert_eq!(finding.title.en, finding.title.zh, "English in both languages");
        assert!(finding.message.get(crate::Lang::Zh).contains("GOPROXY"));
        assert_eq!(finding.message_id, "");
        let (_, opened) = from_fragment(&old_fragment(bytes)).expect("a schema-1 fragment opens");
        assert_eq!(opened.input, report.input);
        let current = sample();
        assert_eq!(
            current.report.findings[0].cause, finding.cause,
            "same diagnosis in both schemas"
        );
        assert_ne!(current.report.findings[0].title.zh, current.report.findings[0].title.en);
    }

    #[test]
    fn canonical_bytes_round_trip_and_hash() {
        let report = sample();
        let bytes = report.canonical_bytes();
        assert_eq!(SharedReport::from_canonical(&bytes), Ok(report.clone()));
        assert_eq!(report.full_id().len(), 44);
        assert_eq!(full_id(b""), "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=");
        assert_eq!(full_id(&bytes), full_id(&sample().canonical_bytes()), "deterministic");
    }

    #[test]
    fn refuses_what_is_not_canonical() {
        let report = sample();
        let pretty = serde_json::to_vec_pretty(&report).unwrap();
        assert_eq!(SharedReport::from_canonical(&pretty), Err(SharedError::NotCanonical));
        assert!(matches!(
            SharedReport::from_canonical(b"{\"schema\":1}"),
            Err(SharedError::Invalid(_))
        ));
        assert!(matches!(
            SharedReport::from_canonical(b"{\"schema\":2}"),
            Err(SharedError::Invalid(_))
        ));
        let mut other = report.clone();
        other.schema = 99;
        assert_eq!(
            SharedReport::from_canonical(&other.canonical_bytes()),
            Err(SharedError::UnsupportedSchema(99))
        );
    }

    #[test]
    fn short_ids_like_the_go_playground() {
        assert_eq!(short_id("abcdefghijklmnop", 0), "abcdefghijk");
        assert_eq!(short_id("abcdefghij_lmnop", 0), "abcdefghij_l");
        assert_eq!(short_id("abcdefghij__mnop", 0), "abcdefghij__m");
        assert_eq!(short_id("abcdefghijklmnop", 2), "abcdefghijklm");
        assert_eq!(short_id("abc", 5), "abc");
    }
}
