//! Records the real go command's output for every scenario into a fixture folder each.
//!
//! Run through `cargo xtask fixtures [NAME...]`, which installs Go and starts this inside a
//! loopback-only network namespace with a private mount namespace.

use gmd_testkit::harness::{Harness, scenarios, windows};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(flag_goroot), Some(goroot), Some(flag_out), Some(out)) =
        (args.next(), args.next(), args.next(), args.next())
    else {
        eprintln!("usage: gmd-fixtures --goroot DIR --out DIR [NAME...]");
        return ExitCode::from(2);
    };
    if flag_goroot != "--goroot" || flag_out != "--out" {
        eprintln!("usage: gmd-fixtures --goroot DIR --out DIR [NAME...]");
        return ExitCode::from(2);
    }
    let only: Vec<String> = args.collect();
    match record(Path::new(&goroot), &PathBuf::from(out), &only) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gmd-fixtures: {message}");
            ExitCode::FAILURE
        }
    }
}

fn record(goroot: &Path, out: &Path, only: &[String]) -> Result<(), String> {
    let harness = Harness::new(goroot)?;
    let scenarios: Vec<_> = scenarios::all()
        .into_iter()
        .filter(|s| only.is_empty() || only.iter().any(|o| o == s.name))
        .collect();
    if scenarios.is_empty() {
        return Err(format!("no scenario named {}", only.join(", ")));
    }
    let started = std::time::Instant::now();
    for scenario in &scenarios {
        let outcome = harness.run(scenario)?;
        let dir = out.join(scenario.name);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| e.to_string())?;
        }
        let exit = outcome
            .exit_code
            .map_or("killed after the time limit".to_owned(), |c| c.to_string());
        let command = scenario_command(scenario);
        // `go env` itself fails in some scenarios (a toolchain switch it cannot make).
        let windows = windows::render(&outcome.go_env_json, harness.go_version()).unwrap_or_default();
        let files = [
            ("expected.txt", format!("cause: {}\n", scenario.cause)),
            (
                "meta.txt",
                format!(
                    "summary: {}\ncommand: {command}\nexit: {exit}\ngo: {}\nrecorded-by: cargo xtask fixtures\n",
                    scenario.summary,
                    harness.go_version()
                ),
            ),
            ("go-env.txt", outcome.go_env),
            ("go-env.json", outcome.go_env_json),
            ("go-env.windows-derived.txt", windows),
            ("output.txt", outcome.output),
        ];
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        for (name, content) in files
            .into_iter()
            .filter(|(name, content)| !(name.contains("windows") && content.is_empty()))
        {
            std::fs::write(dir.join(name), content).map_err(|e| e.to_string())?;
        }
        for (name, content) in harness.inputs(scenario) {
            let path = dir.join("input").join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
            }
            std::fs::write(path, content).map_err(|e| e.to_string())?;
        }
        println!(
            "{:<48} {:<32} exit {exit} ({:.1?})",
            scenario.name, scenario.cause, outcome.elapsed
        );
        let proven = prove_fixes(&harness, scenario, &dir)?;
        if !proven.is_empty() {
            std::fs::write(dir.join("fixes.txt"), proven).map_err(|e| e.to_string())?;
        }
    }
    println!("{} scenarios in {:.1?}", scenarios.len(), started.elapsed());
    Ok(())
}

/// The paste the analysis reads for a fixture folder, as the corpus test builds it.
fn paste(dir: &Path, command: &str) -> String {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    format!(
        "$ go env\n{}\n$ cat go.mod\n{}\n$ {command}\n{}",
        read("go-env.txt"),
        read("input/go.mod"),
        read("output.txt")
    )
}

