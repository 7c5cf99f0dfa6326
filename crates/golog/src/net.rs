//! Network errors as Go's net, net/http and crypto/tls print them, on every OS.

use crate::scan::Line;

/// The class of a network failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetError {
    /// `lookup H: no such host`, Windows `getaddrinfow: …`.
    DnsNoSuchHost,
    /// `lookup H on R: server misbehaving` (SERVFAIL).
    DnsServerMisbehaving,
    /// `lookup H on R: read udp …: i/o timeout`.
    DnsTimeout,
    /// `lookup H on R: … connection refused` (no resolver listening).
    DnsRefused,
    /// Another resolver failure.
    DnsOther,
    /// `connect: connection refused`, Windows `connectex: No connection could be made…`.
    TcpRefused,
    /// `dial tcp …: i/o timeout`, Windows `connectex: A connection attempt failed…`.
    TcpTimeout,
    /// `connection reset by peer`, Windows `wsarecv: An existing connection was forcibly closed…`.
    TcpReset,
    /// `network is unreachable`, `no route to host`.
    TcpUnreachable,
    /// The connection closed before any answer (`EOF`).
    Eof,
    /// A body cut short (`unexpected EOF`).
    UnexpectedEof,
    /// `net/http: TLS handshake timeout`.
    TlsHandshakeTimeout,
    /// `x509: certificate signed by unknown authority`.
    TlsUnknownAuthority,
    /// `x509: certificate has expired or is not yet valid`.
    TlsExpired,
    /// `x509: certificate is valid for A, not B`.
    TlsWrongName,
    /// `remote error: tls: …`, `tls: first record does not look like a TLS handshake`, …
    TlsOther,
    /// `proxyconnect tcp: <inner>`: the HTTP(S)_PROXY itself failed.
    ProxyConnect(Box<NetError>),
    /// `Proxy Authentication Required` (407).
    ProxyAuthRequired,
    /// An HTTP proxy refused the tunnel: the go command prints the bare reason phrase of the
    /// proxy's answer to CONNECT (`Get URL: Forbidden`).
    ProxyDenied,
    /// `Client.Timeout exceeded`, `context deadline exceeded`, `i/o timeout` on a read.
    Timeout,
    /// The request never got an answer: the log ends while the go command waits for it (a
    /// hang; the go command sets no timeout of its own on proxy and checksum-database requests).
    NoAnswer,
    /// The paste ends inside the request's quoted URL: the request failed in the transport
    /// (`Get "URL": …` is how net/http reports only those; a status is `reading URL: 404`), and
    /// the words saying how are lost.
    CutOff,
}

impl NetError {
    /// Whether the failure is in name resolution.
    pub fn is_dns(&self) -> bool {
        matches!(
            self,
            NetError::DnsNoSuchHost
                | NetError::DnsServerMisbehaving
                | NetError::DnsTimeout
                | NetError::DnsRefused
                | NetError::DnsOther
        )
    }

    /// Whether the failure is in TLS (certificate or handshake).
    pub fn is_tls(&self) -> bool {
        matches!(
            self,
            NetError::TlsHandshakeTimeout
                | NetError::TlsUnknownAuthority
                | NetError::TlsExpired
                | NetError::TlsWrongName
                | NetError::TlsOther
        )
    }

    /// A stable snake_case name.
    pub fn code(&self) -> &'static str {
        match self {
            NetError::DnsNoSuchHost => "dns_no_such_host",
            NetError::DnsServerMisbehaving => "dns_server_misbehaving",
            NetError::DnsTimeout => "dns_timeout",
            NetError::DnsRefused => "dns_refused",
            NetError::DnsOther => "dns_other",
            NetError::TcpRefused => "connection_refused",
            NetError::TcpTimeout => "connect_timeout",
            NetError::TcpReset => "connection_reset",
            NetError::TcpUnreachable => "network_unreachable",
            NetError::Eof => "eof",
            NetError::UnexpectedEof => "unexpected_eof",
            NetError::TlsHandshakeTimeout => "tls_handshake_timeout",
            NetError::TlsUnknownAuthority => "tls_unknown_authority",
            NetError::TlsExpired => "tls_expired",
            NetError::TlsWrongName => "tls_wrong_name",
            NetError::TlsOther => "tls_other",
            NetError::ProxyConnect(_) => "proxy_connect",
            NetError::ProxyAuthRequired => "proxy_auth_required",
            NetError::ProxyDenied => "proxy_denied",
            NetError::Timeout => "timeout",
            NetError::CutOff => "cut_off",
            NetError::NoAnswer => "no_answer",
        }
    }
}

