//! The fixture harness: runs the real go command against the fake servers, one scenario at a
//! time, and records what it prints.
//!
//! It must run as root inside its own network and mount namespaces
//! (`unshare --net --mount`, as `cargo xtask fixtures` starts it): it binds the fake hosts'
//! addresses (127.0.0.x:443, DNS on 127.0.0.1:53), replaces `/etc/hosts` and
//! `/etc/resolv.conf` by bind mounts, and gives the go command a realistic home
//! (`/home/gopher`, a tmpfs) with the Go SDK at `/home/gopher/sdk/go<version>`.

pub mod catalogue;
pub mod scenarios;
pub mod windows;

use crate::dns::{DnsMode, DnsServer};
use crate::http::{Handler, Server};
use crate::proxy::Proxy;
use crate::sumdb::SumDb;
use crate::tls::{Authority, Validity};
use std::any::Any;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The fake internet: host names and the loopback address each resolves to (`/etc/hosts`).
/// Names not listed here go to the fake DNS server, which fails them.
pub const HOSTS: &[(&str, &str)] = &[
    ("proxy.golang.org", "127.0.0.2"),
    ("sum.golang.org", "127.0.0.3"),
    ("goproxy.cn", "127.0.0.4"),
    ("goproxy.io", "127.0.0.5"),
    ("mirrors.aliyun.com", "127.0.0.6"),
    ("github.com", "127.0.0.7"),
    ("git.corp.example", "127.0.0.8"),
    ("goproxy.corp.example", "127.0.0.9"),
    ("gopkg.in", "127.0.0.10"),
    ("golang.org", "127.0.0.11"),
    ("squid.corp.example", "127.0.0.12"),
    ("sum.golang.google.cn", "127.0.0.13"),
];

/// The home of the user the go command runs as.
pub const HOME: &str = "/home/gopher";
/// The module the go command works in.
pub const WORK: &str = "/home/gopher/src/app";

/// The address `host` resolves to.
pub fn ip(host: &str) -> &'static str {
    HOSTS
        .iter()
        .find(|(h, _)| *h == host)
        .map_or("127.0.0.254", |(_, ip)| ip)
}

/// Everything one scenario sets up; servers live as long as it does.
pub struct Setup<'a> {
    pub ca: &'a Authority,
    /// Environment variables on top of the defaults ([`Setup::base_env`]); an empty value unsets.
    pub env: Vec<(String, String)>,
    /// Lines of the go env file (`go env -w`), as `KEY=value`.
    pub go_env_file: Vec<String>,
    /// Files relative to [`WORK`] (go.mod, main.go, go.sum, vendor/…).
    pub files: Vec<(String, String)>,
    /// The go command's arguments.
    pub args: Vec<String>,
    /// Files relative to [`HOME`] (a pre-filled module cache, a .netrc, …).
    pub home_files: Vec<(String, String)>,
    /// Directories under [`HOME`] mounted read-only (empty) before the go command runs.
    pub read_only: Vec<String>,
    /// Host names of [`HOSTS`] left out of `/etc/hosts`, so that DNS decides.
    pub unresolvable: Vec<String>,
    pub dns: DnsMode,
    pub timeout: Duration,
    /// The running Go SDK's directory (`/home/gopher/sdk/go1.27.3`).
    pub sdk: String,
    /// What [`Setup::start`] started, by name (a host for the HTTPS servers).
    started: Vec<String>,
    /// Set when only the scenario's static parts are wanted: no server starts, no repository
    /// is built.
    dry_run: bool,
    servers: Vec<Box<dyn Any>>,
}

impl std::fmt::Debug for Setup<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Setup")
            .field("args", &self.args)
            .field("env", &self.env)
            .finish_non_exhaustive()
    }
}

