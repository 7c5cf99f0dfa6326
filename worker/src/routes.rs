//! Request routing and the API's errors, as pure functions so they are tested natively.

use gmd_vocabulary::Text;

/// What a request asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Health,
    CreateReport,
    GetReport(String),
    DeleteReport(String),
    /// The app's page for `/r/<id>`, with link-preview tags.
    ReportPage(String),
    /// `GET /install.sh`, `GET /install.ps1`: the CLI's installers, downloading from this site.
    Installer(&'static str),
    /// `GET /r`: the page of a server-less link (`/r#<fragment>`, which no server sees), with
    /// the report page's module preloaded instead of the home page's.
    LinkPage,
    /// `GET /r/<id>` with what chat apps and Markdown leave after a link (`)`, `.`, `,`, `/`,
    /// `>`, quotes): a redirect to the report.
    ReportRedirect(String),
    /// `GET /api/probe`: one mirror from here.
    Probe,
    /// `POST /api/probe`: several mirrors and regions, streamed.
    ProbeFanOut,
    /// `POST /api/modcheck`: a go.mod's requirements checked on a proxy, streamed.
    ModCheck,
    /// `GET /status`: the mirrors' status board, `GET /api/status` the same as JSON,
    /// `GET /status/feed.atom` its incidents, `GET /status/badge/<mirror>.svg` a badge.
    StatusPage,
    StatusJson,
    /// `GET /api/status/recent`: each mirror's last hour.
    StatusRecent,
    StatusFeed,
    StatusBadge(String),
    /// `POST /api/status/simulate` (test mode): a long history written for tests.
    StatusSimulate,
    Error(ApiError),
}

/// How long a deleted report's content stays refused: re-sending the same text cannot bring it
/// back, with a new token, while links to it still circulate.
pub const TOMBSTONE_SECONDS: u64 = 30 * 86_400;

/// How long a probe run is kept for a shared report to attach.
pub const RUN_TTL_SECONDS: u64 = 86_400;

/// The KV namespace binding: reports, their tombstones, and the probe runs kept for reports.
pub const KV: &str = "REPORTS";

/// An API error: its status, code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    NotFound {
        path: String,
    },
    MethodNotAllowed {
        method: String,
        path: String,
        allow: &'static str,
    },
    PayloadTooLarge {
        limit: usize,
    },
    UnsupportedMediaType,
    InvalidReport(String),
    IdMismatch {
        sent: String,
        computed: String,
    },
    BadParameter {
        name: &'static str,
        message: String,
    },
    RateLimited,
    /// A probe target or module the probe rules refuse.
    ProbeRefused {
        code: &'static str,
        message: Text,
    },
    ReportNotFound {
        id: String,
    },
    ReportExpired {
        id: String,
    },
    /// Its author deleted a report with this content; it cannot come back before the tombstone
    /// expires.
    ReportDeleted,
    /// A probe run to attach to a report that the worker does not keep (never made, or older
    /// than a day).
    ProbeRunUnknown {
        id: String,
    },
    /// A request from another site's page (`Sec-Fetch-Site`, `Origin`).
    CrossSite,
    /// No client address to count the request against (`CF-Connecting-IP` is missing).
    NoClientAddress,
    MissingToken,
    WrongToken,
    Internal(String),
}

