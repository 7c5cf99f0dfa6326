//! The routes: `GET /api/probe` probes one mirror from this data centre; `POST /api/probe` fans
//! several mirrors × regions out to `Prober`s and streams their results.

use super::cache::probe_cached;
use super::{Job, MAX_TIMEOUT_SECONDS, Settings, bad_timeout, prepare};
use crate::http::{colo, internal, secure};
use crate::routes::ApiError;
use futures_util::future::{Either, select};
use futures_util::stream::{FuturesUnordered, StreamExt};
use gmd_probe::report::{MirrorReport, StreamLine, summary_entries};
use gmd_probe::run::{Limits, Prepared};
use gmd_probe::{ProbeRequest, REGIONS};
use serde::Deserialize;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use worker::{Context, Delay, Env, Method, Request, RequestInit, Response};

/// The Durable Object namespace binding.
pub(super) const PROBER: &str = "PROBER";
/// Per-client limit on probes (`[[ratelimits]]` in wrangler.toml).
pub(super) const LIMITER: &str = "PROBE_LIMITER";
/// Probes per POST (each is one Durable Object call, a subrequest: the free plan allows 50).
const MAX_PROBES: usize = 45;
/// The Durable Object gets this much more than the probe's deadline before the front gives up.
const FANOUT_GRACE_MS: u32 = 2_000;

