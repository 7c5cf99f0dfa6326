//! `POST /api/modcheck`: a go.mod checked on a module proxy (each requirement: the version exists,
//! declares its path, retracted, deprecated, newer; the `go` and `toolchain` lines: the toolchain
//! is served), in batches through the `Prober` objects — each batch a call of
//! its own, so one request never needs more subrequests than the platform allows — streamed as
//! NDJSON, a line per requirement as its batch answers, then a summary.

use super::handlers::{ndjson_response, read_json};
use super::{Settings, proxy_target};
use crate::http::internal;
use crate::routes::ApiError;
use futures_util::stream::{FuturesUnordered, StreamExt};
use gmd_probe::modcheck::{Item, RequireReport};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use worker::{Env, Method, Request, RequestInit, Response};

/// The most a body may weigh, and the most requirements checked in one call: 100, that is
/// eleven batches with the go and toolchain lines — nearly the whole of a client's minute
/// (`MODCHECK_LIMITER`: 12 batches, at most 480 requests upstream).
const MAX_BODY: usize = 64 * 1024;
const MAX_REQUIRES: usize = 100;
/// The budget of go.mod checks, counted in batches.
const LIMITER: &str = "MODCHECK_LIMITER";
/// Lines per `Prober` call (four fetches each at most: 40 subrequests, under the 50 a Workers
/// Free invocation may make).
pub(super) const BATCH: usize = 10;
/// How long a requirement's result is reused, in a `Prober`'s memory.
pub(super) const CACHE_MS: f64 = 10.0 * 60.0 * 1000.0;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Ask {
    gomod: String,
    /// A GOPROXY URL; proxy.golang.org when absent.
    #[serde(default)]
    proxy: Option<String>,
}

/// What a `Prober` is asked to check.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Batch {
    pub proxy: String,
    pub items: Vec<Item>,
}

/// One NDJSON line.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Line {
    Result(RequireReport),
    /// `flagged`: the go.mod's problems; `unreachable`: lines the proxy could not answer, which
    /// say nothing about the go.mod.
    Summary {
        checked: usize,
        flagged: usize,
        unreachable: usize,
    },
}

pub async fn post(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let ask: Ask = read_json(&mut req, MAX_BODY, "a modcheck request").await?;
    let settings = Settings::from_env(env);
    let proxy = ask.proxy.unwrap_or_else(|| "https://proxy.golang.org".to_owned());
    let target = proxy_target(proxy, &settings)?;
    let gomod = gmd_gomod::parse(ask.gomod.lines().enumerate().map(|(i, l)| (i + 1, l)));
    if gomod.requires.is_empty() || gomod.requires.len() > MAX_REQUIRES {
        return Err(ApiError::BadParameter {
            name: "gomod",
            message: format!(
                "{} requirements; from 1 to {MAX_REQUIRES} are checked in one call (each costs up to 4 requests to the proxy): check the direct ones, or run `gomod-doctor modcheck` on your machine",
                gomod.requires.len()
            ),
        });
    }
    let items = gmd_probe::modcheck::items(&gomod);
    let batches: Vec<Vec<Item>> = items.chunks(BATCH).map(<[_]>::to_vec).collect();
    // The budget counts batches (each up to 40 requests upstream), in a budget of its own.
    crate::http::rate_limit_units(&req, env, LIMITER, batches.len()).await?;
    let namespace = env.durable_object(super::handlers::PROBER).map_err(internal)?;
    let calls = FuturesUnordered::new();
    for (i, batch) in batches.into_iter().enumerate() {
        // A few objects share the work; each keeps what it checked for ten minutes.
        let stub = namespace
            .id_from_name(&format!("modcheck-{}", i % 4))
            .and_then(|id| id.get_stub())
            .map_err(internal)?;
        let job = Batch {
            proxy: target.clone(),
            items: batch,
        };
        calls.push(async move {
            let failed = |message: String| {
                job.items
                    .iter()
                    .map(|item| RequireReport::unreachable(item, message.clone()))
                    .collect::<Vec<_>>()
            };
            let answer = async {
                let body = serde_json::to_string(&job).map_err(|e| e.to_string())?;
                let mut init = RequestInit::new();
                init.with_method(Method::Post).with_body(Some(body.into()));
                let request =
                    Request::new_with_init("https://prober.invalid/modcheck", &init).map_err(|e| e.to_string())?;
                let mut response = stub.fetch_with_request(request).await.map_err(|e| e.to_string())?;
                let text = response.text().await.map_err(|e| e.to_string())?;
                if response.status_code() != 200 {
                    return Err(format!("the checker answered {}: {text}", response.status_code()));
                }
                serde_json::from_str::<Vec<RequireReport>>(&text).map_err(|e| e.to_string())
            };
            answer.await.unwrap_or_else(failed)
        });
    }
    let counts = Rc::new(RefCell::new((0usize, 0usize, 0usize)));
    let count = Rc::clone(&counts);
    let lines = calls
        .flat_map(futures_util::stream::iter)
        .map(move |report| {
            let mut c = count.borrow_mut();
            c.0 += 1;
            match report.status.as_str() {
                "ok" => {}
                "unreachable" => c.2 += 1,
                _ => c.1 += 1,
            }
            Ok::<Vec<u8>, worker::Error>(ndjson(&Line::Result(report)))
        })
        .chain(futures_util::stream::once(async move {
            let (checked, flagged, unreachable) = *counts.borrow();
            Ok(ndjson(&Line::Summary {
                checked,
                flagged,
                unreachable,
            }))
        }));
    ndjson_response(lines)
}

fn ndjson(line: &Line) -> Vec<u8> {
    let mut text = serde_json::to_string(line).unwrap_or_default();
    text.push('\n');
    text.into_bytes()
}
