//! One attribution: which cause answers for a failure whose cause is not in its own words — an
//! HTTP status from a module proxy or a checksum database, git saying a repository is not found
//! or asking for credentials — decided here and only here. The rules say what is theirs to say
//! (message, explanation, fixes) for the events this table gives them; none asks another.
//!
//! An answer is keyed by the request's role (read from its URL: a proxy's `@v/list`, `.info`,
//! `.mod`, `.zip`, `@latest`; a checksum database's `lookup`, `tile`, `supported`; a database
//! reached through a proxy), the answer (status, what the server's `server response:` says, read
//! through the go command's error catalogue) and the context (the server: a public mirror, the
//! Go team's database, a proxy of the user's own; the module: declared private, internal-looking,
//! on a public code host). The rows of [`ROWS`] are tried in order; the first that applies owns
//! the event. Each cites the behaviour it relies on.

use crate::facts::{
    Facts, is_public_host, is_public_proxy, looks_internal, response_says_private, server_could_not_reach_origin,
};
use crate::finding::Cause;
use gmd_golog::{Event, EventKind, NetError, Target};

/// What a request was for, read from its URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// `<proxy>/<module>/@v/list`, `@latest`, `.info`, `.mod`: what versions exist, which one.
    ProxyQuery,
    /// `<proxy>/<module>/@v/<version>.zip`: the content, asked last.
    ProxyZip,
    /// `<proxy>/sumdb/<db>/supported`.
    SumdbSupported,
    /// `<db>/lookup/<module>@<version>`: one module's hashes.
    SumdbLookup,
    /// `<db>/tile/…`, `<db>/latest`: the log's own data, which names no module.
    SumdbTile,
    Other,
}

impl Role {
    fn of(target: Target, url: &str, host: &str) -> Role {
        match target {
            // A URL cut from the paste before its path says more: on a mirror's host, or on a
            // website GOPROXY names by mistake, the request was for a module.
            Target::Other if is_public_proxy(host) || gmd_semantics::proxy::is_website(host) => Role::ProxyQuery,
            Target::ModuleProxy if url.ends_with(".zip") => Role::ProxyZip,
            Target::ModuleProxy => Role::ProxyQuery,
            Target::SumdbSupported => Role::SumdbSupported,
            Target::ChecksumDb if url.contains("/tile/") || url.ends_with("/latest") => Role::SumdbTile,
            // A lookup, or a request whose URL the paste hid (`verifying …: reading <…>`).
            Target::ChecksumDb => Role::SumdbLookup,
            _ => Role::Other,
        }
    }
}

/// An HTTP answer of a proxy or a checksum database, typed.
pub(crate) struct Answer<'e> {
    pub event: &'e Event,
    pub role: Role,
    pub host: &'e str,
    pub status: u16,
    pub response: &'e str,
    pub module: &'e str,
    /// A checksum database reached through a proxy (`https://<proxy>/sumdb/<db>/…`).
    pub proxied: bool,
    /// For a 404/410, the cause of the module's content the server's response quotes.
    pub content: Option<Cause>,
}

