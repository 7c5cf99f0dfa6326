//! What a probe found: one [`MirrorReport`] per mirror (and region), each step classified and
//! timed, a one-line verdict; then [`compare`] across mirrors for the `h1:` of the `.mod` and
//! stale version lists.

use crate::exchange::{Exchange, Prepared};
use crate::hash::go_mod_hash;
use crate::note::{NoteCheck, NoteVerifier, parse_lookup};
use crate::plan::StepKind;
use crate::{Outcome, Verdict};
use gmd_vocabulary::{Localized, Text, texts};
use serde::{Deserialize, Serialize};

texts! {
    /// The verdict lines.
    enum Line {
        DownTimeout { seconds: String } => "down: no answer within {seconds} s", "不可用：{seconds} 秒内没有回应";
        Down { what: Said, detail: String } => "down: {what} ({detail})", "不可用：{what}（{detail}）";
        BrokenStep { step: String, detail: String } => "{step} {detail}", "{step} {detail}";
        BadSumdb { detail: String } =>
            "its checksum-database answer is bad, the go command would refuse it: {detail}",
            "它返回的校验和数据库记录有问题，go 命令会拒绝：{detail}";
        Mismatch { target: String, served: String, recorded: String } =>
            "the go.mod of {target} hashes to {served}, the checksum database says {recorded}",
            "{target} 的 go.mod 哈希是 {served}，而校验和数据库记录的是 {recorded}";
        NotServed { target: String, detail: String } => "does not serve {target}: {detail}", "不提供 {target}：{detail}";
        StaleList { version: String, why: String } =>
            "its version list lacks {version}, which it serves{why}",
            "它的版本列表中没有 {version}，但它提供该版本{why}";
        Degraded { step: String, what: Said, detail: String } => "{step}: {what} ({detail})", "{step}：{what}（{detail}）";
        OkVerified { target: String, ms: u32 } =>
            "serves {target} ({ms} ms); its go.mod matches the checksum database",
            "提供 {target}（{ms} 毫秒）；它的 go.mod 与校验和数据库一致";
        OkNoSumdb { target: String, ms: u32 } =>
            "serves {target} ({ms} ms); it does not proxy the checksum database",
            "提供 {target}（{ms} 毫秒）；它不代理校验和数据库";
        Ok { target: String, ms: u32 } => "serves {target} ({ms} ms)", "提供 {target}（{ms} 毫秒）";
        HashDiffers { served: String, by: Source, reference: String } =>
            "its go.mod hashes to {served}; {by} say {reference}",
            "它的 go.mod 哈希是 {served}；{by} 给出的是 {reference}";
        ServedBy { own: Text, others: String } => "{own}; served by {others}", "{own}；提供它的有 {others}";
        ListLacks { missing: Lacking } => "its version list lacks {missing}", "它的版本列表中没有 {missing}";
    }
    /// What an outcome was.
    pub(crate) enum Said {
        Timeout => "timed out", "超时";
        Tls => "TLS failed", "TLS 失败";
        Dns => "the name does not resolve", "名称无法解析";
        Connection => "the connection failed", "连接失败";
        Refused => "refused by the probe's rules", "被探测规则拒绝";
        NotFound => "not found", "未找到";
        Gone => "gone", "已删除";
        HttpError => "HTTP error", "HTTP 错误";
        Invalid => "invalid answer", "无效的回应";
        Failed => "failed", "失败";
    }
    /// Whose hash a mismatch is measured against.
    enum Source {
        Database => "the checksum database", "校验和数据库";
        Majority => "most mirrors", "多数镜像";
    }
}

/// Versions a mirror's list lacks, with who lists them; the first three named.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Lacking(Vec<(String, String)>);

impl Localized for Lacking {
    fn en(&self) -> String {
        let shown: Vec<String> = self
            .0
            .iter()
            .take(3)
            .map(|(v, by)| format!("{v} (listed by {by})"))
            .collect();
        match self.0.len() {
            n if n > 3 => format!("{} and {} more", shown.join(", "), n - 3),
            _ => shown.join(", "),
        }
    }
    fn zh(&self) -> String {
        let shown: Vec<String> = self
            .0
            .iter()
            .take(3)
            .map(|(v, by)| format!("{v}（{by} 列出了它）"))
            .collect();
        match self.0.len() {
            n if n > 3 => format!("{} 等另外 {} 个版本", shown.join("、"), n - 3),
            _ => shown.join("、"),
        }
    }
}

