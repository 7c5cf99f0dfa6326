//! Go Module Doctor's web app (Leptos, client-side rendering).
//!
//! Everything the page computes runs here, in the browser: the paste is analysed by
//! [`gmd_analysis::analyze`] on every keystroke and nothing is sent anywhere until the user
//! shares, and then only the redacted report. `/r/<id>` and `/r#<fragment>` open shared
//! reports; every other path is the home page.

mod api;
mod i18n;
mod modcheck;
mod probe;
mod view;

use i18n::{Lang, t, tr};
use leptos::prelude::*;

/// The examples a visitor can load with one click: their name's text key, and the paste.
const EXAMPLES: &[(&str, &str)] = &[
    (
        "example_blocked",
        "GOPROXY='https://proxy.golang.org,direct'\nGOVERSION='go1.22.3'\n$ go mod tidy\ngo: github.com/gin-gonic/gin@v1.9.1: Get \"https://proxy.golang.org/github.com/gin-gonic/gin/@v/v1.9.1.mod\": dial tcp 142.251.43.17:443: i/o timeout\n",
    ),
    (
        "example_private",
        "GOPROXY='https://proxy.golang.org,direct'\nGOPRIVATE=''\ngo: github.com/acme-internal/auth@v0.9.0: reading https://proxy.golang.org/github.com/acme-internal/auth/@v/v0.9.0.mod: 410 Gone\n\tserver response: not found: github.com/acme-internal/auth@v0.9.0: invalid version: git ls-remote -q origin in /tmp/gopath/pkg/mod/cache/vcs/7a: exit status 128:\n\t\tfatal: could not read Username for 'https://github.com': terminal prompts disabled\n",
    ),
    (
        "example_tls",
        "go: github.com/stretchr/testify@v1.9.0: Get \"https://proxy.golang.org/github.com/stretchr/testify/@v/v1.9.0.mod\": tls: failed to verify certificate: x509: certificate signed by unknown authority\n",
    ),
];

/// The shell the user picked on the page, over the one read from the paste (`None`: follow
/// the paste). Shared by the finding cards and the share panel, so a shared report opens in it.
#[derive(Debug, Clone, Copy)]
pub struct ShellChoice(pub RwSignal<Option<gmd_report::Shell>>);

/// On the home page: the request the paste failed on (`module@version`, empty when none), which
/// a finding card can ask the probe panel to check (`check`, set on each click), and what the
/// probe panel found for it, folded back into the card. Absent on the report page (no probe
/// panel there).
#[derive(Debug, Clone, Copy)]
pub struct CheckRequest {
    pub target: Signal<String>,
    pub check: RwSignal<Option<String>>,
    pub note: RwSignal<Option<ProbeNote>>,
}

/// What a probe of the failed request found: the request, the sentences (English and Chinese)
/// and whether a retry is likely to work.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProbeNote {
    pub target: String,
    pub retry: bool,
    pub lines: Vec<(String, String)>,
}

/// The hops where the mirrors' answers tell something about the failure: the network and the
/// servers the go command asks.
pub const CHECKABLE_HOPS: &[&str] = &["dns", "tcp", "tls", "http_proxy", "module_proxy", "checksum_db"];

/// The last probe run the worker kept (its id, when it ended, how many probes), which the share
/// panel can attach to a report. Shared by the probe and share panels.
#[derive(Debug, Clone, Copy)]
pub struct LastRun(pub RwSignal<Option<ProbeRun>>);

/// A probe run the worker kept for a day under `id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeRun {
    pub id: String,
    /// The browser's clock when the summary arrived (`HH:MM`).
    pub at: String,
    pub probes: usize,
}

/// The id in a report page's path: `/r/<id>` → `<id>`, `/r` → empty. (Only the one `/r`
/// prefix: an id may itself start with `r`.)
fn report_id(path: &str) -> &str {
    path.strip_prefix("/r").unwrap_or_default().trim_start_matches('/')
}

