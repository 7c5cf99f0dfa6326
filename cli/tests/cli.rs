//! The `gomod-doctor` binary, run as users run it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    run_env(args, stdin, &[], std::path::Path::new("."))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const PROXY_OFF: &str = "GOPROXY='off'\ngo: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n";

#[test]
fn an_error_finding_exits_1_and_names_the_cause() {
    let output = run(&["analyze"], PROXY_OFF);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.starts_with("1. error[proxy_off]: Module downloads are disabled (GOPROXY=off)\n"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no colour when not a terminal");
    let colored = stdout(&run(&["analyze", "--color", "always"], PROXY_OFF));
    assert!(colored.contains("\x1b[1;31merror\x1b[0m"));
}

#[test]
fn json_lists_findings_root_cause_first() {
    let output = run(&["analyze", "--format", "json"], PROXY_OFF);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(report["findings"][0]["cause"], "proxy_off");
    assert_eq!(report["findings"][0]["severity"], "error");
    assert_eq!(report["findings"][0]["rule"], "proxy-off");
    assert!(report["config"]["goproxy"]["summary"]["en"].is_string());
    assert_eq!(report["lang"], "en");
}

/// `--lang zh-CN` (or a Chinese locale) prints every text in Chinese; JSON names the language
/// and carries both.
#[test]
fn speaks_chinese_when_asked() {
    let text = stdout(&run(&["analyze", "--lang", "zh-CN"], PROXY_OFF));
    assert!(text.contains("模块下载被禁用（GOPROXY=off）"), "{text}");
    assert!(text.contains("修复 1："), "{text}");
    assert!(text.contains("实际生效的配置"), "{text}");
    assert!(!text.contains("Effective configuration"), "{text}");
    let json = stdout(&run(&["analyze", "--lang", "zh-CN", "--format", "json"], PROXY_OFF));
    let report: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(report["lang"], "zh-CN");
    assert!(
        report["findings"][0]["message"]["zh"]
            .as_str()
            .unwrap()
            .contains("拒绝下载")
    );
    let markdown = stdout(&run(&["analyze", "--lang", "zh", "--format", "markdown"], PROXY_OFF));
    assert!(markdown.contains("<summary>证据</summary>"), "{markdown}");
    let output = run(&["analyze", "--lang", "fr"], PROXY_OFF);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_locale_picks_the_language() {
    let with_locale =
        |vars: &[(&str, &str)]| stdout(&run_env(&["analyze"], PROXY_OFF, vars, std::path::Path::new(".")));
    assert!(with_locale(&[("LANG", "zh_CN.UTF-8")]).contains("模块下载被禁用"));
    assert!(with_locale(&[("LANG", "en_US.UTF-8")]).contains("Module downloads are disabled"));
    assert!(with_locale(&[]).contains("Module downloads are disabled"));
    let overridden = with_locale(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")]);
    assert!(overridden.contains("Module downloads are disabled"), "LC_ALL wins");
}

#[test]
fn markdown_and_files() {
    let dir = std::env::temp_dir().join(format!("gmd-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let env = dir.join("env.txt");
    let log = dir.join("log.txt");
    std::fs::write(&env, "GOPROXY='off'").unwrap();
    std::fs::write(&log, "go: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n").unwrap();
    let output = run(
        &[
            "analyze",
            "--format=markdown",
            env.to_str().unwrap(),
            log.to_str().unwrap(),
        ],
        "",
    );
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("### 1. Module downloads are disabled (GOPROXY=off) (`proxy_off`, error)"));
}

#[test]
fn a_healthy_setup_exits_0() {
    let output = run(
        &["analyze"],
        "GOPROXY='https://proxy.golang.org,direct'\nGOVERSION='go1.23.1'\n",
    );
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).starts_with("No known problem found in this input."));
    let nothing = run(&["analyze"], "hello\n");
    assert!(stdout(&nothing).starts_with("Nothing recognisable"));
}

#[test]
fn usage_errors_and_oversized_input_exit_2() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["analyze", "--format", "xml"],
        &["analyze", "--bogus"],
        &["analyze", "/no/such/file"],
    ] {
        let output = run(args, "");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).starts_with("gomod-doctor: "),
            "{args:?}"
        );
    }
    let big = "x".repeat(gmd_analysis::MAX_INPUT_BYTES + 10);
    let output = run(&["analyze"], &big);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("larger than 1048576 bytes"));
    assert_eq!(run(&["--version"], "").status.code(), Some(0));
    assert!(stdout(&run(&["--help"], "")).starts_with("usage: gomod-doctor analyze"));
}

