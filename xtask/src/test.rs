//! `cargo xtask test`: every check of the repository, ending with `N passed, N failed`.
//!
//! Static checks and builds count as one check each; test runners count their own tests. The
//! end-to-end tests run inside a loopback-only network namespace, so nothing they start (wrangler,
//! workerd, Chromium) can reach any address but 127.0.0.1.

use crate::tools::{Needs, Tools};
use crate::{build, cmd};
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Instant;

/// Passed and failed counts.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    passed: u32,
    failed: u32,
}

impl Tally {
    fn check(ok: bool) -> Tally {
        if ok {
            Tally { passed: 1, failed: 0 }
        } else {
            Tally { passed: 0, failed: 1 }
        }
    }

    fn add(&mut self, other: Tally) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

pub fn run(root: &Path) -> ExitCode {
    let started = Instant::now();
    let mut total = Tally::default();
    let mut step = |name: &str, f: &mut dyn FnMut() -> Tally| {
        println!("\n==> {name}");
        let step_started = Instant::now();
        let tally = f();
        println!(
            "<== {name}: {} passed, {} failed ({:.0?})",
            tally.passed,
            tally.failed,
            step_started.elapsed()
        );
        total.add(tally);
        tally
    };

    let mut tools = None;
    let bootstrap = step("bootstrap", &mut || match Tools::ensure(root, Needs::TEST) {
        Ok(t) => {
            tools = Some(t);
            Tally::check(true)
        }
        Err(message) => {
            eprintln!("xtask: {message}");
            Tally::check(false)
        }
    });
    if let (0, Some(tools)) = (bootstrap.failed, tools) {
        step("rustfmt", &mut || {
            Tally::check(cargo(root, &["fmt", "--all", "--check"]))
        });
        step("clippy (native)", &mut || {
            Tally::check(cargo(
                root,
                &[
                    "clippy",
                    "--workspace",
                    "--exclude",
                    "gmd-web",
                    "--exclude",
                    "gmd-worker",
                ]
                .into_iter()
                .chain(["--all-targets", "--", "-D", "warnings"])
                .collect::<Vec<_>>(),
            ))
        });
        step("clippy (wasm32)", &mut || {
            Tally::check(cargo(
                root,
                // The edges that run in wasm, and every pure crate: they must build for wasm32.
                &[
                    "clippy",
                    "--package",
                    "gmd-web",
                    "--package",
                    "gmd-worker",
                    "--package",
                    "gmd-probe",
                ]
                .into_iter()
                .chain([
                    "--package",
                    "gmd-redact",
                    "--package",
                    "gmd-report",
                    "--package",
                    "gmd-analysis",
                    "--package",
                    "gmd-vocabulary",
                    "--package",
                    "gmd-status",
                    "--package",
                    "gmd-command",
                ])
                .chain(["--target", "wasm32-unknown-unknown", "--", "-D", "warnings"])
                .collect::<Vec<_>>(),
            ))
        });
        step("cargo test", &mut || cargo_test(root));
        step(
            "the go command's error catalogue against each release's source",
            &mut || {
                Tally::check(cmd::run_streaming(
                    testkit(root, "gmd-catalogue").args(
                        tools
                            .go_releases
                            .iter()
                            .map(|(release, goroot)| format!("{release}={}", goroot.display())),
                    ),
                    |_| {},
                ))
            },
        );
        step(
            "fix proofs (bash, dash, zsh, Wine's cmd, the PowerShell grammar)",
            &mut || shell_proofs(root, &tools),
        );
        let web = step("build web app", &mut || Tally::check(report(build::web(root, &tools))));
        let worker = step("build worker", &mut || {
            Tally::check(report(build::worker(root, &tools)))
        });
        // The CLI as users install it (`/install.sh` fetches it from the worker's `/dl/`): the
        // targets whose binaries run here; `cargo xtask dist` builds the others.
        step(
            "the CLI's release binaries (Zig and cargo-zigbuild from PyPI)",
            &mut || {
                let tested: Vec<&crate::dist::Target> = crate::dist::TARGETS.iter().filter(|t| t.tested_here).collect();
                // (curl: what the installer's one line runs, in the end-to-end test.)
                let curl = crate::tools::ensure_debian_packages(&[("curl", Path::new("/usr/bin/curl"))]);
                Tally::check(report(curl) && report(crate::dist::run(root, &tested).map(|_| ())))
            },
        );
        if web.failed + worker.failed == 0 {
            step("end-to-end (workerd, Chromium)", &mut || end_to_end(root, &tools));
            // After the end-to-end step, which built the CLI the load run makes reports with.
            step("load (wrk; the worker restarted midway)", &mut || {
                let wrk = crate::tools::ensure_debian_packages(&[("wrk", Path::new("/usr/bin/wrk"))]);
                let xtask = std::env::current_exe().unwrap_or_default();
                Tally::check(report(wrk) && cmd::run(loopback_only(root, &tools).arg(xtask).arg("load-inside")).is_ok())
            });
        }
    }
    println!("\ntook {:.0?}", started.elapsed());
    println!("{} passed, {} failed", total.passed, total.failed);
    if total.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `cargo run` of one of gmd-testkit's programs, ready for its arguments.
fn testkit(root: &Path, bin: &str) -> Command {
    let mut command = Command::new("cargo");
    command
        .current_dir(root)
        .args(["run", "--quiet", "--package", "gmd-testkit", "--bin", bin, "--"]);
    command
}

/// Every fix of every corpus proven in each shell (`gmd-shellproof`): one check per shell
/// family, from its `…: N failures` line.
fn shell_proofs(root: &Path, tools: &Tools) -> Tally {
    let Some(python) = &tools.proof_python else {
        return Tally::check(false);
    };
    let mut tally = Tally::default();
    let ok = cmd::run_streaming(testkit(root, "gmd-shellproof").arg("--python").arg(python), |line| {
        if let Some(count) = line.strip_suffix(" failures").and_then(|l| l.rsplit(' ').next()) {
            tally.add(Tally::check(count == "0"));
        }
    });
    if !ok && tally.failed == 0 {
        tally.failed = 1;
    }
    tally
}

fn report(result: Result<(), String>) -> bool {
    result.map_err(|message| eprintln!("xtask: {message}")).is_ok()
}

fn cargo(root: &Path, args: &[&str]) -> bool {
    report(cmd::run(Command::new("cargo").current_dir(root).args(args)))
}

/// Native unit, integration and doc tests of the whole workspace (the web app's too: they need
/// no browser), counted from libtest's `test result:` lines.
fn cargo_test(root: &Path) -> Tally {
    let mut tally = Tally::default();
    let ok = cmd::run_streaming(
        Command::new("cargo").current_dir(root).args(["test", "--workspace"]),
        |line| {
            if let Some(result) = line.strip_prefix("test result: ") {
                tally.add(libtest_counts(result));
            }
        },
    );
    if !ok && tally.failed == 0 {
        tally.failed = 1; // It failed before running tests (a compile error, say).
    }
    tally
}

/// Reads `ok. 3 passed; 0 failed; 0 ignored; …`.
fn libtest_counts(result: &str) -> Tally {
    let count = |word: &str| {
        result
            .split(';')
            .find_map(|part| part.trim().rsplit_once(' ').filter(|(_, w)| *w == word).map(|(n, _)| n))
            .and_then(|n| n.rsplit(' ').next()?.parse().ok())
            .unwrap_or(0)
    };
    Tally {
        passed: count("passed"),
        failed: count("failed"),
    }
}

/// The JavaScript end-to-end tests (`tests/e2e/*.test.mjs`) under Node's test runner, inside a
/// loopback-only network namespace.
fn end_to_end(root: &Path, tools: &Tools) -> Tally {
    // The binaries the tests start: the CLI and the fake mirror (`cargo test` builds neither).
    if !cargo(
        root,
        &[
            "build",
            "--package",
            "gomod-doctor",
            "--package",
            "gmd-testkit",
            "--bins",
        ],
    ) {
        return Tally { passed: 0, failed: 1 };
    }
    let dir = root.join("tests/e2e");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.to_string_lossy().ends_with(".test.mjs"));
    files.sort();
    let mut command = loopback_only(root, tools);
    command
        .arg(&tools.node)
        .args([
            "--test",
            "--test-reporter=spec",
            "--test-concurrency=1",
            "--test-timeout=180000",
        ])
        .args(&files);
    let mut tally = Tally::default();
    let ok = cmd::run_streaming(&mut command, |line| {
        let line = line.trim_start_matches(['ℹ', '#', ' ']);
        if let Some(n) = line.strip_prefix("pass ").and_then(|n| n.trim().parse().ok()) {
            tally.passed = n;
        } else if let Some(n) = line.strip_prefix("fail ").and_then(|n| n.trim().parse().ok()) {
            tally.failed = n;
        }
    });
    if !ok && tally.failed == 0 {
        eprintln!("xtask: the end-to-end run failed outside any test (is `unshare --net` allowed?)");
        tally.failed = 1;
    }
    tally
}

/// `unshare --net` with loopback up, ready for the program and its arguments, with the
/// environment the JavaScript tests and benchmarks read (`GMD_XTASK`, `GMD_CLI`, …).
pub fn loopback_only(root: &Path, tools: &Tools) -> Command {
    let mut command = Command::new("unshare");
    command
        .current_dir(root)
        .args(["--net", "--", "sh", "-c", "ip link set lo up && exec \"$0\" \"$@\""])
        .env("PATH", cmd::path_with(&root.join("node_modules/.bin")))
        .env("GMD_XTASK", std::env::current_exe().unwrap_or_default())
        .env("GMD_CHROMIUM", &tools.chromium)
        .env("GMD_CLI", build::target_dir(root).join("debug/gomod-doctor"))
        .env("GMD_FAKE_PROXY", build::target_dir(root).join("debug/gmd-fake-proxy"))
        .env("GMD_GO", tools.go.clone().unwrap_or_default())
        .env("GMD_ARTIFACTS", root.join("artifacts"));
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libtest_result_lines() {
        let tally = libtest_counts("ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s");
        assert_eq!((tally.passed, tally.failed), (12, 0));
        let tally = libtest_counts("FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out");
        assert_eq!((tally.passed, tally.failed), (3, 2));
        let tally = libtest_counts("garbage");
        assert_eq!((tally.passed, tally.failed), (0, 0));
    }
}
