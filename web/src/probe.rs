//! The probe panel: the worker probes mirrors × regions (`POST /api/probe`) and the matrix fills
//! in as the NDJSON lines arrive; a last column says what this browser can tell on its own.

use crate::api::{self, ProbeAsk, ProbeLine, Reach};
use crate::i18n::{Lang, t};
use gmd_analysis::Subject;
use gmd_probe::report::MirrorReport;
use gmd_probe::{REGIONS, Verdict};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How long the browser column waits for a mirror.
const BROWSER_TIMEOUT_MS: i32 = 8_000;

/// One cell of the matrix.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Waiting,
    Done(Box<MirrorReport>),
    Failed(String),
}

/// The browser column for one mirror.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Browser {
    Waiting,
    Seen(Reach),
    /// Plain-http mirrors: a page served over https may not fetch them.
    Skipped,
}

/// A cell's key: mirror and region (`None`: near the worker's data centre).
type Key = (String, Option<String>);

/// The mirrors to probe: the ticked catalogue entries, then the custom URLs (space or comma
/// separated), each once.
fn chosen(ticked: &[String], custom: &str) -> Vec<String> {
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
fn split_target(target: &str) -> (String, Option<String>) {
    match target.trim().split_once('@') {
        Some((module, version)) if !version.is_empty() => (module.to_owned(), Some(version.to_owned())),
        Some((module, _)) => (module.to_owned(), None),
        None => (target.trim().to_owned(), None),
    }
}

/// The status a cell shows and its line in `lang`: the compared verdict once the summary is
/// in, else its own.
fn status_of(cell: &Cell, summary: &[(Key, Verdict)], key: &Key, lang: Lang) -> (String, String) {
    if let Some((_, verdict)) = summary.iter().find(|(k, _)| k == key) {
        return (verdict.status.clone(), verdict.line_in(lang).to_owned());
    }
    match cell {
        Cell::Waiting => ("waiting".to_owned(), String::new()),
        Cell::Done(report) => (report.verdict.status.clone(), report.verdict.line_in(lang).to_owned()),
        Cell::Failed(message) => ("error".to_owned(), message.clone()),
    }
}

#[component]
pub fn ProbePanel(subject: Signal<Option<Subject>>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let catalogue = gmd_probe::catalogue::mirrors();
    let ticked = RwSignal::new(catalogue.iter().map(|m| m.url.to_owned()).collect::<Vec<_>>());
    let custom = RwSignal::new(String::new());
    let target = RwSignal::new(String::new());
    let edited = RwSignal::new(false);
    let regions = RwSignal::new(Vec::<&'static str>::new());
    let cells = RwSignal::new(Vec::<(Key, Cell)>::new());
    let summary = RwSignal::new(Vec::<(Key, Verdict)>::new());
    let browser = RwSignal::new(Vec::<(String, Browser)>::new());
    let error = RwSignal::new(None::<String>);
    let running = RwSignal::new(false);
    let selected = RwSignal::new(None::<Key>);
    // The module from the paste, until the user types their own.
    Effect::new(move |_| {
        if !edited.get_untracked() {
            let text = subject.get().map_or_else(String::new, |s| match s.version {
                Some(v) => format!("{}@{v}", s.module),
                None => s.module,
            });
            target.set(text);
        }
    });

    let run = move |_| {
        let mirrors = chosen(&ticked.get_untracked(), &custom.get_untracked());
        if mirrors.is_empty() {
            error.set(Some(t(lang.get_untracked(), "probe_no_mirror").to_owned()));
            return;
        }
        let (module, version) = split_target(&target.get_untracked());
        let hints = regions.get_untracked();
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
                    if let Some(cell) = all.iter_mut().find(|(k, _)| *k == (mirror.clone(), region.clone())) {
                        cell.1 = Cell::Failed(message);
                    }
                }),
                ProbeLine::Summary(mirrors) => {
                    summary.set(mirrors.into_iter().map(|e| ((e.mirror, e.region), e.verdict)).collect())
                }
            })
            .await;
            if let Err(message) = result {
                error.set(Some(message));
                cells.update(|all| {
                    for cell in all.iter_mut().filter(|(_, c)| *c == Cell::Waiting) {
                        cell.1 = Cell::Failed(t(lang.get_untracked(), "probe_no_answer").to_owned());
                    }
                });
            }
            running.set(false);
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
    };

    let mirror_boxes = catalogue
        .iter()
        .map(|m| {
            let url = m.url.to_owned();
            let checked = {
                let url = url.clone();
                move || ticked.with(|all| all.contains(&url))
            };
            let toggle = move |_| {
                ticked.update(|all| match all.iter().position(|u| *u == url) {
                    Some(i) => {
                        all.remove(i);
                    }
                    None => all.push(url.clone()),
                })
            };
            view! {
                <label class="check" title=m.note>
                    <input type="checkbox" class="mirror" prop:checked=checked on:change=toggle/>
                    {m.host}
                </label>
            }
        })
        .collect_view();
    let retired = gmd_probe::catalogue::retired()
        .iter()
        .map(|m| format!("{} ({})", m.host, m.note))
        .collect::<Vec<_>>()
        .join("; ");
    let region_boxes = REGIONS
        .iter()
        .map(|(code, name)| {
            let code: &'static str = code;
            let toggle = move |_| {
                regions.update(|all| match all.iter().position(|r| *r == code) {
                    Some(i) => {
                        all.remove(i);
                    }
                    None => all.push(code),
                })
            };
            view! {
                <label class="check" title=*name>
                    <input type="checkbox" id=format!("region-{code}") prop:checked=move || regions.with(|all| all.contains(&code)) on:change=toggle/>
                    {code}
                </label>
            }
        })
        .collect_view();

    let matrix = move || {
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
                let label = c.clone();
                view! { <th scope="col">{move || label.clone().unwrap_or_else(|| t(lang.get(), "probe_edge").to_owned())}</th> }
            })
            .collect_view();
        let compared = summary.get();
        let seen = browser.get();
        let body = rows
            .iter()
            .map(|mirror| {
                let cells_view = columns
                    .iter()
                    .map(|region| {
                        let key: Key = (mirror.clone(), region.clone());
                        let cell = all.iter().find(|(k, _)| *k == key).map_or(Cell::Waiting, |(_, c)| c.clone());
                        let (status, line) = status_of(&cell, &compared, &key, lang.get());
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
                        let shown = status.clone();
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
        view! {
            <table class="matrix" id="probe-matrix">
                <thead><tr><th scope="col">{move || t(lang.get(), "probe_mirror")}</th>{heads}<th scope="col">{move || t(lang.get(), "probe_browser")}</th></tr></thead>
                <tbody>{body}</tbody>
            </table>
            <p class="note">{move || t(lang.get(), "probe_browser_note")}</p>
        }
        .into_any()
    };

    let details = move || {
        let key = selected.get()?;
        let cell = cells.with(|all| all.iter().find(|(k, _)| *k == key).map(|(_, c)| c.clone()))?;
        let (status, line) = status_of(&cell, &summary.get(), &key, lang.get());
        let Cell::Done(report) = cell else {
            return Some(
                view! { <div class="probe-details" id="probe-details"><p data-status=status>{line}</p></div> }
                    .into_any(),
            );
        };
        let steps = report
            .steps
            .iter()
            .map(|s| {
                view! {
                    <tr>
                        <td>{s.step.clone()}</td>
                        <td>{s.outcome.clone()}</td>
                        <td>{s.status.map(|v| v.to_string()).unwrap_or_default()}</td>
                        <td>{s.ms}</td>
                        <td class="detail">{s.detail.clone().unwrap_or_default()}</td>
                    </tr>
                }
            })
            .collect_view();
        let h1 = match (&report.mod_hash, report.sumdb.as_ref()) {
            (Some(h), Some(db)) => format!("go.mod {h} · checksum database {} ({})", db.mod_hash, db.note),
            (Some(h), None) => format!("go.mod {h}"),
            _ => String::new(),
        };
        let place = [report.region.clone(), report.colo.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        Some(
            view! {
                <div class="probe-details" id="probe-details">
                    <h3><code>{report.mirror.clone()}</code> " " {place}</h3>
                    <p data-status=status>{line}</p>
                    <p class="h1"><code>{h1}</code></p>
                    <table>
                        <thead><tr>
                            <th scope="col">{move || t(lang.get(), "probe_step")}</th>
                            <th scope="col">{move || t(lang.get(), "probe_outcome")}</th>
                            <th scope="col">"HTTP"</th>
                            <th scope="col">"ms"</th>
                            <th scope="col">{move || t(lang.get(), "probe_detail")}</th>
                        </tr></thead>
                        <tbody>{steps}</tbody>
                    </table>
                </div>
            }
            .into_any(),
        )
    };

    view! {
        <section id="probe" aria-labelledby="probe-title">
            <h2 id="probe-title">{move || t(lang.get(), "probe_title")}</h2>
            <p>{move || t(lang.get(), "probe_intro")}</p>
            <p class="note" id="probe-china">{move || t(lang.get(), "probe_china_note")}</p>
            <fieldset>
                <legend>{move || t(lang.get(), "probe_mirrors")}</legend>
                {mirror_boxes}
                <label class="custom">{move || t(lang.get(), "probe_custom")}
                    <input id="probe-custom" type="text" inputmode="url" spellcheck="false" placeholder="https://goproxy.example.com"
                        prop:value=move || custom.get() on:input=move |ev| custom.set(event_target_value(&ev))/>
                </label>
                <p class="note">{move || t(lang.get(), "probe_retired")} " " {retired.clone()}</p>
            </fieldset>
            <label class="target">{move || t(lang.get(), "probe_module")}
                <input id="probe-module" type="text" spellcheck="false" placeholder="golang.org/x/text@v0.14.0"
                    prop:value=move || target.get()
                    on:input=move |ev| {
                        edited.set(true);
                        target.set(event_target_value(&ev));
                    }/>
            </label>
            <fieldset>
                <legend>{move || t(lang.get(), "probe_regions")}</legend>
                {region_boxes}
                <p class="note">{move || t(lang.get(), "probe_regions_none")}</p>
            </fieldset>
            <button id="probe-run" on:click=run disabled=move || running.get()>
                {move || t(lang.get(), if running.get() { "probe_running" } else { "probe_run" })}
            </button>
            {move || error.get().map(|message| view! { <p class="refused" role="alert">{message}</p> })}
            <div aria-live="polite">{matrix}</div>
            {details}
        </section>
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
