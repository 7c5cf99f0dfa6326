//! The form's choices: which mirrors (the catalogue's, ticked, and custom URLs) and which regions.

use crate::i18n::{Lang, tr};
use gmd_probe::REGIONS;
use leptos::prelude::*;

/// The catalogue's mirrors as checkboxes, a field for custom URLs, and the retired mirrors named.
#[component]
pub(super) fn MirrorChoice(ticked: RwSignal<Vec<String>>, custom: RwSignal<String>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let catalogue = gmd_probe::catalogue::mirrors();
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
                <label class="check" title={
                    let (note, note_zh) = (m.note, m.note_zh);
                    move || if lang.get() == Lang::Zh { note_zh } else { note }
                }>
                    <input type="checkbox" class="mirror" prop:checked=checked on:change=toggle/>
                    {m.host}
                </label>
            }
        })
        .collect_view();
    let retired = move || {
        let zh = lang.get() == Lang::Zh;
        gmd_probe::catalogue::retired()
            .iter()
            .map(|m| match zh {
                true => format!("{}（{}）", m.host, m.note_zh),
                false => format!("{} ({})", m.host, m.note),
            })
            .collect::<Vec<_>>()
            .join(if zh { "；" } else { "; " })
    };
    view! {
        <fieldset>
            <legend>{tr(lang, "probe_mirrors")}</legend>
            {mirror_boxes}
            <label class="custom">{tr(lang, "probe_custom")}
                <input id="probe-custom" type="text" inputmode="url" spellcheck="false" placeholder="https://goproxy.example.com"
                    prop:value=move || custom.get() on:input=move |ev| custom.set(event_target_value(&ev))/>
            </label>
            <p class="note">{tr(lang, "probe_retired")} " " {retired}</p>
        </fieldset>
    }
}

/// The regions to probe from, as checkboxes (none: near the worker).
#[component]
pub(super) fn RegionChoice(regions: RwSignal<Vec<&'static str>>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let region_boxes = REGIONS
        .iter()
        .map(|(code, _, _)| {
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
                <label class="check" title=code>
                    <input type="checkbox" id=format!("region-{code}") prop:checked=move || regions.with(|all| all.contains(&code)) on:change=toggle/>
                    {move || crate::i18n::region_name(Some(code), lang.get())}
                </label>
            }
        })
        .collect_view();

    view! {
        <fieldset>
            <legend>{tr(lang, "probe_regions")}</legend>
            {region_boxes}
            <p class="note">{tr(lang, "probe_regions_none")}</p>
        </fieldset>
    }
}
