//! Go Module Doctor's web app (Leptos, client-side rendering).
//!
//! Everything the page computes runs here, in the browser: the paste is analysed by
//! [`gmd_analysis::analyze`] on every keystroke and nothing is sent anywhere until the user
//! shares, and then only the redacted report. `/r/<id>` and `/r#<fragment>` open shared
//! reports; every other path is the home page.

mod api;
mod bridge;
mod i18n;
mod modcheck;
pub mod panels;
mod probe;
mod view;

use i18n::{Lang, t};
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
/// a finding card can send to the probe panel ("check this request"), and what the probe panel
/// found for it, folded back into the card. Absent on the report page (no probe panel there).
#[derive(Debug, Clone, Copy)]
pub struct CheckRequest {
    pub target: Signal<String>,
    pub note: RwSignal<Option<ProbeNote>>,
}

/// What a probe of the failed request found, as the probe panel sends it back to the home
/// module: the request, the sentences (English and Chinese) and whether a retry is likely to
/// work. Sent as text (`to_text`/`from_text`): the home module carries no JSON reader.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProbeNote {
    pub target: String,
    pub retry: bool,
    pub lines: Vec<(String, String)>,
}

impl ProbeNote {
    /// `target`, `retry` (`1`/`0`), then a line per sentence: English, a tab, Chinese.
    pub fn to_text(&self) -> String {
        let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
        let mut out = format!("{}\n{}\n", clean(&self.target), u8::from(self.retry));
        for (en, zh) in &self.lines {
            out.push_str(&format!("{}\t{}\n", clean(en), clean(zh)));
        }
        out
    }

    pub fn from_text(text: &str) -> Option<ProbeNote> {
        let mut lines = text.lines();
        let target = lines.next()?.to_owned();
        let retry = lines.next()? == "1";
        let lines = lines
            .filter_map(|l| l.split_once('\t'))
            .map(|(en, zh)| (en.to_owned(), zh.to_owned()))
            .collect();
        Some(ProbeNote { target, retry, lines })
    }
}

thread_local! {
    static HOME_NOTE: std::cell::Cell<Option<RwSignal<Option<ProbeNote>>>> = const { std::cell::Cell::new(None) };
}

/// A value from the panels module to the home module: `note` (a [`ProbeNote`] as text).
pub fn home_set(key: &str, value: &str) {
    if let (Some(note), "note") = (HOME_NOTE.get(), key) {
        note.set(ProbeNote::from_text(value));
    }
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

/// The home page: the header and [`Home`], replacing the server-rendered instructions. The
/// panels that talk to the worker (go.mod check, share, probe) come in a second module,
/// [`panels`], loaded after this one (first load carries only what the first finding needs).
pub fn start_home() {
    remove_prerendered();
    leptos::mount::mount_to_body(|| {
        let lang = provide_lang();
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
        Effect::new(move |_| bridge::send("lang", lang.get().tag()));
        Effect::new(move |_| bridge::send("shell", choice.get().map_or("", gmd_report::Shell::code)));
        // Once the page is up, run the analysis on a sample in the background: the engine
        // starts the wasm in its baseline compiler and optimises what runs hot, so a large paste
        // made a moment later already meets optimised code (cold, a 1 MiB paste takes ~4× longer).
        set_timeout(warm_up, std::time::Duration::from_millis(WARM_UP_DELAY_MS));
        view! {
            <Header report_page=false/>
            <main><Home/></main>
        }
    });
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
                {move || t(lang.get(), "language")}
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

/// The home page: paste, live analysis, share.
#[component]
fn Home() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let (input, set_input) = signal(String::new());
    let analysis = Memo::new(move |_| input.with(|text| gmd_analysis::analyze(text)));
    // The request the paste failed on, which a finding card can have probed; what the probe
    // found comes back from the panels module (`home_set`).
    let request = Memo::new(move |_| {
        analysis.with(|result| {
            result
                .as_ref()
                .ok()
                .and_then(|a| a.subject.as_ref())
                .map_or_else(String::new, gmd_analysis::Subject::request)
        })
    });
    let note = RwSignal::new(None::<ProbeNote>);
    HOME_NOTE.set(Some(note));
    provide_context(CheckRequest {
        target: request.into(),
        note,
    });
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
    // The paste of this tab before a reload or a visit elsewhere.
    area.on_load(move |area| {
        if let Some(text) = session().and_then(|s| s.get_item(PASTE_KEY).ok().flatten()) {
            area.set_value(&text);
            set_input.set(text);
        }
    });
    // What the panels need from the paste, sent as it changes.
    Effect::new(move |_| input.with(|text| bridge::send("input", text)));
    Effect::new(move |_| {
        let gomod = analysis.with(|result| {
            result
                .as_ref()
                .ok()
                .map(|a| input.with(|text| modcheck::go_mod_text(text, &a.sections)))
                .unwrap_or_default()
        });
        bridge::send("gomod", &gomod);
    });
    Effect::new(move |_| bridge::send("target", &request.get()));
    Effect::new(move |_| {
        let chain = analysis.with(|result| match result {
            Ok(a) if a.config.goproxy.pasted => a.config.goproxy.value.clone(),
            _ => String::new(),
        });
        bridge::send("chain", &chain);
    });
    view! {
        <label for="paste">{move || t(lang.get(), "paste_label")}</label>
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
            {move || t(lang.get(), "examples")} " " {examples}
            {move || replaced.get().map(|previous| view! {
                <button id="undo-example" on:click=move |_| { put(previous.clone()); replaced.set(None); }>
                    {move || t(lang.get(), "undo_example")}
                </button>
            })}
            " "
            <button id="clear" on:click=move |_| { put(String::new()); replaced.set(None); } disabled=move || input.with(String::is_empty)>
                {move || t(lang.get(), "clear")}
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
        // Filled by the panels module when it arrives.
        <div id="modcheck-slot"></div>
        <div id="share-slot"></div>
        <div id="probe-slot"></div>
    }
}
