//! The page's parts: finding cards, the configuration panel, the share panel and the report
//! page. They render the report DTOs, so a live analysis and a shared report look the same.

use crate::i18n::{Lang, colon, space, t, tr};
use crate::{CheckRequest, ShellChoice, api};
use gmd_report::{FindingDto, Report, SharedInput, StoredView, TextDto};
use gmd_report::{Hole, Shell};
use leptos::prelude::*;

/// Every finding of a report, with a shell selector for their fixes.
#[component]
pub fn Findings(report: Report) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let ShellChoice(choice) = expect_context::<ShellChoice>();
    // The paste's shell (or the shared report's) until the user picks one.
    let detected = report.shell();
    let shell = Signal::derive(move || choice.get().unwrap_or(detected));
    if report.findings.is_empty() {
        return ().into_any();
    }
    // A failure on the way to a server: what the edge sees is not what the user's machine sees.
    let network = report
        .findings
        .iter()
        .any(|f| f.severity == "error" && crate::CHECKABLE_HOPS.contains(&f.hop.as_str()));
    let cards = report
        .findings
        .into_iter()
        .map(|f| view! { <FindingCard finding=f shell=shell/> })
        .collect_view();
    let option = move |value: Shell, label: &'static str| {
        view! {
            <button
                class="shell"
                aria-pressed=move || (shell.get() == value).to_string()
                on:click=move |_| choice.set(Some(value))
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="shells" role="group" aria-label=move || t(lang.get(), "shell")>
            <span>{tr(lang, "shell")}</span>
            {option(Shell::Posix, "bash/zsh")}
            {option(Shell::PowerShell, "PowerShell")}
            {option(Shell::Cmd, "cmd")}
        </div>
        {cards}
        {network.then(|| view! { <RunHere shell=shell/> })}
    }
    .into_any()
}

/// The one line that installs the CLI from this site and runs the check on the reader's own
/// machine (inside the company network, or in mainland China, where no probe of ours is), for
/// the shell the fixes are shown in.
#[component]
fn RunHere(shell: Signal<Shell>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    // This site's own origin (never text from the paste).
    let origin = window().location().origin().unwrap_or_default();
    let line = Signal::derive(move || match shell.get() {
        Shell::Posix => {
            format!("curl -fsSL {origin}/install.sh | sh && ~/.local/bin/gomod-doctor check -- go mod download")
        }
        Shell::PowerShell => format!(
            "irm {origin}/install.ps1 | iex; & \"$env:LOCALAPPDATA\\Programs\\gomod-doctor\\gomod-doctor.exe\" check -- go mod download"
        ),
        Shell::Cmd => format!(
            "powershell -NoProfile -Command \"irm {origin}/install.ps1 | iex\" && \"%LOCALAPPDATA%\\Programs\\gomod-doctor\\gomod-doctor.exe\" check -- go mod download"
        ),
    });
    view! {
        <section class="run-here" id="run-here" aria-labelledby="run-here-title">
            <h3 id="run-here-title">{tr(lang, "run_here")}</h3>
            <p>{tr(lang, "run_here_why")}</p>
            <pre tabindex="0"><code>{line}</code></pre>
            <CopyButton text=line/>
        </section>
    }
}