/// How one step went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepReport {
    pub step: String,
    pub method: String,
    pub url: String,
    /// [`Outcome::code`].
    pub outcome: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    pub ms: u32,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub redirects: u8,
    /// What the answer said or why there was none, in a line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// An error answer's body, the first KiB, control characters escaped: what the go
    /// command does not show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// What the first attempt got, when the step was tried twice (a 5xx, a 429, a broken
    /// connection first): the step's outcome is the second attempt's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_attempt: Option<String>,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

/// The checksum database's record for the version, as the mirror proxied it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SumdbRecord {
    pub mod_hash: String,
    pub zip_hash: String,
    pub record: u64,
    pub tree_size: u64,
    /// [`NoteCheck::code`] of the signed tree head.
    pub note: String,
}

/// One mirror probed from one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MirrorReport {
    /// The base URL.
    pub mirror: String,
    pub module: String,
    /// The version probed: the one asked for, or the one `@latest` named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Where the probe ran: a Cloudflare data centre (`colo`) and the region asked for, or
    /// `local` for the CLI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub colo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub ms: u32,
    /// Whether this is a recent result reused (the worker keeps them a minute per data centre).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cached: bool,
    pub verdict: Verdict,
    pub steps: Vec<StepReport>,
    /// The versions `@v/list` names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest: Option<String>,
    /// `h1:` of the `.mod` file served.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mod_hash: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sumdb: Option<SumdbRecord>,
}

/// At most this many listed versions are kept.
const MAX_VERSIONS: usize = 1000;

/// Classifies the exchanges of one mirror.
pub fn mirror_report(
    prepared: &Prepared,
    version: Option<&str>,
    exchanges: &[Exchange],
    verifier: &NoteVerifier,
    ms: u32,
) -> MirrorReport {
    let module = prepared.request.module.as_str();
    let mut report = MirrorReport {
        mirror: prepared.target.base(),
        module: module.to_owned(),
        version: version.map(str::to_owned),
        colo: None,
        region: None,
        ms,
        cached: false,
        verdict: Verdict::default(),
        steps: Vec::new(),
        versions: Vec::new(),
        latest: None,
        mod_hash: None,
        sumdb: None,
    };
    let mut ordered: Vec<&Exchange> = exchanges.iter().collect();
    gmd_order::sort_by_key(&mut ordered, |e| e.step.kind as u8);
    for exchange in ordered {
        let (outcome, detail) = classify(exchange, version, module, verifier, &mut report);
        report.steps.push(StepReport {
            step: exchange.step.kind.code().to_owned(),
            method: exchange.step.method.to_owned(),
            url: exchange.url.clone(),
            outcome: outcome.code().to_owned(),
            status: exchange.result.as_ref().ok().map(|f| f.status),
            ms: exchange.ms,
            redirects: exchange.redirects,
            detail,
            body: exchange
                .result
                .as_ref()
                .ok()
                .filter(|f| Outcome::from_status(f.status) != Outcome::Ok && !f.body.is_empty())
                .map(|f| excerpt(&f.body, BODY_EXCERPT)),
            first_attempt: exchange.first_attempt.clone(),
        });
    }
    report.verdict = verdict(&report);
    report
}

