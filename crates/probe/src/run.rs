//! Running a probe: the edges (the worker, the CLI) pass in how to fetch one URL; this module
//! follows redirects under the SSRF rules, keeps the deadlines, runs the steps concurrently and
//! resolves `@latest` before the version's own steps.

use crate::Outcome;
pub use crate::exchange::{Exchange, Failure, Fetched, Prepared, prepare};
use crate::note::NoteVerifier;
use crate::plan::{Step, StepKind};
use crate::report::{MirrorReport, mirror_report};
use crate::target::{self, MAX_REDIRECTS, Policy};
use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

/// The default deadline of a step and of a whole probe.
pub const DEFAULT_TIMEOUT_MS: u32 = 8_000;

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

impl Limits {
    /// Both deadlines from a number of seconds (from 0.1 to `max_seconds`).
    pub fn from_seconds(seconds: f64, max_seconds: f64) -> Result<Limits, String> {
        if !(0.1..=max_seconds).contains(&seconds) {
            return Err(format!(
                "`{seconds}` is not a number of seconds from 0.1 to {max_seconds}"
            ));
        }
        let ms = (seconds * 1000.0) as u32;
        Ok(Limits {
            step_ms: ms,
            probe_ms: ms,
        })
    }

    /// [`Limits::from_seconds`] from text such as `2.5` or `2.5s`.
    pub fn parse_seconds(text: &str, max_seconds: f64) -> Result<Limits, String> {
        let seconds = text
            .trim_end_matches('s')
            .parse()
            .map_err(|_| format!("`{text}` is not a number of seconds from 0.1 to {max_seconds}"))?;
        Limits::from_seconds(seconds, max_seconds)
    }
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
    // The tile that proves the record is in the tree, once the lookup named both.
    let tile = exchanges
        .iter()
        .find(|e| e.step.kind == StepKind::SumdbLookup)
        .and_then(|e| e.result.as_ref().ok())
        .filter(|f| f.status == 200)
        .and_then(|f| record_and_tree_size(&f.body))
        .and_then(|(record, size)| crate::plan::tile_step(&prepared.target, record, size));
    if let Some(step) = tile {
        exchanges.push(run_step(fetch, step, prepared.policy, limits, started).await);
    }
    let ms = (fetch.now_ms() - started).max(0.0) as u32;
    mirror_report(prepared, version.as_deref(), &exchanges, verifier, ms)
}