impl<'e> Answer<'e> {
    /// `contents`: the content causes of the responses read already.
    fn of(event: &'e Event, contents: &Contents) -> Option<Answer<'e>> {
        let EventKind::HttpStatus {
            url,
            host,
            target,
            status,
            response,
        } = &event.kind
        else {
            return None;
        };
        let proxied = url
            .split("/sumdb/")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .is_some_and(|db| db != host);
        Some(Answer {
            event,
            role: Role::of(*target, url, host),
            host,
            status: *status,
            response,
            module: event.module.as_deref().unwrap_or_default(),
            proxied,
            content: match status {
                404 | 410 => contents.get(response).unwrap_or_else(|| content_cause(response)),
                _ => None,
            },
        })
    }

    fn not_found(&self) -> bool {
        matches!(self.status, 404 | 410)
    }

    fn on_proxy(&self) -> bool {
        matches!(self.role, Role::ProxyQuery | Role::ProxyZip)
    }

    fn on_database(&self) -> bool {
        matches!(self.role, Role::SumdbLookup | Role::SumdbTile)
    }

    /// The Go team's checksum database, or a public mirror (which also serves it).
    fn public_server(&self) -> bool {
        is_public_proxy(self.host) || matches!(self.host, "sum.golang.org" | "sum.golang.google.cn")
    }
}

/// Which row decided: the rules that own several rows say each in its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reason {
    /// The server's response quotes the go command's error about the module's content.
    Content,
    /// The server could not reach the module's origin.
    OriginUnreachable,
    /// A 5xx, or `fetch timed out`.
    ServerFailed,
    /// A 401/407 in the name of a server that never asks for credentials.
    InTheWay,
    /// A proxy of one's own asks for credentials.
    Credentials,
    /// A missing tile of the checksum database, through a mirror or not.
    MissingTile,
    /// A third-party checksum database that knows no public module.
    ThirdPartyDatabase,
    /// The checksum database does not know the module.
    NotInDatabase,
    /// A mirror that lags or lost a version.
    Stale,
    /// A public mirror that cannot see a private module.
    Private,
    /// No such module.
    NotFound,
    /// A proxy of one's own that does not serve a module it is there for.
    SelfHosted,
    /// The repository exists, the version does not.
    NoSuchVersion,
    /// GOPROXY names a website, not a module proxy.
    NotAProxy,
    /// A public mirror refuses every module of one origin: it cannot fetch from there.
    OriginRefused,
}

