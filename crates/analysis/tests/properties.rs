//! Properties of the analysis on generated input (a seeded generator, so failures reproduce):
//! it never panics, reordering `go env` lines changes nothing, and the report is deterministic.

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Fragments of everything users paste, recombined at random.
const FRAGMENTS: &[&str] = &[
    "GOPROXY='https://goproxy.cn,direct'",
    "GOPROXY=off",
    "set GOPROXY=https://a|b",
    "$env:GOSUMDB = \"off\"",
    "\"GOFLAGS\": \"-mod=vendor\",",
    "GOPRIVATE=https://git.corp.example",
    "module example.com/app",
    "require (",
    ")",
    "\tgithub.com/x/y v1.2.3 // indirect",
    "replace a => ../b",
    "go 1.22",
    "toolchain go1.99.1",
    "go: downloading github.com/x/y v1.0.0",
    "go: x.example/m@v1.0.0: Get \"https://proxy.golang.org/x/@v/v1.mod\": dial tcp: lookup proxy.golang.org on 127.0.0.11:53: no such host",
    "go: x@v1: reading https://proxy.golang.org/x/@v/v1.mod: 410 Gone",
    "\tserver response: not found: terminal prompts disabled",
    "verifying x@v1: checksum mismatch",
    "\tdownloaded: h1:abc=",
    "SECURITY ERROR",
    "go: go.mod requires go >= 1.99 (running go 1.21.0; GOTOOLCHAIN=local)",
    "\tfatal: could not read Username for 'https://github.com': terminal prompts disabled",
    "```",
    "<details><summary>x</summary>",
    "",
    "\u{feff}",
    "é中文\u{0}\u{7f}",
    "'\\''",
    "=> =>",
    "(((",
    "go version go1.22.1 linux/amd64",
];

fn generate(rng: &mut Rng) -> String {
    let lines = rng.below(40);
    let mut text = String::new();
    for _ in 0..lines {
        let fragment = rng.pick(FRAGMENTS);
        // Cut fragments at random char boundaries too.
        let cut = if rng.below(4) == 0 {
            fragment
                .char_indices()
                .map(|(i, _)| i)
                .nth(rng.below(fragment.len() + 1))
                .unwrap_or(fragment.len())
        } else {
            fragment.len()
        };
        text.push_str(&fragment[..cut]);
        text.push_str(if rng.below(5) == 0 { "\r\n" } else { "\n" });
    }
    text
}

fn report(input: &str) -> String {
    gmd_analysis::analyze(input).expect("small input").to_report().to_json()
}

/// A digest of the reports of 3000 generated pastes (std's SipHash with fixed keys: the same in
/// every process).
fn digest_of_generated_reports() -> u64 {
    use std::hash::{Hash, Hasher};
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for _ in 0..3000 {
        report(&generate(&mut rng)).hash(&mut hasher);
    }
    hasher.finish()
}

/// The same inputs give the same report bytes in another process, where every `HashMap` is
/// seeded differently: no output depends on hash order or on anything but the input.
#[test]
fn never_panics_and_is_deterministic_across_processes() {
    const CHILD: &str = "GMD_DETERMINISM_CHILD";
    let digest = digest_of_generated_reports();
    if std::env::var_os(CHILD).is_some() {
        println!("digest={digest}");
        return;
    }
    let output = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "never_panics_and_is_deterministic_across_processes",
            "--nocapture",
        ])
        .env(CHILD, "1")
        .output()
        .expect("the test binary runs again");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let child = stdout
        .lines()
        .find_map(|l| l.strip_prefix("digest="))
        .unwrap_or_else(|| panic!("no digest from the child: {stdout}"));
    assert_eq!(child, digest.to_string());
}

/// Arbitrary bytes never panic, and what the analysis says of them stays inside the input:
/// evidence lines exist and quote the input, sections are in order, the first fix is safe.
#[test]
fn arbitrary_bytes_give_findings_about_the_input() {
    let mut rng = Rng(42);
    for _ in 0..2000 {
        let len = rng.below(400);
        let bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0xff) as u8).collect();
        let input = String::from_utf8_lossy(&bytes);
        let analysis = gmd_analysis::analyze(&input).expect("small input");
        let lines: Vec<&str> = input.split('\n').collect();
        for finding in &analysis.findings {
            assert_eq!(
                finding.fixes.first().map(|f| f.safety),
                Some(gmd_analysis::Safety::Safe)
            );
            for evidence in &finding.evidence {
                assert!(evidence.line >= 1 && evidence.line <= lines.len(), "{input:?}");
                assert_eq!(
                    lines[evidence.line - 1].trim_end_matches('\r'),
                    evidence.text,
                    "{input:?}"
                );
            }
        }
        let mut last = 0;
        for section in &analysis.sections {
            assert!(
                section.first_line > last && section.first_line <= section.last_line,
                "{input:?}"
            );
            last = section.last_line;
        }
    }
}

/// `go env` prints one line per variable; their order must not change the diagnosis.
#[test]
fn reordering_go_env_lines_changes_nothing() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/go");
    let mut rng = Rng(7);
    let mut dirs: Vec<_> = std::fs::read_dir(corpus)
        .expect("corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let env = std::fs::read_to_string(dir.join("go-env.txt")).unwrap_or_default();
        let output = std::fs::read_to_string(dir.join("output.txt")).unwrap_or_default();
        let mut lines: Vec<&str> = env.lines().collect();
        for i in (1..lines.len()).rev() {
            lines.swap(i, rng.below(i + 1));
        }
        let shuffled = lines.join("\n");
        let causes = |env: &str| -> Vec<&'static str> {
            // Keep line numbers out of the comparison: only causes, rules and messages.
            gmd_analysis::analyze(&format!("{env}\n{output}"))
                .expect("small")
                .findings
                .iter()
                .map(|f| f.cause.code())
                .collect()
        };
        assert_eq!(causes(&env), causes(&shuffled), "{}", dir.display());
    }
}
