//! `http-proxy-misconfigured`: HTTP_PROXY / HTTPS_PROXY is wrong.

use super::{Facts, Rule};
use crate::finding::{Cause, Command, Finding, Fix, Hole, Hop, Kind, Severity, Var, Word};
use gmd_golog::{EventKind, NetError};

pub(crate) const RULE: Rule = Rule {
    id: "http-proxy-misconfigured",
    cause: Cause::HttpProxyMisconfigured,
    hop: Hop::HttpProxy,
    title: "The HTTP proxy in HTTPS_PROXY fails",
    explanation: "The go command sends every HTTPS request through the proxy named by HTTPS_PROXY (or https_proxy) unless NO_PROXY excludes the host. `proxyconnect` errors mean that proxy is not running or not reachable (often a desktop proxy app that was closed); `Proxy Authentication Required` means it wants credentials. Fix the variable, or unset it when no proxy is needed.",
    title_zh: "HTTPS_PROXY 中的 HTTP 代理出错",
    explanation_zh: "除非 NO_PROXY 排除了目标主机，go 命令会把每个 HTTPS 请求都发给 HTTPS_PROXY（或 https_proxy）指定的代理。`proxyconnect` 错误表示该代理没有运行或无法访问（常见于已关闭的桌面代理软件）；`Proxy Authentication Required` 表示它需要凭据。修正这个变量，不需要代理时就取消设置。",
    reference: "https://pkg.go.dev/net/http#ProxyFromEnvironment",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        NeedsCredentials { address: String } =>
            "the HTTP proxy `{address}` asks for credentials (407)",
            "HTTP 代理 `{address}` 要求凭据（407）";
        Refuses { address: String } =>
            "the HTTP proxy `{address}` in `HTTPS_PROXY` does not accept connections",
            "HTTP 代理 `{address}`（设置在 `HTTPS_PROXY` 中）不接受连接";
    }
    enum Do {
        Credentials => "Put the proxy credentials in the proxy URL", "把代理凭据写进代理地址";
        StartOrUnset =>
            "Start the proxy, or unset the variable if no proxy is needed",
            "启动代理；如果不需要代理，就取消设置这个变量";
        NoProxy { hosts: String } =>
            "Or, where these hosts are reachable without the proxy, let {hosts} bypass it",
            "或者，如果不经代理也能访问这些主机，让 {hosts} 绕过代理";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events = facts.events_where(|k| {
        matches!(
            k,
            EventKind::Fetch {
                error: NetError::ProxyConnect(_) | NetError::ProxyAuthRequired,
                ..
            }
        )
    });
    let Some(first) = events.first() else { return Vec::new() };
    let variable = ["HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY"]
        .iter()
        .find_map(|k| facts.env.proxy_variable(k));
    let mut evidence: Vec<_> = variable.map(|v| facts.evidence(v.line)).into_iter().collect();
    evidence.extend(facts.events_evidence(events.iter().copied()));
    let auth = matches!(
        first.kind,
        EventKind::Fetch {
            error: NetError::ProxyAuthRequired,
            ..
        }
    );
    let address = variable.map(|v| v.value.clone()).unwrap_or_else(|| {
        let line = facts.split.line(first.line);
        line.split("proxyconnect tcp: dial tcp ")
            .nth(1)
            .and_then(|r| r.split_once(": ").map(|(address, _)| address.to_owned()))
            .unwrap_or_default()
    });
    let message = if auth {
        Msg::NeedsCredentials {
            address: address.clone(),
        }
    } else {
        Msg::Refuses {
            address: address.clone(),
        }
    };
    let mut fixes = Vec::new();
    if auth {
        // The proxy the paste names, with the user's name and password (holes) in it.
        let proxy = address.rsplit('@').next().unwrap_or_default();
        let proxy = proxy
            .split_once("://")
            .map_or(proxy, |(_, rest)| rest)
            .trim_end_matches('/');
        let url = Word::join(vec![
            Word::lit("http://"),
            Word::hole(Hole::User),
            Word::lit(":"),
            Word::hole(Hole::Password),
            Word::lit("@"),
            Word::host(proxy).unwrap_or_else(|| Word::hole(Hole::Host)),
        ]);
        fixes.push(Fix::set(&Do::Credentials, "HTTPS_PROXY", url));
    } else {
        let unset = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"]
            .map(|v| Command::unset(Var::new(v)))
            .into_iter()
            .reduce(Command::and);
        fixes.extend(unset.map(|c| Fix::safe(&Do::StartOrUnset, c)));
    }
    // NO_PROXY gets the hosts the failing requests went to (and the checksum database, which
    // the same run asks next), kept after what the user already excludes.
    // What is kept of the pasted NO_PROXY: host names, `.suffix` and `*.suffix` forms.
    let mut hosts: Vec<String> = facts
        .env
        .proxy_variable("NO_PROXY")
        .map(|v| {
            v.value
                .split(',')
                .map(|h| h.trim().to_owned())
                .filter(|h| Kind::Host.accepts(h.trim_start_matches("*.").trim_start_matches('.')))
                .collect()
        })
        .unwrap_or_default();
    let failed: Vec<String> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Fetch { host, .. } if !host.is_empty() => Some(host.clone()),
            _ => None,
        })
        .collect();
    let sumdb = match gmd_semantics::sumdb::parse(facts.env.value_or_empty("GOSUMDB")) {
        Ok(gmd_semantics::sumdb::SumDb::Database { name, url, .. }) => {
            Some(url.map_or(name, |u| gmd_golog::host_of(&u)))
        }
        _ => None,
    };
    let added: Vec<String> = failed
        .into_iter()
        .chain(sumdb)
        .filter(|h| Kind::Host.accepts(h))
        .collect();
    for host in &added {
        if !hosts.contains(host) {
            hosts.push(host.clone());
        }
    }
    if !added.is_empty() {
        let list = hosts.iter().filter_map(|h| Word::value(Kind::Lit, h));
        fixes.push(Fix::set(
            &Do::NoProxy {
                hosts: added.join(", "),
            },
            "NO_PROXY",
            Word::list(list.collect(), ","),
        ));
    }
    // No other mirror: every request goes through the same broken HTTP proxy.
    vec![rule.finding(Severity::Error, &message, evidence, fixes)]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, finding};

    #[test]
    fn fires_on_proxyconnect_and_407() {
        let log = "https_proxy=http://127.0.0.1:7890\ngo: x.example/m@v1.0.0: Get \"https://proxy.golang.org/x.example/m/@v/v1.0.0.mod\": proxyconnect tcp: dial tcp 127.0.0.1:7890: connect: connection refused\n";
        check(
            log,
            &["http-proxy-misconfigured http_proxy_misconfigured error lines=1,2 fixes=safe,safe"],
        );
        // The hosts that failed (and the checksum database) bypass the proxy; what the user
        // already excludes stays.
        assert_eq!(
            finding(log, "http-proxy-misconfigured").fixes[1].posix(),
            "export NO_PROXY=proxy.golang.org,sum.golang.org"
        );
        let excluded = format!("NO_PROXY=localhost,.corp.example\nGOSUMDB=off\n{log}");
        assert_eq!(
            finding(&excluded, "http-proxy-misconfigured").fixes[1].posix(),
            "export NO_PROXY=localhost,.corp.example,proxy.golang.org"
        );
        assert_eq!(
            finding(log, "http-proxy-misconfigured").message.en,
            "the HTTP proxy `http://127.0.0.1:7890` in `HTTPS_PROXY` does not accept connections"
        );
        check(
            "go: x.example/m@v1.0.0: Get \"https://proxy.golang.org/x.example/m/@v/v1.0.0.mod\": Proxy Authentication Required\n",
            &["http-proxy-misconfigured http_proxy_misconfigured error lines=1 fixes=safe,safe"],
        );
    }

    #[test]
    fn cmd_unsets_leave_no_space_behind() {
        let log = "go: x.example/m@v1.0.0: Get \"https://proxy.golang.org/x.example/m/@v/v1.0.0.mod\": proxyconnect tcp: dial tcp 127.0.0.1:7890: connect: connection refused\n";
        let fix = &finding(log, "http-proxy-misconfigured").fixes[0];
        // Windows names are case-insensitive: https_proxy is HTTPS_PROXY there.
        assert_eq!(fix.cmd(), "set \"HTTPS_PROXY=\" & set \"HTTP_PROXY=\"");
        assert_eq!(
            fix.powershell(),
            "$env:HTTPS_PROXY = $null; if ($?) { $env:HTTP_PROXY = $null }"
        );
        assert_eq!(
            fix.posix(),
            "unset HTTPS_PROXY && unset https_proxy && unset HTTP_PROXY && unset http_proxy"
        );
        assert!(!fix.powershell().contains("&&"));
    }

    #[test]
    fn stays_silent_when_the_proxy_works() {
        check("HTTPS_PROXY=http://127.0.0.1:7890\n", &[]);
    }
}
