//! Probing Go module mirrors, without the IO: the worker and the CLI pass in how to fetch a URL
//! ([`run::Fetch`]); everything else is here, so both answer the same.
//!
//! - [`target`]: which proxy URLs may be probed at all (http/https, no user info, no loopback,
//!   private, link-local or metadata addresses in any notation, no single-label, `.internal` or
//!   `.local` hosts), re-applied to every redirect;
//! - [`plan`]: the GOPROXY-protocol requests for a module version, built only from a validated
//!   module path and version;
//! - [`exchange`]: a validated request, and each step's answer or failure;
//! - [`run`]: redirects, deadlines, concurrency, `@latest` resolution;
//! - [`report`]: each step classified, the `.mod`'s `h1:`, the checksum-database record with its
//!   signed note checked ([`note`]), a verdict per mirror and the comparison across mirrors;
//! - [`recent`]: results kept in memory a short while, where they were measured;
//! - [`catalogue`]: the public mirrors probed by default.

pub mod catalogue;
pub mod chain;
pub mod exchange;
pub mod hash;
pub mod modcheck;
pub mod note;
pub mod plan;
pub mod recent;
pub mod report;
pub mod run;
pub mod target;

use serde::{Deserialize, Serialize};

/// What to probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProbeRequest {
    /// The proxy's base URL.
    pub proxy: String,
    pub module: String,
    /// A canonical version, `latest`, or none (latest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// A Go release whose toolchain module to look up (`1.23.4`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub go: Option<String>,
}

/// The Durable Object location hints a probe can run in, with their names in English and
/// Simplified Chinese, in the order shown.
pub const REGIONS: &[(&str, &str, &str)] = &[
    ("wnam", "Western North America", "北美西部"),
    ("enam", "Eastern North America", "北美东部"),
    ("sam", "South America", "南美"),
    ("weur", "Western Europe", "西欧"),
    ("eeur", "Eastern Europe", "东欧"),
    ("apac", "Asia-Pacific", "亚太"),
    ("oc", "Oceania", "大洋洲"),
    ("afr", "Africa", "非洲"),
    ("me", "Middle East", "中东"),
];

/// Where a probe ran, in words: a region's name, `None` the data centre nearest to the worker,
/// anything else (a data centre's code, `local`) as it is.
pub fn place_name(place: Option<&str>, lang: gmd_vocabulary::Lang) -> String {
    let zh = lang == gmd_vocabulary::Lang::Zh;
    match place {
        None if zh => "最近的数据中心".to_owned(),
        None => "nearest data centre".to_owned(),
        Some(code) => match REGIONS.iter().find(|(c, _, _)| *c == code) {
            Some((_, _, name)) if zh => (*name).to_owned(),
            Some((_, name, _)) => (*name).to_owned(),
            None => code.to_owned(),
        },
    }
}

/// A status in words: a probe verdict (`ok`, `stale`, …), a go.mod line's check (`missing`,
/// `retracted`, …) or a mirror's state on the status board (`up`, `partial`, …); the code itself
/// in English, its translation in Chinese (unknown codes as they are).
pub fn status_word(status: &str, lang: gmd_vocabulary::Lang) -> String {
    let zh = match status {
        "ok" | "up" => "正常",
        "stale" => "过时",
        "mismatch" => "不一致",
        "not_found" => "未找到",
        "degraded" | "partial" => "部分失败",
        "broken" => "损坏",
        "down" => "无法连接",
        "error" => "出错",
        "missing" => "不存在",
        "retracted" => "已撤回",
        "deprecated" => "已弃用",
        "unreachable" => "无法访问",
        "invalid" => "无效",
        "unknown" => "未知",
        "no_data" => "无数据",
        other => return other.to_owned(),
    };
    match lang {
        gmd_vocabulary::Lang::Zh => zh.to_owned(),
        gmd_vocabulary::Lang::En if status == "no_data" => "no data".to_owned(),
        gmd_vocabulary::Lang::En => status.to_owned(),
    }
}

/// Several places in words, in a sentence of either language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places(pub Vec<String>);

