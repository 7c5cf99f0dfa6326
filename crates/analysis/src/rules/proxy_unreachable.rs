//! `proxy-unreachable`: the module proxy cannot be reached.

use super::{Facts, Rule, common};
use crate::finding::{Cause, Certainty, Finding, Fix, Hop, Severity, Word};
use crate::words::NetDetail;
use gmd_golog::{EventKind, NetError, Target};

pub(crate) const RULE: Rule = Rule {
    id: "proxy-unreachable",
    cause: Cause::ProxyUnreachable,
    hop: Hop::ModuleProxy,
    title: "The module proxy cannot be reached",
    explanation: "Every module not in GOPRIVATE/GONOPROXY is fetched from the GOPROXY list. When the first proxy refuses, resets or times out, `,` does not fall back (only 404 and 410 do); `|` does. proxy.golang.org is blocked from mainland China, where goproxy.cn or goproxy.io work. The go command sets no timeout of its own on proxy requests: a proxy that accepts the connection and never answers hangs it forever.",
    title_zh: "无法连接模块代理",
    explanation_zh: "不在 GOPRIVATE/GONOPROXY 中的模块都从 GOPROXY 列表获取。第一个代理拒绝连接、重置或超时时，用逗号（`,`）分隔的列表不会换下一项（只有 404 和 410 才会），用竖线（`|`）分隔的会。proxy.golang.org 在中国大陆被屏蔽，goproxy.cn 或 goproxy.io 可以使用。go 命令对代理请求本身不设超时：一个接受连接却从不回应的代理会让它永远卡住。",
    reference: "https://go.dev/ref/mod#goproxy-protocol",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Unreachable { host: String, detail: NetDetail } =>
            "the module proxy `{host}` cannot be reached ({detail})",
            "无法连接模块代理 `{host}`（{detail}）";
        SumdbSupported { host: String, detail: NetDetail } =>
            "the module proxy `{host}` cannot be reached ({detail}); the go command asked it whether it proxies the checksum database, and a failure there is final when the list has no `direct`",
            "无法连接模块代理 `{host}`（{detail}）；go 命令问它是否代理校验和数据库，而列表中没有 `direct` 时，这一步失败就是最终失败";
    }
    enum Do {
        EndWithDirect =>
            "End the list with direct, so the checksum database can be reached without that proxy",
            "在列表末尾加上 direct，这样不经过那个代理也能访问校验和数据库";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let unreachable = |e: &NetError| {
        matches!(
            e,
            NetError::TcpRefused
                | NetError::TcpTimeout
                | NetError::TcpReset
                | NetError::TcpUnreachable
                | NetError::Eof
                | NetError::Timeout
                | NetError::ProxyDenied
                | NetError::NoAnswer
        )
    };
    // A request cut off before its path says what it was for went to a proxy if its host is one.
    let proxy_hosts: Vec<String> = facts
        .goproxy()
        .split([',', '|'])
        .filter(|entry| entry.contains("://"))
        .map(gmd_golog::host_of)
        .collect();
    let events = facts.events_where(|k| match k {
        EventKind::Fetch {
            target: Target::ModuleProxy | Target::SumdbSupported,
            error,
            ..
        } => unreachable(error) || *error == NetError::CutOff,
        EventKind::Fetch {
            target: Target::Other,
            error: NetError::CutOff,
            host,
            ..
        } => proxy_hosts.contains(host),
        _ => false,
    });
    let Some(first) = events.first() else { return Vec::new() };
    let EventKind::Fetch {
        host, error, target, ..
    } = &first.kind
    else {
        return Vec::new();
    };
    // A transport error printed without its URL went to the first proxy of GOPROXY.
    let host = if host.is_empty() {
        let first_proxy = facts.goproxy().split([',', '|']).next().unwrap_or_default();
        if !first_proxy.contains('.') {
            return Vec::new();
        }
        gmd_golog::host_of(first_proxy)
    } else {
        host.clone()
    };
    let detail = NetDetail::of(error);
    let message = if *target == Target::SumdbSupported {
        Msg::SumdbSupported {
            host: host.clone(),
            detail,
        }
    } else {
        Msg::Unreachable {
            host: host.clone(),
            detail,
        }
    };
    let mut fixes = common::around_the_proxy(facts, &host);
    if *target == Target::SumdbSupported {
        let fixed = Word::join(vec![
            common::goproxy_word(facts.goproxy().trim_end_matches([',', '|'])),
            Word::lit(",direct"),
        ]);
        fixes.insert(0, Fix::set(&Do::EndWithDirect, "GOPROXY", fixed));
    }
    let mut evidence = Vec::new();
    if let Some(var) = facts.var("GOPROXY") {
        evidence.push(facts.evidence(var.line));
    }
    evidence.extend(facts.events_evidence(events.iter().copied()));
    let mut finding = rule.finding(Severity::Error, &message, evidence, fixes);
    // A wait after `go: downloading M v` is placed on a hop from GOPROXY (a `-x` request that
    // never got its answer names its own URL, and no module).
    if *error == NetError::NoAnswer && first.module.is_some() {
        finding.certainty = Certainty::Likely;
    }
    vec![finding]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, finding};

    #[test]
    fn never_suggests_the_mirror_that_failed_nor_the_setting_in_place() {
        let log = "GOPROXY='https://goproxy.cn,direct'\ngo: github.com/a/b@v1.0.0: Get \"https://goproxy.cn/github.com/a/b/@v/v1.0.0.mod\": dial tcp 1.2.3.4:443: i/o timeout\n";
        let fixes = finding(log, "proxy-unreachable").fixes;
        // (Keeping it with `|` to fall back on any error stays on offer: that is the user's own.)
        for fix in &fixes {
            assert!(!fix.posix().contains("goproxy.cn,"), "{}", fix.posix());
        }
        assert_eq!(fixes[0].posix(), "export GOPROXY=https://goproxy.io,direct");
        let blocked = "go: github.com/a/b@v1.0.0: Get \"https://proxy.golang.org/github.com/a/b/@v/v1.0.0.mod\": dial tcp 142.251.43.17:443: i/o timeout\n";
        assert_eq!(
            finding(blocked, "proxy-unreachable").fixes[0].posix(),
            "export GOPROXY=https://goproxy.cn,direct"
        );
    }

    #[test]
    fn a_request_to_a_proxy_cut_off_by_the_paste_failed_in_the_network() {
        let log = "go get: module github.com/cosmtrek/air: Get \"https://proxy.golang.org/github.com/co\n";
        check(log, &["proxy-unreachable proxy_unreachable error lines=1 fixes=safe"]);
        assert_eq!(
            finding(log, "proxy-unreachable").message.en,
            "the module proxy `proxy.golang.org` cannot be reached (the request failed in the network; the paste ends before saying how)"
        );
        // Not a proxy of GOPROXY: nothing to say.
        let other = "GOPROXY='https://goproxy.cn,direct'\ngo: x: Get \"https://example.com/x\n";
        assert!(!crate::rules::test_support::rules(other).contains(&"proxy-unreachable"));
    }

    #[test]
    fn fires_on_refused_reset_and_timeouts() {
        for tail in [
            "dial tcp 142.250.72.177:443: i/o timeout",
            "read tcp 10.0.0.2:5000->142.250.72.177:443: read: connection reset by peer",
            "EOF",
        ] {
            let log =
                format!("go: x.example/m@v1.0.0: Get \"https://proxy.golang.org/x.example/m/@v/v1.0.0.mod\": {tail}\n");
            // The failing proxy is GOPROXY's first entry (the default): `|` after it would keep
            // every request waiting on it, so only another mirror is offered.
            check(&log, &["proxy-unreachable proxy_unreachable error lines=1 fixes=safe"]);
        }
        let log = "GOPROXY='https://goproxy.io|https://proxy.golang.org'\ngo: x@v1: verifying go.mod: x@v1/go.mod: Get \"https://goproxy.io/sumdb/sum.golang.org/supported\": dial tcp 1.2.3.4:443: connect: connection refused\n";
        let f = finding(log, "proxy-unreachable");
        assert_eq!(
            f.fixes[0].posix(),
            "export GOPROXY='https://goproxy.io|https://proxy.golang.org,direct'"
        );
    }

    #[test]
    fn a_pipe_never_keeps_the_failing_proxy_in_front() {
        // proxy.golang.org first and unreachable: `proxy.golang.org|direct` would make every
        // request wait on it first. A later entry that fails may get `|` after it.
        let first = "GOPROXY='https://proxy.golang.org,direct'\ngo: github.com/a/b@v1.0.0: Get \"https://proxy.golang.org/github.com/a/b/@v/v1.0.0.mod\": dial tcp 1.2.3.4:443: i/o timeout\n";
        let fixes = finding(first, "proxy-unreachable").fixes;
        assert!(
            fixes.iter().all(|f| !f.posix().contains('|')),
            "{:?}",
            fixes.iter().map(|f| f.posix()).collect::<Vec<_>>()
        );
        let later = "GOPROXY='https://goproxy.corp.example,https://goproxy.cn,direct'\ngo: github.com/a/b@v1.0.0: Get \"https://goproxy.cn/github.com/a/b/@v/v1.0.0.mod\": dial tcp 1.2.3.4:443: i/o timeout\n";
        let fixes = finding(later, "proxy-unreachable").fixes;
        assert!(
            fixes
                .iter()
                .any(|f| f.posix() == "export GOPROXY='https://goproxy.corp.example|https://goproxy.cn,direct'"),
            "{:?}",
            fixes.iter().map(|f| f.posix()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn stays_silent_on_http_errors() {
        let log = "go: x@v1: reading https://proxy.golang.org/x/@v/v1.mod: 500 Internal Server Error\n";
        assert!(!crate::rules::test_support::rules(log).contains(&"proxy-unreachable"));
    }
}