/// Why a fix cannot be proven in the sandbox, if it cannot: it needs a value the user types (a
/// hole), installs system software or a Go release, needs the user's SSH key, or only inspects.
/// Read from the typed steps first, then from the few commands the sandbox cannot judge.
fn review_only(fix: &gmd_analysis::Fix) -> Option<String> {
    use gmd_analysis::command::{Os, Program, Step};
    let holes: Vec<String> = fix.command.holes().into_iter().map(|h| h.marker()).collect();
    if !holes.is_empty() {
        return Some(format!("needs what the user types ({})", holes.join(", ")));
    }
    for step in fix.command.steps() {
        let why = match step {
            Step::Os(Os::Install { .. }) => "installs system software",
            Step::Os(Os::TrustCa { .. } | Os::TrustCaMacos { .. } | Os::UseCaBundle { .. }) => {
                "needs the user's own root certificate"
            }
            Step::Os(
                Os::LookUp { .. }
                | Os::ShowResolvers
                | Os::ShowClock
                | Os::ShowDiskSpace
                | Os::FindImports { .. }
                | Os::FetchGoImport { .. },
            ) => "a check to run, not a change",
            Step::Run {
                program: Program::GoRelease(_),
                ..
            } => "downloads a Go release, which the fake internet does not serve",
            Step::Run { env, .. } if !env.is_empty() => "a check to run, not a change",
            _ => continue,
        };
        return Some(why.to_owned());
    }
    let command = fix.posix();
    let has = |words: &[&str]| words.iter().any(|w| command.contains(w));
    let why = if command.trim() == "go mod edit -fmt" {
        "asks for a manual edit of the named line first; the command only checks the result"
    } else if has(&[".insteadOf"]) {
        "needs the user's SSH key (the fake git hosts speak HTTPS only)"
    } else if has(&["GOFLAGS=-modcacherw"]) {
        "keeps the next cache writable; it repairs nothing by itself"
    } else if has(&["-mod=mod ./...", "go mod vendor"]) && !has(&["go mod tidy && go mod vendor"]) {
        "a command to run instead of (or where the network is allowed, before) the failing one"
    } else if has(&["GOSUMDB=sum.golang.google.cn"]) || command.trim_end().ends_with("GOSUMDB=sum.golang.org") {
        "the name alone verifies with sum.golang.org's real key, which the fake database cannot sign with"
    } else if has(&["go clean -modcache && go mod download"]) {
        "a retry: it helps once a passing fault is over, which the sandbox's faults never are"
    } else if has(&["go list -m -versions", "git ls-remote", "go mod verify"]) {
        "a check to run, not a change"
    } else {
        return None;
    };
    Some(why.to_owned())
}

/// Applies each fix of the root-cause finding (the first error) in a fresh sandbox, then the
/// scenario's command: `N<TAB>outcome<TAB>command` per fix, where the outcome is `fixed` (the
/// command succeeds), `progressed to <cause>` (it fails for another reason: the next step),
/// `not fixed`, or `review: <why>` for a fix the sandbox cannot prove.
fn prove_fixes(harness: &Harness, scenario: &scenarios::Scenario, dir: &Path) -> Result<String, String> {
    let command = scenario_command(scenario);
    let Ok(analysis) = gmd_analysis::analyze(&paste(dir, &command)) else {
        return Ok(String::new());
    };
    let Some(finding) = analysis
        .findings
        .iter()
        .find(|f| f.severity == gmd_analysis::Severity::Error)
    else {
        return Ok(String::new());
    };
    let mut out = format!(
        "# The fixes of the root cause ({}, {}), each applied in a fresh sandbox before `{command}`\n# (cargo xtask fixtures; outcomes: fixed, progressed to <next cause>, not fixed, review: <why>).\n",
        finding.rule,
        finding.cause.code()
    );
    for (n, fix) in finding.fixes.iter().enumerate() {
        let posix = fix.posix().replace('\n', " ; ");
        let mut after = String::new();
        let result = match review_only(fix) {
            Some(why) => format!("review: {why}"),
            None => {
                // A fix that is itself a go command fetching something (`go get M@latest`) is
                // typed instead of the failing command; any other is typed before it.
                let posix_fix = &fix.posix();
                let instead = posix_fix.split(" && ").any(|part| {
                    ["go get ", "go install ", "GOPROXY=direct go get "]
                        .iter()
                        .any(|p| part.starts_with(p))
                });
                let outcome = if instead {
                    harness.run_instead(scenario, posix_fix)?
                } else {
                    harness.run_fixed(scenario, posix_fix)?
                };
                // What the command said after the fix, when it still failed: for whoever
                // reads why.
                after = outcome
                    .output
                    .lines()
                    .find(|l| !l.trim().is_empty() && !l.starts_with("go: downloading"))
                    .unwrap_or_default()
                    .chars()
                    .take(300)
                    .collect();
                if outcome.exit_code == Some(0) {
                    "fixed".to_owned()
                } else {
                    let text = format!(
                        "$ go env\n{}\n$ cat go.mod\n{}\n$ {command}\n{}",
                        std::fs::read_to_string(dir.join("go-env.txt")).unwrap_or_default(),
                        std::fs::read_to_string(dir.join("input/go.mod")).unwrap_or_default(),
                        outcome.output
                    );
                    let next = gmd_analysis::analyze(&text).ok().and_then(|a| {
                        a.findings
                            .into_iter()
                            .find(|f| f.severity == gmd_analysis::Severity::Error)
                    });
                    match next {
                        Some(next) if next.cause != finding.cause => format!("progressed to {}", next.cause.code()),
                        Some(_) => "not fixed".to_owned(),
                        None if outcome.exit_code.is_none() => "not fixed (killed after the time limit)".to_owned(),
                        None => "progressed to a failure the analysis does not name".to_owned(),
                    }
                }
            }
        };
        out.push_str(&format!("{}\t{result}\t{posix}\n", n + 1));
        if !result.starts_with("fixed") && !result.starts_with("review") && !after.is_empty() {
            out.push_str(&format!("#\t  then: {after}\n"));
        }
    }
    Ok(out)
}

fn scenario_command(scenario: &scenarios::Scenario) -> String {
    format!("go {}", Harness::args(scenario).join(" "))
}
