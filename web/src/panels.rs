//! The second wasm module: what talks to the worker (the go.mod check, sharing, the probe
//! panel) and the report page. The home page's first load carries only the analysis and the
//! findings; this module is fetched right after it (`app.js`), or alone on `/r/…` pages.
//!
//! On the home page it mounts into the slots [`crate::start_home`] leaves, and follows the home
//! module's state through [`set`] (values sent by `bridge::send`).

use crate::i18n::Lang;
use crate::{Header, LastRun, ShellChoice, modcheck, probe, provide_lang, remove_prerendered, view};
use gmd_report::Shell;
use leptos::prelude::*;

/// The home module's state, as this module last heard it.
#[derive(Clone, Copy)]
struct Shared {
    lang: RwSignal<Lang>,
    shell: RwSignal<Option<Shell>>,
    input: RwSignal<String>,
    gomod: RwSignal<String>,
    target: RwSignal<String>,
    /// The pasted GOPROXY value (empty when none was pasted).
    chain: RwSignal<String>,
    /// A request a finding card asked the probe panel to check.
    check: RwSignal<Option<String>>,
    /// The probe run the share panel can attach.
    last_run: RwSignal<Option<crate::ProbeRun>>,
}

thread_local! {
    static SHARED: std::cell::Cell<Option<Shared>> = const { std::cell::Cell::new(None) };
}

/// Mounts the report page (on `/r` and `/r/…`), else the panels into the home page's slots.
pub fn start() {
    let path = window().location().pathname().unwrap_or_default();
    if path == "/r" || path.starts_with("/r/") {
        let id = path.trim_start_matches("/r").trim_start_matches('/').to_owned();
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
        return;
    }
    let shared = Shared {
        lang: RwSignal::new(crate::initial_lang()),
        shell: RwSignal::new(None),
        input: RwSignal::new(String::new()),
        gomod: RwSignal::new(String::new()),
        target: RwSignal::new(String::new()),
        chain: RwSignal::new(String::new()),
        last_run: RwSignal::new(None),
        check: RwSignal::new(None),
    };
    SHARED.set(Some(shared));
    let slot = |id: &str| {
        use wasm_bindgen::JsCast;
        document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    };
    let context = move || {
        provide_context(shared.lang);
        provide_context(ShellChoice(shared.shell));
        provide_context(LastRun(shared.last_run));
    };
    if let Some(element) = slot("modcheck-slot") {
        leptos::mount::mount_to(element, move || {
            context();
            view! { <modcheck::ModCheckPanel gomod=shared.gomod.into() input=shared.input.into() chain=shared.chain.into()/> }
        })
        .forget();
    }
    if let Some(element) = slot("share-slot") {
        leptos::mount::mount_to(element, move || {
            context();
            view! { <view::SharePanel input=shared.input.into()/> }
        })
        .forget();
    }
    if let Some(element) = slot("probe-slot") {
        leptos::mount::mount_to(element, move || {
            context();
            view! { <probe::ProbePanel target=shared.target.into() chain=shared.chain.into() check=shared.check.into()/> }
        })
        .forget();
    }
}

/// A value from the home module: `lang` (a tag), `shell` (a code, empty for the paste's own),
/// `input` (the paste), `gomod` (its go.mod lines), `target` (`module@version` to probe),
/// `chain` (the pasted GOPROXY value), `check` (a request to probe now, from a finding card).
/// Unknown keys are ignored.
pub fn set(key: &str, value: &str) {
    let Some(shared) = SHARED.get() else { return };
    match key {
        "lang" => shared.lang.set(Lang::from_tag(value).unwrap_or_default()),
        "shell" => shared.shell.set(Shell::from_code(value)),
        "input" => shared.input.set(value.to_owned()),
        "gomod" => shared.gomod.set(value.to_owned()),
        "target" => shared.target.set(value.to_owned()),
        "chain" => shared.chain.set(value.to_owned()),
        "check" => shared.check.set(Some(value.to_owned())),
        _ => {}
    }
}
