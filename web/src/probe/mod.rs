//! The probe panel: the worker probes mirrors × regions (`POST /api/probe`) and the matrix fills
//! in as the NDJSON lines arrive; a last column says what this browser can tell on its own.
//!
//! - `state.rs`: the panel's signals and the pure helpers that read the form;
//! - `run.rs`: a run, from the worker's stream and from this browser;
//! - `choice.rs`: the mirror and region checkboxes;
//! - `matrix.rs`, `details.rs`: the results.

mod choice;
mod details;
mod matrix;
mod run;
mod state;

use crate::i18n::{Lang, colon, t, tr};
use choice::{MirrorChoice, RegionChoice};
use details::Details;
use leptos::prelude::*;
use matrix::Matrix;
use state::{Board, chosen};

/// The proxies of the user's own GOPROXY: those the edge may probe (public), and those it must
/// not (private addresses and names: `gomod-doctor check` probes them from the user's machine).
fn split_chain(chain: &[String]) -> (Vec<String>, Vec<String>) {
    chain
        .iter()
        .filter(|t| t.starts_with("https://") || t.starts_with("http://"))
        .map(|t| t.trim_end_matches('/').to_owned())
        .partition(|t| gmd_probe::target::validate(t, gmd_probe::target::Policy::Public).is_ok())
}

/// The proxy URLs of a pasted GOPROXY value (none when nothing was pasted).
fn targets(goproxy: &str) -> Vec<String> {
    if goproxy.is_empty() {
        return Vec::new();
    }
    gmd_semantics::proxy::parse(goproxy)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|entry| match entry {
            gmd_semantics::proxy::ProxyEntry::Url { url, .. } => Some(url),
            _ => None,
        })
        .collect()
}

/// The pasted GOPROXY walked as the go command walks it, from each place probed, once a run
/// is over (`gmd_probe::chain`).
#[component]
fn Walks(board: Board, chain: Signal<String>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let crate::ShellChoice(choice) = expect_context::<crate::ShellChoice>();
    move || {
        let text = chain.get();
        if text.is_empty() || board.running.get() {
            return None;
        }
        let entries = gmd_semantics::proxy::parse(&text).ok()?;
        let groups = board.cells.with(|cells| state::walks(cells, &entries));
        if groups.is_empty() {
            return None;
        }
        let lang_now = lang.get();
        let groups = groups
            .into_iter()
            .map(|(places, walk)| {
                let from = places
                    .iter()
                    .map(|p| crate::i18n::region_name(p.as_deref(), lang_now))
                    .collect::<Vec<_>>()
                    .join(if lang_now == Lang::Zh { "、" } else { ", " });
                let lines = walk
                    .lines
                    .iter()
                    .map(|line| {
                        let line = line.clone();
                        view! { <li>{move || crate::view::inline_code(line.get(lang.get()))}</li> }
                    })
                    .collect_view();
                let retry = walk.retry.then(|| {
                    let command = gmd_probe::chain::retry_command(choice.get().unwrap_or_default(), "go mod download");
                    view! { <pre><code class="retry">{command}</code></pre> }
                });
                view! {
                    <div class="walk" data-end=walk.end.code()>
                        <p class="places">{from}</p>
                        <ul>{lines}</ul>
                        {retry}
                    </div>
                }
            })
            .collect_view();
        Some(view! {
            <section id="probe-walk">
                <h3>{t(lang_now, "probe_walk")} " " <code>{text}</code></h3>
                {groups}
            </section>
        })
    }
}

