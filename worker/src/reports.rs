//! Shared reports in Workers KV: create (content-addressed, idempotent, analysed by the worker),
//! read (cached for minutes), delete (with the token returned at creation; only its hash is
//! stored; the content is then tombstoned).

use crate::http::{internal, json, secure};
use crate::routes::{self, ApiError, KV, TOMBSTONE_SECONDS};
use gmd_report::{SharedInput, SharedReport, full_id, short_id};
use serde::{Deserialize, Serialize};
use worker::{Env, Request, Response};

/// The rate-limiting binding for report creation.
const LIMITER: &str = "REPORT_LIMITER";
/// The largest report accepted.
pub const MAX_REPORT_BYTES: usize = 256 * 1024;

/// What is stored beside the report bytes.
#[derive(Debug, Serialize, Deserialize)]
struct Metadata {
    /// The full SHA-256 id of the bytes.
    full: String,
    /// The hash (same encoding) of the deletion token.
    delete: String,
    /// Unix milliseconds after which the report is gone, if it expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expires_at: Option<u64>,
    /// Whether the findings stored are the worker's own analysis (every report since the
    /// worker analyses uploads; older ones carry what their client sent).
    #[serde(default)]
    analysed: bool,
    /// The full id of the stored (redacted) input alone: its tombstone's key once deleted.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    input: String,
}

#[derive(Debug, Serialize)]
struct Created {
    id: String,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    delete_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_at: Option<u64>,
    /// Whether the worker's analysis differs from the one sent (the link shows the worker's).
    reanalysed: bool,
    /// Whether the worker's redaction masked more than the client had (what is stored is the
    /// worker's text, under the id of its bytes).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    redacted: bool,
}

fn key(id: &str) -> String {
    format!("report:{id}")
}

/// How long a reader's cache may keep a report: a deletion shows within this time.
const REPORT_MAX_AGE: u64 = 300;

/// The tombstone of deleted content, keyed by the full id of its (redacted) input: the same
/// text cannot come back under another id by changing what travels with it (the shell, the
/// expiry, measurements).
fn tombstone(input: &str) -> String {
    format!("deleted:{input}")
}

fn now_ms() -> u64 {
    worker::Date::now().as_millis()
}

/// `POST /api/reports`.
pub async fn create(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    // JSON from this site or a program, as for the probes: another site's page cannot spend
    // its visitors' budget or store text under this site's name.
    crate::http::same_site_json(&req)?;
    crate::http::rate_limit(&req, env, LIMITER).await?;
    let url = req.url().map_err(internal)?;
    let query = |name: &str| url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned());
    let expiry = routes::parse_expiry(query("expires").as_deref(), crate::http::test_mode(env))?;
    let runs = crate::runs::parse_ids(query("probes").as_deref().unwrap_or_default())?;
    let sent = crate::http::body_within(&mut req, MAX_REPORT_BYTES).await?;
    let Analysed {
        mut report,
        redacted,
        reanalysed,
    } = analysed(&sent)?;
    let kv = env.kv(KV).map_err(internal)?;
    // The measurements are the worker's own, read from the runs it kept.
    report.measurements = crate::runs::load(&kv, &runs).await?;
    let bytes = report.canonical_bytes();
    let full = full_id(&bytes);
    let input = full_id(report.input.as_bytes());
    let deleted = kv
        .get(&tombstone(&input))
        .bytes()
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    if deleted.is_some() {
        return Err(ApiError::ReportDeleted);
    }
    // (A client cannot know the id of text the worker masked further: it gets the worker's.)
    let wrong_id = |sent: &String| !redacted && (sent.len() < 11 || !full.starts_with(sent.as_str()));
    if let Some(sent) = query("id").filter(wrong_id) {
        return Err(ApiError::IdMismatch {
            sent,
            computed: short_id(&full, 0),
        });
    }
    for extra in 0..=(44 - 11) {
        let id = short_id(&full, extra);
        let (existing, metadata) = kv
            .get(&key(&id))
            .bytes_with_metadata::<Metadata>()
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        let live = metadata
            .as_ref()
            .is_some_and(|m| m.expires_at.is_none_or(|at| at > now_ms()));
        match (existing, metadata) {
            (Some(_), Some(meta)) if live && meta.full == full => {
                let body = Created {
                    url: format!("/r/{id}"),
                    id,
                    delete_token: None,
                    expires_at: meta.expires_at,
                    reanalysed,
                    redacted,
                };
                return json(200, &body).map_err(internal);
            }
            (Some(_), Some(_)) if live => continue, // Another report shares this prefix: extend.
            _ => {
                let token = random_token().map_err(internal)?;
                let expires_at = expiry.seconds.map(|s| now_ms() + s * 1000);
                let metadata = Metadata {
                    full: full.clone(),
                    delete: full_id(token.as_bytes()),
                    expires_at,
                    analysed: true,
                    input: input.clone(),
                };
                let mut put = kv
                    .put_bytes(&key(&id), &bytes)
                    .map_err(|e| ApiError::Internal(e.to_string()))?;
                put = put.metadata(&metadata).map_err(|e| ApiError::Internal(e.to_string()))?;
                if let Some(seconds) = expiry.seconds {
                    put = put.expiration_ttl(seconds.max(routes::MIN_KV_TTL));
                }
                put.execute().await.map_err(|e| ApiError::Internal(e.to_string()))?;
                let body = Created {
                    url: format!("/r/{id}"),
                    id,
                    delete_token: Some(token),
                    expires_at,
                    reanalysed,
                    redacted,
                };
                return json(201, &body).map_err(internal);
            }
        }
    }
    Err(ApiError::Internal("no free id".into()))
}

