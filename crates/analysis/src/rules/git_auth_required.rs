//! `git-auth-required`: git (or a company proxy) needs credentials the go command cannot give.

use super::{Facts, Rule, common};
use crate::facts::{is_public_proxy, suggested_private_pattern};
use crate::finding::{Cause, Finding, Fix, Hop, Severity};
use gmd_golog::{EventKind, Target};

pub(crate) const RULE: Rule = Rule {
    id: "git-auth-required",
    cause: Cause::GitAuthRequired,
    hop: Hop::Vcs,
    title: "Credentials are required and none are configured",
    explanation: "The go command runs git with terminal prompts disabled, so a private repository over HTTPS needs credentials configured in advance: a `.netrc` entry or a credential helper with a token, or SSH keys with `url.<ssh>.insteadOf` rewriting the HTTPS URL. A company module proxy that answers 401 or 403 needs credentials too: since Go 1.24 through GOAUTH (default `netrc`), before that in `.netrc`.",
    title_zh: "需要凭据，但没有配置",
    explanation_zh: "go 命令运行 git 时禁用了终端提示，所以通过 HTTPS 访问私有仓库需要事先配置凭据：`.netrc` 条目或带令牌的 credential helper，或者 SSH 密钥加上用 `url.<ssh>.insteadOf` 改写 HTTPS 地址。返回 401 或 403 的公司模块代理同样需要凭据：Go 1.24 起通过 GOAUTH（默认 `netrc`），之前通过 `.netrc`。",
    reference: "https://go.dev/doc/faq#git_https",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        GitNeedsCredentials { host: String } =>
            "git needs credentials for `{host}` and cannot ask for them (terminal prompts are disabled)",
            "git 需要 `{host}` 的凭据，但无法询问（终端提示已禁用）";
        ProxyNeedsCredentials { host: String, status: u16 } =>
            "the module proxy `{host}` answered {status}: it needs credentials",
            "模块代理 `{host}` 返回了 {status}：它需要凭据";
    }
    enum Do {
        Ssh { host: String } => "Use your SSH key for {host} instead of HTTPS", "对 {host} 使用你的 SSH 密钥而不是 HTTPS";
        MarkPrivate { pattern: String } =>
            "And mark {pattern} private, so no public proxy or checksum database is asked",
            "并把 {pattern} 标为私有，这样就不会去问公共代理或校验和数据库";
        GitHelpers =>
            "Or let git's credential helpers answer (Go 1.24+)",
            "或者让 git 的凭据助手提供凭据（Go 1.24+）";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let git = facts.events_where(|k| matches!(k, EventKind::GitAuth { .. }));
    let proxy = facts.events_where(|k| {
        matches!(k, EventKind::HttpStatus { status: 401 | 403 | 407, target: Target::ModuleProxy | Target::GoGet, host, .. } if !is_public_proxy(host))
    });
    if git.is_empty() && proxy.is_empty() {
        return Vec::new();
    }
    let mut evidence = facts.events_evidence(git.iter().chain(proxy.iter()).copied());
    evidence.sort_by_key(|e| e.line);
    let module = git.iter().chain(proxy.iter()).find_map(|e| e.module.clone());
    if let Some(first) = git.first() {
        let EventKind::GitAuth { host } = &first.kind else {
            return Vec::new();
        };
        let host = if host.is_empty() {
            module
                .as_deref()
                .and_then(|m| m.split('/').next())
                .unwrap_or("git.example.com")
                .to_owned()
        } else {
            host.clone()
        };
        let message = Msg::GitNeedsCredentials { host: host.clone() };
        let mut fixes = vec![
            Fix::run(
                &Do::Ssh { host: host.clone() },
                &format!("git config --global url.\"git@{host}:\".insteadOf \"https://{host}/\""),
            ),
            common::netrc(&common::Title::NetrcToken { host: host.clone() }, &host),
        ];
        if let Some(module) = &module {
            let pattern = suggested_private_pattern(module);
            let covered = gmd_semantics::pattern::match_prefix_patterns(facts.goprivate(), module);
            if !covered {
                fixes.push(Fix::set(
                    &Do::MarkPrivate {
                        pattern: pattern.clone(),
                    },
                    "GOPRIVATE",
                    &pattern,
                ));
            }
        }
        // On a public code host, for a module nobody declared private, the prompt most likely
        // means the repository does not exist (module-not-found says so first).
        let severity = if git
            .iter()
            .all(|e| super::module_not_found::prompt_means_missing(facts, e))
            && proxy.is_empty()
        {
            Severity::Warning
        } else {
            Severity::Error
        };
        return vec![rule.finding(severity, &message, evidence, fixes)];
    }
    let EventKind::HttpStatus { host, status, .. } = &proxy[0].kind else {
        return Vec::new();
    };
    let message = Msg::ProxyNeedsCredentials {
        host: host.clone(),
        status: *status,
    };
    let fixes = vec![
        common::netrc(&common::Title::NetrcProxy, host),
        Fix::set(&Do::GitHelpers, "GOAUTH", "git"),
    ];
    vec![rule.finding(Severity::Error, &message, evidence, fixes)]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, finding};

    #[test]
    fn fires_on_git_and_proxy_auth_failures() {
        let log = "go: git.corp.example/platform/auth@v1.2.0: reading git.corp.example/platform/auth/go.mod at revision v1.2.0: git ls-remote -q --end-of-options https://git.corp.example/platform/auth.git in /x: exit status 128:\n\tfatal: could not read Username for 'https://git.corp.example': terminal prompts disabled\n";
        check(
            log,
            &["git-auth-required git_auth_required error lines=2 fixes=safe,safe,safe"],
        );
        assert_eq!(
            finding(log, "git-auth-required").fixes[0].commands.posix,
            "git config --global url.\"git@git.corp.example:\".insteadOf \"https://git.corp.example/\""
        );
        check(
            "go: git.corp.example/a@v1.2.0: reading https://goproxy.corp.example/git.corp.example/a/@v/v1.2.0.mod: 401 Unauthorized\n\tserver response: Unauthorized\n",
            &["git-auth-required git_auth_required error lines=1,2 fixes=safe,safe"],
        );
    }

    #[test]
    fn stays_silent_on_auth_text_inside_a_public_proxys_response() {
        let log = "go: github.com/acme/x@v1: reading https://proxy.golang.org/github.com/acme/x/@v/v1.mod: 410 Gone\n\tserver response:\n\tnot found: x: invalid version: exit status 128:\n\t\tfatal: could not read Username for 'https://github.com': terminal prompts disabled\n";
        assert!(!crate::rules::test_support::rules(log).contains(&"git-auth-required"));
    }
}
