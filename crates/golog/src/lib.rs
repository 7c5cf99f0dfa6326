//! The go command's output, read into structured [`Event`]s.
//!
//! Covers what `go mod download`, `go get`, `go mod tidy`, `go build` and `go install` print
//! from Go 1.11 to today, with and without `-x`, on Linux, macOS and Windows (`connectex`,
//! `wsarecv`), and the git errors they relay. A proxy's `server response:` block is kept with
//! the status line it belongs to and is never read as the user's own error (its DNS failure is
//! the proxy's, not the user's). Never fails: unknown lines produce no event.

pub mod catalogue;
pub mod net;
mod reader;
mod scan;

use scan::{Line, after, find, has};

pub use net::NetError;

/// What a URL in the log is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A module proxy request (`/@v/…`, `/@latest`).
    ModuleProxy,
    /// A proxy's `/sumdb/<name>/supported` probe.
    SumdbSupported,
    /// A checksum database request (`/lookup/`, `/tile/`, `/latest`), direct or proxied.
    ChecksumDb,
    /// A `?go-get=1` request for go-import meta tags.
    GoGet,
    /// A toolchain download (`golang.org/toolchain`).
    Toolchain,
    Other,
}

/// What is wrong with a file of the module cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheTrouble {
    /// `permission denied`.
    PermissionDenied,
    /// `read-only file system`.
    ReadOnly,
    /// `could not lock`.
    Locked,
    /// `no such file or directory`.
    Missing,
    /// Its files disagree with each other (`unexpected ziphash`).
    Corrupt,
    /// The disk it is on is full (`no space left on device` writing the module cache).
    NoSpace,
}

/// A failure next to module downloading, in the same log: the build, not the modules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Neighbour {
    /// cgo needs a C compiler that is not installed (`exec: "gcc": executable file not found`).
    CCompilerMissing { tool: String },
    /// The disk is full (`no space left on device`).
    DiskFull,
    /// The code does not compile (`main.go:12:3: undefined: x`).
    CompileError,
    /// Tests ran and failed (`--- FAIL:`).
    TestFailure,
    /// The process was killed, usually for memory (`signal: killed`).
    Killed,
}

