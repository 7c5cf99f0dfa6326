//! Data-driven tests: an input and its redacted form, then the redaction corpus.

use super::*;

/// Redacts `input` and compares the text and the `kind placeholder lines` list.
fn check(input: &str, options: Options, expected: &str, redactions: &[&str]) {
    let redacted = redact(input, options);
    assert_eq!(redacted.text, expected, "input:\n{input}");
    let actual: Vec<String> = redacted
        .redactions
        .iter()
        .map(|r| {
            format!(
                "{} {} {}",
                r.kind.code(),
                r.placeholder,
                r.lines.iter().map(|l| l.to_string()).collect::<Vec<_>>().join(",")
            )
        })
        .collect();
    assert_eq!(actual, redactions, "input:\n{input}");
}

const NO_HOSTS: Options = Options { hosts: false };
const HOSTS: Options = Options { hosts: true };

#[test]
fn credentials_in_urls() {
    check(
        "GOPROXY='https://alice:s3cr3t@goproxy.corp.example/api/go,direct'\nHTTPS_PROXY=http://proxyuser:P%40ss@10.1.1.1:3128\n",
        NO_HOSTS,
        "GOPROXY='https://<credentials-1>@goproxy.corp.example/api/go,direct'\nHTTPS_PROXY=http://<credentials-2>@10.1.1.1:3128\n",
        &["url_credentials <credentials-1> 1", "url_credentials <credentials-2> 2"],
    );
    check(
        "git@github.com:acme/x.git ssh://git@github.com/acme/x\n",
        NO_HOSTS,
        "git@github.com:acme/x.git ssh://git@github.com/acme/x\n",
        &[],
    );
}

#[test]
fn tokens_headers_netrc_and_goauth() {
    check(
        "GITHUB_TOKEN=ghp_0123456789abcdefghijABCDEFGHIJ012345\ncurl -H 'Authorization: Bearer abc.def.ghi' https://x\nmachine git.corp.example login gopher password hunter2hunter2\nGOAUTH='/usr/local/bin/corp-auth --token=zzzzzz'\nGOAUTH='netrc'\nhttps://gitlab.com/api?private_token=glpat-abcdefghijklmnopqrst&x=1\n",
        NO_HOSTS,
        "GITHUB_TOKEN=<token-1>\ncurl -H 'Authorization: Bearer <token-2>' https://x\nmachine git.corp.example login gopher password <password-1>\nGOAUTH='<token-3>'\nGOAUTH='netrc'\nhttps://gitlab.com/api?private_token=<token-4>&x=1\n",
        &[
            "token <token-1> 1",
            "authorization <token-2> 2",
            "password <password-1> 3",
            "goauth <token-3> 4",
            "token <token-4> 6",
        ],
    );
    check(
        "AKIAABCDEFGHIJKLMNOP and AKIAABCDEFGHIJKLMNOP\n",
        NO_HOSTS,
        "<token-1> and <token-1>\n",
        &["token <token-1> 1"],
    );
    check("tokenizer=on token=\n", NO_HOSTS, "tokenizer=on token=\n", &[]);
}

#[test]
fn user_names_in_home_paths() {
    check(
        "GOPATH='/home/alice/go'\nGOMODCACHE='/Users/bob/go/pkg/mod'\nset GOPATH=C:\\Users\\carol\\go\nGOPATH='/home/alice/other'\n",
        NO_HOSTS,
        "GOPATH='/home/<user>/go'\nGOMODCACHE='/Users/<user-2>/go/pkg/mod'\nset GOPATH=C:\\Users\\<user-3>\\go\nGOPATH='/home/<user>/other'\n",
        &["user_name <user> 1,4", "user_name <user-2> 2", "user_name <user-3> 3"],
    );
    check("/home/runner/work\n", NO_HOSTS, "/home/runner/work\n", &[]);
}

#[test]
fn private_keys() {
    check(
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nAAAAB3NzaC1yc2EAAAADAQAB\n-----END OPENSSH PRIVATE KEY-----\n",
        NO_HOSTS,
        "-----BEGIN OPENSSH PRIVATE KEY-----\n<private-key>\n<private-key>\n-----END OPENSSH PRIVATE KEY-----\n",
        &["private_key <private-key> 2,3"],
    );
}

