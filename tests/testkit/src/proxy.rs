//! A Go module proxy (the GOPROXY protocol) serving real module versions, with faults injected
//! per module, per path or for the whole listener.

use crate::http::{Handler, Reply, Request, Server};
use crate::module::{ModuleVersion, compare_versions, escape, unescape};
use crate::sumdb::SumDb;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What a faulty proxy does instead of answering well.
#[derive(Debug, Clone)]
pub enum Fault {
    /// This status and body.
    Status(u16, String),
    /// This status and body on the first request for each URL path, then the right answer: a
    /// passing fault (an overloaded gateway, a restart), which a retry gets past.
    StatusOnce(u16, String),
    /// This status and body on every request for this long after the proxy's first request,
    /// then the right answer: an outage that ends (a minute later, the mirror is healthy again).
    StatusFor(u16, String, Duration),
    /// A 200 HTML login page, as a captive portal or an intercepting gateway sends.
    CaptivePortal,
    Hang,
    Reset,
    Eof,
    /// Answers correctly after a delay.
    Slow(Duration),
    /// A zip whose body stops halfway.
    TruncatedZip,
    /// 200 with bytes that are not a zip.
    InvalidZip,
    /// `.info` naming another version.
    WrongInfoVersion(String),
    /// A `.mod` file other than the one the module has (its `h1:` differs from the checksum
    /// database's).
    AlteredMod,
    /// A redirect to this location (`{path}` is replaced by the request path).
    Redirect(u16, String),
}

/// Which requests a fault applies to.
#[derive(Debug, Clone)]
pub enum Target {
    All,
    /// Every request for a module whose path starts with this prefix.
    Module(String),
    /// Requests whose URL path ends with this suffix (`.zip`, `/@v/list`, …).
    Suffix(String),
}

/// A module proxy's content and behaviour.
#[derive(Debug, Default)]
pub struct Proxy {
    modules: Vec<ModuleVersion>,
    faults: Vec<(Target, Fault)>,
    /// Module path prefixes answered like proxy.golang.org answers for private repositories.
    private: Vec<(String, u16)>,
    /// `path@version`s served but missing from `@v/list` (a stale list).
    unlisted: Vec<String>,
    sumdb: Option<Arc<SumDb>>,
    /// Requests seen, as `METHOD /path`.
    log: Mutex<Vec<String>>,
    /// When the first request came.
    first_request: std::sync::OnceLock<std::time::Instant>,
}

impl Proxy {
    pub fn new() -> Proxy {
        Proxy::default()
    }

    pub fn module(mut self, module: ModuleVersion) -> Proxy {
        self.modules.push(module);
        self
    }

    pub fn fault(mut self, target: Target, fault: Fault) -> Proxy {
        self.faults.push((target, fault));
        self
    }

    /// Answers `status` (404 or 410) for modules under `prefix`, with proxy.golang.org's text for
    /// a repository it cannot read.
    pub fn private(mut self, prefix: &str, status: u16) -> Proxy {
        self.private.push((prefix.to_owned(), status));
        self
    }

    /// Leaves `path@version` out of `@v/list` and `@latest` while still serving it.
    pub fn unlisted(mut self, path: &str, version: &str) -> Proxy {
        self.unlisted.push(format!("{path}@{version}"));
        self
    }

    /// Serves `sumdb` under `/sumdb/<name>/` (and answers `supported` for it).
    pub fn sumdb(mut self, sumdb: Arc<SumDb>) -> Proxy {
        self.sumdb = Some(sumdb);
        self
    }

    /// Starts serving on 127.0.0.1 at an OS-chosen port.
    pub fn start(self) -> std::io::Result<RunningProxy> {
        self.start_with(Server::start)
    }

    /// Starts serving HTTPS with `config` on 127.0.0.1 at an OS-chosen port.
    pub fn start_tls(self, config: Arc<rustls::ServerConfig>) -> std::io::Result<RunningProxy> {
        self.start_with(|handler| Server::start_tls("127.0.0.1:0", config, handler))
    }

    fn start_with(self, serve: impl FnOnce(Handler) -> std::io::Result<Server>) -> std::io::Result<RunningProxy> {
        let proxy = Arc::new(self);
        let shared = Arc::clone(&proxy);
        let handler: Handler = Arc::new(move |request| shared.handle(request));
        Ok(RunningProxy {
            server: serve(handler)?,
            proxy,
        })
    }