/// One thing the go command reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    Downloading,
    ToolchainDownloading {
        version: String,
    },
    /// A request that failed in the network.
    Fetch {
        url: String,
        host: String,
        target: Target,
        error: NetError,
    },
    /// A request answered with an error status; `response` is the `server response:` text.
    HttpStatus {
        url: String,
        host: String,
        target: Target,
        status: u16,
        response: String,
    },
    /// Content differs from go.sum (`against` = `go.sum`) or from a checksum database (its name).
    ChecksumMismatch {
        go_mod: bool,
        against: String,
    },
    ProxyOff,
    GoproxyInvalid {
        message: String,
    },
    GoflagsInvalid {
        message: String,
    },
    /// `invalid GOTOOLCHAIN "X"` (with the reason, when the go command gives one).
    GotoolchainInvalid {
        message: String,
    },
    GosumdbInvalid {
        message: String,
    },
    SumdbOff,
    SumdbBadSignature,
    ToolchainRequired {
        need: String,
        running: String,
        gotoolchain: String,
    },
    ToolchainUnavailable {
        version: String,
    },
    ToolchainDownloadFailed {
        version: String,
    },
    PathMismatch {
        declared: String,
        required: String,
    },
    UnknownRevision {
        revision: String,
    },
    InvalidVersion {
        detail: String,
    },
    NoMatchingVersions {
        query: String,
    },
    PackageNotInModule {
        package: String,
    },
    NoModuleForPackage {
        package: String,
    },
    Retracted {
        rationale: String,
    },
    Deprecated {
        message: String,
    },
    MissingGoSum,
    ReplacementMissing {
        dir: String,
    },
    ReplacementNoGoMod {
        dir: String,
    },
    /// A line of `errors parsing go.mod:` (`go.mod:5: unknown directive: requires`).
    GoModError {
        file: String,
        message: String,
    },
    GoModUpdatesNeeded,
    /// The module's files cannot form a module zip (`case-insensitive file name collision`, …).
    ZipContentInvalid {
        detail: String,
    },
    /// `zip: not a valid zip file`; `in_cache` when it names a file of the module cache.
    ZipNotValid {
        in_cache: bool,
    },
    InconsistentVendoring,
    VendorLookupDisabled {
        mode: String,
    },
    GopathCannotFind {
        package: String,
    },
    NoGoMod,
    GoGetOutsideModule,
    ModulesDisabled,
    GitAuth {
        host: String,
    },
    GitConnect {
        host: String,
    },
    /// `no secure protocol found for repository`: git could not list the repository over
    /// HTTPS or SSH (cmd/go's ping hides git's reason) and plain HTTP is not allowed.
    GitNoSecureProtocol,
    GitDns {
        host: String,
    },
    GitTls {
        host: String,
    },
    RepositoryNotFound {
        url: String,
    },
    VcsMissing {
        tool: String,
    },
    /// `unrecognized import path "X"`, with what went wrong when the go command asked for
    /// its go-import meta tags.
    UnrecognizedImportPath {
        path: String,
        error: Option<NetError>,
        status: Option<u16>,
        no_meta: bool,
    },
    ProxyInfoMismatch,
    InsecureRedirect,
    /// The module cache or build cache cannot be written or read.
    CacheProblem {
        path: String,
        trouble: CacheTrouble,
    },
    GopathIsGoroot,
    /// `malformed module path "X": missing dot in first path element`: a path with no host. When
    /// it names a standard-library package, the toolchain predates that package.
    MalformedModulePath {
        path: String,
    },
    /// A replace directive the go command refuses (`replacement directory appears to be Windows
    /// path (on a non-windows system)`, `replacement module without version must be directory
    /// path`).
    ReplacementInvalid {
        detail: String,
    },
    /// `v0.0.0-00010101000000-000000000000`: the placeholder version a requirement carries when
    /// a replace directive supplies the module; without that replace (a dependency's replace
    /// does not apply to its users) it cannot be fetched.
    PlaceholderVersion,
    /// git ran on a repository one path element long (`https://host/group.git`) for a deeper
    /// module: the go-import meta tag named a group, as GitLab answers for a private project
    /// when the request carries no credentials.
    RepoRootIsGroup {
        repo: String,
    },
    /// GOPATH mode's `go get` (`package P: unrecognized import path …`, `https fetch failed:`,
    /// `# cd .; git clone`): module settings such as GOPROXY do not apply.
    GopathGet,
    /// `invalid go version '1.21.5': must match format 1.23`, `unknown directive: toolchain`:
    /// a go.mod written for a newer toolchain.
    NewerGoMod {
        detail: String,
    },
    /// Not a module problem: see [`Neighbour`].
    Neighbour(Neighbour),
    /// An HTML page where JSON or a go.mod was expected.
    HtmlResponse,
    /// An error of the go command that no other event reads: the failure is certain, its cause
    /// is not (the analysis names it `unclassified` when nothing else explains the run).
    GoFailure {
        text: String,
        /// The cause the go command's error catalogue reads in its words, by taxonomy code.
        cause: Option<&'static str>,
    },
    /// The log ends while the go command waits: `go: downloading M v` is the last thing it
    /// printed (the analysis finds which hop from GOPROXY). A `-x` request that never got an
    /// answer is a [`EventKind::Fetch`] with [`NetError::NoAnswer`].
    Waiting,
}

impl EventKind {
    /// Whether the event reports a failure (not progress, a warning the run goes on after —
    /// a deprecation, a retraction, GOPATH equal to GOROOT —, a neighbour's trouble).
    pub fn is_failure(&self) -> bool {
        !matches!(
            self,
            EventKind::Downloading
                | EventKind::ToolchainDownloading { .. }
                | EventKind::Deprecated { .. }
                | EventKind::Retracted { .. }
                | EventKind::GopathIsGoroot
                | EventKind::Neighbour(_)
        )
    }
}