/// The outcome of a step and its detail line; records what the answer carries in `report`.
fn classify(
    exchange: &Exchange,
    version: Option<&str>,
    module: &str,
    verifier: &NoteVerifier,
    report: &mut MirrorReport,
) -> (Outcome, Option<String>) {
    let fetched = match &exchange.result {
        Err(failure) => return (failure.outcome, Some(printable(&failure.message, 200))),
        Ok(fetched) => fetched,
    };
    let kind = exchange.step.kind;
    let outcome = Outcome::from_status(fetched.status);
    if outcome != Outcome::Ok {
        let first_line = String::from_utf8_lossy(&fetched.body);
        let said = printable(first_line.lines().next().unwrap_or_default(), 200);
        let detail = if kind == StepKind::SumdbSupported && matches!(outcome, Outcome::NotFound | Outcome::Gone) {
            "does not proxy sum.golang.org: the go command asks sum.golang.org directly".to_owned()
        } else if said.is_empty() {
            format!("HTTP {}", fetched.status)
        } else {
            format!("HTTP {}: {said}", fetched.status)
        };
        return (outcome, Some(detail));
    }
    let html = fetched.content_type.as_deref().is_some_and(|t| t.contains("html"))
        || fetched.body.trim_ascii_start().starts_with(b"<");
    let invalid = |what: &str| {
        let hint = if html {
            " (an HTML page: a captive portal or an intercepting gateway?)"
        } else {
            ""
        };
        (Outcome::Invalid, Some(format!("200 but not {what}{hint}")))
    };
    let body = String::from_utf8_lossy(&fetched.body);
    match kind {
        StepKind::List => {
            let versions: Vec<&str> = body.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            if html || !versions.iter().all(|v| gmd_semantics::module::is_canonical(v)) {
                return invalid("a version list");
            }
            report.versions = versions.iter().take(MAX_VERSIONS).map(|v| v.to_string()).collect();
            (Outcome::Ok, Some(format!("{} versions", versions.len())))
        }
        StepKind::Latest | StepKind::Info => {
            let Some(named) = info_version(&fetched.body) else {
                return invalid("version information (JSON with a Version)");
            };
            if kind == StepKind::Latest {
                report.latest = Some(named.clone());
            }
            match version.filter(|_| kind == StepKind::Info) {
                Some(asked) if named != asked => (Outcome::Invalid, Some(format!("names {named}, not {asked}"))),
                _ => (Outcome::Ok, Some(named)),
            }
        }
        StepKind::Mod => {
            if html || fetched.truncated {
                return if fetched.truncated {
                    (
                        Outcome::Invalid,
                        Some(format!("larger than {} KiB: not hashed", kind.max_body() / 1024)),
                    )
                } else {
                    invalid("a go.mod file")
                };
            }
            let hash = go_mod_hash(&fetched.body);
            report.mod_hash = Some(hash.clone());
            (Outcome::Ok, Some(hash))
        }
        StepKind::Zip | StepKind::Toolchain => (Outcome::Ok, None),
        StepKind::SumdbTile => {
            // A partial tile's width is in its path; a full one holds 256 hashes.
            let width = exchange
                .step
                .url
                .rsplit_once(".p/")
                .and_then(|(_, w)| w.parse::<usize>().ok())
                .unwrap_or(crate::plan::TILE_WIDTH as usize);
            match fetched.body.len() == width * 32 {
                true => (Outcome::Ok, Some(format!("{width} hashes"))),
                false => invalid(&format!("a tile of {width} hashes ({} bytes)", fetched.body.len())),
            }
        }
        StepKind::SumdbSupported => (Outcome::Ok, Some("proxies sum.golang.org".to_owned())),
        StepKind::SumdbLookup => {
            let Some(version) = version else {
                return (Outcome::Ok, None);
            };
            match parse_lookup(&body, module, version, verifier) {
                Err(why) => invalid(&format!("a checksum-database record ({why})")),
                Ok(lookup) => {
                    let note = lookup.note;
                    report.sumdb = Some(SumdbRecord {
                        mod_hash: lookup.mod_hash.clone(),
                        zip_hash: lookup.zip_hash,
                        record: lookup.record,
                        tree_size: lookup.tree_size,
                        note: note.code().to_owned(),
                    });
                    if note == NoteCheck::Verified {
                        (
                            Outcome::Ok,
                            Some(format!("{} (signed tree head verified)", lookup.mod_hash)),
                        )
                    } else {
                        (
                            Outcome::Invalid,
                            Some(format!(
                                "the tree head is not signed by {}: {}",
                                verifier.name,
                                note.code()
                            )),
                        )
                    }
                }
            }
        }
    }
}

