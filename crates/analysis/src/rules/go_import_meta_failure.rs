//! `go-import-meta-failure`: the module path's host does not say where its repository is.

use super::{Facts, Rule, common};
use crate::finding::{Cause, Command, Finding, Fix, Hop, Kind, Os, Severity, Step, Word};
use gmd_golog::{EventKind, NetError};

pub(crate) const RULE: Rule = Rule {
    id: "go-import-meta-failure",
    cause: Cause::GoImportMetaFailure,
    hop: Hop::Vcs,
    title: "The module path's host does not serve a go-import meta tag",
    explanation: "For a path on a host the go command does not know (anything but github.com, bitbucket.org and a few others), it fetches `https://<path>?go-get=1` and reads `<meta name=\"go-import\" content=\"<prefix> git <repo-url>\">`. A 404, a login page without the tag (GitLab without a token, or a subgroup path), or a vanity domain that is misconfigured leaves the path unresolvable. Give the host credentials, add `.git` to the path where the repository ends, or rewrite the URL with git's insteadOf.",
    title_zh: "模块路径所在的主机没有提供 go-import meta 标签",
    explanation_zh: "对于 go 命令不认识的主机（github.com、bitbucket.org 等少数几个之外的都算），它会请求 `https://<路径>?go-get=1` 并读取 `<meta name=\"go-import\" content=\"<前缀> git <仓库地址>\">`。404、没有该标签的登录页（没有令牌的 GitLab，或子组路径），或者配置错误的自定义域名，都会让路径无法解析。给主机配置凭据、在仓库结束处给路径加上 `.git`，或用 git 的 insteadOf 改写地址。",
    reference: "https://go.dev/ref/mod#vcs-find",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Status { host: String, status: u16, path: String } =>
            "`{host}` answered {status} to `?go-get=1`, so `{path}` cannot be resolved to a repository",
            "`{host}` 对 `?go-get=1` 返回了 {status}，所以无法把 `{path}` 解析到仓库";
        NoMeta { host: String, path: String } =>
            "`{host}` answered `?go-get=1` without a go-import meta tag, so `{path}` cannot be resolved to a repository",
            "`{host}` 对 `?go-get=1` 的回应中没有 go-import meta 标签，所以无法把 `{path}` 解析到仓库";
        GroupRoot { repo: String, module: String } =>
            "the go command took `{repo}` for the repository of `{module}`: the go-import meta tag named a group, as GitLab answers for a private project when the request carries no credentials",
            "go 命令把 `{repo}` 当成了 `{module}` 的仓库：go-import meta 标签指向的是一个组，GitLab 对不带凭据的私有项目请求就是这样回答的";
        Useless { host: String, path: String } =>
            "`{host}` did not answer `?go-get=1` usefully, so `{path}` cannot be resolved to a repository",
            "`{host}` 对 `?go-get=1` 没有给出可用的回应，所以无法把 `{path}` 解析到仓库";
    }
    enum Do {
        Authenticate { host: String } =>
            "Let the go command authenticate to {host} (GitLab answers ?go-get=1 only to signed-in users)",
            "让 go 命令通过 {host} 的认证（GitLab 只对已登录用户响应 ?go-get=1）";
        DotGit =>
            "Or point the module at its repository named with .git (GitLab subgroups): git fetches it directly, without asking ?go-get=1, and the imports keep their path",
            "或者把模块指向带 .git 的仓库地址（GitLab 子组）：git 会直接获取它，不再请求 ?go-get=1，导入路径保持不变";
        Check => "Check what the host answers", "查看该主机返回了什么";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events = facts.events_where(|k| match k {
        EventKind::RepoRootIsGroup { .. } => true,
        EventKind::UnrecognizedImportPath { error: None, .. } => true,
        EventKind::UnrecognizedImportPath { error: Some(e), .. } => {
            !e.is_dns()
                && !e.is_tls()
                && !matches!(
                    e,
                    NetError::TcpRefused
                        | NetError::TcpTimeout
                        | NetError::TcpReset
                        | NetError::TcpUnreachable
                        | NetError::ProxyConnect(_)
                        | NetError::ProxyDenied
                )
        }
        _ => false,
    });
    let Some(first) = events.first() else { return Vec::new() };
    if let (EventKind::RepoRootIsGroup { repo }, Some(module)) = (&first.kind, &first.module) {
        let host = module.split('/').next().unwrap_or_default();
        let message = Msg::GroupRoot {
            repo: repo.clone(),
            module: module.clone(),
        };
        let mut fixes = vec![common::netrc(
            &Do::Authenticate { host: host.to_owned() },
            Word::host(host),
        )];
        fixes.extend(dot_git(facts, module, first.version.as_deref()));
        return vec![rule.finding(
            Severity::Error,
            &message,
            facts.events_evidence(events.iter().copied()),
            fixes,
        )];
    }
    let EventKind::UnrecognizedImportPath {
        path, status, no_meta, ..
    } = &first.kind
    else {
        return Vec::new();
    };
    let host = path.split('/').next().unwrap_or_default();
    let (host_text, path_text) = (host.to_owned(), path.clone());
    let message = match (status, no_meta) {
        (Some(status), _) => Msg::Status {
            host: host_text,
            status: *status,
            path: path_text,
        },
        (None, true) => Msg::NoMeta {
            host: host_text,
            path: path_text,
        },
        _ => Msg::Useless {
            host: host_text,
            path: path_text,
        },
    };
    let module = first.module.as_deref().unwrap_or(path);
    let mut fixes = vec![common::netrc(
        &Do::Authenticate { host: host.to_owned() },
        Word::host(host),
    )];
    fixes.extend(dot_git(facts, module, first.version.as_deref()));
    fixes.push(Fix::safe(
        &Do::Check,
        Command::os(Os::FetchGoImport {
            path: common::module_or_hole(path),
        }),
    ));
    vec![rule.finding(
        Severity::Error,
        &message,
        facts.events_evidence(events.iter().copied()),
        fixes,
    )]
}

