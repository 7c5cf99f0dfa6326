//! POSIX shells: each rendering run by bash, dash and zsh with only stubs on `PATH`.

use super::expect::{Expectation, Family, Invocation, expect, value_fits};
use super::{Case, Failure};
use gmd_analysis::command::render;
use gmd_report::Shell;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

/// The program the stub records as: every program a rendering may run.
const STUBS: &[&str] = &[
    "go",
    "gofmt",
    "git",
    "docker",
    "nslookup",
    "cat",
    "date",
    "sudo",
    "id",
    "df",
    "grep",
    "mv",
    "curl",
    "sed",
    "chmod",
    "apt-get",
    "dnf",
    "apk",
    "gmd-probe-env",
];

/// The shells to run each rendering in, those that are installed.
pub fn shells() -> Vec<&'static str> {
    ["bash", "dash", "zsh"]
        .into_iter()
        .filter(|s| ["/bin", "/usr/bin"].iter().any(|d| Path::new(d).join(s).exists()))
        .collect()
}

/// The stub: records its name, its arguments and the variables named in `GMD_VARS`, one
/// record per call written at once (programs of a pipeline run together), fields separated by
/// `\x1f`, records ended by `\x1e`. Bash builtins only.
const STUB: &str = r#"#!/bin/bash
rec="${0##*/}"$'\x1f'"$#"
for a in "$@"; do rec+=$'\x1f'"$a"; done
for v in $GMD_VARS; do
  if [ -n "${!v+x}" ]; then rec+=$'\x1f'"$v=${!v}"; else rec+=$'\x1f'"$v"; fi
done
printf '%s\036' "$rec" >> "$GMD_LOG"
exit 0
"#;

/// One recorded call.
#[derive(Debug, Clone)]
pub struct Call {
    pub program: String,
    pub args: Vec<String>,
    pub env: Vec<(String, Option<String>)>,
}

/// Reads the stubs' log.
pub fn calls(log: &str) -> Vec<Call> {
    log.split('\x1e')
        .filter(|r| !r.is_empty())
        .filter_map(|record| {
            let mut fields = record.split('\x1f');
            let program = fields.next()?.to_owned();
            let argc: usize = fields.next()?.parse().ok()?;
            let args: Vec<String> = (0..argc).filter_map(|_| fields.next().map(str::to_owned)).collect();
            let env = fields
                .filter(|f| !f.is_empty())
                .map(|f| match f.split_once('=') {
                    Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
                    None => (f.to_owned(), None),
                })
                .collect();
            Some(Call { program, args, env })
        })
        .collect()
}

/// A fresh sandbox: `<root>/a/work` (so that `../x` stays inside), a home, the stubs, the log.
struct Sandbox {
    root: PathBuf,
}

impl Sandbox {
    fn new(base: &Path, n: usize, extra: &[String]) -> Result<Sandbox, String> {
        let root = base.join(format!("posix-{n}"));
        let _ = std::fs::remove_dir_all(&root);
        for dir in ["a/work", "home", "bin"] {
            std::fs::create_dir_all(root.join(dir)).map_err(|e| e.to_string())?;
        }
        for stub in STUBS.iter().copied().chain(extra.iter().map(String::as_str)) {
            let path = root.join("bin").join(stub);
            std::fs::write(&path, STUB).map_err(|e| e.to_string())?;
            chmod_x(&path)?;
        }
        Ok(Sandbox { root })
    }

    fn work(&self) -> PathBuf {
        self.root.join("a/work")
    }

    /// Files the run left in the working directory and home, as names.
    fn files(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for dir in [self.root.join("a"), self.work(), self.root.join("home")] {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_file() {
                    out.insert(entry.file_name().to_string_lossy().into_owned());
                }
            }
        }
        out
    }
}

pub fn chmod_x(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).map_err(|e| e.to_string())
}

/// Runs every case in every installed POSIX shell; the failures.
pub fn prove(cases: &[Case], base: &Path) -> Result<Vec<Failure>, String> {
    let mut failures = Vec::new();
    for (n, case) in cases.iter().enumerate() {
        let fill = case.fill();
        let Some(rendered) = render(&case.command, Shell::Posix, &|h| fill.get(&h).cloned()) else {
            continue;
        };
        let expected = expect(&case.command, &fill, Family::Posix);
        for shell in shells() {
            // The programs the steps name get stubs too (a Go release's own command).
            let programs: Vec<String> = expected.runs.iter().map(|r| r.program.clone()).collect();
            let sandbox = Sandbox::new(base, n, &programs)?;
            for dir in &expected.dirs {
                let _ = std::fs::create_dir_all(sandbox.work().join(dir));
            }
            let outcome = run(&sandbox, shell, &rendered, &expected)?;
            let why = if case.must_refuse() {
                refused(&outcome, &sandbox)
            } else {
                check(&outcome, &expected, &sandbox)
            };
            if let Some(why) = why {
                failures.push(Failure {
                    shell: shell_name(shell),
                    origin: case.origin.clone(),
                    rendered: rendered.clone(),
                    why,
                });
            }
            let _ = std::fs::remove_dir_all(&sandbox.root);
        }
    }
    Ok(failures)
}