/// The report to store for what a client sent, whether the worker's redaction masked more, and
/// whether the client sent findings that the worker's own replaced.
struct Analysed {
    report: SharedReport,
    redacted: bool,
    reanalysed: bool,
}

/// The report to store for the bytes a client sent — an input and its shell (`SharedInput`,
/// what the page sends), or a whole report (older clients) —: its input, redacted again by the
/// worker (an older client, or another program, may have missed a secret), the redactions that
/// text holds (read from it; a client's list is dropped) and the client's shell choice, with the
/// findings of this worker's own analysis. Whatever findings, fixes, references or measurements
/// a client wrote are dropped.
fn analysed(sent: &[u8]) -> Result<Analysed, ApiError> {
    let (client, whole) = match SharedInput::from_bytes(sent) {
        Ok(shared) => (shared, false),
        Err(_) => {
            let report = SharedReport::from_canonical(sent).map_err(|e| ApiError::InvalidReport(e.to_string()))?;
            (report.shared_input(), true)
        }
    };
    let input = gmd_redact::redact(&client.input, gmd_redact::Options::default()).text;
    let redacted = input != client.input;
    let report = gmd_analysis::shared_report(&input, gmd_redact::listed(&input), Some(client.shell()))
        .map_err(|e| ApiError::InvalidReport(e.to_string()))?;
    let reanalysed = whole && report.canonical_bytes() != sent;
    Ok(Analysed {
        report,
        redacted,
        reanalysed,
    })
}

/// `GET /api/reports/:id`.
pub async fn get(id: &str, env: &Env) -> Result<Response, ApiError> {
    let kv = env.kv(KV).map_err(internal)?;
    let (bytes, metadata) = kv
        .get(&key(id))
        .bytes_with_metadata::<Metadata>()
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let (Some(bytes), Some(metadata)) = (bytes, metadata) else {
        return Err(ApiError::ReportNotFound { id: id.to_owned() });
    };
    let now = now_ms();
    // Short-lived, not immutable: a deleted report leaves caches within minutes.
    let max_age = match metadata.expires_at {
        Some(at) if at <= now => return Err(ApiError::ReportExpired { id: id.to_owned() }),
        Some(at) => ((at - now) / 1000).min(REPORT_MAX_AGE),
        None => REPORT_MAX_AGE,
    };
    let mut response = Response::from_bytes(bytes).map_err(internal)?;
    let headers = response.headers_mut();
    headers
        .set("Content-Type", "application/json; charset=utf-8")
        .map_err(internal)?;
    headers
        .set("Cache-Control", &format!("public, max-age={max_age}"))
        .map_err(internal)?;
    headers
        .set("ETag", &format!("\"{}\"", metadata.full))
        .map_err(internal)?;
    secure(response).map_err(internal)
}