#[test]
fn redact_and_share_print() {
    let input = "GOPATH='/home/alice/go'\nGOPROXY='https://bob:s3cr3tpass@goproxy.corp.example,direct'\n";
    let output = run(&["analyze", "--redact"], input);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "GOPATH='/home/<user>/go'\nGOPROXY='https://<credentials-1>@goproxy.corp.example,direct'\n"
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("masked url_credentials as <credentials-1>"));
    let shared = run(&["share", "--print"], input);
    assert_eq!(shared.status.code(), Some(0));
    let bytes = stdout(&shared);
    assert!(!bytes.contains("s3cr3tpass") && !bytes.contains("alice"));
    let report = gmd_report::SharedReport::from_canonical(bytes.trim_end().as_bytes()).expect("canonical");
    assert_eq!(report.redactions.len(), 2);
    let stderr = String::from_utf8_lossy(&shared.stderr).into_owned();
    let id = stderr
        .lines()
        .find_map(|l| l.strip_prefix("id "))
        .expect("an id line")
        .to_owned();
    assert_eq!(
        id,
        gmd_report::short_id(&gmd_report::full_id(bytes.trim_end().as_bytes()), 0)
    );
    assert_eq!(run(&["share"], input).status.code(), Some(2));
}

#[test]
fn a_closed_standard_output_is_no_panic() {
    // `gomod-doctor analyze --redact big.log | head -1`: the reader goes away first.
    let mut child = Command::new(env!("CARGO_BIN_EXE_gomod-doctor"))
        .args(["analyze", "--redact"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    drop(child.stdout.take());
    let input = "GOPROXY=off\n".repeat(50_000);
    let _ = child.stdin.take().expect("stdin").write_all(input.as_bytes());
    let output = child.wait_with_output().expect("it exits");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0));
}

/// Runs the binary in `dir` with `stdin`, the locale, colour and CI variables unset, then `env`.
fn run_env(args: &[&str], stdin: &str, env: &[(&str, &str)], dir: &std::path::Path) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gomod-doctor"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("RUNNER_OS");
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // The binary may refuse before reading everything; a broken pipe is then expected.
    let _ = child.stdin.take().expect("stdin").write_all(stdin.as_bytes());
    child.wait_with_output().expect("it exits")
}

/// A workflow command read back as the runner reads it (actions/runner's `ActionCommand`): the
/// command, its properties and its message, unescaped.
fn workflow_command(line: &str) -> (String, Vec<(String, String)>, String) {
    let unescape_data = |s: &str| s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%");
    let unescape_property = |s: &str| unescape_data(&s.replace("%3A", ":").replace("%2C", ","));
    let rest = line.strip_prefix("::").expect("starts with ::");
    let (head, data) = rest.split_once("::").expect("a second ::");
    let (command, properties) = head.split_once(' ').unwrap_or((head, ""));
    let properties = properties
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (name, value) = p.split_once('=').expect("name=value");
            (name.to_owned(), unescape_property(value))
        })
        .collect();
    (command.to_owned(), properties, unescape_data(data))
}

