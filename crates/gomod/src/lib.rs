//! go.mod, parsed the way golang.org/x/mod/modfile reads it: `module`, `go`, `toolchain`,
//! `godebug`, `require`, `exclude`, `replace`, `retract`, `tool` and `ignore`, as single lines or
//! `( … )` blocks, with `//` comments (`// indirect`, `// Deprecated:`) and quoted strings.
//!
//! [`parse`] never fails. Whatever cmd/go would reject becomes a [`Problem`] with the go
//! command's wording and the position of the offending token.

use gmd_semantics::{gover, module};

/// A position in the paste: 1-based line and column (in characters), and a length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub line: usize,
    pub column: usize,
    pub len: usize,
}

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Require {
    pub path: Spanned<String>,
    pub version: Spanned<String>,
    pub indirect: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replace {
    pub old_path: Spanned<String>,
    pub old_version: Option<Spanned<String>>,
    pub new_path: Spanned<String>,
    /// Absent when the replacement is a directory.
    pub new_version: Option<Spanned<String>>,
}

impl Replace {
    /// Whether the replacement is a local directory (`./x`, `../x`, `/abs`, `C:\x`).
    pub fn is_local(&self) -> bool {
        is_local_path(&self.new_path.value)
    }
}

/// Whether a replacement target is a file path rather than a module path.
pub fn is_local_path(path: &str) -> bool {
    path.starts_with("./")
        || path.starts_with("../")
        || path.starts_with('/')
        || path == "."
        || path == ".."
        || path.starts_with(".\\")
        || path.starts_with("..\\")
        || path.get(1..3) == Some(":\\")
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retract {
    pub low: String,
    pub high: String,
    pub rationale: String,
    pub line: usize,
}

/// Something cmd/go would reject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Span,
    /// The go command's words, e.g. `unknown directive: requires`.
    pub message: String,
}

/// A parsed go.mod.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoMod {
    pub module: Option<Spanned<String>>,
    /// The text after `// Deprecated:` on the module line or above it.
    pub deprecated: Option<String>,
    pub go: Option<Spanned<String>>,
    pub toolchain: Option<Spanned<String>>,
    pub godebug: Vec<(Spanned<String>, String)>,
    pub requires: Vec<Require>,
    pub excludes: Vec<(Spanned<String>, Spanned<String>)>,
    pub replaces: Vec<Replace>,
    pub retracts: Vec<Retract>,
    pub tools: Vec<Spanned<String>>,
    pub ignores: Vec<Spanned<String>>,
    pub problems: Vec<Problem>,
}

impl GoMod {
    /// The requirement of `path`, if any.
    pub fn require(&self, path: &str) -> Option<&Require> {
        self.requires.iter().find(|r| r.path.value == path)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Word,
    /// A quoted string, already unquoted.
    Quoted,
    LParen,
    RParen,
    Arrow,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    text: String,
    span: Span,
}

/// One logical line: its tokens and its trailing comment.
#[derive(Debug, Clone)]
struct Line {
    number: usize,
    tokens: Vec<Token>,
    comment: Option<String>,
}

/// Parses go.mod text given as `(line number, text)` pairs (numbers as in the paste).
pub fn parse<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>) -> GoMod {
    let mut gomod = GoMod::default();
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|(n, text)| lex(n, text, &mut gomod.problems))
        .collect();
    let mut block: Option<(String, Span)> = None;
    let mut pending_comments: Vec<String> = Vec::new();
    for line in &lines {
        if line.tokens.is_empty() {
            if let Some(comment) = &line.comment {
                pending_comments.push(comment.clone());
            } else {
                pending_comments.clear();
            }
            continue;
        }
        let first = &line.tokens[0];
        if let Some((verb, _)) = &block {
            if first.kind == Kind::RParen {
                block = None;
                pending_comments.clear();
                continue;
            }
            let verb = verb.clone();
            // Inside an unknown block (already reported) the lines mean nothing.
            if !verb.is_empty() {
                directive(&mut gomod, &verb, &line.tokens, line, &pending_comments);
            }
            pending_comments.clear();
            continue;
        }
        if first.kind != Kind::Word {
            gomod
                .problems
                .push(problem(first.span, format!("syntax error: unexpected {}", first.text)));
            continue;
        }
        let verb = first.text.clone();
        let args = &line.tokens[1..];
        if args.len() == 1 && args[0].kind == Kind::LParen {
            if BLOCK_VERBS.contains(&verb.as_str()) {
                block = Some((verb, first.span));
            } else {
                gomod
                    .problems
                    .push(problem(first.span, format!("unknown block type: {verb}")));
                block = Some((String::new(), first.span));
            }
            pending_comments.clear();
            continue;
        }
        let mut tokens = vec![first.clone()];
        tokens.extend_from_slice(args);
        directive(&mut gomod, "", &tokens, line, &pending_comments);
        pending_comments.clear();
    }
    if let Some((_, span)) = block {
        gomod
            .problems
            .push(problem(span, "syntax error: unexpected EOF, expected )".into()));
    }
    gomod
}

