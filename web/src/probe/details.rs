//! The selected cell in full: its verdict, its steps, the go.mod hash against the checksum database.

use super::state::{Board, Cell, status_of};
use crate::i18n::{Lang, tr};
use leptos::prelude::*;

/// The details of `board`'s selected cell, if any.
#[component]
pub(super) fn Details(board: Board) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let Board {
        cells,
        summary,
        selected,
        ..
    } = board;
    move || {
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
                            <th scope="col">{tr(lang, "probe_step")}</th>
                            <th scope="col">{tr(lang, "probe_outcome")}</th>
                            <th scope="col">"HTTP"</th>
                            <th scope="col">"ms"</th>
                            <th scope="col">{tr(lang, "probe_detail")}</th>
                        </tr></thead>
                        <tbody>{steps}</tbody>
                    </table>
                </div>
            }
            .into_any(),
        )
    }
}