/// Whether `text` (a log line, its paste wrapper removed) is an error of the go command: `go: …`
/// or, before Go 1.18, `go <verb>: …` (`go get: …`, `go mod tidy: …`), that is not one of its
/// progress or warning lines.
pub fn is_error_frame(text: &str) -> bool {
    let rest = match text.strip_prefix("go: ") {
        Some(rest) => rest,
        None => {
            // `go get: …`, `go mod tidy: …`, `go get github.com/a/b: …` (Go ≤ 1.17).
            const COMMANDS: &[&str] = &[
                "get", "install", "build", "mod", "list", "run", "test", "vet", "work", "generate", "clean", "env",
                "tool",
            ];
            let Some((verb, rest)) = text.strip_prefix("go ").and_then(|r| r.split_once(": ")) else {
                return false;
            };
            let mut words = verb.split(' ');
            if !words.next().is_some_and(|w| COMMANDS.contains(&w)) || words.count() > 3 {
                return false;
            }
            rest
        }
    };
    const PROGRESS: &[&str] = &[
        "downloading ",
        "finding ",
        "extracting ",
        "upgraded ",
        "added ",
        "removed ",
        "downgraded ",
        "creating new go.mod",
        "copying requirements",
        "to add module requirements",
        "upgrading toolchain",
        "switching to ",
        "warning:",
        "writing go.mod",
        "to switch to ",
        "to upgrade to ",
        "installing executables with 'go get' in module mode is deprecated",
    ];
    let progress = PROGRESS.iter().any(|p| rest.starts_with(p))
        || rest.starts_with("found ") && !rest.contains("but does not contain")
        || rest.starts_with("module ") && rest.contains(" is deprecated");
    !progress && !rest.trim().is_empty()
}

/// An event with the line it came from and the module it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: EventKind,
    /// 1-based line number.
    pub line: usize,
    /// More lines that belong to it (`server response:` text, checksum lines).
    pub more_lines: Vec<usize>,
    pub module: Option<String>,
    pub version: Option<String>,
}

impl Event {
    /// Every line of the event.
    pub fn lines(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.line).chain(self.more_lines.iter().copied())
    }
}

/// Parses log lines given as `(line number, text)`.
pub fn parse<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>) -> Vec<Event> {
    let lines: Vec<(usize, &str)> = lines.into_iter().map(|(n, t)| (n, t.trim_end_matches('\r'))).collect();
    let mut events = parse_lines(&lines);
    for hang in hangs(&lines, &events) {
        let at = events.partition_point(|e| e.line <= hang.line);
        events.insert(at, hang);
    }
    events
}

/// A frame that introduces the lines that say what went wrong (`…: parsing go.mod:`, `go:
/// errors parsing go.mod:`, the import chain's `M imports` / `M requires`).
pub fn is_wrapper_frame(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(':') || t.ends_with(" imports") || t.ends_with(" requires") || t.ends_with(" tested by")
}

/// A line saying the command was stopped from outside: an interrupt, a kill, a CI time limit.
fn is_stop_marker(text: &str) -> bool {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    t == "^C"
        || t == "Killed"
        || t == "Terminated"
        || lower.starts_with("signal: interrupt")
        || lower.starts_with("signal: killed")
        || lower.starts_with("signal: terminated")
        || lower.contains("exceeded the maximum execution time")
        || lower.contains("the operation was canceled")
        || lower.contains("the job was canceled")
        || lower.contains("execution took longer than")
        || lower.contains("context deadline exceeded")
}

