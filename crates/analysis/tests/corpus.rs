//! The accuracy of the analysis on two corpora:
//!
//! - `tests/fixtures/go/`: what the real go command printed in each recorded scenario, pasted the
//!   way a user does (`go env`, go.mod, the output), with the injected root cause;
//! - `tests/fixtures/cases/`: hand-written cases from real-world reports (`input.txt`), each
//!   with an `expected.txt` whose first `cause:` line is the root cause.
//!
//! Top-1 accuracy: the first finding's cause is the root cause (for a healthy control: no error
//! finding at all). Top-3 recall: the root cause is among the first three findings.

use std::path::{Path, PathBuf};

struct Case {
    name: String,
    input: String,
    cause: String,
}

struct Score {
    top1: usize,
    top3: usize,
    total: usize,
    misses: Vec<String>,
}

impl Score {
    fn rate(n: usize, total: usize) -> f64 {
        if total == 0 { 0.0 } else { n as f64 / total as f64 }
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn expected_cause(dir: &Path) -> String {
    read(&dir.join("expected.txt"))
        .lines()
        .find_map(|l| l.strip_prefix("cause:"))
        .map(|c| c.trim().to_owned())
        .expect("a cause line")
}

/// The real-go corpus, pasted as `go env` (in the given file), go.mod and the output.
fn real_go_cases(env_file: &str) -> Vec<Case> {
    sorted_dirs(&fixtures().join("go"))
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
                name: dir.file_name().unwrap_or_default().to_string_lossy().into_owned(),
                input,
                cause: expected_cause(&dir),
            }
        })
        .collect()
}

fn hand_written_cases() -> Vec<Case> {
    sorted_dirs(&fixtures().join("cases"))
        .into_iter()
        .map(|dir| Case {
            name: dir.file_name().unwrap_or_default().to_string_lossy().into_owned(),
            input: read(&dir.join("input.txt")),
            cause: expected_cause(&dir),
        })
        .collect()
}

fn score(cases: &[Case]) -> Score {
    let mut score = Score {
        top1: 0,
        top3: 0,
        total: cases.len(),
        misses: Vec::new(),
    };
    for case in cases {
        let analysis = gmd_analysis::analyze(&case.input).expect("corpus inputs are small");
        let causes: Vec<&str> = analysis.findings.iter().map(|f| f.cause.code()).collect();
        let (top1, top3) = if case.cause == "none" {
            let ok = !analysis.has_errors();
            (ok, ok)
        } else {
            (
                causes.first() == Some(&case.cause.as_str()),
                causes.iter().take(3).any(|c| *c == case.cause),
            )
        };
        score.top1 += usize::from(top1);
        score.top3 += usize::from(top3);
        if !top1 {
            score
                .misses
                .push(format!("{}: expected {}, got {:?}", case.name, case.cause, causes));
        }
    }
    score
}

fn report(name: &str, score: &Score) {
    println!(
        "{name}: top-1 {}/{} = {:.1}%, top-3 {}/{} = {:.1}%",
        score.top1,
        score.total,
        100.0 * Score::rate(score.top1, score.total),
        score.top3,
        score.total,
        100.0 * Score::rate(score.top3, score.total)
    );
    for miss in &score.misses {
        println!("  miss {miss}");
    }
}

#[test]
fn real_go_corpus_top1_at_least_95_percent() {
    let cases = real_go_cases("go-env.txt");
    assert!(cases.len() >= 70, "{} real-go cases", cases.len());
    let score = score(&cases);
    report("real-go corpus", &score);
    assert!(
        Score::rate(score.top1, score.total) >= 0.95,
        "top-1 below 95%: {:?}",
        score.misses
    );
}

#[test]
fn real_go_healthy_controls_have_no_error_findings() {
    for case in real_go_cases("go-env.txt").iter().filter(|c| c.cause == "none") {
        let analysis = gmd_analysis::analyze(&case.input).expect("small");
        let errors: Vec<&str> = analysis
            .findings
            .iter()
            .filter(|f| f.severity == gmd_analysis::Severity::Error)
            .map(|f| f.rule)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", case.name);
    }
}

/// The same outputs with the Windows rendering of `go env`: the diagnosis must not depend on
/// the shell the settings came from.
#[test]
fn windows_go_env_gives_the_same_root_causes() {
    let unix = real_go_cases("go-env.txt");
    let windows = real_go_cases("go-env.windows-derived.txt");
    for (u, w) in unix.iter().zip(&windows) {
        let first = |c: &Case| {
            gmd_analysis::analyze(&c.input)
                .expect("small")
                .findings
                .first()
                .map(|f| f.cause.code())
        };
        assert_eq!(first(u), first(w), "{}", u.name);
    }
}

#[test]
fn hand_written_corpus() {
    let cases = hand_written_cases();
    assert!(cases.len() >= 40, "{} hand-written cases", cases.len());
    let score = score(&cases);
    report("hand-written corpus", &score);
    assert!(
        Score::rate(score.top1, score.total) >= 0.9,
        "top-1 below 90%: {:?}",
        score.misses
    );
}
