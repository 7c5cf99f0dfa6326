//! `tls-untrusted-ca`: a certificate chain ends in a root the go command does not trust.

use super::{Facts, Rule};
use crate::finding::{Cause, Command, Finding, Fix, Hole, Hop, Os, Package, Program, Severity, Step, Var, Word};
use gmd_golog::{EventKind, NetError, Target};

pub(crate) const RULE: Rule = Rule {
    id: "tls-untrusted-ca",
    cause: Cause::TlsUntrustedCa,
    hop: Hop::Tls,
    title: "A TLS certificate is signed by an authority this machine does not trust",
    explanation: "The go command verifies every HTTPS certificate against the system trust store (SSL_CERT_FILE and SSL_CERT_DIR on Linux). A corporate TLS-inspecting proxy (Zscaler, Netskope, Palo Alto, …) re-signs traffic with its own root, which must be installed; a slim container image may lack the CA bundle altogether. Install the root or the bundle: turning verification off (GOINSECURE, GONOSUMDB, GOSUMDB=off) hides the problem and removes the checksum protection.",
    title_zh: "TLS 证书由本机不信任的机构签发",
    explanation_zh: "go 命令会用系统信任库（Linux 上是 SSL_CERT_FILE 和 SSL_CERT_DIR）验证每个 HTTPS 证书。公司的 TLS 拦截代理（Zscaler、Netskope、Palo Alto 等）会用自己的根证书重新签发流量，必须安装该根证书；精简的容器镜像可能根本没有 CA 证书包。安装该根证书或证书包：关闭验证（GOINSECURE、GONOSUMDB、GOSUMDB=off）只会掩盖问题，并去掉校验和保护。",
    reference: "https://go.dev/ref/mod#private-module-proxy-direct",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Untrusted { hosts: String } =>
            "the certificate of {hosts} is not trusted: signed by an unknown authority (a TLS-inspecting proxy, or no CA bundle)",
            "{hosts} 的证书不受信任：由未知机构签发（TLS 拦截代理，或没有 CA 证书包）";
    }
    enum Do {
        InstallRoot =>
            "Install your company's root certificate in the system trust store",
            "把公司的根证书安装到系统信任库";
        Bundle => "Or point Go at a CA bundle that includes it", "或者让 Go 使用包含它的 CA 证书包";
        SlimImage => "In a slim container image, install the CA bundle", "在精简容器镜像中，安装 CA 证书包";
        Git =>
            "git keeps its own setting: point it at the same bundle",
            "git 有自己的设置：让它也使用同一个证书包";
        Insecure =>
            "Last resort for a private host only: skip TLS verification for it (never for public modules)",
            "仅对私有主机的最后手段：跳过它的 TLS 验证（绝不要用于公开模块）";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events = facts.events_where(|k| {
        matches!(
            k,
            EventKind::Fetch {
                error: NetError::TlsUnknownAuthority,
                ..
            } | EventKind::UnrecognizedImportPath {
                error: Some(NetError::TlsUnknownAuthority),
                ..
            } | EventKind::GitTls { .. }
        )
    });
    let Some(first) = events.first() else { return Vec::new() };
    let hosts: Vec<String> = {
        let mut hosts: Vec<String> = events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Fetch { host, .. } | EventKind::GitTls { host } => Some(host.clone()),
                EventKind::UnrecognizedImportPath { path, .. } => path.split('/').next().map(str::to_owned),
                _ => None,
            })
            .filter(|h| !h.is_empty())
            .collect();
        hosts.dedup();
        hosts
    };
    let git = matches!(first.kind, EventKind::GitTls { .. });
    let message = Msg::Untrusted {
        hosts: hosts.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", "),
    };
    // Each system trusts a root its own way; Go on Windows and macOS reads the system's store,
    // so a bundle file or a container's package is for Linux only (those steps have no Windows
    // rendering). The certificate's file is the user's: a hole.
    let macos = facts.env.value_or_empty("GOHOSTOS") == "darwin" || facts.env.value_or_empty("GOOS") == "darwin";
    let ca = || Word::hole(Hole::CaFile);
    let mut fixes = vec![Fix::safe(
        &Do::InstallRoot,
        Command::os(if macos {
            Os::TrustCaMacos { file: ca() }
        } else {
            Os::TrustCa { file: ca() }
        }),
    )];
    if !macos {
        fixes.push(Fix::safe(&Do::Bundle, Command::os(Os::UseCaBundle { file: ca() })));
        fixes.push(Fix::safe(
            &Do::SlimImage,
            Command::os(Os::Install {
                package: Package::CaCertificates,
            }),
        ));
    }
    if git {
        fixes.insert(
            1,
            Fix::safe(
                &Do::Git,
                Command::new(Step::run(
                    Program::Git,
                    vec![
                        Word::lit("config"),
                        Word::lit("--global"),
                        Word::lit("http.sslCAInfo"),
                        ca(),
                    ],
                )),
            ),
        );
    }
    // GOINSECURE names module paths fetched directly; it does nothing for a module proxy.
    let direct_host = events.iter().find_map(|e| match &e.kind {
        EventKind::GitTls { host } => Some(host.clone()),
        EventKind::Fetch {
            host,
            target: Target::GoGet | Target::Other,
            ..
        } => Some(host.clone()),
        EventKind::UnrecognizedImportPath { path, .. } => path.split('/').next().map(str::to_owned),
        _ => None,
    });
    if let Some(host) = direct_host
        .filter(|h| !h.is_empty() && !crate::facts::is_public_host(&format!("{h}/x")))
        .and_then(|h| Word::host(&h))
    {
        fixes.push(Fix::risky(&Do::Insecure, Command::set(Var::new("GOINSECURE"), host)));
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
    use crate::rules::test_support::check;

    #[test]
    fn fires_on_unknown_authorities() {
        check(
            "go: github.com/x/y@v1.9.3: Get \"https://proxy.golang.org/github.com/x/y/@v/v1.9.3.mod\": tls: failed to verify certificate: x509: certificate signed by unknown authority\n",
            // GOINSECURE does nothing for a module proxy: not offered.
            &["tls-untrusted-ca tls_untrusted_ca error lines=1 fixes=safe,safe,safe"],
        );
        check(
            "\tfatal: unable to access 'https://git.corp.example/a.git/': server certificate verification failed. CAfile: none CRLfile: none\n",
            &["tls-untrusted-ca tls_untrusted_ca error lines=1 fixes=safe,safe,safe,safe,unsafe"],
        );
    }

    #[test]
    fn windows_shells_get_no_unix_tools_and_macos_its_keychain() {
        let log = "go: github.com/x/y@v1.9.3: Get \"https://proxy.golang.org/github.com/x/y/@v/v1.9.3.mod\": x509: certificate signed by unknown authority\n";
        for fix in crate::rules::test_support::finding(log, "tls-untrusted-ca").fixes {
            for windows in [&fix.powershell(), &fix.cmd()] {
                for unix in ["apt-get", "apk ", "sudo", "/etc/", "export ", "&&"] {
                    assert!(
                        !windows.contains(unix) || windows.starts_with('#') || windows.starts_with("rem "),
                        "{windows}"
                    );
                }
            }
        }
        let mac = format!("GOHOSTOS='darwin'\n{log}");
        let fixes = crate::rules::test_support::finding(&mac, "tls-untrusted-ca").fixes;
        assert!(fixes[0].posix().starts_with("sudo security add-trusted-cert"));
        assert_eq!(fixes.len(), 1, "no bundle file nor container package on macOS");
    }

    #[test]
    fn stays_silent_on_other_tls_errors() {
        let log = "go: x@v1: Get \"https://goproxy.io/x/@v/v1.mod\": tls: failed to verify certificate: x509: certificate has expired or is not yet valid\n";
        assert!(!crate::rules::test_support::rules(log).contains(&"tls-untrusted-ca"));
    }
}
