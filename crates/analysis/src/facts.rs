//! What the rules know about one paste, computed once: its sections, settings, go.mod and
//! log events, and the go command's view of the settings.

use crate::finding::Evidence;
use gmd_goenv::{GoEnv, Var};
use gmd_golog::{Event, EventKind};
use gmd_gomod::GoMod;
use gmd_input::{Kind, Split};
use gmd_semantics::proxy;

/// Everything the rules read.
#[derive(Debug)]
pub struct Facts<'a> {
    pub split: Split<'a>,
    pub env: GoEnv,
    /// The first go.mod of the paste (the main module's).
    pub gomod: Option<GoMod>,
    pub events: Vec<Event>,
    /// The local Go version, from `go version` or GOVERSION (`1.22.1`).
    pub go_version: Option<String>,
    /// Whether the log shows the go command failing: an error of its own (not a `-x` trace
    /// line, not progress), read as an event or not.
    pub failed: bool,
    /// Whether a `-x` trace shows the go command moving on after a failed request: a request
    /// answered `200 OK` after the first failed one, and no error of its own after that.
    pub recovered: bool,
    /// Each event's owner, decided once (see `crate::attribution`).
    pub(crate) attribution: std::cell::OnceCell<crate::attribution::Decided>,
}

impl<'a> Facts<'a> {
    pub fn new(input: &'a str) -> Facts<'a> {
        let split = gmd_input::split(input);
        let env = GoEnv::from_lines(split.lines_of(Kind::GoEnv));
        let gomod = split
            .sections_of(Kind::GoMod)
            .next()
            .map(|section| gmd_gomod::parse(split.section_lines(section)));
        let log_lines = split
            .sections
            .iter()
            .filter(|s| matches!(s.kind, Kind::Log | Kind::GoVersion))
            .flat_map(|s| split.section_lines(s))
            .collect::<Vec<_>>();
        let mut events = gmd_golog::parse(log_lines.iter().copied());
        let is_trace = |text: &str| text.trim_start().starts_with("# ");
        let first_failed_trace = events
            .iter()
            .filter(|e| e.kind.is_failure() && is_trace(split.line(e.line)))
            .map(|e| e.line)
            .min();
        let recovered = first_failed_trace.is_some_and(|first| {
            log_lines
                .iter()
                .any(|(n, t)| *n > first && is_trace(t) && t.contains(": 200 OK"))
        });
        let failed = events
            .iter()
            .any(|e| e.kind.is_failure() && !is_trace(split.line(e.line)))
            || log_lines.iter().any(|(_, t)| gmd_golog::is_error_frame(t.trim()));
        let go_version = split
            .lines_of(Kind::GoVersion)
            .find_map(|(_, text)| {
                let word = text.split_whitespace().nth(2)?;
                gmd_semantics::gover::from_toolchain(word).map(str::to_owned)
            })
            .or_else(|| env.go_version().map(str::to_owned));
        let mut facts = Facts {
            split,
            env,
            gomod,
            events: Vec::new(),
            go_version,
            failed,
            recovered,
            attribution: std::cell::OnceCell::new(),
        };
        for event in &mut events {
            facts.locate_wait(event);
        }
        facts.events = events;
        facts
    }

    /// A log that ends on `go: downloading M v` waits on the first place GOPROXY sends `M` to:
    /// the first proxy of the list, or the repository when the module is private or the list
    /// starts with `direct`. The wait becomes a request there that got no answer.
    fn locate_wait(&self, event: &mut Event) {
        let (EventKind::Waiting, Some(module)) = (&event.kind, &event.module) else {
            return;
        };
        let version = event.version.clone().unwrap_or_default();
        let first = proxy::parse(self.goproxy())
            .ok()
            .and_then(|list| list.into_iter().next());
        let direct = self.declared_private(module) || !matches!(first, Some(proxy::ProxyEntry::Url { .. }));
        let url = match first {
            Some(proxy::ProxyEntry::Url { url, .. }) if !direct => format!(
                "{}/{}/@v/{version}.info",
                url.trim_end_matches('/'),
                gmd_semantics::module::escape(module)
            ),
            _ => format!("https://{module}?go-get=1"),
        };
        event.kind = EventKind::Fetch {
            host: gmd_golog::host_of(&url),
            target: gmd_golog::target_of(&url),
            url,
            error: gmd_golog::NetError::NoAnswer,
        };
    }

    /// Every line of the paste that is not settings, go.mod or go.sum, with its number.
    pub fn log_lines(&self) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        self.split.lines_of(Kind::Log)
    }