#[component]
fn FindingCard(finding: FindingDto, shell: Signal<Shell>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let class = format!("finding {}", finding.severity);
    let reference = finding.safe_reference().map(str::to_owned);
    // The parts of each line the message quotes (a host, a module, a version) are marked.
    let quoted: Vec<String> = finding
        .args
        .iter()
        .map(|a| a.value.clone())
        .filter(|v| v.len() >= 3 && !v.contains('\n'))
        .collect();
    let evidence = finding
        .evidence
        .iter()
        .map(|e| view! { <li><span class="line">{e.line}</span><code>{marked(&e.text, &quoted)}</code></li> })
        .collect_view();
    let fixes = finding
        .fixes
        .into_iter()
        .map(|fix| {
            let title = fix.title.clone();
            let fix_title = move || title.get(lang.get()).to_owned();
            let unsafe_label = (fix.safety == "unsafe").then(|| view! { <span class="unsafe">{tr(lang, "unsafe")}</span> });
            // A value the paste does not give is a hole: an input here, and the command is
            // written again as the user types (a value its hole refuses leaves the hole).
            let holes: Vec<(Hole, RwSignal<String>)> =
                fix.holes().into_iter().map(|h| (h, RwSignal::new(String::new()))).collect();
            let filled = holes.clone();
            let fill = move |h: Hole| {
                filled
                    .iter()
                    .find(|(x, _)| *x == h)
                    .map(|(_, v)| v.get().trim().to_owned())
                    .filter(|v| !v.is_empty())
            };
            let commands = fix.clone();
            let fill_command = fill.clone();
            let command = move || commands.command(shell.get(), &fill_command);
            let shown = command.clone();
            let commands = fix.clone();
            let go_env = move || commands.go_env(shell.get(), &fill);
            let inputs = holes
                .into_iter()
                .map(|(hole, value)| {
                    let refused = move || {
                        let v = value.get();
                        (!v.trim().is_empty() && !hole.accepts(v.trim()))
                            .then(|| view! { <span class="hole-refused">{tr(lang, "hole_refused")}</span> })
                    };
                    view! {
                        <label class="hole">
                            <code>{hole.marker()}</code>
                            <span>{move || hole.says().get(lang.get()).to_owned()}</span>
                            <input type="text" spellcheck="false" autocomplete="off" autocapitalize="off"
                                prop:value=move || value.get()
                                on:input=move |ev| value.set(event_target_value(&ev)) />
                            {refused}
                        </label>
                    }
                })
                .collect_view();
            view! {
                <li class="fix" data-safety=fix.safety.clone()>
                    <span class="fix-title">{move || inline_code(&fix_title())}</span>
                    {unsafe_label}
                    <div class="holes">{inputs}</div>
                    // Where the fix has nothing to type in this shell, the box says so.
                    <div class="command"><pre><code>{move || shown().unwrap_or_else(|| t(lang.get(), "not_here").to_owned())}</code></pre><CopyButton text=Signal::derive(move || command().unwrap_or_default())/></div>
                    {move || go_env().map(|go_env| {
                        let copied = go_env.clone();
                        view! {
                            <p class="go-env-w"><code>{go_env}</code> " — " {tr(lang, "go_env_w_note")} " "
                            <CopyButton text=Signal::derive(move || copied.clone())/></p>
                        }
                    })}
                </li>
            }
        })
        .collect_view();
    // Title, message, explanation and fix titles follow the language (the report carries both);
    // what the message quotes from the input (hosts, paths, versions) reads the same in both.
    // On the home page, an error on the way to a server can have its request probed.
    let check = use_context::<crate::CheckRequest>()
        .filter(|_| finding.severity == "error" && crate::CHECKABLE_HOPS.contains(&finding.hop.as_str()));
    let checked = check.map(|check| {
        let CheckRequest { target, check, note } = check;
        let ask = move |_| {
            check.set(Some(target.get_untracked()));
            if let Some(panel) = document().get_element_by_id("probe") {
                panel.scroll_into_view();
            }
        };
        let found = move || {
            let note = note.get().filter(|n| n.target == target.get())?;
            let lines = note
                .lines
                .into_iter()
                .map(|(en, zh)| view! { <li>{move || inline_code(if lang.get() == Lang::Zh { &zh } else { &en })}</li> })
                .collect_view();
            let retry = note.retry.then(|| {
                let command = move || gmd_probe::chain::retry_command(shell.get(), "go mod download");
                view! { <div class="command"><pre><code class="retry">{command}</code></pre><CopyButton text=Signal::derive(command)/></div> }
            });
            Some(view! {
                <div class="probed">
                    <p>{tr(lang, "probed_title")}</p>
                    <ul>{lines}</ul>
                    {retry}
                </div>
            })
        };
        view! {
            {move || (!target.get().is_empty()).then(|| view! {
                <p class="check-request">
                    <button class="check-request" on:click=ask>{tr(lang, "check_request")} " " <code>{target.get()}</code></button>
                </p>
            })}
            {found}
        }
    });
    // A mirror the message names, when the status board watches it: its history is a click away.
    let on_board: Vec<(String, String)> = gmd_probe::catalogue::mirrors()
        .iter()
        .filter(|m| {
            finding
                .args
                .iter()
                .any(|a| a.value == m.host || a.value == gmd_probe::report::short_mirror(m.url))
        })
        .map(|m| {
            let name = gmd_probe::report::short_mirror(m.url);
            (name.replace('/', "_"), name)
        })
        .collect();
    let board_links = (!on_board.is_empty()).then(|| {
        let links = on_board
            .into_iter()
            .map(|(slug, name)| {
                // "Status of X" / "X 的状态": the word order differs.
                let label = move || match lang.get() {
                    Lang::Zh => format!("{name} {}", t(Lang::Zh, "board_link")),
                    Lang::En => format!("{} {name}", t(Lang::En, "board_link")),
                };
                view! { " " <a class="status-link" href=format!("/status#{slug}")>{label}</a> }
            })
            .collect_view();
        view! { <p class="status-links">{links}</p> }
    });
    let in_lang = move |text: TextDto| move || text.get(lang.get()).to_owned();
    let title = in_lang(finding.title.clone());
    let explanation = in_lang(finding.explanation.clone());
    let message = in_lang(finding.message.clone());
    view! {
        <article class=class data-cause=finding.cause.clone()>
            <h2>
                {title}
                " "
                <span class="cause">{finding.cause.clone()}</span>
                {(finding.certainty == "likely" || finding.certainty == "guess").then(|| {
                    let key = if finding.certainty == "likely" { "certainty_likely" } else { "certainty_guess" };
                    view! { <span class="certainty" data-certainty=finding.certainty.clone()>{move || t(lang.get(), key)}</span> }
                })}
            </h2>
            <p class="message">{move || inline_code(&message())}</p>
            <ul class="evidence" aria-label=move || t(lang.get(), "evidence")>{evidence}
                {(finding.more_evidence > 0).then(|| view! { <li class="more">"+" {finding.more_evidence}</li> })}
            </ul>
            <details class="why"><summary>{tr(lang, "why")}</summary><p>{move || inline_code(&explanation())}</p></details>
            <ol class="fixes" aria-label=move || t(lang.get(), "fixes")>{fixes}</ol>
            {board_links}
            {checked}
            {reference.map(|reference| view! {
                <a class="reference" href=reference.clone() rel="noreferrer" target="_blank">{tr(lang, "reference")} {move || colon(lang.get())} {reference.clone()}</a>
            })}
        </article>
    }
}