/// The `Version` of a `.info` or `@latest` answer, if it is one.
pub fn info_version(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Info {
        #[serde(rename = "Version")]
        version: String,
    }
    let info: Info = serde_json::from_slice(body).ok()?;
    gmd_semantics::module::is_canonical(&info.version).then_some(info.version)
}

/// `text` on one line, without control characters, at most `max` characters.
pub fn printable(text: &str, max: usize) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned();
    if clean.chars().count() > max {
        format!("{}…", clean.chars().take(max).collect::<String>())
    } else {
        clean
    }
}

/// How much of an error answer's body a report keeps.
pub const BODY_EXCERPT: usize = 1024;

/// The first `max` bytes of `body` as text (cut at a character), control characters other than
/// line breaks and tabs escaped (`\u{1b}`), invalid UTF-8 replaced.
pub fn excerpt(body: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(max)]);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' => {}
            c if c.is_control() => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    if body.len() > max {
        out.push('…');
    }
    out.trim_end().to_owned()
}

fn step(report: &MirrorReport, kind: StepKind) -> Option<&StepReport> {
    report.steps.iter().find(|s| s.step == kind.code())
}

fn is_network(outcome: &str) -> bool {
    matches!(outcome, "timeout" | "tls" | "dns" | "connection" | "refused")
}

/// The steps that say whether the mirror serves the module (not the checksum database's, not
/// the toolchain's).
fn core(report: &MirrorReport) -> impl Iterator<Item = &StepReport> {
    report.steps.iter().filter(|s| {
        ![
            StepKind::SumdbSupported.code(),
            StepKind::SumdbLookup.code(),
            StepKind::SumdbTile.code(),
            StepKind::Toolchain.code(),
        ]
        .contains(&s.step.as_str())
    })
}

/// The mirror's verdict from its own answers.
/// `report` as the go command would see it when it consults no checksum database for the module
/// (`GOSUMDB=off`, or the module matches GONOSUMDB/GOPRIVATE): the checksum-database steps and
/// record dropped, the verdict made again from the rest.
pub fn without_sumdb(mut report: MirrorReport) -> MirrorReport {
    let sumdb_steps = [
        StepKind::SumdbSupported.code(),
        StepKind::SumdbLookup.code(),
        StepKind::SumdbTile.code(),
    ];
    report.steps.retain(|s| !sumdb_steps.contains(&s.step.as_str()));
    report.sumdb = None;
    report.verdict = verdict(&report);
    report
}