impl ApiError {
    pub fn status(&self) -> u16 {
        match self {
            ApiError::NotFound { .. } | ApiError::ReportNotFound { .. } => 404,
            ApiError::MethodNotAllowed { .. } => 405,
            ApiError::PayloadTooLarge { .. } => 413,
            ApiError::UnsupportedMediaType => 415,
            ApiError::InvalidReport(_) | ApiError::BadParameter { .. } | ApiError::ProbeRefused { .. } => 400,
            ApiError::IdMismatch { .. } | ApiError::ProbeRunUnknown { .. } => 422,
            ApiError::RateLimited => 429,
            ApiError::ReportExpired { .. } | ApiError::ReportDeleted => 410,
            ApiError::MissingToken => 401,
            ApiError::WrongToken | ApiError::CrossSite => 403,
            ApiError::NoClientAddress => 400,
            ApiError::Internal(_) => 500,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::NotFound { .. } => "not_found",
            ApiError::MethodNotAllowed { .. } => "method_not_allowed",
            ApiError::PayloadTooLarge { .. } => "payload_too_large",
            ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::InvalidReport(_) => "invalid_report",
            ApiError::IdMismatch { .. } => "id_mismatch",
            ApiError::BadParameter { .. } => "bad_parameter",
            ApiError::RateLimited => "rate_limited",
            ApiError::ProbeRefused { code, .. } => code,
            ApiError::ReportNotFound { .. } => "report_not_found",
            ApiError::ReportExpired { .. } => "report_expired",
            ApiError::ReportDeleted => "report_deleted",
            ApiError::ProbeRunUnknown { .. } => "unknown_probe_run",
            ApiError::CrossSite => "cross_site",
            ApiError::NoClientAddress => "no_client_address",
            ApiError::MissingToken => "missing_token",
            ApiError::WrongToken => "wrong_token",
            ApiError::Internal(_) => "internal",
        }
    }

    /// The message in English (what logs say).
    pub fn message(&self) -> String {
        self.text().en
    }

    /// The message in both languages: the page shows the reader's. What it quotes (paths, ids,
    /// a parser's own words) reads the same in both.
    pub fn text(&self) -> Text {
        let both = |en: String, zh: String| Text { en, zh };
        match self {
            ApiError::NotFound { path } => both(format!("no API route `{path}`"), format!("没有 API 路由 `{path}`")),
            ApiError::MethodNotAllowed { method, path, allow } => both(
                format!("`{path}` does not accept `{method}`; use {allow}"),
                format!("`{path}` 不接受 `{method}`；请使用 {allow}"),
            ),
            ApiError::PayloadTooLarge { limit } => both(
                format!("the body is larger than {limit} bytes"),
                format!("请求体超过 {limit} 字节"),
            ),
            ApiError::UnsupportedMediaType => both(
                "send the report as `Content-Type: application/json`".to_owned(),
                "请以 `Content-Type: application/json` 发送报告".to_owned(),
            ),
            ApiError::InvalidReport(message) => both(message.clone(), format!("不是可读取的报告（`{message}`）")),
            ApiError::IdMismatch { sent, computed } => both(
                format!("the report's content has id `{computed}`, not `{sent}`"),
                format!("报告内容的 id 是 `{computed}`，不是 `{sent}`"),
            ),
            ApiError::BadParameter { name, message } => both(
                format!("`{name}`: {message}"),
                format!("参数 `{name}` 无效（`{message}`）"),
            ),
            ApiError::RateLimited => both(
                "too many requests from this address; try again in a minute".to_owned(),
                "来自这个地址的请求太多；请一分钟后再试".to_owned(),
            ),
            ApiError::ProbeRefused { message, .. } => message.clone(),
            ApiError::ReportNotFound { id } => both(format!("no report `{id}`"), format!("没有报告 `{id}`")),
            ApiError::ReportExpired { id } => both(format!("report `{id}` has expired"), format!("报告 `{id}` 已过期")),
            ApiError::CrossSite => both(
                format!(
                    "this request came from another site's page, or from a program that did not say so: probes and shared reports start only from this site's pages (a script sends `{CLIENT_HEADER}: <its name>`)"
                ),
                format!(
                    "这个请求来自其他网站的页面，或来自没有表明身份的程序：探测和分享报告只能从本站页面发起（脚本请发送 `{CLIENT_HEADER}: <名称>`）"
                ),
            ),
            ApiError::NoClientAddress => both(
                "the request carries no client address (CF-Connecting-IP) to count it against".to_owned(),
                "请求没有带客户端地址（CF-Connecting-IP），无法计数".to_owned(),
            ),
            ApiError::ReportDeleted => both(
                format!(
                    "its author deleted a report with this content; it cannot be shared again for {} days (any change to the input makes a new report)",
                    TOMBSTONE_SECONDS / 86_400
                ),
                format!(
                    "作者删除了内容相同的报告；{} 天内不能再次分享（对输入做任何修改都会生成新报告）",
                    TOMBSTONE_SECONDS / 86_400
                ),
            ),
            ApiError::ProbeRunUnknown { id } => both(
                format!(
                    "no probe run `{id}`: runs are kept {} hours; probe again, then share",
                    RUN_TTL_SECONDS / 3600
                ),
                format!(
                    "没有探测记录 `{id}`：探测记录只保留 {} 小时；请重新探测后再分享",
                    RUN_TTL_SECONDS / 3600
                ),
            ),
            ApiError::MissingToken => both(
                "send the deletion token as `Authorization: Bearer <token>`".to_owned(),
                "请以 `Authorization: Bearer <token>` 发送删除令牌".to_owned(),
            ),
            ApiError::WrongToken => both(
                "the deletion token does not match this report".to_owned(),
                "删除令牌与这份报告不匹配".to_owned(),
            ),
            ApiError::Internal(message) => both(
                format!("internal error: {message}"),
                format!("服务器内部错误（`{message}`）"),
            ),
        }
    }

