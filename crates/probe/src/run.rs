//! Running a probe: the edges (the worker, the CLI) pass in how to fetch one URL; this module
//! follows redirects under the SSRF rules, keeps the deadlines, runs the steps concurrently and
//! resolves `@latest` before the version's own steps.

use crate::note::NoteVerifier;
use crate::plan::{Step, StepKind};
use crate::report::{MirrorReport, mirror_report};
use crate::target::{self, MAX_REDIRECTS, Policy, Target};
use crate::{Outcome, ProbeError, ProbeRequest};
use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

/// The default deadline of a step and of a whole probe.
pub const DEFAULT_TIMEOUT_MS: u32 = 8_000;

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

/// The IO a probe needs, provided by its edge.
pub trait Fetch {
    /// One request to `url`: no redirect followed, at most `max_body` bytes of the body read,
    /// given up after `timeout_ms` (as [`Outcome::Timeout`]).
    fn fetch(
        &self,
        method: &'static str,
        url: &str,
        timeout_ms: u32,
        max_body: usize,
    ) -> impl Future<Output = Result<Fetched, Failure>>;

    /// A clock in milliseconds.
    fn now_ms(&self) -> f64;
}

/// Deadlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// For one step, redirects included.
    pub step_ms: u32,
    /// For the whole probe of a mirror.
    pub probe_ms: u32,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            step_ms: DEFAULT_TIMEOUT_MS,
            probe_ms: DEFAULT_TIMEOUT_MS,
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
}

/// Probes one mirror: every step concurrently; with no version given, `@latest` first, then
/// the steps of the version it names.
pub async fn probe<F: Fetch>(fetch: &F, prepared: &Prepared, limits: Limits, verifier: &NoteVerifier) -> MirrorReport {
    let started = fetch.now_ms();
    let request = &prepared.request;
    let requested = request.version.as_deref().filter(|v| *v != "latest");
    let plan = |version: Option<&str>| {
        crate::plan::plan(&prepared.target, &request.module, version, request.go.as_deref()).unwrap_or_default()
    };
    let mut exchanges = run_all(fetch, plan(requested), prepared.policy, limits, started).await;
    let mut version = requested.map(str::to_owned);
    if version.is_none() {
        version = exchanges
            .iter()
            .find(|e| e.step.kind == StepKind::Latest)
            .and_then(|e| e.result.as_ref().ok())
            .filter(|f| f.status == 200)
            .and_then(|f| crate::report::info_version(&f.body));
        if let Some(latest) = version.as_deref() {
            let second: Vec<Step> = plan(Some(latest))
                .into_iter()
                .filter(|s| exchanges.iter().all(|e| e.step.kind != s.kind))
                .collect();
            exchanges.extend(run_all(fetch, second, prepared.policy, limits, started).await);
        }
    }
    let ms = (fetch.now_ms() - started).max(0.0) as u32;
    mirror_report(prepared, version.as_deref(), &exchanges, verifier, ms)
}

async fn run_all<F: Fetch>(fetch: &F, steps: Vec<Step>, policy: Policy, limits: Limits, started: f64) -> Vec<Exchange> {
    join_all(
        steps
            .into_iter()
            .map(|step| {
                Box::pin(run_step(fetch, step, policy, limits, started)) as Pin<Box<dyn Future<Output = Exchange> + '_>>
            })
            .collect(),
    )
    .await
}

/// Runs one step, following at most [`MAX_REDIRECTS`] redirects, each checked under `policy`.
pub async fn run_step<F: Fetch>(fetch: &F, step: Step, policy: Policy, limits: Limits, probe_started: f64) -> Exchange {
    let begin = fetch.now_ms();
    let end = (begin + f64::from(limits.step_ms)).min(probe_started + f64::from(limits.probe_ms));
    let mut url = step.url.clone();
    let mut redirects = 0u8;
    let result = loop {
        let remaining = (end - fetch.now_ms()).max(0.0) as u32;
        if remaining == 0 {
            break Err(Failure::new(Outcome::Timeout, "the probe's deadline passed"));
        }
        let fetched = fetch.fetch(step.method, &url, remaining, step.kind.max_body()).await;
        let location = match &fetched {
            Ok(f) if matches!(f.status, 301 | 302 | 303 | 307 | 308) => f.location.clone(),
            _ => None,
        };
        let Some(location) = location else {
            break fetched;
        };
        if usize::from(redirects) == MAX_REDIRECTS {
            break Err(Failure::new(
                Outcome::Refused,
                format!("more than {MAX_REDIRECTS} redirects"),
            ));
        }
        match target::follow(&url, &location, policy) {
            Ok(next) => {
                url = next;
                redirects += 1;
            }
            Err(refusal) => {
                break Err(Failure::new(
                    Outcome::Refused,
                    format!(
                        "redirect to {} not followed: {}",
                        crate::report::printable(&location, 120),
                        refusal.message()
                    ),
                ));
            }
        }
    };
    Exchange {
        step,
        url,
        redirects,
        ms: (fetch.now_ms() - begin).max(0.0) as u32,
        result,
    }
}

/// Polls every future until all are done; the results in the order given.
pub async fn join_all<'a, T>(futures: Vec<Pin<Box<dyn Future<Output = T> + 'a>>>) -> Vec<T> {
    let mut pending: Vec<Option<Pin<Box<dyn Future<Output = T> + 'a>>>> = futures.into_iter().map(Some).collect();
    let mut done: Vec<Option<T>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(move |cx| {
        for (slot, result) in pending.iter_mut().zip(done.iter_mut()) {
            if let Some(future) = slot
                && let Poll::Ready(value) = future.as_mut().poll(cx)
            {
                *result = Some(value);
                *slot = None;
            }
        }
        if pending.iter().all(Option::is_none) {
            Poll::Ready(done.iter_mut().filter_map(Option::take).collect())
        } else {
            Poll::Pending
        }
    })
    .await
}