/// A button that copies `text` and says so.
#[component]
fn CopyButton(
    #[prop(into)] text: Signal<String>,
    /// The button's words before it is pressed (`copy` by default); after, `copied`.
    #[prop(default = "copy")]
    label: &'static str,
    #[prop(optional)] id: Option<&'static str>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let copied = RwSignal::new(false);
    // Named by what it copies: a row of buttons all called "Copy" tells a screen reader nothing.
    let name = move || {
        let first: String = text.with(|t| t.lines().next().unwrap_or_default().chars().take(60).collect());
        // (It starts with the visible words, which change once it copied.)
        let visible = if copied.get() { "copied" } else { label };
        format!("{}: {first}", t(lang.get(), visible))
    };
    // The button's name is what it copies; that it copied is said in a live region.
    view! {
        <button class="copy" id=id aria-label=name on:click=move |_| { api::copy(&text.get()); copied.set(true); }>
            {move || t(lang.get(), if copied.get() { "copied" } else { label })}
        </button>
        <span class="sr-only" role="status">{move || copied.get().then(|| t(lang.get(), "copied"))}</span>
    }
}

/// The page's text key for what a masking hid.
fn redaction_kind(kind: gmd_redact::Kind) -> &'static str {
    match kind {
        gmd_redact::Kind::UrlCredentials => "redacted_credentials",
        gmd_redact::Kind::Token | gmd_redact::Kind::Goauth => "redacted_token",
        gmd_redact::Kind::Password => "redacted_password",
        gmd_redact::Kind::Authorization => "redacted_authorization",
        gmd_redact::Kind::PrivateKey => "redacted_private_key",
        gmd_redact::Kind::UserName => "redacted_user_name",
        gmd_redact::Kind::Host => "redacted_host",
    }
}

