//! `toolchain-download-failed`: GOTOOLCHAIN=auto tried to download a newer Go and failed.

use super::{Facts, Rule, common};
use crate::finding::{Cause, Finding, Fix, Hop, Severity, Word};
use gmd_golog::{EventKind, Target};

pub(crate) const RULE: Rule = Rule {
    id: "toolchain-download-failed",
    cause: Cause::ToolchainDownloadFailed,
    hop: Hop::Toolchain,
    title: "The newer Go toolchain that go.mod needs could not be downloaded",
    explanation: "When go.mod asks for a newer Go than the local one, GOTOOLCHAIN=auto downloads it as the module `golang.org/toolchain` through GOPROXY and verifies it with the checksum database, even when GOSUMDB=off. A blocked or switched-off proxy, or a version that does not exist, stops every go command, `go env` included. Fix the proxy, or install that Go yourself and set GOTOOLCHAIN=local.",
    title_zh: "无法下载 go.mod 需要的较新 Go 工具链",
    explanation_zh: "go.mod 要求比本地更新的 Go 时，GOTOOLCHAIN=auto 会通过 GOPROXY 把它作为模块 `golang.org/toolchain` 下载，并用校验和数据库验证，即使 GOSUMDB=off 也一样。代理被屏蔽或关闭，或者版本不存在，会让每个 go 命令（包括 `go env`）都停下。修好代理，或自己安装那个 Go 并设置 GOTOOLCHAIN=local。",
    reference: "https://go.dev/doc/toolchain#download",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        ProxyOff { version: String } =>
            "go.mod needs go {version}, and `GOPROXY=off` forbids downloading it",
            "go.mod 需要 go {version}，而 `GOPROXY=off` 禁止下载它";
        Unavailable { version: String } =>
            "go.mod needs go {version}, which the module proxy does not have",
            "go.mod 需要 go {version}，而模块代理没有这个版本";
        Failed { version: String } =>
            "go.mod needs go {version} and its download failed",
            "go.mod 需要 go {version}，但下载失败了";
    }
    enum Do {
        InstallYourself { version: String } =>
            "Install Go {version} yourself, then run it without switching",
            "自己安装 Go {version}，然后不切换工具链直接运行";
        Local => "Stop the go command from switching toolchains", "禁止 go 命令切换工具链";
        CheckGoLine =>
            "Check the go line: that Go version may not exist; list the released ones",
            "检查 go 行：那个 Go 版本可能不存在；列出已发布的版本";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let failures = facts.events_where(|k| match k {
        EventKind::ToolchainUnavailable { .. } | EventKind::ToolchainDownloadFailed { .. } => true,
        EventKind::Fetch { target, .. } | EventKind::HttpStatus { target, .. } => *target == Target::Toolchain,
        _ => false,
    });
    if failures.is_empty() {
        return Vec::new();
    }
    let downloading = facts.events_where(|k| matches!(k, EventKind::ToolchainDownloading { .. }));
    let version = downloading
        .iter()
        .chain(failures.iter())
        .find_map(|e| match &e.kind {
            EventKind::ToolchainDownloading { version }
            | EventKind::ToolchainUnavailable { version }
            | EventKind::ToolchainDownloadFailed { version } => Some(version.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let mut evidence = facts.events_evidence(downloading.iter().chain(failures.iter()).copied());
    let proxy_off = facts.var("GOPROXY").filter(|v| v.value.trim() == "off");
    if let Some(var) = proxy_off {
        evidence.insert(0, facts.evidence(var.line));
    }
    let unavailable = failures
        .iter()
        .any(|e| matches!(e.kind, EventKind::ToolchainUnavailable { .. }));
    let message = match (proxy_off, unavailable) {
        (Some(_), _) => Msg::ProxyOff {
            version: version.clone(),
        },
        (None, true) => Msg::Unavailable {
            version: version.clone(),
        },
        (None, false) => Msg::Failed {
            version: version.clone(),
        },
    };
    let mut fixes: Vec<Fix> = super::common::install_release(
        &Do::InstallYourself {
            version: version.clone(),
        },
        &version,
    )
    .into_iter()
    .collect();
    fixes.push(Fix::set(&Do::Local, "GOTOOLCHAIN", Word::lit("local")));
    if proxy_off.is_none() && !unavailable {
        fixes.insert(0, common::mirror_fix(facts, common::looks_like_china(facts)));
    }
    if unavailable && proxy_off.is_none() {
        fixes.insert(
            0,
            Fix::go(&Do::CheckGoLine, &["list", "-m", "-versions", "golang.org/toolchain"]),
        );
    }
    vec![rule.finding(Severity::Error, &message, evidence, fixes)]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, rules};

    #[test]
    fn fires_on_failed_downloads() {
        check(
            "go: downloading go1.99.0 (linux/amd64)\ngo: download go1.99.0 for linux/amd64: toolchain not available\n",
            &["toolchain-download-failed toolchain_download_failed error lines=1,2 fixes=safe,safe,safe"],
        );
        let log = "go: downloading go1.99.0 (linux/amd64)\ngo: download go1.99.0: golang.org/toolchain@v0.0.1-go1.99.0.linux-amd64: Get \"https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go1.99.0.linux-amd64.zip\": dial tcp 127.0.0.2:443: connect: connection refused\n";
        assert_eq!(rules(log)[0], "toolchain-download-failed");
        let off = "GOPROXY='off'\ngo: downloading go1.99.0 (linux/amd64)\ngo: download go1.99.0 for linux/amd64: toolchain not available\n";
        assert_eq!(rules(off)[0], "toolchain-download-failed");
    }

    #[test]
    fn stays_silent_on_a_successful_switch() {
        check("go: downloading go1.23.1 (linux/amd64)\n", &[]);
    }
}