const BLOCK_VERBS: &[&str] = &[
    "require",
    "exclude",
    "replace",
    "retract",
    "godebug",
    "tool",
    "ignore",
    "module",
    "go",
    "toolchain",
];

fn problem(span: Span, message: String) -> Problem {
    Problem { span, message }
}

/// Handles one directive: `verb` is the block's verb, or empty when `tokens[0]` is the verb.
fn directive(gomod: &mut GoMod, block_verb: &str, tokens: &[Token], line: &Line, comments: &[String]) {
    let (verb, verb_span, args): (&str, Span, &[Token]) = if block_verb.is_empty() {
        (&tokens[0].text, tokens[0].span, &tokens[1..])
    } else {
        (block_verb, tokens[0].span, tokens)
    };
    let words: Vec<&Token> = args.iter().collect();
    let usage = |gomod: &mut GoMod, usage: &str| gomod.problems.push(problem(verb_span, format!("usage: {usage}")));
    match verb {
        "module" => {
            if words.len() != 1 || words[0].kind == Kind::Arrow {
                return usage(gomod, "module module/path");
            }
            if gomod.module.is_some() {
                gomod
                    .problems
                    .push(problem(verb_span, "repeated module statement".into()));
                return;
            }
            let path = spanned(words[0]);
            if let Err(reason) = module::check_path(&path.value) {
                // cmd/go accepts some paths modfile does (main modules need no dot); report only
                // what it rejects for every module.
                if !reason.contains("missing dot") && !reason.contains("first path element") {
                    gomod.problems.push(problem(
                        path.span,
                        format!("malformed module path {:?}: {reason}", path.value),
                    ));
                }
            }
            gomod.module = Some(path);
            let deprecated = comments
                .iter()
                .chain(line.comment.iter())
                .find_map(|c| c.trim().strip_prefix("Deprecated:").map(|d| d.trim().to_owned()));
            gomod.deprecated = deprecated;
        }
        "go" => {
            if words.len() != 1 {
                return usage(gomod, "go 1.23");
            }
            let version = spanned(words[0]);
            if !gover::is_valid(&version.value) {
                gomod.problems.push(problem(
                    version.span,
                    format!("invalid go version '{}': must match format 1.23", version.value),
                ));
            }
            if gomod.go.is_some() {
                gomod.problems.push(problem(verb_span, "repeated go statement".into()));
            }
            gomod.go = Some(version);
        }
        "toolchain" => {
            if words.len() != 1 {
                return usage(gomod, "toolchain go1.23.1");
            }
            let name = spanned(words[0]);
            if name.value != "default" && gover::from_toolchain(&name.value).is_none() {
                gomod.problems.push(problem(
                    name.span,
                    format!(
                        "invalid toolchain version '{}': must match format go1.23.0 or default",
                        name.value
                    ),
                ));
            }
            gomod.toolchain = Some(name);
        }
        "godebug" => {
            if words.len() != 1 || !words[0].text.contains('=') {
                return usage(gomod, "godebug key=value");
            }
            let (key, value) = words[0].text.split_once('=').unwrap_or_default();
            gomod.godebug.push((
                Spanned {
                    value: key.to_owned(),
                    span: words[0].span,
                },
                value.to_owned(),
            ));
        }
        "require" | "exclude" => {
            if words.len() != 2 {
                return usage(gomod, &format!("{verb} module/path v1.2.3"));
            }
            let path = spanned(words[0]);
            let version = spanned(words[1]);
            check_version(gomod, verb, &path.value, &version);
            if verb == "require" {
                let indirect = line
                    .comment
                    .as_deref()
                    .is_some_and(|c| c.trim() == "indirect" || c.trim().starts_with("indirect;"));
                gomod.requires.push(Require {
                    path,
                    version,
                    indirect,
                });
            } else {
                gomod.excludes.push((path, version));
            }
        }
        "replace" => {
            let arrow = words.iter().position(|t| t.kind == Kind::Arrow);
            let Some(arrow) = arrow.filter(|a| (1..=2).contains(a) && (1..=2).contains(&(words.len() - a - 1))) else {
                return usage(
                    gomod,
                    "replace module/path [v1.2.3] => other/module v1.4\n\t or replace module/path [v1.2.3] => ../local/directory",
                );
            };
            let old_path = spanned(words[0]);
            let old_version = (arrow == 2).then(|| spanned(words[1]));
            let new_path = spanned(words[arrow + 1]);
            let new_version = words.get(arrow + 2).map(|t| spanned(t));
            if let Some(v) = &old_version {
                check_version(gomod, verb, &old_path.value, v);
            }
            if let Some(v) = &new_version {
                if is_local_path(&new_path.value) {
                    gomod.problems.push(problem(
                        v.span,
                        "replacement module directory path must not have version".into(),
                    ));
                } else {
                    check_version(gomod, verb, &new_path.value, v);
                }
            } else if !is_local_path(&new_path.value) {
                gomod.problems.push(problem(
                    new_path.span,
                    "replacement module without version must be directory path (rooted or starting with ./ or ../)"
                        .to_owned(),
                ));
            }
            gomod.replaces.push(Replace {
                old_path,
                old_version,
                new_path,
                new_version,
            });
        }
        "retract" => {
            let rationale = line.comment.clone().unwrap_or_else(|| comments.join("\n"));
            let texts: Vec<&str> = words.iter().map(|t| t.text.as_str()).collect();
            let (low, high) = match texts.as_slice() {
                [v] => (v.to_string(), v.to_string()),
                ["[", low, ",", high, "]"] => (low.to_string(), high.to_string()),
                _ => {
                    let joined = texts.join("");
                    match joined
                        .strip_prefix('[')
                        .and_then(|r| r.strip_suffix(']'))
                        .and_then(|r| r.split_once(','))
                    {
                        Some((low, high)) => (low.trim().to_owned(), high.trim().to_owned()),
                        None => return usage(gomod, "retract v1.2.3 or retract [v1.2.3, v1.3.0]"),
                    }
                }
            };
            for v in [&low, &high] {
                if !module::is_canonical(v) {
                    gomod.problems.push(problem(
                        words[0].span,
                        format!("retract: version {v:?} invalid: must be of the form v1.2.3"),
                    ));
                }
            }
            gomod.retracts.push(Retract {
                low,
                high,
                rationale: rationale.trim().to_owned(),
                line: line.number,
            });
        }
        "tool" | "ignore" => {
            if words.len() != 1 {
                return usage(gomod, &format!("{verb} path"));
            }
            let list = if verb == "tool" {
                &mut gomod.tools
            } else {
                &mut gomod.ignores
            };
            list.push(spanned(words[0]));
        }
        other => gomod
            .problems
            .push(problem(verb_span, format!("unknown directive: {other}"))),
    }
}