/// The effective configuration in words.
#[component]
pub fn ConfigPanel(report: Report) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let c = report.config;
    let routes = c
        .routes
        .into_iter()
        .map(|r| {
            let check = if r.checksum_db {
                "route_checked"
            } else {
                "route_unchecked"
            };
            // How the module is fetched, in words: through the proxies, or from its code host.
            let fetch = if r.fetch == "direct" { "route_direct" } else { "route_proxy" };
            view! { <li><code>{r.module}</code> " → " {tr(lang, fetch)} {move || t(lang.get(), "list_comma")} {tr(lang, check)}</li> }
        })
        .collect_view();
    // The summaries follow the language (the report carries both).
    let summary = move |text: TextDto| move || inline_code(text.get(lang.get()));
    // A value the paste does not give is the go command's default, and said to be one.
    let assumed =
        move |assumed: bool| assumed.then(|| view! { <span class="assumed">{tr(lang, "config_default")}</span> });
    view! {
        <details class="config" open>
            <summary>{tr(lang, "config")}</summary>
            <dl>
                <dt>"GOPROXY " <code>{c.goproxy.value}</code> {assumed(!c.goproxy.pasted)}</dt><dd>{summary(c.goproxy.summary)}</dd>
                <dt>"GOSUMDB " <code>{c.sumdb.value}</code> {assumed(c.sumdb.assumed)}</dt><dd>{summary(c.sumdb.summary)}</dd>
                <dt>"GOTOOLCHAIN " <code>{c.toolchain.gotoolchain}</code> {assumed(c.toolchain.assumed)}</dt><dd>{summary(c.toolchain.summary)}</dd>
            </dl>
            <ul class="routes">{routes}</ul>
        </details>
    }
}