/// The report page (`/r`, `/r/<id>`, `/r#<fragment>`): a module of its own (`bin/report.rs`),
/// so a visit to the home page carries none of it, nor a report page the home page's panels.
pub fn start_report() {
    let path = window().location().pathname().unwrap_or_default();
    let id = report_id(&path).to_owned();
    let fragment = window().location().hash().unwrap_or_default();
    remove_prerendered();
    leptos::mount::mount_to_body(move || {
        provide_lang();
        provide_context(ShellChoice(RwSignal::new(None)));
        view! {
            <Header report_page=true/>
            <main><view::ReportPage id=id fragment=fragment/></main>
        }
    });
}

/// The home page: the header and [`Home`], replacing the server-rendered instructions; what
/// was typed into the server-rendered paste box before the app arrived is kept.
pub fn start_home() {
    let typed = prerendered_paste();
    remove_prerendered();
    leptos::mount::mount_to_body(move || {
        provide_lang();
        // The shell the user picked in this tab, kept across a visit elsewhere and Back.
        let picked = session()
            .and_then(|s| s.get_item(SHELL_KEY).ok().flatten())
            .and_then(|code| gmd_report::Shell::from_code(&code));
        provide_context(ShellChoice(RwSignal::new(picked)));
        // The panels follow this page's language and the shell the user picked.
        let ShellChoice(choice) = expect_context::<ShellChoice>();
        Effect::new(move |_| {
            if let (Some(storage), Some(shell)) = (session(), choice.get()) {
                let _ = storage.set_item(SHELL_KEY, shell.code());
            }
        });
        // Once the page is up, run the analysis on a sample in the background: the engine
        // starts the wasm in its baseline compiler and optimises what runs hot, so a large paste
        // made a moment later already meets optimised code (cold, a 1 MiB paste takes ~4× longer).
        set_timeout(warm_up, std::time::Duration::from_millis(WARM_UP_DELAY_MS));
        view! {
            <Header report_page=false/>
            <main><Home typed=typed.clone()/></main>
        }
    });
}

/// What the visitor typed or pasted into the server-rendered paste box while the app was on
/// its way (`None`: nothing; the box was left as served), and whether the box had the focus.
#[derive(Debug, Clone, Default)]
struct Typed {
    text: Option<String>,
    focused: bool,
}

fn prerendered_paste() -> Typed {
    use wasm_bindgen::JsCast;
    let document = document();
    let Some(area) = document
        .query_selector("main#prerendered textarea#paste")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return Typed::default();
    };
    let focused = document.active_element().is_some_and(|active| active.id() == "paste");
    let text = area.value();
    Typed {
        text: (!text.is_empty()).then_some(text),
        focused,
    }
}

/// The server-rendered part of the page (the static header, the instructions or a shared
/// report) gives way to the app.
fn remove_prerendered() {
    let document = document();
    for selector in ["body > header", "main#prerendered"] {
        if let Some(element) = document.query_selector(selector).ok().flatten() {
            element.remove();
        }
    }
}

/// The language signal, in the context, remembered and set on `<html lang>` as it changes.
fn provide_lang() -> RwSignal<Lang> {
    let lang = RwSignal::new(initial_lang());
    provide_context(lang);
    Effect::new(move |_| {
        let code = lang.get().tag();
        if let Some(storage) = window().local_storage().ok().flatten() {
            let _ = storage.set_item("gmd-lang", code);
        }
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", code);
        }
    });
    lang
}

/// The page's header: title, language switch, tagline.
#[component]
fn Header(report_page: bool) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    view! {
        <header>
            <h1><a href="/">"Go Module Doctor"</a></h1>
            <button class="lang" on:click=move |_| lang.update(|l| *l = if *l == Lang::En { Lang::Zh } else { Lang::En })>
                {tr(lang, "language")}
            </button>
            <p class="tagline">{move || t(lang.get(), if report_page { "tagline_report" } else { "tagline" })}</p>
        </header>
    }
}

/// The session-storage key of the paste.
const PASTE_KEY: &str = "gmd-paste";
/// The session-storage key of the shell the user picked.
const SHELL_KEY: &str = "gmd-shell";

/// This tab's session storage, when the browser gives one.
fn session() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

