//! The user's GOPROXY walked as the go command walks it, with what the probe measured at each
//! entry (cmd/go's `modfetch.tryProxies`): an entry that serves the module ends the walk; a 404
//! or 410 goes on to the next entry whatever the separator; any other failure goes on only when
//! `|` follows the entry, and stops the command when `,` follows it (or nothing does). Then what
//! would have changed: `|` instead of `,`, a retry (a passing fault), another place.

use crate::report::{MirrorReport, short_mirror};
use gmd_semantics::proxy::ProxyEntry;
use gmd_vocabulary::{Shell, Text, texts};

texts! {
    /// What each entry did, and what follows from it.
    enum Line {
        Served { mirror: String, target: String } =>
            "{mirror} serves {target}: the go command gets the module here.",
            "{mirror} 提供 {target}：go 命令在这里拿到模块。";
        ServedOnRetry { mirror: String, target: String, first: String } =>
            "{mirror} answered {first} first, then served {target} when asked again at once: a passing fault.",
            "{mirror} 先回应 {first}，立即再请求一次就提供了 {target}：这是一时的故障。";
        NotFound { mirror: String, said: Answered } =>
            "{mirror} answered {said}: not found, so the go command goes on to the next entry, after `,` or `|` alike.",
            "{mirror} 回应 {said}：未找到，所以无论后面是 `,` 还是 `|`，go 命令都会继续尝试下一项。";
        Stale { mirror: String, said: Answered, target: String, others: String } =>
            "{mirror} answered {said}, yet {others} serves {target}: {mirror} is stale. The go command goes on to the next entry.",
            "{mirror} 回应 {said}，而 {others} 提供 {target}：{mirror} 的缓存过时了。go 命令继续尝试下一项。";
        StoppedComma { mirror: String, said: Answered } =>
            "{mirror} failed ({said}) and `,` follows it: the go command stops here and the command fails.",
            "{mirror} 失败（{said}）；GOPROXY 中它后面是逗号（`,`），所以 go 命令在此停止，命令失败。";
        StoppedLast { mirror: String, said: Answered } =>
            "{mirror} failed ({said}); it is the last entry, so the command fails.",
            "{mirror} 失败（{said}）；它是最后一项，所以命令失败。";
        PassedPipe { mirror: String, said: Answered } =>
            "{mirror} failed ({said}) and `|` follows it: the go command goes on to the next entry.",
            "{mirror} 失败（{said}）；GOPROXY 中它后面是竖线（`|`），所以 go 命令继续尝试下一项。";
        Unprobed { mirror: String } =>
            "{mirror} was not probed from here (a private address or name: `gomod-doctor check` probes it from your machine); the walk cannot tell what it answers.",
            "这里没有探测 {mirror}（私有地址或名称：`gomod-doctor check` 会在你的机器上探测它）；无法判断它会怎样回应。";
        Direct =>
            "direct: the go command fetches from the code host itself (git and the like), which this probe does not test.",
            "direct：go 命令直接从代码托管站点获取（git 等），本探测不测试这一步。";
        Off =>
            "off: no more downloads are allowed, so the command fails here.",
            "off：不再允许下载，所以命令在这里失败。";
        NoneHasIt =>
            "No entry has the module: the go command reports the not found of the first entry.",
            "没有任何一项提供这个模块：go 命令会报告第一项的“未找到”。";
        PipeServes { mirror: String, next: String, target: String } =>
            "With `|` instead of `,` after {mirror}, the go command would have gone on to {next}, which serves {target}.",
            "如果 {mirror} 后面用 `|` 代替 `,`，go 命令会继续尝试 {next}，而它提供 {target}。";
        PipeFailsToo { mirror: String, next: String } =>
            "With `|` instead of `,` after {mirror}, the go command would have gone on to {next}, which fails too.",
            "如果 {mirror} 后面用 `|` 代替 `,`，go 命令会继续尝试 {next}，但它也失败了。";
        PipeDirect { mirror: String } =>
            "With `|` instead of `,` after {mirror}, the go command would have gone on to direct (the code host itself, not tested here).",
            "如果 {mirror} 后面用 `|` 代替 `,`，go 命令会继续尝试 direct（代码托管站点本身，这里不测试）。";
        Twice { mirror: String, said: Answered } =>
            "{mirror} answered {said} twice in a row: not a blip. Another mirror, or `|` after it, gets past it.",
            "{mirror} 连续两次回应 {said}：不是偶发的。换一个镜像，或在它后面用 `|`，就能绕过它。";
        Elsewhere { mirror: String, places: crate::Places } =>
            "{mirror} serves it from {places}: the fault lies on the way from here, not in the mirror everywhere.",
            "{mirror} 在 {places} 可以提供它：故障在从这里出发的路上，并不是镜像在所有地方都坏了。";
        LaterServed { mirror: String, target: String, seconds: u32 } =>
            "{seconds} s later, {mirror} served {target}: the fault passed. A retry after a pause is likely to work.",
            "{seconds} 秒后，{mirror} 提供了 {target}：故障已经过去。稍等片刻再重试很可能会成功。";
        LaterFailed { mirror: String, said: Answered, seconds: u32 } =>
            "{seconds} s later, {mirror} still answered {said}: a lasting fault. Do not wait for it: another mirror, or `|` after it.",
            "{seconds} 秒后，{mirror} 仍然回应 {said}：这是持续的故障。不必等待：换一个镜像，或在它后面用 `|`。";
        Retry =>
            "A retry is likely to work: run the command again, or let it retry on its own:",
            "重试很可能会成功：再运行一次命令，或者让它自动重试：";
        NothingAnswered { count: usize } =>
            "None of the {count} mirrors probed from here answered at all: the probe's own way out is cut, which says nothing about the mirrors. Check from your machine (`gomod-doctor check`).",
            "从这里探测的 {count} 个镜像都完全没有回应：是探测点自己的网络不通，这并不说明镜像有问题。请在你的机器上检查（`gomod-doctor check`）。";
    }
}

