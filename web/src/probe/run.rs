//! Running a probe: the worker's stream fills the matrix; this browser reaches each https mirror
//! on its own for the last column.

use super::state::{BROWSER_TIMEOUT_MS, Board, Browser, Cell, split_target};
use crate::api::{self, ProbeAsk, ProbeLine};
use crate::i18n::{Lang, t};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Probes `mirrors` for `target` (`module@version`) from the regions `hints` (none: near the
/// worker), filling `board` as the answers arrive.
/// The run the worker kept is offered to the share panel (`last_run`).
pub(super) fn start(
    board: Board,
    mirrors: Vec<String>,
    target: &str,
    hints: Vec<&'static str>,
    lang: RwSignal<Lang>,
    last_run: Option<crate::LastRun>,
) {
    let Board {
        cells,
        summary,
        browser,
        error,
        running,
        selected,
        recent,
    } = board;
    let (module, version) = split_target(target);
    let columns: Vec<Option<String>> = if hints.is_empty() {
        vec![None]
    } else {
        hints.iter().map(|r| Some((*r).to_owned())).collect()
    };
    cells.set(
        mirrors
            .iter()
            .flat_map(|m| columns.iter().map(move |r| ((m.clone(), r.clone()), Cell::Waiting)))
            .collect(),
    );
    summary.set(Vec::new());
    selected.set(None);
    error.set(None);
    running.set(true);
    let ask = ProbeAsk {
        mirrors: mirrors.clone(),
        regions: hints,
        module: Some(module.clone()).filter(|m| !m.is_empty()),
        version,
    };
    spawn_local(async move {
        let result = api::probe(&ask, move |line| match line {
            ProbeLine::Result(report) => {
                let key = (report.mirror.clone(), report.region.clone());
                cells.update(|all| {
                    if let Some(cell) = all.iter_mut().find(|(k, _)| *k == key) {
                        cell.1 = Cell::Done(report);
                    }
                });
            }
            ProbeLine::Error {
                mirror,
                region,
                message,
            } => cells.update(|all| {
                // The runtime's own words (`Error: internal error; reference = …`) say nothing to
                // a reader: say whose fault it is.
                let message = if message.contains("internal error") {
                    t(lang.get_untracked(), "probe_internal").to_owned()
                } else {
                    message
                };
                if let Some(cell) = all.iter_mut().find(|(k, _)| *k == (mirror.clone(), region.clone())) {
                    cell.1 = Cell::Failed(message);
                }
            }),
            ProbeLine::Summary(mirrors, run) => {
                let probes = mirrors.len();
                summary.set(mirrors.into_iter().map(|e| ((e.mirror, e.region), e.verdict)).collect());
                if let (Some(crate::LastRun(last)), Some(id)) = (last_run, run) {
                    let now = js_sys::Date::new_0();
                    let at = format!("{:02}:{:02}", now.get_hours(), now.get_minutes());
                    last.set(Some(crate::ProbeRun { id, at, probes }));
                }
            }
        })
        .await;
        if let Err(message) = result {
            error.set(Some(message));
            if cells.with_untracked(|all| all.iter().all(|(_, c)| *c == Cell::Waiting)) {
                // Refused before any probe ran (a mirror URL the worker will not fetch): the
                // message alone, not a table of cells that never had a chance.
                cells.set(Vec::new());
            } else {
                cells.update(|all| {
                    for cell in all.iter_mut().filter(|(_, c)| *c == Cell::Waiting) {
                        cell.1 = Cell::Failed(t(lang.get_untracked(), "probe_no_answer").to_owned());
                    }
                });
            }
        }
        running.set(false);
        // Next to this probe, what the status board measured over the last hour.
        let probed: Vec<String> = cells.with_untracked(|all| all.iter().map(|((m, _), _)| m.clone()).collect());
        if let Ok(rows) = api::recent_status().await {
            recent.set(rows.into_iter().filter(|r| probed.contains(&r.mirror)).collect());
        }
    });
    // What this browser sees, side by side: https only (a page may not fetch plain http).
    let list_path = format!(
        "{}/@v/list",
        gmd_semantics::module::escape(if module.is_empty() {
            gmd_probe::DEFAULT_MODULE
        } else {
            &module
        })
    );
    browser.set(
        mirrors
            .iter()
            .map(|m| {
                let state = if m.starts_with("https://") {
                    Browser::Waiting
                } else {
                    Browser::Skipped
                };
                (m.clone(), state)
            })
            .collect(),
    );
    for mirror in mirrors.into_iter().filter(|m| m.starts_with("https://")) {
        let url = format!("{mirror}/{list_path}");
        spawn_local(async move {
            let seen = api::reach(&url, BROWSER_TIMEOUT_MS).await;
            browser.update(|all| {
                if let Some(entry) = all.iter_mut().find(|(m, _)| *m == mirror) {
                    entry.1 = Browser::Seen(seen);
                }
            });
        });
    }
}