fn verdict(report: &MirrorReport) -> Verdict {
    let target = match &report.version {
        Some(v) => format!("{}@{v}", report.module),
        None => report.module.clone(),
    };
    let core: Vec<&StepReport> = core(report).collect();
    // No answer, or only error statuses (a 502 on every request): down, whatever the
    // checksum-database answers say (a mirror proxies those separately).
    if !core.is_empty() && core.iter().all(|s| is_network(&s.outcome) || s.outcome == "http_error") {
        let first = core[0];
        let detail = first.detail.clone().unwrap_or_default();
        let line = if core.iter().all(|s| s.outcome == "timeout") {
            Line::DownTimeout {
                seconds: format!("{:.1}", f64::from(report.ms) / 1000.0),
            }
        } else {
            Line::Down {
                what: describe(&first.outcome),
                detail,
            }
        };
        return Verdict::new("down", &line);
    }
    if let Some(bad) = core.iter().find(|s| s.outcome == "invalid") {
        return Verdict::new(
            "broken",
            &Line::BrokenStep {
                step: bad.step.clone(),
                detail: bad.detail.clone().unwrap_or_default(),
            },
        );
    }
    if let Some(lookup) = step(report, StepKind::SumdbLookup).filter(|s| s.outcome == "invalid") {
        return Verdict::new(
            "broken",
            &Line::BadSumdb {
                detail: lookup.detail.clone().unwrap_or_default(),
            },
        );
    }
    if let (Some(served), Some(db)) = (&report.mod_hash, &report.sumdb)
        && db.note == NoteCheck::Verified.code()
        && *served != db.mod_hash
    {
        return Verdict::new(
            "mismatch",
            &Line::Mismatch {
                target,
                served: served.clone(),
                recorded: db.mod_hash.clone(),
            },
        );
    }
    let version_steps = [StepKind::Info.code(), StepKind::Mod.code(), StepKind::Zip.code()];
    if let Some(missing) = core
        .iter()
        .find(|s| matches!(s.outcome.as_str(), "not_found" | "gone") && version_steps.contains(&s.step.as_str()))
    {
        return Verdict::new(
            "not_found",
            &Line::NotServed {
                target,
                detail: missing.detail.clone().unwrap_or_default(),
            },
        );
    }
    // Serving a release its list does not name: the list is stale (pseudo-versions are never
    // listed).
    if let Some(version) = &report.version
        && !gmd_semantics::module::is_pseudo_version(version)
        && step(report, StepKind::Info).is_some_and(|s| s.outcome == "ok")
        && !report.versions.contains(version)
    {
        let list = step(report, StepKind::List);
        let why = match list {
            Some(s) if s.outcome == "ok" => String::new(),
            Some(s) => format!(" ({})", s.detail.clone().unwrap_or_else(|| s.outcome.clone())),
            None => String::new(),
        };
        return Verdict::new(
            "stale",
            &Line::StaleList {
                version: version.clone(),
                why,
            },
        );
    }
    if let Some(failed) = core.iter().find(|s| s.outcome != "ok") {
        return Verdict::new(
            "degraded",
            &Line::Degraded {
                step: failed.step.clone(),
                what: describe(&failed.outcome),
                detail: failed.detail.clone().unwrap_or_default(),
            },
        );
    }
    let slowest = core.iter().map(|s| s.ms).max().unwrap_or_default();
    let ms = slowest;
    let line = match (&report.mod_hash, &report.sumdb) {
        (Some(_), Some(db)) if db.note == NoteCheck::Verified.code() => Line::OkVerified { target, ms },
        _ => match step(report, StepKind::SumdbLookup).or(step(report, StepKind::SumdbSupported)) {
            Some(s) if s.outcome != "ok" => Line::OkNoSumdb { target, ms },
            _ => Line::Ok { target, ms },
        },
    };
    Verdict::new("ok", &line)
}

pub(crate) fn describe(outcome: &str) -> Said {
    match outcome {
        "timeout" => Said::Timeout,
        "tls" => Said::Tls,
        "dns" => Said::Dns,
        "connection" => Said::Connection,
        "refused" => Said::Refused,
        "not_found" => Said::NotFound,
        "gone" => Said::Gone,
        "http_error" => Said::HttpError,
        "invalid" => Said::Invalid,
        _ => Said::Failed,
    }
}

/// Compares mirrors with each other: a `.mod` whose `h1:` differs from the checksum database's
/// (or, without a verified record, from most mirrors') is a mismatch; a mirror whose list lacks
/// versions others list, or that lacks the version others serve, is stale. Returns the verdicts
/// in the order of `reports`.
pub fn compare(reports: &[MirrorReport]) -> Vec<Verdict> {
    let verified = reports.iter().find_map(|r| {
        r.sumdb
            .as_ref()
            .filter(|d| d.note == NoteCheck::Verified.code())
            .map(|d| d.mod_hash.clone())
    });
    let reference = verified
        .clone()
        .or_else(|| majority(reports.iter().filter_map(|r| r.mod_hash.clone())));
    let served_by_others = |me: usize| {
        reports
            .iter()
            .enumerate()
            .filter(|(i, r)| *i != me && r.verdict.status == "ok")
            .map(|(_, r)| short_mirror(&r.mirror))
            .fold(Vec::new(), |mut unique, m| {
                if !unique.contains(&m) {
                    unique.push(m);
                }
                unique
            })
    };
    reports
        .iter()
        .enumerate()
        .map(|(i, report)| {
            let own = report.verdict.clone();
            if !matches!(own.status.as_str(), "ok" | "not_found" | "stale") {
                return own;
            }
            if let (Some(served), Some(reference)) = (&report.mod_hash, &reference)
                && served != reference
            {
                let by = if verified.is_some() {
                    Source::Database
                } else {
                    Source::Majority
                };
                return Verdict::new(
                    "mismatch",
                    &Line::HashDiffers {
                        served: served.clone(),
                        by,
                        reference: reference.clone(),
                    },
                );
            }
            if own.status == "not_found" {
                let others = served_by_others(i);
                if !others.is_empty() {
                    return Verdict::new(
                        "stale",
                        &Line::ServedBy {
                            own: Text::new(own.line, own.line_zh),
                            others: others.join(", "),
                        },
                    );
                }
                return own;
            }
            if own.status == "ok" && step(report, StepKind::List).is_some_and(|s| s.outcome == "ok") {
                let mut missing: Vec<(&str, String)> = Vec::new();
                for (j, other) in reports.iter().enumerate() {
                    if j == i || step(other, StepKind::List).is_none_or(|s| s.outcome != "ok") {
                        continue;
                    }
                    for v in &other.versions {
                        if !report.versions.contains(v) && missing.iter().all(|(m, _)| m != v) {
                            missing.push((v, short_mirror(&other.mirror)));
                        }
                    }
                }
                if !missing.is_empty() {
                    let missing = Lacking(missing.into_iter().map(|(v, by)| (v.to_owned(), by)).collect());
                    return Verdict::new("stale", &Line::ListLacks { missing });
                }
            }
            own
        })
        .collect()
}