/// Checks a version as modfile's `parseVersion` does (without a fixer: canonical only).
fn check_version(gomod: &mut GoMod, verb: &str, path: &str, version: &Spanned<String>) {
    match module::canonical(&version.value) {
        None => gomod.problems.push(problem(
            version.span,
            format!(
                "{verb} {path}: version {:?} invalid: must be of the form v1.2.3",
                version.value
            ),
        )),
        Some(canonical) if canonical != version.value => gomod.problems.push(problem(
            version.span,
            format!(
                "{verb} {path}: version {:?} invalid: should be {canonical}",
                version.value
            ),
        )),
        Some(_) => {
            if let Err(reason) = module::check_path_major(&version.value, path) {
                gomod.problems.push(problem(
                    version.span,
                    format!("{verb} {path}: version {:?} invalid: {reason}", version.value),
                ));
            }
        }
    }
}

fn spanned(token: &Token) -> Spanned<String> {
    Spanned {
        value: token.text.clone(),
        span: token.span,
    }
}

/// Splits one line into tokens and a trailing `//` comment.
fn lex(number: usize, text: &str, problems: &mut Vec<Problem>) -> Line {
    let text = text.trim_end_matches('\r');
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut tokens = Vec::new();
    let mut comment = None;
    let mut i = 0;
    let column = |i: usize| i + 1;
    while i < chars.len() {
        let (_, c) = chars[i];
        let start = i;
        match c {
            c if c.is_whitespace() => i += 1,
            '/' if chars.get(i + 1).map(|x| x.1) == Some('/') => {
                let from = chars[i].0 + 2;
                comment = Some(text[from..].to_owned());
                break;
            }
            '(' | ')' => {
                let kind = if c == '(' { Kind::LParen } else { Kind::RParen };
                tokens.push(Token {
                    kind,
                    text: c.to_string(),
                    span: Span {
                        line: number,
                        column: column(start),
                        len: 1,
                    },
                });
                i += 1;
            }
            '=' if chars.get(i + 1).map(|x| x.1) == Some('>') => {
                tokens.push(Token {
                    kind: Kind::Arrow,
                    text: "=>".into(),
                    span: Span {
                        line: number,
                        column: column(start),
                        len: 2,
                    },
                });
                i += 2;
            }
            '"' | '`' => {
                let quote = c;
                let mut value = String::new();
                i += 1;
                let mut closed = false;
                while i < chars.len() {
                    let ch = chars[i].1;
                    if ch == quote {
                        closed = true;
                        i += 1;
                        break;
                    }
                    if ch == '\\' && quote == '"' && i + 1 < chars.len() {
                        i += 1;
                        value.push(match chars[i].1 {
                            'n' => '\n',
                            't' => '\t',
                            other => other,
                        });
                    } else {
                        value.push(ch);
                    }
                    i += 1;
                }
                let span = Span {
                    line: number,
                    column: column(start),
                    len: i - start,
                };
                if !closed {
                    problems.push(problem(span, "unterminated quoted string".into()));
                }
                tokens.push(Token {
                    kind: Kind::Quoted,
                    text: value,
                    span,
                });
            }
            _ => {
                while i < chars.len() {
                    let ch = chars[i].1;
                    if ch.is_whitespace() || ch == '(' || ch == ')' || ch == '"' || ch == '`' {
                        break;
                    }
                    if ch == '/' && chars.get(i + 1).map(|x| x.1) == Some('/') {
                        break;
                    }
                    if ch == '=' && chars.get(i + 1).map(|x| x.1) == Some('>') {
                        break;
                    }
                    i += 1;
                }
                let word: String = chars[start..i].iter().map(|x| x.1).collect();
                tokens.push(Token {
                    kind: Kind::Word,
                    text: word,
                    span: Span {
                        line: number,
                        column: column(start),
                        len: i - start,
                    },
                });
            }
        }
    }
    Line {
        number,
        tokens,
        comment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> GoMod {
        parse(text.lines().enumerate().map(|(i, l)| (i + 1, l)))
    }

    /// Parses `text` and compares the problems as `line:column message`.
    fn check_problems(text: &str, expected: &[&str]) {
        let gomod = parse_text(text);
        let actual: Vec<String> = gomod
            .problems
            .iter()
            .map(|p| format!("{}:{} {}", p.span.line, p.span.column, p.message))
            .collect();
        assert_eq!(actual, expected, "{text}");
    }

    const FULL: &str = r#"// Deprecated: use example.com/new instead.
module example.com/app

go 1.22.3

toolchain go1.23.1

godebug default=go1.21

require (
	github.com/sirupsen/logrus v1.9.3
	golang.org/x/text v0.14.0 // indirect
	"github.com/quoted/path" v1.0.0
)

require gopkg.in/yaml.v3 v3.0.1

exclude github.com/bad/mod v0.1.0

replace (
	github.com/sirupsen/logrus => ../logrus
	golang.org/x/text v0.14.0 => golang.org/x/text v0.15.0
)

retract [v1.0.0, v1.0.5] // broke the API
retract v1.1.0

tool golang.org/x/tools/cmd/stringer

ignore ./node_modules
"#;

    #[test]
    fn parses_the_whole_grammar() {
        let gomod = parse_text(FULL);
        assert_eq!(gomod.problems, vec![]);
        let module = gomod.module.as_ref().unwrap();
        assert_eq!(
            (module.value.as_str(), module.span),
            (
                "example.com/app",
                Span {
                    line: 2,
                    column: 8,
                    len: 15
                }
            )
        );
        assert_eq!(gomod.deprecated.as_deref(), Some("use example.com/new instead."));
        assert_eq!(gomod.go.as_ref().unwrap().value, "1.22.3");
        assert_eq!(gomod.toolchain.as_ref().unwrap().value, "go1.23.1");
        assert_eq!(gomod.godebug[0].1, "go1.21");
        let requires: Vec<(&str, &str, bool)> = gomod
            .requires
            .iter()
            .map(|r| (r.path.value.as_str(), r.version.value.as_str(), r.indirect))
            .collect();
        assert_eq!(
            requires,
            vec![
                ("github.com/sirupsen/logrus", "v1.9.3", false),
                ("golang.org/x/text", "v0.14.0", true),
                ("github.com/quoted/path", "v1.0.0", false),
                ("gopkg.in/yaml.v3", "v3.0.1", false),
            ]
        );
        assert_eq!(
            gomod.require("golang.org/x/text").unwrap().version.span,
            Span {
                line: 12,
                column: 20,
                len: 7
            }
        );
        assert_eq!(gomod.excludes.len(), 1);
        assert!(gomod.replaces[0].is_local() && !gomod.replaces[1].is_local());
        assert_eq!(gomod.replaces[1].new_version.as_ref().unwrap().value, "v0.15.0");
        assert_eq!(gomod.retracts[0].low, "v1.0.0");
        assert_eq!(gomod.retracts[0].high, "v1.0.5");
        assert_eq!(gomod.retracts[0].rationale, "broke the API");
        assert_eq!(gomod.tools[0].value, "golang.org/x/tools/cmd/stringer");
        assert_eq!(gomod.ignores[0].value, "./node_modules");
    }

    #[test]
    fn reports_what_cmd_go_rejects() {
        check_problems(
            "module example.com/app\n\nrequires github.com/x/y v1.0.0\n",
            &["3:1 unknown directive: requires"],
        );
        check_problems("module example.com/my app\n", &["1:1 usage: module module/path"]);
        check_problems(
            "module m.example\nrequire (\n\tgithub.com/sirupsen/logrus master\n\tgithub.com/a/b v1.9\n)\n",
            &[
                "3:29 require github.com/sirupsen/logrus: version \"master\" invalid: must be of the form v1.2.3",
                "4:17 require github.com/a/b: version \"v1.9\" invalid: should be v1.9.0",
            ],
        );
        check_problems(
            "module m.example\nrequire github.com/example/major v2.0.0\n",
            &["2:34 require github.com/example/major: version \"v2.0.0\" invalid: should be v0 or v1, not v2"],
        );
        check_problems(
            "module m.example\ngo 1.21.0rc1\n",
            &["2:4 invalid go version '1.21.0rc1': must match format 1.23"],
        );
        check_problems(
            "module m.example\nrequire (\n\tgithub.com/a/b v1.0.0\n",
            &["2:1 syntax error: unexpected EOF, expected )"],
        );
        check_problems(
            "module m.example\nreplace a.example/b => c.example/d\n",
            &["2:24 replacement module without version must be directory path (rooted or starting with ./ or ../)"],
        );
        check_problems(
            "module \"m.example\nrequire x.example/y v1.0.0\n",
            &["1:8 unterminated quoted string"],
        );
        check_problems(
            "module m.example\nfrobnicate (\n\tx\n)\n",
            &["2:1 unknown block type: frobnicate"],
        );
    }

    #[test]
    fn never_fails_on_garbage() {
        for text in [
            "",
            ")",
            "(((",
            "=> =>",
            "module",
            "require",
            "retract [",
            "\"",
            "`",
            "replace a => b c d e",
            "go",
            "\u{feff}module x",
        ] {
            let _ = parse_text(text);
        }
        assert_eq!(parse_text(")").problems[0].message, "syntax error: unexpected )");
    }
}
