//! `gomod-doctor probe` against real mirrors on 127.0.0.1 (the testkit's proxy and checksum
//! database), as users run it.

use gmd_testkit::harness::catalogue;
use gmd_testkit::proxy::{Fault, Target};
use std::process::{Command, Output};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn probe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gomod-doctor"))
        .arg("probe")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The NDJSON lines of `--format json`.
fn lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn compares_mirrors_and_names_what_is_wrong_with_each() {
    let sumdb = Arc::new(catalogue::sumdb());
    let key = sumdb.verifier_key();
    let mirror = || catalogue::public_proxy().sumdb(Arc::clone(&sumdb));
    let healthy = mirror().start().unwrap();
    let altered = mirror()
        .fault(Target::Module("golang.org/x/text".into()), Fault::AlteredMod)
        .start()
        .unwrap();
    let unlisted = mirror().unlisted("golang.org/x/text", "v0.14.0").start().unwrap();
    let hanging = mirror().fault(Target::All, Fault::Hang).start().unwrap();
    let started = Instant::now();
    let output = probe(&[
        "--proxy",
        &healthy.url(),
        "--proxy",
        &altered.url(),
        "--proxy",
        &unlisted.url(),
        "--proxy",
        &hanging.url(),
        "--sumdb-key",
        &key,
        "--timeout",
        "1",
        "--format",
        "json",
        "golang.org/x/text@v0.14.0",
    ]);
    let elapsed = started.elapsed();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(elapsed < Duration::from_secs(3), "the hanging mirror took {elapsed:?}");
    let lines = lines(&output);
    assert_eq!(lines.len(), 5);
    let summary = &lines[4];
    assert_eq!(summary["type"], "summary");
    let statuses: Vec<&str> = summary["mirrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["ok", "mismatch", "stale", "down"]);
    let first = &lines[0];
    assert_eq!(first["type"], "result");
    assert_eq!(first["colo"], "local");
    assert_eq!(first["sumdb"]["note"], "verified");
    assert_eq!(first["mod_hash"], first["sumdb"]["mod_hash"]);

    // The text output says the same, one line per mirror first.
    let text = probe(&[
        "--proxy",
        &healthy.url(),
        "--proxy",
        &altered.url(),
        "--sumdb-key",
        &key,
        "golang.org/x/text@v0.14.0",
    ]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.starts_with(&format!(
            "ok        {}  serves golang.org/x/text@v0.14.0",
            healthy.url()
        )),
        "{text}"
    );
    assert!(
        text.contains("mismatch") && text.contains("the checksum database says h1:"),
        "{text}"
    );
}

#[test]
fn a_database_signed_by_another_key_is_caught() {
    let healthy = catalogue::public_proxy()
        .sumdb(Arc::new(catalogue::sumdb()))
        .start()
        .unwrap();
    // The real sum.golang.org key: the test database's notes do not verify against it.
    let output = probe(&[
        "--proxy",
        &healthy.url(),
        "--format",
        "json",
        "golang.org/x/text@v0.14.0",
    ]);
    let lines = lines(&output);
    assert_eq!(lines[0]["sumdb"]["note"], "unknown_key");
    assert_eq!(lines[1]["mirrors"][0]["status"], "broken");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["--proxy", "ftp://goproxy.cn"][..],
        &["--proxy", "https://user:pw@goproxy.cn"],
        &["--proxy", "https://goproxy.cn", "../etc/passwd"],
        &["--proxy", "https://goproxy.cn", "golang.org/x/text@master/../x"],
        &["--timeout", "600"],
        &["--sumdb-key", "nonsense", "--proxy", "https://goproxy.cn"],
        &["a.example/x", "b.example/y"],
    ] {
        let output = probe(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).starts_with("gomod-doctor: "),
            "{args:?}"
        );
    }
    let help = probe(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("usage: gomod-doctor probe"));
}