/// Classifies the error text that follows `Get "URL": `.
pub fn classify(text: &str) -> Option<NetError> {
    let lower = text.to_ascii_lowercase();
    // Most phrases are absent: the byte-pair index rules them out without a scan.
    let l = Line::new(&lower);
    if let Some(i) = l.find_in(&lower, "proxyconnect tcp:") {
        let inner = classify(&text[i + "proxyconnect tcp:".len()..]).unwrap_or(NetError::TcpRefused);
        return Some(NetError::ProxyConnect(Box::new(inner)));
    }
    if l.has_in(&lower, "proxy authentication required") {
        return Some(NetError::ProxyAuthRequired);
    }
    // net/http returns the reason phrase alone when a proxy answers CONNECT with an error.
    let last = text.trim().rsplit(": ").next().unwrap_or_default();
    if matches!(
        last,
        "Forbidden" | "Bad Gateway" | "Service Unavailable" | "Gateway Timeout"
    ) {
        return Some(NetError::ProxyDenied);
    }
    if l.has_in(&lower, "lookup ") || l.has_in(&lower, "getaddrinfow") || l.has_in(&lower, "no such host is known") {
        if l.has_in(&lower, "no such host")
            || l.has_in(&lower, "不知道这样的主机")
            || l.has_in(&lower, "the requested name is valid")
            || l.has_in(&lower, "getaddrinfow")
        {
            return Some(NetError::DnsNoSuchHost);
        }
        if l.has_in(&lower, "server misbehaving")
            || l.has_in(&lower, "temporary error during hostname resolution")
            || l.has_in(&lower, "主机名解析期间发生的临时错误")
        {
            return Some(NetError::DnsServerMisbehaving);
        }
        if l.has_in(&lower, "i/o timeout") || l.has_in(&lower, "timeout") {
            return Some(NetError::DnsTimeout);
        }
        if l.has_in(&lower, "connection refused") {
            return Some(NetError::DnsRefused);
        }
        if l.has_in(&lower, "lookup ")
            && (l.has_in(&lower, "dial udp") || l.has_in(&lower, "read udp") || l.has_in(&lower, "on "))
        {
            return Some(NetError::DnsOther);
        }
    }
    if l.has_in(&lower, "tls handshake timeout") {
        return Some(NetError::TlsHandshakeTimeout);
    }
    if l.has_in(&lower, "certificate signed by unknown authority")
        || l.has_in(&lower, "certificate is not trusted")
        || l.has_in(&lower, "certificate verify failed")
    {
        return Some(NetError::TlsUnknownAuthority);
    }
    if l.has_in(&lower, "certificate has expired") {
        return Some(NetError::TlsExpired);
    }
    if l.has_in(&lower, "certificate is valid for") || l.has_in(&lower, "certificate is not valid for any names") {
        return Some(NetError::TlsWrongName);
    }
    if l.has_in(&lower, "remote error: tls") || l.has_in(&lower, "tls: ") || l.has_in(&lower, "x509: ") {
        return Some(NetError::TlsOther);
    }
    // Windows words these in the system's language: `connectex:`, `wsarecv:`, `wsasend:`.
    if l.has_in(&lower, "connection refused") || l.has_in(&lower, "actively refused") || l.has_in(&lower, "积极拒绝")
    {
        return Some(NetError::TcpRefused);
    }
    if l.has_in(&lower, "connection reset")
        || l.has_in(&lower, "forcibly closed")
        || l.has_in(&lower, "强迫关闭了一个现有的连接")
        || l.has_in(&lower, "connection was aborted by the software in your host")
        || l.has_in(&lower, "中止了一个已建立的连接")
        || l.has_in(&lower, "http2: client connection lost")
        || l.has_in(&lower, "http2: server sent goaway")
        || l.has_in(&lower, "stream error: stream id")
        || l.has_in(&lower, "http2: client connection force closed")
    {
        return Some(NetError::TcpReset);
    }
    if l.has_in(&lower, "network is unreachable")
        || l.has_in(&lower, "no route to host")
        || l.has_in(&lower, "host is down")
        || l.has_in(&lower, "attempted to an unreachable")
        || l.has_in(&lower, "无法连接的网络")
        || l.has_in(&lower, "无法连接的主机")
    {
        return Some(NetError::TcpUnreachable);
    }
    // Linux's ETIMEDOUT is `connect: connection timed out` (or on a read).
    if l.has_in(&lower, "connected party did not properly respond")
        || l.has_in(&lower, "没有正确答复")
        || l.has_in(&lower, "connection timed out")
        || l.has_in(&lower, "operation timed out")
        || l.has_in(&lower, "dial tcp") && l.has_in(&lower, "timeout")
    {
        return Some(NetError::TcpTimeout);
    }
    if l.has_in(&lower, "client.timeout exceeded")
        || l.has_in(&lower, "context deadline exceeded")
        || l.has_in(&lower, "i/o timeout")
        || l.has_in(&lower, "timeout awaiting response headers")
    {
        return Some(NetError::Timeout);
    }
    if l.has_in(&lower, "unexpected eof") {
        return Some(NetError::UnexpectedEof);
    }
    let trimmed = lower.trim();
    if trimmed == "eof" || trimmed.ends_with(": eof") || trimmed.ends_with(" eof") {
        return Some(NetError::Eof);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_what_go_prints() {
        let cases: &[(&str, NetError)] = &[
            (
                "dial tcp: lookup proxy.golang.org on 127.0.0.11:53: no such host",
                NetError::DnsNoSuchHost,
            ),
            (
                "dial tcp: lookup proxy.golang.org on 127.0.0.1:53: server misbehaving",
                NetError::DnsServerMisbehaving,
            ),
            (
                "dial tcp: lookup proxy.golang.org on 127.0.0.1:53: read udp 127.0.0.1:46373->127.0.0.1:53: i/o timeout",
                NetError::DnsTimeout,
            ),
            (
                "dial tcp: lookup proxy.golang.org on [::1]:53: read udp [::1]:49512->[::1]:53: read: connection refused",
                NetError::DnsRefused,
            ),
            (
                "dial tcp: lookup proxy.golang.org: getaddrinfow: The requested name is valid, but no data of the requested type was found.",
                NetError::DnsNoSuchHost,
            ),
            (
                "dial tcp 142.250.72.177:443: connect: connection refused",
                NetError::TcpRefused,
            ),
            (
                "dial tcp 142.250.72.177:443: connectex: No connection could be made because the target machine actively refused it.",
                NetError::TcpRefused,
            ),
            ("dial tcp 142.250.72.177:443: i/o timeout", NetError::TcpTimeout),
            (
                "dial tcp 142.250.72.177:443: connect: connection timed out",
                NetError::TcpTimeout,
            ),
            (
                "dial tcp 142.250.72.177:443: connect: operation timed out",
                NetError::TcpTimeout,
            ),
            (
                "stream error: stream ID 3; INTERNAL_ERROR; received from peer",
                NetError::TcpReset,
            ),
            (
                "dial tcp 172.217.160.113:443: connectex: A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond.",
                NetError::TcpTimeout,
            ),
            (
                "Get https://honnef.co/go/tools?go-get=1: Forbidden",
                NetError::ProxyDenied,
            ),
            (
                "dial tcp 142.251.43.17:443: connectex: 由于连接方在一段时间后没有正确答复或连接的主机没有反应，连接尝试失败。",
                NetError::TcpTimeout,
            ),
            (
                "dial tcp 127.0.0.1:7890: connectex: 由于目标计算机积极拒绝，无法连接。",
                NetError::TcpRefused,
            ),
            (
                "read tcp 192.168.1.5:50123->120.92.0.1:443: wsarecv: 远程主机强迫关闭了一个现有的连接。",
                NetError::TcpReset,
            ),
            (
                "write tcp 192.168.1.5:50123->120.92.0.1:443: wsasend: An established connection was aborted by the software in your host machine.",
                NetError::TcpReset,
            ),
            (
                "dial tcp 10.0.0.1:443: connectex: A socket operation was attempted to an unreachable network.",
                NetError::TcpUnreachable,
            ),
            (
                "dial tcp: lookup goproxy.cn: getaddrinfow: 不知道这样的主机。",
                NetError::DnsNoSuchHost,
            ),
            (
                "read tcp 127.0.0.1:57008->127.0.0.2:443: read: connection reset by peer",
                NetError::TcpReset,
            ),
            (
                "read tcp 192.168.1.5:50123->142.250.72.177:443: wsarecv: An existing connection was forcibly closed by the remote host.",
                NetError::TcpReset,
            ),
            (
                "dial tcp [2607:f8b0:4005::11]:443: connect: network is unreachable",
                NetError::TcpUnreachable,
            ),
            ("EOF", NetError::Eof),
            ("unexpected EOF", NetError::UnexpectedEof),
            ("net/http: TLS handshake timeout", NetError::TlsHandshakeTimeout),
            (
                "tls: failed to verify certificate: x509: certificate signed by unknown authority",
                NetError::TlsUnknownAuthority,
            ),
            (
                "x509: certificate has expired or is not yet valid: current time 2026-11-22T03:39:38Z is after 2020-12-31T00:00:00Z",
                NetError::TlsExpired,
            ),
            (
                "tls: failed to verify certificate: x509: certificate is valid for www.example.net, not proxy.golang.org",
                NetError::TlsWrongName,
            ),
            ("remote error: tls: handshake failure", NetError::TlsOther),
            (
                "proxyconnect tcp: dial tcp 127.0.0.1:7890: connect: connection refused",
                NetError::ProxyConnect(Box::new(NetError::TcpRefused)),
            ),
            ("Proxy Authentication Required", NetError::ProxyAuthRequired),
            (
                "net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)",
                NetError::Timeout,
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(classify(text).as_ref(), Some(expected), "{text}");
        }
        assert_eq!(classify("404 Not Found"), None);
        assert!(NetError::DnsTimeout.is_dns() && NetError::TlsExpired.is_tls() && !NetError::Eof.is_tls());
    }
}