/// Redaction preview, then the short link, Markdown and the server-less link.
#[component]
pub fn SharePanel(input: Signal<String>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let ShellChoice(choice) = expect_context::<ShellChoice>();
    let open = RwSignal::new(false);
    // Internal host names are masked unless the user says they may be shown.
    let hosts = RwSignal::new(true);
    let result = RwSignal::new(None::<Result<String, api::Failure>>);
    // The server-less link's fragment, made with the uploaded bytes (none where the browser
    // cannot compress).
    let fragment = RwSignal::new(None::<String>);
    // Host names the user chose to show, one by one.
    let shown = RwSignal::new(Vec::<String>::new());
    let redacted = Memo::new(move |_| {
        input.with(|text| {
            shown.with(|keep| gmd_redact::redact_keeping(text, gmd_redact::Options { hosts: hosts.get() }, keep))
        })
    });
    let shared = Memo::new(move |_| {
        redacted.with(|r| {
            // The list is read from the text, as the worker reads it: the same bytes, the same
            // id. Shared in the shell the page shows.
            gmd_analysis::shared_report(&r.text, gmd_redact::listed(&r.text), choice.get()).ok()
        })
    });
    // What is uploaded: the redacted input and the shell (the worker analyses it itself).
    let upload = Memo::new(move |_| shared.with(|s| s.as_ref().map(|s| s.shared_input().to_bytes())));
    // The size of what would be uploaded, known before the click: over the worker's limit (or
    // over what the analysis reads) the button is off and the way out is said.
    let size = Memo::new(move |_| upload.with(|u| u.as_ref().map(Vec::len)));
    let too_large = move || input.with(|text| !text.is_empty()) && size.get().is_none_or(|n| n > MAX_REPORT_BYTES);
    // The last probe run the worker kept, attached only when the user ticks it.
    let last_run = use_context::<crate::LastRun>();
    let attach = RwSignal::new(false);
    let run_to_attach = move || {
        last_run
            .and_then(|crate::LastRun(run)| run.get())
            .filter(|_| attach.get())
            .map(|run| run.id)
    };
    let create = move |_| {
        let Some(bytes) = upload.get() else { return };
        let run = run_to_attach();
        result.set(None);
        leptos::task::spawn_local(async move {
            fragment.set(
                api::deflate_raw(&bytes)
                    .await
                    .map(|deflated| gmd_report::fragment_of(&bytes, &deflated)),
            );
            let outcome = api::create_report(bytes, run).await.map(|created| {
                // The creator's token is kept in this browser: the report page offers Delete later.
                if let Some(token) = &created.delete_token {
                    keep_delete_token(&created.id, token, created.expires_at);
                }
                created.id
            });
            result.set(Some(outcome));
        });
    };
    let attach_box = move || {
        let run = last_run.and_then(|crate::LastRun(run)| run.get())?;
        Some(view! {
            <p class="attach-probes">
                <label><input type="checkbox" id="attach-probes" prop:checked=attach on:change=move |ev| attach.set(event_target_checked(&ev))/>
                    " " {tr(lang, "attach_probes")} " " {run.at.clone()} " (" {run.probes} ")"</label>
                " " <span class="note">{tr(lang, "attach_probes_note")}</span>
            </p>
        })
    };
    let origin = window().location().origin().unwrap_or_default();
    let preview = move || {
        redacted.with(|r| {
            // The exact text that will be uploaded, each masked span marked.
            let placeholders: Vec<String> = r.redactions.iter().map(|x| x.placeholder.clone()).collect();
            let exact = view! {
                <details class="upload-text"><summary>{tr(lang, "upload_text")}</summary>
                    // (Focusable: a keyboard can scroll it.)
                    <pre tabindex="0"><code>{marked(&r.text, &placeholders)}</code></pre>
                </details>
            };
            // Each masked host can be shown, and each shown one masked again.
            let kept = shown
                .get()
                .into_iter()
                .map(|host| {
                    let again = host.clone();
                    view! {
                        <li class="kept-host"><code>{host.clone()}</code> " "
                            <label><input type="checkbox" class="show-host" prop:checked=true
                                on:change=move |_| shown.update(|all| all.retain(|h| *h != again))/>
                            " " {tr(lang, "show_host")}</label>
                        </li>
                    }
                })
                .collect_view();
            if r.redactions.is_empty() && shown.with(Vec::is_empty) {
                return view! { <p class="no-redactions">{tr(lang, "no_redactions")}</p> {exact} }.into_any();
            }
            let items = r
                .redactions
                .iter()
                .map(|x| {
                    // What was masked and where, in words: "password, lines 1, 11" / "密码，第 1、11 行".
                    let (kind, lines) = (x.kind, x.lines.clone());
                    let said = move || {
                        let lang = lang.get();
                        let numbers: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                        let kind = t(lang, redaction_kind(kind));
                        match (lang, numbers.len()) {
                            (Lang::Zh, _) => format!("（{kind}，第 {} 行）", numbers.join("、")),
                            (Lang::En, 1) => format!(" ({kind}, line {})", numbers.join(", ")),
                            (Lang::En, _) => format!(" ({kind}, lines {})", numbers.join(", ")),
                        }
                    };
                    let show = (x.kind == gmd_redact::Kind::Host).then(|| {
                        let host = x.hint.clone();
                        view! {
                            " "
                            <label><input type="checkbox" class="show-host" prop:checked=false
                                on:change=move |_| shown.update(|all| all.push(host.clone()))/>
                            " " {tr(lang, "show_host")}</label>
                        }
                    });
                    view! { <li><code>{x.hint.clone()}</code> " → " <code>{x.placeholder.clone()}</code> {said} {show}</li> }
                })
                .collect_view();
            view! { <p>{tr(lang, "share_preview")}</p><ul class="redactions">{items}{kept}</ul> {exact} }.into_any()
        })
    };
    let links = move || {
        let origin = origin.clone();
        result.get().map(|outcome| match outcome {
            Ok(id) => {
                let link = format!("{origin}/r/{id}");
                let fragment = fragment.get().map(|fragment| format!("{origin}/r#{fragment}"));
                let markdown = shared.with(|s| s.as_ref().map(|s| gmd_report::to_markdown(&s.report, lang.get_untracked()))).unwrap_or_default();
                let markdown = format!("{markdown}\n[Open the full report]({link})\n");
                view! {
                    <p class="sr-only" role="status" id="link-created">{tr(lang, "link_created")}</p>
                    <p class="link">{tr(lang, "link")} {move || colon(lang.get())} <a id="share-link" href=link.clone()>{link.clone()}</a> " " <CopyButton text=Signal::derive(move || link.clone())/></p>
                    {fragment.map(|fragment| view! {
                        <p class="fragment">{tr(lang, "fragment_link")} {move || colon(lang.get())} <a id="fragment-link" href=fragment.clone()>{tr(lang, "link")}</a> " " <CopyButton text=Signal::derive(move || fragment.clone())/></p>
                    })}
                    <p class="markdown"><CopyButton id="copy-markdown" label="copy_markdown" text=Signal::derive(move || markdown.clone())/></p>
                    <DeleteReport id=id.clone()/>
                }
                .into_any()
            }
            Err(failure) => view! { <p class="refused">{tr(lang, "share_failed")} {move || space(lang.get())} {move || failure.get(lang.get()).to_owned()}</p> }.into_any(),
        })
    };
    view! {
        <section class="share">
            <button id="share" on:click=move |_| open.update(|o| *o = !*o) disabled=move || input.with(String::is_empty)>
                {tr(lang, "share")}
            </button>
            {move || open.get().then(|| {
                let (preview, links) = (preview, links.clone());
                view! {
                    <div class="share-panel">
                        {preview}
                        <label><input type="checkbox" id="mask-hosts" prop:checked=hosts on:change=move |ev| hosts.set(event_target_checked(&ev))/> " " {tr(lang, "mask_hosts")}</label>
                        {attach_box}
                        <button id="create-link" on:click=create disabled=too_large>{tr(lang, "create_link")}</button>
                        {move || too_large().then(|| view! {
                            <p class="refused" id="too-large">
                                {move || match size.get() {
                                    Some(n) => match lang.get() {
                                        Lang::Zh => format!("内容太大，无法分享：要上传的内容有 {} KiB，超过 {} KiB 的上限。", n.div_ceil(1024), MAX_REPORT_BYTES / 1024),
                                        Lang::En => format!("Too large to share: the upload would be {} KiB, over the {} KiB limit.", n.div_ceil(1024), MAX_REPORT_BYTES / 1024),
                                    },
                                    None => t(lang.get(), "too_large_input").to_owned(),
                                }}
                                // (No space after a Chinese full stop.)
                                {move || space(lang.get())} {tr(lang, "trim_log")}
                            </p>
                        })}
                        {links}
                    </div>
                }
            })}
        </section>
    }
}