/// One row of the table.
#[derive(Debug)]
pub(crate) struct Row {
    pub cause: Cause,
    pub reason: Reason,
    /// The behaviour of the go command or of the servers the row relies on: for the reader of
    /// the table (the tests check each row has one).
    #[cfg_attr(not(test), allow(dead_code))]
    pub because: &'static str,
    pub applies: fn(&Context<'_, '_>, &Answer<'_>) -> bool,
}

/// The table, tried in order.
pub(crate) const ROWS: &[Row] = &[
    Row {
        cause: Cause::GoproxyEnvMalformed,
        reason: Reason::NotAProxy,
        because: "a website (pkg.go.dev, a code host's pages) does not speak the GOPROXY protocol: whatever it answers a `/@v/` request, GOPROXY names the wrong server",
        applies: |_, a| a.on_proxy() && gmd_semantics::proxy::is_website(a.host),
    },
    Row {
        cause: Cause::ModuleZipInvalid,
        reason: Reason::Content,
        because: "proxy.golang.org and sum.golang.org answer 404/410 `not found: <error>` with the go command's own error when they could not make the module; a content error (zip, version, go.mod, path) is the module's, wherever it is asked",
        applies: |_, a| a.content == Some(Cause::ModuleZipInvalid),
    },
    Row {
        cause: Cause::InvalidVersion,
        reason: Reason::Content,
        because: "as above: the server's go command refused the version",
        applies: |_, a| a.content == Some(Cause::InvalidVersion),
    },
    Row {
        cause: Cause::ModulePathMismatch,
        reason: Reason::Content,
        because: "as above: the module's go.mod declares another path",
        applies: |_, a| a.content == Some(Cause::ModulePathMismatch),
    },
    Row {
        cause: Cause::GoModSyntaxError,
        reason: Reason::Content,
        because: "as above: the module's go.mod does not parse",
        applies: |_, a| a.content == Some(Cause::GoModSyntaxError),
    },
    Row {
        cause: Cause::ProxyServerError,
        reason: Reason::OriginUnreachable,
        because: "a public server's 404/410 whose response says it could not connect to a public origin: the outage is on its side",
        applies: |_, a| server_could_not_reach_origin(a.event),
    },
    Row {
        cause: Cause::ProxyServerError,
        reason: Reason::ServerFailed,
        because: "a 5xx, or proxy.golang.org's `fetch timed out`, is the proxy failing; under `,` the go command stops at it (modfetch/proxy.go: only 404 and 410 fall through)",
        applies: |_, a| {
            matches!(a.role, Role::ProxyQuery | Role::ProxyZip | Role::SumdbSupported)
                && (a.status >= 500 || a.response.contains("fetch timed out"))
        },
    },
    Row {
        cause: Cause::SumdbUnreachable,
        reason: Reason::ServerFailed,
        because: "a checksum database that answers 5xx is failing",
        applies: |_, a| a.on_database() && a.status >= 500,
    },
    Row {
        cause: Cause::HttpProxyMisconfigured,
        reason: Reason::InTheWay,
        because: "public mirrors and the Go team's database never ask for credentials: a 401 or 407 in their name comes from a proxy on the way (a corporate web gateway)",
        applies: |_, a| matches!(a.status, 401 | 407) && a.public_server(),
    },
    Row {
        cause: Cause::GitAuthRequired,
        reason: Reason::Credentials,
        because: "a proxy of the user's own (Athens, Artifactory, Nexus) that answers 401/403/407 wants credentials, which the go command sends from .netrc or GOAUTH",
        applies: |_, a| matches!(a.status, 401 | 403 | 407) && a.on_proxy() && !is_public_proxy(a.host),
    },
    Row {
        cause: Cause::ProxyServerError,
        reason: Reason::MissingTile,
        because: "a tile names no module, so a missing tile is never a private module's: a mirror serving the database (`<proxy>/sumdb/<db>/tile/…`) is stale",
        applies: |_, a| a.role == Role::SumdbTile && a.not_found() && a.proxied,
    },
    Row {
        cause: Cause::SumdbUnreachable,
        reason: Reason::MissingTile,
        because: "as above, from the database itself: it is broken",
        applies: |_, a| a.role == Role::SumdbTile && a.not_found(),
    },
    Row {
        cause: Cause::SumdbUnreachable,
        reason: Reason::ThirdPartyDatabase,
        because: "a third-party checksum database (not the Go team's, not a mirror's) that finds no record for a module on a public code host, without saying it cannot see it, is the one failing",
        applies: |_, a| {
            a.role == Role::SumdbLookup
                && a.not_found()
                && !a.public_server()
                && is_public_host(a.module)
                && !response_says_private(a.response)
        },
    },
    Row {
        cause: Cause::PrivateModuleSumdbLookup,
        reason: Reason::NotInDatabase,
        because: "the checksum database only knows public modules: a lookup it answers 404/410 is for a module it cannot see (GONOSUMDB, or GOPRIVATE, would have skipped it)",
        applies: |_, a| a.role == Role::SumdbLookup && a.not_found(),
    },
    Row {
        cause: Cause::ProxyServerError,
        reason: Reason::Stale,
        because: "a mirror that lacks a released version go.mod requires, or the zip of a version whose go.mod it served (the go command asks for the zip last), lags or lost it",
        applies: |facts, a| a.on_proxy() && a.not_found() && is_stale(facts, a),
    },
    Row {
        cause: Cause::ProxyServerError,
        reason: Reason::OriginRefused,
        because: "a public mirror that refuses several modules of one origin host off the public code hosts, at the exact versions asked for, cannot fetch from that origin (it is down or blocks the mirror); one module missing would be the module's",
        applies: |facts, a| a.on_proxy() && a.not_found() && is_public_proxy(a.host) && origin_refused(facts, a),
    },
    Row {
        cause: Cause::PrivateModuleViaPublicProxy,
        reason: Reason::Private,
        because: "a public mirror cannot read a private repository or resolve an internal host: its 404/410 says so, or the module's host is internal",
        applies: |facts, a| {
            a.on_proxy()
                && a.not_found()
                && is_public_proxy(a.host)
                && (response_says_private(a.response) || !a.module.is_empty() && looks_internal(a.module))
                && !needed_by_public_module(facts, a.event)
        },
    },
    Row {
        cause: Cause::ModuleNotFound,
        reason: Reason::NotFound,
        because: "a public mirror that finds no version of a module nobody declared private, on a host that is not internal: its own words say so, or (before Go 1.13, or cut from the paste) it says nothing more than the status",
        applies: |facts, a| {
            a.on_proxy()
                && a.not_found()
                && is_public_proxy(a.host)
                && (a.response.contains("no matching versions")
                    || a.response.to_ascii_lowercase().contains("repository not found")
                    || a.response.trim().is_empty() && !a.module.is_empty() && !facts.declared_private(a.module)
                    || needed_by_public_module(facts, a.event))
        },
    },
    Row {
        cause: Cause::ModuleNotFound,
        reason: Reason::NotFound,
        because: "Go ≤ 1.12's `unexpected status (URL)` and the `reading URL:` frame report an answer, not a transport error: a public mirror's answer to what versions a public module has, its status cut from the paste, is most often that there are none",
        applies: |facts, a| {
            a.role == Role::ProxyQuery
                && a.status == 0
                && is_public_proxy(a.host)
                && !a.module.is_empty()
                && !looks_internal(a.module)
                && !facts.declared_private(a.module)
        },
    },
    Row {
        cause: Cause::ProxyServerError,
        reason: Reason::SelfHosted,
        because: "a proxy of the user's own (on this machine, the local network, an internal name) that answers 404/410 for a module off the public code hosts — what it is there to serve — is not serving it",
        applies: |facts, a| {
            a.on_proxy()
                && a.not_found()
                && !is_public_proxy(a.host)
                && !a.module.is_empty()
                && !is_public_host(a.module)
                && (self_hosted(a.host) || facts.declared_private(a.module) || looks_internal(a.module))
                && !a.response.contains("unknown revision")
        },
    },
    Row {
        cause: Cause::UnknownRevision,
        reason: Reason::NoSuchVersion,
        because: "a proxy's `unknown revision` response: the repository exists, the version does not",
        applies: |_, a| a.response.contains("unknown revision"),
    },
];

/// The cause the module's own content gives, when a server's response quotes the go command's
/// error about it (`not found: create zip: …: malformed file path …`).
fn content_cause(response: &str) -> Option<Cause> {
    let first = response.lines().next().unwrap_or_default().trim();
    let error = first.strip_prefix("not found:").unwrap_or(first).trim();
    let cause = Cause::from_code(gmd_golog::catalogue::read(error).cause()?)?;
    matches!(
        cause,
        Cause::ModuleZipInvalid | Cause::InvalidVersion | Cause::ModulePathMismatch | Cause::GoModSyntaxError
    )
    .then_some(cause)
}

/// Whether several modules of `a`'s origin host (not a public code host, not internal) are
/// refused by the same public mirror, each at the version asked for.
fn origin_refused(context: &Context<'_, '_>, a: &Answer<'_>) -> bool {
    !a.module.is_empty()
        && !is_public_host(a.module)
        && !looks_internal(a.module)
        && !context.declared_private(a.module)
        && context
            .table
            .refused_origins
            .contains(&origin_key(a.host, origin(a.module)))
}

/// Whether the module that failed was needed by another module that is public: the import
/// stack the go command prints above the error (`M imports`, `P tested by`) names the package
/// that imports it, and a public module's own imports are public (its users could not build
/// it otherwise), so what the mirror lacks is missing, not private.
fn needed_by_public_module(facts: &Facts<'_>, event: &Event) -> bool {
    let Some(module) = event.module.as_deref() else {
        return false;
    };
    let main = facts
        .gomod
        .as_ref()
        .and_then(|m| m.module.as_ref())
        .map(|m| m.value.as_str());
    // The line above the error; the stack's first line (not indented) is the main module's.
    let importer = (1..=event.line.min(4)).find_map(|back| {
        let raw = facts.split.line(event.line - back);
        let text = raw.trim();
        let package = text
            .strip_suffix(" imports")
            .or_else(|| text.strip_suffix(" tested by"))?;
        Some((
            raw.starts_with([' ', '\t']),
            package.trim_end_matches(".test").to_owned(),
        ))
    });
    importer.is_some_and(|(indented, package)| {
        let own = main.is_some_and(|m| package == m || package.starts_with(&format!("{m}/")));
        // A dependency's package (loaded, so fetched: through the public mirror unless declared
        // private) on a public code host, not a package of the module that failed.
        indented
            && !own
            && is_public_host(&package)
            && !package.starts_with(&format!("{module}/"))
            && !facts.declared_private(&package)
    })
}

/// A server on this machine or the local network, or with an internal name.
fn self_hosted(host: &str) -> bool {
    let ip = host.trim_start_matches('[').trim_end_matches(']');
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(v4)) => v4.is_loopback() || v4.is_private() || v4.is_link_local(),
        Ok(std::net::IpAddr::V6(v6)) => v6.is_loopback() || (v6.segments()[0] & 0xfe00) == 0xfc00,
        // A proxy whose name the paste's redaction masked is not a public mirror (their names
        // are never masked): it is the user's own.
        Err(_) => host == "localhost" || host.starts_with("<host-") || looks_internal(host),
    }
}