fn majority(hashes: impl Iterator<Item = String>) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for h in hashes {
        match counts.iter_mut().find(|(c, _)| *c == h) {
            Some((_, n)) => *n += 1,
            None => counts.push((h, 1)),
        }
    }
    gmd_order::sort_by_key(&mut counts, |c| std::cmp::Reverse(c.1));
    match counts.as_slice() {
        [(_, n), (_, m), ..] if n == m => None,
        [(top, _), ..] => Some(top.clone()),
        [] => None,
    }
}

/// `goproxy.cn` for `https://goproxy.cn` (or `https://goproxy.cn/`).
pub fn short_mirror(base: &str) -> String {
    let base = base.trim_end_matches('/');
    base.split_once("://").map_or(base, |(_, rest)| rest).to_owned()
}

/// A line of a probe's NDJSON stream (the worker's `POST /api/probe`, the CLI's `--format json`):
/// results as they arrive, errors for probes that could not run, then the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum StreamLine {
    Result(Box<MirrorReport>),
    Error {
        mirror: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        region: Option<String>,
        code: String,
        message: String,
    },
    Summary {
        mirrors: Vec<SummaryEntry>,
        /// The id under which the worker keeps this run's results, for a shared report to
        /// attach (`POST /api/reports?probes=<run>`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        run: Option<String>,
    },
}

/// A mirror's verdict after the comparison with the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryEntry {
    pub mirror: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colo: Option<String>,
    #[serde(flatten)]
    pub verdict: Verdict,
}

/// The summary line for `reports`: [`compare`]d verdicts, in the order given.
pub fn summary(reports: &[MirrorReport]) -> StreamLine {
    StreamLine::Summary {
        mirrors: summary_entries(reports),
        run: None,
    }
}

/// The entries of [`summary`].
pub fn summary_entries(reports: &[MirrorReport]) -> Vec<SummaryEntry> {
    reports
        .iter()
        .zip(compare(reports))
        .map(|(r, verdict)| SummaryEntry {
            mirror: r.mirror.clone(),
            region: r.region.clone(),
            colo: r.colo.clone(),
            verdict,
        })
        .collect()
}

