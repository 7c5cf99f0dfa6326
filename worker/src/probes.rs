//! Mirror probes: `GET /api/probe` (one mirror, from this data centre) and `POST /api/probe`
//! (several mirrors × regions, fanned out to the `Prober` Durable Object created with each
//! location hint, streamed back as NDJSON). The probe itself is gmd-probe; this file is its IO:
//! fetch with a manual redirect policy, an abort deadline and a capped body read.

use crate::routes::ApiError;
use crate::{colo, internal, secure};
use futures_util::future::{Either, select};
use futures_util::stream::{FuturesUnordered, StreamExt};
use gmd_probe::note::{NoteVerifier, SUM_GOLANG_ORG_KEY};
use gmd_probe::recent::Recent;
use gmd_probe::report::{MirrorReport, StreamLine, summary};
use gmd_probe::run::{self, Failure, Fetch, Fetched, Limits, Prepared};
use gmd_probe::target::Policy;
use gmd_probe::{Outcome, ProbeRequest, REGIONS};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use worker::{
    AbortController, Cache, Context, Delay, DurableObject, Env, Headers, Method, Request, RequestInit, RequestRedirect,
    Response, State, durable_object,
};

/// The Durable Object namespace binding.
const PROBER: &str = "PROBER";
/// Per-client limit on probes (`[[ratelimits]]` in wrangler.toml).
const LIMITER: &str = "PROBE_LIMITER";
/// Probes per POST (each is one Durable Object call, a subrequest: the free plan allows 50).
const MAX_PROBES: usize = 45;
/// How long a probe result is reused in a data centre.
const CACHE_SECONDS: u32 = 60;
/// Results a `Prober` keeps (a report is a few KiB).
const RECENT_CAPACITY: usize = 512;
/// The Durable Object gets this much more than the probe's deadline before the front gives up.
const FANOUT_GRACE_MS: u32 = 2_000;

/// How this deployment probes: the address policy and the checksum database's key.
struct Settings {
    policy: Policy,
    key: String,
}

impl Settings {
    /// `GMD_TEST_MODE=1` allows loopback targets and a test checksum database's key
    /// (`GMD_PROBE_SUMDB_KEY`); both are refused otherwise.
    fn from_env(env: &Env) -> Settings {
        let test_mode = crate::test_mode(env);
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
        message: e.message(),
    })
}

/// `GET /api/probe?proxy=URL&module=PATH&version=V&go=1.23.4&timeout=S`.
pub async fn get(req: &Request, env: &Env, ctx: &Context) -> Result<Response, ApiError> {
    let url = req.url().map_err(internal)?;
    let param = |name: &str| url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned());
    let proxy = param("proxy").ok_or(ApiError::BadParameter {
        name: "proxy",
        message: "name the mirror to probe, e.g. proxy=https://goproxy.cn".to_owned(),
    })?;
    let settings = Settings::from_env(env);
    let prepared = prepare(
        ProbeRequest {
            proxy,
            module: param("module").unwrap_or_else(|| gmd_probe::DEFAULT_MODULE.to_owned()),
            version: param("version").filter(|v| !v.is_empty()),
            go: param("go").filter(|v| !v.is_empty()),
        },
        &settings,
    )?;
    let limits = match param("timeout") {
        Some(text) => Limits::parse_seconds(&text, MAX_TIMEOUT_SECONDS).map_err(bad_timeout)?,
        None => Limits::default(),
    };
    crate::rate_limit(req, env, LIMITER).await?;
    let (report, write) = probe_cached(&prepared, limits, &settings, colo(req)).await?;
    if let Some(write) = write {
        ctx.wait_until(write);
    }
    crate::json(200, &report).map_err(internal)
}

/// The body of `POST /api/probe`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FanOut {
    /// Proxy URLs; the public catalogue when absent.
    #[serde(default)]
    mirrors: Option<Vec<String>>,
    #[serde(default)]
    module: Option<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    go: Option<String>,
    /// Location hints; none means one probe per mirror from near this data centre.
    #[serde(default)]
    regions: Vec<String>,
    /// Seconds, 1 to 8.
    #[serde(default)]
    timeout: Option<f64>,
}