    /// The `Allow` header of a 405.
    pub fn allow(&self) -> Option<&'static str> {
        match self {
            ApiError::MethodNotAllowed { allow, .. } => Some(allow),
            _ => None,
        }
    }
}

/// Whether `id` can be a report id (URL-safe base64, 11 to 44 characters).
pub fn valid_id(id: &str) -> bool {
    (11..=44).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'=')
}

/// Maps a method and path to a route.
pub fn route(method: &str, path: &str) -> Route {
    let get = matches!(method, "GET" | "HEAD");
    let not_allowed = |allow| {
        Route::Error(ApiError::MethodNotAllowed {
            method: method.to_owned(),
            path: path.to_owned(),
            allow,
        })
    };
    match path {
        "/api/health" if get => Route::Health,
        "/api/health" => not_allowed("GET, HEAD"),
        "/api/reports" if method == "POST" => Route::CreateReport,
        "/api/reports" => not_allowed("POST"),
        "/api/probe" if get => Route::Probe,
        "/api/probe" if method == "POST" => Route::ProbeFanOut,
        "/api/probe" => not_allowed("GET, HEAD, POST"),
        "/api/modcheck" if method == "POST" => Route::ModCheck,
        "/api/modcheck" => not_allowed("POST"),
        "/status" | "/status/" if get => Route::StatusPage,
        "/api/status" if get => Route::StatusJson,
        "/api/status/recent" if get => Route::StatusRecent,
        "/status/feed.atom" if get => Route::StatusFeed,
        "/api/status/simulate" if method == "POST" => Route::StatusSimulate,
        "/status" | "/status/" | "/api/status" | "/api/status/recent" | "/status/feed.atom" => not_allowed("GET, HEAD"),
        _ if path.starts_with("/status/badge/") => match path["/status/badge/".len()..].strip_suffix(".svg") {
            Some(slug) if get && valid_slug(slug) => Route::StatusBadge(slug.to_owned()),
            Some(slug) if valid_slug(slug) => not_allowed("GET, HEAD"),
            _ => Route::Error(ApiError::NotFound { path: path.to_owned() }),
        },
        "/r" if get => Route::LinkPage,
        "/install.sh" if get => Route::Installer("install.sh"),
        "/install.ps1" if get => Route::Installer("install.ps1"),
        _ if path.starts_with("/r/") && get && valid_id(&path[3..]) => Route::ReportPage(path[3..].to_owned()),
        _ if path.starts_with("/r/") && get && link_tail(&path[3..]).is_some() => {
            Route::ReportRedirect(link_tail(&path[3..]).unwrap_or_default().to_owned())
        }
        // `/r/` and what is no report id: the report page saying so (404), never a JSON error.
        _ if path.starts_with("/r/") && get => Route::ReportPage(String::new()),
        _ => match path.strip_prefix("/api/reports/") {
            Some(id) if valid_id(id) => match method {
                "GET" | "HEAD" => Route::GetReport(id.to_owned()),
                "DELETE" => Route::DeleteReport(id.to_owned()),
                _ => not_allowed("GET, HEAD, DELETE"),
            },
            _ => Route::Error(ApiError::NotFound { path: path.to_owned() }),
        },
    }
}