    /// The requests seen so far.
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// Answers one request.
    pub fn handle(&self, request: &Request) -> Reply {
        if let Ok(mut log) = self.log.lock() {
            log.push(format!("{} {}", request.method, request.path));
        }
        let path = request.path.trim_start_matches('/');
        if let Some(rest) = path.strip_prefix("sumdb/") {
            return self.handle_sumdb(rest);
        }
        let Some(parsed) = parse_path(path) else {
            return Reply::text(404, "not found\n");
        };
        let module_path = parsed.module.clone();
        if let Some(fault) = self.fault_for(&module_path, &request.path) {
            return self.apply(fault, request, &parsed);
        }
        self.answer(&parsed)
    }

    fn fault_for(&self, module: &str, url_path: &str) -> Option<&Fault> {
        self.faults.iter().find_map(|(target, fault)| {
            let hit = match target {
                Target::All => true,
                Target::Module(prefix) => module.starts_with(prefix.as_str()),
                Target::Suffix(suffix) => url_path.ends_with(suffix.as_str()),
            };
            hit.then_some(fault)
        })
    }

    fn apply(&self, fault: &Fault, request: &Request, parsed: &ParsedPath) -> Reply {
        match fault {
            Fault::Status(status, body) => Reply::text(*status, body.clone()),
            Fault::StatusOnce(status, body) => {
                // The log holds this request already.
                let suffix = format!(" {}", request.path);
                let seen = self.log.lock().map_or(1, |log| log.iter().filter(|l| l.ends_with(&suffix)).count());
                match seen {
                    1 => Reply::text(*status, body.clone()),
                    _ => self.answer(parsed),
                }
            }
            Fault::StatusFor(status, body, span) => {
                let first = *self.first_request.get_or_init(std::time::Instant::now);
                match first.elapsed() < *span {
                    true => Reply::text(*status, body.clone()),
                    false => self.answer(parsed),
                }
            }
            Fault::CaptivePortal => Reply::with_type(
                200,
                "text/html; charset=utf-8",
                b"<!DOCTYPE html><html><head><title>Network login</title></head><body><h1>Sign in to the network</h1><form method=post action=/login><input name=user><input name=password type=password></form></body></html>\n".to_vec(),
            ),
            Fault::Hang => Reply::Hang,
            Fault::Reset => Reply::Reset,
            Fault::Eof => Reply::Eof,
            Fault::Slow(delay) => Reply::Delayed(*delay, Box::new(self.answer(parsed))),
            Fault::TruncatedZip | Fault::InvalidZip => match (self.answer(parsed), fault) {
                (Reply::Response { status: 200, body, .. }, Fault::TruncatedZip) if parsed.file == File::Zip => {
                    let sent = body.len() / 2;
                    Reply::Truncated { status: 200, body, sent }
                }
                (Reply::Response { status: 200, .. }, Fault::InvalidZip) if parsed.file == File::Zip => {
                    Reply::with_type(200, "application/zip", b"PK\x03\x04 this is not a zip archive".to_vec())
                }
                (reply, _) => reply,
            },
            Fault::WrongInfoVersion(version) => match self.answer(parsed) {
                Reply::Response { status: 200, .. } if parsed.file == File::Info => Reply::with_type(
                    200,
                    "application/json",
                    format!("{{\"Version\":\"{version}\",\"Time\":\"2024-01-02T03:04:05Z\"}}\n").into_bytes(),
                ),
                reply => reply,
            },
            Fault::AlteredMod => match self.answer(parsed) {
                Reply::Response { status: 200, body, .. } if parsed.file == File::Mod => {
                    let mut body = body;
                    body.extend_from_slice(b"// altered by the mirror\n");
                    Reply::with_type(200, "text/plain; charset=utf-8", body)
                }
                reply => reply,
            },
            Fault::Redirect(status, location) => Reply::redirect(*status, &location.replace("{path}", &request.path)),
        }
    }