#[test]
fn internal_hosts_only_when_asked() {
    let input = "go: git.corp.example/platform/auth@v1.2.0: reading https://proxy.golang.org/git.corp.example/platform/auth/@v/v1.2.0.mod: 404 Not Found\n";
    check(input, NO_HOSTS, input, &[]);
    check(
        input,
        HOSTS,
        "go: <host-1>/platform/auth@v1.2.0: reading https://proxy.golang.org/<host-1>/platform/auth/@v/v1.2.0.mod: 404 Not Found\n",
        &["host <host-1> 1"],
    );
    check(
        "main.go:4:2 go.mod github.com/x/y v1.9.3\n",
        HOSTS,
        "main.go:4:2 go.mod github.com/x/y v1.9.3\n",
        &[],
    );
    // The preview names a host whole, and a host the user chose to show stays.
    let both = "GOPRIVATE=git.corp.example\nGOPROXY=https://athens.corp.example\n";
    let masked = redact(both, HOSTS);
    let hosts: Vec<&str> = masked.redactions.iter().map(|r| r.hint.as_str()).collect();
    assert_eq!(hosts, ["git.corp.example", "athens.corp.example"]);
    let kept = crate::redact_keeping(both, HOSTS, &["athens.corp.example".to_owned()]);
    assert_eq!(kept.text, "GOPRIVATE=<host-1>\nGOPROXY=https://athens.corp.example\n");
}

/// Found by the `redact` fuzz target: a GOAUTH placeholder was masked again on a second pass.
#[test]
fn a_second_pass_changes_nothing() {
    let input = "GOAUTH='/opt/corp/bin/go-auth --client-secret Torse'\nGOPROXY=https://alice:s3cret@proxy.corp.example\n\
                 machine git.corp.example login alice password hunter2\nAuthorization: Bearer abcdefghijklmnop\n\
                 GOMODCACHE='/home/alice.smith/go/pkg/mod'\n";
    for hosts in [false, true] {
        let options = Options { hosts };
        let once = redact(input, options);
        assert_ne!(once.text, input);
        let twice = redact(&once.text, options);
        assert_eq!(twice.text, once.text, "hosts: {hosts}");
        assert!(twice.redactions.is_empty(), "{:?}", twice.redactions);
    }
    assert!(only_placeholders("<token-3>") && only_placeholders("<user>:<password-1>"));
    // Found by the fuzz target too: the second header on a line was not masked.
    let two = redact(
        "curl -H 'Authorization: Bearer first1' -H 'Authorization: Bearer second2'\n",
        Options::default(),
    );
    assert!(
        !two.text.contains("first1") && !two.text.contains("second2"),
        "{}",
        two.text
    );
    assert!(!only_placeholders("<token-3>x") && !only_placeholders("<Token>") && !only_placeholders(""));
}

#[test]
fn keeps_line_endings_and_never_fails() {
    check(
        "a\r\nGOPATH=/home/dave/go\r\n",
        NO_HOSTS,
        "a\r\nGOPATH=/home/<user>/go\r\n",
        &["user_name <user> 2"],
    );
    for input in [
        "",
        "://",
        "@",
        "password",
        "password ",
        "token=",
        "-----BEGIN PRIVATE KEY-----",
        "/home/",
        "é://ü@",
        "ghp_",
    ] {
        let _ = redact(input, HOSTS);
    }
}

/// The folders of a fixture corpus under `tests/fixtures/<name>`, sorted.
fn fixture_dirs(name: &str) -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name);
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

/// The causes the analysis names for `text`, in order.
fn causes(text: &str) -> Vec<&'static str> {
    gmd_analysis::analyze(text)
        .unwrap()
        .findings
        .iter()
        .map(|f| f.cause.code())
        .collect()
}

