//! Calls to the worker's API and the browser's clipboard.

use crate::i18n::Lang;
use gloo_net::http::Request;

/// What went wrong talking to the worker, in both languages: the worker's own words (its error
/// body's `message` and `message_zh`), or the page's when the request itself failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub en: String,
    pub zh: String,
}

impl Failure {
    fn both(en: String, zh: &str) -> Failure {
        Failure { en, zh: zh.to_owned() }
    }

    /// The request did not complete (the network, the browser): its words in English only.
    fn request(error: impl std::fmt::Display) -> Failure {
        Failure::both(
            format!("the request did not complete: {error}"),
            "请求没有完成（网络错误）",
        )
    }

    /// One of the page's own texts ([`crate::i18n`]), in both languages.
    pub fn said(key: &'static str) -> Failure {
        Failure {
            en: crate::i18n::t(Lang::En, key).to_owned(),
            zh: crate::i18n::t(Lang::Zh, key).to_owned(),
        }
    }

    /// In the page's language.
    pub fn get(&self, lang: Lang) -> &str {
        if lang == Lang::Zh && !self.zh.is_empty() {
            &self.zh
        } else {
            &self.en
        }
    }
}

/// What `POST /api/reports` answered: the id, and for the report's creator the token that
/// deletes it (absent when the report existed already) and when it expires (Unix ms; absent:
/// never).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Created {
    pub id: String,
    #[serde(default)]
    pub delete_token: Option<String>,
    #[serde(default)]
    pub expires_at: Option<u64>,
}

/// How a deletion went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deleted {
    /// Deleted now.
    Now,
    /// Gone already (deleted, or expired).
    AlreadyGone,
    /// The token is not this report's.
    WrongToken,
}

/// `DELETE /api/reports/<id>` with the creator's token.
pub async fn delete_report(id: &str, token: &str) -> Result<Deleted, Failure> {
    let response = Request::delete(&format!("/api/reports/{id}"))
        .header("Authorization", &format!("Bearer {token}"))
        .send()
        .await
        .map_err(Failure::request)?;
    match response.status() {
        204 => Ok(Deleted::Now),
        404 | 410 => Ok(Deleted::AlreadyGone),
        401 | 403 => Ok(Deleted::WrongToken),
        status => Err(error_message(&response.text().await.unwrap_or_default(), status)),
    }
}

/// The message of an API error body (`{"error": {"code", "message", "message_zh"}}`), else
/// the status.
fn error_message(text: &str, status: u16) -> Failure {
    #[derive(serde::Deserialize)]
    struct Body {
        error: Inner,
    }
    #[derive(serde::Deserialize)]
    struct Inner {
        message: String,
        #[serde(default)]
        message_zh: String,
    }
    serde_json::from_str::<Body>(text).map_or_else(
        |_| Failure {
            en: format!("the server answered with status {status}"),
            zh: format!("服务器返回了状态 {status}"),
        },
        |b| Failure {
            en: b.error.message,
            zh: b.error.message_zh,
        },
    )
}

/// Uploads canonical report bytes, with the probe run the worker is to attach; returns the id,
/// or the API's error message.
pub async fn create_report(bytes: Vec<u8>, run: Option<String>) -> Result<Created, Failure> {
    let url = match run {
        Some(run) => format!("/api/reports?probes={run}"),
        None => "/api/reports".to_owned(),
    };
    let request = Request::post(&url)
        .header("Content-Type", "application/json")
        .body(bytes)
        .map_err(Failure::request)?;
    let response = request.send().await.map_err(Failure::request)?;
    let text = response.text().await.map_err(Failure::request)?;
    if response.ok() {
        serde_json::from_str(&text)
            .map_err(|_| Failure::both("the server answered without an id".to_owned(), "服务器的回应中没有 id"))
    } else {
        Err(error_message(&text, response.status()))
    }
}

/// One mirror over the last hour on the status board (`GET /api/status/recent`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Recent {
    pub mirror: String,
    pub probes: i64,
    pub failures: i64,
}

/// The status board's last hour, each mirror's probes and failures from every region.
pub async fn recent_status() -> Result<Vec<Recent>, Failure> {
    #[derive(serde::Deserialize)]
    struct Body {
        mirrors: Vec<Recent>,
    }
    let response = Request::get("/api/status/recent")
        .send()
        .await
        .map_err(Failure::request)?;
    if !response.ok() {
        return Err(error_message("", response.status()));
    }
    let text = response.text().await.map_err(Failure::request)?;
    serde_json::from_str::<Body>(&text)
        .map(|b| b.mirrors)
        .map_err(Failure::request)
}