    fn answer(&self, parsed: &ParsedPath) -> Reply {
        let module = &parsed.module;
        if let Some((_, status)) = self.private.iter().find(|(p, _)| module.starts_with(p.as_str())) {
            return Reply::text(
                *status,
                private_body(module, parsed.version.as_deref().unwrap_or("latest")),
            );
        }
        let versions: Vec<&ModuleVersion> = self.modules.iter().filter(|m| m.path == *module).collect();
        let listed = || -> Vec<&ModuleVersion> {
            let mut listed: Vec<&ModuleVersion> = versions
                .iter()
                .copied()
                .filter(|m| m.listed && !self.unlisted.contains(&format!("{}@{}", m.path, m.version)))
                .collect();
            listed.sort_by(|a, b| compare_versions(&a.version, &b.version));
            listed
        };
        match (&parsed.file, &parsed.version) {
            (File::List, _) => {
                if versions.is_empty() {
                    return Reply::text(
                        404,
                        format!("not found: module {module}: no matching versions for query \"latest\"\n"),
                    );
                }
                Reply::text(
                    200,
                    listed().iter().map(|m| format!("{}\n", m.version)).collect::<String>(),
                )
            }
            (File::Latest, _) => match listed().last() {
                Some(latest) => Reply::with_type(200, "application/json", latest.info().into_bytes()),
                None => Reply::text(
                    404,
                    format!("not found: module {module}: no matching versions for query \"latest\"\n"),
                ),
            },
            (file, Some(version)) => {
                let Some(found) = versions.iter().find(|m| m.version == *version) else {
                    if versions.is_empty() {
                        return Reply::text(
                            404,
                            format!(
                                "not found: module {module}: git ls-remote -q origin in /tmp/gopath/pkg/mod/cache/vcs/0123: exit status 128:\n\tremote: Repository not found.\n\tfatal: repository 'https://{module}/' not found\n"
                            ),
                        );
                    }
                    return Reply::text(
                        404,
                        format!("not found: {module}@{version}: invalid version: unknown revision {version}\n"),
                    );
                };
                match file {
                    File::Info => Reply::with_type(200, "application/json", found.info().into_bytes()),
                    File::Mod => Reply::text(200, found.go_mod.clone()),
                    _ => Reply::with_type(200, "application/zip", found.zip()),
                }
            }
            _ => Reply::text(404, "not found\n"),
        }
    }

    fn handle_sumdb(&self, rest: &str) -> Reply {
        let Some(sumdb) = &self.sumdb else {
            return Reply::text(404, "not found\n");
        };
        let Some((name, rest)) = rest.split_once('/') else {
            return Reply::text(404, "not found\n");
        };
        if name != sumdb.name() {
            return Reply::text(404, "not found\n");
        }
        if rest == "supported" {
            return Reply::text(200, "");
        }
        sumdb.handle(rest)
    }
}

/// The body proxy.golang.org (and sum.golang.org) send for a module they cannot fetch: for a
/// private GitHub repository git asks for credentials; for a company host the name does not
/// resolve on the public internet.
pub fn private_body(module: &str, version: &str) -> String {
    let host = module.split('/').next().unwrap_or_default();
    if host == "github.com" {
        return format!(
            "not found: {module}@{version}: invalid version: git ls-remote -q origin in /tmp/gopath/pkg/mod/cache/vcs/0123: exit status 128:\n\tfatal: could not read Username for 'https://{host}': terminal prompts disabled\nConfirm the import path was entered correctly.\nIf this is a private repository, see https://golang.org/doc/faq#git_https for additional information.\n"
        );
    }
    format!(
        "not found: {module}@{version}: unrecognized import path \"{module}\": https fetch: Get \"https://{module}?go-get=1\": dial tcp: lookup {host} on 169.254.169.254:53: no such host\n"
    )
}

/// A proxy serving on loopback; stops when dropped.
#[derive(Debug)]
pub struct RunningProxy {
    pub server: Server,
    pub proxy: Arc<Proxy>,
}

