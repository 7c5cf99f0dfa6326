//! The corpora as pastes: each case as a user would paste it, with the cause an expert reads.
//! One loader for the accuracy tests (`crates/analysis/tests/corpus.rs` includes this file) and
//! the shell proofs (`gmd-shellproof`). Reads files only; knows nothing of the analysis.

use std::path::{Path, PathBuf};

/// One paste and the cause expected first.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    pub input: String,
    pub cause: String,
}

/// `tests/fixtures`, seen from a crate at `depth` folders below the repository.
pub fn fixtures(manifest_dir: &str, depth: usize) -> PathBuf {
    let mut root = PathBuf::from(manifest_dir);
    for _ in 0..depth {
        root.push("..");
    }
    root.join("tests/fixtures")
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The folders of `dir`, sorted.
pub fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    dirs.sort();
    dirs
}

fn name(dir: &Path) -> String {
    dir.file_name().unwrap_or_default().to_string_lossy().into_owned()
}

/// The `cause:` line of a case's `expected.txt`.
pub fn expected_cause(dir: &Path) -> String {
    read(&dir.join("expected.txt"))
        .lines()
        .find_map(|l| l.strip_prefix("cause:"))
        .map(|c| c.trim().to_owned())
        .unwrap_or_default()
}

/// Scenarios recorded with the real go command (`go/` or `go-versions/<release>/`), pasted as
/// `go env` (from `env_file`), go.mod and the command's output.
pub fn recorded(root: &Path, env_file: &str) -> Vec<Case> {
    sorted_dirs(root)
        .into_iter()
        .map(|dir| {
            let input = format!(
                "$ go env\n{}\n$ cat go.mod\n{}\n$ {}\n{}",
                read(&dir.join(env_file)),
                read(&dir.join("input/go.mod")),
                read(&dir.join("meta.txt"))
                    .lines()
                    .find_map(|l| l.strip_prefix("command: "))
                    .unwrap_or("go build"),
                read(&dir.join("output.txt"))
            );
            Case {
                name: name(&dir),
                input,
                cause: expected_cause(&dir),
            }
        })
        .collect()
}

/// The hand-written cases (`cases/<name>/input.txt`).
pub fn hand_written(fixtures: &Path) -> Vec<Case> {
    sorted_dirs(&fixtures.join("cases"))
        .into_iter()
        .map(|dir| Case {
            name: name(&dir),
            input: read(&dir.join("input.txt")),
            cause: expected_cause(&dir),
        })
        .collect()
}

/// A development corpus (`real`, `real2`): each paste as a user pasted it, settings, go.mod,
/// then the log.
pub fn development(dir: &Path) -> Vec<Case> {
    sorted_dirs(dir)
        .into_iter()
        .map(|dir| Case {
            name: name(&dir),
            input: ["env.txt", "go.mod", "log.txt"]
                .iter()
                .map(|file| read(&dir.join(file)))
                .filter(|text| !text.is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
            cause: expected_cause(&dir),
        })
        .collect()
}