thread_local! {
    /// The paste not yet kept, and the timer that will keep it.
    static PENDING: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    static TIMER: std::cell::Cell<Option<leptos::prelude::TimeoutHandle>> = const { std::cell::Cell::new(None) };
}

/// Keeps the paste a moment after the typing stops (writing a large paste to the storage on
/// every keystroke would cost more than analysing it), or as the page goes away.
fn keep_soon(text: &str) {
    if let Some(timer) = TIMER.take() {
        timer.clear();
    }
    PENDING.set(Some(text.to_owned()));
    TIMER.set(set_timeout_with_handle(keep_pending, std::time::Duration::from_millis(300)).ok());
}

/// Keeps the paste that is waiting, if any.
fn keep_pending() {
    if let Some(text) = PENDING.take() {
        keep(&text);
    }
}

/// Keeps the paste for this tab (a paste too large for the storage is simply not kept); a save
/// still waiting is dropped, so an older text cannot come back over this one.
fn keep(text: &str) {
    PENDING.take();
    if let Some(timer) = TIMER.take() {
        timer.clear();
    }
    if let Some(storage) = session() {
        let _ = match text.is_empty() {
            true => storage.remove_item(PASTE_KEY),
            false => storage.set_item(PASTE_KEY, text),
        };
    }
}

/// How long after start the warm-up runs: after the first paint, before a human pastes.
const WARM_UP_DELAY_MS: u64 = 50;

/// Analyses the examples, repeated to ~128 KiB, twice, and throws the result away.
fn warm_up() {
    let unit: String = EXAMPLES.iter().map(|(_, text)| *text).collect();
    let sample = unit.repeat((128 * 1024) / unit.len().max(1) + 1);
    for _ in 0..2 {
        if let Ok(analysis) = gmd_analysis::analyze(&sample) {
            let _ = analysis.to_report();
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_report_id_is_what_follows_r() {
        assert_eq!(super::report_id("/r/rL1YuGArIH5"), "rL1YuGArIH5");
        assert_eq!(super::report_id("/r/r/rx"), "r/rx");
        assert_eq!(super::report_id("/r"), "");
        assert_eq!(super::report_id("/r/"), "");
    }
}

/// The language: the link's `?lang=`, else remembered, else the browser's.
fn initial_lang() -> Lang {
    let search = window().location().search().unwrap_or_default();
    let asked = web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|params| params.get("lang"))
        .and_then(|tag| Lang::from_tag(&tag));
    if let Some(lang) = asked {
        return lang;
    }
    let stored = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item("gmd-lang").ok().flatten());
    let tag = stored.or_else(|| window().navigator().language()).unwrap_or_default();
    Lang::from_tag(&tag).unwrap_or_default()
}