/// What a mirror answered, in a sentence of either language: its HTTP status, else what failed
/// (in English with the transport's own words, in Chinese in ours: the transport's are English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    pub status: Option<u16>,
    pub outcome: String,
    pub detail: Option<String>,
}

impl gmd_vocabulary::Localized for Answered {
    fn en(&self) -> String {
        match (self.status, &self.detail) {
            (Some(status), _) => format!("HTTP {status}"),
            (None, Some(detail)) => detail.clone(),
            (None, None) => crate::report::describe(&self.outcome).en(),
        }
    }
    fn zh(&self) -> String {
        match self.status {
            Some(status) => format!("HTTP {status}"),
            None => crate::report::describe(&self.outcome).zh(),
        }
    }
}

/// Where the walk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// An entry served the module.
    Served,
    /// A failure stopped the command (`,` after it, or the last entry).
    Stopped,
    /// At `direct`: the code host decides, which the probe does not test.
    Direct,
    /// At `off`.
    Off,
    /// At an entry that was not probed.
    Unknown,
    /// Every entry said not found.
    NotFound,
}

impl End {
    pub fn code(self) -> &'static str {
        match self {
            End::Served => "served",
            End::Stopped => "stopped",
            End::Direct => "direct",
            End::Off => "off",
            End::Unknown => "unknown",
            End::NotFound => "not_found",
        }
    }
}

/// The walk: a line per entry reached, then what would have changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walk {
    pub end: End,
    pub lines: Vec<Text>,
    /// Whether the evidence says a retry is likely to work ([`retry_command`]).
    pub retry: bool,
}

/// What one mirror answered to the module's requests.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Answer {
    /// Every request served; `first` is what a request got before its retry succeeded.
    Served {
        first: Option<String>,
    },
    NotFound {
        said: Answered,
    },
    Failed {
        said: Answered,
        twice: bool,
    },
}

/// The steps that fetch the module itself (not the checksum database, not the toolchain).
const MODULE_STEPS: [&str; 5] = ["list", "latest", "info", "mod", "zip"];

/// The steps of `report` that fetch the module.
fn module_steps(report: &MirrorReport) -> Vec<&crate::report::StepReport> {
    report
        .steps
        .iter()
        .filter(|s| MODULE_STEPS.contains(&s.step.as_str()))
        .collect()
}

