//! Reading one line into events: a short list of readers, each for one family of the go
//! command's reports (a request and its answer, the checksum database, the settings, the
//! toolchain, go.mod, versions, packages, replacements, zips, git's relayed words, the
//! neighbours of a build, the module cache), asked in order until one reads the line.
//!
//! A line a reader does not know passes to the next; a line no reader knows is left to the error
//! catalogue ([`crate::catalogue`]), which reads every failing line the go command can print.

use std::cell::OnceCell;

use crate::scan::{Line, Needle, find};
use crate::{
    CUT_OFF, CacheTrouble, Event, EventKind, Neighbour, NetError, Target, after_go, cache_path, gomod_position,
    host_of, module_cache_path, module_of_url, net, quoted, quoted_host, request, target_of,
};

/// The line being read: its text, its byte pairs, its lower case (made when first asked) and
/// the module and version it concerns.
pub(crate) struct At<'a> {
    number: usize,
    text: &'a str,
    line: &'a Line,
    module: Option<String>,
    version: Option<String>,
    lower: OnceCell<String>,
}

/// What a reader made of a line.
pub(crate) enum Read {
    /// Not a line of this reader's family: the next reader is asked.
    Pass,
    /// Read: its events are pushed.
    Done,
    /// An answer's status, which may own the `server response:` lines below it.
    Status(Event),
}

type Reader = fn(&At, &mut Vec<Event>) -> Read;

/// The readers, in the order they are asked: the more specific family first. (Each is
/// `#[inline(never)]`: the compiler otherwise unrolls this table into one large function, which
/// measured 4% slower on the analysis bench.)
const READERS: &[Reader] = &[
    downloading,
    request_failure,
    transport_on_module,
    transport_alone,
    unrecognized_import_path,
    unexpected_status,
    reading_url,
    checksum_mismatch,
    checksum_line,
    security_error,
    settings,
    toolchain,
    no_secure_protocol,
    path_mismatch,
    revision,
    gomod,
    invalid_version,
    package_lookup,
    replacement,
    gopath_cannot_find,
    zip,
    repo_root_is_group,
    git_relayed,
    executable_missing,
    neighbour_of_build,
    module_cache,
];

/// Reads one line; pushes its events and returns a status event (which may own the following
/// `server response:` lines).
pub(crate) fn read_line(
    number: usize,
    text: &str,
    line: &Line,
    (module, version): (Option<String>, Option<String>),
    events: &mut Vec<Event>,
) -> Option<Event> {
    let at = At {
        number,
        text,
        line,
        module,
        version,
        lower: OnceCell::new(),
    };
    for reader in READERS {
        match reader(&at, events) {
            Read::Pass => {}
            Read::Done => return None,
            Read::Status(event) => return Some(event),
        }
    }
    None
}

impl<'a> At<'a> {
    fn lower(&self) -> &str {
        self.lower.get_or_init(|| self.text.to_ascii_lowercase())
    }

    /// Whether the line holds a phrase of a table.
    #[inline(always)]
    fn holds(&self, needle: &Needle) -> bool {
        self.line.holds(self.text, needle)
    }

    /// Whether the line holds `needle`.
    #[inline(always)]
    fn has(&self, needle: &str) -> bool {
        self.line.has_in(self.text, needle)
    }

    /// Whether the line's lower case holds `needle` (itself in lower case).
    #[inline(always)]
    fn has_lower(&self, needle: &str) -> bool {
        self.line.has_in(self.lower(), needle)
    }

    /// What follows the first `needle` in the line.
    #[inline(always)]
    fn after(&self, needle: &str) -> Option<&'a str> {
        self.line.after_in(self.text, needle)
    }

    /// `needle` in `part`, a text taken from the line.
    #[inline(always)]
    fn has_in(&self, part: &str, needle: &str) -> bool {
        self.line.has_in(part, needle)
    }

    /// An event of this line about its module; a request's own URL names its module when the
    /// line does not.
    fn event(&self, kind: EventKind) -> Event {
        let from_url = match (&self.module, &kind) {
            (None, EventKind::HttpStatus { url, .. } | EventKind::Fetch { url, .. }) => module_of_url(url),
            _ => None,
        };
        let (module, version) = from_url.map_or((self.module.clone(), self.version.clone()), |(m, v)| (Some(m), v));
        Event {
            kind,
            line: self.number,
            more_lines: Vec::new(),
            module,
            version,
        }
    }

    /// Pushes an event of this line: the line is read.
    fn push(&self, events: &mut Vec<Event>, kind: EventKind) -> Read {
        events.push(self.event(kind));
        Read::Done
    }

    /// The latest event of `events` that `is` picks, to which this line adds a detail.
    fn attach<'e>(&self, events: &'e mut [Event], is: fn(&EventKind) -> bool) -> Option<&'e mut Event> {
        let last = events.iter_mut().rev().find(|e| is(&e.kind))?;
        last.more_lines.push(self.number);
        Some(last)
    }
}

/// A failed request to `url`.
fn fetch(url: &str, error: NetError) -> EventKind {
    EventKind::Fetch {
        url: url.to_owned(),
        host: host_of(url),
        target: target_of(url),
        error,
    }
}

