//! Go Module Doctor's web app (Leptos, client-side rendering).
//!
//! Everything the page computes runs here, in the browser: the paste is analysed by
//! [`gmd_analysis::analyze`] on every keystroke and nothing is sent anywhere.

use gmd_analysis::{Analysis, Finding, Safety};
use leptos::prelude::*;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let (input, set_input) = signal(String::new());
    let analysis = Memo::new(move |_| input.with(|text| gmd_analysis::analyze(text)));

    view! {
        <header>
            <h1>"Go Module Doctor"</h1>
            <p class="tagline">
                "Paste your " <code>"go env"</code> ", " <code>"go.mod"</code>
                " and the error log: the diagnosis runs in your browser, nothing is uploaded."
            </p>
        </header>
        <main>
            <label for="paste">"Paste go env, go.mod and the log"</label>
            <textarea
                id="paste"
                spellcheck="false"
                autocomplete="off"
                placeholder="GOPROXY='off'"
                prop:value=input
                on:input=move |ev| set_input.set(event_target_value(&ev))
            ></textarea>
            <section id="findings" aria-live="polite">
                {move || analysis.with(|result| match result {
                    Err(error) => view! { <p class="refused">{error.to_string()}</p> }.into_any(),
                    Ok(analysis) => findings_view(analysis, input.with(String::is_empty)).into_any(),
                })}
            </section>
        </main>
    }
}

fn findings_view(analysis: &Analysis, empty_input: bool) -> impl IntoView + use<> {
    if analysis.findings.is_empty() {
        let text = if empty_input {
            "Waiting for a paste."
        } else {
            "No known problem found in this input."
        };
        return view! { <p class="status">{text}</p> }.into_any();
    }
    analysis.findings.iter().map(finding_card).collect_view().into_any()
}

fn finding_card(finding: &Finding) -> impl IntoView + use<> {
    let class = format!("finding {}", finding.severity.code());
    let evidence = finding
        .evidence
        .iter()
        .map(|e| view! { <li><span class="line">{e.line}</span><code>{e.text.clone()}</code></li> })
        .collect_view();
    let fixes = finding
        .fixes
        .iter()
        .map(|fix| {
            let label = (fix.safety == Safety::Unsafe).then_some("unsafe");
            view! {
                <li>
                    <span class="fix-title">{fix.title.clone()}</span>
                    {label.map(|l| view! { <span class="unsafe">{l}</span> })}
                    <pre><code>{fix.commands.posix.clone()}</code></pre>
                </li>
            }
        })
        .collect_view();
    view! {
        <article class=class data-cause=finding.cause.code()>
            <h2>
                <span class="cause">{finding.cause.code()}</span>
                " "
                {finding.title.clone()}
            </h2>
            <p class="message">{inline_code(&finding.message)}</p>
            <ul class="evidence">{evidence}</ul>
            <p class="why">{inline_code(finding.explanation)}</p>
            <ol class="fixes">{fixes}</ol>
            <a class="reference" href=finding.reference rel="noreferrer">{finding.reference}</a>
        </article>
    }
}

/// Renders `text` with its backtick-quoted spans as `<code>`, everything as text (never HTML).
fn inline_code(text: &str) -> impl IntoView + use<> {
    text.split('`')
        .enumerate()
        .map(|(index, part)| {
            let part = part.to_owned();
            if index % 2 == 1 {
                view! { <code>{part}</code> }.into_any()
            } else {
                part.into_any()
            }
        })
        .collect_view()
}
