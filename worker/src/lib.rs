//! Go Module Doctor's Cloudflare Worker.
//!
//! Static assets (the web app) are served by the platform without running this code; only
//! `/api/*` reaches [`fetch`] (`run_worker_first` in `wrangler.toml`). Handlers never panic: every
//! failure becomes a JSON error `{"error": {"code", "message", "message_zh"}}` with the right status.

mod http;
mod preview;
mod probes;
mod render;
mod reports;
mod routes;
mod runs;
mod status;

use http::{colo, error_response, internal, json, redirect};
use routes::Route;
use serde::Serialize;
use worker::{Context, Env, Request, Response, Result, event};

#[event(fetch)]
async fn fetch(req: Request, env: Env, ctx: Context) -> Result<Response> {
    let path = req.path();
    let result = match routes::route(req.method().as_ref(), &path) {
        Route::Health => json(200, &health(&req)).map_err(internal),
        Route::CreateReport => reports::create(req, &env).await,
        Route::GetReport(id) => reports::get(&id, &env).await,
        Route::DeleteReport(id) => reports::delete(&req, &id, &env).await,
        Route::ReportPage(id) => reports::page(&req, &id, &env).await,
        Route::LinkPage => reports::link_page(&req, &env).await,
        Route::Installer(name) => installer(&req, &env, name).await,
        Route::ReportRedirect(id) => redirect(&format!("/r/{id}")),
        Route::Probe => probes::get(&req, &env, &ctx).await,
        Route::ProbeFanOut => probes::post(req, &env).await,
        Route::ModCheck => probes::modcheck(req, &env).await,
        Route::StatusPage => status::page(&req, &env).await,
        Route::StatusJson => status::json(&env).await,
        Route::StatusRecent => status::recent(&env).await,
        Route::StatusFeed => status::feed(&env).await,
        Route::StatusBadge(slug) => status::badge(&slug, &env).await,
        Route::StatusSimulate => status::simulate(req, &env).await,
        Route::Error(error) => Err(error),
    };
    let response = result.or_else(|error| error_response(&error));
    response.or_else(|_| Response::error("internal error", 500))
}

/// The Cron Trigger: one scheduled probe run of the status board, recorded in D1. A failed run
/// is logged (the next one, five minutes later, tries again).
#[event(scheduled)]
async fn scheduled(event: worker::ScheduledEvent, env: Env, _ctx: worker::ScheduleContext) {
    let run = event.schedule() as i64;
    match status::scheduled(&env, run).await {
        Ok(summary) => worker::console_log!(
            "status run {}: {} probes, {} failed, {} subrequests, {} rows",
            summary.run,
            summary.probes,
            summary.failed,
            summary.subrequests,
            summary.rows
        ),
        Err(error) => worker::console_error!("status run {run}: {}", error.message()),
    }
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

/// `/install.sh`, `/install.ps1`: the static script with this site's origin where it downloads
/// from (`PUBLIC_ORIGIN` when configured, else the origin the request came to).
async fn installer(req: &Request, env: &Env, name: &str) -> std::result::Result<Response, routes::ApiError> {
    let url = req.url().map_err(http::internal)?;
    let origin = http::public_origin(env).unwrap_or_else(|| url.origin().ascii_serialization());
    let text = http::asset_text(req, env, &format!("/{name}")).await?;
    let mut response = Response::ok(text.replace("@ORIGIN@", origin.trim_end_matches('/'))).map_err(http::internal)?;
    let headers = response.headers_mut();
    headers
        .set("Content-Type", "text/plain; charset=utf-8")
        .map_err(http::internal)?;
    headers
        .set("Cache-Control", "public, max-age=300")
        .map_err(http::internal)?;
    http::secure(response).map_err(http::internal)
}
