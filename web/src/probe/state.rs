//! What the panel holds: the cells of the matrix, the compared verdicts, the browser column, and
//! the pure helpers that read the form.

use crate::api::Reach;
use crate::i18n::Lang;
use gmd_probe::Verdict;
use gmd_probe::report::MirrorReport;
use leptos::prelude::*;

/// How long the browser column waits for a mirror.
pub(super) const BROWSER_TIMEOUT_MS: i32 = 8_000;

/// One cell of the matrix.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    Waiting,
    Done(Box<MirrorReport>),
    Failed(String),
}

/// The browser column for one mirror.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Browser {
    Waiting,
    Seen(Reach),
    /// Plain-http mirrors: a page served over https may not fetch them.
    Skipped,
}

/// A cell's key: mirror and region (`None`: near the worker's data centre).
pub(super) type Key = (String, Option<String>);

/// The mirrors to probe: the ticked catalogue entries, then the custom URLs (space or comma
/// separated), each once.
pub(super) fn chosen(ticked: &[String], custom: &str) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    let custom = custom
        .split([' ', ',', '\n', '\t'])
        .map(|u| u.trim().trim_end_matches('/'))
        .filter(|u| !u.is_empty())
        .map(str::to_owned);
    for url in ticked.iter().cloned().chain(custom) {
        if !all.contains(&url) {
            all.push(url);
        }
    }
    all
}

/// `module@version` → the probe request's fields (no version: `@latest`).
pub(super) fn split_target(target: &str) -> (String, Option<String>) {
    match target.trim().split_once('@') {
        Some((module, version)) if !version.is_empty() => (module.to_owned(), Some(version.to_owned())),
        Some((module, _)) => (module.to_owned(), None),
        None => (target.trim().to_owned(), None),
    }
}

/// The status a cell shows and its line in `lang`: the compared verdict once the summary is
/// in, else its own.
pub(super) fn status_of(cell: &Cell, summary: &[(Key, Verdict)], key: &Key, lang: Lang) -> (String, String) {
    if let Some((_, verdict)) = summary.iter().find(|(k, _)| k == key) {
        return (verdict.status.clone(), verdict.line_in(lang).to_owned());
    }
    match cell {
        Cell::Waiting => ("waiting".to_owned(), String::new()),
        Cell::Done(report) => (report.verdict.status.clone(), report.verdict.line_in(lang).to_owned()),
        Cell::Failed(message) => ("error".to_owned(), message.clone()),
    }
}

/// The panel's state: signals are `Copy`, so the pieces share it by value.
/// Whether a settled cell failed outright (no answer, or the worker could not run it).
fn failed(status: &str) -> bool {
    matches!(status, "down" | "error")
}

/// The settled statuses of the board: `(mirror, region, status)`, waiting cells left out.
fn settled(cells: &[(Key, Cell)], summary: &[(Key, Verdict)], lang: Lang) -> Vec<(String, Option<String>, String)> {
    cells
        .iter()
        .filter(|(_, c)| *c != Cell::Waiting)
        .map(|(key, cell)| (key.0.clone(), key.1.clone(), status_of(cell, summary, key, lang).0))
        .collect()
}

/// Regions from which no mirror answered at all, with two mirrors or more asked: the probe's own
/// connection from there is the likelier story than every mirror down at once.
pub(super) fn silent_regions(cells: &[(Key, Cell)], summary: &[(Key, Verdict)], lang: Lang) -> Vec<Option<String>> {
    let all = settled(cells, summary, lang);
    let mut regions: Vec<Option<String>> = Vec::new();
    for (_, region, _) in &all {
        if !regions.contains(region) {
            regions.push(region.clone());
        }
    }
    regions
        .into_iter()
        .filter(|region| {
            let here: Vec<&String> = all.iter().filter(|(_, r, _)| r == region).map(|(_, _, s)| s).collect();
            here.len() >= 2 && here.iter().all(|s| failed(s))
        })
        .collect()
}

/// For each mirror that fails from some regions and works from others: `(mirror, failing,
/// working)`, the regions in board order (`None` is near the worker).
pub(super) type Split = (String, Vec<Option<String>>, Vec<Option<String>>);

pub(super) fn split_mirrors(cells: &[(Key, Cell)], summary: &[(Key, Verdict)], lang: Lang) -> Vec<Split> {
    let all = settled(cells, summary, lang);
    let silent = silent_regions(cells, summary, lang);
    let mut mirrors: Vec<String> = Vec::new();
    for (mirror, _, _) in &all {
        if !mirrors.contains(mirror) {
            mirrors.push(mirror.clone());
        }
    }
    mirrors
        .into_iter()
        .filter_map(|mirror| {
            let mine = all.iter().filter(|(m, r, _)| *m == mirror && !silent.contains(r));
            let (failing, working): (Vec<_>, Vec<_>) = mine.partition(|(_, _, s)| failed(s));
            let failing: Vec<Option<String>> = failing.into_iter().map(|(_, r, _)| r.clone()).collect();
            let working: Vec<Option<String>> = working.into_iter().map(|(_, r, _)| r.clone()).collect();
            (!failing.is_empty() && !working.is_empty()).then_some((mirror, failing, working))
        })
        .collect()
}

