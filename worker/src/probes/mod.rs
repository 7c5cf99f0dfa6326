//! Mirror probes: `GET /api/probe` (one mirror, from this data centre) and `POST /api/probe`
//! (several mirrors × regions, fanned out to the `Prober` Durable Object created with each
//! location hint, streamed back as NDJSON). The probe itself is gmd-probe; these files are its IO:
//!
//! - `handlers.rs`: the two routes, their parameters and the fan-out;
//! - `prober.rs`: the `Prober` Durable Object, one per region, with its recent results;
//! - `cache.rs`: where a result is kept (the key, the Cache API for `GET`);
//! - `fetch.rs`: fetch with a manual redirect policy, an abort deadline and a capped body read;
//! - `runs.rs`: a run's measurements kept a day for a shared report to attach.

mod cache;
mod fetch;
mod handlers;
mod modcheck;
mod prober;

pub(crate) use fetch::JsFetch;
pub(crate) use handlers::probe_everywhere;
pub use handlers::{get, post};
pub use modcheck::post as modcheck;

use crate::routes::ApiError;
use gmd_probe::ProbeRequest;
use gmd_probe::note::{NoteVerifier, SUM_GOLANG_ORG_KEY};
use gmd_probe::run::{self, Prepared};
use gmd_probe::target::Policy;
use serde::{Deserialize, Serialize};
use worker::Env;

/// How this deployment probes: the address policy and the checksum database's key.
struct Settings {
    policy: Policy,
    key: String,
}

impl Settings {
    /// `GMD_TEST_MODE=1` allows loopback targets and a test checksum database's key
    /// (`GMD_PROBE_SUMDB_KEY`); both are refused otherwise.
    fn from_env(env: &Env) -> Settings {
        let test_mode = crate::http::test_mode(env);
        let key = env
            .var("GMD_PROBE_SUMDB_KEY")
            .ok()
            .map(|v| v.to_string())
            .filter(|_| test_mode)
            .unwrap_or_else(|| SUM_GOLANG_ORG_KEY.to_owned());
        Settings {
            policy: if test_mode {
                Policy::PublicOrLoopback
            } else {
                Policy::Public
            },
            key,
        }
    }

    fn verifier(&self) -> Result<NoteVerifier, ApiError> {
        NoteVerifier::parse(&self.key).map_err(ApiError::Internal)
    }
}

/// The longest deadline a caller may ask for, in seconds.
const MAX_TIMEOUT_SECONDS: f64 = 8.0;

fn bad_timeout(message: String) -> ApiError {
    ApiError::BadParameter {
        name: "timeout",
        message,
    }
}

fn prepare(request: ProbeRequest, settings: &Settings) -> Result<Prepared, ApiError> {
    run::prepare(request, settings.policy).map_err(|e| ApiError::ProbeRefused {
        code: e.code(),
        message: e.text(),
    })
}

/// What the front sends a `Prober`.
/// A proxy URL checked as a probe target is (no private address, no user info…), normalised.
fn proxy_target(proxy: String, settings: &Settings) -> Result<String, ApiError> {
    let request = ProbeRequest {
        proxy,
        module: gmd_probe::DEFAULT_MODULE.to_owned(),
        version: None,
        go: None,
    };
    Ok(prepare(request, settings)?.target.base())
}

#[derive(Debug, Serialize, Deserialize)]
struct Job {
    request: ProbeRequest,
    region: Option<String>,
    step_ms: u32,
    probe_ms: u32,
    /// Measure now, never a result of the last minute (the status board's scheduled runs).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    fresh: bool,
}