/// The local-storage key of the token that deletes report `id`.
fn delete_key(id: &str) -> String {
    format!("gmd-delete:{id}")
}

/// What this browser keeps for a report it shared: the token that deletes it, and its expiry.
#[derive(serde::Serialize, serde::Deserialize)]
struct KeptToken {
    token: String,
    expires_at: Option<u64>,
}

/// Keeps the creator's deletion token of report `id` (and its expiry) in this browser.
fn keep_delete_token(id: &str, token: &str, expires_at: Option<u64>) {
    let Some(storage) = window().local_storage().ok().flatten() else {
        return;
    };
    let kept = KeptToken {
        token: token.to_owned(),
        expires_at,
    };
    if let Ok(value) = serde_json::to_string(&kept) {
        let _ = storage.set_item(&delete_key(id), &value);
    }
}

/// The deletion token this browser keeps for report `id`, with its expiry.
fn delete_token(id: &str) -> Option<(String, Option<u64>)> {
    let storage = window().local_storage().ok().flatten()?;
    let value = storage.get_item(&delete_key(id)).ok().flatten()?;
    let KeptToken { token, expires_at } = serde_json::from_str(&value).ok()?;
    Some((token, expires_at))
}

fn forget_delete_token(id: &str) {
    if let Some(storage) = window().local_storage().ok().flatten() {
        let _ = storage.remove_item(&delete_key(id));
    }
}

/// When a report expires, in the reader's locale and time zone, or that it does not.
fn expiry_text(expires_at: Option<u64>, lang: Lang) -> String {
    match expires_at {
        None => t(lang, "expires_never").to_owned(),
        Some(ms) => {
            let when = local_time(&wasm_bindgen::JsValue::from_f64(ms as f64), lang).unwrap_or_default();
            format!("{}{}{when}", t(lang, "expires_at"), colon(lang))
        }
    }
}

/// A time (milliseconds since 1970, or an ISO 8601 text) in the reader's time zone and language,
/// as `/local-time.js` shows them on the server's pages: `Dec 7, 2026, 1:46 AM`,
/// `2026年12月7日 08:46`. `None` for what is not a time.
fn local_time(at: &wasm_bindgen::JsValue, lang: Lang) -> Option<String> {
    let date = js_sys::Date::new(at);
    if date.get_time().is_nan() {
        return None;
    }
    let options = js_sys::Object::new();
    for (name, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
        js_sys::Reflect::set(&options, &name.into(), &value.into()).ok()?;
    }
    Some(date.to_locale_string(lang.tag(), &options).into())
}