fn shell_name(shell: &str) -> &'static str {
    match shell {
        "bash" => "bash",
        "dash" => "dash",
        _ => "zsh",
    }
}

struct Outcome {
    status: Option<i32>,
    stderr: String,
    calls: Vec<Call>,
}

fn run(sandbox: &Sandbox, shell: &str, rendered: &str, expected: &Expectation) -> Result<Outcome, String> {
    let log = sandbox.root.join("log");
    // The rendering, then a probe of the variables it leaves (when the rendering worked).
    let script = format!("{rendered} && gmd-probe-env");
    let program = ["/bin", "/usr/bin"]
        .iter()
        .map(|d| Path::new(d).join(shell))
        .find(|p| p.exists())
        .ok_or_else(|| format!("{shell} is not installed"))?;
    let mut process = Process::new(program);
    match shell {
        "bash" => {
            process.args(["--noprofile", "--norc", "-c", &script]);
        }
        "zsh" => {
            process.args(["-f", "-c", &script]);
        }
        _ => {
            process.args(["-c", &script]);
        }
    }
    let output = process
        .current_dir(sandbox.work())
        .env_clear()
        .env("PATH", sandbox.root.join("bin"))
        .env("HOME", sandbox.root.join("home"))
        .env("GMD_LOG", &log)
        .env("GMD_VARS", expected.vars.join(" "))
        .output()
        .map_err(|e| format!("{shell}: {e}"))?;
    Ok(Outcome {
        status: output.status.code(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        calls: calls(&std::fs::read_to_string(&log).unwrap_or_default()),
    })
}

/// A rendering with an empty hole: the shell refuses it, nothing runs, no file appears.
fn refused(outcome: &Outcome, sandbox: &Sandbox) -> Option<String> {
    if let Some(call) = outcome.calls.first() {
        return Some(format!("ran {} {:?} although a hole is empty", call.program, call.args));
    }
    if outcome.status == Some(0) {
        return Some("succeeded although a hole is empty".into());
    }
    let files = sandbox.files();
    (!files.is_empty()).then(|| format!("made files although a hole is empty: {files:?}"))
}

/// A rendering that must run: every typed run in order with its argv and variables, nothing
/// else but its OS steps' programs, the variables at the end, no other file.
fn check(outcome: &Outcome, expected: &Expectation, sandbox: &Sandbox) -> Option<String> {
    if outcome.status != Some(0) {
        return Some(format!("exited {:?}: {}", outcome.status, outcome.stderr.trim()));
    }
    compare(&outcome.calls, expected).or_else(|| {
        let files: BTreeSet<String> = sandbox
            .files()
            .into_iter()
            .filter(|f| !expected.files.contains(f.as_str()) && f != "log")
            .collect();
        (!files.is_empty()).then(|| format!("made files it should not: {files:?}"))
    })
}

/// The recorded calls against the expectation (shared with cmd).
pub(crate) fn compare(calls: &[Call], expected: &Expectation) -> Option<String> {
    let Some((probe, calls)) = calls.split_last().filter(|(p, _)| p.program == "gmd-probe-env") else {
        return Some(format!("did not run to its end: {calls:?}"));
    };
    let mut next = 0;
    for call in calls {
        let wanted = expected.runs.get(next);
        if let Some(run) = wanted.filter(|r| same_program(&r.program, &call.program) && r.args == call.args) {
            if let Some(why) = env_differs(&run.env, &call.env) {
                return Some(format!("{} saw {why}", run.program));
            }
            next += 1;
        } else if !expected.allowed.iter().any(|p| same_program(p, &call.program)) {
            return Some(format!("ran {} {:?}, which no step says", call.program, call.args));
        }
    }
    if let Some(run) = expected.runs.get(next) {
        return Some(format!("never ran {} {:?}", run.program, run.args));
    }
    for value in &expected.os_values {
        if !calls.iter().any(|c| c.args.iter().any(|a| a == value)) {
            return Some(format!("no program got {value:?}"));
        }
    }
    env_differs(&expected.end, &probe.env).map(|why| format!("left {why}"))
}

fn same_program(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// The first variable `seen` has otherwise than `wanted`.
pub(crate) fn env_differs(wanted: &[(String, Option<String>)], seen: &[(String, Option<String>)]) -> Option<String> {
    for (name, value) in wanted {
        let got = seen
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| v.clone());
        let fits = match (value, &got) {
            (Some(w), Some(g)) => value_fits(w, g),
            (None, None) => true,
            _ => false,
        };
        if !fits {
            return Some(format!("{name}={got:?}, not {value:?}"));
        }
    }
    None
}

/// A recorded invocation as the expectation writes it (for messages).
pub fn describe(run: &Invocation) -> String {
    format!("{} {:?}", run.program, run.args)
}