/// Whether `slug` can name a mirror on the board (`goproxy.cn`, `mirrors.aliyun.com_goproxy`,
/// `127.0.0.1:8080`).
fn valid_slug(slug: &str) -> bool {
    (1..=100).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':'))
}

/// What a sentence puts after a link: closing brackets, punctuation, a slash, quotes — ASCII,
/// and the full-width forms Chinese and Japanese text uses (`。`, `，`, `）`, `」`, …).
const LINK_CLOSERS: &[char] = &[
    ')', ']', '.', ',', ';', ':', '!', '?', '/', '>', '"', '\'', '。', '，', '、', '；', '：', '！', '？', '）', '」',
    '』', '】', '》', '”', '’',
];

/// The id in `/r/<id>` followed by what a chat app or Markdown glued to the link (see
/// [`LINK_CLOSERS`]; also percent-encoded, as browsers send them).
fn link_tail(rest: &str) -> Option<&str> {
    let mut id = rest;
    loop {
        let before = id;
        id = id.trim_end_matches(LINK_CLOSERS);
        id = strip_encoded_closer(id);
        if id == before {
            break;
        }
    }
    (id != rest && valid_id(id)).then_some(id)
}

/// `text` without a last character of [`LINK_CLOSERS`] written percent-encoded (`%29`,
/// `%E3%80%82`, either case).
fn strip_encoded_closer(text: &str) -> &str {
    for closer in LINK_CLOSERS {
        let mut utf8 = [0u8; 4];
        let encoded: String = closer
            .encode_utf8(&mut utf8)
            .bytes()
            .map(|b| format!("%{b:02X}"))
            .collect();
        if text.len() >= encoded.len() {
            let (head, tail) = text.split_at(text.len() - encoded.len());
            if tail.eq_ignore_ascii_case(&encoded) {
                return head;
            }
        }
    }
    text
}

/// How long a report is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expiry {
    /// Seconds, or `None` for ever.
    pub seconds: Option<u64>,
}

/// KV refuses shorter TTLs than this.
pub const MIN_KV_TTL: u64 = 60;

/// The wider bucket an IPv6 client also counts against: its /48, the block one site is given
/// (a client can use every /64 of it); none for IPv4, whose address is its own bucket.
pub fn wide_client_key(address: &str) -> Option<String> {
    match address.trim().parse::<std::net::IpAddr>().ok()? {
        std::net::IpAddr::V6(v6) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            Some(format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2]))
        }
        _ => None,
    }
}

/// The rate-limiting key of a client address: an IPv4 address whole, an IPv6 address by its
/// /64 (a subscriber usually holds the whole /64, so counting single addresses would give one
/// client millions of buckets). `None` for what is not an address.
pub fn client_key(address: &str) -> Option<String> {
    match address.trim().parse::<std::net::IpAddr>().ok()? {
        std::net::IpAddr::V4(v4) => Some(v4.to_string()),
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => Some(v4.to_string()),
            None => {
                let s = v6.segments();
                Some(format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3]))
            }
        },
    }
}

/// Whether a request comes from another site's page: `Sec-Fetch-Site` says so (browsers send
/// it), or an `Origin` other than `own` (the worker's origin) is named.
pub fn is_cross_site(sec_fetch_site: Option<&str>, origin: Option<&str>, own: &str) -> bool {
    let fetch_site = sec_fetch_site.is_some_and(|s| !matches!(s, "same-origin" | "none"));
    let foreign_origin = origin.is_some_and(|o| o != own);
    fetch_site || foreign_origin
}