impl RunningProxy {
    pub fn url(&self) -> String {
        self.server.url()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum File {
    List,
    Latest,
    Info,
    Mod,
    Zip,
}

#[derive(Debug)]
struct ParsedPath {
    module: String,
    version: Option<String>,
    file: File,
}

/// Parses `<escaped module>/@v/list|<v>.info|<v>.mod|<v>.zip` and `<escaped module>/@latest`.
fn parse_path(path: &str) -> Option<ParsedPath> {
    if let Some(module) = path.strip_suffix("/@latest") {
        return Some(ParsedPath {
            module: unescape(module)?,
            version: None,
            file: File::Latest,
        });
    }
    let (module, rest) = path.split_once("/@v/")?;
    let module = unescape(module)?;
    if rest == "list" {
        return Some(ParsedPath {
            module,
            version: None,
            file: File::List,
        });
    }
    let (version, file) = [(".info", File::Info), (".mod", File::Mod), (".zip", File::Zip)]
        .into_iter()
        .find_map(|(ext, file)| Some((rest.strip_suffix(ext)?, file)))?;
    Some(ParsedPath {
        module,
        version: Some(unescape(version)?),
        file,
    })
}

/// The URL path of a proxy file for `module` (`list`, `<v>.info`, …).
pub fn proxy_path(module: &str, file: &str) -> String {
    format!("/{}/@v/{}", escape(module), escape(file))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(proxy: &Proxy, path: &str) -> (u16, Vec<u8>) {
        let request = Request {
            method: "GET".into(),
            path: path.into(),
            query: String::new(),
            headers: vec![],
            body: vec![],
        };
        match proxy.handle(&request) {
            Reply::Response { status, body, .. } => (status, body),
            other => (0, format!("{other:?}").into_bytes()),
        }
    }

    fn text(proxy: &Proxy, path: &str) -> (u16, String) {
        let (status, body) = get(proxy, path);
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    #[test]
    fn serves_the_protocol() {
        let proxy = Proxy::new()
            .module(ModuleVersion::new("example.com/Hello", "v1.0.0"))
            .module(ModuleVersion::new("example.com/Hello", "v1.10.0"))
            .module(ModuleVersion::new("example.com/Hello", "v1.9.0"))
            .module(ModuleVersion::new(
                "example.com/Hello",
                "v0.0.0-20240102030405-abcdefabcdef",
            ));
        assert_eq!(
            text(&proxy, "/example.com/!hello/@v/list"),
            (200, "v1.0.0\nv1.9.0\nv1.10.0\n".into())
        );
        assert_eq!(
            text(&proxy, "/example.com/!hello/@latest").1,
            ModuleVersion::new("example.com/Hello", "v1.10.0").info()
        );
        assert_eq!(
            text(&proxy, "/example.com/!hello/@v/v1.0.0.mod"),
            (200, "module example.com/Hello\n\ngo 1.21\n".into())
        );
        let (status, zip) = get(&proxy, "/example.com/!hello/@v/v1.9.0.zip");
        assert_eq!((status, &zip[..2]), (200, &b"PK"[..]));
        assert_eq!(
            text(&proxy, "/example.com/!hello/@v/v0.0.0-20240102030405-abcdefabcdef.info").0,
            200
        );
        let (status, body) = text(&proxy, "/example.com/!hello/@v/v2.0.0.info");
        assert_eq!(status, 404);
        assert!(body.contains("unknown revision v2.0.0"));
        assert_eq!(
            text(&proxy, "/example.com/Hello/@v/list").0,
            404,
            "unescaped upper case is invalid"
        );
        assert_eq!(text(&proxy, "/example.com/other/@v/list").0, 404);
    }

    #[test]
    fn private_modules_and_faults() {
        let proxy = Proxy::new()
            .module(ModuleVersion::new("example.com/a", "v1.0.0"))
            .private("git.corp.example/", 410)
            .fault(Target::Suffix(".zip".into()), Fault::InvalidZip)
            .fault(
                Target::Module("example.com/broken".into()),
                Fault::Status(502, "bad gateway\n".into()),
            )
            .unlisted("example.com/a", "v1.0.0");
        let (status, body) = text(&proxy, "/git.corp.example/team/lib/@v/list");
        assert_eq!(status, 410);
        assert!(
            body.contains("unrecognized import path \"git.corp.example/team/lib\""),
            "{body}"
        );
        assert_eq!(
            get(&proxy, "/example.com/a/@v/v1.0.0.zip").1,
            b"PK\x03\x04 this is not a zip archive"
        );
        assert_eq!(text(&proxy, "/example.com/broken/@v/list").0, 502);
        assert_eq!(text(&proxy, "/example.com/a/@v/list"), (200, String::new()));
        assert_eq!(text(&proxy, "/example.com/a/@v/v1.0.0.info").0, 200);
        assert_eq!(proxy.requests().len(), 5);
    }

    #[test]
    fn sumdb_behind_the_proxy() {
        let mut db = SumDb::new("sum.golang.org", 1);
        let module = ModuleVersion::new("example.com/a", "v1.0.0");
        db.add(&module);
        let proxy = Proxy::new().module(module).sumdb(Arc::new(db));
        assert_eq!(text(&proxy, "/sumdb/sum.golang.org/supported").0, 200);
        assert_eq!(text(&proxy, "/sumdb/other.example/supported").0, 404);
        assert_eq!(text(&proxy, "/sumdb/sum.golang.org/latest").0, 200);
        assert_eq!(text(&proxy, "/sumdb/sum.golang.org/lookup/example.com/a@v1.0.0").0, 200);
    }
}