/// The report's expiry and, for its creator (this browser keeps the token), a Delete button;
/// deleting says what happened.
#[component]
pub fn DeleteReport(id: String) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let Some((token, expires_at)) = delete_token(&id) else {
        return ().into_any();
    };
    let outcome = RwSignal::new(None::<Result<api::Deleted, api::Failure>>);
    let busy = RwSignal::new(false);
    let remove = move |_| {
        let (id, token) = (id.clone(), token.clone());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = api::delete_report(&id, &token).await;
            if matches!(result, Ok(api::Deleted::Now | api::Deleted::AlreadyGone)) {
                forget_delete_token(&id);
            }
            outcome.set(Some(result));
            busy.set(false);
        });
    };
    view! {
        <div class="delete-report">
            <p class="expiry" id="report-expiry">{move || expiry_text(expires_at, lang.get())}</p>
            {move || match outcome.get() {
                None => view! {
                    <p>
                        <button id="delete-report" on:click=remove.clone() disabled=move || busy.get()>{tr(lang, "delete_report")}</button>
                        " " <span class="note">{tr(lang, "delete_note")}</span>
                    </p>
                }
                .into_any(),
                Some(Ok(api::Deleted::Now)) => view! { <p class="status" id="deleted" role="status">{tr(lang, "deleted_now")}</p> }.into_any(),
                Some(Ok(api::Deleted::AlreadyGone)) => view! { <p class="status" id="deleted" role="status">{tr(lang, "deleted_already")}</p> }.into_any(),
                Some(Ok(api::Deleted::WrongToken)) => view! { <p class="refused" role="alert">{tr(lang, "delete_wrong_token")}</p> }.into_any(),
                Some(Err(failure)) => view! { <p class="refused" role="alert">{tr(lang, "delete_failed")} {move || space(lang.get())} {move || failure.get(lang.get()).to_owned()}</p> }.into_any(),
            }}
        </div>
    }
    .into_any()
}

/// The largest report the worker accepts (`POST /api/reports`).
const MAX_REPORT_BYTES: usize = 256 * 1024;

/// `text` with every occurrence of `placeholders` in a `<mark>`.
fn marked(text: &str, placeholders: &[String]) -> impl IntoView + use<> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some((at, found)) = placeholders
        .iter()
        .filter_map(|p| rest.find(p.as_str()).map(|i| (i, p)))
        .min_by_key(|(i, _)| *i)
    {
        parts.push(rest[..at].to_owned().into_any());
        parts.push(view! { <mark>{found.clone()}</mark> }.into_any());
        rest = &rest[at + found.len()..];
    }
    parts.push(rest.to_owned().into_any());
    parts.collect_view()
}

/// What a report page opens: the shared input, the shell it was shown in, and for a stored
/// report the causes the worker found when it was shared (a server-less link has none).
#[derive(Clone)]
struct Opened {
    input: String,
    shell: Shell,
    shared_causes: Option<Vec<String>>,
    /// What the worker measured and attached when the report was shared.
    measurements: Vec<gmd_report::Measurement>,
}

impl Opened {
    fn stored(stored: StoredView) -> Opened {
        Opened {
            shell: stored.shell,
            shared_causes: Some(stored.causes),
            input: stored.input,
            measurements: stored.measurements,
        }
    }

    fn link(shared: SharedInput) -> Opened {
        Opened {
            shell: shared.shell(),
            input: shared.input,
            shared_causes: None,
            measurements: Vec::new(),
        }
    }
}