/// What the log ends waiting for: `-x` requests (`# get URL`) that never got their answer line
/// (`# get URL: 200 OK (0.1s)`, or an error), and a last `go: downloading M v` with nothing
/// after it; none when the log reports a failure after them.
fn hangs(lines: &[(usize, &str)], events: &[Event]) -> Vec<Event> {
    // Each request URL and the line of its latest unanswered `# get` (0 once answered).
    let (mut urls, mut waiting) = (gmd_order::Positions::new(), Vec::<(usize, &str)>::new());
    for &(number, text) in lines {
        let Some(rest) = text.trim().strip_prefix("# get ") else {
            continue;
        };
        match rest.split_once(": ") {
            Some((url, _)) => {
                if let Some(at) = urls.get(url) {
                    waiting[at].0 = 0;
                }
            }
            None => {
                let url = rest.trim();
                let at = urls.get_or_insert(url, waiting.len());
                if at == waiting.len() {
                    waiting.push((number, url));
                }
                waiting[at].0 = number;
            }
        }
    }
    let last_failure = events.iter().filter(|e| e.kind.is_failure()).map(|e| e.line).max();
    let failed_after = |line: usize| last_failure.is_some_and(|last| last > line);
    let mut open: Vec<(usize, &str)> = waiting.into_iter().filter(|(n, _)| *n > 0).collect();
    gmd_order::sort(&mut open);
    let mut out: Vec<Event> = open
        .into_iter()
        .filter(|(n, url)| url.starts_with("http") && !failed_after(*n))
        .map(|(n, url)| Event {
            kind: EventKind::Fetch {
                url: url.to_owned(),
                host: host_of(url),
                target: target_of(url),
                error: NetError::NoAnswer,
            },
            line: n,
            more_lines: Vec::new(),
            module: None,
            version: None,
        })
        .collect();
    // A run that ends well ends on `go: downloading` too: only a run stopped there (interrupted,
    // killed, a CI job's time limit) waited.
    let mut tail = lines.iter().rev().filter(|(_, t)| !t.trim().is_empty()).peekable();
    let mut stopped = false;
    while let Some((_, t)) = tail.peek() {
        if !is_stop_marker(t) {
            break;
        }
        stopped = true;
        tail.next();
    }
    let last = tail.next().filter(|_| stopped);
    if let Some(&(number, text)) = last
        && out.is_empty()
        && let Some(rest) = text.trim().strip_prefix("go: downloading ")
        && let Some((module, version)) = rest.split_once(' ')
        && !version.starts_with("go1")
        && is_module_path(module)
    {
        out.push(Event {
            kind: EventKind::Waiting,
            line: number,
            more_lines: Vec::new(),
            module: Some(module.to_owned()),
            version: Some(version.trim().to_owned()),
        });
    }
    out
}

