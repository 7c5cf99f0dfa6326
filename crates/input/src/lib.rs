//! Splits what a user pasted into typed sections.
//!
//! A paste holds, in any order: `go env` output (any format), go.mod, go.sum lines,
//! `go version`, the failing command's output, `env | grep -i proxy` lines and git config
//! snippets — often wrapped in markdown fences or `<details>` blocks from forums. Each line is
//! classified, then consecutive lines of one kind form a [`Section`]. Markup lines (fences,
//! `<details>`, `<summary>`) belong to no section. Never fails.

pub mod wrapper;

/// What a section holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Environment settings: `go env` (any format), `env | grep` lines.
    GoEnv,
    GoMod,
    GoSum,
    /// `go version go1.22.1 linux/amd64`.
    GoVersion,
    /// git configuration: `[url "…"]`, `insteadOf = …`, `git config …` lines.
    GitConfig,
    /// Anything else that is not empty: the command's output.
    Log,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::GoEnv => "go_env",
            Kind::GoMod => "go_mod",
            Kind::GoSum => "go_sum",
            Kind::GoVersion => "go_version",
            Kind::GitConfig => "git_config",
            Kind::Log => "log",
        }
    }
}

/// One line of the paste.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based.
    pub number: usize,
    /// Without the line ending.
    pub text: &'a str,
}

/// Consecutive lines `start..end` (indexes into [`Split::lines`]) of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

impl Section {
    /// 1-based first and last line numbers.
    pub fn line_span(&self) -> (usize, usize) {
        (self.start + 1, self.end)
    }
}

/// A paste split into lines and sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub lines: Vec<Line<'a>>,
    pub sections: Vec<Section>,
}

impl<'a> Split<'a> {
    /// The `(line number, text)` pairs of every section of `kind`.
    pub fn lines_of(&self, kind: Kind) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        self.sections
            .iter()
            .filter(move |s| s.kind == kind)
            .flat_map(move |s| self.lines[s.start..s.end].iter().map(|l| (l.number, l.text)))
    }

    /// The sections of `kind`.
    pub fn sections_of(&self, kind: Kind) -> impl Iterator<Item = &Section> + '_ {
        self.sections.iter().filter(move |s| s.kind == kind)
    }

    /// The `(line number, text)` pairs of one section.
    pub fn section_lines(&self, section: &Section) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        self.lines[section.start..section.end]
            .iter()
            .map(|l| (l.number, l.text))
    }

    /// The text of line `number` (1-based), or `""`.
    pub fn line(&self, number: usize) -> &'a str {
        self.lines.get(number.wrapping_sub(1)).map_or("", |l| l.text)
    }
}

/// Splits `input`. Several inputs (files, form fields) can be split one by one or joined with
/// a blank line: the result is the same kinds.
pub fn split(input: &str) -> Split<'_> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let lines: Vec<Line<'_>> = input
        .split('\n')
        .enumerate()
        .map(|(i, text)| Line {
            number: i + 1,
            text: text.strip_suffix('\r').unwrap_or(text),
        })
        .collect();
    // A trailing newline does not make an extra line.
    let lines = match lines.last() {
        Some(last) if last.text.is_empty() && lines.len() > 1 => lines[..lines.len() - 1].to_vec(),
        _ => lines,
    };
    // A paste indented as a whole (a markdown code block, a quoted e-mail): the indentation every
    // line shares is not the tools' own.
    let common = lines
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .map(|l| l.text.len() - l.text.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let lines: Vec<Line<'_>> = lines
        .into_iter()
        .map(|l| Line {
            text: wrapper::unwrap(l.text.get(common..).unwrap_or("")),
            ..l
        })
        .collect();
    let classes = classify(&lines);
    let mut sections: Vec<Section> = Vec::new();
    for (index, class) in classes.iter().enumerate() {
        let Class::Content(kind) = class else {
            continue;
        };
        match sections.last_mut() {
            // Extend the open section when only blank lines stand between.
            Some(last) if last.kind == *kind && classes[last.end..index].iter().all(|c| *c == Class::Blank) => {
                last.end = index + 1;
            }
            _ => sections.push(Section {
                kind: *kind,
                start: index,
                end: index + 1,
            }),
        }
    }
    Split { lines, sections }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Blank,
    Markup,
    Content(Kind),
}

