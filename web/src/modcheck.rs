//! "Check go.mod online": the pasted go.mod checked through the worker (`POST /api/modcheck`: each
//! requirement exists, declares its path, retracted or deprecated with the author's words, newer
//! releases; the toolchain of the `go` and `toolchain` lines is served), as a table under the
//! diagnosis. Only on the user's click, since it sends the requirements to the worker — and only
//! those the paste's own GOPRIVATE/GONOPROXY leave public (`gmd_analysis::go_mod_check`): a
//! private module's path, and the main module's, never leave the browser. The proxy is the
//! pasted GOPROXY's first, without its user info, until the user types another.

use crate::api::{self, ModCheckLine};
use crate::i18n::{Lang, status_word, t, tr};
use gmd_probe::modcheck::RequireReport;
use leptos::prelude::*;

/// The go.mod lines of `text`: the sections the analysis read as go.mod.
pub fn go_mod_text(text: &str, sections: &[gmd_analysis::Section]) -> String {
    // Most pastes hold no go.mod: nothing to walk then (this runs on every keystroke).
    let spans: Vec<(usize, usize)> = sections
        .iter()
        .filter(|s| s.kind == "go_mod")
        .map(|s| (s.first_line, s.last_line))
        .collect();
    let Some(&(_, last)) = spans.iter().max_by_key(|(_, l)| *l) else {
        return String::new();
    };
    let mut out = String::new();
    for (number, line) in text.lines().enumerate().take(last) {
        if spans
            .iter()
            .any(|(first, last)| (*first..=*last).contains(&(number + 1)))
        {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The proxy the check uses when the paste names none.
const DEFAULT_PROXY: &str = "https://proxy.golang.org";

#[component]
pub fn ModCheckPanel(gomod: Signal<String>, input: Signal<String>, chain: Signal<String>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let rows = RwSignal::new(Vec::<RequireReport>::new());
    let summary = RwSignal::new(None::<(usize, usize, usize)>);
    let error = RwSignal::new(None::<crate::api::Failure>);
    let running = RwSignal::new(false);
    // The proxy the user typed, else the pasted GOPROXY's first (`chain`: the pasted value).
    let typed = RwSignal::new(None::<String>);
    let proxy = move || {
        typed
            .get()
            .or_else(|| chain.with(|value| gmd_analysis::first_proxy(value)))
            .unwrap_or_else(|| DEFAULT_PROXY.to_owned())
    };
    let kept = RwSignal::new(Vec::<gmd_analysis::Private>::new());
    let go = move |_| {
        // What may be sent, and what stays here: decided on the click, not on every keystroke.
        let check = input.with_untracked(|text| gmd_analysis::go_mod_check(text));
        rows.set(Vec::new());
        summary.set(None);
        error.set(None);
        kept.set(check.private.clone());
        // Nothing public to check: nothing is sent.
        if !check.gomod.contains("require") {
            summary.set(Some((0, 0, 0)));
            return;
        }
        running.set(true);
        let text = check.gomod;
        let proxy = proxy();
        leptos::task::spawn_local(async move {
            let outcome = api::modcheck(&text, &proxy, move |line| match line {
                ModCheckLine::Result(report) => rows.update(|all| all.push(report)),
                ModCheckLine::Summary {
                    checked,
                    flagged,
                    unreachable,
                } => summary.set(Some((checked, flagged, unreachable))),
            })
            .await;
            if let Err(message) = outcome {
                error.set(Some(message));
            }
            running.set(false);
        });
    };
    let table = move || {
        let all = rows.get();
        (!all.is_empty()).then(|| {
            let body = all
                .into_iter()
                .map(|r| {
                    let status = r.status.clone();
                    view! {
                        <tr data-status=r.status.clone()>
                            <th scope="row"><code>{r.label()}</code></th>
                            <td>{move || status_word(&status, lang.get())}</td>
                            <td>{r.detail.clone().unwrap_or_default()}</td>
                            <td>{r.newer.clone().map(|n| view! { <code>{n}</code> })}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="matrix" id="modcheck-table">
                    <thead><tr>
                        <th scope="col">{tr(lang, "modcheck_require")}</th>
                        <th scope="col">{tr(lang, "modcheck_status")}</th>
                        <th scope="col">{tr(lang, "modcheck_detail")}</th>
                        <th scope="col">{tr(lang, "modcheck_newer")}</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            }
        })
    };
    // The requirements the paste's settings make private: checked nowhere, and why.
    let private = move || {
        let all = kept.get();
        (!all.is_empty()).then(|| {
            let items = all
                .into_iter()
                .map(|p| {
                    view! {
                        <li>
                            <code>{format!("{} {}", p.module, p.version)}</code>
                            {move || {
                                let why = t(lang.get(), "modcheck_private_why");
                                format!(" — {}", why.replace("{setting}", p.setting).replace("{pattern}", &p.pattern))
                            }}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div id="modcheck-private">
                    <p class="note">{tr(lang, "modcheck_private")}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    };
    move || {
        gomod.with(|g| g.contains("require")).then(|| {
            view! {
                <section id="modcheck" aria-labelledby="modcheck-title">
                    <h2 id="modcheck-title">{tr(lang, "modcheck_title")}</h2>
                    <p class="note">{tr(lang, "modcheck_note")}</p>
                    <label class="target">{tr(lang, "modcheck_proxy")}
                        <input id="modcheck-proxy" type="text" inputmode="url" spellcheck="false"
                            prop:value=proxy on:input=move |ev| typed.set(Some(event_target_value(&ev)))/>
                    </label>
                    <button id="modcheck-run" on:click=go disabled=move || running.get()>
                        {move || t(lang.get(), if running.get() { "probe_running" } else { "modcheck_run" })}
                    </button>
                    {move || error.get().map(|failure| view! { <p class="refused" role="alert">{move || failure.get(lang.get()).to_owned()}</p> })}
                    {move || summary.get().map(|(checked, flagged, unreachable)| view! {
                        <p class="status" id="modcheck-summary">{move || {
                            let lang = lang.get();
                            let mut line = format!("{} {checked} · {} {flagged}", t(lang, "modcheck_checked"), t(lang, "modcheck_flagged"));
                            // What the proxy could not answer is no problem of the go.mod: said apart.
                            if unreachable > 0 {
                                line.push_str(&format!(" · {} {unreachable}", t(lang, "modcheck_unreachable")));
                            }
                            line
                        }}</p>
                    })}
                    {table}
                    {private}
                </section>
            }
        })
    }
}