/// The events of the lines, one line at a time.
fn parse_lines(lines: &[(usize, &str)]) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    // The line that named the module@version of the error being printed: indented lines that
    // follow (git's stderr, `module declares its path as`) belong to it. (Its text, read again
    // when an event needs it: most lines that name a module need no copy of it.)
    let mut context: Option<&str> = None;
    // Whether the line before was an error's frame that goes on below (`go: M imports`,
    // `go: finding module for package P` …): the lines under it say the error.
    let mut under_frame = false;
    // What the catalogue read in each failing line: logs repeat their errors.
    let (mut read, mut readings) = (gmd_order::Positions::new(), Vec::<Reading>::new());
    let mut i = 0;
    while i < lines.len() {
        let (number, text) = lines[i];
        i += 1;
        let continues = std::mem::take(&mut under_frame);
        let own = module_version(text);
        if own.0.is_some() {
            context = Some(text);
        } else if !text.starts_with([' ', '\t']) {
            context = None;
        }
        let before = events.len();
        // `-x` traces repeat what the errors say, and 404s on `supported` are normal there.
        let trimmed = text.trim();
        // (A failed `?go-get=1` request is kept: GOPATH mode's `-x` may print nothing else.)
        let go_get_failure = trimmed.starts_with("# get ") && has(trimmed, "?go-get=1: ");
        if (trimmed.starts_with("# get ") && !go_get_failure) || trimmed.starts_with("# lock ") {
            continue;
        }
        // Every report the go command, git or the build prints has a `label: text` shape, a
        // quoted name (`'go get' is no longer supported`), or is one of these; other lines
        // (the paths of an import chain, banners) report nothing.
        let unlabelled = || {
            trimmed == "SECURITY ERROR"
                || trimmed.starts_with("FAIL\t")
                || trimmed.starts_with("package ")
                || has(trimmed, "failed")
        };
        if !trimmed.contains([':', '\'']) && !unlabelled() {
            continue;
        }
        let line = Line::new(trimmed);
        // Go ≤ 1.19 in vendor mode: `cannot find package "." in:` and, below, the vendor path.
        if line.has_in(trimmed, "cannot find package \".\" in:")
            && let Some(&(next, path)) = lines.get(i)
            && has(path, "/vendor/")
        {
            events.push(Event {
                kind: EventKind::VendorLookupDisabled { mode: "vendor".into() },
                line: number,
                more_lines: vec![next],
                module: None,
                version: None,
            });
            i += 1;
            continue;
        }
        // A request whose quoted URL a paste hard-wrapped: the next line carries the rest of the
        // URL, its closing quote and the error.
        let joined;
        let mut wrapped = None;
        // (Only a line with an unclosed quote can hold one: most lines are not asked.)
        let unclosed = trimmed.bytes().filter(|b| *b == b'"').count() % 2 == 1;
        let (trimmed, line) = match (unclosed.then(|| request(trimmed)).flatten(), lines.get(i)) {
            (Some((_, CUT_OFF)), Some(&(next_number, next)))
                if next.trim().split(' ').next().is_some_and(|w| w.contains('"')) =>
            {
                joined = format!("{trimmed}{}", next.trim());
                i += 1;
                wrapped = Some(next_number);
                (joined.as_str(), Line::new(&joined))
            }
            _ => (trimmed, line),
        };
        if let Some(status_event) = reader::read_line(number, trimmed, &line, own, &mut events) {
            // A status line may be followed by `server response:` and its text.
            let mut event = status_event;
            if let EventKind::HttpStatus { response, .. } = &mut event.kind {
                while i < lines.len() {
                    let (n, t) = lines[i];
                    let inline = t.trim_start().strip_prefix("server response:");
                    let in_response = inline.is_some()
                        || (!response.is_empty() || !event.more_lines.is_empty()) && is_response_continuation(t);
                    if !in_response {
                        break;
                    }
                    let piece = inline.unwrap_or(t).trim();
                    if !piece.is_empty() {
                        if !response.is_empty() {
                            response.push('\n');
                        }
                        response.push_str(piece);
                    }
                    event.more_lines.push(n);
                    i += 1;
                }
            }
            events.push(event);
        }
        let error_frame = || continues && text.starts_with([' ', '\t']) || is_error_frame(trimmed);
        if events.len() > before || !error_frame() {
            // Read already, or not an error of the go command.
        } else if is_wrapper_frame(trimmed) {
            under_frame = true;
        } else {
            let at = read.get_or_insert(trimmed, readings.len());
            if at == readings.len() {
                readings.push(read_failure(trimmed));
            }
            events.push(failure(number, trimmed, &readings[at]));
        }
        for event in &mut events[before..] {
            if let Some(n) = wrapped {
                event.more_lines.insert(0, n);
            }
            if event.module.is_none() {
                (event.module, event.version) = context.map_or((None, None), module_version);
            }
        }
    }
    name_databases(lines, &mut events);
    events
}

/// A checksum mismatch against the database names it two lines below (`\tdownloaded: h1:…`,
/// then `\t<database>: h1:…`, cmd/go's modfetch/fetch.go): the database is the one named.
fn name_databases(lines: &[(usize, &str)], events: &mut [Event]) {
    for event in events {
        let EventKind::ChecksumMismatch { against, .. } = &mut event.kind else {
            continue;
        };
        if against != "checksum database" {
            continue;
        }
        let after = lines.partition_point(|(n, _)| *n <= event.line);
        let named = lines[after..].iter().take(3).find_map(|&(n, text)| {
            let (name, hash) = text.trim().split_once(": ")?;
            let is_name =
                !name.is_empty() && name != "downloaded" && name.contains('.') && !name.contains(char::is_whitespace);
            (is_name && hash.starts_with("h1:")).then(|| (n, name.to_owned()))
        });
        if let Some((n, name)) = named {
            *against = name;
            event.more_lines.push(n);
        }
    }
}

