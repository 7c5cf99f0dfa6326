//! cmd.exe: each rendering typed into Wine's cmd (read from standard input, as typed) with `.bat`
//! stubs first on `PATH`; a stub logs `%*`, the command line cmd gave it, read back here with
//! the rules a Windows program's runtime splits its command line by, and the environment.

use super::expect::{Family, expect};
use super::posix::{Call, compare};
use super::{Case, Failure};
use gmd_analysis::command::render;
use gmd_report::Shell;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

const STUBS: &[&str] = &[
    "go",
    "gofmt",
    "git",
    "docker",
    "nslookup",
    "ipconfig",
    "certutil",
    "winget",
    "takeown",
    "findstr",
    "curl",
    "powershell",
    "gmd-probe-env",
];

/// A stub: logs its name, its command line and the environment between markers.
const STUB: &str = "@echo off\r\n>>\"%GMD_LOG%\" echo ::call %~n0\r\n>>\"%GMD_LOG%\" echo ::args %*\r\n>>\"%GMD_LOG%\" set\r\n>>\"%GMD_LOG%\" echo ::end\r\nexit /b 0\r\n";

/// Wine's 64-bit loader, when installed (Debian's `wine64`).
pub fn wine() -> Option<PathBuf> {
    ["/usr/lib/wine/wine64", "/usr/bin/wine64", "/usr/bin/wine"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// A Wine prefix of the proofs' own, with its server kept running while they last.
#[derive(Debug)]
pub struct Wine {
    loader: PathBuf,
    prefix: PathBuf,
    server: Option<std::process::Child>,
}

impl Wine {
    pub fn start(base: &Path) -> Result<Wine, String> {
        let loader = wine().ok_or("Wine is not installed (Debian's wine64)")?;
        let prefix = base.join("wineprefix");
        std::fs::create_dir_all(&prefix).map_err(|e| e.to_string())?;
        let server_bin = loader.with_file_name("wineserver");
        let server = Process::new(&server_bin)
            .args(["-p", "-f"])
            .env("WINEPREFIX", &prefix)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok();
        let wine = Wine { loader, prefix, server };
        // The first run makes the prefix (some seconds); while the prefix is being made, a run can
        // end with a status and no output, so the first run is tried up to three times (`rea^dy` is
        // printed `ready` only when cmd ran it, not when it echoed the line).
        let first = base.join("first/work");
        std::fs::create_dir_all(&first).map_err(|e| e.to_string())?;
        let mut last = String::new();
        for _ in 0..3 {
            match wine.cmd(&first, "echo rea^dy\r\n") {
                Ok(printed) if printed.contains("ready") => return Ok(wine),
                Ok(printed) => last = format!("wine cmd printed {printed:?}"),
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    /// Types `input` into a new cmd in `cwd`; what it printed. Its output goes to a file: Wine's
    /// helper processes inherit the handles and outlive it, so a pipe would never end.
    fn cmd(&self, cwd: &Path, input: &str) -> Result<String, String> {
        let out = cwd.join("..").join("cmd-output.txt");
        let stdin_file = cwd.join("..").join("cmd-input.txt");
        std::fs::write(&stdin_file, input).map_err(|e| e.to_string())?;
        let file = |p: &Path| std::fs::File::create(p).map_err(|e| e.to_string());
        let status = Process::new(&self.loader)
            .arg("cmd")
            .current_dir(cwd)
            .env("WINEPREFIX", &self.prefix)
            .env("WINEDEBUG", "-all")
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
            .stdin(std::fs::File::open(&stdin_file).map_err(|e| e.to_string())?)
            .stdout(file(&out)?)
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("wine: {e}"))?;
        let printed = std::fs::read_to_string(&out).unwrap_or_default();
        let _ = std::fs::remove_file(&out);
        let _ = std::fs::remove_file(&stdin_file);
        if !status.success() && printed.is_empty() {
            return Err(format!("wine cmd: {status}"));
        }
        Ok(printed)
    }
}

impl Wine {
    /// [`Wine::cmd`], tried up to three times when a run ends with a failure status and printed
    /// nothing: cmd echoes every line it reads, so such a run is Wine failing to start it (seen
    /// once in a full suite, in a case that passes on its own), never a command that failed.
    fn cmd_again(&self, cwd: &Path, input: &str) -> Result<String, String> {
        let mut last = String::new();
        for _ in 0..3 {
            match self.cmd(cwd, input) {
                Ok(printed) => return Ok(printed),
                Err(e) => last = e,
            }
        }
        Err(last)
    }
}

impl Drop for Wine {
    fn drop(&mut self) {
        // `wineserver -k` ends every process of the prefix (winedevice.exe and the like outlive
        // cmd), then the server itself.
        let _ = Process::new(self.loader.with_file_name("wineserver"))
            .arg("-k")
            .env("WINEPREFIX", &self.prefix)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if let Some(server) = &mut self.server {
            let _ = server.kill();
            let _ = server.wait();
        }
    }
}

/// `Z:\…`: a Linux path as Wine names it.
fn windows_path(path: &Path) -> String {
    format!("Z:{}", path.to_string_lossy().replace('/', "\\"))
}

/// Splits a command line as a Windows program's runtime does (`CommandLineToArgvW`): white
/// space separates, `"` toggles quoting, `2n` backslashes before `"` are `n` backslashes and
/// the quote acts, `2n+1` are `n` and a literal `"`, `""` inside quotes is a `"`.
pub fn split_command_line(line: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut current = String::new();
    let mut in_arg = false;
    let mut quoted = false;
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            let mut n = 0;
            while i < chars.len() && chars[i] == '\\' {
                n += 1;
                i += 1;
            }
            if i < chars.len() && chars[i] == '"' {
                current.push_str(&"\\".repeat(n / 2));
                if n % 2 == 1 {
                    current.push('"');
                    i += 1;
                }
            } else {
                current.push_str(&"\\".repeat(n));
            }
            in_arg = true;
            continue;
        }
        if c == '"' {
            if quoted && chars.get(i + 1) == Some(&'"') {
                current.push('"');
                i += 2;
                continue;
            }
            quoted = !quoted;
            in_arg = true;
        } else if (c == ' ' || c == '\t') && !quoted {
            if in_arg {
                args.push(std::mem::take(&mut current));
                in_arg = false;
            }
        } else {
            current.push(c);
            in_arg = true;
        }
        i += 1;
    }
    if in_arg {
        args.push(current);
    }
    args
}

/// Reads the stubs' log.
fn calls(log: &str, vars: &[String]) -> Vec<Call> {
    let mut out = Vec::new();
    let mut current: Option<Call> = None;
    for line in log.lines() {
        let line = line.trim_end_matches('\r');
        if let Some(program) = line.strip_prefix("::call ") {
            current = Some(Call {
                program: program.trim().to_owned(),
                args: Vec::new(),
                env: vars.iter().map(|v| (v.clone(), None)).collect(),
            });
        } else if let Some(args) = line.strip_prefix("::args") {
            if let Some(call) = &mut current {
                call.args = split_command_line(args.trim_start());
            }
        } else if line == "::end" {
            out.extend(current.take());
        } else if let (Some(call), Some((name, value))) = (&mut current, line.split_once('='))
            && let Some(slot) = call.env.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            slot.1 = Some(value.to_owned());
        }
    }
    out
}

/// Runs every case in Wine's cmd; the failures.
pub fn prove(cases: &[Case], base: &Path) -> Result<Vec<Failure>, String> {
    let wine = Wine::start(base)?;
    let mut failures = Vec::new();
    for (n, case) in cases.iter().enumerate() {
        let fill = case.fill();
        let Some(rendered) = render(&case.command, Shell::Cmd, &|h| fill.get(&h).cloned()) else {
            continue;
        };
        let expected = expect(&case.command, &fill, Family::Cmd);
        let root = base.join(format!("cmd-{n}"));
        let _ = std::fs::remove_dir_all(&root);
        for dir in ["a/work", "home", "bin"] {
            std::fs::create_dir_all(root.join(dir)).map_err(|e| e.to_string())?;
        }
        let programs = expected.runs.iter().map(|r| r.program.as_str());
        for stub in STUBS.iter().copied().chain(programs) {
            std::fs::write(root.join("bin").join(format!("{stub}.bat")), STUB).map_err(|e| e.to_string())?;
        }
        let work = root.join("a/work");
        for dir in &expected.dirs {
            let _ = std::fs::create_dir_all(work.join(dir));
        }
        let log = root.join("log");
        // Typed as a user would, after the session is pointed at the stubs and a home of its
        // own; then a probe of the variables left.
        let input = format!(
            "set \"PATH={}\"\r\nset \"GMD_LOG={}\"\r\nset \"USERPROFILE={}\"\r\n{rendered} & gmd-probe-env\r\nexit\r\n",
            windows_path(&root.join("bin")),
            windows_path(&log),
            windows_path(&root.join("home")),
        );
        let stdout = wine.cmd_again(&work, &input)?;
        let calls = calls(&std::fs::read_to_string(&log).unwrap_or_default(), &expected.vars);
        let files: BTreeSet<String> = [root.join("a"), work.clone(), root.join("home")]
            .iter()
            .flat_map(|d| std::fs::read_dir(d).into_iter().flatten().flatten())
            .filter(|e| e.path().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        let why = if case.must_refuse() {
            let ran: Vec<&Call> = calls.iter().filter(|c| c.program != "gmd-probe-env").collect();
            if let Some(call) = ran.first() {
                Some(format!("ran {} {:?} although a hole is empty", call.program, call.args))
            } else {
                (!files.is_empty()).then(|| format!("made files although a hole is empty: {files:?}"))
            }
        } else if let Some(problem) = [
            "is not recognized",
            "syntax of the command is incorrect",
            "was unexpected",
        ]
        .iter()
        .find(|p| stdout.contains(*p))
        {
            Some(format!("cmd said \"{problem}\": {}", tail(&stdout)))
        } else {
            compare(&calls, &expected).or_else(|| {
                let extra: Vec<&String> = files.iter().filter(|f| !expected.files.contains(f.as_str())).collect();
                (!extra.is_empty()).then(|| format!("made files it should not: {extra:?}"))
            })
        };
        if let Some(why) = why {
            failures.push(Failure {
                shell: "cmd",
                origin: case.origin.clone(),
                rendered: rendered.clone(),
                why,
            });
        }
        let _ = std::fs::remove_dir_all(&root);
    }
    Ok(failures)
}

fn tail(stdout: &str) -> String {
    stdout.lines().rev().take(4).collect::<Vec<_>>().join(" / ")
}

#[cfg(test)]
mod tests {
    use super::split_command_line;

    #[test]
    fn command_lines_split_as_windows_programs_split_them() {
        assert_eq!(split_command_line(r#"a "b c" d"#), ["a", "b c", "d"]);
        assert_eq!(split_command_line(r#""\"x\" -> \"y\"" ."#), [r#""x" -> "y""#, "."]);
        assert_eq!(split_command_line(r#""C:\dir\\" x"#), [r"C:\dir\", "x"]);
        assert_eq!(split_command_line(r#"/c:"\"a" *.go"#), [r#"/c:"a"#, "*.go"]);
        assert_eq!(split_command_line(""), Vec::<String>::new());
    }
}