/// Classifies every line; go.mod is recognised with its context (a `module` line starts it,
/// and block contents belong to it).
fn classify(lines: &[Line<'_>]) -> Vec<Class> {
    let mut classes = Vec::with_capacity(lines.len());
    let mut in_gomod = false;
    let mut in_block = false;
    let mut in_json = false;
    for line in lines {
        let text = line.text.trim();
        if text.is_empty() {
            classes.push(Class::Blank);
            continue;
        }
        if is_markup(text) {
            classes.push(Class::Markup);
            in_gomod = false;
            in_block = false;
            in_json = false;
            continue;
        }
        if in_gomod {
            if in_block {
                if text.starts_with(')') {
                    in_block = false;
                }
                classes.push(Class::Content(Kind::GoMod));
                continue;
            }
            if let Some(opens) = gomod_directive(text) {
                in_block = opens;
                classes.push(Class::Content(Kind::GoMod));
                continue;
            }
            in_gomod = false;
        }
        if is_module_line(text) {
            in_gomod = true;
            in_block = false;
            classes.push(Class::Content(Kind::GoMod));
            continue;
        }
        if text == "{" && !in_json {
            in_json = true;
            classes.push(Class::Content(Kind::GoEnv));
            continue;
        }
        if in_json {
            if text == "}" {
                in_json = false;
                classes.push(Class::Content(Kind::GoEnv));
                continue;
            }
            if gmd_goenv::parse_line(text).is_some() {
                classes.push(Class::Content(Kind::GoEnv));
                continue;
            }
            in_json = false;
        }
        classes.push(Class::Content(classify_line(text)));
    }
    classes
}

/// Markdown fences, `<details>`, `<summary>`, `<pre>`: wrappers from forums and issue trackers.
fn is_markup(text: &str) -> bool {
    if text.starts_with("```") || text.starts_with("~~~") {
        return true;
    }
    if !text.starts_with('<') {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    [
        "<details",
        "</details>",
        "<summary",
        "</summary>",
        "<pre>",
        "</pre>",
        "<code>",
        "</code>",
    ]
    .iter()
    .any(|tag| lower.starts_with(tag))
}

/// `module path` (not a log line such as `module example.com/x: reading …`).
fn is_module_line(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("module") else {
        return false;
    };
    rest.starts_with(char::is_whitespace) && !rest.trim().is_empty() && !rest.contains(": ")
}

/// `Some(opens a block)` for a line that can follow a module line in go.mod.
fn gomod_directive(text: &str) -> Option<bool> {
    if text.starts_with("//") {
        return Some(false);
    }
    let word = text
        .split(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or_default();
    let directive = matches!(
        word,
        "go" | "toolchain" | "godebug" | "require" | "exclude" | "replace" | "retract" | "tool" | "ignore" | "module"
    );
    // Misspelled directives (`requires`) are go.mod too: they are what the user must fix.
    let next = text.split_whitespace().nth(1).unwrap_or_default();
    let near = matches!(
        word,
        "requires" | "replaces" | "excludes" | "retracts" | "tools" | "gotoolchain"
    ) || word.len() > 2
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && (next == "(" || next.contains('.') && next.contains('/'));
    if !(directive || near) || text.contains(": ") {
        return None;
    }
    // `go mod tidy`, `go build ./...`: a command typed after the file, not its `go` line.
    if word == "go" && !next.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(text.trim_end().ends_with('('))
}

fn classify_line(text: &str) -> Kind {
    if text.starts_with("go version go") || text.starts_with("go version devel") {
        return Kind::GoVersion;
    }
    if is_go_sum_line(text) {
        return Kind::GoSum;
    }
    if is_git_config(text) {
        return Kind::GitConfig;
    }
    if gmd_goenv::parse_line(text).is_some_and(|(key, _, _)| is_environment_key(&key)) {
        return Kind::GoEnv;
    }
    Kind::Log
}

/// `path version[/go.mod] h1:…=`.
fn is_go_sum_line(text: &str) -> bool {
    // (Its hash ends it: most lines are ruled out before they are split into words.)
    if !text.ends_with('=') {
        return false;
    }
    let mut words = text.split_whitespace();
    let (Some(path), Some(version), Some(hash), None) = (words.next(), words.next(), words.next(), words.next()) else {
        return false;
    };
    path.contains('.') && version.starts_with('v') && hash.starts_with("h1:") && hash.ends_with('=')
}

fn is_git_config(text: &str) -> bool {
    // Every form starts with one of these letters: most lines are ruled out without a copy.
    if !matches!(
        text.as_bytes().first().map(u8::to_ascii_lowercase),
        Some(b'[' | b'i' | b'p' | b'g' | b'u' | b'h' | b'c' | b'm')
    ) {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    (lower.starts_with("[url ") || lower.starts_with("[http") || lower.starts_with("[credential"))
        && lower.ends_with(']')
        || lower.starts_with("insteadof")
        || lower.starts_with("pushinsteadof")
        || lower.starts_with("git config ")
        || lower.starts_with("url.") && lower.contains(".insteadof")
        || lower.starts_with("http.proxy")
        || lower.starts_with("https.proxy")
        || lower.starts_with("credential.helper")
        || lower.starts_with("machine ") && lower.contains(" login ")
}

/// Variables that matter to the go command: its own, cgo's, proxies', git's.
fn is_environment_key(key: &str) -> bool {
    let upper = key.to_ascii_uppercase();
    upper.starts_with("GO")
        || upper.starts_with("CGO_")
        || upper.starts_with("GIT_")
        || matches!(
            upper.as_str(),
            "AR" | "CC"
                | "CXX"
                | "FC"
                | "GCCGO"
                | "PKG_CONFIG"
                | "HTTP_PROXY"
                | "HTTPS_PROXY"
                | "NO_PROXY"
                | "ALL_PROXY"
                | "SSL_CERT_FILE"
                | "SSL_CERT_DIR"
                | "HOME"
                | "PATH"
                | "TERM"
                | "GOPATH"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits `input` and renders each section as `kind first-last`.
    fn check(input: &str, expected: &[&str]) {
        let split = split(input);
        let actual: Vec<String> = split
            .sections
            .iter()
            .map(|s| {
                let (first, last) = s.line_span();
                format!("{} {first}-{last}", s.kind.code())
            })
            .collect();
        assert_eq!(actual, expected, "input:\n{input}");
    }

    #[test]
    fn a_forum_post_with_everything() {
        let input = "\u{feff}My build fails:\r\n```\r\n$ go version\r\ngo version go1.22.1 linux/amd64\r\n$ go env\r\nGO111MODULE=''\r\nGOPROXY='https://proxy.golang.org,direct'\r\n\r\nGOSUMDB='sum.golang.org'\r\n```\r\n<details><summary>go.mod</summary>\r\n\r\n```go\r\nmodule example.com/app\r\n\r\ngo 1.22\r\n\r\nrequire (\r\n\tgithub.com/sirupsen/logrus v1.9.3 // indirect\r\n)\r\n```\r\n</details>\r\n\r\ngithub.com/sirupsen/logrus v1.9.3 h1:abc=\r\n$ go mod tidy\r\ngo: github.com/sirupsen/logrus@v1.9.3: Get \"https://proxy.golang.org/...\": dial tcp 142.250.1.1:443: i/o timeout\r\n";
        check(
            input,
            &[
                "log 1-1",
                "log 3-3",
                "go_version 4-4",
                "log 5-5",
                "go_env 6-9",
                "go_mod 14-20",
                "go_sum 24-24",
                "log 25-26",
            ],
        );
    }

    #[test]
    fn go_env_json_and_windows() {
        check(
            "{\n\t\"GOPROXY\": \"off\",\n\t\"GOSUMDB\": \"off\"\n}\n",
            &["go_env 1-4"],
        );
        check(
            "set GOPROXY=https://goproxy.cn\nset GOSUMDB=off\n$env:GOFLAGS = \"-mod=mod\"",
            &["go_env 1-3"],
        );
    }

    #[test]
    fn go_mod_ends_where_the_grammar_ends() {
        check(
            "module example.com/app\n\ngo 1.22\nrequires github.com/x/y v1.0.0\ngo: errors parsing go.mod:\ngo.mod:4: unknown directive: requires\n",
            &["go_mod 1-4", "log 5-6"],
        );
        check("go: module example.com/x: reading ...\n", &["log 1-1"]);
        check(
            "module example.com/app\n\nrequrie github.com/x/y v1.0.0\ngo: downloading x\n",
            &["go_mod 1-3", "log 4-4"],
        );
    }

    #[test]
    fn env_grep_git_config_and_netrc() {
        check(
            "https_proxy=http://127.0.0.1:7890\nHTTP_PROXY=http://127.0.0.1:7890\n[url \"ssh://git@github.com/\"]\n\tinsteadOf = https://github.com/\nmachine git.corp.example login gopher password x\n",
            &["go_env 1-2", "git_config 3-5"],
        );
    }

    #[test]
    fn lines_and_accessors() {
        let split = split("GOPROXY=off\n\ngo: x\n");
        assert_eq!(split.lines.len(), 3);
        assert_eq!(split.line(3), "go: x");
        assert_eq!(split.line(9), "");
        assert_eq!(split.lines_of(Kind::Log).collect::<Vec<_>>(), vec![(3, "go: x")]);
        assert_eq!(split.lines_of(Kind::GoEnv).count(), 1);
        assert_eq!(split_empty(), 0);
    }

    fn split_empty() -> usize {
        split("").sections.len()
    }
}