/// The user's GOPROXY walked from each place the board probed (`None`: near the worker), places
/// whose walks read the same grouped together, in board order.
pub(super) fn walks(
    cells: &[(Key, Cell)],
    chain: &[gmd_semantics::proxy::ProxyEntry],
) -> Vec<(Vec<Option<String>>, gmd_probe::chain::Walk)> {
    let done = |(key, cell): &(Key, Cell)| match cell {
        Cell::Done(report) => Some((key.1.clone(), report.as_ref().clone())),
        _ => None,
    };
    let all: Vec<(Option<String>, MirrorReport)> = cells.iter().filter_map(done).collect();
    let everywhere: Vec<MirrorReport> = all.iter().map(|(_, r)| r.clone()).collect();
    let mut grouped: Vec<(Vec<Option<String>>, gmd_probe::chain::Walk)> = Vec::new();
    let mut places: Vec<Option<String>> = Vec::new();
    for (place, _) in &all {
        if !places.contains(place) {
            places.push(place.clone());
        }
    }
    for place in places {
        let here: Vec<&MirrorReport> = everywhere
            .iter()
            .zip(&all)
            .filter(|(_, (p, _))| *p == place)
            .map(|(r, _)| r)
            .collect();
        let walk = gmd_probe::chain::walk(chain, &here, &everywhere);
        match grouped.iter_mut().find(|(_, w)| *w == walk) {
            Some((together, _)) => together.push(place),
            None => grouped.push((vec![place], walk)),
        }
    }
    grouped
}