/// `go: downloading M v`, `go: downloading go1.22.0 (…)`: progress, not a failure.
#[inline(never)]
fn downloading(at: &At, events: &mut Vec<Event>) -> Read {
    let Some(rest) = at.text.strip_prefix("go: downloading ") else {
        return Read::Pass;
    };
    if let Some(v) = rest.strip_prefix("go").and_then(|v| v.split(' ').next()) {
        return at.push(events, EventKind::ToolchainDownloading { version: v.to_owned() });
    }
    let mut words = rest.split(' ');
    let (m, v) = (words.next().map(str::to_owned), words.next().map(str::to_owned));
    events.push(Event {
        kind: EventKind::Downloading,
        line: at.number,
        more_lines: Vec::new(),
        module: m,
        version: v,
    });
    Read::Done
}

/// Requests that failed in the network: `Get "URL": <error>` (Go ≥ 1.14), `Get URL: <error>`
/// (older), `read "URL": unexpected EOF`, and a URL that starts a line (the verb wrapped away).
#[inline(never)]
fn request_failure(at: &At, events: &mut Vec<Event>) -> Read {
    let Some((url, tail)) = at.has("http").then(|| request(at.text)).flatten() else {
        return Read::Pass;
    };
    // A transport error cut short (`Get "URL": dial tcp` and the paste ends) failed in the
    // network all the same.
    let cut_short = |t: &str| {
        let t = t.trim();
        !t.is_empty()
            && ["dial tcp", "read tcp", "write tcp", "net/http:", "proxyconnect"]
                .iter()
                .any(|p| p.starts_with(t))
    };
    let error = if tail == CUT_OFF || cut_short(tail) {
        Some(NetError::CutOff)
    } else {
        net::classify(tail)
    };
    match error {
        Some(error) if !at.has("unrecognized import path") => {
            events.push(at.event(fetch(url, error)));
            if at.text.starts_with("https fetch failed:") {
                events.push(at.event(EventKind::GopathGet));
            }
            Read::Done
        }
        None if at.has_in(tail, "redirected from secure URL") => at.push(events, EventKind::InsecureRedirect),
        _ => Read::Pass,
    }
}

/// `M@v: read tcp A->B:443: read: connection reset by peer`: a transport error on the module
/// with no URL (old releases lose it on some paths): the request went to the module proxy.
#[inline(never)]
fn transport_on_module(at: &At, events: &mut Vec<Event>) -> Read {
    if at.module.is_none() || at.has("http") {
        return Read::Pass;
    }
    let start = ["dial tcp", "read tcp", "write tcp"]
        .iter()
        .filter_map(|op| at.line.find_in(at.text, op))
        .min();
    let Some(error) = start.and_then(|start| net::classify(&at.text[start..])) else {
        return Read::Pass;
    };
    at.push(
        events,
        EventKind::Fetch {
            url: String::new(),
            host: String::new(),
            target: Target::ModuleProxy,
            error,
        },
    )
}

/// A transport error alone on its line (what came before it was cut off): a name lookup says
/// which host it was for.
#[inline(never)]
fn transport_alone(at: &At, events: &mut Vec<Event>) -> Read {
    let starts = ["dial tcp", "read tcp", "write tcp", "lookup "]
        .iter()
        .any(|op| at.text.starts_with(op));
    if at.module.is_some() || !starts || at.has("http") {
        return Read::Pass;
    }
    let Some(error) = net::classify(at.text) else {
        return Read::Pass;
    };
    let host = at
        .after("lookup ")
        .and_then(|r| r.split([' ', ':']).next())
        .unwrap_or_default()
        .to_owned();
    at.push(
        events,
        EventKind::Fetch {
            url: String::new(),
            host,
            target: Target::Other,
            error,
        },
    )
}

/// `unrecognized import path "P": <why>`: the `?go-get=1` lookup of a path failed.
#[inline(never)]
fn unrecognized_import_path(at: &At, events: &mut Vec<Event>) -> Read {
    let Some(rest) = at.after("unrecognized import path \"") else {
        return Read::Pass;
    };
    let (path, detail) = rest.split_once('"').unwrap_or((rest, ""));
    // Go ≤ 1.12 wraps the cause in parentheses: `(https fetch: Get URL: …)`.
    let detail = detail.trim_end();
    let detail = match detail.trim_start().strip_prefix('(') {
        Some(inner) => inner.strip_suffix(')').unwrap_or(inner),
        None => detail,
    };
    let error = net::classify(detail);
    // The request inside is a failed fetch like any other (its host, its transport error).
    if let (Some((url, _)), Some(error)) = (request(detail), error.clone()) {
        events.push(at.event(fetch(url, error)));
    }
    let status = detail
        .split(": ")
        .filter_map(|part| part.split(' ').next()?.parse::<u16>().ok())
        .find(|s| (400..600).contains(s));
    let no_meta = at.has_in(detail, "no go-import meta tags");
    if at.text.starts_with("package ") {
        events.push(at.event(EventKind::GopathGet));
    }
    at.push(
        events,
        EventKind::UnrecognizedImportPath {
            path: path.to_owned(),
            error,
            status,
            no_meta,
        },
    )
}