impl gmd_vocabulary::Localized for Places {
    fn en(&self) -> String {
        let names: Vec<String> = self
            .0
            .iter()
            .map(|p| place_name(Some(p), gmd_vocabulary::Lang::En))
            .collect();
        names.join(", ")
    }
    fn zh(&self) -> String {
        let names: Vec<String> = self
            .0
            .iter()
            .map(|p| place_name(Some(p), gmd_vocabulary::Lang::Zh))
            .collect();
        names.join("、")
    }
}

/// The module probed when none is named: small, on every mirror.
pub const DEFAULT_MODULE: &str = "golang.org/x/text";

/// Why a probe was not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeError {
    Refused(target::Refusal),
    Plan(plan::PlanError),
}

impl ProbeError {
    pub fn code(&self) -> &'static str {
        match self {
            ProbeError::Refused(_) => "target_refused",
            ProbeError::Plan(_) => "invalid_module",
        }
    }

    pub fn message(&self) -> String {
        self.text().en
    }

    /// Why, in both languages; a module path's or version's fault is the go command's own
    /// words (golang.org/x/mod's), quoted in the Chinese sentence.
    pub fn text(&self) -> gmd_vocabulary::Text {
        match self {
            ProbeError::Refused(refusal) => refusal.text(),
            ProbeError::Plan(
                plan::PlanError::Module(m) | plan::PlanError::Version(m) | plan::PlanError::GoVersion(m),
            ) => gmd_vocabulary::Text {
                en: m.clone(),
                zh: format!("模块或版本无效（`{m}`）"),
            },
        }
    }
}

/// A mirror's verdict: a status and one line saying why, in English and Simplified Chinese.
/// What a line quotes (a mirror, a version, a hash, a server's words) reads the same in both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// `ok`, `stale`, `mismatch`, `not_found`, `degraded`, `broken` or `down`.
    pub status: String,
    pub line: String,
    #[serde(default)]
    pub line_zh: String,
}

impl Verdict {
    pub fn new(status: &str, line: &dyn gmd_vocabulary::Message) -> Verdict {
        Verdict {
            status: status.to_owned(),
            line: line.en(),
            line_zh: line.zh(),
        }
    }

    /// The line in `lang` (a verdict from an older worker has no Chinese: English then).
    pub fn line_in(&self, lang: gmd_vocabulary::Lang) -> &str {
        match lang {
            gmd_vocabulary::Lang::Zh if !self.line_zh.is_empty() => &self.line_zh,
            _ => &self.line,
        }
    }
}

/// How one probe step ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    NotFound,
    Gone,
    /// Another HTTP status.
    HttpError(u16),
    /// A 200 whose body is not what the protocol says (an HTML login page, say).
    Invalid,
    Timeout,
    Tls,
    Dns,
    /// Refused, reset or closed.
    Connection,
    /// Refused by the probe's own rules (a redirect to a forbidden address, say).
    Refused,
}

impl Outcome {
    /// From an HTTP status.
    pub fn from_status(status: u16) -> Outcome {
        match status {
            200..=299 => Outcome::Ok,
            404 => Outcome::NotFound,
            410 => Outcome::Gone,
            other => Outcome::HttpError(other),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::NotFound => "not_found",
            Outcome::Gone => "gone",
            Outcome::HttpError(_) => "http_error",
            Outcome::Invalid => "invalid",
            Outcome::Timeout => "timeout",
            Outcome::Tls => "tls",
            Outcome::Dns => "dns",
            Outcome::Connection => "connection",
            Outcome::Refused => "refused",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        assert_eq!(Outcome::from_status(200), Outcome::Ok);
        assert_eq!(Outcome::from_status(206), Outcome::Ok);
        assert_eq!(Outcome::from_status(404), Outcome::NotFound);
        assert_eq!(Outcome::from_status(410), Outcome::Gone);
        assert_eq!(Outcome::from_status(502), Outcome::HttpError(502));
        assert_eq!(Outcome::HttpError(502).code(), "http_error");
    }
}
