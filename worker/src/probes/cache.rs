//! Where a probe result is kept: the key names everything that changes the answer; `GET` reuses
//! this data centre's result through the Cache API, a `Prober` keeps its own in memory.

use super::Settings;
use super::fetch::JsFetch;
use crate::routes::ApiError;
use gmd_probe::report::MirrorReport;
use gmd_probe::run::{self, Limits, Prepared};
use worker::{Cache, Response};

/// How long a probe result is reused in a data centre.
pub(super) const CACHE_SECONDS: u32 = 60;

/// The cache write a probe leaves behind, for `waitUntil` (the answer does not wait for it).
pub(super) type CacheWrite = std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>;

/// Where a result is kept: everything that changes the answer.
pub(super) fn cache_key(prepared: &Prepared, limits: Limits, region: Option<&str>) -> String {
    let request = &prepared.request;
    format!(
        "https://probe-cache.invalid/v1?mirror={}&module={}&version={}&go={}&timeout={}&region={}",
        encode(&prepared.target.base()),
        encode(&request.module),
        encode(request.version.as_deref().unwrap_or("")),
        encode(request.go.as_deref().unwrap_or("")),
        limits.probe_ms,
        region.unwrap_or(""),
    )
}

/// `GET`'s probe: reuses this data centre's result from the last [`CACHE_SECONDS`] (the Cache
/// API; the front has no memory of its own that outlives a request for sure).
pub(super) async fn probe_cached(
    prepared: &Prepared,
    limits: Limits,
    settings: &Settings,
    colo: Option<String>,
) -> Result<(MirrorReport, Option<CacheWrite>), ApiError> {
    let key = cache_key(prepared, limits, None);
    let cache = Cache::default();
    if let Ok(Some(mut hit)) = cache.get(key.as_str(), false).await
        && let Ok(mut report) = hit.json::<MirrorReport>().await
    {
        report.cached = true;
        return Ok((report, None));
    }
    let mut report = run::probe(&JsFetch, prepared, limits, &settings.verifier()?).await;
    report.colo = colo;
    let write = Response::from_json(&report).ok().map(|mut response| {
        let _ = response
            .headers_mut()
            .set("Cache-Control", &format!("max-age={CACHE_SECONDS}"));
        Box::pin(async move {
            // A failed cache write costs the next caller a fresh probe, nothing more.
            if let Err(e) = cache.put(key.as_str(), response).await {
                worker::console_warn!("probe cache: {e}");
            }
        }) as CacheWrite
    });
    Ok((report, write))
}

/// Percent-encodes a query value.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
