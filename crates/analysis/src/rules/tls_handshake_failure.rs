//! `tls-handshake-failure`: the TLS handshake breaks for a reason other than trust: an expired
//! certificate, one for another name, an alert from a middlebox.

use super::{Facts, Rule, common};
use crate::finding::{Cause, Finding, Fix, Hop, Severity, ShellCommands};
use gmd_golog::{EventKind, NetError, Target};

pub(crate) const RULE: Rule = Rule {
    id: "tls-handshake-failure",
    cause: Cause::TlsHandshakeFailure,
    hop: Hop::Tls,
    title: "The TLS handshake fails",
    explanation: "The server answered, but the TLS handshake broke: a certificate that has expired (or a machine clock that is wrong), a certificate issued for another name (the name resolved to the wrong server, as DNS poisoning does), or a middlebox that ends the handshake. A TLS handshake that only times out is a blocked host and is reported as unreachable.",
    title_zh: "TLS 握手失败",
    explanation_zh: "服务器有回应，但 TLS 握手中断了：证书已过期（或本机时钟不对）、证书是为别的名字签发的（名字被解析到了错误的服务器，DNS 污染就会这样），或者中间设备终止了握手。只是超时的 TLS 握手属于主机被屏蔽，按无法连接报告。",
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
    // A stalled handshake with a module proxy reads as the proxy being out of reach
    // (proxy-unreachable); with a repository host, the handshake is the story.
    let events = facts.events_where(|k| {
        matches!(
            k,
            EventKind::Fetch {
                error: NetError::TlsExpired | NetError::TlsWrongName | NetError::TlsOther,
                ..
            } | EventKind::Fetch {
                error: NetError::TlsHandshakeTimeout,
                target: Target::GoGet | Target::Other,
                ..
            }
        )
    });
    let Some(first) = events.first() else { return Vec::new() };
    let EventKind::Fetch { host, error, .. } = &first.kind else {
        return Vec::new();
    };
    let (message, mut fixes) = match error {
        NetError::TlsExpired => (
            Msg::Expired { host: host.clone() },
            vec![Fix::safe(
                &Do::Clock,
                ShellCommands::per_shell("date -u", "Get-Date", "date /t & time /t"),
            )],
        ),
        NetError::TlsWrongName => (
            Msg::WrongName { host: host.clone() },
            vec![Fix::safe(
                &Do::Resolve { host: host.clone() },
                ShellCommands::per_shell(
                    &format!("nslookup {host}"),
                    &format!("Resolve-DnsName {host}"),
                    &format!("nslookup {host}"),
                ),
            )],
        ),
        NetError::TlsHandshakeTimeout => (Msg::TimedOut { host: host.clone() }, Vec::new()),
        _ => (Msg::Failed { host: host.clone() }, Vec::new()),
    };
    fixes.push(common::mirror_fix(facts, true));
    fixes.push(common::mirror_fix(facts, false));
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
            &["tls-handshake-failure tls_handshake_failure error lines=1 fixes=safe,safe,safe"],
        );
        let wrong = "go: x@v1: Get \"https://proxy.golang.org/x/@v/v1.mod\": tls: failed to verify certificate: x509: certificate is valid for www.example.net, not proxy.golang.org\n";
        assert_eq!(
            finding(wrong, "tls-handshake-failure").message.en,
            "`proxy.golang.org` answered with a certificate for another name: the name led to the wrong server"
        );
    }

    #[test]
    fn stays_silent_on_handshake_timeouts() {
        let log = "go: x@v1: Get \"https://proxy.golang.org/x/@v/v1.mod\": net/http: TLS handshake timeout\n";
        assert!(!crate::rules::test_support::rules(log).contains(&"tls-handshake-failure"));
    }
}