/// An answer's status to `url`; 0 when the paste hid or cut it.
fn status(url: &str, host: String, target: Target, status: u16) -> EventKind {
    EventKind::HttpStatus {
        url: url.to_owned(),
        host,
        target,
        status,
        response: String::new(),
    }
}

/// Go 1.11–1.12: `unexpected status (URL): 404 Not Found`. Cut inside the URL, or before the
/// status, it still reports an answer (status 0: unknown), not a transport error.
#[inline(never)]
fn unexpected_status(at: &At, _: &mut Vec<Event>) -> Read {
    let Some(rest) = at.after("unexpected status (") else {
        return Read::Pass;
    };
    let (url, tail) = rest
        .split_once("): ")
        .unwrap_or((rest.trim_end().trim_end_matches(')'), ""));
    let code = tail.split(' ').next().and_then(|s| s.parse::<u16>().ok());
    if code.is_none_or(|s| (100..600).contains(&s)) && url.starts_with("http") {
        return Read::Status(at.event(status(url, host_of(url), target_of(url), code.unwrap_or(0))));
    }
    Read::Pass
}

/// `reading URL: 404 Not Found` (the go command's request frame, web/api.go), its URL a paste's
/// placeholder (`reading <private-lib>: 410 Gone`) or cut from the paste.
#[inline(never)]
fn reading_url(at: &At, events: &mut Vec<Event>) -> Read {
    let (text, line) = (at.text, at.line);
    let Some(start) = line
        .find_in(text, "reading http")
        .or_else(|| line.find_in(text, "reading <"))
    else {
        return Read::Pass;
    };
    let rest = &text[start + "reading ".len()..];
    let placeholder = rest.starts_with('<');
    // Its role, when the URL does not say: the frame around it does (`verifying …:`).
    let target = |url: &str| match target_of(url) {
        Target::Other if at.has_in(&text[..start], "verifying ") => Target::ChecksumDb,
        Target::Other if placeholder => Target::ModuleProxy,
        target => target,
    };
    if !placeholder && !rest.trim_end().contains(char::is_whitespace) && find(rest, ": ").is_none() {
        let url = rest.trim_end();
        return Read::Status(at.event(status(url, host_of(url), target(url), 0)));
    }
    let Some((url, tail)) = rest.split_once(": ") else {
        return Read::Pass;
    };
    let code = tail.split(' ').next().and_then(|s| s.parse::<u16>().ok());
    let Some(code) = code.filter(|s| (100..600).contains(s)) else {
        return Read::Pass;
    };
    // `go.mod:6:2: require M: version "master" invalid: reading URL: 404`: go.mod itself holds
    // a version the proxy cannot resolve.
    if let Some(message) = gomod_position(text).and_then(|r| r.split_once(": ")).map(|x| x.1)
        && at.has_in(message, "version \"")
        && at.has_in(message, " invalid: ")
    {
        events.push(at.event(EventKind::InvalidVersion {
            detail: message.trim().to_owned(),
        }));
    }
    let host = if placeholder { String::new() } else { host_of(url) };
    Read::Status(at.event(status(url, host, target(url), code)))
}

/// `verifying M@v: checksum mismatch`, `verifying M@v/go.mod: checksum mismatch`.
#[inline(never)]
fn checksum_mismatch(at: &At, events: &mut Vec<Event>) -> Read {
    if !at.has("checksum mismatch") {
        return Read::Pass;
    }
    let go_mod = at.has("/go.mod") || at.has("verifying go.mod");
    let against = if at.has("verifying module") || at.has("verifying go.mod") {
        "checksum database"
    } else {
        "go.sum"
    };
    at.push(
        events,
        EventKind::ChecksumMismatch {
            go_mod,
            against: against.to_owned(),
        },
    )
}

fn is_mismatch(kind: &EventKind) -> bool {
    matches!(kind, EventKind::ChecksumMismatch { .. })
}

/// `downloaded: h1:…`, `go.sum: h1:…`, `sum.golang.org: h1:…` below a mismatch: the hashes it
/// compared, and the database that disagreed.
#[expect(clippy::ptr_arg, reason = "every reader has the same signature")]
#[inline(never)]
fn checksum_line(at: &At, events: &mut Vec<Event>) -> Read {
    let label = at
        .line
        .find_in(at.text, " h1:")
        .map(|i| at.text[..i].trim_end())
        .filter(|l| l.ends_with(':') && !l.contains(' '));
    let Some(db) = label.map(|l| l.trim_end_matches(':')) else {
        return Read::Pass;
    };
    let Some(last) = at.attach(events, is_mismatch) else {
        return Read::Pass;
    };
    if let (EventKind::ChecksumMismatch { against, .. }, false) = (&mut last.kind, db == "downloaded" || db == "go.sum")
    {
        *against = db.to_owned();
    }
    Read::Done
}

/// The banner below a mismatch.
#[expect(clippy::ptr_arg, reason = "every reader has the same signature")]
#[inline(never)]
fn security_error(at: &At, events: &mut Vec<Event>) -> Read {
    if at.text != "SECURITY ERROR" {
        return Read::Pass;
    }
    at.attach(events, is_mismatch);
    Read::Done
}

