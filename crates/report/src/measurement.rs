//! Probe results attached to a shared report: what the worker measured, where and when, shown to
//! readers as measurements (never as advice). The worker writes them from its own stored probe
//! runs; a client cannot put its own in a report.

use serde::{Deserialize, Serialize};

/// One mirror probed from one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measurement {
    /// When the worker finished the probe run: RFC 3339, UTC, from the worker's clock.
    pub at: String,
    /// The region asked for (a location hint such as `weur`); absent: the data centre nearest
    /// to the worker that served the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The Cloudflare data centre that ran the probe (`FRA`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colo: Option<String>,
    /// The mirror's base URL.
    pub mirror: String,
    pub module: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The mirror's verdict code (`ok`, `not_found`, `degraded`, `broken`, `down`, …).
    pub verdict: String,
    /// The whole probe's duration.
    pub ms: u32,
    pub steps: Vec<MeasuredStep>,
}

/// One request of a probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasuredStep {
    /// `list`, `info`, `mod`, `zip`, `sumdb`, …
    pub step: String,
    /// The outcome code (`ok`, `http_error`, `timeout`, …).
    pub outcome: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    pub ms: u32,
    /// What the first attempt got, when the step was asked twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_attempt: Option<String>,
}

/// The most probe runs one report carries, and the most measurements in all.
pub const MAX_RUNS: usize = 4;
pub const MAX_MEASUREMENTS: usize = 64;