impl<'a> Setup<'a> {
    fn new(ca: &'a Authority, sumdb_key: &str) -> Setup<'a> {
        Setup {
            ca,
            env: vec![
                ("GOPROXY".into(), "https://proxy.golang.org,direct".into()),
                ("GOSUMDB".into(), sumdb_key.into()),
            ],
            go_env_file: Vec::new(),
            files: vec![
                ("go.mod".into(), "module example.com/app\n\ngo 1.22\n".into()),
                ("main.go".into(), "package main\n\nfunc main() {}\n".into()),
            ],
            args: vec!["mod".into(), "download".into()],
            home_files: Vec::new(),
            read_only: Vec::new(),
            unresolvable: Vec::new(),
            dns: DnsMode::NoSuchHost,
            timeout: Duration::from_secs(30),
            sdk: format!("{HOME}/sdk/go1.27.3"),
            started: Vec::new(),
            dry_run: false,
            servers: Vec::new(),
        }
    }

    /// A setup whose servers are never started (to read a scenario's command and files).
    fn dry(ca: &'a Authority) -> Setup<'a> {
        Setup {
            dry_run: true,
            ..Setup::new(ca, "")
        }
    }

    /// Starts a server for `what` and keeps it for the scenario (not in a dry run).
    pub fn start(&mut self, what: &str, start: impl FnOnce() -> std::io::Result<Server>) {
        if self.dry_run {
            return;
        }
        let server = start().unwrap_or_else(|e| panic!("listen as {what}: {e}"));
        self.started.push(what.to_owned());
        self.keep(server);
    }

    /// Sets (or, with an empty value, unsets) an environment variable.
    pub fn env(&mut self, key: &str, value: &str) -> &mut Self {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn file(&mut self, name: &str, content: &str) -> &mut Self {
        self.files.retain(|(n, _)| n != name);
        self.files.push((name.into(), content.into()));
        self
    }

    pub fn remove_file(&mut self, name: &str) -> &mut Self {
        self.files.retain(|(n, _)| n != name);
        self
    }

    pub fn home_file(&mut self, name: &str, content: &str) -> &mut Self {
        self.home_files.push((name.into(), content.into()));
        self
    }

    /// Leaves `host` out of `/etc/hosts`; DNS answers for it as [`Setup::dns`] says.
    pub fn unresolvable(&mut self, host: &str) -> &mut Self {
        self.unresolvable.push(host.into());
        self
    }

    pub fn go_mod(&mut self, content: &str) -> &mut Self {
        self.file("go.mod", content)
    }

    /// `main.go` importing `packages`.
    pub fn imports(&mut self, packages: &[&str]) -> &mut Self {
        let imports: String = packages.iter().map(|p| format!("\t_ \"{p}\"\n")).collect();
        self.file(
            "main.go",
            &format!("package main\n\nimport (\n{imports})\n\nfunc main() {{}}\n"),
        )
    }

    /// The go command's arguments, split on spaces.
    pub fn command(&mut self, args: &str) -> &mut Self {
        self.args = args.split_whitespace().map(str::to_owned).collect();
        self
    }

    /// Keeps a server running for the scenario.
    pub fn keep(&mut self, server: impl Any) {
        self.servers.push(Box::new(server));
    }

    /// Serves `handler` over HTTPS as `host` (port 443) with a certificate from the trusted CA.
    pub fn https(&mut self, host: &str, handler: Handler) {
        let config = self.ca.server_config(&[host], Validity::Current).expect("certificate");
        self.https_with(host, config, handler);
    }

    /// Serves `handler` over HTTPS as `host` with the given TLS configuration.
    pub fn https_with(&mut self, host: &str, config: Arc<rustls::ServerConfig>, handler: Handler) {
        self.start(host, || {
            Server::start_tls(&format!("{}:443", ip(host)), config, handler)
        });
    }

    /// Serves `proxy` over HTTPS as `host`.
    pub fn proxy(&mut self, host: &str, proxy: Proxy) {
        let proxy = Arc::new(proxy);
        let handler: Handler = Arc::new(move |request| proxy.handle(request));
        self.https(host, handler);
    }

    /// Serves the checksum database over HTTPS as `host`.
    pub fn sumdb(&mut self, host: &str, sumdb: Arc<SumDb>) {
        let handler: Handler = Arc::new(move |request| sumdb.handle(request.path.trim_start_matches('/')));
        self.https(host, handler);
    }

    /// Hosts git repositories at `host` like a GitLab or GitHub: `?go-get=1` answers with a
    /// go-import meta tag (repository `https://<host>/<path>.git`), and git's smart HTTP is served
    /// by `git http-backend`. `repos` are (repository path as cloned, versions to commit and tag).
    pub fn git_host(&mut self, host: &str, repos: &[(&str, Vec<crate::module::ModuleVersion>)]) {
        if self.dry_run {
            return;
        }
        let root = PathBuf::from("/tmp/gmd-fixtures-git").join(host);
        for (path, versions) in repos {
            crate::git::build_repository(&root, path, versions).unwrap_or_else(|e| panic!("repository {path}: {e}"));
        }
        let host_name = host.to_owned();
        let handler: Handler = Arc::new(move |request| {
            if request.query.contains("go-get=1") {
                let module = format!("{host_name}{}", request.path.trim_end_matches('/'));
                let meta = format!(
                    "<!DOCTYPE html><html><head><meta name=\"go-import\" content=\"{module} git https://{module}.git\"></head></html>\n"
                );
                return crate::http::Reply::with_type(200, "text/html; charset=utf-8", meta.into_bytes());
            }
            crate::git::http_backend(&root, request)
        });
        self.https(host, handler);
    }
}

/// What the go command did in one scenario.
#[derive(Debug)]
pub struct Outcome {
    pub go_env: String,
    pub go_env_json: String,
    pub output: String,
    /// The exit code, or `None` when the harness stopped it at the time limit.
    pub exit_code: Option<i32>,
    pub elapsed: Duration,
}

/// Runs scenarios with the go command from `goroot`.
#[derive(Debug)]
pub struct Harness {
    ca: Authority,
    sumdb_key: String,
    go_version: String,
    dns: DnsServer,
}

impl Harness {
    /// Prepares the namespaces' files: `/home` as tmpfs, the SDK, `/etc/hosts`, `/etc/resolv.conf`.
    pub fn new(goroot: &Path) -> Result<Harness, String> {
        let go_version = std::fs::read_to_string(goroot.join("VERSION"))
            .map_err(|e| format!("cannot read {}/VERSION: {e}", goroot.display()))?
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned();
        let scratch = Path::new(HOSTS_FILE).parent().unwrap_or(Path::new("/tmp"));
        write(Path::new(HOSTS_FILE), &hosts_file(&[]))?;
        write(
            &scratch.join("resolv.conf"),
            "nameserver 127.0.0.1\noptions timeout:2 attempts:1\n",
        )?;
        run("mount", &["-t", "tmpfs", "tmpfs", "/home"])?;
        let sdk = format!("{HOME}/sdk/{go_version}");
        std::fs::create_dir_all(&sdk).map_err(|e| e.to_string())?;
        run("mount", &["--bind", &goroot.to_string_lossy(), &sdk])?;
        run("mount", &["--bind", HOSTS_FILE, "/etc/hosts"])?;
        run(
            "mount",
            &[
                "--bind",
                &scratch.join("resolv.conf").to_string_lossy(),
                "/etc/resolv.conf",
            ],
        )?;
        let dns = DnsServer::start("127.0.0.1:53", DnsMode::NoSuchHost).map_err(|e| format!("dns: {e}"))?;
        let ca = Authority::new("Gopher Test Root CA").map_err(|e| e.to_string())?;
        Ok(Harness {
            ca,
            sumdb_key: catalogue::sumdb().verifier_key(),
            go_version,
            dns,
        })
    }

    pub fn go_version(&self) -> &str {
        &self.go_version
    }

    /// The go command's arguments in `scenario`.
    pub fn args(scenario: &scenarios::Scenario) -> Vec<String> {
        let ca = Authority::new("unused").expect("authority");
        let mut setup = Setup::dry(&ca);
        (scenario.build)(&mut setup);
        setup.args.clone()
    }

    /// The files the scenario's module holds (go.mod, go.sum, main.go, vendor/…).
    pub fn inputs(&self, scenario: &scenarios::Scenario) -> Vec<(String, String)> {
        let mut setup = Setup::dry(&self.ca);
        (scenario.build)(&mut setup);
        self.fit_go_line(&mut setup);
        std::mem::take(&mut setup.files)
    }

    /// Scenarios write `go 1.22`; a release older than that would refuse every one of them, so
    /// for it the line says its own language version. Lines about a future Go (`go 1.99`, the
    /// toolchain scenarios) stay.
    fn fit_go_line(&self, setup: &mut Setup<'_>) {
        let lang: String = self
            .go_version
            .trim_start_matches("go")
            .split('.')
            .take(2)
            .collect::<Vec<_>>()
            .join(".");
        let minor = lang.split('.').nth(1).and_then(|m| m.parse::<u32>().ok()).unwrap_or(99);
        if minor >= 22 {
            return;
        }
        for (name, content) in &mut setup.files {
            if name.ends_with("go.mod") {
                *content = content.replace("\ngo 1.22\n", &format!("\ngo {lang}\n"));
            }
        }
    }

    /// Sets up and runs one scenario.
    pub fn run(&self, scenario: &scenarios::Scenario) -> Result<Outcome, String> {
        self.run_after(scenario, None)
    }

    /// Sets up one scenario afresh, runs `fix` (POSIX shell commands, as the page shows them) in
    /// the sandbox user's shell, then the scenario's go command in that same shell.
    pub fn run_fixed(&self, scenario: &scenarios::Scenario, fix: &str) -> Result<Outcome, String> {
        self.run_after(scenario, Some(fix))
    }

    /// Sets up one scenario afresh and runs `fix` in place of the scenario's command: for a fix
    /// that is itself the command to type instead (`go get M@latest` for a version that does
    /// not exist), its own success is the proof.
    pub fn run_instead(&self, scenario: &scenarios::Scenario, fix: &str) -> Result<Outcome, String> {
        self.run_after(scenario, Some(&format!("{INSTEAD}{fix}")))
    }

    fn run_after(&self, scenario: &scenarios::Scenario, fix: Option<&str>) -> Result<Outcome, String> {
        let mut setup = Setup::new(&self.ca, &self.sumdb_key);
        setup.sdk = format!("{HOME}/sdk/{}", self.go_version);
        (scenario.build)(&mut setup);
        self.fit_go_line(&mut setup);
        if fix.is_some() {
            // A fix is proven in a world where the public mirrors and checksum databases the
            // scenario did not break work, as they do for users: a fix that moves to another
            // mirror finds one. Like the real ones, those mirrors also proxy sum.golang.org, from
            // where they stand (so a checksum database broken on the user's path is not theirs).
            // They serve the toolchain release the scenarios ask for, too.
            let release = catalogue::toolchain_release(&setup.sdk);
            let sumdb = || Arc::new(catalogue::sumdb_with(std::slice::from_ref(&release)));
            for host in ["proxy.golang.org", "goproxy.cn", "goproxy.io"] {
                if !setup.started.iter().any(|h| h == host) && !setup.unresolvable.iter().any(|h| h == host) {
                    setup.proxy(host, catalogue::public_proxy().module(release.clone()).sumdb(sumdb()));
                }
            }
            for host in ["sum.golang.org", "sum.golang.google.cn"] {
                if !setup.started.iter().any(|h| h == host) && !setup.unresolvable.iter().any(|h| h == host) {
                    setup.sumdb(host, sumdb());
                }
            }
        }
        self.dns.set_mode(setup.dns);
        write(&PathBuf::from(HOSTS_FILE), &hosts_file(&setup.unresolvable))?;
        reset_home()?;
        write(&PathBuf::from(format!("{HOME}/.gmd-ca.pem")), self.ca.pem())?;
        for (name, content) in &setup.files {
            write(&Path::new(WORK).join(name), content)?;
        }
        for (name, content) in &setup.home_files {
            write(&Path::new(HOME).join(name), content)?;
        }
        for dir in &setup.read_only {
            let dir = Path::new(HOME).join(dir);
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            run("mount", &["-t", "tmpfs", "-o", "ro", "tmpfs", &dir.to_string_lossy()])?;
        }
        if !setup.go_env_file.is_empty() {
            write(
                &PathBuf::from(format!("{HOME}/.config/go/env")),
                &(setup.go_env_file.join("\n") + "\n"),
            )?;
        }
        let go_env = self.go(&setup, &["env"], Duration::from_secs(20))?.output;
        let go_env_json = self.go(&setup, &["env", "-json"], Duration::from_secs(20))?.output;
        let args: Vec<&str> = setup.args.iter().map(String::as_str).collect();
        let mut outcome = self.go_after(&setup, fix, &args, setup.timeout)?;
        outcome.go_env = go_env;
        outcome.go_env_json = go_env_json;
        for dir in &setup.read_only {
            run("umount", &[&Path::new(HOME).join(dir).to_string_lossy()])?;
        }
        drop(setup);
        Ok(outcome)
    }

    /// Runs `go <args>` in [`WORK`] with the scenario's environment, stdout and stderr merged.
    fn go(&self, setup: &Setup<'_>, args: &[&str], limit: Duration) -> Result<Outcome, String> {
        self.go_after(setup, None, args, limit)
    }

    /// [`Harness::go`], after `prelude` in the same `sh` when there is one.
    fn go_after(
        &self,
        setup: &Setup<'_>,
        prelude: Option<&str>,
        args: &[&str],
        limit: Duration,
    ) -> Result<Outcome, String> {
        let sdk_bin = format!("{HOME}/sdk/{}/bin", self.go_version);
        let out_path = PathBuf::from(format!("{HOME}/.gmd-output"));
        let out = std::fs::File::create(&out_path).map_err(|e| e.to_string())?;
        let err = out.try_clone().map_err(|e| e.to_string())?;
        let mut command = match prelude {
            Some(fix) if fix.starts_with(INSTEAD) => {
                let mut sh = Command::new("/bin/sh");
                sh.arg("-c").arg(&fix[INSTEAD.len()..]);
                sh
            }
            Some(prelude) => {
                let mut sh = Command::new("/bin/sh");
                // The fix's own output is not the go command's: it goes nowhere.
                sh.arg("-c")
                    .arg(format!(
                        "{{\n{prelude}\n}} >/dev/null 2>&1\ncd {WORK} && exec go \"$@\""
                    ))
                    .arg("sh");
                sh
            }
            None => Command::new(format!("{sdk_bin}/go")),
        };
        command
            .args(args)
            .current_dir(WORK)
            .env_clear()
            .env("HOME", HOME)
            .env("USER", "gopher")
            .env("LANG", "C.UTF-8")
            .env("PATH", format!("{sdk_bin}:/usr/local/bin:/usr/bin:/bin"))
            .env("GOTOOLCHAIN", "local")
            .env("SSL_CERT_FILE", format!("{HOME}/.gmd-ca.pem"))
            // git's libcurl may use GnuTLS, which ignores SSL_CERT_FILE.
            .env("GIT_SSL_CAINFO", format!("{HOME}/.gmd-ca.pem"))
            .env("GIT_CONFIG_NOSYSTEM", "1");
        for (key, value) in &setup.env {
            if value.is_empty() {
                command.env_remove(key);
            } else {
                command.env(key, value);
            }
        }
        let started = Instant::now();
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::from(out))
            .stderr(Stdio::from(err))
            .spawn()
            .map_err(|e| format!("cannot run go: {e}"))?;
        let exit_code = loop {
            if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
                break status.code();
            }
            if started.elapsed() > limit {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let elapsed = started.elapsed();
        let mut output = String::new();
        std::fs::File::open(&out_path)
            .and_then(|mut f| f.read_to_string(&mut output))
            .map_err(|e| e.to_string())?;
        Ok(Outcome {
            go_env: String::new(),
            go_env_json: String::new(),
            output,
            exit_code,
            elapsed,
        })
    }
}

/// Marks a fix run in place of the scenario's command (see [`Harness::run_instead`]).
const INSTEAD: &str = "\u{0}instead\u{0}";

/// The file bind-mounted over `/etc/hosts`, rewritten for each scenario.
const HOSTS_FILE: &str = "/tmp/gmd-fixtures-etc/hosts";

/// `/etc/hosts` with every fake host but `unresolvable`.
fn hosts_file(unresolvable: &[String]) -> String {
    std::iter::once("127.0.0.1\tlocalhost\n::1\tlocalhost\n".to_owned())
        .chain(
            HOSTS
                .iter()
                .filter(|(host, _)| !unresolvable.iter().any(|u| u == host))
                .map(|(host, ip)| format!("{ip}\t{host}\n")),
        )
        .collect()
}

/// Empties the home directory but for the SDK mount.
fn reset_home() -> Result<(), String> {
    let entries = std::fs::read_dir(HOME).map_err(|e| e.to_string())?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.file_name().is_some_and(|n| n == "sdk") {
            continue;
        }
        if path.is_dir() {
            std::fs::remove_dir_all(&path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
        } else {
            std::fs::remove_file(&path).map_err(|e| e.to_string())?;
        }
    }
    std::fs::create_dir_all(WORK).map_err(|e| e.to_string())
}

fn write(path: &Path, content: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, content).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn run(program: &str, args: &[&str]) -> Result<(), String> {
    let status = Command::new(program)
        .args(args)
        .status()
        .map_err(|e| format!("{program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{program} {} failed: {status}", args.join(" ")))
    }
}
