//! `gomod-doctor probe`: the worker's mirror probe, run from the user's own machine (the same
//! gmd-probe logic; here the requests go out through ureq, one thread per request).

use gmd_probe::Outcome;
use gmd_probe::ProbeRequest;
use gmd_probe::note::{NoteVerifier, SUM_GOLANG_ORG_KEY};
use gmd_probe::report::{MirrorReport, StreamLine, summary_entries};
use gmd_probe::run::{self, Failure, Fetch, Fetched, Limits};
use gmd_probe::target::Policy;
use std::future::Future;
use std::io::Read;
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

pub const USAGE: &str = "\
usage: gomod-doctor probe [--proxy URL]... [--go VERSION] [--timeout SECONDS] [--format text|json]
                          [--sumdb-key KEY] [MODULE[@VERSION]]

Probes Go module mirrors from this machine: the GOPROXY requests for MODULE (default
golang.org/x/text) at VERSION (default: what @latest names), the checksum database through the
mirror, and the toolchain module for --go. Each mirror gets a verdict; their go.mod hashes and
version lists are compared. Without --proxy, the public mirrors are probed. --format json prints
the worker's NDJSON stream. --sumdb-key replaces sum.golang.org's key (for a private database).

exit status: 0 every mirror serves the module, 1 one does not, 2 usage error
";

#[derive(Debug)]
struct Options {
    proxies: Vec<String>,
    request: ProbeRequest,
    limits: Limits,
    json: bool,
    key: String,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        proxies: Vec::new(),
        request: ProbeRequest {
            proxy: String::new(),
            module: gmd_probe::DEFAULT_MODULE.to_owned(),
            version: None,
            go: None,
        },
        limits: Limits::default(),
        json: false,
        key: SUM_GOLANG_ORG_KEY.to_owned(),
    };
    let mut target = None;
    let mut args = crate::Flags::new(args);
    while let Some(flag) = args.next_flag() {
        let mut value = |name: &str| args.value(name);
        match flag.as_str() {
            "--proxy" => options.proxies.push(value("--proxy")?),
            "--go" => options.request.go = Some(value("--go")?.trim_start_matches("go").to_owned()),
            "--timeout" => options.limits = Limits::parse_seconds(&value("--timeout")?, 60.0)?,
            "--format" | "-f" => {
                options.json = match value("--format")?.as_str() {
                    "json" => true,
                    "text" => false,
                    other => return Err(format!("unknown format `{other}` (text, json)")),
                }
            }
            "--sumdb-key" => options.key = value("--sumdb-key")?,
            f if f.starts_with('-') => return Err(format!("unknown option `{f}`\n\n{USAGE}")),
            _ if target.is_none() => target = Some(flag),
            extra => return Err(format!("one module at a time (`{extra}`)\n\n{USAGE}")),
        }
    }
    if let Some(target) = target {
        let (module, version) = match target.split_once('@') {
            Some((m, v)) => (m.to_owned(), Some(v.to_owned())),
            None => (target, None),
        };
        options.request.module = module;
        options.request.version = version;
    }
    if options.proxies.is_empty() {
        options.proxies = gmd_probe::catalogue::mirrors()
            .iter()
            .map(|m| m.url.to_owned())
            .collect();
    }
    Ok(options)
}