#[test]
fn version_names_the_target_and_the_analysis() {
    for arg in ["version", "--version", "-V"] {
        let text = stdout(&run(&[arg], ""));
        let version = env!("CARGO_PKG_VERSION");
        assert!(text.starts_with(&format!("gomod-doctor {version} (")), "{text}");
        assert!(text.contains(&format!("; analysis {version})")), "{text}");
        let target = text.split(['(', ';']).nth(1).expect("a target");
        assert!(target.split('-').count() >= 3, "a target triple: {target}");
    }
}

/// `--format github`: one workflow command per finding, each on one line, its file and line
/// where the evidence came from a file, escaped so that the runner reads back exactly the
/// finding's title and message, its first fix and its reference; the Markdown report appended
/// to GITHUB_STEP_SUMMARY; the fix in PowerShell on a Windows runner.
#[test]
fn github_workflow_commands() {
    let dir = std::env::temp_dir().join(format!("gmd-github-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    // A file name with every character a property escapes.
    let env_file = "go env, 100%: the CI's.txt";
    std::fs::write(dir.join(env_file), "GOFLAGS=''\nGOPROXY='off'\n").expect("written");
    std::fs::write(
        dir.join("log.txt"),
        "go: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n",
    )
    .expect("written");
    let summary = dir.join("summary.md");
    let summary_path = summary.to_string_lossy().into_owned();
    let output = run_env(
        &["analyze", "--format", "github", env_file, "log.txt"],
        "",
        &[("GITHUB_STEP_SUMMARY", &summary_path)],
        &dir,
    );
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let json = run_env(&["analyze", "--format", "json", env_file, "log.txt"], "", &[], &dir);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let findings = report["findings"].as_array().expect("findings");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), findings.len(), "{text}");
    for (line, finding) in lines.iter().zip(findings) {
        let (command, properties, message) = workflow_command(line);
        let expected = match finding["severity"].as_str() {
            Some("error") => "error",
            Some("warning") => "warning",
            _ => "notice",
        };
        assert_eq!(command, expected);
        let property = |name: &str| properties.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
        assert_eq!(
            property("title"),
            Some(
                format!(
                    "{} [{}]",
                    finding["title"]["en"].as_str().unwrap_or_default(),
                    finding["cause"].as_str().unwrap_or_default()
                )
                .as_str()
            )
        );
        let fix = &finding["fixes"][0];
        assert!(
            message.starts_with(finding["message"]["en"].as_str().unwrap_or_default()),
            "{message}"
        );
        assert!(
            message.contains(&format!("\n{}\n", fix["title"]["en"].as_str().unwrap_or_default())),
            "{message}"
        );
        assert!(
            message.ends_with(&format!("\n{}", finding["reference"].as_str().unwrap_or_default())),
            "{message}"
        );
    }
    // The root cause points at the GOPROXY line of the env file: line 2 of that file.
    let (_, properties, message) = workflow_command(lines[0]);
    assert_eq!(properties[0], ("file".to_owned(), env_file.to_owned()));
    assert_eq!(properties[1], ("line".to_owned(), "2".to_owned()));
    assert!(
        lines[0].contains("file=go env%2C 100%25%3A the CI's.txt,line=2,"),
        "{}",
        lines[0]
    );
    assert!(
        message.contains("\nexport GOPROXY=https://proxy.golang.org,direct\n"),
        "{message}"
    );
    // The Markdown report, as `--format markdown` prints it.
    let markdown = run_env(&["analyze", "--format", "markdown", env_file, "log.txt"], "", &[], &dir);
    assert_eq!(std::fs::read(&summary).expect("a summary"), markdown.stdout);
    // On a Windows runner, the fix as PowerShell types it.
    let windows = stdout(&run_env(
        &["analyze", "--format", "github", env_file, "log.txt"],
        "",
        &[("RUNNER_OS", "Windows")],
        &dir,
    ));
    let (_, _, message) = workflow_command(windows.lines().next().unwrap_or_default());
    assert!(
        message.contains("\n$env:GOPROXY = 'https://proxy.golang.org,direct'\n"),
        "{message}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
