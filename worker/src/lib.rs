//! Go Module Doctor's Cloudflare Worker.
//!
//! Static assets (the web app) are served by the platform without running this code; only
//! `/api/*` reaches [`fetch`] (`run_worker_first` in `wrangler.toml`). Handlers never panic: every
//! failure becomes a JSON error `{"error": {"code", "message"}}` with the right status.

mod routes;

use routes::{ApiError, Route};
use serde::Serialize;
use worker::{Context, Env, Request, Response, Result, event};

/// Headers every API response carries (the static assets get theirs from `_headers`).
const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    ("Cache-Control", "no-store"),
];

#[event(fetch)]
async fn fetch(req: Request, _env: Env, _ctx: Context) -> Result<Response> {
    let path = req.path();
    let response = match routes::route(req.method().as_ref(), &path) {
        Route::Health => json(200, &health(&req)),
        Route::Error(error) => json(error.status(), &error.body()),
    };
    response.or_else(|_| Response::error("internal error", 500))
}

/// The body of `GET /api/health`.
#[derive(Debug, Serialize)]
struct Health {
    status: &'static str,
    name: &'static str,
    version: &'static str,
    /// The Cloudflare data center that ran the request, when the runtime says.
    colo: Option<String>,
}

fn health(req: &Request) -> Health {
    Health {
        status: "ok",
        name: "gomod-doctor",
        version: env!("CARGO_PKG_VERSION"),
        colo: colo(req),
    }
}

/// Reads `request.cf.colo` without trusting it to exist: it is absent under raw workerd, and
/// `worker::Cf::colo` would panic there.
fn colo(req: &Request) -> Option<String> {
    let cf = js_sys::Reflect::get(req.inner(), &"cf".into()).ok()?;
    if cf.is_undefined() || cf.is_null() {
        return None;
    }
    js_sys::Reflect::get(&cf, &"colo".into()).ok()?.as_string()
}

fn json<T: Serialize>(status: u16, body: &T) -> Result<Response> {
    let mut response = Response::from_json(body)?.with_status(status);
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.set(name, value)?;
    }
    if let Some(allow) = (status == 405).then_some(routes::ALLOW_GET) {
        headers.set("Allow", allow)?;
    }
    Ok(response)
}

impl ApiError {
    fn body(&self) -> serde_json::Value {
        serde_json::json!({ "error": { "code": self.code(), "message": self.message() } })
    }
}