/// What the error catalogue reads in a failing line: its cause, and the module and version its
/// typed holes name.
#[derive(Clone)]
struct Reading {
    cause: Option<&'static str>,
    module: Option<String>,
    version: Option<String>,
}

fn read_failure(text: &str) -> Reading {
    let reading = catalogue::read(text);
    let module = reading.hole(catalogue::Role::Module).filter(|t| is_module_path(t));
    Reading {
        cause: reading.cause(),
        module: module.map(str::to_owned),
        version: module.and(reading.hole(catalogue::Role::Version)).map(str::to_owned),
    }
}

/// An error of the go command no other event reads, as the error catalogue read it.
fn failure(number: usize, text: &str, reading: &Reading) -> Event {
    Event {
        kind: EventKind::GoFailure {
            text: text.to_owned(),
            cause: reading.cause,
        },
        line: number,
        more_lines: Vec::new(),
        module: reading.module.clone(),
        version: reading.version.clone(),
    }
}

/// Whether a line continues a `server response:` block: indented, and not the next error of
/// an `imports` list (`\tpath/to/pkg: …`).
fn is_response_continuation(text: &str) -> bool {
    if !text.starts_with([' ', '\t']) {
        return false;
    }
    let t = text.trim_start();
    if t.starts_with("server response:") {
        return true;
    }
    let first = t.split(' ').next().unwrap_or_default();
    !(first.ends_with(':') && first.contains('/') && first.contains('.') && !t.starts_with("not found"))
}

/// What follows `go.mod:N:` when a line starts with a go.mod file's position (`go.mod:5: …`,
/// `/src/go.mod:5:2: …`, `E:/code\\go.mod:3: …`, `x@v1: parsing go.mod: go.mod:1: …`).
fn gomod_position(text: &str) -> Option<&str> {
    let mut from = 0;
    while let Some(found) = find(&text[from..], "go.mod:") {
        let start = from + found;
        from = start + "go.mod:".len();
        let before = text[..start].chars().next_back();
        let rest = &text[from..];
        let at_start = match before {
            None | Some('/' | '\\') => true,
            Some(' ') => text[..start].ends_with("parsing go.mod: "),
            _ => false,
        };
        let file_start = text[..start].rfind(' ').map_or(0, |i| i + 1);
        let one_path = !text[file_start..start].contains(": ");
        if at_start && one_path && rest.starts_with(|c: char| c.is_ascii_digit()) {
            return Some(rest);
        }
    }
    None
}

/// The path of the module cache, build cache or checksum-database cache a line names.
/// A path of the module cache (not the build cache) named in `text`.
fn module_cache_path(text: &str) -> Option<String> {
    cache_path(text).filter(|p| !has(p, "go-build"))
}

fn cache_path(text: &str) -> Option<String> {
    let markers = [
        "/pkg/mod/",
        "/pkg/sumdb/",
        "/go-build/",
        "\\pkg\\mod\\",
        "\\pkg\\sumdb\\",
        "\\go-build\\",
    ];
    text.split([' ', '"'])
        .map(|w| w.trim_end_matches(':'))
        .find(|w| markers.iter().any(|m| has(w, m)))
        .map(str::to_owned)
}

/// The text after a leading `go: `.
fn after_go(text: &str) -> String {
    let t = text.trim();
    let t = t.strip_prefix("go: ").unwrap_or(t);
    // Drop a leading `module@version: `.
    match t.split_once(": ") {
        Some((first, rest)) if first.contains('@') => rest.to_owned(),
        _ => t.to_owned(),
    }
}

/// The first `'…'` in a line.
fn quoted(text: &str) -> Option<String> {
    let start = text.find('\'')? + 1;
    let end = text[start..].find('\'')? + start;
    Some(text[start..end].to_owned())
}

/// The host of the first `'https://host/…'` in a line.
fn quoted_host(text: &str) -> String {
    quoted(text).map(|q| host_of(&q)).unwrap_or_default()
}