/// The go command's refusals of its own settings and states, each known by one phrase.
#[inline(never)]
fn settings(at: &At, events: &mut Vec<Event>) -> Read {
    type Make = fn(&str) -> EventKind;
    const SETTINGS: &[(Needle, Make)] = &[
        (Needle::new("module lookup disabled by GOPROXY=off"), |_| {
            EventKind::ProxyOff
        }),
        (Needle::new("GOPROXY list is not the empty string"), |t| {
            EventKind::GoproxyInvalid { message: after_go(t) }
        }),
        (Needle::new("invalid proxy URL"), |t| EventKind::GoproxyInvalid {
            message: after_go(t),
        }),
        (Needle::new("first path segment in URL cannot contain colon"), |t| {
            EventKind::GoproxyInvalid { message: after_go(t) }
        }),
        (Needle::new("invalid GOTOOLCHAIN "), |t| EventKind::GotoolchainInvalid {
            message: after_go(t),
        }),
        (Needle::new("parsing $GOFLAGS"), |t| EventKind::GoflagsInvalid {
            message: after_go(t),
        }),
        (Needle::new("parsing %GOFLAGS%"), |t| EventKind::GoflagsInvalid {
            message: after_go(t),
        }),
        (Needle::new("invalid GOSUMDB"), |t| EventKind::GosumdbInvalid {
            message: after_go(t),
        }),
        (Needle::new("missing GOSUMDB"), |t| EventKind::GosumdbInvalid {
            message: after_go(t),
        }),
        (Needle::new("invalid sumdb name"), |t| EventKind::GosumdbInvalid {
            message: after_go(t),
        }),
        (Needle::new("checksum database disabled by GOSUMDB=off"), |_| {
            EventKind::SumdbOff
        }),
        (Needle::new("note has no verifiable signatures"), |_| {
            EventKind::SumdbBadSignature
        }),
        (Needle::new("invalid signature"), |_| EventKind::SumdbBadSignature),
        (Needle::new("proxy returned info for version"), |_| {
            EventKind::ProxyInfoMismatch
        }),
        (Needle::new("redirected from secure URL"), |_| {
            EventKind::InsecureRedirect
        }),
        (Needle::new("missing go.sum entry"), |_| EventKind::MissingGoSum),
        (Needle::new("updates to go.mod needed"), |_| {
            EventKind::GoModUpdatesNeeded
        }),
        (Needle::new("inconsistent vendoring"), |_| {
            EventKind::InconsistentVendoring
        }),
        (Needle::new("'go get' is no longer supported outside a module"), |_| {
            EventKind::GoGetOutsideModule
        }),
        (
            Needle::new("go.mod file not found in current directory or any parent directory"),
            |_| EventKind::NoGoMod,
        ),
        // Go 1.13–1.15's wording of the same.
        (Needle::new("go: cannot find main module"), |_| EventKind::NoGoMod),
        (Needle::new("cannot use path@version syntax in GOPATH mode"), |_| {
            EventKind::ModulesDisabled
        }),
        (Needle::new("modules disabled by GO111MODULE="), |_| {
            EventKind::ModulesDisabled
        }),
        (Needle::new("GOPATH and GOROOT are the same directory"), |_| {
            EventKind::GopathIsGoroot
        }),
        (Needle::new("GOPATH set to GOROOT"), |_| EventKind::GopathIsGoroot),
        (
            Needle::new("invalid character '<' looking for beginning of value"),
            |_| EventKind::HtmlResponse,
        ),
        (Needle::new("retracted by module author"), |t| EventKind::Retracted {
            rationale: t
                .split("retracted by module author")
                .nth(1)
                .unwrap_or_default()
                .trim_start_matches(':')
                .trim()
                .to_owned(),
        }),
    ];
    match SETTINGS.iter().find(|(needle, _)| at.holds(needle)) {
        Some((_, make)) => at.push(events, make(at.text)),
        None => Read::Pass,
    }
}

