//! `proxy-off`: module downloads are switched off with `GOPROXY=off`.
//!
//! With `GOPROXY=off` the go command refuses to download any module that is not already in the
//! module cache, and says `module lookup disabled by GOPROXY=off`. It is set on purpose by
//! distribution build tools and sandboxes, and by accident by scripts and `go env -w`.

use super::{Facts, Rule, common};
use crate::finding::{Cause, Finding, Fix, Hop, Severity};
use gmd_golog::EventKind;

pub(crate) const RULE: Rule = Rule {
    id: "proxy-off",
    cause: Cause::ProxyOff,
    hop: Hop::Config,
    title: "Module downloads are disabled (GOPROXY=off)",
    explanation: "With GOPROXY=off the go command may use only modules already in the module cache or vendor directory; any other module fails with `module lookup disabled by GOPROXY=off`. Point GOPROXY at a proxy (with `direct` as fallback), or download or vendor the modules where the network is allowed.",
    title_zh: "模块下载被禁用（GOPROXY=off）",
    explanation_zh: "GOPROXY=off 时，go 命令只能使用模块缓存或 vendor 目录中已有的模块；其他模块都会以 `module lookup disabled by GOPROXY=off` 失败。把 GOPROXY 指向一个代理（以 `direct` 作为后备），或在允许联网的地方下载或 vendor 这些模块。",
    reference: "https://go.dev/ref/mod#environment-variables",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Off =>
            "`GOPROXY` is `off`: any module missing from the module cache cannot be downloaded",
            "`GOPROXY` 是 `off`：模块缓存中没有的模块都无法下载";
        Refused =>
            "the go command refused to download a module because `GOPROXY` is `off`",
            "因为 `GOPROXY` 是 `off`，go 命令拒绝下载模块";
        Sandbox { marker: String } =>
            "this is a package build (`{marker}`) with no network by design: name lookups fail, so nothing can be downloaded",
            "这是一次软件包构建（`{marker}`），按设计没有网络：域名解析失败，因此什么也下载不了";
    }
    enum Do {
        Vendor =>
            "Keep GOPROXY=off and vendor the modules where the network is allowed",
            "保持 GOPROXY=off，在允许联网的地方 vendor 这些模块";
    }
}

/// What distribution build farms leave in their logs (Debian's sbuild and debhelper, Fedora's
/// mock, openSUSE's OBS, rpmbuild, Launchpad): they build without network on purpose.
const SANDBOX_MARKERS: &[&str] = &[
    "sbuild-nonexistent",
    "<<PKGBUILDDIR>>",
    "dh_auto_",
    "debian/rules",
    "/rpmbuild/BUILD/",
    "/builddir/build/",
    "/home/abuild/",
];

/// The first sandbox marker in the log, when name lookups fail there.
fn sandbox(facts: &Facts<'_>) -> Option<(usize, &'static str)> {
    let dns = facts.events.iter().any(|e| match &e.kind {
        EventKind::Fetch { error, .. } => error.is_dns(),
        _ => false,
    });
    if !dns {
        return None;
    }
    facts
        .log_lines()
        .find_map(|(n, text)| SANDBOX_MARKERS.iter().find(|m| text.contains(**m)).map(|m| (n, *m)))
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let setting = facts.var("GOPROXY").filter(|v| v.value.trim() == "off");
    let refusals = facts.events_where(|k| matches!(k, EventKind::ProxyOff));
    if setting.is_none() && refusals.is_empty() {
        let Some((line, marker)) = sandbox(facts) else {
            return Vec::new();
        };
        let dns = facts.events_where(|k| matches!(k, EventKind::Fetch { error, .. } if error.is_dns()));
        let mut evidence = vec![facts.evidence(line)];
        evidence.extend(facts.events_evidence(dns.iter().copied()));
        crate::finding::Evidence::in_input_order(&mut evidence);
        evidence.dedup();
        let message = Msg::Sandbox {
            marker: marker.to_owned(),
        };
        return vec![rule.finding(
            Severity::Error,
            &message,
            evidence,
            vec![Fix::go(&Do::Vendor, &["mod", "vendor"])],
        )];
    }
    let (severity, message) = if refusals.is_empty() {
        (Severity::Warning, Msg::Off)
    } else {
        (Severity::Error, Msg::Refused)
    };
    let mut evidence: Vec<_> = setting.map(|s| facts.evidence(s.line)).into_iter().collect();
    evidence.extend(facts.events_evidence(refusals.iter().copied()));
    vec![rule.finding(severity, &message, evidence, fixes(facts))]
}

fn fixes(facts: &Facts<'_>) -> Vec<Fix> {
    vec![
        common::mirror_fix(facts, false),
        common::mirror_fix(facts, true),
        Fix::go(&Do::Vendor, &["mod", "vendor"]),
    ]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::check;

    const FIRES: &str = "proxy-off proxy_off";

    #[test]
    fn fires_on_the_setting_in_every_format() {
        for input in [
            "GOPROXY='off'",
            "GOPROXY=\"off\"",
            "set GOPROXY=off",
            "export GOPROXY=off",
            "$env:GOPROXY = \"off\"",
            "{\n  \"GOPROXY\": \"off\",\n}",
        ] {
            let line = if input.starts_with('{') { 2 } else { 1 };
            check(input, &[&format!("{FIRES} warning lines={line} fixes=safe,safe,safe")]);
        }
    }

    #[test]
    fn the_refusal_in_the_log_makes_it_an_error() {
        check(
            "GOFLAGS=''\nGOPROXY='off'\n\n$ go build\ngo: example.com/m@v1.0.0: module lookup disabled by GOPROXY=off\n",
            &[&format!("{FIRES} error lines=2,5 fixes=safe,safe,safe")],
        );
        check(
            "main.go:3:8: example.com/m@v1.0.0: module lookup disabled by GOPROXY=off",
            &[&format!("{FIRES} error lines=1 fixes=safe,safe,safe")],
        );
    }

    #[test]
    fn stays_silent_when_downloads_are_allowed() {
        check(
            "GOPROXY='https://proxy.golang.org,direct'\nGOSUMDB='sum.golang.org'\n",
            &[],
        );
        check("GONOPROXY='off'\n", &[]);
        // A later setting overrides an earlier one, as in a shell.
        check("GOPROXY='off'\nexport GOPROXY=https://goproxy.cn,direct\n", &[]);
    }
}