/// Fetches the canonical bytes of report `id`; `Ok(None)` when it does not exist or expired.
pub async fn fetch_report(id: &str) -> Result<Option<Vec<u8>>, Failure> {
    let response = Request::get(&format!("/api/reports/{id}"))
        .send()
        .await
        .map_err(Failure::request)?;
    match response.status() {
        200 => response.binary().await.map(Some).map_err(Failure::request),
        404 | 410 => Ok(None),
        status => Err(error_message("", status)),
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The browser's `CompressionStream` (web-sys has it only behind its unstable APIs).
    #[wasm_bindgen(js_name = CompressionStream)]
    type CompressionStream;
    #[wasm_bindgen(constructor, catch, js_class = "CompressionStream")]
    fn new(format: &str) -> Result<CompressionStream, wasm_bindgen::JsValue>;
}

/// `bytes` as raw DEFLATE, made by the browser (`CompressionStream("deflate-raw")`): the page
/// carries no compressor of its own. `None` where the browser has none.
pub async fn deflate_raw(bytes: &[u8]) -> Option<Vec<u8>> {
    use wasm_bindgen::JsCast;
    let compressor = CompressionStream::new("deflate-raw").ok()?;
    let source = web_sys::Response::new_with_opt_u8_array(Some(&mut bytes.to_vec()))
        .ok()?
        .body()?;
    let compressed = source.pipe_through(compressor.unchecked_ref::<web_sys::ReadableWritablePair>());
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&compressed)).ok()?;
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().ok()?)
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Copies `text` to the clipboard (best effort).
pub fn copy(text: &str) {
    let clipboard = leptos::prelude::window().navigator().clipboard();
    let _ = clipboard.write_text(text);
}

/// One NDJSON line of `POST /api/probe`. Read in two passes (its `type`, then the fields of that
/// type) rather than as gmd-probe's tagged `StreamLine`: serde's buffering of tagged and
/// flattened types costs the page tens of KiB of wasm. Every body the page reads is read from a
/// `&str` (`serde_json::from_str`): a second reader type (`from_slice`) is a second copy of the
/// JSON parser.
#[derive(Debug)]
pub enum ProbeLine {
    Result(Box<gmd_probe::report::MirrorReport>),
    Error {
        mirror: String,
        region: Option<String>,
        message: String,
    },
    /// The compared verdicts, and the id under which the worker keeps the run.
    Summary(Vec<Compared>, Option<String>),
}

/// A mirror's verdict after the comparison (a summary entry).
#[derive(Debug)]
pub struct Compared {
    pub mirror: String,
    pub region: Option<String>,
    pub verdict: gmd_probe::Verdict,
}

/// A summary entry as the worker writes it (gmd-probe's `SummaryEntry`, its verdict's fields
/// beside the mirror's, read without `flatten`).
#[derive(serde::Deserialize)]
struct Entry {
    mirror: String,
    #[serde(default)]
    region: Option<String>,
    status: String,
    line: String,
    #[serde(default)]
    line_zh: String,
}

/// A line's `type`.
#[derive(serde::Deserialize)]
struct Kind {
    #[serde(rename = "type")]
    kind: String,
}

impl ProbeLine {
    fn parse(line: &str) -> Result<ProbeLine, serde_json::Error> {
        #[derive(serde::Deserialize)]
        struct Failed {
            mirror: String,
            #[serde(default)]
            region: Option<String>,
            message: String,
        }
        #[derive(serde::Deserialize)]
        struct Summary {
            mirrors: Vec<Entry>,
            #[serde(default)]
            run: Option<String>,
        }
        Ok(match serde_json::from_str::<Kind>(line)?.kind.as_str() {
            "result" => ProbeLine::Result(serde_json::from_str(line)?),
            "error" => {
                let f: Failed = serde_json::from_str(line)?;
                ProbeLine::Error {
                    mirror: f.mirror,
                    region: f.region,
                    message: f.message,
                }
            }
            _ => {
                let summary: Summary = serde_json::from_str(line)?;
                let compared = summary.mirrors.into_iter().map(|e| Compared {
                    mirror: e.mirror,
                    region: e.region,
                    verdict: gmd_probe::Verdict {
                        status: e.status,
                        line: e.line,
                        line_zh: e.line_zh,
                    },
                });
                ProbeLine::Summary(compared.collect(), summary.run)
            }
        })
    }
}

