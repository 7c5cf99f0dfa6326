//! The HTTP pieces every route uses, below them all: security headers, JSON answers and errors,
//! bodies read within a limit, the same-site checks, the per-client budgets, test mode.

use crate::routes::{self, ApiError};
use serde::Serialize;
use worker::{Env, Request, Response, Result};

/// Headers every API response carries (the static assets get theirs from `_headers`).
const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    // Browsers ignore it over plain http (local development), and keep to https once seen.
    ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
];

/// Reads `request.cf.colo` without trusting it to exist: it is absent under raw workerd, and
/// `worker::Cf::colo` would panic there.
pub(crate) fn colo(req: &Request) -> Option<String> {
    let cf = js_sys::Reflect::get(req.inner(), &"cf".into()).ok()?;
    if cf.is_undefined() || cf.is_null() {
        return None;
    }
    js_sys::Reflect::get(&cf, &"colo".into()).ok()?.as_string()
}

/// Adds the security headers (and `Cache-Control: no-store` unless set) to a response.
pub(crate) fn secure(mut response: Response) -> Result<Response> {
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.set(name, value)?;
    }
    if !headers.has("Cache-Control")? {
        headers.set("Cache-Control", "no-store")?;
    }
    Ok(response)
}

/// A permanent redirect to a path of this site.
pub(crate) fn redirect(path: &str) -> std::result::Result<Response, ApiError> {
    let mut response = Response::empty().map_err(internal)?.with_status(301);
    response.headers_mut().set("Location", path).map_err(internal)?;
    secure(response).map_err(internal)
}

/// A JSON response.
pub(crate) fn json<T: Serialize>(status: u16, body: &T) -> Result<Response> {
    secure(Response::from_json(body)?.with_status(status))
}

pub(crate) fn error_response(error: &ApiError) -> Result<Response> {
    let text = error.text();
    let body = serde_json::json!({ "error": { "code": error.code(), "message": text.en, "message_zh": text.zh } });
    let mut response = json(error.status(), &body)?;
    if let Some(allow) = error.allow() {
        response.headers_mut().set("Allow", allow)?;
    }
    if *error == ApiError::RateLimited {
        response.headers_mut().set("Retry-After", "60")?;
    }
    Ok(response)
}

/// `GMD_TEST_MODE=1` (set by the end-to-end tests with `--var`): expiries in seconds, loopback
/// probe targets, a test checksum database's key.
pub(crate) fn test_mode(env: &Env) -> bool {
    env.var("GMD_TEST_MODE").is_ok_and(|v| v.to_string() == "1")
}

/// A per-client limit: the Workers Rate Limiting binding named `binding` (simulated locally by
/// wrangler dev), keyed by the client's address. A deployment without the binding is not limited.
pub(crate) async fn rate_limit(req: &Request, env: &Env, binding: &str) -> std::result::Result<(), ApiError> {
    rate_limit_units(req, env, binding, 1).await
}

/// Counts `units` against the client's budget (a probe fan-out counts each probe). The client
/// is its address (`routes::client_key`: IPv6 by its /64); an IPv6 client counts against its
/// /48 too, in the binding named `<binding>_WIDE` (a larger budget: one site's /64s together),
/// so a /48's 65,536 /64s are not 65,536 budgets. A request without an address is refused
/// rather than put in a bucket every such request would share.
pub(crate) async fn rate_limit_units(
    req: &Request,
    env: &Env,
    binding: &str,
    units: usize,
) -> std::result::Result<(), ApiError> {
    let Ok(limiter) = env.rate_limiter(binding) else {
        return Ok(());
    };
    let address = req
        .headers()
        .get("CF-Connecting-IP")
        .ok()
        .flatten()
        .ok_or(ApiError::NoClientAddress)?;
    let client = routes::client_key(&address).ok_or(ApiError::NoClientAddress)?;
    let wide = routes::wide_client_key(&address)
        .and_then(|key| Some((env.rate_limiter(&format!("{binding}_WIDE")).ok()?, key)));
    for _ in 0..units {
        let outcome = limiter.limit(client.clone()).await.map_err(internal)?;
        if !outcome.success {
            return Err(ApiError::RateLimited);
        }
        if let Some((limiter, key)) = &wide {
            let outcome = limiter.limit(key.clone()).await.map_err(internal)?;
            if !outcome.success {
                return Err(ApiError::RateLimited);
            }
        }
    }
    Ok(())
}

