//! `proxy-server-error`: the proxy answers, but wrongly: 5xx, a fetch timeout of its own, a
//! stale or broken mirror, an HTML page where a module file was expected.

use super::{Facts, Rule, common};
use crate::attribution::{self, Reason};
use crate::finding::{Cause, Command, Finding, Fix, Hop, Severity, Word};
use gmd_golog::{Event, EventKind, NetError, Target};

pub(crate) const RULE: Rule = Rule {
    id: "proxy-server-error",
    cause: Cause::ProxyServerError,
    hop: Hop::ModuleProxy,
    title: "The module proxy answers with an error or wrong content",
    explanation: "The proxy is reachable but fails: a 5xx status, `not found: fetch timed out` (the mirror could not fetch the module in time), a mirror that lags behind and lacks a version that exists, a redirect to plain HTTP, a truncated or corrupt zip, or an HTML page from a captive portal. `,` in GOPROXY falls back only on 404 and 410; `|` falls back on any error. Retry later, or bypass that proxy.",
    title_zh: "模块代理返回错误或错误的内容",
    explanation_zh: "代理可以访问但出错：5xx 状态码、`not found: fetch timed out`（镜像没能及时获取该模块）、镜像落后而缺少实际存在的版本、重定向到明文 HTTP、zip 被截断或损坏，或者强制门户（captive portal）返回的 HTML 页面。GOPROXY 中的 `,` 只在 404 和 410 时换下一项；`|` 遇到任何错误都会换。稍后重试，或绕过这个代理。",
    reference: "https://go.dev/ref/mod#goproxy-protocol",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        FetchTimedOut { host: String, status: u16 } =>
            "the module proxy `{host}` answered {status} `fetch timed out`: it could not fetch the module itself",
            "模块代理 `{host}` 返回 {status} `fetch timed out`：它自己没能获取到该模块";
        StaleTile { host: String, status: u16 } =>
            "the mirror `{host}` answered {status} for a tile of the checksum database it serves: a tile names no module, so the mirror's copy of the database is stale",
            "镜像 `{host}` 对它所提供的校验和数据库的一个 tile 返回了 {status}：tile 不对应任何模块，所以是镜像里的数据库副本过时了";
        SelfHosted { host: String, status: u16, module: String } =>
            "your own proxy `{host}` answered {status} for `{module}`, a module it is there to serve: it cannot fetch it (its settings, credentials or version)",
            "你自己的代理 `{host}` 对 `{module}` 返回了 {status}，而它正是为提供这类模块而设的：它取不到这个模块（检查它的设置、凭据或版本）";
        Stale { host: String, module: String, version: String } =>
            "the mirror `{host}` lacks `{module}@{version}`, which go.mod already requires: the mirror lags behind",
            "镜像 `{host}` 缺少 go.mod 已经要求的 `{module}@{version}`：镜像落后了";
        OriginUnreachable { host: String, status: u16, module: String } =>
            "`{host}` answered {status} for `{module}` because it could not reach the module's origin itself: the outage is on its side",
            "`{host}` 对 `{module}` 返回了 {status}，因为它自己连不上该模块的源站：故障在它那一侧";
        LostZip { host: String, module: String, version: String } =>
            "the mirror `{host}` knows `{module}@{version}` but has no zip for it: the mirror lags or lost it",
            "镜像 `{host}` 知道 `{module}@{version}`，却没有它的 zip：镜像落后了或丢失了它";
        Failed { host: String, status: u16 } =>
            "the module proxy `{host}` failed with {status}",
            "模块代理 `{host}` 出错，状态码 {status}";
        CutShort { host: String } =>
            "the module proxy `{host}` cut a download short",
            "模块代理 `{host}` 中途截断了下载";
        InfoMismatch =>
            "the module proxy answered with information for another version",
            "模块代理返回的是另一个版本的信息";
        InsecureRedirect =>
            "the module proxy redirected from HTTPS to plain HTTP",
            "模块代理从 HTTPS 重定向到了明文 HTTP";
        Html =>
            "the module proxy answered with an HTML page (a captive portal or an error page)",
            "模块代理返回了一个 HTML 页面（强制门户或错误页）";
        BadZip =>
            "the module proxy sent something that is not a valid module zip (a broken mirror or a captive portal)",
            "模块代理发来的不是有效的模块 zip（镜像出错或强制门户）";
    }
    enum Do {
        Bypass { host: String } => "Bypass {host} with another proxy", "用另一个代理绕过 {host}";
        KeepWithPipe { host: String } =>
            "Or keep {host} and fall back on any error with `|`",
            "或者保留 {host}，并用 `|` 在遇到任何错误时换下一项";
    }
}