fn answer(report: &MirrorReport) -> Answer {
    let steps = module_steps(report);
    let said = |s: &crate::report::StepReport| Answered {
        status: s.status,
        outcome: s.outcome.clone(),
        detail: s.detail.clone(),
    };
    match steps.iter().find(|s| s.outcome != "ok") {
        None => Answer::Served {
            first: steps.iter().find_map(|s| s.first_attempt.clone()),
        },
        Some(s) if matches!(s.outcome.as_str(), "not_found" | "gone") => Answer::NotFound { said: said(s) },
        Some(s) => Answer::Failed {
            said: said(s),
            twice: s.first_attempt.is_some(),
        },
    }
}

/// Whether a mirror gave no answer at all: its module requests failed before any HTTP status
/// (a refused connection, a timeout, a name that does not resolve).
fn unanswered(report: &MirrorReport) -> bool {
    let steps = module_steps(report);
    !steps.is_empty() && steps.iter().all(|s| s.outcome != "ok" && s.status.is_none())
}

/// The report of the mirror at `url` among `here`.
fn report_of<'a>(here: &[&'a MirrorReport], url: &str) -> Option<&'a MirrorReport> {
    here.iter()
        .copied()
        .find(|r| r.mirror.trim_end_matches('/') == url.trim_end_matches('/'))
}

fn target_of(report: &MirrorReport) -> String {
    match &report.version {
        Some(v) => format!("{}@{v}", report.module),
        None => report.module.clone(),
    }
}

/// The failing mirrors probed again from the same place, `seconds` after the first run.
#[derive(Debug, Clone, Copy)]
pub struct Later<'a> {
    pub seconds: u32,
    pub reports: &'a [MirrorReport],
}

/// Walks `chain` with the answers measured at one place (`here`: at most one report per
/// mirror), `everywhere` holding every report of the run (other mirrors, other regions) for
/// the evidence.
pub fn walk(chain: &[ProxyEntry], here: &[&MirrorReport], everywhere: &[MirrorReport]) -> Walk {
    walk_with_later(chain, here, everywhere, None)
}

/// [`walk`], with the failing mirrors measured again later: healthy then, the fault passed (a
/// retry after a pause); still failing, it lasts.
pub fn walk_with_later(
    chain: &[ProxyEntry],
    here: &[&MirrorReport],
    everywhere: &[MirrorReport],
    later: Option<Later<'_>>,
) -> Walk {
    let mut lines = Vec::new();
    let mut retry = false;
    let mut end = End::NotFound;
    // Every mirror failed from here without an answer: the probe's network, not the mirrors.
    if here.len() >= 2 && here.iter().all(|r| unanswered(r)) {
        lines.push(Text::of(&Line::NothingAnswered { count: here.len() }));
        return Walk {
            end: End::Unknown,
            lines,
            retry,
        };
    }
    for (index, entry) in chain.iter().enumerate() {
        let (url, fallback_on_error) = match entry {
            ProxyEntry::Off => {
                lines.push(Text::of(&Line::Off));
                end = End::Off;
                break;
            }
            ProxyEntry::Direct => {
                lines.push(Text::of(&Line::Direct));
                end = End::Direct;
                break;
            }
            ProxyEntry::Url { url, fallback_on_error } => (url, *fallback_on_error),
        };
        let mirror = short_mirror(url);
        let Some(report) = report_of(here, url) else {
            lines.push(Text::of(&Line::Unprobed { mirror }));
            end = End::Unknown;
            break;
        };
        let target = target_of(report);
        match answer(report) {
            Answer::Served { first } => {
                lines.push(Text::of(&match first {
                    Some(first) => {
                        retry = true;
                        Line::ServedOnRetry { mirror, target, first }
                    }
                    None => Line::Served { mirror, target },
                }));
                end = End::Served;
                break;
            }
            Answer::NotFound { said } => {
                let others: Vec<String> = everywhere
                    .iter()
                    .filter(|r| short_mirror(&r.mirror) != mirror && r.version == report.version)
                    .filter(|r| matches!(answer(r), Answer::Served { .. }))
                    .map(|r| short_mirror(&r.mirror))
                    .fold(Vec::new(), |mut unique, m| {
                        if !unique.contains(&m) {
                            unique.push(m);
                        }
                        unique
                    });
                lines.push(Text::of(&match others.is_empty() || report.version.is_none() {
                    true => Line::NotFound { mirror, said },
                    false => Line::Stale {
                        mirror,
                        said,
                        target,
                        others: others.join(", "),
                    },
                }));
            }
            Answer::Failed { said, twice } => {
                let last = index + 1 == chain.len();
                if fallback_on_error && !last {
                    lines.push(Text::of(&Line::PassedPipe { mirror, said }));
                    continue;
                }
                lines.push(Text::of(&match last {
                    true => Line::StoppedLast {
                        mirror: mirror.clone(),
                        said: said.clone(),
                    },
                    false => Line::StoppedComma {
                        mirror: mirror.clone(),
                        said: said.clone(),
                    },
                }));
                end = End::Stopped;
                if !last {
                    lines.push(Text::of(&with_pipe(&mirror, &chain[index + 1..], here, &target)));
                }
                if twice {
                    lines.push(Text::of(&Line::Twice {
                        mirror: mirror.clone(),
                        said: said.clone(),
                    }));
                }
                let again = later.and_then(|l| {
                    let here: Vec<&MirrorReport> = l.reports.iter().collect();
                    report_of(&here, url).map(|r| (l.seconds, answer(r)))
                });
                match again {
                    Some((seconds, Answer::Served { .. })) => {
                        retry = true;
                        lines.push(Text::of(&Line::LaterServed {
                            mirror: mirror.clone(),
                            target: target.clone(),
                            seconds,
                        }));
                    }
                    Some((seconds, Answer::Failed { said, .. } | Answer::NotFound { said })) => {
                        lines.push(Text::of(&Line::LaterFailed {
                            mirror: mirror.clone(),
                            said,
                            seconds,
                        }));
                    }
                    None => {}
                }
                let places: Vec<String> = everywhere
                    .iter()
                    .filter(|r| short_mirror(&r.mirror) == mirror && !here.iter().any(|h| std::ptr::eq(*h, *r)))
                    .filter(|r| matches!(answer(r), Answer::Served { .. }))
                    .filter_map(|r| r.region.clone().or_else(|| r.colo.clone()))
                    .collect();
                if !places.is_empty() {
                    lines.push(Text::of(&Line::Elsewhere {
                        mirror,
                        places: crate::Places(places),
                    }));
                }
                break;
            }
        }
    }
    if end == End::NotFound {
        lines.push(Text::of(&Line::NoneHasIt));
    }
    if retry {
        lines.push(Text::of(&Line::Retry));
    }
    Walk { end, lines, retry }
}

