//! `git-auth-required`: git (or a company proxy) needs credentials the go command cannot give.

use super::{Facts, Rule, common};
use crate::attribution;
use crate::facts::{is_public_proxy, suggested_private_pattern};
use crate::finding::{Cause, Finding, Fix, Hole, Hop, Severity, Word};
use gmd_golog::{Event, EventKind, Target};

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
        NoAccess { host: String, module: String } =>
            "`{host}` says the repository of `{module}` does not exist; for a module you declared private, that is its answer to credentials that cannot see the repository (none, or a token scoped to another repository, as CI gives)",
            "`{host}` 说 `{module}` 的仓库不存在；对于你声明为私有的模块，这是它对无权查看该仓库的凭据的回答（没有凭据，或者令牌只授权给别的仓库，CI 中常见）";
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
    let git: Vec<&Event> = facts
        .events
        .iter()
        .filter(|e| {
            matches!(e.kind, EventKind::GitAuth { .. })
                || matches!(e.kind, EventKind::RepositoryNotFound { .. })
                    && attribution::owner(facts, e) == Some(Cause::GitAuthRequired)
        })
        .collect();
    let proxy: Vec<&Event> = facts
        .events
        .iter()
        .filter(|e| {
            matches!(e.kind, EventKind::HttpStatus { .. }) && attribution::owner(facts, e) == Some(Cause::GitAuthRequired)
                || matches!(&e.kind, EventKind::HttpStatus { status: 401 | 403 | 407, target: Target::GoGet, host, .. } if !is_public_proxy(host))
        })
        .collect();
    if git.is_empty() && proxy.is_empty() {
        return Vec::new();
    }
    let mut evidence = facts.events_evidence(git.iter().chain(proxy.iter()).copied());
    crate::finding::Evidence::in_input_order(&mut evidence);
    let module = git.iter().chain(proxy.iter()).find_map(|e| e.module.clone());
    if let Some(first) = git.first() {
        let host = match &first.kind {
            EventKind::GitAuth { host } => host.as_str(),
            _ => "",
        };
        let host = if host.is_empty() {
            module
                .as_deref()
                .and_then(|m| m.split('/').next())
                .unwrap_or_default()
                .to_owned()
        } else {
            host.to_owned()
        };
        // The host as a command takes it; a hole for the user's Git server when the paste does
        // not say it.
        let host_word = Word::host(&host).unwrap_or_else(|| Word::hole(Hole::GitHost));
        let message = match (&first.kind, &module) {
            (EventKind::RepositoryNotFound { .. }, Some(module)) => Msg::NoAccess {
                host: host.clone(),
                module: module.clone(),
            },
            _ => Msg::GitNeedsCredentials { host: host.clone() },
        };
        let mut fixes = vec![
            Fix::safe(&Do::Ssh { host: host.clone() }, common::git_over_ssh(host_word.clone())),
            common::netrc(&common::Title::NetrcToken { host: host.clone() }, Some(host_word)),
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
                    common::with_pattern(facts.goprivate(), &pattern),
                ));
            }
        }
        // On a public code host, for a module nobody declared private, the prompt most likely
        // means the repository does not exist (module-not-found says so first).
        let severity = if git.iter().all(|e| attribution::prompt_means_missing(facts, e)) && proxy.is_empty() {
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
        common::netrc(&common::Title::NetrcProxy, Word::host(host)),
        Fix::set(&Do::GitHelpers, "GOAUTH", Word::lit("git")),
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
            finding(log, "git-auth-required").fixes[0].posix(),
            "git config --global url.git@git.corp.example:.insteadOf https://git.corp.example/"
        );
        check(
            "go: git.corp.example/a@v1.2.0: reading https://goproxy.corp.example/git.corp.example/a/@v/v1.2.0.mod: 401 Unauthorized\n\tserver response: Unauthorized\n",
            &["git-auth-required git_auth_required error lines=1,2 fixes=safe,safe"],
        );
    }

    #[test]
    fn a_missing_repository_declared_private_is_one_the_credentials_cannot_see() {
        let log = "go: github.com/company/repo@v0.0.0-20210104011042-bad989a6d7f2: invalid version: git fetch -f origin refs/heads/*:refs/heads/* refs/tags/*:refs/tags/* in /home/runner/go/pkg/mod/cache/vcs/49: exit status 128:\n\tremote: Repository not found.\n\tfatal: repository 'https://github.com/company/repo/' not found\n";
        let private = format!("GOPRIVATE=github.com/company\n{log}");
        check(
            &private,
            &["git-auth-required git_auth_required error lines=3,4 fixes=safe,safe"],
        );
        assert!(
            finding(&private, "git-auth-required")
                .message
                .en
                .starts_with("`github.com` says the repository of `github.com/company/repo` does not exist")
        );
        assert!(!crate::rules::test_support::rules(&private).contains(&"module-not-found"));
        // Nobody declared it private: a missing repository.
        assert!(!crate::rules::test_support::rules(log).contains(&"git-auth-required"));
        assert!(crate::rules::test_support::rules(log).contains(&"module-not-found"));
    }

    #[test]
    fn stays_silent_on_auth_text_inside_a_public_proxys_response() {
        let log = "go: github.com/acme/x@v1: reading https://proxy.golang.org/github.com/acme/x/@v/v1.mod: 410 Gone\n\tserver response:\n\tnot found: x: invalid version: exit status 128:\n\t\tfatal: could not read Username for 'https://github.com': terminal prompts disabled\n";
        assert!(!crate::rules::test_support::rules(log).contains(&"git-auth-required"));
    }
}