/// `GET /api/probe?proxy=URL&module=PATH&version=V&go=1.23.4&timeout=S`.
pub async fn get(req: &Request, env: &Env, ctx: &Context) -> Result<Response, ApiError> {
    let url = req.url().map_err(internal)?;
    let header = |name: &str| req.headers().get(name).ok().flatten();
    let own = url.origin().ascii_serialization();
    let (site, origin) = (header("Sec-Fetch-Site"), header("Origin"));
    if !crate::routes::is_own_get(
        site.as_deref(),
        origin.as_deref(),
        header(crate::routes::CLIENT_HEADER).as_deref(),
        &own,
    ) {
        return Err(ApiError::CrossSite);
    }
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
    crate::http::rate_limit(req, env, LIMITER).await?;
    let (report, write) = probe_cached(&prepared, limits, &settings, colo(req)).await?;
    if let Some(write) = write {
        ctx.wait_until(write);
    }
    crate::http::json(200, &report).map_err(internal)
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

/// The most a POST body may weigh.
const MAX_BODY: usize = 16 * 1024;

/// `POST /api/probe`: validates every mirror first (one refusal refuses the request), then
/// streams a `result` (or `error`) line per probe as it arrives, and a `summary` line last.
pub async fn post(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let fan: FanOut = read_json(&mut req, MAX_BODY, "a probe request").await?;
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
        if !REGIONS.iter().any(|(code, _, _)| code == region) {
            return Err(ApiError::BadParameter {
                name: "regions",
                message: format!(
                    "`{region}` is not one of {}",
                    REGIONS.iter().map(|(code, _, _)| *code).collect::<Vec<_>>().join(", ")
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
    let mut prepared: Vec<Prepared> = Vec::new();
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
    // The same mirror named twice (another spelling of its URL) is probed once.
    let mut unique: Vec<Prepared> = Vec::new();
    for p in prepared {
        if !unique.iter().any(|u| u.target.base() == p.target.base()) {
            unique.push(p);
        }
    }
    let prepared = unique;
    // The budget counts probes, not requests.
    crate::http::rate_limit_units(&req, env, LIMITER, prepared.len() * regions.len()).await?;
    let front_colo = colo(&req).unwrap_or_else(|| "unknown".to_owned());
    let calls = fan_out(env, &prepared, &regions, limits, &front_colo, false)?;
    let collected: Rc<RefCell<Vec<MirrorReport>>> = Rc::default();
    let sink = Rc::clone(&collected);
    let kv = env.kv(crate::routes::KV).map_err(internal)?;
    let lines = calls
        .map(move |line| {
            if let StreamLine::Result(report) = &line {
                sink.borrow_mut().push((**report).clone());
            }
            Ok::<Vec<u8>, worker::Error>(line.to_ndjson().into_bytes())
        })
        .chain(futures_util::stream::once(async move {
            let reports = collected.borrow().clone();
            let mirrors = summary_entries(&reports);
            // Kept a day under its id, for a shared report to attach; a run that cannot be kept
            // is still answered.
            let mut run = None;
            if !reports.is_empty() {
                let at = js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default();
                let measured = crate::runs::measurements(&reports, &mirrors, &at);
                run = crate::runs::store(&kv, &measured).await.ok();
            }
            Ok(StreamLine::Summary { mirrors, run }.to_ndjson().into_bytes())
        }));
    ndjson_response(lines)
}

/// A call to each region's `Prober` (`None`: the object near the front data centre `front_colo`)
/// for each prepared mirror, answering as they finish.
pub(crate) fn fan_out(
    env: &Env,
    prepared: &[Prepared],
    regions: &[Option<String>],
    limits: Limits,
    front_colo: &str,
    fresh: bool,
) -> Result<FuturesUnordered<impl std::future::Future<Output = StreamLine> + use<>>, ApiError> {
    let namespace = env.durable_object(PROBER).map_err(internal)?;
    let calls = FuturesUnordered::new();
    for region in regions {
        // One object per region (per front data centre when no region is named): its location
        // hint applies when it is first created.
        let name = region.clone().unwrap_or_else(|| format!("near-{front_colo}"));
        let stub = match region {
            Some(hint) => namespace.get_by_name_with_location_hint(&name, hint),
            None => namespace.id_from_name(&name).and_then(|id| id.get_stub()),
        }
        .map_err(internal)?;
        let stub = Rc::new(stub);
        for p in prepared {
            let job = Job {
                request: ProbeRequest {
                    proxy: p.target.base(),
                    ..p.request.clone()
                },
                region: region.clone(),
                step_ms: limits.step_ms,
                probe_ms: limits.probe_ms,
                fresh,
            };
            calls.push(call_prober(Rc::clone(&stub), job));
        }
    }
    Ok(calls)
}

/// Every mirror of `mirrors` probed from every region of `regions` (the scheduled run of the
/// status board): the probe of the default module's latest version and of the toolchain of Go
/// `go`, with the default deadlines. Mirrors the rules refuse are left out.
pub(crate) async fn probe_everywhere(
    env: &Env,
    mirrors: &[String],
    regions: &[String],
    go: Option<String>,
) -> Result<Vec<StreamLine>, ApiError> {
    let settings = Settings::from_env(env);
    let prepared: Vec<Prepared> = mirrors
        .iter()
        .filter_map(|proxy| {
            prepare(
                ProbeRequest {
                    proxy: proxy.clone(),
                    module: gmd_probe::DEFAULT_MODULE.to_owned(),
                    version: None,
                    go: go.clone(),
                },
                &settings,
            )
            .ok()
        })
        .collect();
    let regions: Vec<Option<String>> = regions.iter().map(|r| Some(r.clone())).collect();
    // A board measures: nothing from the last minute's results.
    let calls = fan_out(env, &prepared, &regions, Limits::default(), "scheduled", true)?;
    Ok(calls.collect().await)
}

/// A streamed NDJSON answer, a line per item as it comes.
pub(super) fn ndjson_response(
    lines: impl futures_util::Stream<Item = worker::Result<Vec<u8>>> + 'static,
) -> Result<Response, ApiError> {
    let mut response = Response::from_stream(lines).map_err(internal)?;
    response
        .headers_mut()
        .set("Content-Type", "application/x-ndjson; charset=utf-8")
        .map_err(internal)?;
    secure(response).map_err(internal)
}

/// A same-site JSON body of at most `max` bytes, read as `T` (`what` names it in the error).
pub(super) async fn read_json<T: serde::de::DeserializeOwned>(
    req: &mut Request,
    max: usize,
    what: &str,
) -> Result<T, ApiError> {
    crate::http::same_site_json(req)?;
    let body = crate::http::body_within(req, max).await?;
    serde_json::from_slice(&body).map_err(|e| ApiError::BadParameter {
        name: "body",
        message: format!("not {what}: {e}"),
    })
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
