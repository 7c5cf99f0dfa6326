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
    }
    println!("{} scenarios in {:.1?}", scenarios.len(), started.elapsed());
    Ok(())
}

fn scenario_command(scenario: &scenarios::Scenario) -> String {
    format!("go {}", Harness::args(scenario).join(" "))
}