/// What the front sends a `Prober`.
#[derive(Debug, Serialize, Deserialize)]
struct Job {
    request: ProbeRequest,
    region: Option<String>,
    step_ms: u32,
    probe_ms: u32,
}

/// The most a POST body may weigh.
const MAX_BODY: usize = 16 * 1024;

/// `POST /api/probe`: validates every mirror first (one refusal refuses the request), then
/// streams a `result` (or `error`) line per probe as it arrives, and a `summary` line last.
pub async fn post(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let body = crate::body_within(&mut req, MAX_BODY).await?;
    let fan: FanOut = serde_json::from_slice(&body).map_err(|e| ApiError::BadParameter {
        name: "body",
        message: format!("not a probe request: {e}"),
    })?;
    let settings = Settings::from_env(env);
    let limits = match fan.timeout {
        Some(seconds) => Limits::from_seconds(seconds, MAX_TIMEOUT_SECONDS).map_err(bad_timeout)?,
        None => Limits::default(),
    };
    let mirrors = fan.mirrors.unwrap_or_else(|| {
        gmd_probe::catalogue::mirrors()
            .iter()
            .map(|m| m.url.to_owned())
            .collect()
    });
    if mirrors.is_empty() {
        return Err(ApiError::BadParameter {
            name: "mirrors",
            message: "name at least one mirror".to_owned(),
        });
    }
    for region in &fan.regions {
        if !REGIONS.iter().any(|(code, _)| code == region) {
            return Err(ApiError::BadParameter {
                name: "regions",
                message: format!(
                    "`{region}` is not one of {}",
                    REGIONS.iter().map(|(code, _)| *code).collect::<Vec<_>>().join(", ")
                ),
            });
        }
    }
    let regions: Vec<Option<String>> = if fan.regions.is_empty() {
        vec![None]
    } else {
        let mut unique: Vec<Option<String>> = Vec::new();
        for region in fan.regions {
            if !unique.iter().flatten().any(|r| *r == region) {
                unique.push(Some(region));
            }
        }
        unique
    };
    let count = mirrors.len() * regions.len();
    if count > MAX_PROBES {
        return Err(ApiError::BadParameter {
            name: "mirrors",
            message: format!(
                "{} mirrors × {} regions is {count} probes; at most {MAX_PROBES} per request",
                mirrors.len(),
                regions.len()
            ),
        });
    }
    let mut prepared = Vec::new();
    for proxy in mirrors {
        prepared.push(prepare(
            ProbeRequest {
                proxy,
                module: fan
                    .module
                    .clone()
                    .unwrap_or_else(|| gmd_probe::DEFAULT_MODULE.to_owned()),
                version: fan.version.clone().filter(|v| !v.is_empty()),
                go: fan.go.clone().filter(|v| !v.is_empty()),
            },
            &settings,
        )?);
    }
    crate::rate_limit(&req, env, LIMITER).await?;
    let namespace = env.durable_object(PROBER).map_err(internal)?;
    let front_colo = colo(&req).unwrap_or_else(|| "unknown".to_owned());
    let calls = FuturesUnordered::new();
    for region in &regions {
        // One object per region (per front data centre when no region is named): its location
        // hint applies when it is first created.
        let name = region.clone().unwrap_or_else(|| format!("near-{front_colo}"));
        let stub = match region {
            Some(hint) => namespace.get_by_name_with_location_hint(&name, hint),
            None => namespace.id_from_name(&name).and_then(|id| id.get_stub()),
        }
        .map_err(internal)?;
        let stub = Rc::new(stub);
        for p in &prepared {
            let job = Job {
                request: ProbeRequest {
                    proxy: p.target.base(),
                    ..p.request.clone()
                },
                region: region.clone(),
                step_ms: limits.step_ms,
                probe_ms: limits.probe_ms,
            };
            calls.push(call_prober(Rc::clone(&stub), job));
        }
    }
    let collected: Rc<RefCell<Vec<MirrorReport>>> = Rc::default();
    let sink = Rc::clone(&collected);
    let lines = calls
        .map(move |line| {
            if let StreamLine::Result(report) = &line {
                sink.borrow_mut().push((**report).clone());
            }
            Ok::<Vec<u8>, worker::Error>(line.to_ndjson().into_bytes())
        })
        .chain(futures_util::stream::once(async move {
            Ok(summary(&collected.borrow()).to_ndjson().into_bytes())
        }));
    let mut response = Response::from_stream(lines).map_err(internal)?;
    response
        .headers_mut()
        .set("Content-Type", "application/x-ndjson; charset=utf-8")
        .map_err(internal)?;
    secure(response).map_err(internal)
}