/// What the panel asks `POST /api/probe` for.
#[derive(Debug, serde::Serialize)]
pub struct ProbeAsk {
    pub mirrors: Vec<String>,
    pub regions: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub module: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// `POST /api/probe`; calls `on_line` for each NDJSON line as it arrives. Errs with the API's
/// message when the request is refused, or when the stream breaks.
pub async fn probe(ask: &ProbeAsk, mut on_line: impl FnMut(ProbeLine)) -> Result<(), Failure> {
    let body = serde_json::to_string(ask).map_err(Failure::request)?;
    post_ndjson("/api/probe", body, |line| {
        on_line(ProbeLine::parse(line).map_err(unreadable)?);
        Ok(())
    })
    .await
}

/// One line of `POST /api/modcheck`: a requirement's check, or the summary. Read in two passes,
/// as [`ProbeLine`].
#[derive(Debug, Clone)]
pub enum ModCheckLine {
    Result(gmd_probe::modcheck::RequireReport),
    Summary {
        checked: usize,
        flagged: usize,
        /// Lines the proxy could not answer (not the go.mod's problems).
        unreachable: usize,
    },
}

impl ModCheckLine {
    fn parse(line: &str) -> Result<ModCheckLine, serde_json::Error> {
        #[derive(serde::Deserialize)]
        struct Summary {
            checked: usize,
            flagged: usize,
            #[serde(default)]
            unreachable: usize,
        }
        Ok(match serde_json::from_str::<Kind>(line)?.kind.as_str() {
            "summary" => {
                let Summary {
                    checked,
                    flagged,
                    unreachable,
                } = serde_json::from_str(line)?;
                ModCheckLine::Summary {
                    checked,
                    flagged,
                    unreachable,
                }
            }
            _ => ModCheckLine::Result(serde_json::from_str(line)?),
        })
    }
}

/// Checks `gomod`'s requirements on `proxy` through the worker, a line at a time.
pub async fn modcheck(gomod: &str, proxy: &str, mut on_line: impl FnMut(ModCheckLine)) -> Result<(), Failure> {
    #[derive(serde::Serialize)]
    struct Ask<'a> {
        gomod: &'a str,
        proxy: &'a str,
    }
    let body = serde_json::to_string(&Ask { gomod, proxy }).map_err(Failure::request)?;
    post_ndjson("/api/modcheck", body, |line| {
        on_line(ModCheckLine::parse(line).map_err(unreadable)?);
        Ok(())
    })
    .await
}

/// A line of the worker's stream that is not what it should be.
fn unreadable(error: serde_json::Error) -> Failure {
    Failure::both(format!("an unreadable line: {error}"), "服务器返回了无法读取的一行")
}

/// POSTs JSON to `path` and hands each NDJSON line of the answer to `on_line` as it arrives.
async fn post_ndjson(
    path: &str,
    body: String,
    mut on_line: impl FnMut(&str) -> Result<(), Failure>,
) -> Result<(), Failure> {
    use wasm_bindgen::JsCast;
    let response = Request::post(path)
        .header("Content-Type", "application/json")
        .body(body)
        .map_err(Failure::request)?
        .send()
        .await
        .map_err(Failure::request)?;
    if !response.ok() {
        let text = response.text().await.unwrap_or_default();
        return Err(error_message(&text, response.status()));
    }
    let stream = response
        .body()
        .ok_or_else(|| Failure::both("the answer has no body".to_owned(), "服务器的回应没有内容"))?;
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut buffer: Vec<u8> = Vec::new();
    loop {
        let chunk = wasm_bindgen_futures::JsFuture::from(reader.read())
            .await
            .map_err(|e| Failure::both(format!("the stream broke: {e:?}"), "数据流中断了"))?;
        let field = |name: &str| js_sys::Reflect::get(&chunk, &name.into()).unwrap_or_default();
        if field("done").as_bool().unwrap_or(true) {
            break;
        }
        buffer.extend(js_sys::Uint8Array::new(&field("value")).to_vec());
        while let Some(end) = buffer.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = buffer.drain(..=end).collect();
            let line = String::from_utf8(line)
                .map_err(|_| Failure::both("a line that is not UTF-8".to_owned(), "服务器返回了不是 UTF-8 的一行"))?;
            on_line(&line)?;
        }
    }
    Ok(())
}

/// What this browser saw of a URL fetched `no-cors`: whether anything answered and how fast. The
/// answer itself is opaque (status and content hidden by the browser), so that is all it can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    Answered(u32),
    Failed(u32),
    TimedOut(u32),
}

/// Times a `no-cors` GET of `url` (no credentials, no cache), giving up after `timeout_ms`.
pub async fn reach(url: &str, timeout_ms: i32) -> Reach {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let window = leptos::prelude::window();
    let init = web_sys::RequestInit::new();
    init.set_mode(web_sys::RequestMode::NoCors);
    init.set_cache(web_sys::RequestCache::NoStore);
    init.set_credentials(web_sys::RequestCredentials::Omit);
    let controller = web_sys::AbortController::new().ok();
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
    }
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let flag = std::rc::Rc::clone(&timed_out);
    let abort = Closure::once(move || {
        flag.set(true);
        if let Some(c) = controller {
            c.abort();
        }
    });
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(abort.as_ref().unchecked_ref(), timeout_ms)
        .ok();
    let start = js_sys::Date::now();
    let result = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str_and_init(url, &init)).await;
    let ms = (js_sys::Date::now() - start).max(0.0) as u32;
    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    drop(abort);
    match result {
        Ok(_) => Reach::Answered(ms),
        Err(_) if timed_out.get() => Reach::TimedOut(ms),
        Err(_) => Reach::Failed(ms),
    }
}