/// The redaction corpus: realistic pastes with secrets in every form. No secret survives,
/// and the diagnosis names the same causes before and after.
#[test]
fn corpus_no_secret_survives_and_causes_stay() {
    let cases = fixture_dirs("redaction");
    assert!(cases.len() >= 30, "{} redaction cases", cases.len());
    for case in cases {
        let input = std::fs::read_to_string(case.join("input.txt")).unwrap();
        let secrets = std::fs::read_to_string(case.join("secrets.txt")).unwrap();
        for options in [NO_HOSTS, HOSTS] {
            let redacted = redact(&input, options);
            for secret in secrets.lines().filter(|s| !s.trim().is_empty()) {
                assert!(
                    !redacted.text.contains(secret),
                    "{}: {secret:?} survived:\n{}",
                    case.display(),
                    redacted.text
                );
            }
            assert_eq!(
                causes(&input),
                causes(&redacted.text),
                "{} (hosts: {})",
                case.display(),
                options.hosts
            );
        }
    }
}

/// Redaction must not change the diagnosis of any real-go fixture, real user paste (both
/// development corpora) or hand-written case, hosts masked or not, nor swallow the lines after a
/// secret.
#[test]
fn redaction_keeps_every_real_go_diagnosis() {
    let pastes = fixture_dirs("real")
        .into_iter()
        .chain(fixture_dirs("real2"))
        .chain(fixture_dirs("cases"));
    for case in pastes {
        let read = |name: &str| std::fs::read_to_string(case.join(name)).unwrap_or_default();
        let input = ["env.txt", "go.mod", "log.txt", "input.txt"]
            .iter()
            .map(|f| read(f))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        for options in [NO_HOSTS, HOSTS] {
            let redacted = redact(&input, options).text;
            assert_eq!(input.lines().count(), redacted.lines().count(), "{}", case.display());
            // Masked hosts hide whether a host is public, which secondary findings read; the
            // root cause stays. Without host masking, every finding stays.
            let (before, after) = (causes(&input), causes(&redacted));
            let compared = if options.hosts { 1 } else { usize::MAX };
            assert_eq!(
                before.iter().take(compared).collect::<Vec<_>>(),
                after.iter().take(compared).collect::<Vec<_>>(),
                "{} (hosts: {})",
                case.display(),
                options.hosts
            );
        }
    }
    for case in fixture_dirs("go") {
        let read = |name: &str| std::fs::read_to_string(case.join(name)).unwrap_or_default();
        let input = format!(
            "{}\n{}\n{}",
            read("go-env.txt"),
            read("input/go.mod"),
            read("output.txt")
        );
        for options in [NO_HOSTS, HOSTS] {
            assert_eq!(
                causes(&input),
                causes(&redact(&input, options).text),
                "{} (hosts: {})",
                case.display(),
                options.hosts
            );
        }
    }
}

/// The list a report carries is read from its text: every placeholder, its kind and lines, and
/// nothing else in angle brackets.
#[test]
fn the_listed_redactions_are_the_placeholders_the_text_holds() {
    let input = "GOPROXY=https://bob:hunter2hunter2@goproxy.corp.example\nGOPATH=/home/alice/go\ntoken=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n<details> <b> <token-01> <token-> <user>\n";
    let redacted = crate::redact(input, crate::Options::default());
    let listed: Vec<(String, String, Vec<usize>)> = crate::listed(&redacted.text)
        .into_iter()
        .map(|r| (r.kind, r.placeholder, r.lines))
        .collect();
    let expected = [
        ("url_credentials", "<credentials-1>", vec![1]),
        ("user_name", "<user>", vec![2, 4]),
        ("token", "<token-1>", vec![3]),
    ];
    let expected: Vec<(String, String, Vec<usize>)> = expected
        .into_iter()
        .map(|(k, p, l)| (k.to_owned(), p.to_owned(), l))
        .collect();
    assert_eq!(listed, expected, "{}", redacted.text);
    // Every placeholder the redaction made is listed.
    for r in &redacted.redactions {
        assert!(
            listed.iter().any(|(_, p, _)| *p == r.placeholder),
            "{} not listed",
            r.placeholder
        );
    }
}