/// The headers `_headers` gives the app's HTML, for the page the worker serves itself.
const PAGE_HEADERS: &[(&str, &str)] = &[
    ("Content-Type", "text/html; charset=utf-8"),
    (
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self' https:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ),
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
    ("Cache-Control", "public, max-age=300"),
];

/// `GET /r`: the app's index.html for a server-less link, the report page's module preloaded
/// (the fragment never reaches the server: the page reads it).
pub async fn link_page(req: &Request, env: &Env) -> Result<Response, ApiError> {
    let html = crate::http::asset_text(req, env, "/").await?;
    let lang = crate::http::lang_of(req);
    let html = crate::render::replace_prerendered(&html, &crate::render::link_html(lang));
    page_response(
        crate::render::in_language(&crate::render::preload_report_module(&html), lang, true),
        200,
    )
}

/// A page of the app the worker serves itself: `PAGE_HEADERS`, and it follows the reader's
/// language.
fn page_response(html: String, status: u16) -> Result<Response, ApiError> {
    let mut response = Response::from_html(html).map_err(internal)?.with_status(status);
    let headers = response.headers_mut();
    for (name, value) in PAGE_HEADERS {
        headers.set(name, value).map_err(internal)?;
    }
    headers.set("Vary", "Accept-Language").map_err(internal)?;
    Ok(response)
}

/// `GET /r/:id`: the app's index.html with Open Graph and Twitter-card tags for the report.
pub async fn page(req: &Request, id: &str, env: &Env) -> Result<Response, ApiError> {
    let html = crate::http::asset_text(req, env, "/").await?;
    let kv = env.kv(KV).map_err(internal)?;
    let (bytes, metadata) = kv
        .get(&key(id))
        .bytes_with_metadata::<Metadata>()
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let live = metadata
        .as_ref()
        .is_some_and(|m| m.expires_at.is_none_or(|at| at > now_ms()));
    // A report stored before the worker analysed uploads carries its client's findings, and one
    // stored before fixes were typed commands (schemas 1 and 2) carries shell text: either is
    // shown as this worker's analysis of its input instead, never as stored.
    let analysed_here = metadata.as_ref().is_some_and(|m| m.analysed);
    let report = bytes.filter(|_| live).and_then(|b| {
        let stored = SharedReport::from_canonical(&b).ok()?;
        if analysed_here && stored.schema >= 3 {
            Some(stored)
        } else {
            analysed(&b).ok().map(|a| a.report)
        }
    });
    let lang = crate::http::lang_of(req);
    // The canonical address comes from the configured origin, never from the request's Host.
    let canonical = crate::http::public_origin(env).map(|origin| format!("{}/r/{id}", origin.trim_end_matches('/')));
    let tags = crate::preview::meta_tags(report.as_ref(), canonical.as_deref(), lang);
    // The report as HTML in the page itself (readable without the app); a missing one is a 404
    // with the way back.
    let (body, status) = match &report {
        Some(report) => (crate::render::report_html(report, lang), 200),
        None => (crate::render::missing_html(lang), 404),
    };
    let html = crate::render::preload_report_module(&crate::render::replace_prerendered(&html, &body));
    let html = crate::render::in_language(&html, lang, report.is_some());
    // (The preview tags follow the reader's language too.)
    page_response(crate::preview::inject(&html, &tags), status)
}

/// `DELETE /api/reports/:id` with `Authorization: Bearer <token>`.
pub async fn delete(req: &Request, id: &str, env: &Env) -> Result<Response, ApiError> {
    let token = req
        .headers()
        .get("Authorization")
        .ok()
        .flatten()
        .and_then(|h| h.strip_prefix("Bearer ").map(|t| t.trim().to_owned()))
        .filter(|t| !t.is_empty())
        .ok_or(ApiError::MissingToken)?;
    let kv = env.kv(KV).map_err(internal)?;
    let (_, metadata) = kv
        .get(&key(id))
        .bytes_with_metadata::<Metadata>()
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let metadata = metadata.ok_or_else(|| ApiError::ReportNotFound { id: id.to_owned() })?;
    if full_id(token.as_bytes()) != metadata.delete {
        return Err(ApiError::WrongToken);
    }
    // The tombstone first: if the deletion then fails, the content is refused anyway. (A report
    // stored before inputs were recorded is known by the id of its bytes.)
    let content = if metadata.input.is_empty() {
        &metadata.full
    } else {
        &metadata.input
    };
    kv.put(&tombstone(content), "")
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .expiration_ttl(TOMBSTONE_SECONDS)
        .execute()
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    kv.delete(&key(id))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    secure(Response::empty().map_err(internal)?.with_status(204)).map_err(internal)
}

/// 32 random bytes from `crypto.getRandomValues`, URL-safe base64.
fn random_token() -> worker::Result<String> {
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into())?;
    let get_random_values: js_sys::Function = js_sys::Reflect::get(&crypto, &"getRandomValues".into())?.into();
    let bytes = js_sys::Uint8Array::new_with_length(32);
    get_random_values.call1(&crypto, &bytes)?;
    Ok(gmd_report::base64_url(&bytes.to_vec()).trim_end_matches('=').to_owned())
}