/// Sends one job to a `Prober`; any failure becomes an `error` line for that mirror and region.
async fn call_prober(stub: Rc<worker::Stub>, job: Job) -> StreamLine {
    let (mirror, region) = (job.request.proxy.clone(), job.region.clone());
    let error = |code: &str, message: String| StreamLine::Error {
        mirror: mirror.clone(),
        region: region.clone(),
        code: code.to_owned(),
        message,
    };
    let deadline = job.probe_ms + FANOUT_GRACE_MS;
    let call = async {
        let body = serde_json::to_string(&job).map_err(|e| e.to_string())?;
        let mut init = RequestInit::new();
        init.with_method(Method::Post).with_body(Some(body.into()));
        let request = Request::new_with_init("https://prober.invalid/probe", &init).map_err(|e| e.to_string())?;
        let mut response = stub.fetch_with_request(request).await.map_err(|e| e.to_string())?;
        let text = response.text().await.map_err(|e| e.to_string())?;
        if response.status_code() != 200 {
            return Err(format!("the prober answered {}: {text}", response.status_code()));
        }
        serde_json::from_str::<MirrorReport>(&text).map_err(|e| e.to_string())
    };
    let timer = Delay::from(Duration::from_millis(u64::from(deadline)));
    match select(Box::pin(call), timer).await {
        Either::Left((Ok(report), _)) => StreamLine::Result(Box::new(report)),
        Either::Left((Err(message), _)) => error("prober_failed", message),
        Either::Right(_) => error(
            "prober_timeout",
            format!("the prober did not answer within {deadline} ms"),
        ),
    }
}

/// The probe worker in a region. It keeps its recent results in memory: a result is reused
/// where it was measured, with no round trip to a cache service before each probe.
#[durable_object]
#[derive(Debug)]
pub struct Prober {
    recent: RefCell<Recent>,
    /// The checksum database's key, parsed once.
    verifier: RefCell<Option<Rc<NoteVerifier>>>,
    env: Env,
}

impl DurableObject for Prober {
    fn new(_state: State, env: Env) -> Self {
        Prober {
            recent: RefCell::new(Recent::new(f64::from(CACHE_SECONDS) * 1000.0, RECENT_CAPACITY)),
            verifier: RefCell::default(),
            env,
        }
    }

    async fn fetch(&self, mut req: Request) -> worker::Result<Response> {
        let job: Job = match req.json().await {
            Ok(job) => job,
            Err(e) => return Response::error(format!("bad job: {e}"), 400),
        };
        let settings = Settings::from_env(&self.env);
        // The front validated the target; the object checks again rather than trust its caller.
        let prepared = match prepare(job.request, &settings) {
            Ok(p) => p,
            Err(e) => return Response::error(e.message(), 400),
        };
        let limits = Limits {
            step_ms: job.step_ms.min(run::DEFAULT_TIMEOUT_MS),
            probe_ms: job.probe_ms.min(run::DEFAULT_TIMEOUT_MS),
        };
        let key = cache_key(&prepared, limits, job.region.as_deref());
        if let Some(report) = self.recent.borrow().get(&key, js_sys::Date::now()) {
            return Response::from_json(&report);
        }
        let verifier = match self.verifier(&settings) {
            Ok(v) => v,
            Err(e) => return Response::error(e.message(), e.status()),
        };
        let mut report = run::probe(&JsFetch, &prepared, limits, &verifier).await;
        report.region = job.region;
        report.colo = colo(&req);
        self.recent.borrow_mut().put(key, report.clone(), js_sys::Date::now());
        Response::from_json(&report)
    }
}

impl Prober {
    fn verifier(&self, settings: &Settings) -> Result<Rc<NoteVerifier>, ApiError> {
        if let Some(v) = self.verifier.borrow().as_ref() {
            return Ok(Rc::clone(v));
        }
        let v = Rc::new(settings.verifier()?);
        *self.verifier.borrow_mut() = Some(Rc::clone(&v));
        Ok(v)
    }
}

