//! `cargo xtask fuzz [SECONDS [TARGET...]]`: every fuzz target of `fuzz/` (or those named;
//! cargo fuzz, libFuzzer) for a bounded time each (default 60 s), one after another. A target's
//! corpus starts from the repository's own fixtures (real go output, the hand-written cases, the
//! redaction pastes) and keeps what the fuzzer finds in `fuzz/corpus/<target>/` (committed after
//! `cargo fuzz cmin`); a crash stops the run with the input saved under `fuzz/artifacts/<target>/`.

use crate::{cmd, tools};
use std::path::Path;
use std::process::Command;

/// The targets, in the order they run.
pub const TARGETS: &[&str] = &["goenv", "gomod", "golog", "input", "redact", "report"];

/// Pinned like the other cargo-installed tools.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// Seeds larger than this are left out: libFuzzer mutates small inputs best.
const MAX_SEED_BYTES: u64 = 64 * 1024;

pub fn run(root: &Path, seconds: u32, only: &[&str]) -> Result<(), String> {
    if let Some(unknown) = only.iter().find(|t| !TARGETS.contains(t)) {
        return Err(format!("no fuzz target `{unknown}` (targets: {})", TARGETS.join(", ")));
    }
    let cargo_fuzz = tools::ensure_cargo_tool(root, "cargo-fuzz", CARGO_FUZZ_VERSION, "cargo-fuzz", true)?;
    let fuzz = root.join("fuzz");
    // Plain libFuzzer without a sanitizer: the code has no `unsafe`, and this builds on stable.
    cmd::run(
        Command::new(&cargo_fuzz)
            .current_dir(&fuzz)
            .args(["build", "-s", "none"]),
    )?;
    for target in TARGETS.iter().filter(|t| only.is_empty() || only.contains(t)) {
        let corpus = fuzz.join("corpus").join(target);
        seed(root, &corpus)?;
        println!("fuzzing {target} for {seconds} s");
        cmd::run(Command::new(&cargo_fuzz).current_dir(&fuzz).args([
            "run",
            "-s",
            "none",
            target,
            "--",
            &format!("-max_total_time={seconds}"),
            "-max_len=65536",
            "-timeout=10",
            "-print_final_stats=1",
        ]))?;
    }
    Ok(())
}

/// Copies the fixtures into an empty corpus.
fn seed(root: &Path, corpus: &Path) -> Result<(), String> {
    std::fs::create_dir_all(corpus).map_err(|e| format!("cannot create {}: {e}", corpus.display()))?;
    if std::fs::read_dir(corpus).map_err(|e| e.to_string())?.next().is_some() {
        return Ok(());
    }
    let fixtures = root.join("tests/fixtures");
    let mut count = 0;
    for (dir, files) in [
        (
            "go",
            &["output.txt", "go-env.txt", "go-env.json", "go-env.windows-derived.txt"][..],
        ),
        ("cases", &["input.txt"][..]),
        ("redaction", &["input.txt"][..]),
    ] {
        let Ok(entries) = std::fs::read_dir(fixtures.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            for file in files {
                let source = entry.path().join(file);
                if std::fs::metadata(&source).is_ok_and(|m| m.len() <= MAX_SEED_BYTES) {
                    let name = format!("{dir}-{}-{file}", entry.file_name().to_string_lossy());
                    std::fs::copy(&source, corpus.join(name)).map_err(|e| e.to_string())?;
                    count += 1;
                }
            }
        }
    }
    println!("seeded {} with {count} fixtures", corpus.display());
    Ok(())
}