/// The tail [`request`] gives a quoted URL that the line ends inside.
const CUT_OFF: &str = "\u{0}cut off";

/// The request a line reports and what followed it: `Get "URL": tail` (Go ≥ 1.14 quotes the
/// URL), `Get URL: tail` (older), `Head`, `Post`, `read "URL": tail`, or a line that starts with
/// the URL (a paste that wrapped after the verb). The tail is empty when the line ends there.
fn request(text: &str) -> Option<(&str, &str)> {
    // Go ≤ 1.21 printed some proxy URLs with one slash (`https:/proxy.golang.org/@v/…`).
    let is_url = |t: &str| t.starts_with("https:/") || t.starts_with("http:/");
    let unquoted = |rest: &str| -> (usize, usize) {
        // An unquoted URL ends at `: ` or at the end of the line.
        match find(rest, ": ") {
            Some(end) => (end, end + 2),
            None => (rest.trim_end().len(), rest.len()),
        }
    };
    if is_url(text) {
        let (end, tail) = unquoted(text);
        return Some((&text[..end], &text[tail..]));
    }
    // Every request names its URL: look for the scheme, then for the verb before it.
    let mut from = 0;
    while let Some(found) = find(&text[from..], "http") {
        let start = from + found;
        from = start + 4;
        let rest = &text[start..];
        if !is_url(rest) {
            continue;
        }
        let before = &text[..start];
        let (before, quoted) = match before.strip_suffix('"') {
            Some(b) => (b, true),
            None => (before, false),
        };
        let verb = ["Get ", "Head ", "Post ", "read "]
            .into_iter()
            .find(|v| before.ends_with(v));
        match (verb, quoted) {
            (Some(_), true) => {
                let Some(end) = rest.find('"') else {
                    // The line ends inside the quotes: the paste was cut there.
                    return Some((rest.trim_end(), CUT_OFF));
                };
                let tail = rest[end + 1..].strip_prefix(": ").unwrap_or_default();
                return Some((&rest[..end], tail));
            }
            (Some(v), false) if v != "read " => {
                let (end, tail) = unquoted(rest);
                // Go ≤ 1.13 always writes `Get URL: <error>`: a line that ends after the URL
                // was cut there, as the quoted form's unclosed quote says.
                if tail == rest.len() {
                    return Some((&rest[..end], CUT_OFF));
                }
                return Some((&rest[..end], &rest[tail..]));
            }
            _ => {}
        }
    }
    None
}

/// The host of a URL (`https:/host/…`, as old releases print some, too).
pub fn host_of(url: &str) -> String {
    let rest = url.split_once(":/").map_or(url, |(_, r)| r.trim_start_matches('/'));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    authority.split(':').next().unwrap_or_default().to_ascii_lowercase()
}

/// The module (and version) a proxy or checksum database URL asks about:
/// `<base>/<module>/@v/<version>.info`, `<base>/<module>/@v/list`, `<base>/<module>/@latest`,
/// `<db>/lookup/<module>@<version>`; the module path is escaped (`!` before an upper-case
/// letter) and starts at the first path element with a dot (a base path such as `/goproxy/`
/// has none).
pub fn module_of_url(url: &str) -> Option<(String, Option<String>)> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.split(['?', '#']).next().unwrap_or_default();
    // (The server's host is the first element, but for a lookup, which names the module alone.)
    let (escaped, version, server) = if let Some((_, rest)) = path.split_once("/lookup/") {
        let (m, v) = rest.rsplit_once('@')?;
        (m, Some(v.trim_end_matches("/go.mod")), 0)
    } else if let Some((before, after)) = path.split_once("/@v/") {
        let version = after
            .strip_suffix(".info")
            .or_else(|| after.strip_suffix(".mod"))
            .or_else(|| after.strip_suffix(".zip"));
        (before, version, 1)
    } else {
        (path.strip_suffix("/@latest")?, None, 1)
    };
    // After the server (and a proxy's base path): from the first element that names a host.
    let elements: Vec<&str> = escaped.split('/').skip(server).collect();
    // (`<host-1>` is a host the paste's redaction masked.)
    let start = elements
        .iter()
        .position(|e| e.contains('.') || e.starts_with("<host-"))?;
    let module = unescape_path(&elements[start..].join("/"))?;
    let version = version.and_then(unescape_path);
    (!module.is_empty()).then_some((module, version))
}

