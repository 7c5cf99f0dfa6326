//! The scenarios: each injects one root cause (a taxonomy code) or none (a healthy control).

use super::Setup;
use super::catalogue::{self, app_go_mod, go_sum};
use crate::dns::DnsMode;
use crate::http::{Handler, Reply, Server};
use crate::proxy::{Fault, Proxy, Target};
use crate::sumdb::Tamper;
use crate::tls::{self, Authority, Validity};
use std::sync::Arc;
use std::time::Duration;

/// One scenario.
#[derive(Debug, Clone, Copy)]
pub struct Scenario {
    /// Folder name under `tests/fixtures/go/`.
    pub name: &'static str,
    /// The injected root cause (a taxonomy code), or `none` for a healthy control.
    pub cause: &'static str,
    pub summary: &'static str,
    pub build: fn(&mut Setup<'_>),
}

const LOGRUS: &str = "github.com/sirupsen/logrus v1.9.3";
const LOGRUS_ID: &str = "github.com/sirupsen/logrus@v1.9.3";
const PRIVATE: &str = "git.corp.example/platform/auth v1.2.0";
const PRIVATE_GITHUB: &str = "github.com/acme-corp/billing v0.3.1";

/// proxy.golang.org and sum.golang.org, both healthy.
fn standard(s: &mut Setup<'_>) {
    s.proxy("proxy.golang.org", catalogue::public_proxy());
    s.sumdb("sum.golang.org", Arc::new(catalogue::sumdb()));
}

/// The app requires and imports logrus.
fn needs_logrus(s: &mut Setup<'_>) {
    s.go_mod(&app_go_mod("1.22", &[LOGRUS]))
        .imports(&["github.com/sirupsen/logrus"]);
}

/// The app requires and imports the private GitLab module.
fn needs_private(s: &mut Setup<'_>) {
    s.go_mod(&app_go_mod("1.22", &[PRIVATE]))
        .imports(&["git.corp.example/platform/auth"]);
}

/// A proxy whose every request gets `fault`.
fn faulty(fault: Fault) -> Proxy {
    catalogue::public_proxy().fault(Target::All, fault)
}

/// A server for `host` presenting a certificate from an authority the go command does not trust.
fn untrusted_https(s: &mut Setup<'_>, host: &str, authority: &str, proxy: Proxy) {
    let other = Authority::new(authority).expect("authority");
    let config = other.server_config(&[host], Validity::Current).expect("certificate");
    let proxy = Arc::new(proxy);
    let handler: Handler = Arc::new(move |r| proxy.handle(r));
    s.https_with(host, config, handler);
}

/// A listener at `host`:443 that accepts connections and never speaks.
fn silent(s: &mut Setup<'_>, host: &str) {
    s.start(host, || Server::start_silent(&format!("{}:443", super::ip(host))));
}

/// The GitLab repository of the private module, with its versions.
fn gitlab_repos() -> Vec<(&'static str, Vec<crate::module::ModuleVersion>)> {
    let auth = |v| crate::module::ModuleVersion::new("git.corp.example/platform/auth", v);
    vec![("platform/auth.git", vec![auth("v1.1.0"), auth("v1.2.0")])]
}

/// logrus on the fake GitHub, tagged as on the proxy.
fn github_repos() -> Vec<(&'static str, Vec<crate::module::ModuleVersion>)> {
    let logrus = |v| crate::module::ModuleVersion::new("github.com/sirupsen/logrus", v);
    vec![("sirupsen/logrus", vec![logrus("v1.9.0"), logrus("v1.9.3")])]
}

/// A vanity or GitLab host answering `?go-get=1` with `reply`.
fn go_get_host(s: &mut Setup<'_>, host: &str, reply: fn(&str) -> Reply) {
    let handler: Handler = Arc::new(move |r| reply(&r.path));
    s.https(host, handler);
}

fn go_import_meta(path: &str) -> Reply {
    let module = format!("git.corp.example{}", path.trim_end_matches('/'));
    let repo = format!("https://git.corp.example{path}.git");
    if path.ends_with("/info/refs") {
        return Reply::Response {
            status: 401,
            headers: vec![("WWW-Authenticate".into(), "Basic realm=\"GitLab\"".into())],
            body: b"HTTP Basic: Access denied\n".to_vec(),
        };
    }
    Reply::with_type(
        200,
        "text/html; charset=utf-8",
        format!("<html><head><meta name=\"go-import\" content=\"{module} git {repo}\"></head></html>\n").into_bytes(),
    )
}

/// Every scenario, in a stable order.
pub fn all() -> Vec<Scenario> {
    vec![
        // Healthy controls.
        Scenario {
            name: "healthy-mod-download",
            cause: "none",
            summary: "go mod download through proxy.golang.org with the checksum database",
            build: |s| {
                standard(s);
                needs_logrus(s);
            },
        },
        Scenario {
            name: "healthy-mod-tidy",
            cause: "none",
            summary: "go mod tidy adds two requirements",
            build: |s| {
                standard(s);
                s.imports(&["github.com/sirupsen/logrus", "github.com/google/uuid"])
                    .command("mod tidy");
            },
        },
        Scenario {
            name: "healthy-goproxy-cn-sumdb-through-mirror",
            cause: "none",
            summary: "goproxy.cn serves modules and proxies sum.golang.org; sum.golang.org itself is blocked",
            build: |s| {
                s.proxy(
                    "goproxy.cn",
                    catalogue::public_proxy().sumdb(Arc::new(catalogue::sumdb())),
                );
                s.env("GOPROXY", "https://goproxy.cn,direct");
                needs_logrus(s);
                s.command("mod tidy");
            },
        },
        Scenario {
            name: "healthy-private-through-corporate-proxy",
            cause: "none",
            summary: "a corporate proxy serves the private module; GONOSUMDB covers it",
            build: |s| {
                s.proxy("goproxy.corp.example", catalogue::corporate_proxy());
                s.sumdb("sum.golang.org", Arc::new(catalogue::sumdb()));
                s.env("GOPROXY", "https://goproxy.corp.example")
                    .env("GONOSUMDB", "git.corp.example");
                needs_private(s);
                s.command("mod tidy");
            },
        },
        Scenario {
            name: "healthy-comma-fallback-on-404",
            cause: "none",
            summary: "the first proxy answers 404, so the go command tries the next one",
            build: |s| {
                standard(s);
                s.proxy("goproxy.corp.example", crate::proxy::Proxy::new());
                s.env(
                    "GOPROXY",
                    "https://goproxy.corp.example,https://proxy.golang.org,direct",
                );
                needs_logrus(s);
            },
        },
        Scenario {
            name: "healthy-comma-fallback-on-410",
            cause: "none",
            summary: "the first proxy answers 410 Gone, so the go command tries the next one",
            build: |s| {
                standard(s);
                s.proxy("goproxy.corp.example", faulty(Fault::Status(410, "gone\n".into())));
                s.env(
                    "GOPROXY",
                    "https://goproxy.corp.example,https://proxy.golang.org,direct",
                );
                needs_logrus(s);
            },
        },
        Scenario {
            name: "healthy-pipe-fallback-on-500",
            cause: "none",
            summary: "the first proxy fails with 500 and `|` lets the go command try the next one",
            build: |s| {
                standard(s);
                s.proxy(
                    "goproxy.corp.example",
                    faulty(Fault::Status(500, "internal error\n".into())),
                );
                s.env("GOPROXY", "https://goproxy.corp.example|https://proxy.golang.org");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "proxy-pipe-refused-breaks-sumdb-check",
            cause: "proxy_unreachable",
            summary: "goproxy.io refuses connections; `|` would fall back for modules, but the checksum-database check through the first proxy fails first",
            build: |s| {
                standard(s);
                s.env("GOPROXY", "https://goproxy.io|https://proxy.golang.org");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "healthy-slow-proxy",
            cause: "none",
            summary: "every proxy answer takes 300 ms",
            build: |s| {
                s.proxy("proxy.golang.org", faulty(Fault::Slow(Duration::from_millis(300))));
                s.sumdb("sum.golang.org", Arc::new(catalogue::sumdb()));
                needs_logrus(s);
            },
        },
        Scenario {
            name: "healthy-go-get-latest",
            cause: "none",
            summary: "go get upgrades logrus to the latest version",
            build: |s| {
                standard(s);
                s.go_mod(&app_go_mod("1.22", &["github.com/sirupsen/logrus v1.9.0"]))
                    .file("go.sum", &go_sum(&["github.com/sirupsen/logrus@v1.9.0"]))
                    .command("get github.com/sirupsen/logrus@latest");
            },
        },
        Scenario {
            name: "healthy-go-install-tool",
            cause: "none",
            summary: "go install of a versioned package outside the main module",
            build: |s| {
                standard(s);
                s.command("mod download -json github.com/google/uuid@v1.6.0");
            },
        },
        // Network and transport.
        Scenario {
            name: "proxy-connection-refused",
            cause: "proxy_unreachable",
            summary: "nothing listens at proxy.golang.org:443",
            build: |s| {
                s.sumdb("sum.golang.org", Arc::new(catalogue::sumdb()));
                s.env("GOPROXY", "https://proxy.golang.org");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "proxy-connection-refused-default-chain",
            cause: "proxy_unreachable",
            summary: "proxy.golang.org refuses connections; `,direct` does not fall back on a network error",
            build: |s| {
                s.sumdb("sum.golang.org", Arc::new(catalogue::sumdb()));
                needs_logrus(s);
                s.command("mod tidy");
            },
        },
        Scenario {
            name: "proxy-connection-reset",
            cause: "proxy_unreachable",
            summary: "the proxy resets every connection after the request (firewall interference)",
            build: |s| {
                s.proxy("proxy.golang.org", faulty(Fault::Reset));
                needs_logrus(s);
            },
        },
        Scenario {
            name: "proxy-eof",
            cause: "proxy_unreachable",
            summary: "the proxy closes the connection without answering",
            build: |s| {
                s.proxy("proxy.golang.org", faulty(Fault::Eof));
                needs_logrus(s);
            },
        },
        Scenario {
            name: "proxy-hangs-after-request",
            cause: "proxy_unreachable",
            summary: "the proxy accepts the request and never answers: the go command waits forever (stopped after 8 s)",
            build: |s| {
                s.proxy("proxy.golang.org", faulty(Fault::Hang));
                needs_logrus(s);
                s.timeout = Duration::from_secs(8);
            },
        },
        Scenario {
            name: "proxy-tls-handshake-timeout",
            cause: "tls_handshake_failure",
            summary: "proxy.golang.org accepts TCP and never completes the TLS handshake",
            build: |s| {
                silent(s, "proxy.golang.org");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "proxy-500",
            cause: "proxy_server_error",
            summary: "the proxy answers 500 Internal Server Error",
            build: |s| {
                s.proxy(
                    "proxy.golang.org",
                    faulty(Fault::Status(500, "Internal Server Error\n".into())),
                );
                needs_logrus(s);
            },
        },
        Scenario {
            name: "goproxy-cn-502",
            cause: "proxy_server_error",
            summary: "goproxy.cn answers 502 Bad Gateway",
            build: |s| {
                s.proxy(
                    "goproxy.cn",
                    faulty(Fault::Status(502, "<html><body>502 Bad Gateway</body></html>\n".into())),
                );
                s.env("GOPROXY", "https://goproxy.cn,direct");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "corporate-proxy-503-comma-no-fallback",
            cause: "proxy_server_error",
            summary: "the first proxy answers 503 and `,` does not fall back on it",
            build: |s| {
                standard(s);
                s.proxy(
                    "goproxy.corp.example",
                    faulty(Fault::Status(503, "Service Unavailable\n".into())),
                );
                s.env(
                    "GOPROXY",
                    "https://goproxy.corp.example,https://proxy.golang.org,direct",
                );
                needs_logrus(s);
            },
        },
        Scenario {
            name: "proxy-fetch-timed-out",
            cause: "proxy_server_error",
            summary: "the mirror answers 404 `not found: fetch timed out` and there is no fallback",
            build: |s| {
                s.proxy(
                    "goproxy.cn",
                    catalogue::public_proxy().fault(
                        Target::Module("github.com/sirupsen/logrus".into()),
                        Fault::Status(404, "not found: fetch timed out\n".into()),
                    ),
                );
                s.env("GOPROXY", "https://goproxy.cn");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "proxy-captive-portal",
            cause: "proxy_server_error",
            summary: "a captive portal answers every request with an HTML login page and status 200",
            build: |s| {
                s.proxy("proxy.golang.org", faulty(Fault::CaptivePortal));
                s.sumdb("sum.golang.org", Arc::new(catalogue::sumdb()));
                needs_logrus(s);
            },
        },
        Scenario {
            name: "proxy-captive-portal-sumdb-off",
            cause: "proxy_server_error",
            summary: "a captive portal answers with an HTML page; GOSUMDB=off lets the go command parse it",
            build: |s| {
                s.proxy("proxy.golang.org", faulty(Fault::CaptivePortal));
                s.env("GOSUMDB", "off");
                needs_logrus(s);
                s.command("mod tidy");
            },
        },
        Scenario {
            name: "proxy-comma-refused-no-fallback",
            cause: "proxy_unreachable",
            summary: "goproxy.io refuses connections and `,` does not fall back on that",
            build: |s| {
                standard(s);
                s.env("GOPROXY", "https://goproxy.io,https://proxy.golang.org,direct");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "dns-no-such-host",
            cause: "dns_failure",
            summary: "the resolver answers NXDOMAIN for proxy.golang.org",
            build: |s| {
                s.unresolvable("proxy.golang.org").unresolvable("sum.golang.org");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "dns-server-misbehaving",
            cause: "dns_failure",
            summary: "the resolver answers SERVFAIL (a broken container or VPN resolver)",
            build: |s| {
                s.unresolvable("proxy.golang.org").unresolvable("sum.golang.org");
                s.dns = DnsMode::ServerFailure;
                needs_logrus(s);
            },
        },
        Scenario {
            name: "dns-timeout",
            cause: "dns_failure",
            summary: "the resolver never answers",
            build: |s| {
                s.unresolvable("proxy.golang.org").unresolvable("sum.golang.org");
                s.dns = DnsMode::Silent;
                needs_logrus(s);
            },
        },
        Scenario {
            name: "dns-goproxy-cn-unresolvable",
            cause: "dns_failure",
            summary: "goproxy.cn does not resolve inside a container",
            build: |s| {
                s.unresolvable("goproxy.cn");
                s.env("GOPROXY", "https://goproxy.cn,direct");
                needs_logrus(s);
                s.command("mod tidy");
            },
        },
        Scenario {
            name: "tls-self-signed",
            cause: "tls_untrusted_ca",
            summary: "proxy.golang.org presents a self-signed certificate",
            build: |s| {
                let config = tls::self_signed_config(&["proxy.golang.org"]).expect("certificate");
                let proxy = Arc::new(catalogue::public_proxy());
                s.https_with("proxy.golang.org", config, Arc::new(move |r| proxy.handle(r)));
                needs_logrus(s);
            },
        },
        Scenario {
            name: "tls-corporate-interception",
            cause: "tls_untrusted_ca",
            summary: "a TLS-intercepting corporate proxy signs with its own root, not in the trust store",
            build: |s| {
                untrusted_https(s, "proxy.golang.org", "Zscaler Root CA", catalogue::public_proxy());
                needs_logrus(s);
                s.command("mod tidy");
            },
        },
        Scenario {
            name: "tls-interception-of-sumdb",
            cause: "tls_untrusted_ca",
            summary: "the module proxy is fine but sum.golang.org is intercepted by an untrusted root",
            build: |s| {
                s.proxy("goproxy.cn", catalogue::public_proxy());
                let other = Authority::new("Netskope Root CA").expect("authority");
                let config = other
                    .server_config(&["sum.golang.org"], Validity::Current)
                    .expect("certificate");
                let db = Arc::new(catalogue::sumdb());
                s.https_with(
                    "sum.golang.org",
                    config,
                    Arc::new(move |r| db.handle(r.path.trim_start_matches('/'))),
                );
                s.env("GOPROXY", "https://goproxy.cn,direct");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "tls-expired-certificate",
            cause: "tls_handshake_failure",
            summary: "the mirror presents an expired certificate",
            build: |s| {
                let config =
                    s.ca.server_config(&["goproxy.io"], Validity::Expired)
                        .expect("certificate");
                let proxy = Arc::new(catalogue::public_proxy());
                s.https_with("goproxy.io", config, Arc::new(move |r| proxy.handle(r)));
                s.env("GOPROXY", "https://goproxy.io,direct");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "tls-wrong-name",
            cause: "tls_handshake_failure",
            summary: "proxy.golang.org resolves to a host whose certificate is for another name (DNS poisoning)",
            build: |s| {
                let config =
                    s.ca.server_config(&["www.example.net"], Validity::Current)
                        .expect("certificate");
                let proxy = Arc::new(catalogue::public_proxy());
                s.https_with("proxy.golang.org", config, Arc::new(move |r| proxy.handle(r)));
                needs_logrus(s);
            },
        },
        Scenario {
            name: "https-proxy-dead",
            cause: "http_proxy_misconfigured",
            summary: "HTTPS_PROXY points at a local proxy that is not running",
            build: |s| {
                standard(s);
                s.env("HTTPS_PROXY", "http://127.0.0.1:7890");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "https-proxy-auth-required",
            cause: "http_proxy_misconfigured",
            summary: "the corporate HTTP proxy answers 407 Proxy Authentication Required",
            build: |s| {
                standard(s);
                let handler: Handler = Arc::new(|_| Reply::Response {
                    status: 407,
                    headers: vec![("Proxy-Authenticate".into(), "Basic realm=\"corp\"".into())],
                    body: b"Proxy Authentication Required\n".to_vec(),
                });
                s.start("squid.corp.example", || {
                    Server::start_on(&format!("{}:3128", super::ip("squid.corp.example")), handler)
                });
                s.env("HTTPS_PROXY", "http://squid.corp.example:3128");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "sumdb-connection-refused",
            cause: "sumdb_unreachable",
            summary: "sum.golang.org refuses connections and the mirror does not proxy it",
            build: |s| {
                s.proxy("goproxy.cn", catalogue::public_proxy());
                s.env("GOPROXY", "https://goproxy.cn,direct");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "sumdb-tls-handshake-timeout",
            cause: "sumdb_unreachable",
            summary: "sum.golang.org never completes the TLS handshake (blocked)",
            build: |s| {
                s.proxy("goproxy.io", catalogue::public_proxy());
                silent(s, "sum.golang.org");
                s.env("GOPROXY", "https://goproxy.io,direct");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "sumdb-hangs",
            cause: "sumdb_unreachable",
            summary: "sum.golang.org accepts the lookup and never answers: the go command waits forever (stopped after 8 s)",
            build: |s| {
                s.proxy("goproxy.io", catalogue::public_proxy());
                s.https("sum.golang.org", Arc::new(|_| Reply::Hang));
                s.env("GOPROXY", "https://goproxy.io,direct");
                needs_logrus(s);
                s.timeout = Duration::from_secs(8);
            },
        },
        Scenario {
            name: "sumdb-google-cn-unreachable",
            cause: "sumdb_unreachable",
            summary: "GOSUMDB=sum.golang.google.cn and that host refuses connections",
            build: |s| {
                s.proxy("goproxy.cn", catalogue::public_proxy());
                s.env("GOPROXY", "https://goproxy.cn,direct")
                    .env("GOSUMDB", "sum.golang.google.cn");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "sumdb-wrong-signature",
            cause: "sumdb_unreachable",
            summary: "the checksum database signs its tree with a key other than the configured one",
            build: |s| {
                s.proxy("proxy.golang.org", catalogue::public_proxy());
                let mut db = catalogue::sumdb();
                db.set_tamper(Tamper::WrongSignature);
                s.sumdb("sum.golang.org", Arc::new(db));
                needs_logrus(s);
            },
        },
        // Private modules.
        Scenario {
            name: "private-gitlab-via-proxy-404",
            cause: "private_module_via_public_proxy",
            summary: "a private GitLab module is looked up on proxy.golang.org, which answers 404",
            build: |s| {
                standard(s);
                s.env("GOPROXY", "https://proxy.golang.org");
                needs_private(s);
            },
        },
        Scenario {
            name: "private-github-via-proxy-410",
            cause: "private_module_via_public_proxy",
            summary: "a private GitHub repository is looked up on proxy.golang.org, which answers 410 Gone",
            build: |s| {
                standard(s);
                s.env("GOPROXY", "https://proxy.golang.org");
                s.go_mod(&app_go_mod("1.22", &[PRIVATE_GITHUB]))
                    .imports(&["github.com/acme-corp/billing"]);
            },
        },
        Scenario {
            name: "private-via-goproxy-cn",
            cause: "private_module_via_public_proxy",
            summary: "GOPROXY=https://goproxy.cn without GOPRIVATE: the mirror cannot see the private module",
            build: |s| {
                s.proxy(
                    "goproxy.cn",
                    catalogue::public_proxy().sumdb(Arc::new(catalogue::sumdb())),
                );
                s.env("GOPROXY", "https://goproxy.cn");
                needs_private(s);
                s.command("mod tidy");
            },
        },
        Scenario {
            name: "private-go-get-via-proxy",
            cause: "private_module_via_public_proxy",
            summary: "go get of a private module through proxy.golang.org only",
            build: |s| {
                standard(s);
                s.env("GOPROXY", "https://proxy.golang.org");
                s.command("get git.corp.example/platform/auth@v1.2.0");
            },
        },
        Scenario {
            name: "private-sumdb-lookup-404",
            cause: "private_module_sumdb_lookup",
            summary: "the corporate proxy serves the private module but sum.golang.org is asked for its checksum",
            build: |s| {
                s.proxy("goproxy.corp.example", catalogue::corporate_proxy());
                s.sumdb("sum.golang.org", Arc::new(catalogue::sumdb()));
                s.env("GOPROXY", "https://goproxy.corp.example");
                needs_private(s);
            },
        },
        Scenario {
            name: "private-sumdb-lookup-410",
            cause: "private_module_sumdb_lookup",
            summary: "a private GitHub module served by the corporate proxy; sum.golang.org answers 410",
            build: |s| {
                s.proxy("goproxy.corp.example", catalogue::corporate_proxy());
                s.sumdb("sum.golang.org", Arc::new(catalogue::sumdb()));
                s.env("GOPROXY", "https://goproxy.corp.example,direct");
                s.go_mod(&app_go_mod("1.22", &[PRIVATE_GITHUB]))
                    .imports(&["github.com/acme-corp/billing"]);
                s.command("mod tidy");
            },
        },
        Scenario {
            name: "gonosumdb-typo",
            cause: "private_module_sumdb_lookup",
            summary: "GONOSUMDB names git.corp.exmaple (typo), so the checksum database is still asked",
            build: |s| {
                s.proxy("goproxy.corp.example", catalogue::corporate_proxy());
                s.sumdb("sum.golang.org", Arc::new(catalogue::sumdb()));
                s.env("GOPROXY", "https://goproxy.corp.example")
                    .env("GONOSUMDB", "git.corp.exmaple");
                needs_private(s);
            },
        },
        Scenario {
            name: "goprivate-written-as-url",
            cause: "goproxy_env_malformed",
            summary: "GOPRIVATE=https://git.corp.example is a URL, not a module path pattern, so it matches nothing",
            build: |s| {
                standard(s);
                s.env("GOPROXY", "https://proxy.golang.org")
                    .env("GOPRIVATE", "https://git.corp.example");
                needs_private(s);
            },
        },
        Scenario {
            name: "goprivate-wrong-domain",
            cause: "private_module_via_public_proxy",
            summary: "GOPRIVATE=corp.example does not match git.corp.example/… (patterns match path prefixes)",
            build: |s| {
                standard(s);
                s.env("GOPROXY", "https://proxy.golang.org")
                    .env("GOPRIVATE", "corp.example");
                needs_private(s);
            },
        },
        Scenario {
            name: "goprivate-wrong-case",
            cause: "private_module_via_public_proxy",
            summary: "GOPRIVATE=Git.Corp.Example: matching is case-sensitive",
            build: |s| {
                standard(s);
                s.env("GOPROXY", "https://proxy.golang.org")
                    .env("GOPRIVATE", "Git.Corp.Example");
                needs_private(s);
            },
        },
        Scenario {
            name: "goprivate-glob-too-narrow",
            cause: "private_module_via_public_proxy",
            summary: "GOPRIVATE=git.corp.example/team/* does not cover git.corp.example/platform/auth",
            build: |s| {
                standard(s);
                s.env("GOPROXY", "https://proxy.golang.org")
                    .env("GOPRIVATE", "git.corp.example/team/*");
                needs_private(s);
            },
        },
        Scenario {
            name: "goprivate-go-env-w-overridden",
            cause: "private_module_via_public_proxy",
            summary: "go env -w GOPRIVATE=git.corp.example is overridden by an OS variable GOPRIVATE=github.com/acme-corp",
            build: |s| {
                standard(s);
                s.go_env_file.push("GOPRIVATE=git.corp.example".into());
                s.env("GOPROXY", "https://proxy.golang.org")
                    .env("GOPRIVATE", "github.com/acme-corp");
                needs_private(s);
            },
        },
        // Versions and content.
        Scenario {
            name: "checksum-mismatch-go-sum",
            cause: "checksum_mismatch",
            summary: "go.sum holds another hash than the downloaded content (tag moved)",
            build: |s| {
                standard(s);
                needs_logrus(s);
                let sum = go_sum(&[LOGRUS_ID]).replacen("h1:", "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n#", 1);
                let sum: String = sum
                    .lines()
                    .filter(|l| !l.starts_with('#'))
                    .map(|l| format!("{l}\n"))
                    .collect();
                s.file("go.sum", &sum).command("build ./...");
            },
        },
        Scenario {
            name: "checksum-mismatch-sumdb",
            cause: "checksum_mismatch",
            summary: "the mirror serves content that differs from what the checksum database recorded",
            build: |s| {
                let mut db = crate::sumdb::SumDb::new("sum.golang.org", 1);
                for module in catalogue::public_modules() {
                    if module.path == "github.com/sirupsen/logrus" && module.version == "v1.9.3" {
                        let original = module.clone().with_file("hooks.go", "package logrus\n");
                        db.add(&original);
                    } else {
                        db.add(&module);
                    }
                }
                s.proxy("proxy.golang.org", catalogue::public_proxy());
                s.sumdb("sum.golang.org", Arc::new(db));
                needs_logrus(s);
            },
        },
        Scenario {
            name: "unknown-revision-tag",
            cause: "unknown_revision",
            summary: "go get of a tag that does not exist",
            build: |s| {
                s.proxy(
                    "goproxy.cn",
                    catalogue::public_proxy().sumdb(Arc::new(catalogue::sumdb())),
                );
                s.env("GOPROXY", "https://goproxy.cn");
                s.command("get github.com/sirupsen/logrus@v1.99.0");
            },
        },
        Scenario {
            name: "unknown-revision-pseudo-version",
            cause: "unknown_revision",
            summary: "go.mod requires a pseudo-version whose commit does not exist",
            build: |s| {
                s.proxy(
                    "goproxy.cn",
                    catalogue::public_proxy().sumdb(Arc::new(catalogue::sumdb())),
                );
                s.env("GOPROXY", "https://goproxy.cn");
                s.go_mod(&app_go_mod(
                    "1.22",
                    &["github.com/sirupsen/logrus v1.9.4-0.20240101000000-0123456789ab"],
                ))
                .imports(&["github.com/sirupsen/logrus"]);
            },
        },
        Scenario {
            name: "invalid-version-branch-name",
            cause: "invalid_version",
            summary: "go.mod requires a branch name instead of a version; the proxy cannot resolve it",
            build: |s| {
                standard(s);
                s.env("GOPROXY", "https://proxy.golang.org");
                s.go_mod(&app_go_mod("1.22", &["github.com/sirupsen/logrus master"]))
                    .imports(&["github.com/sirupsen/logrus"]);
            },
        },
        Scenario {
            name: "invalid-version-non-canonical",
            cause: "invalid_version",
            summary: "go.mod requires v1.9 (not canonical) and -mod=readonly forbids fixing it",
            build: |s| {
                standard(s);
                s.go_mod(&app_go_mod("1.22", &["github.com/sirupsen/logrus v1.9"]))
                    .imports(&["github.com/sirupsen/logrus"])
                    .command("build ./...");
            },
        },
        Scenario {
            name: "invalid-version-major-without-suffix",
            cause: "invalid_version",
            summary: "go get of v2.0.0 of a module whose path has no /v2",
            build: |s| {
                standard(s);
                s.command("get github.com/example/major@v2.0.0");
            },
        },
        Scenario {
            name: "module-path-mismatch-renamed",
            cause: "module_path_mismatch",
            summary: "the repository was renamed: its go.mod declares another module path",
            build: |s| {
                standard(s);
                s.command("get github.com/example/renamed@v1.0.0");
            },
        },
        Scenario {
            name: "module-path-mismatch-sirupsen-case",
            cause: "module_path_mismatch",
            summary: "old code requires github.com/Sirupsen/logrus; the module declares github.com/sirupsen/logrus",
            build: |s| {
                standard(s);
                s.go_mod(&app_go_mod("1.22", &["github.com/Sirupsen/logrus v1.9.3"]))
                    .imports(&["github.com/Sirupsen/logrus"])
                    .command("mod tidy");
            },
        },
        Scenario {
            name: "module-not-found-package-missing",
            cause: "module_not_found",
            summary: "the import names a package that the module does not contain",
            build: |s| {
                standard(s);
                s.imports(&["github.com/sirupsen/logrus/hooks/nothing"])
                    .command("mod tidy");
            },
        },
        Scenario {
            name: "module-not-found-repository",
            cause: "module_not_found",
            summary: "go get of a module that does not exist, through proxy.golang.org only",
            build: |s| {
                standard(s);
                s.env("GOPROXY", "https://proxy.golang.org");
                s.command("get github.com/example/doesnotexist@latest");
            },
        },
        Scenario {
            name: "retracted-version",
            cause: "retracted_or_deprecated",
            summary: "go get of a version the author retracted",
            build: |s| {
                standard(s);
                s.command("get github.com/example/retracted@v1.0.0");
            },
        },
        Scenario {
            name: "deprecated-module",
            cause: "retracted_or_deprecated",
            summary: "go get of a module whose author deprecated it",
            build: |s| {
                standard(s);
                s.command("get github.com/example/oldlib@v1.5.0");
            },
        },
        Scenario {
            name: "missing-go-sum-entry",
            cause: "missing_go_sum_entry",
            summary: "go.mod requires logrus but go.sum was not committed",
            build: |s| {
                standard(s);
                needs_logrus(s);
                s.command("build ./...");
            },
        },
        Scenario {
            name: "replace-directory-missing",
            cause: "replace_directive_problem",
            summary: "a replace points at ../logrus, which does not exist",
            build: |s| {
                standard(s);
                let go_mod = app_go_mod("1.22", &[LOGRUS]) + "\nreplace github.com/sirupsen/logrus => ../logrus\n";
                s.go_mod(&go_mod)
                    .imports(&["github.com/sirupsen/logrus"])
                    .command("build ./...");
            },
        },
        Scenario {
            name: "replace-directory-without-go-mod",
            cause: "replace_directive_problem",
            summary: "a replace points at a directory that has no go.mod",
            build: |s| {
                standard(s);
                let go_mod =
                    app_go_mod("1.22", &[LOGRUS]) + "\nreplace github.com/sirupsen/logrus => ./third_party/logrus\n";
                s.go_mod(&go_mod)
                    .imports(&["github.com/sirupsen/logrus"])
                    .file("third_party/logrus/logrus.go", "package logrus\n")
                    .command("build ./...");
            },
        },
        Scenario {
            name: "go-mod-unknown-directive",
            cause: "go_mod_syntax_error",
            summary: "go.mod has a misspelled directive",
            build: |s| {
                standard(s);
                s.go_mod("module example.com/app\n\ngo 1.22\n\nrequires github.com/sirupsen/logrus v1.9.3\n")
                    .command("mod tidy");
            },
        },
        Scenario {
            name: "go-mod-malformed-module-path",
            cause: "go_mod_syntax_error",
            summary: "the module line holds an invalid path",
            build: |s| {
                standard(s);
                s.go_mod("module example.com/my app\n\ngo 1.22\n")
                    .command("build ./...");
            },
        },
        Scenario {
            name: "module-zip-case-collision",
            cause: "module_zip_invalid",
            summary: "the module's files collide on case-insensitive file systems",
            build: |s| {
                standard(s);
                s.command("mod download github.com/example/collide@v1.0.0");
            },
        },
        Scenario {
            name: "proxy-serves-invalid-zip",
            cause: "proxy_server_error",
            summary: "the mirror answers the .zip with bytes that are not a zip",
            build: |s| {
                s.proxy(
                    "proxy.golang.org",
                    catalogue::public_proxy().fault(Target::Suffix(".zip".into()), Fault::InvalidZip),
                );
                s.sumdb("sum.golang.org", Arc::new(catalogue::sumdb()));
                needs_logrus(s);
            },
        },
        Scenario {
            name: "proxy-truncates-zip",
            cause: "proxy_server_error",
            summary: "the mirror's .zip download stops halfway",
            build: |s| {
                s.proxy(
                    "proxy.golang.org",
                    catalogue::public_proxy().fault(Target::Suffix(".zip".into()), Fault::TruncatedZip),
                );
                s.sumdb("sum.golang.org", Arc::new(catalogue::sumdb()));
                needs_logrus(s);
            },
        },
        Scenario {
            name: "proxy-info-for-wrong-version",
            cause: "proxy_server_error",
            summary: "the mirror's .info names another version than the one asked for",
            build: |s| {
                s.proxy(
                    "proxy.golang.org",
                    catalogue::public_proxy()
                        .fault(Target::Suffix(".info".into()), Fault::WrongInfoVersion("v1.9.0".into())),
                );
                s.sumdb("sum.golang.org", Arc::new(catalogue::sumdb()));
                s.command("get github.com/sirupsen/logrus@v1.9.3");
            },
        },
        Scenario {
            name: "stale-mirror-missing-version",
            cause: "proxy_server_error",
            summary: "the mirror lags: it does not have v1.9.3 yet",
            build: |s| {
                let modules = catalogue::public_modules()
                    .into_iter()
                    .filter(|m| !(m.path == "github.com/sirupsen/logrus" && m.version == "v1.9.3"));
                s.proxy("goproxy.io", modules.fold(Proxy::new(), Proxy::module));
                s.sumdb("sum.golang.org", Arc::new(catalogue::sumdb()));
                s.env("GOPROXY", "https://goproxy.io");
                needs_logrus(s);
            },
        },
        // Toolchain.
        Scenario {
            name: "toolchain-go-line-too-new-local",
            cause: "toolchain_too_old",
            summary: "go.mod says go 1.99 and GOTOOLCHAIN=local forbids switching",
            build: |s| {
                standard(s);
                s.go_mod(&app_go_mod("1.99", &[])).command("build ./...");
            },
        },
        Scenario {
            name: "toolchain-not-available",
            cause: "toolchain_download_failed",
            summary: "GOTOOLCHAIN=auto tries to download go1.99.0, which the proxy does not have",
            build: |s| {
                standard(s);
                s.env("GOTOOLCHAIN", "auto");
                s.go_mod(&app_go_mod("1.99.0", &[])).command("build ./...");
            },
        },
        Scenario {
            name: "toolchain-download-proxy-unreachable",
            cause: "toolchain_download_failed",
            summary: "GOTOOLCHAIN=auto needs go1.99.0 but the proxy refuses connections",
            build: |s| {
                s.env("GOTOOLCHAIN", "auto");
                s.go_mod(&app_go_mod("1.99.0", &[])).command("build ./...");
            },
        },
        Scenario {
            name: "toolchain-download-proxy-off",
            cause: "toolchain_download_failed",
            summary: "GOTOOLCHAIN=auto needs a newer toolchain but GOPROXY=off",
            build: |s| {
                s.env("GOTOOLCHAIN", "auto").env("GOPROXY", "off");
                s.go_mod(&app_go_mod("1.99.0", &[])).command("build ./...");
            },
        },
        Scenario {
            name: "toolchain-line-too-new-local",
            cause: "toolchain_too_old",
            summary: "go.mod has `go 1.98` and `toolchain go1.99.1`; GOTOOLCHAIN=local",
            build: |s| {
                standard(s);
                s.go_mod("module example.com/app\n\ngo 1.98\n\ntoolchain go1.99.1\n")
                    .command("mod tidy");
            },
        },
        // Local configuration.
        Scenario {
            name: "goproxy-off",
            cause: "proxy_off",
            summary: "GOPROXY=off (a build sandbox) and the module is not in the cache",
            build: |s| {
                s.env("GOPROXY", "off");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "goproxy-off-go-get",
            cause: "proxy_off",
            summary: "go get with GOPROXY=off",
            build: |s| {
                s.env("GOPROXY", "off");
                s.command("get github.com/google/uuid@v1.6.0");
            },
        },
        Scenario {
            name: "goproxy-empty-list",
            cause: "goproxy_env_malformed",
            summary: "GOPROXY=\",\" has no entries",
            build: |s| {
                s.env("GOPROXY", ",");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "healthy-goproxy-without-scheme",
            cause: "none",
            summary: "GOPROXY=goproxy.cn,direct lacks https://, which the go command adds",
            build: |s| {
                s.proxy(
                    "goproxy.cn",
                    catalogue::public_proxy().sumdb(Arc::new(catalogue::sumdb())),
                );
                s.env("GOPROXY", "goproxy.cn,direct");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "goproxy-misspelled-direct",
            cause: "goproxy_env_malformed",
            summary: "GOPROXY=https://goproxy.cn,drect: a single word that is not direct or off is no URL",
            build: |s| {
                s.env("GOPROXY", "https://goproxy.cn,drect");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "goproxy-quoted-value",
            cause: "goproxy_env_malformed",
            summary: "GOPROXY carries literal quotes (set \"GOPROXY=...\" written wrongly in a script)",
            build: |s| {
                standard(s);
                s.env("GOPROXY", "\"https://proxy.golang.org,direct\"");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "goproxy-semicolon-separator",
            cause: "goproxy_env_malformed",
            summary: "GOPROXY uses `;` as a separator",
            build: |s| {
                standard(s);
                s.env("GOPROXY", "https://goproxy.cn;direct");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "goflags-non-flag",
            cause: "goproxy_env_malformed",
            summary: "GOFLAGS=mod=mod lacks the leading dash",
            build: |s| {
                standard(s);
                s.env("GOFLAGS", "mod=mod");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "goflags-unknown-flag",
            cause: "goproxy_env_malformed",
            summary: "GOFLAGS=-modd=mod names no flag",
            build: |s| {
                standard(s);
                s.env("GOFLAGS", "-modd=mod");
                needs_logrus(s);
                s.command("build ./...");
            },
        },
        Scenario {
            name: "gosumdb-malformed-key",
            cause: "goproxy_env_malformed",
            summary: "GOSUMDB holds a truncated verifier key",
            build: |s| {
                standard(s);
                s.env("GOSUMDB", "sum.golang.org+033de0ae");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "vendor-inconsistent",
            cause: "vendor_mode_inconsistent",
            summary: "vendor/modules.txt lists another version than go.mod requires",
            build: |s| {
                standard(s);
                needs_logrus(s);
                s.file("go.sum", &go_sum(&[LOGRUS_ID]))
                    .file(
                        "vendor/modules.txt",
                        "# github.com/sirupsen/logrus v1.9.0\n## explicit; go 1.21\ngithub.com/sirupsen/logrus\n",
                    )
                    .file("vendor/github.com/sirupsen/logrus/logrus.go", "package logrus\n")
                    .command("build ./...");
            },
        },
        Scenario {
            name: "vendor-missing-package",
            cause: "vendor_mode_inconsistent",
            summary: "vendor/ is consistent with go.mod but lacks an imported package",
            build: |s| {
                standard(s);
                s.go_mod(&app_go_mod("1.22", &["github.com/example/hooks v1.0.0"]))
                    .imports(&["github.com/example/hooks", "github.com/example/hooks/syslog"])
                    .file("go.sum", &go_sum(&["github.com/example/hooks@v1.0.0"]))
                    .file(
                        "vendor/modules.txt",
                        "# github.com/example/hooks v1.0.0\n## explicit; go 1.21\ngithub.com/example/hooks\n",
                    )
                    .file("vendor/github.com/example/hooks/hooks.go", "package hooks\n")
                    .command("build ./...");
            },
        },
        Scenario {
            name: "goflags-mod-vendor-without-vendor-directory",
            cause: "vendor_mode_inconsistent",
            summary: "a global GOFLAGS=-mod=vendor in a module that has no vendor directory",
            build: |s| {
                standard(s);
                s.env("GOFLAGS", "-mod=vendor");
                needs_logrus(s);
                s.file("go.sum", &go_sum(&[LOGRUS_ID])).command("build ./...");
            },
        },
        Scenario {
            name: "go111module-off",
            cause: "gopath_mode",
            summary: "GO111MODULE=off: the go command looks in GOPATH/src only",
            build: |s| {
                standard(s);
                s.env("GO111MODULE", "off");
                needs_logrus(s);
                s.command("build ./...");
            },
        },
        Scenario {
            name: "go-get-outside-module",
            cause: "gopath_mode",
            summary: "go get in a directory without go.mod (pre-module instructions)",
            build: |s| {
                standard(s);
                s.remove_file("go.mod").command("get github.com/sirupsen/logrus");
            },
        },
        Scenario {
            name: "go-build-without-go-mod",
            cause: "gopath_mode",
            summary: "go build of code that imports a module, with no go.mod",
            build: |s| {
                standard(s);
                s.remove_file("go.mod")
                    .imports(&["github.com/sirupsen/logrus"])
                    .command("build .");
            },
        },
        Scenario {
            name: "module-cache-read-only",
            cause: "cache_corrupt_or_locked",
            summary: "the module cache is on a read-only file system",
            build: |s| {
                standard(s);
                s.read_only.push("go".into());
                needs_logrus(s);
            },
        },
        Scenario {
            name: "module-cache-corrupt-zip",
            cause: "cache_corrupt_or_locked",
            summary: "a zip in the module download cache is damaged",
            build: |s| {
                standard(s);
                needs_logrus(s);
                let dir = "go/pkg/mod/cache/download/github.com/sirupsen/logrus/@v";
                let module = catalogue::public_modules()
                    .into_iter()
                    .find(|m| m.path == "github.com/sirupsen/logrus" && m.version == "v1.9.3")
                    .expect("logrus");
                s.home_file(&format!("{dir}/v1.9.3.info"), &module.info())
                    .home_file(&format!("{dir}/v1.9.3.mod"), &module.go_mod)
                    .home_file(&format!("{dir}/v1.9.3.zip"), "PK\u{3}\u{4}damaged")
                    .home_file(&format!("{dir}/v1.9.3.ziphash"), &module.zip_hash())
                    .file("go.sum", &go_sum(&[LOGRUS_ID]))
                    .command("build ./...");
            },
        },
        Scenario {
            name: "gopath-equals-goroot",
            cause: "advice",
            summary: "GOPATH is set to GOROOT; the build itself works",
            build: |s| {
                standard(s);
                let sdk = s.sdk.clone();
                s.env("GOPATH", &sdk);
                s.command("env GOPATH");
            },
        },
        // Direct mode (version control).
        Scenario {
            name: "vcs-git-missing",
            cause: "vcs_tool_missing",
            summary: "GOPRIVATE sends the module to git, which is not installed",
            build: |s| {
                go_get_host(s, "git.corp.example", go_import_meta);
                let sdk = format!("{}/bin", s.sdk);
                s.env("GOPRIVATE", "git.corp.example").env("PATH", &sdk);
                needs_private(s);
            },
        },
        Scenario {
            name: "vcs-github-unreachable-direct",
            cause: "vcs_host_unreachable",
            summary: "GOPROXY=direct and github.com refuses connections",
            build: |s| {
                s.sumdb("sum.golang.org", Arc::new(catalogue::sumdb()));
                s.env("GOPROXY", "direct");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "vcs-gitlab-auth-required",
            cause: "git_auth_required",
            summary: "GOPRIVATE is right but git has no credentials for the private GitLab",
            build: |s| {
                go_get_host(s, "git.corp.example", go_import_meta);
                s.env("GOPRIVATE", "git.corp.example");
                needs_private(s);
            },
        },
        Scenario {
            name: "go-import-meta-404",
            cause: "go_import_meta_failure",
            summary: "the private host answers 404 to ?go-get=1 (GitLab without a token)",
            build: |s| {
                go_get_host(s, "git.corp.example", |_| Reply::text(404, "404 Not Found\n"));
                s.env("GOPRIVATE", "git.corp.example");
                needs_private(s);
            },
        },
        Scenario {
            name: "go-import-meta-missing",
            cause: "go_import_meta_failure",
            summary: "the private host answers ?go-get=1 with a login page without go-import meta tags",
            build: |s| {
                go_get_host(s, "git.corp.example", |_| {
                    Reply::with_type(
                        200,
                        "text/html",
                        b"<html><head><title>Sign in</title></head></html>\n".to_vec(),
                    )
                });
                s.env("GOPRIVATE", "git.corp.example");
                needs_private(s);
            },
        },
        Scenario {
            name: "healthy-direct-github",
            cause: "none",
            summary: "GOPROXY=direct: git clones logrus from GitHub; sum.golang.org verifies it",
            build: |s| {
                s.git_host("github.com", &github_repos());
                s.sumdb("sum.golang.org", Arc::new(catalogue::sumdb()));
                s.env("GOPROXY", "direct");
                needs_logrus(s);
                s.command("mod tidy");
            },
        },
        Scenario {
            name: "healthy-private-direct-gitlab",
            cause: "none",
            summary: "GOPRIVATE=git.corp.example: go-import meta tag, then git over HTTPS",
            build: |s| {
                s.git_host("git.corp.example", &gitlab_repos());
                s.env("GOPRIVATE", "git.corp.example");
                needs_private(s);
                s.command("mod tidy");
            },
        },
        Scenario {
            name: "unknown-revision-direct-tag",
            cause: "unknown_revision",
            summary: "go get of a tag that was never pushed to the private repository",
            build: |s| {
                s.git_host("git.corp.example", &gitlab_repos());
                s.env("GOPRIVATE", "git.corp.example");
                s.command("get git.corp.example/platform/auth@v1.3.0");
            },
        },
        Scenario {
            name: "unknown-revision-direct-commit",
            cause: "unknown_revision",
            summary: "go.mod requires a pseudo-version whose commit is not in the private repository",
            build: |s| {
                s.git_host("git.corp.example", &gitlab_repos());
                s.env("GOPRIVATE", "git.corp.example");
                s.go_mod(&app_go_mod(
                    "1.22",
                    &["git.corp.example/platform/auth v1.2.1-0.20240105120000-0123456789ab"],
                ))
                .imports(&["git.corp.example/platform/auth"]);
            },
        },
        Scenario {
            name: "private-github-fallback-to-direct-needs-auth",
            cause: "git_auth_required",
            summary: "the default GOPROXY: proxy.golang.org answers 410, the go command falls back to git, which has no credentials",
            build: |s| {
                standard(s);
                let handler: Handler = Arc::new(|_| Reply::Response {
                    status: 401,
                    headers: vec![("WWW-Authenticate".into(), "Basic realm=\"GitHub\"".into())],
                    body: Vec::new(),
                });
                s.https("github.com", handler);
                s.go_mod(&app_go_mod("1.22", &[PRIVATE_GITHUB]))
                    .imports(&["github.com/acme-corp/billing"]);
                s.command("mod tidy");
            },
        },
        Scenario {
            name: "corporate-proxy-401",
            cause: "git_auth_required",
            summary: "the corporate proxy needs credentials (.netrc or GOAUTH) and answers 401",
            build: |s| {
                s.proxy(
                    "goproxy.corp.example",
                    faulty(Fault::Status(401, "Unauthorized\n".into())),
                );
                s.env("GOPROXY", "https://goproxy.corp.example")
                    .env("GONOSUMDB", "git.corp.example");
                needs_private(s);
            },
        },
        Scenario {
            name: "corporate-proxy-403",
            cause: "git_auth_required",
            summary: "the corporate proxy refuses the request with 403 (credentials lack access)",
            build: |s| {
                s.proxy("goproxy.corp.example", faulty(Fault::Status(403, "Forbidden\n".into())));
                s.env("GOPROXY", "https://goproxy.corp.example,direct")
                    .env("GONOSUMDB", "git.corp.example");
                needs_private(s);
            },
        },
        Scenario {
            name: "proxy-redirects-to-http",
            cause: "proxy_server_error",
            summary: "the mirror redirects from https to plain http",
            build: |s| {
                s.proxy(
                    "goproxy.io",
                    catalogue::public_proxy()
                        .fault(Target::All, Fault::Redirect(302, "http://goproxy.io{path}".into())),
                );
                s.env("GOPROXY", "https://goproxy.io");
                needs_logrus(s);
            },
        },
        Scenario {
            name: "vcs-private-host-dns",
            cause: "dns_failure",
            summary: "GOPRIVATE is right but the private host does not resolve (VPN down)",
            build: |s| {
                s.unresolvable("git.corp.example");
                s.env("GOPRIVATE", "git.corp.example");
                needs_private(s);
            },
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_folder_names_and_causes_are_known() {
        let scenarios = all();
        let mut names: Vec<&str> = scenarios.iter().map(|s| s.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), scenarios.len());
        for scenario in &scenarios {
            assert!(
                scenario
                    .name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            );
            assert!(
                scenario.cause == "none" || gmd_analysis::Cause::from_code(scenario.cause).is_some(),
                "{}: unknown cause {}",
                scenario.name,
                scenario.cause
            );
        }
        assert!(scenarios.len() >= 70, "{} scenarios", scenarios.len());
    }
}

#[cfg(test)]
mod corpus_tests {
    use super::all;
    use std::path::PathBuf;

    fn corpus() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/go")
    }

    /// The committed corpus is what the scenarios record: one folder each, same cause, same command.
    #[test]
    fn committed_fixtures_match_the_scenarios() {
        let scenarios = all();
        for scenario in &scenarios {
            let dir = corpus().join(scenario.name);
            let expected = std::fs::read_to_string(dir.join("expected.txt"))
                .unwrap_or_else(|e| panic!("{}: {e}; run `cargo xtask fixtures {}`", scenario.name, scenario.name));
            assert_eq!(expected, format!("cause: {}\n", scenario.cause), "{}", scenario.name);
            let meta = std::fs::read_to_string(dir.join("meta.txt")).unwrap();
            let command = format!("command: go {}\n", crate::harness::Harness::args(scenario).join(" "));
            assert!(meta.contains(&command), "{}: {meta}", scenario.name);
            assert!(dir.join("output.txt").is_file(), "{}", scenario.name);
        }
        let mut folders: Vec<String> = std::fs::read_dir(corpus())
            .unwrap()
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        folders.sort();
        let mut names: Vec<String> = scenarios.iter().map(|s| s.name.to_owned()).collect();
        names.sort();
        assert_eq!(folders, names, "stray or missing fixture folders");
    }
}