/// What a finished run says about `target`, for its finding card: the pasted GOPROXY walked
/// from each place (places named when they disagree), else each mirror's verdict.
pub(super) fn note(
    target: &str,
    cells: &[(Key, Cell)],
    summary: &[(Key, Verdict)],
    chain: &[gmd_semantics::proxy::ProxyEntry],
) -> crate::ProbeNote {
    use crate::i18n::region_name;
    let mut lines: Vec<(String, String)> = Vec::new();
    let mut retry = false;
    if !chain.is_empty() {
        let groups = walks(cells, chain);
        let several = groups.len() > 1;
        for (places, walk) in groups {
            if several {
                let names = |lang: Lang, sep: &str| {
                    places
                        .iter()
                        .map(|p| region_name(p.as_deref(), lang))
                        .collect::<Vec<_>>()
                        .join(sep)
                };
                lines.push((
                    format!("From {}:", names(Lang::En, ", ")),
                    format!("从{}：", names(Lang::Zh, "、")),
                ));
            }
            retry |= walk.retry;
            lines.extend(
                walk.lines
                    .iter()
                    .map(|l| (l.get(Lang::En).to_owned(), l.get(Lang::Zh).to_owned())),
            );
        }
    }
    if lines.is_empty() {
        for (key, cell) in cells.iter().filter(|(_, c)| *c != Cell::Waiting) {
            let place = |lang| region_name(key.1.as_deref(), lang);
            let mirror = gmd_probe::report::short_mirror(&key.0);
            let (_, en) = status_of(cell, summary, key, Lang::En);
            let (_, zh) = status_of(cell, summary, key, Lang::Zh);
            lines.push((
                format!("`{mirror}` from {}: {en}", place(Lang::En)),
                format!("`{mirror}`（{}）：{zh}", place(Lang::Zh)),
            ));
        }
    }
    crate::ProbeNote {
        target: target.to_owned(),
        retry,
        lines,
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Board {
    pub cells: RwSignal<Vec<(Key, Cell)>>,
    /// The compared verdicts, once the summary line is in.
    pub summary: RwSignal<Vec<(Key, Verdict)>>,
    pub browser: RwSignal<Vec<(String, Browser)>>,
    pub error: RwSignal<Option<crate::api::Failure>>,
    pub running: RwSignal<bool>,
    pub selected: RwSignal<Option<Key>>,
    /// The status board's last hour for the mirrors probed (`GET /api/status/recent`).
    pub recent: RwSignal<Vec<crate::api::Recent>>,
}

impl Board {
    pub fn new() -> Board {
        Board {
            cells: RwSignal::new(Vec::new()),
            summary: RwSignal::new(Vec::new()),
            browser: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
            running: RwSignal::new(false),
            selected: RwSignal::new(None),
            recent: RwSignal::new(Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(status: &str) -> Cell {
        match status {
            "error" => Cell::Failed("the prober did not answer".into()),
            _ => {
                let mut report: MirrorReport = serde_json::from_str(SAMPLE).expect("a sample report");
                report.verdict.status = status.to_owned();
                Cell::Done(Box::new(report))
            }
        }
    }

    const SAMPLE: &str = r#"{"mirror":"https://goproxy.io","module":"golang.org/x/text","version":"v0.14.0","steps":[],"verdict":{"status":"ok","line":"ok","line_zh":"正常"},"ms":10}"#;

    #[test]
    fn a_region_where_nothing_answers_is_the_probes_problem_and_mirrors_split_by_region() {
        let key = |m: &str, r: &str| (m.to_owned(), Some(r.to_owned()));
        let cells = vec![
            (key("https://a.example", "apac"), cell("down")),
            (key("https://b.example", "apac"), cell("error")),
            (key("https://a.example", "weur"), cell("ok")),
            (key("https://b.example", "weur"), cell("down")),
            (key("https://a.example", "me"), cell("ok")),
            (key("https://b.example", "me"), cell("ok")),
        ];
        assert_eq!(silent_regions(&cells, &[], Lang::En), [Some("apac".to_owned())]);
        // The silent region is not held against the mirrors.
        assert_eq!(
            split_mirrors(&cells, &[], Lang::En),
            [(
                "https://b.example".to_owned(),
                vec![Some("weur".to_owned())],
                vec![Some("me".to_owned())]
            )]
        );
        // One mirror alone proves nothing about the region.
        assert!(silent_regions(&cells[..1], &[], Lang::En).is_empty());
    }

    #[test]
    fn the_chain_is_walked_from_each_place_and_places_that_agree_are_grouped() {
        let key = |m: &str, r: &str| (m.to_owned(), Some(r.to_owned()));
        let done = |mirror: &str, region: &str, outcome: &str| {
            let mut report: MirrorReport = serde_json::from_str(SAMPLE).expect("a sample report");
            report.mirror = mirror.to_owned();
            report.region = Some(region.to_owned());
            report.steps = vec![
                serde_json::from_str(&format!(
                    r#"{{"step":"info","method":"GET","url":"","outcome":"{outcome}","ms":1}}"#
                ))
                .unwrap(),
            ];
            Cell::Done(Box::new(report))
        };
        let cells = vec![
            (
                key("https://goproxy.io", "apac"),
                done("https://goproxy.io", "apac", "timeout"),
            ),
            (
                key("https://goproxy.io", "weur"),
                done("https://goproxy.io", "weur", "ok"),
            ),
            (
                key("https://goproxy.io", "enam"),
                done("https://goproxy.io", "enam", "ok"),
            ),
            (key("https://goproxy.io", "me"), Cell::Waiting),
        ];
        let chain = gmd_semantics::proxy::parse("https://goproxy.io,direct").unwrap();
        let walks = walks(&cells, &chain);
        let places: Vec<Vec<Option<String>>> = walks.iter().map(|(p, _)| p.clone()).collect();
        assert_eq!(
            places,
            [
                vec![Some("apac".to_owned())],
                vec![Some("weur".to_owned()), Some("enam".to_owned())]
            ]
        );
        assert_eq!(walks[0].1.end, gmd_probe::chain::End::Stopped);
        assert!(walks[0].1.lines.iter().any(|l| l.en == "goproxy.io serves it from Western Europe, Eastern North America: the fault lies on the way from here, not in the mirror everywhere."));
        assert_eq!(walks[1].1.end, gmd_probe::chain::End::Served);

        // Folded into the finding card: places named where they disagree, in both languages.
        let folded = note("golang.org/x/text@v0.14.0", &cells, &[], &chain);
        let apac = crate::i18n::region_name(Some("apac"), Lang::En);
        assert_eq!(folded.lines[0].0, format!("From {apac}:"));
        assert!(
            folded
                .lines
                .iter()
                .any(|(en, zh)| en.contains("serves it from Western Europe") && !zh.is_empty())
        );
        // Without a pasted GOPROXY: each mirror's verdict, from where.
        let plain = note("golang.org/x/text@v0.14.0", &cells[1..2], &[], &[]);
        let weur = crate::i18n::region_name(Some("weur"), Lang::En);
        assert_eq!(
            plain.lines,
            vec![(
                format!("`goproxy.io` from {weur}: ok"),
                format!(
                    "`goproxy.io`（{}）：正常",
                    crate::i18n::region_name(Some("weur"), Lang::Zh)
                )
            )]
        );
        assert!(!plain.retry);
    }

    #[test]
    fn chosen_mirrors_are_the_ticked_then_the_custom_ones_each_once() {
        let ticked = vec!["https://goproxy.cn".to_owned()];
        assert_eq!(
            chosen(&ticked, " https://a.example/, https://goproxy.cn\nhttps://b.example "),
            ["https://goproxy.cn", "https://a.example", "https://b.example"]
        );
        assert!(chosen(&[], "  ,, ").is_empty());
    }

    #[test]
    fn the_target_splits_at_the_at_sign() {
        assert_eq!(
            split_target("golang.org/x/text@v0.14.0"),
            ("golang.org/x/text".to_owned(), Some("v0.14.0".to_owned()))
        );
        assert_eq!(
            split_target(" golang.org/x/text "),
            ("golang.org/x/text".to_owned(), None)
        );
        assert_eq!(
            split_target("golang.org/x/text@"),
            ("golang.org/x/text".to_owned(), None)
        );
    }
}