/// cmd/go's case-encoding undone: `!x` is `X`.
fn unescape_path(escaped: &str) -> Option<String> {
    let mut out = String::with_capacity(escaped.len());
    let mut chars = escaped.chars();
    while let Some(c) = chars.next() {
        match c {
            '!' => out.push(chars.next()?.to_ascii_uppercase()),
            c if c.is_ascii_uppercase() => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

/// What a URL is for.
pub fn target_of(url: &str) -> Target {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    if has(path, "?go-get=1") {
        Target::GoGet
    } else if has(path, "golang.org/toolchain/@v/") {
        Target::Toolchain
    } else if has(path, "/sumdb/") && path.ends_with("/supported") {
        Target::SumdbSupported
    } else if has(path, "/lookup/") || has(path, "/tile/") || has(path, "/sumdb/") || path.ends_with("/latest") {
        Target::ChecksumDb
    } else if has(path, "/@v/") || path.ends_with("/@latest") {
        Target::ModuleProxy
    } else {
        Target::Other
    }
}

/// The subject of an error line: the first `module@version` (`github.com/x/y@v1.2.3`,
/// `…@latest`), else the path the go command's prefix names without a version: `go: module
/// PATH: …`, `go get PATH: …`, `package PATH: …`.
fn module_version(text: &str) -> (Option<String>, Option<String>) {
    // The words (split at spaces, tabs and quotes) that hold an `@`, found from their `@`.
    const ENDS: [char; 3] = [' ', '\t', '"'];
    let mut from = 0;
    while let Some(found) = text.as_bytes()[from..].iter().position(|&b| b == b'@') {
        let at = from + found;
        let start = text[..at].rfind(ENDS).map_or(0, |i| i + 1);
        let end = text[at..].find(ENDS).map_or(text.len(), |i| at + i);
        from = end;
        let word = text[start..end].trim_end_matches(':');
        let Some((module, version)) = word.split_once('@') else {
            continue;
        };
        if !is_module_path(module) || version.is_empty() {
            continue;
        }
        let version = version.trim_end_matches("/go.mod");
        return (Some(module.to_owned()), Some(version.to_owned()));
    }
    // What follows needs a `: ` to name a module.
    if !text.contains(':') {
        return (None, None);
    }
    // `go.mod:6:2: require M: version "V" invalid: …`: go.mod's own requirement.
    if let Some(rest) = after(text, ": require ")
        && let Some((path, tail)) = rest.split_once(": version \"")
        && is_module_path(path)
        && !path.contains(' ')
    {
        let version = tail.split('"').next().unwrap_or_default();
        return (
            Some(path.to_owned()),
            Some(version.to_owned()).filter(|v| !v.is_empty()),
        );
    }
    let t = text.trim_start();
    let t = t.strip_prefix("go: ").unwrap_or(t);
    let rest = ["module ", "go get ", "go get -u ", "go mod download ", "package "]
        .iter()
        .find_map(|p| t.strip_prefix(p));
    if let Some((path, _)) = rest.and_then(|r| r.split_once(": "))
        && is_module_path(path)
        && !path.contains(' ')
    {
        return (Some(path.to_owned()), None);
    }
    (None, None)
}

/// Whether a word can be a module path: host-like first element, not a URL or a file path.
fn is_module_path(module: &str) -> bool {
    let file_path = module.starts_with('/') || module.contains('\\') || has(module, "cache/download");
    // `<host-1>/…` is a host masked by redaction; the path is still a module path.
    let hostlike = module.contains('.') || module.starts_with("<host-");
    hostlike && !has(module, "://") && !module.contains('\'') && !file_path
}

#[cfg(test)]
mod tests;