/// `replace M => M.git vX`: the `.git` ends the repository path, so the go command runs git on
/// it without asking the host for `?go-get=1`; a replacement may declare the original path, so
/// the imports stay. Needs the version (the event's or go.mod's).
fn dot_git(facts: &Facts<'_>, module: &str, version: Option<&str>) -> Option<Fix> {
    let version = version
        .filter(|v| v.starts_with('v'))
        .or_else(|| facts.required_version(module))?;
    let module = Word::module(module)?;
    let replacement = Word::join(vec![
        module.clone(),
        Word::lit("="),
        module,
        Word::lit(".git@"),
        Word::value(Kind::Query, version)?,
    ]);
    Some(Fix::safe(
        &Do::DotGit,
        Command::new(Step::go(vec![
            Word::lit("mod"),
            Word::lit("edit"),
            Word::lit("-replace"),
            replacement,
        ])),
    ))
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, rules};

    #[test]
    fn fires_when_git_is_sent_to_a_group() {
        check(
            "go get gitlab.example.net/team/client: git ls-remote -q https://gitlab.example.net/team.git in /home/u/go/pkg/mod/cache/vcs/19: exit status 128:\nGitLab: The project you were looking for could not be found.\nfatal: Could not read from remote repository.\n",
            &["go-import-meta-failure go_import_meta_failure error lines=1 fixes=safe"],
        );
        // With the version go.mod requires, the module can point at its repository with .git.
        let pinned = "module example.com/app\n\nrequire gitlab.example.net/team/client v1.4.0\n\ngo get gitlab.example.net/team/client: git ls-remote -q https://gitlab.example.net/team.git in /home/u/go/pkg/mod/cache/vcs/19: exit status 128:\nGitLab: The project you were looking for could not be found.\n";
        assert_eq!(
            crate::rules::test_support::finding(pinned, "go-import-meta-failure").fixes[1].posix(),
            "go mod edit -replace gitlab.example.net/team/client=gitlab.example.net/team/client.git@v1.4.0"
        );
        // Probing the parent path as a module of its own is the go command's normal search.
        assert!(
            !rules("go: git.corp.example/platform/auth@v1.3.0: git.corp.example/platform@v1.3.0: invalid version: git ls-remote -q --end-of-options https://git.corp.example/platform.git in /x: exit status 128:\n")
                .contains(&"go-import-meta-failure")
        );
    }

    #[test]
    fn fires_on_404_and_missing_tags() {
        check(
            "go: git.corp.example/a@v1.2.0: unrecognized import path \"git.corp.example/a\": reading https://git.corp.example/a?go-get=1: 404 Not Found\n",
            &["go-import-meta-failure go_import_meta_failure error lines=1 fixes=safe,safe,safe"],
        );
        check(
            "go: git.corp.example/a@v1.2.0: unrecognized import path \"git.corp.example/a\": parse https://git.corp.example/a?go-get=1: no go-import meta tags ()\n",
            &["go-import-meta-failure go_import_meta_failure error lines=1 fixes=safe,safe,safe"],
        );
    }

    #[test]
    fn leaves_network_failures_to_their_rules() {
        let dns = "go: g.example/a@v1: unrecognized import path \"g.example/a\": https fetch: Get \"https://g.example/a?go-get=1\": dial tcp: lookup g.example on 127.0.0.1:53: no such host\n";
        assert_eq!(rules(dns), vec!["dns-failure"]);
    }
}
