//! The matrix: a row per mirror, a column per region, the browser's own column last.

use super::state::{Board, Browser, Cell, Key, silent_regions, split_mirrors, status_of};
use crate::api::Reach;
use crate::i18n::{Lang, region_name, status_word, t, tr};
use leptos::prelude::*;

/// The matrix of `board`'s cells; clicking a cell selects it for the details.
#[component]
pub(super) fn Matrix(board: Board) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let Board {
        cells,
        summary,
        browser,
        selected,
        ..
    } = board;
    move || {
        let all = cells.get();
        if all.is_empty() {
            return ().into_any();
        }
        let mut columns: Vec<Option<String>> = Vec::new();
        let mut rows: Vec<String> = Vec::new();
        for ((mirror, region), _) in &all {
            if !columns.contains(region) {
                columns.push(region.clone());
            }
            if !rows.contains(mirror) {
                rows.push(mirror.clone());
            }
        }
        let heads = columns
            .iter()
            .map(|c| {
                let (label, code) = (c.clone(), c.clone());
                view! {
                    <th scope="col">
                        {move || region_name(label.as_deref(), lang.get())}
                        {code.map(|code| view! { " " <small class="code">{code}</small> })}
                    </th>
                }
            })
            .collect_view();
        let compared = summary.get();
        let seen = browser.get();
        // Where nothing answered, a cell says "no data", not "down": the probe's own link from
        // there failed, which says nothing about the mirror (the summary above says so once).
        let silent = silent_regions(&all, &compared, lang.get_untracked());
        let body = rows
            .iter()
            .map(|mirror| {
                let cells_view = columns
                    .iter()
                    .map(|region| {
                        let key: Key = (mirror.clone(), region.clone());
                        let cell = all.iter().find(|(k, _)| *k == key).map_or(Cell::Waiting, |(_, c)| c.clone());
                        let (status, line) = status_of(&cell, &compared, &key, lang.get());
                        let status = if silent.contains(region) { "no_data".to_owned() } else { status };
                        let ms = match &cell {
                            Cell::Done(r) => format!(" · {} ms", r.ms),
                            _ => String::new(),
                        };
                        let colo = match &cell {
                            Cell::Done(r) => r.colo.clone().map(|c| format!(" · {c}")).unwrap_or_default(),
                            _ => String::new(),
                        };
                        let waiting = cell == Cell::Waiting;
                        let pick = key.clone();
                        let shown = status_word(&status, lang.get());
                        view! {
                            <td>
                                <button
                                    class="cell"
                                    data-status=status.clone()
                                    title=line
                                    disabled=waiting
                                    aria-pressed=move || (selected.get().as_ref() == Some(&pick)).to_string()
                                    on:click={
                                        let key = key.clone();
                                        move |_| selected.set(Some(key.clone()))
                                    }
                                >
                                    {move || if waiting { t(lang.get(), "probe_waiting").to_owned() } else { shown.clone() }}
                                    {ms}
                                    {colo}
                                </button>
                            </td>
                        }
                    })
                    .collect_view();
                let reach = seen.iter().find(|(m, _)| m == mirror).map_or(Browser::Skipped, |(_, b)| *b);
                let browser_cell = move || match reach {
                    Browser::Waiting => t(lang.get(), "probe_waiting").to_owned(),
                    Browser::Skipped => t(lang.get(), "probe_browser_skipped").to_owned(),
                    Browser::Seen(Reach::Answered(ms)) => format!("{} · {ms} ms", t(lang.get(), "probe_browser_answered")),
                    Browser::Seen(Reach::Failed(ms)) => format!("{} · {ms} ms", t(lang.get(), "probe_browser_failed")),
                    Browser::Seen(Reach::TimedOut(ms)) => format!("{} · {ms} ms", t(lang.get(), "probe_browser_timeout")),
                };
                view! {
                    <tr>
                        <th scope="row"><code>{mirror.clone()}</code></th>
                        {cells_view}
                        <td class="browser">{browser_cell}</td>
                    </tr>
                }
            })
            .collect_view();
        // What the board says as a whole, once settled: regions where nothing answered (the
        // probe's link, not the mirrors), and mirrors that fail only from some regions.
        let lang_now = lang.get();
        let names = |regions: &[Option<String>]| {
            regions
                .iter()
                .map(|r| region_name(r.as_deref(), lang_now))
                .collect::<Vec<_>>()
                .join(if lang_now == Lang::Zh { "、" } else { ", " })
        };
        let findings: Vec<String> = silent
            .iter()
            .map(|r| {
                format!(
                    "{}{}{}",
                    region_name(r.as_deref(), lang_now),
                    crate::i18n::colon(lang_now),
                    t(lang_now, "probe_silent")
                )
            })
            .chain(split_mirrors(&all, &compared, lang_now).into_iter().map(
                |(mirror, failing, working)| match lang_now {
                    Lang::Zh => format!(
                        "{mirror} 从{}访问失败；从{}访问正常。",
                        names(&failing),
                        names(&working)
                    ),
                    Lang::En => format!(
                        "{mirror} fails from {}; works from {}.",
                        names(&failing),
                        names(&working)
                    ),
                },
            ))
            .collect();
        let summary_view = (!findings.is_empty()).then(|| {
            let items = findings
                .into_iter()
                .map(|line| view! { <li>{line}</li> })
                .collect_view();
            view! { <ul class="probe-summary" id="probe-summary">{items}</ul> }
        });
        view! {
            {summary_view}
            <table class="matrix" id="probe-matrix">
                <thead><tr><th scope="col">{tr(lang, "probe_mirror")}</th>{heads}<th scope="col">{tr(lang, "probe_browser")}</th></tr></thead>
                <tbody>{body}</tbody>
            </table>
            <p class="note">{tr(lang, "probe_browser_note")}</p>
        }
        .into_any()
    }
}