    /// Evidence for the 1-based input line `line`.
    pub fn evidence(&self, line: usize) -> Evidence {
        Evidence {
            line,
            text: self.split.line(line).to_owned(),
        }
    }

    /// Evidence for several events, each line once, in input order.
    pub fn events_evidence<'e>(&self, events: impl IntoIterator<Item = &'e Event>) -> Vec<Evidence> {
        let mut lines: Vec<usize> = events.into_iter().flat_map(|e| e.lines().collect::<Vec<_>>()).collect();
        gmd_order::sort_dedup(&mut lines);
        lines.into_iter().map(|l| self.evidence(l)).collect()
    }

    /// Events matching `predicate`.
    pub fn events_where(&self, predicate: impl Fn(&EventKind) -> bool) -> Vec<&Event> {
        self.events.iter().filter(|e| predicate(&e.kind)).collect()
    }

    /// A pasted setting.
    pub fn var(&self, key: &str) -> Option<&Var> {
        self.env.get(key)
    }

    /// The effective GOPROXY (the go command's default when not pasted or empty).
    pub fn goproxy(&self) -> &str {
        match self.env.value("GOPROXY") {
            Some(v) if !v.is_empty() => v,
            _ => proxy::DEFAULT_GOPROXY,
        }
    }

    /// The GOPROXY entry a proxy request went to, as the user would write it again: the pasted
    /// entry the request's URL starts with, else the URL cut before the module's escaped path
    /// (`<base>/<module>/@v/…`, `<base>/<module>/@latest`), else its scheme and host. A mirror
    /// under a path (`https://mirrors.aliyun.com/goproxy/`) or on a port keeps it.
    pub fn proxy_base(&self, url: &str, module: Option<&str>) -> String {
        // Go ≤ 1.21 printed some proxy URLs with one slash (`https:/goproxy.cn/…`): the
        // entry to type again has two.
        let url = &match url.split_once(":/") {
            Some((scheme, rest)) if !rest.starts_with('/') => format!("{scheme}://{rest}"),
            _ => url.to_owned(),
        };
        let pasted = proxy::parse(self.goproxy())
            .unwrap_or_default()
            .into_iter()
            .find_map(|entry| match entry {
                proxy::ProxyEntry::Url { url: base, .. } => {
                    let trimmed = base.trim_end_matches('/');
                    let rest = url.strip_prefix(trimmed)?;
                    rest.starts_with('/').then(|| trimmed.to_owned())
                }
                _ => None,
            });
        if let Some(base) = pasted {
            return base;
        }
        if let Some(module) = module {
            let escaped = format!("/{}/@", gmd_semantics::module::escape(module));
            if let Some(at) = url.find(&escaped) {
                return url[..at].to_owned();
            }
        }
        let (scheme, rest) = url.split_once("://").unwrap_or(("https", url));
        format!("{scheme}://{}", rest.split('/').next().unwrap_or_default())
    }

    /// GOPRIVATE, and GONOPROXY / GONOSUMDB defaulting to it, as cmd/go reads them.
    pub fn goprivate(&self) -> &str {
        self.env.value_or_empty("GOPRIVATE")
    }

    /// Whether the user declared `module` private: a GOPRIVATE or GONOPROXY pattern covers it.
    pub fn declared_private(&self, module: &str) -> bool {
        gmd_semantics::pattern::match_prefix_patterns(self.goprivate(), module)
            || gmd_semantics::pattern::match_prefix_patterns(self.gonoproxy(), module)
    }

    pub fn gonoproxy(&self) -> &str {
        match self.env.value("GONOPROXY") {
            Some(v) if !v.is_empty() => v,
            _ => self.goprivate(),
        }
    }

    pub fn gonosumdb(&self) -> &str {
        match self.env.value("GONOSUMDB") {
            Some(v) if !v.is_empty() => v,
            _ => self.goprivate(),
        }
    }

    /// The go.mod requirement of `module`, if any.
    pub fn required_version(&self, module: &str) -> Option<&str> {
        self.gomod.as_ref()?.require(module).map(|r| r.version.value.as_str())
    }
}

/// Whether a host serves public modules for everyone (a public mirror).
pub fn is_public_proxy(host: &str) -> bool {
    proxy::known_mirror(host).is_some()
}