/// A release too old for what go.mod asks, or a toolchain that cannot be had.
#[inline(never)]
fn toolchain(at: &At, events: &mut Vec<Event>) -> Read {
    let required = |need: &str, running: &str, gotoolchain: &str| EventKind::ToolchainRequired {
        need: need.to_owned(),
        running: running.to_owned(),
        gotoolchain: gotoolchain.to_owned(),
    };
    // Go 1.19–1.20: `go.mod file indicates go 1.21, but maximum supported version is 1.20`
    // (also `… maximum version supported by tidy is 1.20`).
    if let Some(rest) = at.after("go.mod file indicates go ")
        && let Some(max) = at
            .line
            .after_in(rest, "maximum supported version is ")
            .or_else(|| at.line.after_in(rest, "maximum version supported by tidy is "))
    {
        let need = rest.split([',', ' ']).next().unwrap_or_default();
        return at.push(events, required(need, max.trim().trim_end_matches('.'), ""));
    }
    // Go 1.17–1.20 after a failed build: `note: module requires Go 1.21`.
    if let Some(rest) = at.after("note: module requires Go ") {
        return at.push(
            events,
            required(rest.split([' ', ',']).next().unwrap_or_default(), "", ""),
        );
    }
    // `go.mod requires go >= 1.99 (running go 1.27.3; GOTOOLCHAIN=local)`, and the same about a
    // dependency: `go: example.com/m@v1.0.0 requires go >= 1.99 (running go …)`.
    if let Some(rest) = at.after(" requires go >= ").filter(|r| at.has_in(r, "(running go")) {
        let field = |after: &str, ends: &[char]| {
            rest.split(after)
                .nth(1)
                .and_then(|r| r.split(ends).next())
                .unwrap_or_default()
        };
        let need = rest.split([' ', ')']).next().unwrap_or_default();
        return at.push(
            events,
            required(need, field("running go ", &[';', ')']), field("GOTOOLCHAIN=", &[')'])),
        );
    }
    if at.has("toolchain not available") {
        let version = at
            .text
            .split("download go")
            .nth(1)
            .and_then(|r| r.split([' ', ':']).next())
            .unwrap_or_default()
            .to_owned();
        return at.push(events, EventKind::ToolchainUnavailable { version });
    }
    if let Some(rest) = at.text.strip_prefix("go: download go") {
        let version = rest.split([' ', ':']).next().unwrap_or_default().to_owned();
        // The same line usually carries a `Get "…": <error>` already reported.
        return at.push(events, EventKind::ToolchainDownloadFailed { version });
    }
    Read::Pass
}

/// GOPATH mode's `go get` refusing plain http and git's unsafe protocols.
#[inline(never)]
fn no_secure_protocol(at: &At, events: &mut Vec<Event>) -> Read {
    if at.has("no secure protocol found for repository") {
        return at.push(events, EventKind::GitNoSecureProtocol);
    }
    Read::Pass
}

/// A module whose go.mod declares another path than the one it was required as.
#[inline(never)]
fn path_mismatch(at: &At, events: &mut Vec<Event>) -> Read {
    let mismatch = |declared: &str, required: &str| EventKind::PathMismatch {
        declared: declared.to_owned(),
        required: required.to_owned(),
    };
    if let Some(rest) = at.after("module declares its path as: ") {
        return at.push(events, mismatch(rest.trim(), ""));
    }
    if let Some(rest) = at.after("parsing go.mod: unexpected module path \"") {
        let declared = rest.split('"').next().unwrap_or_default();
        let required = at.text.split(['@', ' ']).nth(1).unwrap_or_default();
        return at.push(events, mismatch(declared, required));
    }
    if let Some(rest) = at.after("but was required as: ") {
        let is = |k: &EventKind| matches!(k, EventKind::PathMismatch { .. });
        if let Some(EventKind::PathMismatch { required, .. }) = at.attach(events, is).map(|e| &mut e.kind) {
            *required = rest.trim().to_owned();
        }
        return Read::Done;
    }
    Read::Pass
}

/// A revision the repository does not have (the zero pseudo-version: a placeholder).
#[inline(never)]
fn revision(at: &At, events: &mut Vec<Event>) -> Read {
    if at.has("v0.0.0-00010101000000-000000000000") && at.has("unknown revision") {
        return at.push(events, EventKind::PlaceholderVersion);
    }
    match at.after("unknown revision ") {
        Some(rest) => at.push(
            events,
            EventKind::UnknownRevision {
                revision: rest.trim().to_owned(),
            },
        ),
        None => Read::Pass,
    }
}

/// `go.mod:5: unknown directive: requires`, `go.mod:6:2: require …: version "master" invalid: …`.
#[inline(never)]
fn gomod(at: &At, events: &mut Vec<Event>) -> Read {
    let Some(rest) = at.has("go.mod:").then(|| gomod_position(at.text)).flatten() else {
        return Read::Pass;
    };
    let message = rest.split_once(": ").map_or("", |x| x.1).trim().to_owned();
    if message.starts_with("replacement ") {
        return at.push(events, EventKind::ReplacementInvalid { detail: message });
    }
    let version = at.has_in(&message, "must be of the form v1.2.3")
        || at.has_in(&message, "invalid: should be")
        || at.has_in(&message, " invalid: ") && at.has_in(&message, "version");
    if version {
        return at.push(events, EventKind::InvalidVersion { detail: message });
    }
    at.push(
        events,
        EventKind::GoModError {
            file: "go.mod".into(),
            message,
        },
    )
}

/// modfetch's InvalidVersionError (`invalid version: <why>`) and golang.org/x/mod's version
/// checks. An unknown revision is read before; a git command's failure from git's own lines.
#[inline(never)]
fn invalid_version(at: &At, events: &mut Vec<Event>) -> Read {
    if let Some(why) = at.after("invalid version: ")
        && !why.starts_with("git ")
        && !why.starts_with("unknown revision")
    {
        return at.push(
            events,
            EventKind::InvalidVersion {
                detail: why.trim().to_owned(),
            },
        );
    }
    const CHECKS: [Needle; 5] = [
        Needle::new("must be of the form v1.2.3"),
        Needle::new("invalid pseudo-version"),
        Needle::new("module path must match major version"),
        Needle::new("+incompatible suffix not allowed"),
        Needle::new("disallowed version string"),
    ];
    if CHECKS.iter().any(|needle| at.holds(needle)) {
        return at.push(
            events,
            EventKind::InvalidVersion {
                detail: after_go(at.text),
            },
        );
    }
    Read::Pass
}