/// The status board's last hour for the mirrors just probed: a fresh probe is one moment, the
/// board's probes from every region over the hour tell whether it is typical.
#[component]
fn LastHour(board: Board) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    move || {
        let rows = board.recent.get();
        (!rows.is_empty() && !board.running.get()).then(|| {
            let items = rows
                .into_iter()
                .map(|r| {
                    let name = gmd_probe::report::short_mirror(&r.mirror);
                    let slug = name.replace('/', "_");
                    view! {
                        <li data-mirror=r.mirror.clone()>
                            <a href=format!("/status#{slug}")>{name}</a> {move || colon(lang.get())}
                            {move || format!("{} {} · {} {}", r.probes, t(lang.get(), "board_probes"), r.failures, t(lang.get(), "board_failed"))}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section id="probe-board">
                    <h3>{tr(lang, "board_last_hour")}</h3>
                    <ul>{items}</ul>
                </section>
            }
        })
    }
}

#[component]
pub fn ProbePanel(target: Signal<String>, chain: Signal<String>, check: Signal<Option<String>>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let ticked = RwSignal::new(
        gmd_probe::catalogue::mirrors()
            .iter()
            .map(|m| m.url.to_owned())
            .collect::<Vec<_>>(),
    );
    let custom = RwSignal::new(String::new());
    let typed = RwSignal::new(String::new());
    let edited = RwSignal::new(false);
    let regions = RwSignal::new(Vec::<&'static str>::new());
    let board = Board::new();
    let last_run = use_context::<crate::LastRun>();
    // The finding card the paste's own request came from, which shows what a run found.
    let card = use_context::<crate::CheckRequest>();
    // The module from the paste (`module@version`), until the user types their own.
    Effect::new(move |_| {
        let hint = target.get();
        if !edited.get_untracked() {
            typed.set(hint);
        }
    });
    // The failed request, through the user's own chain: its public proxies are added to the
    // catalogue's (the same request on every public mirror), its private ones named.
    let private = RwSignal::new(Vec::<String>::new());
    Effect::new(move |_| {
        let (public, hidden) = split_chain(&targets(&chain.get()));
        let catalogue: Vec<String> = gmd_probe::catalogue::mirrors()
            .iter()
            .map(|m| m.url.to_owned())
            .collect();
        let own: Vec<String> = public.into_iter().filter(|p| !catalogue.contains(p)).collect();
        custom.set(own.join(" "));
        private.set(hidden);
    });
    let go = move || {
        let mirrors = chosen(&ticked.get_untracked(), &custom.get_untracked());
        if mirrors.is_empty() {
            board.error.set(Some(crate::api::Failure::said("probe_no_mirror")));
            return;
        }
        run::start(
            board,
            mirrors,
            &typed.get_untracked(),
            regions.get_untracked(),
            lang,
            last_run,
        );
    };
    // "Check this request" on a finding card: that request, on the mirrors chosen.
    Effect::new(move |_| {
        if let Some(request) = check.get() {
            edited.set(false);
            typed.set(request);
            go();
        }
    });
    // A finished run of the paste's own request goes back to its finding card.
    Effect::new(move |was_running: Option<bool>| {
        let running = board.running.get();
        let asked = typed.get_untracked();
        if was_running == Some(true) && !running && !asked.is_empty() && asked == target.get_untracked() {
            let entries = gmd_semantics::proxy::parse(&chain.get_untracked()).unwrap_or_default();
            let note = board.cells.with_untracked(|cells| {
                board
                    .summary
                    .with_untracked(|summary| state::note(&asked, cells, summary, &entries))
            });
            if let Some(card) = card {
                card.note.set(Some(note));
            }
        }
        running
    });
    view! {
        <section id="probe" aria-labelledby="probe-title">
            <h2 id="probe-title">{tr(lang, "probe_title")}</h2>
            <p>{tr(lang, "probe_intro")}</p>
            <p class="note" id="probe-china">{tr(lang, "probe_china_note")}</p>
            <MirrorChoice ticked custom/>
            {move || {
                let hidden = private.get();
                (!hidden.is_empty()).then(|| view! {
                    <p class="note" id="probe-private">
                        {tr(lang, "probe_private")} " " <code>{hidden.join(", ")}</code>
                    </p>
                })
            }}
            <label class="target">{tr(lang, "probe_module")}
                <input id="probe-module" type="text" spellcheck="false" placeholder="golang.org/x/text@v0.14.0"
                    prop:value=move || typed.get()
                    on:input=move |ev| {
                        edited.set(true);
                        typed.set(event_target_value(&ev));
                    }/>
            </label>
            <RegionChoice regions/>
            <button id="probe-run" on:click=move |_| go() disabled=move || board.running.get()>
                {move || t(lang.get(), if board.running.get() { "probe_running" } else { "probe_run" })}
            </button>
            {move || board.error.get().map(|failure| view! { <p class="refused" role="alert">{move || failure.get(lang.get()).to_owned()}</p> })}
            <div aria-live="polite"><Matrix board/></div>
            <Details board/>
            <LastHour board/>
            <Walks board chain/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_chain_splits_into_what_the_edge_may_probe_and_what_only_the_user_can() {
        let chain: Vec<String> = [
            "https://goproxy.cn/",
            "https://athens.corp.internal",
            "http://10.0.0.5:3000",
            "direct",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        assert_eq!(
            super::split_chain(&chain),
            (
                vec!["https://goproxy.cn".to_owned()],
                vec![
                    "https://athens.corp.internal".to_owned(),
                    "http://10.0.0.5:3000".to_owned()
                ]
            )
        );
    }
}
