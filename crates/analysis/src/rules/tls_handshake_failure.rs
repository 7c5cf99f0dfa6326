//! `tls-handshake-failure`: the TLS handshake breaks or stalls for a reason other than trust: an
//! expired certificate, one for another name, an alert from a middlebox, a filtered link.

use super::{Facts, Rule, common};
use crate::finding::{Cause, Command, Finding, Fix, Hop, Os, Severity};
use gmd_golog::{EventKind, NetError, Target};

pub(crate) const RULE: Rule = Rule {
    id: "tls-handshake-failure",
    cause: Cause::TlsHandshakeFailure,
    hop: Hop::Tls,
    title: "The TLS handshake fails",
    explanation: "The server answered, but the TLS handshake broke: a certificate that has expired (or a machine clock that is wrong), a certificate issued for another name (the name resolved to the wrong server, as DNS poisoning does), a middlebox that ends the handshake, or a filtered or flaky link on which the handshake stalls (`net/http: TLS handshake timeout`: the connection opened, so the host is reachable, but the encrypted session never started). Interference comes and goes: retrying, or listing a second mirror, gets past it.",
    title_zh: "TLS 握手失败",
    explanation_zh: "服务器有回应，但 TLS 握手中断了：证书已过期（或本机时钟不对）、证书是为别的名字签发的（名字被解析到了错误的服务器，DNS 污染就会这样），中间设备终止了握手，或者线路被过滤、不稳定，握手卡住（`net/http: TLS handshake timeout`：连接已经建立，主机可达，但加密会话始终没有开始）。干扰时有时无：重试，或者再列一个镜像，就能绕过。",
    reference: "https://go.dev/ref/mod#module-proxy",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Expired { host: String } =>
            "the certificate of `{host}` has expired or is not yet valid (or this machine's clock is wrong)",
            "`{host}` 的证书已过期或尚未生效（或者本机时钟不对）";
        WrongName { host: String } =>
            "`{host}` answered with a certificate for another name: the name led to the wrong server",
            "`{host}` 返回的是为别的名字签发的证书：这个名字指向了错误的服务器";
        Failed { host: String } =>
            "the TLS handshake with `{host}` failed",
            "与 `{host}` 的 TLS 握手失败";
        TimedOut { host: String } =>
            "the TLS handshake with `{host}` timed out: the connection opened, then the handshake stalled",
            "与 `{host}` 的 TLS 握手超时：连接已建立，但握手卡住了";
    }
    enum Do {
        Clock => "Check the machine's date and time", "检查本机的日期和时间";
        Resolve { host: String } => "See where {host} resolves", "查看 {host} 被解析到哪里";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    // A stalled handshake is this cause for a proxy or a repository host: the connection
    // opened. The checksum database keeps its own cause (sumdb-unreachable), whatever the hop.
    let events = facts.events_where(|k| {
        matches!(
            k,
            EventKind::Fetch {
                error: NetError::TlsExpired | NetError::TlsWrongName | NetError::TlsOther,
                ..
            } | EventKind::Fetch {
                error: NetError::TlsHandshakeTimeout,
                target: Target::ModuleProxy | Target::GoGet | Target::Other,
                ..
            }
        )
    });
    let Some(first) = events.first() else { return Vec::new() };
    let EventKind::Fetch {
        host, error, target, ..
    } = &first.kind
    else {
        return Vec::new();
    };
    let (message, mut fixes) = match error {
        NetError::TlsExpired => (
            Msg::Expired { host: host.clone() },
            vec![Fix::safe(&Do::Clock, Command::os(Os::ShowClock))],
        ),
        NetError::TlsWrongName => (
            Msg::WrongName { host: host.clone() },
            vec![Fix::safe(
                &Do::Resolve { host: host.clone() },
                Command::os(Os::LookUp {
                    host: common::host_or_hole(host),
                }),
            )],
        ),
        NetError::TlsHandshakeTimeout => (Msg::TimedOut { host: host.clone() }, Vec::new()),
        _ => (Msg::Failed { host: host.clone() }, Vec::new()),
    };
    // A proxy that stalls may stall for any mirror behind the same link: `|` lets the go command
    // go on to the next entry too.
    if *target == Target::ModuleProxy && *error == NetError::TlsHandshakeTimeout {
        fixes.extend(common::around_the_proxy(facts, host));
    } else {
        for china in [true, false] {
            let mirror = common::mirror_fix(facts, china);
            if !fixes.iter().any(|f| f.command == mirror.command) {
                fixes.push(mirror);
            }
        }
    }
    vec![rule.finding(
        Severity::Error,
        &message,
        facts.events_evidence(events.iter().copied()),
        fixes,
    )]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, finding};

    #[test]
    fn fires_on_expired_and_misnamed_certificates() {
        let log = "go: x@v1: Get \"https://goproxy.io/x/@v/v1.mod\": tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2026-11-22T03:39:38Z is after 2020-12-31T00:00:00Z\n";
        check(
            log,
            &["tls-handshake-failure tls_handshake_failure error lines=1 fixes=safe,safe"],
        );
        let wrong = "go: x@v1: Get \"https://proxy.golang.org/x/@v/v1.mod\": tls: failed to verify certificate: x509: certificate is valid for www.example.net, not proxy.golang.org\n";
        assert_eq!(
            finding(wrong, "tls-handshake-failure").message.en,
            "`proxy.golang.org` answered with a certificate for another name: the name led to the wrong server"
        );
    }

    #[test]
    fn a_stalled_handshake_is_this_cause_except_with_the_checksum_database() {
        let proxy = "go: x@v1: Get \"https://goproxy.cn/x/@v/v1.mod\": net/http: TLS handshake timeout\n";
        check(
            proxy,
            &["tls-handshake-failure tls_handshake_failure error lines=1 fixes=safe,safe"],
        );
        let f = finding(proxy, "tls-handshake-failure");
        assert_eq!(
            f.message.en,
            "the TLS handshake with `goproxy.cn` timed out: the connection opened, then the handshake stalled"
        );
        // Another mirror than the one that stalled.
        assert!(!f.fixes[0].posix().contains("goproxy.cn"), "{}", f.fixes[0].posix());
        let sumdb = "go: x.example/m@v1: verifying go.mod: x.example/m@v1/go.mod: Get \"https://sum.golang.org/lookup/x.example/m@v1\": net/http: TLS handshake timeout\n";
        assert!(!crate::rules::test_support::rules(sumdb).contains(&"tls-handshake-failure"));
    }
}
