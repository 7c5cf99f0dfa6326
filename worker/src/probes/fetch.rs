//! gmd-probe's `Fetch` over the runtime's `fetch()`.

use futures_util::future::{Either, select};
use futures_util::stream::StreamExt;
use gmd_probe::Outcome;
use gmd_probe::run::{Failure, Fetch, Fetched};
use std::time::Duration;
use worker::{AbortController, Delay, Headers, Method, Request, RequestInit, RequestRedirect};

/// `fetch()` with redirects not followed, an abort deadline and a capped body read.
pub(crate) struct JsFetch;

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