/// A mirror's 404 for a released version that go.mod already requires, or for the zip of a
/// public module's version: the mirror lags or lost it. proxy.golang.org is the reference.
fn is_stale(facts: &Facts<'_>, a: &Answer<'_>) -> bool {
    let Some(version) = a.event.version.as_deref() else {
        return false;
    };
    let required =
        !gmd_semantics::module::is_pseudo_version(version) && facts.required_version(a.module) == Some(version);
    let zip = a.role == Role::ProxyZip && is_public_host(a.module);
    a.host != "proxy.golang.org"
        && (is_public_proxy(a.host) || zip)
        && !response_says_private(a.response)
        && (required || zip)
}

/// What the table decided for a paste: computed once (rules ask about every event).
#[derive(Debug)]
pub(crate) struct Decided {
    /// For each event of `Facts::events`, the row that decided it (answers) and its owner.
    owners: Vec<(Option<&'static Row>, Option<Cause>)>,
    /// `(mirror, origin host)` pairs where the public mirror refused several modules
    /// ([`origin_key`]).
    refused_origins: gmd_order::Positions,
    /// The content cause each distinct 404/410 response quotes (logs repeat them).
    contents: Contents,
}

/// The key of a `(mirror, origin host)` pair.
fn origin_key(mirror: &str, origin: &str) -> String {
    format!("{mirror} {origin}")
}

/// The content cause of each distinct 404/410 response read.
#[derive(Debug, Default)]
struct Contents {
    responses: gmd_order::Positions,
    causes: Vec<Option<Cause>>,
}

impl Contents {
    fn get(&self, response: &str) -> Option<Option<Cause>> {
        self.responses.get(response).map(|at| self.causes[at])
    }
}

fn decided<'f>(facts: &'f Facts<'_>) -> &'f Decided {
    facts.attribution.get_or_init(|| {
        // Each (mirror, origin) pair's refused modules.
        let (mut pairs, mut refused) = (gmd_order::Positions::new(), Vec::<Vec<&str>>::new());
        for e in &facts.events {
            // (A status cut from the paste, 0, is an answer of the same server all the same.)
            if let (
                EventKind::HttpStatus {
                    host,
                    status: 0 | 404 | 410,
                    ..
                },
                Some(module),
                Some(_),
            ) = (&e.kind, e.module.as_deref(), &e.version)
            {
                let at = pairs.get_or_insert(&origin_key(host, origin(module)), refused.len());
                if at == refused.len() {
                    refused.push(Vec::new());
                }
                let modules = &mut refused[at];
                if !modules.contains(&module) {
                    modules.push(module);
                }
            }
        }
        let mut refused_origins = gmd_order::Positions::new();
        for (pair, at) in pairs.iter().filter(|(_, at)| refused[*at].len() >= 2) {
            refused_origins.get_or_insert(pair, at);
        }
        let mut contents = Contents::default();
        for e in &facts.events {
            if let EventKind::HttpStatus {
                status: 404 | 410,
                response,
                ..
            } = &e.kind
                && !contents.responses.contains(response)
            {
                contents.responses.get_or_insert(response, contents.causes.len());
                contents.causes.push(content_cause(response));
            }
        }
        let mut table = Decided {
            owners: Vec::new(),
            refused_origins,
            contents,
        };
        table.owners = facts.events.iter().map(|e| decide(facts, &table, e)).collect();
        table
    })
}

/// The host of a module path.
fn origin(module: &str) -> &str {
    module.split('/').next().unwrap_or_default()
}

/// Where `event` is in `facts.events`, when it is one of them.
fn index(facts: &Facts<'_>, event: &Event) -> Option<usize> {
    let size = std::mem::size_of::<Event>().max(1);
    let offset = (event as *const Event as usize).checked_sub(facts.events.as_ptr() as usize)?;
    let i = offset / size;
    (offset % size == 0 && facts.events.get(i).is_some_and(|e| std::ptr::eq(e, event))).then_some(i)
}

/// The row that decides an HTTP answer of a proxy or a checksum database.
pub(crate) fn row(facts: &Facts<'_>, event: &Event) -> Option<&'static Row> {
    match index(facts, event) {
        Some(i) => decided(facts).owners[i].0,
        None => decide(facts, decided(facts), event).0,
    }
}

/// The cause that answers for `event`, when it is a failure the table decides.
pub(crate) fn owner(facts: &Facts<'_>, event: &Event) -> Option<Cause> {
    match index(facts, event) {
        Some(i) => decided(facts).owners[i].1,
        None => decide(facts, decided(facts), event).1,
    }
}

/// The table applied to one event.
fn decide(facts: &Facts<'_>, table: &Decided, event: &Event) -> (Option<&'static Row>, Option<Cause>) {
    if let Some(answer) = Answer::of(event, &table.contents) {
        let context = Context { facts, table };
        let row = ROWS.iter().find(|row| (row.applies)(&context, &answer));
        return (row, row.map(|r| r.cause));
    }
    let cause = match &event.kind {
        EventKind::Fetch { .. } if proxied_sumdb_broke(event) => Some(Cause::ProxyServerError),
        // A third-party checksum database (not the Go team's) that disagrees with the download:
        // sum.golang.org is the record, and a database of its own that differs from it is the
        // one failing (the go command prints the database's name under `downloaded:`).
        EventKind::ChecksumMismatch { against, .. } if third_party_database(against) => Some(Cause::SumdbUnreachable),
        EventKind::ChecksumMismatch { .. } => Some(Cause::ChecksumMismatch),
        EventKind::UnknownRevision { revision } if repository_root_too_short(facts, event, revision) => {
            Some(Cause::GoImportMetaFailure)
        }
        EventKind::UnknownRevision { .. } => Some(Cause::UnknownRevision),
        EventKind::RepositoryNotFound { .. } | EventKind::GitDns { .. } if is_parent_path_probe(event) => {
            Some(Cause::UnknownRevision)
        }
        EventKind::RepositoryNotFound { .. } if not_found_means_no_access(facts, event) => Some(Cause::GitAuthRequired),
        EventKind::RepositoryNotFound { .. } => Some(Cause::ModuleNotFound),
        EventKind::GitAuth { .. } if prompt_means_missing(facts, event) => Some(Cause::ModuleNotFound),
        EventKind::GitAuth { .. } => Some(Cause::GitAuthRequired),
        _ => None,
    };
    (None, cause)
}

/// What a row may look at: the paste's facts, and what the table gathered from all of it.
pub(crate) struct Context<'f, 'a> {
    facts: &'f Facts<'a>,
    table: &'f Decided,
}

impl<'a> std::ops::Deref for Context<'_, 'a> {
    type Target = Facts<'a>;
    fn deref(&self) -> &Facts<'a> {
        self.facts
    }
}

