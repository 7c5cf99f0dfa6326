//! Proves every fix in every shell (see `gmd_testkit::shellproof`): the fixes of every case of
//! every corpus (real-go fixtures, their Windows-derived `go env`, hand-written cases, both
//! development corpora) and of the hostile pastes (`tests/fixtures/hostile`), with their
//! persistent `go env -w` forms. Run by `cargo xtask test`, which installs Wine, zsh and the
//! PowerShell grammar first.
//!
//! Usage: gmd-shellproof --python PATH [--only posix|cmd|powershell]

use gmd_testkit::cases;
use gmd_testkit::shellproof::{self, Failure};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let Some(python) = value("--python") else {
        eprintln!("usage: gmd-shellproof --python PATH [--only posix|cmd|powershell]");
        return ExitCode::from(2);
    };
    match prove(Path::new(&python), value("--only").as_deref()) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("gmd-shellproof: {message}");
            ExitCode::FAILURE
        }
    }
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every case of every corpus and every hostile paste, as `(origin, paste)`.
fn pastes() -> Vec<(String, String)> {
    let fixtures = repository().join("tests/fixtures");
    let mut out: Vec<(String, String)> = Vec::new();
    for (corpus, list) in [
        ("go", cases::recorded(&fixtures.join("go"), "go-env.txt")),
        (
            "go (Windows go env)",
            cases::recorded(&fixtures.join("go"), "go-env.windows-derived.txt"),
        ),
        ("cases", cases::hand_written(&fixtures)),
        ("real", cases::development(&fixtures.join("real"))),
        ("real2", cases::development(&fixtures.join("real2"))),
    ] {
        out.extend(list.into_iter().map(|c| (format!("{corpus}/{}", c.name), c.input)));
    }
    for (name, paste) in hostile(&fixtures.join("hostile")) {
        out.push((format!("hostile/{name}"), paste));
    }
    out
}

/// The hostile pastes: one file each.
fn hostile(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap_or_default().to_string_lossy().into_owned();
            (name, cases::read(&p))
        })
        .collect()
}

fn prove(python: &Path, only: Option<&str>) -> Result<usize, String> {
    let mut commands = Vec::new();
    let mut hostile_fixes = 0;
    for (origin, paste) in pastes() {
        let Ok(analysis) = gmd_analysis::analyze(&paste) else {
            continue;
        };
        for finding in &analysis.findings {
            for fix in &finding.fixes {
                if origin.starts_with("hostile/") {
                    hostile_fixes += 1;
                }
                commands.push((format!("{origin} {}", finding.rule), fix.command.clone()));
                if let Some(persistent) = fix.command.go_env() {
                    commands.push((format!("{origin} {} (go env -w)", finding.rule), persistent));
                }
            }
        }
    }
    let cases = shellproof::cases(commands);
    let filled = cases.iter().filter(|c| c.filled).count();
    println!(
        "{} commands to prove ({} with holes, proven empty and filled; {hostile_fixes} fixes of hostile pastes)",
        cases.len() - filled,
        filled
    );
    let base = std::env::temp_dir().join(format!("gmd-shellproof-{}", std::process::id()));
    std::fs::create_dir_all(&base).map_err(|e| e.to_string())?;
    let mut failures: Vec<Failure> = Vec::new();
    let wanted = |name: &str| only.is_none_or(|o| o == name);
    if wanted("posix") {
        let found = shellproof::posix::prove(&cases, &base)?;
        println!(
            "POSIX ({}): {} failures",
            shellproof::posix::shells().join(", "),
            found.len()
        );
        failures.extend(found);
    }
    if wanted("cmd") {
        let found = shellproof::cmd::prove(&cases, &base)?;
        println!("cmd (Wine): {} failures", found.len());
        failures.extend(found);
    }
    if wanted("powershell") {
        let script = repository().join("tests/shellproof/powershell.py");
        let found = shellproof::powershell::prove(&cases, python, &script)?;
        println!("PowerShell (tree-sitter-powershell): {} failures", found.len());
        failures.extend(found);
    }
    let _ = std::fs::remove_dir_all(&base);
    for failure in &failures {
        println!("{failure}");
    }
    Ok(failures.len())
}
