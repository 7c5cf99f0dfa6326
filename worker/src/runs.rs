//! Probe runs kept for shared reports: at the end of `POST /api/probe` the worker stores what it
//! measured (`probes:<run>` in the reports' KV namespace, for a day) and names the run in the
//! summary line; `POST /api/reports?probes=<run>,…` attaches those measurements to the report it
//! stores. A report's measurements are therefore the worker's own, never a client's.

use crate::routes::{ApiError, RUN_TTL_SECONDS};
use gmd_probe::report::{MirrorReport, SummaryEntry};
use gmd_report::{MAX_MEASUREMENTS, MAX_RUNS, MeasuredStep, Measurement};
use worker::kv::KvStore;

/// The characters of a run id: the first 16 of the URL-safe base64 SHA-256 of its measurements.
const RUN_ID_LEN: usize = 16;

fn key(id: &str) -> String {
    format!("probes:{id}")
}

/// The measurements of a run that ended at `at` (RFC 3339), each with its verdict after the
/// comparison across mirrors (`entries`, in the same order: a stale list, a `.mod` that differs).
pub fn measurements(reports: &[MirrorReport], entries: &[SummaryEntry], at: &str) -> Vec<Measurement> {
    reports
        .iter()
        .zip(entries)
        .map(|(r, entry)| Measurement {
            at: at.to_owned(),
            region: r.region.clone(),
            colo: r.colo.clone(),
            mirror: r.mirror.clone(),
            module: r.module.clone(),
            version: r.version.clone(),
            verdict: entry.verdict.status.clone(),
            ms: r.ms,
            steps: r
                .steps
                .iter()
                .map(|s| MeasuredStep {
                    step: s.step.clone(),
                    outcome: s.outcome.clone(),
                    status: s.status,
                    ms: s.ms,
                    first_attempt: s.first_attempt.clone(),
                })
                .collect(),
        })
        .collect()
}

/// The ids a report asks to attach (`a,b`): at most [`MAX_RUNS`], each well formed, each once.
pub fn parse_ids(value: &str) -> Result<Vec<String>, ApiError> {
    let mut ids: Vec<String> = Vec::new();
    for id in value.split(',').map(str::trim).filter(|id| !id.is_empty()) {
        let well_formed =
            id.len() == RUN_ID_LEN && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !well_formed {
            return Err(ApiError::BadParameter {
                name: "probes",
                message: format!("`{id}` is not a probe run id"),
            });
        }
        if !ids.iter().any(|i| i == id) {
            ids.push(id.to_owned());
        }
    }
    if ids.len() > MAX_RUNS {
        return Err(ApiError::BadParameter {
            name: "probes",
            message: format!("{} probe runs; at most {MAX_RUNS} are attached", ids.len()),
        });
    }
    Ok(ids)
}

/// Stores a run's measurements; its id.
pub async fn store(kv: &KvStore, measurements: &[Measurement]) -> Result<String, String> {
    let bytes = serde_json::to_vec(measurements).map_err(|e| e.to_string())?;
    let id = gmd_report::full_id(&bytes)[..RUN_ID_LEN].to_owned();
    kv.put_bytes(&key(&id), &bytes)
        .map_err(|e| e.to_string())?
        .expiration_ttl(RUN_TTL_SECONDS)
        .execute()
        .await
        .map_err(|e| e.to_string())?;
    Ok(id)
}

/// The measurements of the runs `ids`, in order, at most [`MAX_MEASUREMENTS`].
pub async fn load(kv: &KvStore, ids: &[String]) -> Result<Vec<Measurement>, ApiError> {
    let mut all = Vec::new();
    for id in ids {
        let bytes = kv
            .get(&key(id))
            .bytes()
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?
            .ok_or_else(|| ApiError::ProbeRunUnknown { id: id.clone() })?;
        let run: Vec<Measurement> = serde_json::from_slice(&bytes).map_err(|e| ApiError::Internal(e.to_string()))?;
        all.extend(run);
    }
    all.truncate(MAX_MEASUREMENTS);
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_ids_are_checked_before_any_lookup() {
        assert_eq!(parse_ids("").unwrap(), Vec::<String>::new());
        assert_eq!(
            parse_ids("AAAAAAAAAAAAAAAA, AAAAAAAAAAAAAAAA,bbbbbbbbbbbbbbb_").unwrap(),
            vec!["AAAAAAAAAAAAAAAA", "bbbbbbbbbbbbbbb_"]
        );
        for bad in ["short", "AAAAAAAAAAAAAAA/", "AAAAAAAAAAAAAAAAA", "../../report:abc"] {
            assert_eq!(parse_ids(bad).unwrap_err().code(), "bad_parameter", "{bad}");
        }
        let five = (0..5)
            .map(|i| format!("{i}AAAAAAAAAAAAAAA"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(parse_ids(&five).unwrap_err().code(), "bad_parameter");
    }
}