/// `/r/<id>` (stored) or `/r#<fragment>` (in the link): the shared input, verified, analysed
/// with this page's rules. Advice only ever comes from those rules: a stored report's findings
/// are only compared with them, a link carries none.
#[component]
pub fn ReportPage(id: String, fragment: String) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let state = RwSignal::new(None::<Result<Opened, &'static str>>);
    let fragment = fragment.trim_start_matches('#').to_owned();
    // One report, one id: `/r/<id>` shows what is stored under the id (what its preview
    // described), whatever a `#fragment` after it holds; a fragment is read on `/r` alone.
    let fragment_ignored = !id.is_empty() && !fragment.is_empty();
    // The creator of a stored report may delete it from here (this browser keeps the token).
    let id_for_delete = id.clone();
    if id.is_empty() && !fragment.is_empty() {
        state.set(Some(
            gmd_report::from_fragment(&fragment)
                .map(|(_, shared)| Opened::link(shared))
                .map_err(|_| "report_invalid"),
        ));
    } else if id.is_empty() {
        state.set(Some(Err("report_missing")));
    } else {
        leptos::task::spawn_local(async move {
            let outcome = match api::fetch_report(&id).await {
                Ok(Some(bytes)) if gmd_report::full_id(&bytes).starts_with(&id) && id.len() >= 11 => {
                    StoredView::read(&bytes)
                        .map(Opened::stored)
                        .map_err(|_| "report_invalid")
                }
                Ok(Some(_)) => Err("report_invalid"),
                Ok(None) | Err(_) => Err("report_missing"),
            };
            state.set(Some(outcome));
        });
    }
    let ignored =
        fragment_ignored.then(|| view! { <p class="note fragment-ignored">{tr(lang, "fragment_ignored")}</p> });
    view! {
        <h2 class="report-title">{tr(lang, "report_title")}</h2>
        {ignored}
        {move || match state.get() {
            None => view! { <p class="status">{tr(lang, "loading")}</p> }.into_any(),
            Some(Err(key)) => view! {
                <p class="refused" data-status=key>{move || t(lang.get(), key)}</p>
                <p><a href="/">{tr(lang, "new_paste")}</a></p>
            }
            .into_any(),
            Some(Ok(Opened { input, shell, shared_causes: then, measurements })) => {
                let Some(today) = gmd_analysis::analyze(&input).ok().map(|a| a.to_report().with_shell(shell)) else {
                    return view! { <p class="refused" data-status="report_invalid">{tr(lang, "report_invalid")}</p> }.into_any();
                };
                let now: Vec<String> = today.findings.iter().map(|f| f.cause.clone()).collect();
                // Cause codes are compared and named, never the shared texts or commands.
                let note = move || match &then {
                    None => t(lang.get(), "link_analysed").to_owned(),
                    Some(then) if *then == now => t(lang.get(), "unchanged").to_owned(),
                    Some(then) => format!(
                        "{} {}. {} {}.",
                        t(lang.get(), "changed"),
                        if then.is_empty() { "—".to_owned() } else { then.join(", ") },
                        t(lang.get(), "today"),
                        if now.is_empty() { "—".to_owned() } else { now.join(", ") },
                    ),
                };
                view! {
                    <p class="diff">{note}</p>
                    {(!id_for_delete.is_empty()).then(|| view! { <DeleteReport id=id_for_delete.clone()/> })}
                    <Findings report=today.clone()/>
                    <ConfigPanel report=today/>
                    <Measurements measurements/>
                    <details class="input"><summary>{tr(lang, "input")}</summary><pre tabindex="0"><code>{input}</code></pre></details>
                    <p><a href="/">{tr(lang, "new_paste")}</a></p>
                }
                .into_any()
            }
        }}
    }
}

/// The probe results a stored report carries: measurements, with when and where each ran.
#[component]
fn Measurements(measurements: Vec<gmd_report::Measurement>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    (!measurements.is_empty()).then(|| {
        let rows = measurements
            .into_iter()
            .map(|m| {
                let region = m.region.clone();
                let place = move || {
                    let name = crate::i18n::region_name(region.as_deref(), lang.get());
                    name.to_owned()
                };
                let colo = m.colo.clone().map(|c| format!(" ({c})")).unwrap_or_default();
                let request = match &m.version {
                    Some(v) => format!("{}@{v}", m.module),
                    None => m.module.clone(),
                };
                let steps = m
                    .steps
                    .iter()
                    .map(|s| {
                        let answer = s.status.map_or_else(|| s.outcome.clone(), |c| c.to_string());
                        let first = s.first_attempt.as_deref().map(|f| format!(", {f} first")).unwrap_or_default();
                        format!("{} {answer} {} ms{first}", s.step, s.ms)
                    })
                    .collect::<Vec<_>>()
                    .join(" · ");
                let (verdict, at) = (m.verdict.clone(), m.at.clone());
                view! {
                    <tr data-verdict=m.verdict.clone()>
                        <td><time datetime=m.at.clone() title=m.at.clone()>{move || local_time(&at.as_str().into(), lang.get()).unwrap_or_else(|| at.clone())}</time></td>
                        <td>{place}{colo}</td>
                        <th scope="row"><code>{m.mirror.clone()}</code></th>
                        <td><code>{request}</code></td>
                        <td>{move || crate::i18n::status_word(&verdict, lang.get())}</td>
                        <td class="steps">{steps}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section id="measurements" aria-labelledby="measurements-title">
                <h3 id="measurements-title">{tr(lang, "measurements_title")}</h3>
                <p class="note">{tr(lang, "measurements_note")}</p>
                <table class="matrix">
                    <thead><tr>
                        <th scope="col">{tr(lang, "measured_at")}</th>
                        <th scope="col">{tr(lang, "measured_where")}</th>
                        <th scope="col">{tr(lang, "probe_mirror")}</th>
                        <th scope="col">{tr(lang, "measured_request")}</th>
                        <th scope="col">{tr(lang, "measured_verdict")}</th>
                        <th scope="col">{tr(lang, "measured_steps")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        }
    })
}

/// Renders `text` with its backtick-quoted spans as `<code>`, everything as text (never HTML).
pub fn inline_code(text: &str) -> impl IntoView + use<> {
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