/// Whether the go command looked for the version in a subdirectory of a repository rooted above
/// the module, named by the module's own last element: `reading P/E/go.mod at revision E/v1.0.0`
/// for a module `P` that ends in `/E` (modfetch/coderepo.go: the code root, the subdirectory's
/// go.mod, a tag prefixed with the subdirectory). The go-import answer gave a shorter repository
/// root than the module's (GitLab answers so for a subgroup's path to an unauthenticated
/// request), so the module looks like a subdirectory of it.
fn repository_root_too_short(facts: &Facts<'_>, event: &Event, revision: &str) -> bool {
    let (Some(module), Some((subdir, _))) = (event.module.as_deref(), revision.rsplit_once('/')) else {
        return false;
    };
    let line = facts.split.line(event.line);
    module.ends_with(&format!("/{subdir}")) && line.contains(&format!("{module}/{subdir}/go.mod"))
}

/// A checksum database named in a mismatch that is not the Go team's (`go.sum` and the unnamed
/// database are the user's own record and the default).
pub(crate) fn third_party_database(name: &str) -> bool {
    !matches!(
        name,
        "go.sum" | "checksum database" | "sum.golang.org" | "sum.golang.google.cn"
    )
}

/// A checksum-database request made through a proxy (`https://<proxy>/sumdb/<db>/…`) that the
/// proxy cut off mid-way (reset, EOF, an HTTP/2 connection closed): the proxy fails, not the
/// database.
pub(crate) fn proxied_sumdb_broke(event: &Event) -> bool {
    let EventKind::Fetch {
        target: Target::ChecksumDb,
        url,
        host,
        error: NetError::TcpReset | NetError::Eof | NetError::UnexpectedEof,
    } = &event.kind
    else {
        return false;
    };
    url.split("/sumdb/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .is_some_and(|db| db != host)
}

/// After a version is missing from a repository, the go command also tries the shorter paths
/// above the module (`example.com/a` for `example.com/a/b@v1.3.0`) and reports the last failure:
/// `repository 'https://example.com/a.git/' not found`. The module exists; the version does not.
pub(crate) fn is_parent_path_probe(event: &Event) -> bool {
    // Go ≤ 1.23 probes the bare host too, as the repository `https://<host>.git/`: a name that
    // cannot resolve.
    if let (EventKind::GitDns { host }, Some(module)) = (&event.kind, &event.module) {
        let first = module.split('/').next().unwrap_or_default();
        return module.contains('/') && host.strip_suffix(".git") == Some(first);
    }
    let (EventKind::RepositoryNotFound { url }, Some(module)) = (&event.kind, &event.module) else {
        return false;
    };
    let probed = url
        .split_once("://")
        .map_or(url.as_str(), |(_, rest)| rest)
        .trim_end_matches('/')
        .trim_end_matches(".git");
    !probed.is_empty()
        && module.len() > probed.len()
        && module.starts_with(probed)
        && module.as_bytes()[probed.len()] == b'/'
}

/// Whether git's `Repository not found` means the credentials in use cannot see the
/// repository: a public code host answers so for a private repository it will not show, and
/// the user declared the module private, so it exists.
fn not_found_means_no_access(facts: &Facts<'_>, event: &Event) -> bool {
    let (EventKind::RepositoryNotFound { .. }, Some(module)) = (&event.kind, &event.module) else {
        return false;
    };
    is_public_host(module) && facts.declared_private(module)
}

/// Whether git's request for credentials most likely means the repository does not exist:
/// a public code host answers 401 for a missing repository as for a private one, and the
/// module is not one the user declared private (`GOPRIVATE`, `GONOPROXY`).
pub(crate) fn prompt_means_missing(facts: &Facts<'_>, event: &Event) -> bool {
    let EventKind::GitAuth { host } = &event.kind else {
        return false;
    };
    let Some(module) = &event.module else {
        return false;
    };
    // HTTPS asking for a user name; an SSH key refused is a credentials problem.
    let line = facts.split.line(event.line).to_ascii_lowercase();
    if !(line.contains("terminal prompts disabled") || line.contains("could not read username")) {
        return false;
    }
    let on_public_host = is_public_host(module) && (host.is_empty() || module.starts_with(host.as_str()));
    on_public_host && !facts.declared_private(module)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `check(log, cause)`: the owner of the log's first event.
    fn check(log: &str, expected: Option<Cause>) {
        let facts = Facts::new(log);
        let event = facts.events.first().unwrap_or_else(|| panic!("no event in {log}"));
        assert_eq!(owner(&facts, event), expected, "{log}\n{event:?}");
    }

    #[test]
    fn each_answer_has_one_owner() {
        let get = |url: &str, status: &str| format!("go: github.com/a/b@v1.0.0: reading {url}: {status}\n");
        check(
            &get(
                "https://proxy.golang.org/github.com/a/b/@v/v1.0.0.info",
                "502 Bad Gateway",
            ),
            Some(Cause::ProxyServerError),
        );
        check(
            &get(
                "https://goproxy.io/github.com/a/b/@v/v1.0.0.info",
                "401 authenticationrequired",
            ),
            Some(Cause::HttpProxyMisconfigured),
        );
        check(
            &get(
                "https://athens.corp.example/github.com/a/b/@v/v1.0.0.info",
                "401 Unauthorized",
            ),
            Some(Cause::GitAuthRequired),
        );
        check(
            &get("https://goproxy.io/sumdb/sum.golang.org/tile/8/1/237", "404 Not Found"),
            Some(Cause::ProxyServerError),
        );
        check(
            &get("https://sum.golang.org/lookup/git.corp.example/a@v1.0.0", "410 Gone"),
            Some(Cause::PrivateModuleSumdbLookup),
        );
        check(
            &get("https://gosum.io/lookup/github.com/a/b@v1.0.0", "404 Not Found"),
            Some(Cause::SumdbUnreachable),
        );
        check(
            &get("https://proxy.golang.org/github.com/a/b/@v/list", "404 Not Found"),
            Some(Cause::ModuleNotFound),
        );
        check(
            "go: git.corp.example/a@v1.0.0: reading https://proxy.golang.org/git.corp.example/a/@v/v1.0.0.info: 404 Not Found\n",
            Some(Cause::PrivateModuleViaPublicProxy),
        );
        check(
            "go: git.corp.example/a@v1.0.0: reading http://127.0.0.1:8081/git.corp.example/a/@v/list: 404 Not Found\n",
            Some(Cause::ProxyServerError),
        );
        check(
            "go: github.com/a/b@v1.0.0: verifying go.mod: github.com/a/b@v1.0.0/go.mod: reading https://sum.golang.org/lookup/github.com/a/b@v1.0.0: 410 Gone\n\tserver response: not found: create zip: a'b.md: malformed file path \"a'b.md\": invalid char '\\''\n",
            Some(Cause::ModuleZipInvalid),
        );
    }

    #[test]
    fn every_row_cites_what_it_relies_on() {
        for row in ROWS {
            assert!(row.because.len() > 20, "{:?}", row.cause);
        }
    }
}