/// The header a script or the CLI sends with `GET /api/probe`: a cross-site `<img>` or link
/// cannot send a header, and a cross-site `fetch` with one needs a CORS preflight this worker
/// never grants.
pub const CLIENT_HEADER: &str = "X-Gmd-Client";

/// Whether a `GET` that spends the client's budget comes from this site or from a program that
/// says it is one: a browser names the site (`Sec-Fetch-Site: same-origin`, or `none` when the
/// user typed the address), another client sends [`CLIENT_HEADER`]; and nothing names another
/// site. A GET a page of another site makes (an `<img>`, a link) is refused, whatever the
/// browser sends or omits.
pub fn is_own_get(sec_fetch_site: Option<&str>, origin: Option<&str>, client: Option<&str>, own: &str) -> bool {
    let named_site = matches!(sec_fetch_site, Some("same-origin" | "none"));
    let program = client.is_some_and(|c| !c.trim().is_empty());
    !is_cross_site(sec_fetch_site, origin, own) && (named_site || program)
}

/// Reads `expires=never|30d|1y` (and, in test mode, `<n>s`).
pub fn parse_expiry(value: Option<&str>, test_mode: bool) -> Result<Expiry, ApiError> {
    let seconds = match value.unwrap_or("never") {
        "never" => None,
        "30d" => Some(30 * 24 * 3600),
        "1y" => Some(365 * 24 * 3600),
        other => match other.strip_suffix('s').and_then(|n| n.parse::<u64>().ok()) {
            Some(n) if test_mode && n > 0 => Some(n),
            _ => {
                return Err(ApiError::BadParameter {
                    name: "expires",
                    message: format!("`{other}` is not one of never, 30d, 1y"),
                });
            }
        },
    };
    Ok(Expiry { seconds })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Routes `method path` and compares `status code` (or the route).
    fn check(request: &str, expected: &str) {
        let (method, path) = request.split_once(' ').expect("`METHOD /path`");
        let actual = match route(method, path) {
            Route::Health => "health".to_owned(),
            Route::CreateReport => "create".to_owned(),
            Route::GetReport(id) => format!("get {id}"),
            Route::DeleteReport(id) => format!("delete {id}"),
            Route::ReportPage(id) => format!("page {id}"),
            Route::LinkPage => "link page".to_owned(),
            Route::Installer(name) => format!("installer {name}"),
            Route::ReportRedirect(id) => format!("redirect {id}"),
            Route::Probe => "probe".to_owned(),
            Route::ProbeFanOut => "probe fan-out".to_owned(),
            Route::ModCheck => "modcheck".to_owned(),
            Route::StatusPage => "status".to_owned(),
            Route::StatusJson => "status json".to_owned(),
            Route::StatusRecent => "status recent".to_owned(),
            Route::StatusFeed => "status feed".to_owned(),
            Route::StatusBadge(slug) => format!("badge {slug}"),
            Route::StatusSimulate => "status simulate".to_owned(),
            Route::Error(error) => format!("{} {}", error.status(), error.code()),
        };
        assert_eq!(actual, expected, "{request}");
    }

    #[test]
    fn the_status_board_routes() {
        check("GET /status", "status");
        check("HEAD /status/", "status");
        check("GET /api/status", "status json");
        check("GET /api/status/recent", "status recent");
        check("GET /status/feed.atom", "status feed");
        check("GET /status/badge/goproxy.cn.svg", "badge goproxy.cn");
        check(
            "GET /status/badge/mirrors.aliyun.com_goproxy.svg",
            "badge mirrors.aliyun.com_goproxy",
        );
        check("GET /status/badge/127.0.0.1:8080.svg", "badge 127.0.0.1:8080");
        check("GET /status/badge/../x.svg", "404 not_found");
        check("GET /status/badge/goproxy.cn", "404 not_found");
        check("POST /status", "405 method_not_allowed");
        check("POST /api/status/simulate", "status simulate");
    }

    #[test]
    fn clients_are_counted_by_address_and_ipv6_by_its_64() {
        for (address, key) in [
            ("203.0.113.7", Some("203.0.113.7")),
            (" 203.0.113.7 ", Some("203.0.113.7")),
            ("2001:db8:1:2:aaaa::1", Some("2001:db8:1:2::/64")),
            ("2001:0db8:0001:0002:ffff:ffff:ffff:ffff", Some("2001:db8:1:2::/64")),
            ("::ffff:203.0.113.7", Some("203.0.113.7")),
            ("unknown", None),
            ("", None),
        ] {
            assert_eq!(client_key(address).as_deref(), key, "{address}");
        }
        for (address, key) in [
            ("2001:db8:1:2::5", Some("2001:db8:1::/48")),
            ("2001:db8:1:ffff::5", Some("2001:db8:1::/48")),
            ("::ffff:203.0.113.7", None),
            ("203.0.113.7", None),
            ("x", None),
        ] {
            assert_eq!(wide_client_key(address).as_deref(), key, "{address}");
        }
    }

    #[test]
    fn cross_site_requests_are_recognised() {
        let own = "https://doctor.example";
        assert!(!is_cross_site(Some("same-origin"), Some(own), own));
        assert!(!is_cross_site(None, None, own), "curl, the CLI");
        assert!(!is_cross_site(Some("none"), None, own));
        assert!(is_cross_site(Some("cross-site"), None, own));
        assert!(is_cross_site(Some("same-site"), None, own));
        assert!(is_cross_site(None, Some("https://evil.example"), own));
        assert!(is_cross_site(None, Some("null"), own));
    }

    #[test]
    fn a_get_that_spends_the_budget_names_its_site_or_its_program() {
        let own = "https://doctor.example";
        let check = |site, origin, client, expected: bool| {
            assert_eq!(
                is_own_get(site, origin, client, own),
                expected,
                "{site:?} {origin:?} {client:?}"
            );
        };
        check(Some("same-origin"), None, None, true);
        check(Some("none"), None, None, true);
        check(None, None, Some("gomod-doctor/1"), true);
        check(Some("cross-site"), None, None, false);
        check(Some("cross-site"), None, Some("x"), false);
        check(Some("same-site"), None, None, false);
        check(None, None, None, false);
        check(None, None, Some("  "), false);
        check(None, Some("https://evil.example"), Some("x"), false);
    }

    #[test]
    fn routes() {
        check("GET /api/health", "health");
        check("HEAD /api/health", "health");
        check("POST /api/health", "405 method_not_allowed");
        check("GET /api/health/", "404 not_found");
        check("GET /api/nothing", "404 not_found");
        check("POST /api/reports", "create");
        check("GET /api/reports", "405 method_not_allowed");
        check("GET /api/reports/abcdefghijk", "get abcdefghijk");
        check("DELETE /api/reports/abcdefghijk", "delete abcdefghijk");
        check("PUT /api/reports/abcdefghijk", "405 method_not_allowed");
        check("GET /api/reports/short", "404 not_found");
        check("GET /api/reports/has%20space", "404 not_found");
        check("GET /api/reports/abcdefghijk/more", "404 not_found");
        check("GET /r/abcdefghijk", "page abcdefghijk");
        check("GET /r", "link page");
        check("GET /install.sh", "installer install.sh");
        check("GET /install.ps1", "installer install.ps1");
        // What is no report id: the report page says so, never a JSON error.
        check("GET /r/x", "page ");
        check("GET /r/", "page ");
        // What chat apps and Markdown leave after a link, and Chinese text's full-width
        // punctuation (as typed, and percent-encoded as browsers send it).
        for tail in [
            ")",
            ".",
            ",",
            "/",
            ">",
            "\"",
            "'",
            ").",
            "%22",
            "%3E",
            "%29.",
            "/)",
            "。",
            "，",
            "）",
            "」",
            "”",
            "%E3%80%82",
            "%ef%bc%8c",
            "%EF%BC%89。",
        ] {
            check(&format!("GET /r/abcdefghijk{tail}"), "redirect abcdefghijk");
        }
        check("GET /r/abc).", "page ");
        check("POST /r/abcdefghijk", "404 not_found");
        check("GET /api/probe", "probe");
        check("POST /api/probe", "probe fan-out");
        check("DELETE /api/probe", "405 method_not_allowed");
    }

    #[test]
    fn errors_name_the_request() {
        let error = ApiError::MethodNotAllowed {
            method: "POST".into(),
            path: "/api/health".into(),
            allow: "GET, HEAD",
        };
        assert_eq!(error.message(), "`/api/health` does not accept `POST`; use GET, HEAD");
        assert_eq!(error.allow(), Some("GET, HEAD"));
        assert_eq!(
            ApiError::NotFound { path: "/api/x".into() }.message(),
            "no API route `/api/x`"
        );
        assert_eq!(ApiError::RateLimited.status(), 429);
    }

    #[test]
    fn every_error_in_both_languages() {
        let errors = [
            ApiError::NotFound { path: "/api/x".into() },
            ApiError::MethodNotAllowed {
                method: "PUT".into(),
                path: "/api/reports".into(),
                allow: "POST",
            },
            ApiError::PayloadTooLarge { limit: 10 },
            ApiError::UnsupportedMediaType,
            ApiError::InvalidReport("expected value at line 1 column 1".into()),
            ApiError::IdMismatch {
                sent: "a".into(),
                computed: "b".into(),
            },
            ApiError::BadParameter {
                name: "expires",
                message: "one of never, 30d, 1y".into(),
            },
            ApiError::RateLimited,
            ApiError::ProbeRefused {
                code: "target_refused",
                message: gmd_probe::target::Refusal::Host("goproxy.corp.internal".into()).text(),
            },
            ApiError::ReportNotFound {
                id: "abcdefghijk".into(),
            },
            ApiError::ReportExpired {
                id: "abcdefghijk".into(),
            },
            ApiError::ReportDeleted,
            ApiError::ProbeRunUnknown { id: "r".into() },
            ApiError::CrossSite,
            ApiError::NoClientAddress,
            ApiError::MissingToken,
            ApiError::WrongToken,
            ApiError::Internal("boom".into()),
        ];
        for error in errors {
            let text = error.text();
            // Chinese words outside what is quoted in backticks, and the English unchanged.
            let unquoted: String = text.zh.split('`').step_by(2).collect();
            assert!(
                unquoted.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{}",
                text.zh
            );
            assert!(!unquoted.contains(" the ") && !unquoted.contains(" is "), "{}", text.zh);
            assert_eq!(error.message(), text.en);
        }
        let host = ApiError::ProbeRefused {
            code: "target_refused",
            message: gmd_probe::target::Refusal::Host("goproxy.corp.internal".into()).text(),
        };
        assert_eq!(host.text().zh, "`goproxy.corp.internal` 不是公网主机名");
    }

    #[test]
    fn expiries() {
        assert_eq!(parse_expiry(None, false), Ok(Expiry { seconds: None }));
        assert_eq!(
            parse_expiry(Some("30d"), false),
            Ok(Expiry {
                seconds: Some(2_592_000)
            })
        );
        assert_eq!(
            parse_expiry(Some("1y"), false),
            Ok(Expiry {
                seconds: Some(31_536_000)
            })
        );
        assert!(parse_expiry(Some("5s"), false).is_err());
        assert_eq!(parse_expiry(Some("5s"), true), Ok(Expiry { seconds: Some(5) }));
        assert!(parse_expiry(Some("forever"), true).is_err());
    }
}