/// The record number (the lookup's first line) and the tree size its signed note names (the
/// line after `go.sum database tree`).
fn record_and_tree_size(body: &[u8]) -> Option<(u64, u64)> {
    let text = std::str::from_utf8(body).ok()?;
    let mut lines = text.lines();
    let record = lines.next()?.trim().parse().ok()?;
    let size = text
        .lines()
        .skip_while(|l| !l.ends_with("go.sum database tree"))
        .nth(1)?
        .trim()
        .parse()
        .ok()?;
    Some((record, size))
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
/// An answer that may be a passing fault ([`Exchange::may_pass`]) on the step's own URL is tried
/// once more at once, while the deadline allows: whether the second try succeeds is what tells a
/// passing fault from a lasting one. A step makes at most `1 + MAX_REDIRECTS` requests either way.
pub async fn run_step<F: Fetch>(fetch: &F, step: Step, policy: Policy, limits: Limits, probe_started: f64) -> Exchange {
    let begin = fetch.now_ms();
    let end = (begin + f64::from(limits.step_ms)).min(probe_started + f64::from(limits.probe_ms));
    let (url, redirects, result) = attempt(fetch, &step, policy, end).await;
    let mut exchange = Exchange {
        step,
        url,
        redirects,
        ms: 0,
        result,
        first_attempt: None,
    };
    if exchange.redirects == 0 && exchange.may_pass() && end - fetch.now_ms() >= 1.0 {
        let first = exchange.said();
        let (url, redirects, result) = attempt(fetch, &exchange.step, policy, end).await;
        exchange = Exchange {
            url,
            redirects,
            result,
            first_attempt: Some(first),
            ..exchange
        };
    }
    exchange.ms = (fetch.now_ms() - begin).max(0.0) as u32;
    exchange
}

/// One try of a step, redirects followed: the URL that answered, the redirects, the answer.
async fn attempt<F: Fetch>(fetch: &F, step: &Step, policy: Policy, end: f64) -> (String, u8, Result<Fetched, Failure>) {
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
    (url, redirects, result)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ProbeRequest;
    use crate::note::SUM_GOLANG_ORG_KEY;
    use std::cell::{Cell, RefCell};

    /// A mirror in memory: each URL answers a scripted response after a scripted delay, on a
    /// simulated clock; unknown URLs answer 404.
    #[derive(Default)]
    struct Scripted {
        answers: Vec<(String, u32, Result<Fetched, Failure>)>,
        clock: Cell<f64>,
        asked: RefCell<Vec<String>>,
    }

    impl Scripted {
        fn answer(mut self, url: &str, delay_ms: u32, status: u16, location: Option<&str>, body: &str) -> Scripted {
            let fetched = Fetched {
                status,
                location: location.map(str::to_owned),
                content_type: None,
                body: body.as_bytes().to_vec(),
                truncated: false,
            };
            self.answers.push((url.to_owned(), delay_ms, Ok(fetched)));
            self
        }
    }

    impl Fetch for Scripted {
        async fn fetch(
            &self,
            _method: &'static str,
            url: &str,
            timeout_ms: u32,
            _max: usize,
        ) -> Result<Fetched, Failure> {
            // A URL scripted several times answers each in turn, then the last one again.
            let before = self.asked.borrow().iter().filter(|u| *u == url).count();
            self.asked.borrow_mut().push(url.to_owned());
            let scripted: Vec<_> = self.answers.iter().filter(|(u, _, _)| u == url).collect();
            let (delay, result) = scripted
                .get(before.min(scripted.len().saturating_sub(1)))
                .map(|(_, d, r)| (*d, r.clone()))
                .unwrap_or((
                    1,
                    Ok(Fetched {
                        status: 404,
                        location: None,
                        content_type: None,
                        body: b"not found".to_vec(),
                        truncated: false,
                    }),
                ));
            if delay > timeout_ms {
                self.clock.set(self.clock.get() + f64::from(timeout_ms));
                return Err(Failure::new(Outcome::Timeout, "scripted timeout"));
            }
            self.clock.set(self.clock.get() + f64::from(delay));
            result
        }

        fn now_ms(&self) -> f64 {
            self.clock.get()
        }
    }

    /// Polls a future whose every await is ready at once (the scripted fetcher never waits).
    fn ready<T>(future: impl Future<Output = T>) -> T {
        let mut future = std::pin::pin!(future);
        match future
            .as_mut()
            .poll(&mut std::task::Context::from_waker(std::task::Waker::noop()))
        {
            Poll::Ready(value) => value,
            Poll::Pending => panic!("a scripted fetch never waits"),
        }
    }

    fn step(url: &str) -> Step {
        Step {
            kind: StepKind::List,
            method: "GET",
            url: url.to_owned(),
        }
    }

    /// Runs one step under the public policy and renders `outcome final-url redirects detail`.
    fn check(fetch: &Scripted, url: &str, limits: Limits, expected: &str) {
        let exchange = ready(run_step(fetch, step(url), Policy::Public, limits, 0.0));
        let actual = match &exchange.result {
            Ok(f) => format!("{} {} {}", f.status, exchange.url, exchange.redirects),
            Err(e) => format!(
                "{} {} {} {}",
                e.outcome.code(),
                exchange.url,
                exchange.redirects,
                e.message
            ),
        };
        assert!(actual.starts_with(expected), "{url}: {actual}");
    }

    #[test]
    fn a_lookup_names_its_record_and_the_tree_size() {
        let body = b"2345678\ngolang.org/x/text v0.14.0 h1:x=\ngolang.org/x/text v0.14.0/go.mod h1:y=\n\ngo.sum database tree\n40000000\nhash=\n\n\xe2\x80\x94 sum.golang.org sig\n";
        assert_eq!(record_and_tree_size(body), Some((2_345_678, 40_000_000)));
        assert_eq!(record_and_tree_size(b"not a lookup"), None);
    }

    #[test]
    fn deadlines_from_seconds() {
        assert_eq!(
            Limits::parse_seconds("2.5s", 8.0),
            Ok(Limits {
                step_ms: 2_500,
                probe_ms: 2_500
            })
        );
        assert_eq!(Limits::parse_seconds("8", 8.0).map(|l| l.probe_ms), Ok(8_000));
        for bad in ["9", "0", "-1", "soon", "NaN", ""] {
            assert!(Limits::parse_seconds(bad, 8.0).is_err(), "{bad}");
        }
    }

    #[test]
    fn redirects_are_followed_three_times_and_checked_each_time() {
        let fetch = Scripted::default()
            .answer("https://a.example/1", 1, 302, Some("/2"), "")
            .answer("https://a.example/2", 1, 301, Some("https://b.example/3"), "")
            .answer("https://b.example/3", 1, 307, Some("4"), "")
            .answer("https://b.example/4", 1, 200, None, "v1.0.0\n")
            .answer("https://a.example/loop", 1, 302, Some("/loop"), "")
            .answer(
                "https://a.example/meta",
                1,
                302,
                Some("http://169.254.169.254/latest"),
                "",
            )
            .answer("https://a.example/nowhere", 1, 302, None, "");
        let limits = Limits::default();
        check(&fetch, "https://a.example/1", limits, "200 https://b.example/4 3");
        check(
            &fetch,
            "https://a.example/loop",
            limits,
            "refused https://a.example/loop 3 more than 3 redirects",
        );
        check(
            &fetch,
            "https://a.example/meta",
            limits,
            "refused https://a.example/meta 0 redirect to http://169.254.169.254/latest not followed",
        );
        check(
            &fetch,
            "https://a.example/nowhere",
            limits,
            "302 https://a.example/nowhere 0",
        );
        assert!(
            !fetch.asked.borrow().iter().any(|u| u.contains("169.254")),
            "the refused redirect was never requested"
        );
    }

    #[test]
    fn a_fault_that_may_pass_is_tried_once_more_and_both_answers_kept() {
        let fetch = Scripted::default()
            .answer("https://a.example/flaky", 1, 502, None, "bad gateway")
            .answer("https://a.example/flaky", 1, 200, None, "v1.0.0\n")
            .answer("https://a.example/down", 1, 503, None, "")
            .answer("https://a.example/gone", 1, 404, None, "not found")
            .answer("https://a.example/hop", 1, 302, Some("/down"), "");
        let run = |url: &str| ready(run_step(&fetch, step(url), Policy::Public, Limits::default(), 0.0));
        let flaky = run("https://a.example/flaky");
        assert_eq!(flaky.result.as_ref().map(|f| f.status), Ok(200));
        assert_eq!(flaky.first_attempt.as_deref(), Some("HTTP 502"));
        let down = run("https://a.example/down");
        assert_eq!(
            (down.said(), down.first_attempt.as_deref()),
            ("HTTP 503".to_owned(), Some("HTTP 503"))
        );
        // An answer is not retried; nor is a step that redirected (its requests are spent).
        assert_eq!(run("https://a.example/gone").first_attempt, None);
        assert_eq!(run("https://a.example/hop").first_attempt, None);
        let asked = |url: &str| fetch.asked.borrow().iter().filter(|u| *u == url).count();
        assert_eq!(
            [
                asked("https://a.example/flaky"),
                asked("https://a.example/gone"),
                asked("https://a.example/down")
            ],
            [2, 1, 3]
        );
    }

    #[test]
    fn deadlines_bound_each_step_and_the_whole_probe() {
        let fetch = Scripted::default()
            .answer("https://a.example/slow", 9_000, 200, None, "")
            .answer("https://a.example/hop", 600, 302, Some("/hop2"), "")
            .answer("https://a.example/hop2", 600, 200, None, "");
        let tight = Limits {
            step_ms: 1_000,
            probe_ms: 8_000,
        };
        check(&fetch, "https://a.example/slow", tight, "timeout");
        // Redirects count against the same step deadline.
        check(
            &fetch,
            "https://a.example/hop",
            tight,
            "timeout https://a.example/hop2 1",
        );
        // A probe that began 7.5 s ago has half a second left.
        fetch.clock.set(7_500.0);
        let late = ready(run_step(
            &fetch,
            step("https://a.example/hop2"),
            Policy::Public,
            Limits::default(),
            0.0,
        ));
        assert_eq!(late.result.map_err(|e| e.outcome), Err(Outcome::Timeout));
    }

    #[test]
    fn latest_is_resolved_before_the_version_steps() {
        let base = "https://proxy.example";
        let fetch = Scripted::default()
            .answer(
                &format!("{base}/golang.org/x/text/@v/list"),
                5,
                200,
                None,
                "v0.13.0\nv0.14.0\n",
            )
            .answer(
                &format!("{base}/golang.org/x/text/@latest"),
                5,
                200,
                None,
                r#"{"Version":"v0.14.0","Time":"2023-10-11T00:00:00Z"}"#,
            )
            .answer(
                &format!("{base}/golang.org/x/text/@v/v0.14.0.info"),
                5,
                200,
                None,
                r#"{"Version":"v0.14.0"}"#,
            )
            .answer(
                &format!("{base}/golang.org/x/text/@v/v0.14.0.mod"),
                5,
                200,
                None,
                "module golang.org/x/text\n",
            )
            .answer(&format!("{base}/golang.org/x/text/@v/v0.14.0.zip"), 5, 200, None, "");
        let prepared = prepare(
            ProbeRequest {
                proxy: base.to_owned(),
                module: "golang.org/x/text".to_owned(),
                version: None,
                go: None,
            },
            Policy::Public,
        )
        .unwrap();
        let verifier = NoteVerifier::parse(SUM_GOLANG_ORG_KEY).unwrap();
        let report = ready(probe(&fetch, &prepared, Limits::default(), &verifier));
        assert_eq!(report.version.as_deref(), Some("v0.14.0"));
        assert_eq!(
            report.mod_hash.as_deref(),
            Some(crate::hash::go_mod_hash(b"module golang.org/x/text\n").as_str())
        );
        let steps: Vec<String> = report
            .steps
            .iter()
            .map(|s| format!("{} {}", s.step, s.outcome))
            .collect();
        assert_eq!(
            steps,
            [
                "list ok",
                "latest ok",
                "info ok",
                "mod ok",
                "zip ok",
                "sumdb_supported not_found",
                "sumdb_lookup not_found"
            ]
        );
        assert_eq!(report.verdict.status, "ok");
        assert!(
            report.verdict.line.contains("does not proxy the checksum database"),
            "{}",
            report.verdict.line
        );
        // The first phase asked for the list, @latest and supported; the second for the rest.
        assert_eq!(fetch.asked.borrow().len(), 7);
    }
}
