//! What a probe exchanges with a mirror: the request once validated ([`Prepared`]), each step's
//! answer ([`Fetched`]) or failure ([`Failure`]), and the two together ([`Exchange`]). The
//! runner ([`crate::run`]) produces exchanges; the report ([`crate::report`]) reads them.

use crate::plan::Step;
use crate::target::{self, Policy, Target};
use crate::{Outcome, ProbeError, ProbeRequest};

/// One HTTP answer, redirects not followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    pub status: u16,
    pub location: Option<String>,
    pub content_type: Option<String>,
    /// At most the `max_body` bytes asked for.
    pub body: Vec<u8>,
    /// Whether the body was longer than that.
    pub truncated: bool,
}

/// Why no answer came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub outcome: Outcome,
    pub message: String,
}

impl Failure {
    pub fn new(outcome: Outcome, message: impl Into<String>) -> Failure {
        Failure {
            outcome,
            message: message.into(),
        }
    }
}

/// A validated probe: where, what, and the rules it runs under.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub target: Target,
    pub request: ProbeRequest,
    pub policy: Policy,
}

/// Checks a request under `policy`: the proxy URL, the module path and versions.
pub fn prepare(request: ProbeRequest, policy: Policy) -> Result<Prepared, ProbeError> {
    let target = target::validate(&request.proxy, policy).map_err(ProbeError::Refused)?;
    // Planning checks the module path and versions once, before any request.
    crate::plan::plan(
        &target,
        &request.module,
        request.version.as_deref().or(Some("v0.0.0")),
        request.go.as_deref(),
    )
    .map_err(ProbeError::Plan)?;
    Ok(Prepared {
        target,
        request,
        policy,
    })
}

/// A step and how it went.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub step: Step,
    /// The URL that answered (after redirects).
    pub url: String,
    pub redirects: u8,
    pub ms: u32,
    pub result: Result<Fetched, Failure>,
    /// When the first attempt failed in a way that may pass (a 5xx, a 429, a broken
    /// connection) and the step was tried once more at once: what the first attempt got.
    /// `result` is then the second attempt's.
    pub first_attempt: Option<String>,
}

impl Exchange {
    /// Whether this answer may be a passing fault, worth one more try: 429, 500, 502, 503,
    /// 504, or a connection refused, reset or closed. Not a timeout (a second one would take
    /// as long again), not a 404 (an answer).
    pub fn may_pass(&self) -> bool {
        match &self.result {
            Ok(fetched) => matches!(fetched.status, 429 | 500 | 502 | 503 | 504),
            Err(failure) => failure.outcome == Outcome::Connection,
        }
    }

    /// The answer in a few words (`HTTP 502`, or the failure's message).
    pub fn said(&self) -> String {
        match &self.result {
            Ok(fetched) => format!("HTTP {}", fetched.status),
            Err(failure) => crate::report::printable(&failure.message, 120),
        }
    }
}