/// What `|` after `mirror` would have reached: the rest of the chain walked on failures too.
fn with_pipe(mirror: &str, rest: &[ProxyEntry], here: &[&MirrorReport], target: &str) -> Line {
    for entry in rest {
        match entry {
            ProxyEntry::Direct => {
                return Line::PipeDirect {
                    mirror: mirror.to_owned(),
                };
            }
            ProxyEntry::Off => break,
            ProxyEntry::Url { url, .. } => match report_of(here, url).map(answer) {
                Some(Answer::Served { .. }) => {
                    return Line::PipeServes {
                        mirror: mirror.to_owned(),
                        next: short_mirror(url),
                        target: target.to_owned(),
                    };
                }
                Some(Answer::NotFound { .. }) | Some(Answer::Failed { .. }) => continue,
                None => break,
            },
        }
    }
    Line::PipeFailsToo {
        mirror: mirror.to_owned(),
        next: rest.first().map_or_else(String::new, |e| match e {
            ProxyEntry::Url { url, .. } => short_mirror(url),
            ProxyEntry::Direct => "direct".to_owned(),
            ProxyEntry::Off => "off".to_owned(),
        }),
    }
}

/// `command` run up to three times, ten seconds apart, until it succeeds, in `shell`: the same
/// line works typed in a terminal and in a CI step (it fails when the third try fails, and
/// ends only its own subshell).
pub fn retry_command(shell: Shell, command: &str) -> String {
    match shell {
        Shell::Posix => {
            format!("(for i in 1 2 3; do {command} && exit 0; echo \"try $i failed\" >&2; sleep 10; done; exit 1)")
        }
        Shell::PowerShell => {
            format!("foreach ($i in 1..3) {{ {command}; if ($LASTEXITCODE -eq 0) {{ break }}; Start-Sleep 10 }}")
        }
        // cmd has no loop that can stop early when typed: PowerShell does it.
        Shell::Cmd => format!(
            "powershell -NoProfile -Command \"foreach ($i in 1..3) {{ {command}; if ($LASTEXITCODE -eq 0) {{ exit 0 }}; Start-Sleep 10 }}; exit 1\""
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Verdict;
    use crate::report::StepReport;

    #[test]
    fn an_answer_in_either_language() {
        use gmd_vocabulary::Localized;
        let dns = Answered {
            status: None,
            outcome: "dns".into(),
            detail: Some("dns error: failed to lookup address information".into()),
        };
        // English keeps the transport's own words; Chinese says it in ours, no English inside.
        assert_eq!(dns.en(), "dns error: failed to lookup address information");
        assert_eq!(dns.zh(), "名称无法解析");
        let bare = Answered { detail: None, ..dns };
        assert_eq!(bare.en(), "the name does not resolve");
        let status = Answered {
            status: Some(502),
            outcome: "http_error".into(),
            detail: Some("Bad Gateway".into()),
        };
        assert_eq!(
            (status.en(), status.zh()),
            ("HTTP 502".to_owned(), "HTTP 502".to_owned())
        );
        let line = Text::of(&Line::StoppedComma {
            mirror: "proxy.golang.org".into(),
            said: bare,
        });
        assert_eq!(
            line.zh,
            "proxy.golang.org 失败（名称无法解析）；GOPROXY 中它后面是逗号（`,`），所以 go 命令在此停止，命令失败。"
        );
    }

    /// A report of `mirror` (`a.example`) from `region`, whose module steps went as `steps`
    /// says: `ok`, `404`, `502`, `502,ok` (a 502, then served on the retry), `502,502`, `timeout`.
    fn report(mirror: &str, region: Option<&str>, steps: &str) -> MirrorReport {
        let step = |outcome: &str, first: Option<&str>| {
            let status = outcome.parse::<u16>().ok().or((outcome == "ok").then_some(200));
            StepReport {
                step: "info".to_owned(),
                method: "GET".to_owned(),
                url: String::new(),
                outcome: match outcome {
                    "ok" => "ok",
                    "404" => "not_found",
                    "410" => "gone",
                    "timeout" => "timeout",
                    _ => "http_error",
                }
                .to_owned(),
                status,
                ms: 5,
                redirects: 0,
                detail: (outcome == "timeout").then(|| "timed out".to_owned()),
                body: None,
                first_attempt: first.map(|f| format!("HTTP {f}")),
            }
        };
        let (first, last) = match steps.split_once(',') {
            Some((first, last)) => (Some(first), last),
            None => (None, steps),
        };
        MirrorReport {
            mirror: format!("https://{mirror}"),
            module: "example.com/m".to_owned(),
            version: Some("v1.9.1".to_owned()),
            colo: None,
            region: region.map(str::to_owned),
            ms: 10,
            cached: false,
            verdict: Verdict::default(),
            steps: vec![step("ok", None), step(last, first)],
            versions: Vec::new(),
            latest: None,
            mod_hash: None,
            sumdb: None,
        }
    }

    /// Walks `goproxy` with `reports` (the first of each mirror is "here") and compares the
    /// end and the English lines.
    fn check(goproxy: &str, reports: &[MirrorReport], end: End, expected: &[&str]) {
        let chain = gmd_semantics::proxy::parse(goproxy).unwrap();
        let mut here: Vec<&MirrorReport> = Vec::new();
        for r in reports {
            if !here.iter().any(|h| h.mirror == r.mirror) {
                here.push(r);
            }
        }
        let walk = walk(&chain, &here, reports);
        let lines: Vec<&str> = walk.lines.iter().map(|t| t.en.as_str()).collect();
        assert_eq!((walk.end, lines.as_slice()), (end, expected), "{goproxy}");
        assert!(walk.lines.iter().all(|t| !t.zh.is_empty() && t.zh != t.en));
    }

    #[test]
    fn when_no_mirror_answers_from_here_no_mirror_is_blamed() {
        // Every request of every mirror failed before any answer: the probe's way out is cut.
        let cut = |mirror: &str| {
            let mut r = report(mirror, None, "timeout");
            let failed = r.steps[1].clone();
            r.steps[0] = failed;
            r
        };
        check(
            "https://a.example,https://b.example,direct",
            &[cut("a.example"), cut("b.example")],
            End::Unknown,
            &[
                "None of the 2 mirrors probed from here answered at all: the probe's own way out is cut, which says nothing about the mirrors. Check from your machine (`gomod-doctor check`).",
            ],
        );
        // One mirror answering (even with an error) means the way out works: the walk blames.
        let answered = report("b.example", None, "502,502");
        let walk_lines = {
            let chain = gmd_semantics::proxy::parse("https://a.example,https://b.example").unwrap();
            let (a, b) = (cut("a.example"), answered);
            walk(&chain, &[&a, &b], &[]).lines
        };
        assert!(
            walk_lines[0].en.starts_with("a.example failed (timed out)"),
            "{:?}",
            walk_lines[0].en
        );
    }

    #[test]
    fn a_failure_stops_at_a_comma_and_a_pipe_would_have_gone_on() {
        check(
            "https://a.example,https://b.example,direct",
            &[report("a.example", None, "502,502"), report("b.example", None, "ok")],
            End::Stopped,
            &[
                "a.example failed (HTTP 502) and `,` follows it: the go command stops here and the command fails.",
                "With `|` instead of `,` after a.example, the go command would have gone on to b.example, which serves example.com/m@v1.9.1.",
                "a.example answered HTTP 502 twice in a row: not a blip. Another mirror, or `|` after it, gets past it.",
            ],
        );
        check(
            "https://a.example|https://b.example,direct",
            &[report("a.example", None, "502,502"), report("b.example", None, "ok")],
            End::Served,
            &[
                "a.example failed (HTTP 502) and `|` follows it: the go command goes on to the next entry.",
                "b.example serves example.com/m@v1.9.1: the go command gets the module here.",
            ],
        );
        check(
            "https://a.example,direct",
            &[report("a.example", None, "timeout")],
            End::Stopped,
            &[
                "a.example failed (timed out) and `,` follows it: the go command stops here and the command fails.",
                "With `|` instead of `,` after a.example, the go command would have gone on to direct (the code host itself, not tested here).",
            ],
        );
    }

    #[test]
    fn not_found_goes_on_after_either_separator_and_a_mirror_others_serve_from_is_stale() {
        check(
            "https://a.example,https://b.example",
            &[report("a.example", None, "404"), report("b.example", None, "ok")],
            End::Served,
            &[
                "a.example answered HTTP 404, yet b.example serves example.com/m@v1.9.1: a.example is stale. The go command goes on to the next entry.",
                "b.example serves example.com/m@v1.9.1: the go command gets the module here.",
            ],
        );
        check(
            "https://a.example,off",
            &[report("a.example", None, "410")],
            End::Off,
            &[
                "a.example answered HTTP 410: not found, so the go command goes on to the next entry, after `,` or `|` alike.",
                "off: no more downloads are allowed, so the command fails here.",
            ],
        );
        check(
            "https://a.example",
            &[report("a.example", None, "404")],
            End::NotFound,
            &[
                "a.example answered HTTP 404: not found, so the go command goes on to the next entry, after `,` or `|` alike.",
                "No entry has the module: the go command reports the not found of the first entry.",
            ],
        );
    }

    #[test]
    fn a_passing_fault_calls_for_a_retry_and_a_local_one_is_named() {
        check(
            "https://a.example,direct",
            &[report("a.example", None, "502,ok")],
            End::Served,
            &[
                "a.example answered HTTP 502 first, then served example.com/m@v1.9.1 when asked again at once: a passing fault.",
                "A retry is likely to work: run the command again, or let it retry on its own:",
            ],
        );
        check(
            "https://a.example",
            &[
                report("a.example", Some("apac"), "502,502"),
                report("a.example", Some("weur"), "ok"),
            ],
            End::Stopped,
            &[
                "a.example failed (HTTP 502); it is the last entry, so the command fails.",
                "a.example answered HTTP 502 twice in a row: not a blip. Another mirror, or `|` after it, gets past it.",
                "a.example serves it from Western Europe: the fault lies on the way from here, not in the mirror everywhere.",
            ],
        );
        check(
            "https://athens.corp.internal,direct",
            &[],
            End::Unknown,
            &[
                "athens.corp.internal was not probed from here (a private address or name: `gomod-doctor check` probes it from your machine); the walk cannot tell what it answers.",
            ],
        );
    }

    #[test]
    fn a_mirror_measured_again_later_tells_a_passing_outage_from_a_lasting_one() {
        let chain = gmd_semantics::proxy::parse("https://a.example,direct").unwrap();
        let first = [report("a.example", None, "502,502")];
        let here: Vec<&MirrorReport> = first.iter().collect();
        let lines = |later: &[MirrorReport]| {
            let walk = walk_with_later(
                &chain,
                &here,
                &first,
                Some(Later {
                    seconds: 60,
                    reports: later,
                }),
            );
            (
                walk.retry,
                walk.lines.iter().skip(2).map(|t| t.en.clone()).collect::<Vec<_>>(),
            )
        };
        assert_eq!(
            lines(&[report("a.example", None, "ok")]),
            (
                true,
                vec![
                    "a.example answered HTTP 502 twice in a row: not a blip. Another mirror, or `|` after it, gets past it.".to_owned(),
                    "60 s later, a.example served example.com/m@v1.9.1: the fault passed. A retry after a pause is likely to work.".to_owned(),
                    "A retry is likely to work: run the command again, or let it retry on its own:".to_owned(),
                ]
            )
        );
        assert_eq!(
            lines(&[report("a.example", None, "503,503")]),
            (
                false,
                vec![
                    "a.example answered HTTP 502 twice in a row: not a blip. Another mirror, or `|` after it, gets past it.".to_owned(),
                    "60 s later, a.example still answered HTTP 503: a lasting fault. Do not wait for it: another mirror, or `|` after it.".to_owned(),
                ]
            )
        );
        // Nothing measured later: the walk as before.
        assert_eq!(
            walk_with_later(&chain, &here, &first, None),
            walk(&chain, &here, &first)
        );
    }

    #[test]
    fn the_retry_line_stops_after_a_success_or_three_failures_when_typed() {
        let script = retry_command(Shell::Posix, "go mod download");
        assert_eq!(
            script,
            "(for i in 1 2 3; do go mod download && exit 0; echo \"try $i failed\" >&2; sleep 10; done; exit 1)"
        );
        // Typed into sh, with a `go` that fails `fails` times (and a `sleep` that does not wait):
        // the exit status, and how many times `go` ran.
        let dir = std::env::temp_dir().join(format!("gmd-retry-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, body: &str| {
            use std::os::unix::fs::PermissionsExt;
            let path = dir.join(name);
            std::fs::write(&path, body).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        };
        write("sleep", "#!/bin/sh\nexit 0\n");
        write(
            "go",
            "#!/bin/sh\nn=$(cat \"$RUNS\" 2>/dev/null || echo 0); n=$((n+1)); echo $n > \"$RUNS\"; [ $n -gt $FAILS ]\n",
        );
        for (fails, status, runs) in [(0, 0, 1), (2, 0, 3), (3, 1, 3), (5, 1, 3)] {
            let runs_file = dir.join(format!("runs-{fails}"));
            let _ = std::fs::remove_file(&runs_file);
            let outcome = std::process::Command::new("sh")
                .arg("-c")
                .arg(format!("{script}; echo after"))
                .env("PATH", format!("{}:/usr/bin:/bin", dir.display()))
                .env("RUNS", &runs_file)
                .env("FAILS", fails.to_string())
                .output()
                .unwrap();
            let ran: u32 = std::fs::read_to_string(&runs_file).unwrap().trim().parse().unwrap();
            // The shell goes on after the line (it ended only its subshell).
            assert_eq!(String::from_utf8_lossy(&outcome.stdout), "after\n");
            assert_eq!(ran, runs, "{fails} failures");
            let line_status = std::process::Command::new("sh")
                .arg("-c")
                .arg(&script)
                .env("PATH", format!("{}:/usr/bin:/bin", dir.display()))
                .env("RUNS", dir.join("scratch"))
                .env("FAILS", fails.to_string())
                .status()
                .unwrap();
            let _ = std::fs::remove_file(dir.join("scratch"));
            assert_eq!(line_status.code(), Some(status), "{fails} failures");
        }
        let _ = std::fs::remove_dir_all(&dir);
        assert!(retry_command(Shell::PowerShell, "go mod download").contains("$LASTEXITCODE -eq 0"));
        assert!(retry_command(Shell::Cmd, "go mod download").starts_with("powershell -NoProfile -Command \""));
    }
}
