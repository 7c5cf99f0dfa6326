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

use crate::i18n::{Lang, t};
use choice::{MirrorChoice, RegionChoice};
use details::Details;
use gmd_analysis::Subject;
use leptos::prelude::*;
use matrix::Matrix;
use state::{Board, chosen};

#[component]
pub fn ProbePanel(subject: Signal<Option<Subject>>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let ticked = RwSignal::new(
        gmd_probe::catalogue::mirrors()
            .iter()
            .map(|m| m.url.to_owned())
            .collect::<Vec<_>>(),
    );
    let custom = RwSignal::new(String::new());
    let target = RwSignal::new(String::new());
    let edited = RwSignal::new(false);
    let regions = RwSignal::new(Vec::<&'static str>::new());
    let board = Board::new();
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
    let go = move |_| {
        let mirrors = chosen(&ticked.get_untracked(), &custom.get_untracked());
        if mirrors.is_empty() {
            board
                .error
                .set(Some(t(lang.get_untracked(), "probe_no_mirror").to_owned()));
            return;
        }
        run::start(board, mirrors, &target.get_untracked(), regions.get_untracked(), lang);
    };
    view! {
        <section id="probe" aria-labelledby="probe-title">
            <h2 id="probe-title">{move || t(lang.get(), "probe_title")}</h2>
            <p>{move || t(lang.get(), "probe_intro")}</p>
            <p class="note" id="probe-china">{move || t(lang.get(), "probe_china_note")}</p>
            <MirrorChoice ticked custom/>
            <label class="target">{move || t(lang.get(), "probe_module")}
                <input id="probe-module" type="text" spellcheck="false" placeholder="golang.org/x/text@v0.14.0"
                    prop:value=move || target.get()
                    on:input=move |ev| {
                        edited.set(true);
                        target.set(event_target_value(&ev));
                    }/>
            </label>
            <RegionChoice regions/>
            <button id="probe-run" on:click=go disabled=move || board.running.get()>
                {move || t(lang.get(), if board.running.get() { "probe_running" } else { "probe_run" })}
            </button>
            {move || board.error.get().map(|message| view! { <p class="refused" role="alert">{message}</p> })}
            <div aria-live="polite"><Matrix board/></div>
            <Details board/>
        </section>
    }
}