/// The home page: paste, live analysis, the go.mod check, share, probe.
#[component]
fn Home(typed: Typed) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let (input, set_input) = signal(String::new());
    let analysis = Memo::new(move |_| input.with(|text| gmd_analysis::analyze(text)));
    // The request the paste failed on, which a finding card can have probed; what the probe
    // found comes back to the card.
    let request = Memo::new(move |_| {
        analysis.with(|result| {
            result
                .as_ref()
                .ok()
                .and_then(|a| a.subject.as_ref())
                .map_or_else(String::new, gmd_analysis::Subject::request)
        })
    });
    let check = RwSignal::new(None::<String>);
    provide_context(CheckRequest {
        target: request.into(),
        check,
        note: RwSignal::new(None::<ProbeNote>),
    });
    provide_context(LastRun(RwSignal::new(None)));
    // The textarea is not bound to the signal: writing a large paste back into it on every
    // keystroke would cost a layout of the whole text. Examples set it through the node.
    let area = NodeRef::<leptos::html::Textarea>::new();
    // Sets the paste (the text box and the signal) and keeps it in the tab's session storage,
    // so navigating away and back, or a reload, loses nothing.
    let put = move |text: String| {
        if let Some(area) = area.get_untracked() {
            area.set_value(&text);
        }
        keep(&text);
        set_input.set(text);
    };
    // An example replaces the paste; the paste it replaced can be brought back.
    let replaced = RwSignal::new(None::<String>);
    let examples = EXAMPLES
        .iter()
        .map(|(name, text)| {
            let text = (*text).to_owned();
            let load = move |_| {
                let current = input.get_untracked();
                if !current.is_empty() && !EXAMPLES.iter().any(|(_, e)| *e == current) {
                    replaced.set(Some(current));
                }
                put(text.clone());
            };
            view! { <button class="example" on:click=load>{move || t(lang.get(), name)}</button> }
        })
        .collect_view();
    // Leaving the page (a link, a reload) keeps what was typed last.
    let _ = window_event_listener(leptos::ev::pagehide, |_| keep_pending());
    // What was typed into the server-rendered box before the app arrived, else the paste of
    // this tab before a reload or a visit elsewhere.
    area.on_load(move |area| {
        let text = match typed.text {
            Some(text) => {
                keep(&text);
                Some(text)
            }
            None => session().and_then(|s| s.get_item(PASTE_KEY).ok().flatten()),
        };
        if let Some(text) = text {
            area.set_value(&text);
            set_input.set(text);
        }
        if typed.focused {
            let _ = area.focus();
        }
    });
    // What the panels read from the paste: its go.mod lines and its GOPROXY as pasted.
    let gomod = Memo::new(move |_| {
        analysis.with(|result| {
            result
                .as_ref()
                .ok()
                .map(|a| input.with(|text| modcheck::go_mod_text(text, &a.sections)))
                .unwrap_or_default()
        })
    });
    let chain = Memo::new(move |_| {
        analysis.with(|result| match result {
            Ok(a) if a.config.goproxy.pasted => a.config.goproxy.value.clone(),
            _ => String::new(),
        })
    });
    view! {
        <label for="paste">{tr(lang, "paste_label")}</label>
        <textarea
            id="paste"
            spellcheck="false"
            autocomplete="off"
            placeholder=move || t(lang.get(), "placeholder")
            node_ref=area
            on:input=move |ev| {
                let text = event_target_value(&ev);
                keep_soon(&text);
                set_input.set(text);
            }
        ></textarea>
        <p class="examples">
            {tr(lang, "examples")} " " {examples}
            {move || replaced.get().map(|previous| view! {
                <button id="undo-example" on:click=move |_| { put(previous.clone()); replaced.set(None); }>
                    {tr(lang, "undo_example")}
                </button>
            })}
            " "
            <button id="clear" on:click=move |_| { put(String::new()); replaced.set(None); } disabled=move || input.with(String::is_empty)>
                {tr(lang, "clear")}
            </button>
        </p>
        // Announced politely: only the top finding's title (or the status) when it changes,
        // not the whole result area on every keystroke.
        <p class="sr-only" aria-live="polite" id="announce">
            {move || analysis.with(|result| match result {
                Ok(a) => a.findings.first().map(|f| f.title.get(lang.get()).to_owned()).unwrap_or_default(),
                Err(e) => e.to_string(),
            })}
        </p>
        <section id="findings">
            {move || analysis.with(|result| match result {
                Err(error) => view! { <p class="refused">{error.to_string()}</p> }.into_any(),
                Ok(analysis) => {
                    let status = if !analysis.findings.is_empty() {
                        None
                    } else if input.with(String::is_empty) {
                        Some("waiting")
                    } else if analysis.recognised_anything() {
                        Some("nothing_wrong")
                    } else {
                        Some("unrecognised")
                    };
                    let report = analysis.to_report();
                    // The configuration is the paste's: nothing to show before there is one.
                    let pasted = !input.with(String::is_empty);
                    view! {
                        {status.map(|key| view! { <p class="status" data-status=key>{move || t(lang.get(), key)}</p> })}
                        <view::Findings report=report.clone()/>
                        {pasted.then(|| view! { <view::ConfigPanel report=report/> })}
                    }
                    .into_any()
                }
            })}
        </section>
        <modcheck::ModCheckPanel gomod=gomod.into() input=input.into() chain=chain.into()/>
        <view::SharePanel input=input.into()/>
        <probe::ProbePanel target=request.into() chain=chain.into() check=check.read_only().into()/>
    }
}