impl StreamLine {
    /// One line of NDJSON, newline included.
    pub fn to_ndjson(&self) -> String {
        serde_json::to_string(self).unwrap_or_default() + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report whose own verdict is `status`, listing `versions`, serving a `.mod` hashing to
    /// `hash`.
    #[test]
    fn without_a_checksum_database_its_answers_do_not_count() {
        let mut report = mirror("a.example", "broken", &["v1.0.0"], Some("h1:x="));
        let step = |name: &str, outcome: &str| StepReport {
            step: name.to_owned(),
            outcome: outcome.to_owned(),
            ..report.steps[0].clone()
        };
        report.steps.extend([
            step("info", "ok"),
            step("mod", "ok"),
            step("zip", "ok"),
            step("sumdb_supported", "ok"),
            step("sumdb_lookup", "invalid"),
        ]);
        report.verdict = verdict(&report);
        assert_eq!(
            report.verdict.status, "broken",
            "a bad record counts when the database is used"
        );
        let off = without_sumdb(report);
        assert_eq!(off.verdict.status, "ok", "{:?}", off.verdict);
        assert!(off.steps.iter().all(|s| !s.step.starts_with("sumdb")));
    }

    fn mirror(name: &str, status: &str, versions: &[&str], hash: Option<&str>) -> MirrorReport {
        MirrorReport {
            mirror: format!("https://{name}"),
            module: "example.com/m".to_owned(),
            version: Some("v1.0.0".to_owned()),
            colo: None,
            region: None,
            ms: 10,
            cached: false,
            verdict: Verdict {
                status: status.to_owned(),
                line: format!("{name} said {status}"),
                line_zh: format!("{name} 说 {status}"),
            },
            steps: vec![StepReport {
                step: "list".to_owned(),
                method: "GET".to_owned(),
                url: String::new(),
                outcome: "ok".to_owned(),
                status: Some(200),
                ms: 5,
                redirects: 0,
                detail: None,
                body: None,
                first_attempt: None,
            }],
            versions: versions.iter().map(|v| v.to_string()).collect(),
            latest: None,
            mod_hash: hash.map(str::to_owned),
            sumdb: None,
        }
    }

    #[test]
    fn an_error_body_is_kept_as_text_with_its_controls_escaped() {
        assert_eq!(
            excerpt(b"bad gateway\r\n\tupstream: \x1b[31mred\n", 1024),
            "bad gateway\n\tupstream: \\u{1b}[31mred"
        );
        assert_eq!(
            excerpt("é".repeat(600).as_bytes(), 1024),
            format!("{}…", "é".repeat(512))
        );
        assert_eq!(excerpt(&[0xff, b'a'], 1024), "\u{fffd}a");
    }

    fn check(reports: &[MirrorReport], expected: &[(&str, &str)]) {
        let verdicts = compare(reports);
        for (verdict, (status, line)) in verdicts.iter().zip(expected) {
            assert_eq!(verdict.status, *status, "{verdict:?}");
            assert!(verdict.line.contains(line), "{verdict:?} should say {line:?}");
        }
    }

    #[test]
    fn without_a_verified_record_most_mirrors_decide_the_hash() {
        let v = &["v1.0.0"][..];
        check(
            &[
                mirror("a", "ok", v, Some("h1:A")),
                mirror("b", "ok", v, Some("h1:A")),
                mirror("c", "ok", v, Some("h1:C")),
                mirror("d", "down", &[], None),
            ],
            &[
                ("ok", "a said ok"),
                ("ok", "b said ok"),
                ("mismatch", "hashes to h1:C; most mirrors say h1:A"),
                ("down", "d said down"),
            ],
        );
        // A tie decides nothing.
        check(
            &[mirror("a", "ok", v, Some("h1:A")), mirror("b", "ok", v, Some("h1:B"))],
            &[("ok", ""), ("ok", "")],
        );
    }

    #[test]
    fn a_list_lacking_what_others_list_is_stale_and_names_who_lists_it() {
        let mut regional = mirror("a", "ok", &["v1.0.0", "v1.1.0"], Some("h1:A"));
        regional.region = Some("apac".to_owned());
        check(
            &[
                mirror("a", "ok", &["v1.0.0", "v1.1.0"], Some("h1:A")),
                regional,
                mirror("b", "ok", &["v1.0.0"], Some("h1:A")),
                mirror("c", "not_found", &[], None),
            ],
            &[
                ("ok", ""),
                ("ok", ""),
                ("stale", "lacks v1.1.0 (listed by a)"),
                // Served elsewhere: stale, each mirror named once.
                ("stale", "c said not_found; served by a, b"),
            ],
        );
    }
}