pub fn run(args: &[String]) -> Result<ExitCode, String> {
    if args.iter().any(|a| a == "--help" || a == "-h") {
        out!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    let options = parse(args)?;
    let reports = probe_here(&options.proxies, &options.request, options.limits, &options.key)?;
    let mirrors = summary_entries(&reports);
    if options.json {
        for report in &reports {
            out!("{}", StreamLine::Result(Box::new(report.clone())).to_ndjson());
        }
        out!(
            "{}",
            StreamLine::Summary {
                mirrors: mirrors.clone(),
                run: None,
            }
            .to_ndjson()
        );
    } else {
        for (report, entry) in reports.iter().zip(&mirrors) {
            outln!("{:<9} {}  {}", entry.verdict.status, report.mirror, entry.verdict.line);
            for step in report.steps.iter().filter(|s| s.outcome != "ok") {
                outln!(
                    "          {} {} → {} ({} ms){}",
                    step.method,
                    step.url,
                    step.outcome,
                    step.ms,
                    step.detail.as_deref().map(|d| format!(": {d}")).unwrap_or_default()
                );
            }
        }
    }
    let all_ok = mirrors.iter().all(|m| m.verdict.status == "ok");
    Ok(if all_ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Probes each of `proxies` for `request` from this machine (any address: it is the user's own
/// network), all at once, within `limits`.
pub fn probe_here(
    proxies: &[String],
    request: &ProbeRequest,
    limits: Limits,
    key: &str,
) -> Result<Vec<MirrorReport>, String> {
    let verifier = NoteVerifier::parse(key)?;
    let mut prepared = Vec::new();
    for proxy in proxies {
        let request = ProbeRequest {
            proxy: proxy.clone(),
            ..request.clone()
        };
        prepared.push(run::prepare(request, Policy::Any).map_err(|e| format!("{proxy}: {}", e.message()))?);
    }
    let fetcher = Threaded::new();
    let mut reports: Vec<MirrorReport> = block_on(run::join_all(
        prepared
            .iter()
            .map(|p| {
                Box::pin(run::probe(&fetcher, p, limits, &verifier)) as Pin<Box<dyn Future<Output = MirrorReport> + '_>>
            })
            .collect(),
    ));
    for report in &mut reports {
        report.colo = Some("local".to_owned());
    }
    Ok(reports)
}

/// Fetches on a thread per request; the future completes when the thread is done.
pub(crate) struct Threaded {
    agent: ureq::Agent,
    epoch: Instant,
}

impl Threaded {
    pub(crate) fn new() -> Threaded {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(concat!("gomod-doctor/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Threaded {
            agent,
            epoch: Instant::now(),
        }
    }
}

type Slot = Arc<Mutex<(Option<Result<Fetched, Failure>>, Option<Waker>)>>;

impl Fetch for Threaded {
    fn fetch(
        &self,
        method: &'static str,
        url: &str,
        timeout_ms: u32,
        max_body: usize,
    ) -> impl Future<Output = Result<Fetched, Failure>> {
        let slot: Slot = Arc::new(Mutex::new((None, None)));
        let (agent, url, shared) = (self.agent.clone(), url.to_owned(), Arc::clone(&slot));
        std::thread::spawn(move || {
            let result = fetch_blocking(&agent, method, &url, timeout_ms, max_body);
            if let Ok(mut slot) = shared.lock() {
                slot.0 = Some(result);
                if let Some(waker) = slot.1.take() {
                    waker.wake();
                }
            }
        });
        std::future::poll_fn(move |cx| {
            let Ok(mut slot) = slot.lock() else {
                return Poll::Ready(Err(Failure::new(Outcome::Connection, "the request thread failed")));
            };
            match slot.0.take() {
                Some(result) => Poll::Ready(result),
                None => {
                    slot.1 = Some(cx.waker().clone());
                    Poll::Pending
                }
            }
        })
    }

    fn now_ms(&self) -> f64 {
        self.epoch.elapsed().as_secs_f64() * 1000.0
    }
}

fn fetch_blocking(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    timeout_ms: u32,
    max_body: usize,
) -> Result<Fetched, Failure> {
    let timeout = Some(Duration::from_millis(u64::from(timeout_ms)));
    let response = if method == "HEAD" {
        agent.head(url).config().timeout_global(timeout).build().call()
    } else {
        agent.get(url).config().timeout_global(timeout).build().call()
    };
    let mut response = response.map_err(classify)?;
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let (location, content_type) = (header("location"), header("content-type"));
    let status = response.status().as_u16();
    let mut body = Vec::new();
    if method != "HEAD" {
        response
            .body_mut()
            .as_reader()
            .take(max_body as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| classify_io(&e))?;
    }
    let truncated = body.len() > max_body;
    body.truncate(max_body);
    Ok(Fetched {
        status,
        location,
        content_type,
        body,
        truncated,
    })
}

fn classify(error: ureq::Error) -> Failure {
    let outcome = match &error {
        ureq::Error::Timeout(_) => Outcome::Timeout,
        ureq::Error::HostNotFound => Outcome::Dns,
        ureq::Error::Rustls(_) => Outcome::Tls,
        ureq::Error::Io(e) => return classify_io(e),
        _ => Outcome::Connection,
    };
    Failure::new(outcome, error.to_string())
}

fn classify_io(error: &std::io::Error) -> Failure {
    let text = error.to_string();
    let outcome = match error.kind() {
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => Outcome::Timeout,
        _ if text.contains("timeout") || text.contains("timed out") => Outcome::Timeout,
        _ => Outcome::Connection,
    };
    Failure::new(outcome, text)
}

/// Wakes the thread blocked in [`block_on`].
struct Unpark(std::thread::Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// Runs a future on this thread, parking while it waits.
pub(crate) fn block_on<T>(future: impl Future<Output = T>) -> T {
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut context = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut context) {
            return value;
        }
        std::thread::park();
    }
}