/// The go command looking for the module of a package, or refusing to look.
#[inline(never)]
fn package_lookup(at: &At, events: &mut Vec<Event>) -> Read {
    // Module mode's answer for an import path without a dot it cannot find in the standard
    // library: `package embed is not in GOROOT (/usr/local/go/src/embed)`.
    if let Some(rest) = at.after("package ")
        && let Some((path, _)) = rest.split_once(" is not in GOROOT")
        && !path.contains(' ')
    {
        return at.push(events, EventKind::MalformedModulePath { path: path.to_owned() });
    }
    if let Some(rest) = at.after("malformed module path \"")
        && at.has_in(rest, "missing dot in first path element")
    {
        let path = rest.split('"').next().unwrap_or_default();
        return at.push(events, EventKind::MalformedModulePath { path: path.to_owned() });
    }
    let word = |rest: &str, ends: &[char]| rest.split(ends).next().unwrap_or_default().to_owned();
    if let Some(rest) = at.after("no matching versions for query \"") {
        return at.push(
            events,
            EventKind::NoMatchingVersions {
                query: word(rest, &['"']),
            },
        );
    }
    if let Some(rest) = at.after("but does not contain package ") {
        let package = rest.trim().to_owned();
        return at.push(events, EventKind::PackageNotInModule { package });
    }
    if let Some(rest) = at.after("no required module provides package ") {
        let package = word(rest, &[';', ':', ' ']);
        return at.push(events, EventKind::NoModuleForPackage { package });
    }
    let disabled = |mode: &str| EventKind::VendorLookupDisabled {
        mode: mode.trim().to_owned(),
    };
    if let Some(rest) = at.after("cannot find module providing package ") {
        let (package, tail) = rest.split_once(':').unwrap_or((rest, ""));
        return match at.line.after_in(tail, "import lookup disabled by -mod=") {
            Some(mode) => at.push(events, disabled(mode)),
            None => at.push(
                events,
                EventKind::NoModuleForPackage {
                    package: package.trim().to_owned(),
                },
            ),
        };
    }
    if let Some(mode) = at
        .after("cannot query module due to -mod=")
        .or_else(|| at.after("disabled by -mod="))
    {
        return at.push(events, disabled(mode));
    }
    if let Some(rest) = at.after("is deprecated").filter(|_| at.has("module ")) {
        let message = rest.trim_start_matches(':').trim().to_owned();
        return at.push(events, EventKind::Deprecated { message });
    }
    Read::Pass
}

/// A `replace` directive's directory that is missing or has no go.mod.
#[inline(never)]
fn replacement(at: &At, events: &mut Vec<Event>) -> Read {
    let text = at.text;
    if let Some(rest) = at.after("replacement directory ")
        && at.has_in(rest, "does not exist")
    {
        let dir = rest.split(' ').next().unwrap_or_default().to_owned();
        return at.push(events, EventKind::ReplacementMissing { dir });
    }
    // Go ≤ 1.19: `M@v (replaced by ./dir): reading dir/go.mod: open …: no such file`.
    if let Some(rest) = at.after("(replaced by ")
        && at.has("go.mod: ")
        && (at.has("no such file or directory") || at.has("cannot find the file"))
    {
        let dir = rest.split(')').next().unwrap_or_default().to_owned();
        return at.push(events, EventKind::ReplacementNoGoMod { dir });
    }
    // Go 1.11–1.13: a replacement directory without go.mod (`go: parsing ../x/go.mod: open
    // ../x/go.mod: no such file or directory`); the main module's is "cannot find main module".
    if let Some(rest) = at.after("go: parsing ")
        && let Some((file, error)) = rest.split_once(": ")
        && file.ends_with("go.mod")
        && error.starts_with("open ")
    {
        let dir = file.trim_end_matches("go.mod").trim_end_matches(['/', '\\']);
        let dir = if dir.is_empty() { "/" } else { dir };
        return at.push(events, EventKind::ReplacementNoGoMod { dir: dir.to_owned() });
    }
    if at.has("go.mod file not found in replacement directory")
        || (at.has("module ./") || at.has("module ../")) && at.has("/go.mod: ")
    {
        let dir = text
            .split("module ")
            .nth(1)
            .and_then(|r| r.split(':').next())
            .unwrap_or_default()
            .to_owned();
        return at.push(events, EventKind::ReplacementNoGoMod { dir });
    }
    Read::Pass
}

/// GOPATH mode: `cannot find package "P" in any of: …`.
#[inline(never)]
fn gopath_cannot_find(at: &At, events: &mut Vec<Event>) -> Read {
    match at.after("cannot find package \"").filter(|_| at.has(" in any of")) {
        Some(rest) => at.push(
            events,
            EventKind::GopathCannotFind {
                package: rest.split('"').next().unwrap_or_default().to_owned(),
            },
        ),
        None => Read::Pass,
    }
}