/// Reads a request body of at most `limit` bytes: one announced as larger is refused from its
/// `Content-Length`, before it is read; one without (chunked) is read as a stream and refused
/// as soon as it passes the limit, never held whole.
pub(crate) async fn body_within(req: &mut Request, limit: usize) -> std::result::Result<Vec<u8>, ApiError> {
    let declared = req
        .headers()
        .get("Content-Length")
        .ok()
        .flatten()
        .and_then(|l| l.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(ApiError::PayloadTooLarge { limit });
    }
    let mut bytes = Vec::new();
    let Ok(mut stream) = req.stream() else {
        return Ok(bytes); // No body.
    };
    while let Some(chunk) = futures_util::StreamExt::next(&mut stream).await {
        let chunk = chunk.map_err(internal)?;
        if bytes.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge { limit });
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// Refuses what another site's page could send with its visitors' budget: JSON only (which no
/// form or `no-cors` fetch can send, so a cross-site page needs a CORS preflight, never granted),
/// and nothing a browser names as coming from another site.
pub(crate) fn same_site_json(req: &Request) -> Result<(), ApiError> {
    let header = |name: &str| req.headers().get(name).ok().flatten();
    let content_type = header("Content-Type").unwrap_or_default();
    if !content_type.to_ascii_lowercase().starts_with("application/json") {
        return Err(ApiError::UnsupportedMediaType);
    }
    let own = req.url().map_err(internal)?.origin().ascii_serialization();
    if crate::routes::is_cross_site(header("Sec-Fetch-Site").as_deref(), header("Origin").as_deref(), &own) {
        return Err(ApiError::CrossSite);
    }
    Ok(())
}

/// Turns a runtime error into an API error.
pub(crate) fn internal(error: worker::Error) -> ApiError {
    ApiError::Internal(error.to_string())
}

/// The reader's language: `?lang=` when the link names one, else `Accept-Language`.
pub(crate) fn lang_of(req: &Request) -> gmd_report::Lang {
    let url = req.url().ok();
    let asked = url
        .as_ref()
        .and_then(|u| u.query_pairs().find(|(k, _)| k == "lang").map(|(_, v)| v.into_owned()));
    asked
        .and_then(|tag| gmd_report::Lang::from_tag(&tag))
        .or_else(|| {
            req.headers()
                .get("Accept-Language")
                .ok()
                .flatten()
                .map(|h| gmd_report::Lang::from_accept_language(&h))
        })
        .unwrap_or_default()
}

/// This site's configured origin (`PUBLIC_ORIGIN`, https only): canonical addresses come from
/// it, never from the request's Host.
pub(crate) fn public_origin(env: &Env) -> Option<String> {
    env.var("PUBLIC_ORIGIN")
        .ok()
        .map(|v| v.to_string())
        .filter(|origin| origin.starts_with("https://"))
}

/// A static file of the site as text (`path` from its root: `/` is index.html).
pub(crate) async fn asset_text(req: &Request, env: &Env, path: &str) -> std::result::Result<String, ApiError> {
    let url = req.url().map_err(internal)?;
    let assets = env.assets("ASSETS").map_err(internal)?;
    let mut file = assets
        .fetch(format!("{}{path}", url.origin().ascii_serialization()), None)
        .await
        .map_err(internal)?;
    file.text().await.map_err(internal)
}