fn is_server_error(facts: &Facts<'_>, event: &Event) -> bool {
    match &event.kind {
        EventKind::HttpStatus { .. } | EventKind::Fetch { .. }
            if attribution::owner(facts, event) == Some(Cause::ProxyServerError) =>
        {
            true
        }
        EventKind::Fetch {
            target: Target::ModuleProxy,
            error: NetError::UnexpectedEof,
            ..
        } => true,
        EventKind::ProxyInfoMismatch | EventKind::InsecureRedirect | EventKind::HtmlResponse => true,
        EventKind::ZipNotValid { in_cache: false } => true,
        _ => false,
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events: Vec<&Event> = facts.events.iter().filter(|e| is_server_error(facts, e)).collect();
    let Some(first) = events.first() else { return Vec::new() };
    let message = match &first.kind {
        EventKind::HttpStatus {
            host,
            status,
            url,
            response,
            ..
        } => {
            let (host, status) = (host.clone(), *status);
            let module = first.module.clone().unwrap_or_default();
            let version = first.version.clone().unwrap_or_default();
            match attribution::row(facts, first).map(|r| r.reason) {
                Some(Reason::OriginUnreachable) => Msg::OriginUnreachable { host, status, module },
                Some(Reason::MissingTile) => Msg::StaleTile { host, status },
                Some(Reason::SelfHosted) => Msg::SelfHosted { host, status, module },
                Some(Reason::Stale) if url.ends_with(".zip") => Msg::LostZip { host, module, version },
                Some(Reason::Stale) => Msg::Stale { host, module, version },
                _ if response.contains("fetch timed out") => Msg::FetchTimedOut { host, status },
                _ => Msg::Failed { host, status },
            }
        }
        EventKind::Fetch { host, .. } => Msg::CutShort { host: host.clone() },
        EventKind::ProxyInfoMismatch => Msg::InfoMismatch,
        EventKind::InsecureRedirect => Msg::InsecureRedirect,
        EventKind::HtmlResponse => Msg::Html,
        _ => Msg::BadZip,
    };
    let host = match &first.kind {
        EventKind::HttpStatus { host, .. } | EventKind::Fetch { host, .. } => host.clone(),
        _ => gmd_semantics::proxy::host(facts.goproxy().split([',', '|']).next().unwrap_or_default()).to_owned(),
    };
    let alternative = if host == "proxy.golang.org" {
        "https://goproxy.cn,direct"
    } else {
        "https://proxy.golang.org,direct"
    };
    // Another mirror first: it works now, where a retry works only once the fault has passed.
    let mut fixes = vec![Fix::set(
        &Do::Bypass { host: host.clone() },
        "GOPROXY",
        Word::lit(alternative),
    )];
    // `|` moves on after a failed request; content the request returned whole (a zip that is
    // not one, an HTML page) is rejected after the proxy loop, where no entry comes next.
    let accepted_content = matches!(first.kind, EventKind::ZipNotValid { .. } | EventKind::HtmlResponse);
    if !accepted_content {
        // The mirror as the user named it: its scheme, port and path are part of its URL.
        let base = match &first.kind {
            EventKind::HttpStatus { url, .. } | EventKind::Fetch { url, .. } => {
                facts.proxy_base(url, first.module.as_deref())
            }
            _ => format!("https://{host}"),
        };
        let rest = if host == "proxy.golang.org" {
            "|https://goproxy.cn|direct"
        } else {
            "|https://proxy.golang.org|direct"
        };
        fixes.push(Fix::set(
            &Do::KeepWithPipe { host: host.clone() },
            "GOPROXY",
            Word::join(vec![common::goproxy_word(&base), Word::lit(rest)]),
        ));
    }
    fixes.push(Fix::safe(
        &common::Title::Retry,
        Command::go(&["clean", "-modcache"]).and(Command::go(&["mod", "download"])),
    ));
    let mut evidence = Vec::new();
    if let Some(var) = facts.var("GOPROXY") {
        evidence.push(facts.evidence(var.line));
    }
    evidence.extend(facts.events_evidence(events.iter().copied()));
    vec![rule.finding(Severity::Error, &message, evidence, fixes)]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, finding, rules};

    #[test]
    fn the_pipe_fix_keeps_the_mirror_as_the_user_named_it() {
        let pipe = |log: &str| finding(log, "proxy-server-error").fixes[1].posix().clone();
        // A mirror under a path, found in the pasted GOPROXY.
        assert_eq!(
            pipe(
                "GOPROXY='https://mirrors.aliyun.com/goproxy/,direct'\ngo: x.example/m@v1.0.0: reading https://mirrors.aliyun.com/goproxy/x.example/m/@v/v1.0.0.mod: 502 Bad Gateway\n"
            ),
            "export GOPROXY='https://mirrors.aliyun.com/goproxy|https://proxy.golang.org|direct'"
        );
        // Plain http on a port, without go env: cut before the module's escaped path.
        assert_eq!(
            pipe(
                "go: github.com/Masterminds/semver@v1.5.0: reading http://athens.example:3000/github.com/!masterminds/semver/@v/v1.5.0.info: 500 Internal Server Error\n"
            ),
            "export GOPROXY='http://athens.example:3000|https://proxy.golang.org|direct'"
        );
        // The one-slash URL older releases printed, on Windows (cmd's `set`) and in a CI log.
        assert_eq!(
            pipe(
                "2024-01-01T10:00:00.0000000Z go: x.example/m@v1.0.0: reading https:/mirrors.aliyun.com/goproxy/x.example/m/@v/v1.0.0.mod: 502 Bad Gateway\n"
            ),
            "export GOPROXY='https://mirrors.aliyun.com/goproxy|https://proxy.golang.org|direct'"
        );
        assert_eq!(
            finding(
                "C:\\work> go mod download\r\nset GOPROXY=https://goproxy.cn,direct\r\ngo: x.example/m@v1.0.0: reading https:/goproxy.cn/x.example/m/@v/v1.0.0.info: 503 Service Unavailable\r\n",
                "proxy-server-error"
            )
            .fixes[1]
            .cmd(),
            "set \"GOPROXY=https://goproxy.cn|https://proxy.golang.org|direct\""
        );
    }

    #[test]
    fn fires_on_server_errors() {
        check(
            "go: x.example/m@v1: reading https://goproxy.cn/x.example/m/@v/v1.mod: 502 Bad Gateway\n\tserver response: <html>502</html>\n",
            &["proxy-server-error proxy_server_error error lines=1,2 fixes=safe,safe,safe"],
        );
        check(
            "go: x.example/m@v1: reading https://goproxy.cn/x.example/m/@v/v1.mod: 404 Not Found\n\tserver response: not found: fetch timed out\n",
            &["proxy-server-error proxy_server_error error lines=1,2 fixes=safe,safe,safe"],
        );
        check(
            "go: zip: not a valid zip file\n",
            &["proxy-server-error proxy_server_error error lines=1 fixes=safe,safe"],
        );
        check(
            "go: x@v1.9.3: proxy returned info for version v1.9.0 instead of requested version\n",
            &["proxy-server-error proxy_server_error error lines=1 fixes=safe,safe,safe"],
        );
    }

    #[test]
    fn a_mirror_missing_a_required_release_lags() {
        let stale = "module example.com/app\n\nrequire github.com/s/l v1.9.3\n\ngo: github.com/s/l@v1.9.3: reading https://goproxy.io/github.com/s/l/@v/v1.9.3.mod: 404 Not Found\n\tserver response: not found: github.com/s/l@v1.9.3: invalid version: unknown revision v1.9.3\n";
        assert_eq!(rules(stale)[0], "proxy-server-error");
        let new_tag = "go: github.com/s/l@v1.99.0: reading https://goproxy.cn/github.com/s/l/@v/v1.99.0.info: 404 Not Found\n\tserver response: not found: github.com/s/l@v1.99.0: invalid version: unknown revision v1.99.0\n";
        assert_eq!(rules(new_tag), vec!["unknown-revision"]);
    }
}