/// A module zip the go command refuses (golang.org/x/mod/zip's checks) or cannot open.
#[inline(never)]
fn zip(at: &At, events: &mut Vec<Event>) -> Read {
    const CHECKS: [Needle; 7] = [
        Needle::new("case-insensitive file name collision"),
        Needle::new("malformed file path"),
        Needle::new("file too large"),
        Needle::new("module source tree too large"),
        Needle::new("zip file too large"),
        Needle::new("invalid char"),
        Needle::new("disallowed as path element"),
    ];
    let about_zip = || at.has("unzip") || at.has("create zip") || at.has("@v");
    if let Some(detail) = CHECKS.iter().find(|d| at.holds(d))
        && about_zip()
    {
        let detail = detail.text.to_owned();
        return at.push(events, EventKind::ZipContentInvalid { detail });
    }
    if at.has("zip: not a valid zip file") {
        let in_cache = at.has("unzip ") && (at.has("/cache/download/") || at.has("\\cache\\download\\"));
        return at.push(events, EventKind::ZipNotValid { in_cache });
    }
    Read::Pass
}

/// `git ls-remote -q https://host/group` for a module deeper than the group: the repository
/// root the go command took is a group's, not a repository's. (git's own lines that follow are
/// read on their own, so the line goes on to the next readers.)
#[inline(never)]
fn repo_root_is_group(at: &At, events: &mut Vec<Event>) -> Read {
    let (Some(rest), Some(module)) = (at.after("git ls-remote -q "), &at.module) else {
        return Read::Pass;
    };
    let rest = rest.strip_prefix("--end-of-options ").unwrap_or(rest);
    let url = rest.split(' ').next().unwrap_or_default();
    let path = url.split_once("://").map_or("", |(_, r)| r).trim_end_matches(".git");
    let elements = |p: &str| p.split('/').filter(|e| !e.is_empty()).count();
    // Not when the go command names that path as the module it is probing (`M@v: P@v: …`).
    let probing_parent = at.has(&format!("{path}@"));
    if url.contains("://") && elements(path) == 2 && elements(module) > 2 && module.starts_with(path) && !probing_parent
    {
        events.push(at.event(EventKind::RepoRootIsGroup { repo: url.to_owned() }));
    }
    Read::Pass
}

/// git's and ssh's stderr, relayed by the go command: credentials, hosts it cannot resolve or
/// reach, certificates, repositories that are not there.
#[inline(never)]
fn git_relayed(at: &At, events: &mut Vec<Event>) -> Read {
    const AUTH: [Needle; 7] = [
        Needle::new("terminal prompts disabled"),
        Needle::new("could not read username"),
        Needle::new("could not read password"),
        Needle::new("permission denied (publickey"),
        Needle::new("http basic: access denied"),
        Needle::new("authentication failed for"),
        Needle::new("invalid username or password"),
    ];
    if AUTH.iter().any(|needle| at.line.holds(at.lower(), needle)) {
        return at.push(
            events,
            EventKind::GitAuth {
                host: quoted_host(at.text),
            },
        );
    }
    // git's and ssh's words for a host it cannot resolve or reach, and the host they name.
    type HostEvent = fn(String) -> EventKind;
    const UNREACHABLE: [(Needle, &[char], HostEvent); 4] = [
        (Needle::new("could not resolve host: "), &[' ', '\''], |host| {
            EventKind::GitDns { host }
        }),
        (Needle::new("ssh: could not resolve hostname "), &[':', ' '], |host| {
            EventKind::GitDns { host }
        }),
        (Needle::new("ssh: connect to host "), &[' '], |host| {
            EventKind::GitConnect { host }
        }),
        (Needle::new("failed to connect to "), &[' '], |host| {
            EventKind::GitConnect { host }
        }),
    ];
    for (needle, ends, make) in UNREACHABLE {
        if let Some(rest) = at.line.after_needle(at.lower(), &needle) {
            return at.push(events, make(rest.split(ends).next().unwrap_or_default().to_owned()));
        }
    }
    // An unknown SSH host key, with prompts disabled.
    if at.has_lower("host key verification failed") {
        return at.push(events, EventKind::GitAuth { host: String::new() });
    }
    if at.has_lower("server certificate verification failed") || at.has_lower("ssl certificate problem") {
        return at.push(
            events,
            EventKind::GitTls {
                host: quoted_host(at.text),
            },
        );
    }
    if at.has_lower("repository not found") || (at.has_lower("fatal: repository '") && at.has_lower("' not found")) {
        let url = quoted(at.text).unwrap_or_default();
        return at.push(events, EventKind::RepositoryNotFound { url });
    }
    Read::Pass
}

