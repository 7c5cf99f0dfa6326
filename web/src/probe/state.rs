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
#[derive(Debug, Clone, Copy)]
pub(super) struct Board {
    pub cells: RwSignal<Vec<(Key, Cell)>>,
    /// The compared verdicts, once the summary line is in.
    pub summary: RwSignal<Vec<(Key, Verdict)>>,
    pub browser: RwSignal<Vec<(String, Browser)>>,
    pub error: RwSignal<Option<String>>,
    pub running: RwSignal<bool>,
    pub selected: RwSignal<Option<Key>>,
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
