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
    gmd_report::Report::from_analysis(&gmd_analysis::analyze(input).expect("small input")).to_json()
}

#[test]
fn never_panics_and_is_deterministic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let input = generate(&mut rng);
        assert_eq!(report(&input), report(&input), "input: {input:?}");
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut rng = Rng(42);
    for _ in 0..2000 {
        let len = rng.below(400);
        let bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0xff) as u8).collect();
        let _ = gmd_analysis::analyze(&String::from_utf8_lossy(&bytes));
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