/// `exec: "git": executable file not found in $PATH`: a VCS tool or a C compiler missing.
#[inline(never)]
fn executable_missing(at: &At, events: &mut Vec<Event>) -> Read {
    let Some(rest) = at.after("exec: \"").filter(|_| at.has("executable file not found")) else {
        return Read::Pass;
    };
    let tool = rest.split('"').next().unwrap_or_default().to_owned();
    let name = tool
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .trim_end_matches(".exe");
    let kind = if matches!(name, "git" | "hg" | "svn" | "bzr" | "fossil") {
        EventKind::VcsMissing { tool }
    } else {
        EventKind::Neighbour(Neighbour::CCompilerMissing { tool })
    };
    at.push(events, kind)
}

/// A failure of the build next to the modules; a full disk while the module cache is written
/// stops the modules themselves.
#[inline(never)]
fn neighbour_of_build(at: &At, events: &mut Vec<Event>) -> Read {
    let Some(neighbour) = neighbour(at) else {
        return Read::Pass;
    };
    let kind = match (&neighbour, module_cache_path(at.text)) {
        (Neighbour::DiskFull, Some(path)) => EventKind::CacheProblem {
            path,
            trouble: CacheTrouble::NoSpace,
        },
        _ => EventKind::Neighbour(neighbour),
    };
    at.push(events, kind)
}

/// A failure of the build next to the modules: disk, C compiler, compiler, tests, memory.
#[inline(never)]
fn neighbour(at: &At) -> Option<Neighbour> {
    let text = at.text;
    if at.has_lower("no space left on device") || at.has_lower("not enough space on the disk") || at.has("磁盘空间不足")
    {
        return Some(Neighbour::DiskFull);
    }
    if let Some(rest) = at.after("C compiler \"").filter(|r| at.has_in(r, "not found")) {
        return Some(Neighbour::CCompilerMissing {
            tool: rest.split('"').next().unwrap_or_default().to_owned(),
        });
    }
    if text.starts_with("--- FAIL: ") || text.starts_with("FAIL\t") {
        return Some(Neighbour::TestFailure);
    }
    if at.has_lower("signal: killed") {
        return Some(Neighbour::Killed);
    }
    // `path/file.go:12:3: message`, a compiler's diagnostic (module errors about imports have
    // their own wording and are read before this).
    let found = at.line.find_in(text, ".go:")?;
    let (file, rest) = (&text[..found], &text[found + ".go:".len()..]);
    let mut parts = rest.splitn(3, ':');
    let (number, column) = (parts.next()?, parts.next()?);
    let message = parts.next()?.trim();
    let numbers =
        !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) && column.bytes().all(|b| b.is_ascii_digit());
    const MODULE_WORDS: [Needle; 8] = [
        Needle::new("module"),
        Needle::new("go.sum"),
        Needle::new("go get"),
        Needle::new("go mod"),
        Needle::new("package "),
        Needle::new("import"),
        Needle::new("GOROOT"),
        Needle::new("GOPATH"),
    ];
    let plain_file = !file.is_empty() && !file.contains(' ');
    (numbers && plain_file && !message.is_empty() && !MODULE_WORDS.iter().any(|w| at.line.holds(message, w)))
        .then_some(Neighbour::CompileError)
}

/// The module cache: one that cannot be created, files that disagree, and the OS's words for
/// a file of it that cannot be read or written (Linux and macOS, Windows in English and in
/// Chinese).
#[inline(never)]
fn module_cache(at: &At, events: &mut Vec<Event>) -> Read {
    if let Some(rest) = at.after("could not create module cache: ") {
        let path = rest.split(": ").next().unwrap_or_default();
        let path = path.split(' ').nth(1).unwrap_or(path).to_owned();
        let trouble = if at.has_lower("read-only") {
            CacheTrouble::ReadOnly
        } else {
            CacheTrouble::PermissionDenied
        };
        return at.push(events, EventKind::CacheProblem { path, trouble });
    }
    if at.has("unexpected ziphash") || at.has("ziphash") && at.has("checksum mismatch") {
        let path = String::new();
        return at.push(
            events,
            EventKind::CacheProblem {
                path,
                trouble: CacheTrouble::Corrupt,
            },
        );
    }
    const OS_WORDS: [(Needle, CacheTrouble); 12] = [
        (Needle::new("permission denied"), CacheTrouble::PermissionDenied),
        (Needle::new("operation not permitted"), CacheTrouble::PermissionDenied),
        (Needle::new("access is denied"), CacheTrouble::PermissionDenied),
        (Needle::new("拒绝访问"), CacheTrouble::PermissionDenied),
        (Needle::new("read-only file system"), CacheTrouble::ReadOnly),
        (Needle::new("could not lock"), CacheTrouble::Locked),
        (Needle::new("being used by another process"), CacheTrouble::Locked),
        (Needle::new("另一个程序正在使用此文件"), CacheTrouble::Locked),
        (Needle::new("no such file or directory"), CacheTrouble::Missing),
        (Needle::new("cannot find the file specified"), CacheTrouble::Missing),
        (Needle::new("cannot find the path specified"), CacheTrouble::Missing),
        (Needle::new("系统找不到指定的"), CacheTrouble::Missing),
    ];
    for (needle, trouble) in OS_WORDS {
        if at.line.holds(at.lower(), &needle)
            && let Some(path) = cache_path(at.text)
        {
            return at.push(events, EventKind::CacheProblem { path, trouble });
        }
    }
    Read::Pass
}