/// The cache write a probe leaves behind, for `waitUntil` (the answer does not wait for it).
type CacheWrite = std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>;

/// Where a result is kept: everything that changes the answer.
fn cache_key(prepared: &Prepared, limits: Limits, region: Option<&str>) -> String {
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
async fn probe_cached(
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

/// `fetch()` with redirects not followed, an abort deadline and a capped body read.
struct JsFetch;

impl Fetch for JsFetch {
    async fn fetch(
        &self,
        method: &'static str,
        url: &str,
        timeout_ms: u32,
        max_body: usize,
    ) -> Result<Fetched, Failure> {
        let controller = AbortController::default();
        let signal = controller.signal();
        let work = async {
            let headers = Headers::new();
            headers
                .set("User-Agent", concat!("gomod-doctor-probe/", env!("CARGO_PKG_VERSION")))
                .map_err(|e| classify(e, url))?;
            let mut init = RequestInit::new();
            init.with_method(if method == "HEAD" { Method::Head } else { Method::Get })
                .with_redirect(RequestRedirect::Manual)
                .with_headers(headers);
            let request = Request::new_with_init(url, &init).map_err(|e| classify(e, url))?;
            let mut response = worker::Fetch::Request(request)
                .send_with_signal(&signal)
                .await
                .map_err(|e| classify(e, url))?;
            let header = |name: &str| response.headers().get(name).ok().flatten();
            let (location, content_type) = (header("Location"), header("Content-Type"));
            let status = response.status_code();
            let (mut body, mut truncated) = (Vec::new(), false);
            if method != "HEAD"
                && let Ok(mut stream) = response.stream()
            {
                while let Some(chunk) = stream.next().await {
                    body.extend_from_slice(&chunk.map_err(|e| classify(e, url))?);
                    if body.len() > max_body {
                        body.truncate(max_body);
                        truncated = true;
                        break;
                    }
                }
            }
            Ok(Fetched {
                status,
                location,
                content_type,
                body,
                truncated,
            })
        };
        let timer = Delay::from(Duration::from_millis(u64::from(timeout_ms)));
        match select(Box::pin(work), timer).await {
            Either::Left((result, _)) => result,
            Either::Right(_) => {
                controller.abort();
                Err(Failure::new(
                    Outcome::Timeout,
                    format!("no answer within {timeout_ms} ms"),
                ))
            }
        }
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }
}

/// Classifies a fetch error by the runtime's message. workerd says "Network connection lost" for
/// refused and reset connections, and hides both a name that does not resolve and a failed TLS
/// handshake behind "internal error; reference = …": on an IP address that can only be TLS, on
/// plain http only DNS; on https to a name it could be either, and the detail says so.
fn classify(error: worker::Error, url: &str) -> Failure {
    let message = error.to_string();
    let lower = message.to_ascii_lowercase();
    let host = url
        .split("://")
        .nth(1)
        .and_then(|r| r.split(['/', ':']).next())
        .unwrap_or_default();
    let ip_literal = url.contains("://[") || host.parse::<std::net::Ipv4Addr>().is_ok();
    let https = url.starts_with("https://");
    let outcome = if lower.contains("dns") || lower.contains("resolve") || lower.contains("name not") {
        Outcome::Dns
    } else if lower.contains("tls") || lower.contains("ssl") || lower.contains("certificate") {
        Outcome::Tls
    } else if lower.contains("internal error") {
        let (outcome, what) = match (https, ip_literal) {
            (true, true) => (
                Outcome::Tls,
                "the TLS handshake failed (an untrusted, expired or wrong-name certificate?)",
            ),
            (false, false) => (Outcome::Dns, "the name does not resolve"),
            (true, false) => (
                Outcome::Connection,
                "the name does not resolve or the TLS handshake failed (the runtime does not say which)",
            ),
            (false, true) => (Outcome::Connection, "the connection failed"),
        };
        return Failure::new(outcome, format!("{what}: {message}"));
    } else if lower.contains("timed out") || lower.contains("timeout") {
        Outcome::Timeout
    } else {
        Outcome::Connection
    };
    Failure::new(outcome, message)
}
