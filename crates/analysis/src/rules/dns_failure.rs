//! `dns-failure`: a host name does not resolve.

use super::{Facts, Rule, common};
use crate::finding::{Cause, Command, Finding, Fix, Hole, Hop, Os, Program, Severity, Step, Word};
use gmd_golog::{EventKind, NetError};

pub(crate) const RULE: Rule = Rule {
    id: "dns-failure",
    cause: Cause::DnsFailure,
    hop: Hop::Dns,
    title: "A host name does not resolve",
    explanation: "Before connecting, the go command (and git) resolve the host name through the system resolver. `no such host` means the resolver says the name does not exist; `server misbehaving`, `i/o timeout` or `connection refused` on port 53 mean the resolver itself is broken — common in containers (127.0.0.11 is Docker's embedded DNS), WSL, and on VPNs that replace the resolver. Fix the resolver, or reach the modules through a host that resolves.",
    title_zh: "主机名无法解析",
    explanation_zh: "连接之前，go 命令（以及 git）通过系统解析器解析主机名。`no such host` 表示解析器认为该名称不存在；`server misbehaving`、`i/o timeout` 或 53 端口上的 `connection refused` 表示解析器本身出了问题——在容器（127.0.0.11 是 Docker 内置的 DNS）、WSL 以及会替换解析器的 VPN 中很常见。修好解析器，或通过能解析的主机获取模块。",
    reference: "https://pkg.go.dev/net#hdr-Name_Resolution",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Fails { host: String, what: Dns } => "`{host}` {what}", "`{host}` {what}";
        FailsVia { host: String, what: Dns, resolver: String } =>
            "`{host}` {what} (resolver {resolver})",
            "`{host}` {what}（解析器 {resolver}）";
    }
    enum Dns {
        NoSuchHost => "does not resolve", "无法解析";
        Timeout =>
            "cannot be resolved: the DNS server does not answer",
            "无法解析：DNS 服务器没有回应";
        Refused =>
            "cannot be resolved: nothing answers on the DNS port",
            "无法解析：DNS 端口上没有服务应答";
        ServerFails => "cannot be resolved: the DNS server fails", "无法解析：DNS 服务器出错";
    }
    enum Do {
        Check { host: String } => "Check that {host} resolves from this machine", "检查本机能否解析 {host}";
        Docker => "In Docker, give the container a working resolver", "在 Docker 中，给容器配置可用的 DNS 解析器";
        System =>
            "Point the system at a working DNS server (or reconnect the VPN that serves internal names)",
            "让系统使用可用的 DNS 服务器（或重新连接提供内部域名解析的 VPN）";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events: Vec<&gmd_golog::Event> = facts
        .events
        .iter()
        .filter(|e| match &e.kind {
            EventKind::Fetch { error, .. } => error.is_dns(),
            EventKind::UnrecognizedImportPath { error: Some(error), .. } => error.is_dns(),
            EventKind::GitDns { .. } => !crate::attribution::is_parent_path_probe(e),
            _ => false,
        })
        .collect();
    let Some(first) = events.first() else { return Vec::new() };
    let line = facts.split.line(first.line);
    let host = match &first.kind {
        EventKind::Fetch { host, .. } | EventKind::GitDns { host } => host.clone(),
        EventKind::UnrecognizedImportPath { path, .. } => path.split('/').next().unwrap_or_default().to_owned(),
        _ => String::new(),
    };
    let resolver = line
        .split(" on ")
        .nth(1)
        .and_then(|r| r.split(':').next())
        .filter(|r| r.parse::<std::net::IpAddr>().is_ok() || r.starts_with('['));
    let what = match &first.kind {
        EventKind::Fetch {
            error: NetError::DnsNoSuchHost,
            ..
        }
        | EventKind::GitDns { .. } => Dns::NoSuchHost,
        EventKind::Fetch {
            error: NetError::DnsTimeout,
            ..
        } => Dns::Timeout,
        EventKind::Fetch {
            error: NetError::DnsRefused,
            ..
        } => Dns::Refused,
        _ => Dns::ServerFails,
    };
    // A resolver that times out, refuses or fails resolves no mirror either; a name it says does
    // not exist may be the only one blocked.
    let resolver_down = !matches!(what, Dns::NoSuchHost);
    let message = match resolver {
        Some(resolver) => Msg::FailsVia {
            host: host.clone(),
            what,
            resolver: resolver.to_owned(),
        },
        None => Msg::Fails {
            host: host.clone(),
            what,
        },
    };
    let docker = resolver == Some("127.0.0.11");
    let mut fixes = vec![Fix::safe(
        &Do::Check { host: host.clone() },
        Command::os(Os::LookUp {
            host: common::host_or_hole(&host),
        }),
    )];
    if docker {
        let run = ["run", "--rm", "--dns", "8.8.8.8", "-v", "go-mod-cache:/go/pkg/mod"]
            .map(Word::lit)
            .into_iter()
            .chain([Word::hole(Hole::Image)])
            .chain(["go", "mod", "download"].map(Word::lit));
        fixes.push(Fix::safe(
            &Do::Docker,
            Command::new(Step::run(Program::Docker, run.collect())),
        ));
    } else {
        fixes.push(Fix::safe(&Do::System, Command::os(Os::ShowResolvers)));
    }
    let internal = crate::facts::looks_internal(&format!("{host}/"));
    if !internal && !resolver_down {
        fixes.push(common::mirror_fix(
            facts,
            common::looks_like_china(facts) || host == "proxy.golang.org",
        ));
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
    fn fires_on_resolver_failures() {
        let log = "go: github.com/x/y@v1.0.0: Get \"https://proxy.golang.org/github.com/x/y/@v/v1.0.0.mod\": dial tcp: lookup proxy.golang.org on 127.0.0.11:53: server misbehaving\n";
        // A failing resolver resolves no mirror either: no mirror fix.
        check(log, &["dns-failure dns_failure error lines=1 fixes=safe,safe"]);
        check(
            "go: github.com/x/y@v1.0.0: Get \"https://proxy.golang.org/github.com/x/y/@v/v1.0.0.mod\": dial tcp: lookup proxy.golang.org: no such host\n",
            &["dns-failure dns_failure error lines=1 fixes=safe,safe,safe"],
        );
        assert_eq!(
            finding(log, "dns-failure").message.en,
            "`proxy.golang.org` cannot be resolved: the DNS server fails (resolver 127.0.0.11)"
        );
        check(
            "go: git.corp.example/a@v1.2.0: unrecognized import path \"git.corp.example/a\": https fetch: Get \"https://git.corp.example/a?go-get=1\": dial tcp: lookup git.corp.example on 127.0.0.1:53: no such host\n",
            &["dns-failure dns_failure error lines=1 fixes=safe,safe"],
        );
        check(
            "\tfatal: unable to access 'https://gitlab.internal/x.git/': Could not resolve host: gitlab.internal\n",
            &["dns-failure dns_failure error lines=1 fixes=safe,safe"],
        );
    }

    #[test]
    fn ignores_the_proxys_own_dns_failure_in_its_response() {
        let log = "go: git.corp.example/a@v1.2.0: reading https://proxy.golang.org/git.corp.example/a/@v/v1.2.0.mod: 404 Not Found\n\tserver response: not found: git.corp.example/a@v1.2.0: unrecognized import path \"git.corp.example/a\": https fetch: Get \"https://git.corp.example/a?go-get=1\": dial tcp: lookup git.corp.example on 169.254.169.254:53: no such host\n";
        assert!(!crate::rules::test_support::rules(log).contains(&"dns-failure"));
    }
}
