//! `private-module-via-public-proxy`: a private module is looked up on a public proxy, which
//! cannot see it.

use super::{Facts, Rule, common};
use crate::attribution;
use crate::facts::{response_says_private, suggested_private_pattern};
use crate::finding::{Cause, Certainty, Finding, Fix, Hop, Severity};
use gmd_golog::{Event, EventKind};
use gmd_semantics::pattern;

pub(crate) const RULE: Rule = Rule {
    id: "private-module-via-public-proxy",
    cause: Cause::PrivateModuleViaPublicProxy,
    hop: Hop::ModuleProxy,
    title: "A private module is looked up on a public proxy",
    explanation: "Modules whose path matches no GOPRIVATE (or GONOPROXY) pattern are fetched through GOPROXY. A public mirror such as proxy.golang.org or goproxy.cn cannot read a private repository or resolve an internal host, so it answers 404 or 410, and the go command may then report `unknown revision` or `terminal prompts disabled` for a module that exists. Patterns match leading path elements exactly and case-sensitively: `corp.example` does not cover `git.corp.example`. Set GOPRIVATE to cover the module; git then fetches it directly with your credentials.",
    title_zh: "在公共代理上查找私有模块",
    explanation_zh: "路径不匹配任何 GOPRIVATE（或 GONOPROXY）模式的模块会通过 GOPROXY 获取。proxy.golang.org 或 goproxy.cn 这样的公共镜像无法读取私有仓库，也无法解析内部主机，所以会返回 404 或 410，随后 go 命令可能对一个确实存在的模块报告 `unknown revision` 或 `terminal prompts disabled`。模式按路径开头的元素精确匹配、区分大小写：`corp.example` 不包括 `git.corp.example`。设置 GOPRIVATE 覆盖该模块；之后 git 会用你的凭据直接获取它。",
    reference: "https://go.dev/ref/mod#private-modules",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Leaked { module: String, host: String, status: u16 } =>
            "`{module}` is private, but was requested from the public proxy `{host}`, which answered {status}",
            "`{module}` 是私有模块，却向公共代理 `{host}` 请求，代理返回了 {status}";
        CaseDiffers { module: String, host: String, status: u16, goprivate: String } =>
            "`{module}` is private, but was requested from the public proxy `{host}`, which answered {status} (`GOPRIVATE={goprivate}` differs from the module path in case, and matching is case-sensitive)",
            "`{module}` 是私有模块，却向公共代理 `{host}` 请求，代理返回了 {status}（`GOPRIVATE={goprivate}` 与模块路径的大小写不同，而匹配区分大小写）";
        NotMatched { module: String, host: String, status: u16, goprivate: String } =>
            "`{module}` is private, but was requested from the public proxy `{host}`, which answered {status} (`GOPRIVATE={goprivate}` does not match it: patterns match whole leading path elements)",
            "`{module}` 是私有模块，却向公共代理 `{host}` 请求，代理返回了 {status}（`GOPRIVATE={goprivate}` 匹配不到它：模式按开头的完整路径元素匹配）";
    }
    enum Do {
        MarkPrivate { pattern: String } =>
            "Mark {pattern} as private: fetched directly with git, and not checked against the public checksum database",
            "把 {pattern} 标为私有：直接用 git 获取，不再用公共校验和数据库校验";
        Authenticate =>
            "Then make sure git can authenticate to the repository (SSH instead of HTTPS, for example)",
            "然后确保 git 能通过仓库的认证（例如用 SSH 代替 HTTPS）";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let misses: Vec<&Event> = facts
        .events
        .iter()
        .filter(|e| attribution::owner(facts, e) == Some(Cause::PrivateModuleViaPublicProxy))
        .collect();
    let Some(first) = misses.first() else { return Vec::new() };
    let module = first.module.clone().unwrap_or_default();
    let EventKind::HttpStatus { host, status, .. } = &first.kind else {
        return Vec::new();
    };
    let suggested = suggested_private_pattern(&module);
    let mut evidence = Vec::new();
    let goprivate = facts.var("GOPRIVATE").filter(|v| !v.value.is_empty());
    if let Some(var) = goprivate.or_else(|| facts.var("GONOPROXY").filter(|v| !v.value.is_empty())) {
        evidence.push(facts.evidence(var.line));
    }
    evidence.extend(facts.events_evidence(misses.iter().copied()));
    let (host, status) = (host.clone(), *status);
    let message = match goprivate {
        Some(var) if !pattern::match_prefix_patterns(&var.value, &module) => {
            let near = var.value.to_ascii_lowercase();
            if pattern::match_prefix_patterns(&near, &module.to_ascii_lowercase()) {
                Msg::CaseDiffers {
                    module: module.clone(),
                    host,
                    status,
                    goprivate: var.value.clone(),
                }
            } else {
                Msg::NotMatched {
                    module: module.clone(),
                    host,
                    status,
                    goprivate: var.value.clone(),
                }
            }
        }
        _ => Msg::Leaked {
            module: module.clone(),
            host,
            status,
        },
    };
    let value = common::with_pattern(goprivate.map_or("", |v| v.value.as_str()), &suggested);
    let fixes = vec![
        Fix::set(
            &Do::MarkPrivate {
                pattern: suggested.clone(),
            },
            "GOPRIVATE",
            value,
        ),
        Fix::safe(
            &Do::Authenticate,
            common::git_over_ssh(common::host_or_hole(module.split('/').next().unwrap_or_default())),
        ),
    ];
    let mut finding = rule.finding(Severity::Error, &message, evidence, fixes);
    // Without the mirror saying the repository needs credentials, "private" is read from the
    // path (an internal-looking host).
    if !misses
        .iter()
        .any(|e| matches!(&e.kind, EventKind::HttpStatus { response, .. } if response_says_private(response)))
    {
        finding.certainty = Certainty::Likely;
    }
    vec![finding]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, finding, rules};

    const GITLAB_404: &str = "go: git.corp.example/platform/auth@v1.2.0: reading https://proxy.golang.org/git.corp.example/platform/auth/@v/v1.2.0.mod: 404 Not Found\n\tserver response: not found: git.corp.example/platform/auth@v1.2.0: unrecognized import path \"git.corp.example/platform/auth\": https fetch: Get \"https://git.corp.example/platform/auth?go-get=1\": dial tcp: lookup git.corp.example on 169.254.169.254:53: no such host\n";

    #[test]
    fn fires_on_a_public_proxys_404_or_410_for_a_private_module() {
        check(
            GITLAB_404,
            &["private-module-via-public-proxy private_module_via_public_proxy error lines=1,2 fixes=safe,safe"],
        );
        assert_eq!(
            finding(GITLAB_404, "private-module-via-public-proxy").fixes[0].posix(),
            "export GOPRIVATE=git.corp.example"
        );
        let github = "go: github.com/acme-corp/billing@v0.3.1: reading https://goproxy.cn/github.com/acme-corp/billing/@v/v0.3.1.mod: 410 Gone\n\tserver response:\n\tnot found: github.com/acme-corp/billing@v0.3.1: invalid version: git ls-remote -q origin in /tmp/x: exit status 128:\n\t\tfatal: could not read Username for 'https://github.com': terminal prompts disabled\n";
        assert_eq!(rules(github), vec!["private-module-via-public-proxy"]);
        assert_eq!(
            finding(github, "private-module-via-public-proxy").fixes[0].posix(),
            "export GOPRIVATE=github.com/acme-corp"
        );
    }

    #[test]
    fn names_a_pattern_that_does_not_match() {
        let log = format!("GOPRIVATE='Git.Corp.Example'\n{GITLAB_404}");
        assert!(
            finding(&log, "private-module-via-public-proxy")
                .message
                .en
                .contains("differs from the module path in case")
        );
        let log = format!("GOPRIVATE='corp.example'\n{GITLAB_404}");
        let f = finding(&log, "private-module-via-public-proxy");
        assert!(f.message.en.contains("does not match it"));
        assert_eq!(f.fixes[0].posix(), "export GOPRIVATE=corp.example,git.corp.example");
    }

    #[test]
    fn stays_silent_for_public_modules_and_private_proxies() {
        let public = "go: module github.com/example/doesnotexist: reading https://proxy.golang.org/github.com/example/doesnotexist/@v/list: 404 Not Found\n\tserver response: not found: module github.com/example/doesnotexist: no matching versions for query \"latest\"\n";
        assert!(!rules(public).contains(&"private-module-via-public-proxy"));
        let corporate = "go: git.corp.example/a@v1.2.0: reading https://goproxy.corp.example/git.corp.example/a/@v/v1.2.0.mod: 404 Not Found\n";
        assert!(!rules(corporate).contains(&"private-module-via-public-proxy"));
    }
}