/// A 404 or 410 from a public mirror or checksum database whose `server response:` says the
/// server itself could not reach a public origin (`Failed to connect to github.com port 443`):
/// the outage is on the server's side, not the module's nor the user's.
pub fn server_could_not_reach_origin(event: &gmd_golog::Event) -> bool {
    let gmd_golog::EventKind::HttpStatus {
        host,
        status: 404 | 410,
        response,
        ..
    } = &event.kind
    else {
        return false;
    };
    let lower = response.to_ascii_lowercase();
    let network = [
        "failed to connect to",
        "connection refused",
        "connection timed out",
        "i/o timeout",
        "tls handshake timeout",
        "connection reset",
    ]
    .iter()
    .any(|n| lower.contains(n));
    let public_server = is_public_proxy(host) || matches!(host.as_str(), "sum.golang.org" | "sum.golang.google.cn");
    network && public_server && event.module.as_deref().is_some_and(is_public_host) && !response_says_private(response)
}

/// Whether a module path is on a host the public proxies can normally fetch from.
pub fn is_public_host(module: &str) -> bool {
    let host = module.split('/').next().unwrap_or_default();
    proxy::PUBLIC_CODE_HOSTS.contains(&host) || host.ends_with(".github.io")
}

/// Whether a module path's host looks internal (a company or private network host).
pub fn looks_internal(module: &str) -> bool {
    let host = module.split('/').next().unwrap_or_default().to_ascii_lowercase();
    // A host the paste's redaction masked (`<host-1>`): its name is hidden, not its kind.
    if host.starts_with("<host-") {
        return false;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let internal_words = [
        "corp", "internal", "intranet", "local", "lan", "private", "git", "gitlab", "gitea", "gerrit", "scm",
    ];
    !is_public_host(module)
        && (labels.len() < 2
            || host.parse::<std::net::Ipv4Addr>().is_ok()
            || labels.iter().any(|l| internal_words.contains(l))
            || host.ends_with(".local")
            || host.ends_with(".internal"))
}

/// What a public proxy's `server response:` says when it could not fetch a module that
/// exists somewhere it cannot see (private repository, internal host).
pub fn response_says_private(response: &str) -> bool {
    let lower = response.to_ascii_lowercase();
    [
        "terminal prompts disabled",
        "could not read username",
        "unrecognized import path",
        "no such host",
        "permission denied",
        "authentication required",
        "invalid username or password",
    ]
    .iter()
    .any(|needle| lower.contains(needle))
}

/// The GOPRIVATE pattern that covers `module`: the organisation on a public code host
/// (`github.com/acme-corp`), else the host (`git.corp.example`).
pub fn suggested_private_pattern(module: &str) -> String {
    let mut parts = module.split('/');
    let host = parts.next().unwrap_or_default();
    match (is_public_host(module), parts.next()) {
        (true, Some(org)) => format!("{host}/{org}"),
        _ => host.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_reads_every_part() {
        let facts = Facts::new(
            "$ go version\ngo version go1.22.1 linux/amd64\nGOPROXY='https://goproxy.cn,direct'\nGOPRIVATE='git.corp.example'\n\nmodule example.com/app\n\nrequire github.com/x/y v1.0.0\n\ngo: github.com/x/y@v1.0.0: module lookup disabled by GOPROXY=off\n",
        );
        assert_eq!(facts.go_version.as_deref(), Some("1.22.1"));
        assert_eq!(facts.goproxy(), "https://goproxy.cn,direct");
        assert_eq!(
            (facts.gonoproxy(), facts.gonosumdb()),
            ("git.corp.example", "git.corp.example")
        );
        assert_eq!(facts.required_version("github.com/x/y"), Some("v1.0.0"));
        assert_eq!(facts.events.len(), 1);
        assert_eq!(facts.events_evidence(&facts.events)[0].line, 10);
        assert_eq!(Facts::new("").goproxy(), "https://proxy.golang.org,direct");
    }

    #[test]
    fn module_hosts() {
        assert!(looks_internal("git.corp.example/platform/auth"));
        assert!(looks_internal("gitlab.mycompany.com/team/x"));
        assert!(looks_internal("10.1.2.3/x"));
        assert!(looks_internal("intranet/x"));
        assert!(!looks_internal("github.com/acme-corp/billing"));
        assert!(!looks_internal("golang.org/x/text"));
        assert_eq!(
            suggested_private_pattern("github.com/acme-corp/billing"),
            "github.com/acme-corp"
        );
        assert_eq!(
            suggested_private_pattern("git.corp.example/platform/auth"),
            "git.corp.example"
        );
        assert!(response_says_private(
            "fatal: could not read Username for 'https://github.com': terminal prompts disabled"
        ));
        assert!(!response_says_private(
            "not found: module x: no matching versions for query \"latest\""
        ));
    }
}
