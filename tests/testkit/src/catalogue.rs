//! The coverage check of the go command's error catalogue (`crates/golog/catalogue/go-errors.tsv`):
//! the format strings of the module packages of each installed Go release, extracted from its
//! source, against the entries.
//!
//! What is extracted, in the packages of [`PACKAGES`] (not their tests): the format or message
//! of `fmt.Errorf`, `errors.New`, `base.Fatalf`, `base.Errorf`, `fmt.Fprintf(os.Stderr, …)`,
//! `importErrorf(path, …)`, the local `errorf` helpers (`modfile`), `Fatalf`/`Errorf` inside
//! `base`, `HelpText = …`, and in `Error() string` methods `fmt.Sprintf` and `return "…"`.
//! Adjacent literals joined by `+` are one format.

use gmd_golog::catalogue::{self, Entry};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The packages whose messages are about modules (and the settings they read).
pub const PACKAGES: &[&str] = &[
    "cmd/go/internal/auth",
    "cmd/go/internal/base",
    "cmd/go/internal/cfg",
    "cmd/go/internal/envcmd",
    "cmd/go/internal/gover",
    "cmd/go/internal/modcmd",
    "cmd/go/internal/modfetch",
    "cmd/go/internal/modfetch/codehost",
    "cmd/go/internal/modget",
    "cmd/go/internal/modload",
    "cmd/go/internal/toolchain",
    "cmd/go/internal/vcs",
    "cmd/go/internal/web",
    "cmd/vendor/golang.org/x/mod/modfile",
    "cmd/vendor/golang.org/x/mod/module",
    "cmd/vendor/golang.org/x/mod/semver",
    "cmd/vendor/golang.org/x/mod/sumdb",
    "cmd/vendor/golang.org/x/mod/sumdb/note",
    "cmd/vendor/golang.org/x/mod/sumdb/tlog",
    "cmd/vendor/golang.org/x/mod/zip",
];

/// A format found in a release's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub format: String,
    /// The file, as the catalogue names it (`cmd/go/internal/modload/query.go`,
    /// `golang.org/x/mod/module/module.go`).
    pub source: String,
    /// The source concatenates more text after it.
    pub open_end: bool,
}

/// Every format of the packages under `src` (a GOROOT's `src`), first occurrence kept; a
/// package the release does not have (`gover` before 1.21) has none. Which packages it has.
pub fn extract(src: &Path) -> Result<(Vec<Found>, Vec<&'static str>), String> {
    let mut found: Vec<Found> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut present = Vec::new();
    if !src.join("cmd/go").is_dir() {
        return Err(format!("{} holds no cmd/go", src.display()));
    }
    for package in PACKAGES {
        let dir = src.join(package);
        if !dir.is_dir() {
            continue;
        }
        present.push(*package);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "go"))
            .filter(|p| !p.to_string_lossy().ends_with("_test.go"))
            .collect();
        files.sort();
        for file in files {
            let source = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let name = format!(
                "{}/{}",
                package.strip_prefix("cmd/vendor/").unwrap_or(package),
                file.file_name().unwrap_or_default().to_string_lossy()
            );
            for (format, open_end) in formats_in(&source, package.ends_with("/base")) {
                if seen.insert(format.clone()) {
                    found.push(Found {
                        format,
                        source: name.clone(),
                        open_end,
                    });
                }
            }
        }
    }
    Ok((found, present))
}

/// The formats of one Go file, in order.
fn formats_in(src: &str, in_base: bool) -> Vec<(String, bool)> {
    let mut starts: Vec<(usize, bool)> = Vec::new(); // (after the call's `(`, skip the first argument)
    for call in [
        "fmt.Errorf(",
        "errors.New(",
        "base.Fatalf(",
        "base.Errorf(",
        "fmt.Fprintf(os.Stderr,",
        "HelpText = ",
    ] {
        starts.extend(src.match_indices(call).map(|(i, _)| (i + call.len(), false)));
    }
    starts.extend(
        src.match_indices("importErrorf(")
            .map(|(i, _)| (i + "importErrorf(".len(), true)),
    );
    let bare: &[&str] = if in_base {
        &["errorf(", "Fatalf(", "Errorf("]
    } else {
        &["errorf("]
    };
    for call in bare {
        starts.extend(
            src.match_indices(call)
                .filter(|(i, _)| !src[..*i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.'))
                .map(|(i, _)| (i + call.len(), false)),
        );
    }
    for (body_start, body_end) in error_methods(src) {
        let body = &src[body_start..body_end];
        for token in ["fmt.Sprintf(", "return \"", "return `"] {
            let back = if token.starts_with("return") { 1 } else { 0 };
            starts.extend(
                body.match_indices(token)
                    .map(|(i, _)| (body_start + i + token.len() - back, false)),
            );
        }
    }
    starts.sort();
    starts.dedup();
    starts
        .into_iter()
        .filter_map(|(at, skip_first)| {
            let at = if skip_first { at + src[at..].find(',')? + 1 } else { at };
            literal_at(src, at)
        })
        .collect()
}

/// The bodies of the `Error() string` methods.
fn error_methods(src: &str) -> Vec<(usize, usize)> {
    src.match_indices(") Error() string {\n")
        .filter_map(|(i, m)| {
            let start = i + m.len();
            let end = start + src[start..].find("\n}\n")?;
            Some((start, end))
        })
        .collect()
}

/// The string at `at` (after blanks): adjacent literals joined by `+`, and whether more text
/// is concatenated after them.
fn literal_at(src: &str, at: usize) -> Option<(String, bool)> {
    let mut value = String::new();
    let mut at = skip_blanks(src, at);
    let mut any = false;
    while let Some((part, end)) = go_literal(src, at) {
        value.push_str(&part);
        any = true;
        let next = skip_blanks(src, end);
        if src[next..].starts_with('+') {
            let after = skip_blanks(src, next + 1);
            if go_literal(src, after).is_some() {
                at = after;
                continue;
            }
            return Some((value, true));
        }
        break;
    }
    any.then_some((value, false))
}

fn skip_blanks(src: &str, at: usize) -> usize {
    at + src[at..].len() - src[at..].trim_start().len()
}

/// A Go string literal at `at`: its value and where it ends.
fn go_literal(src: &str, at: usize) -> Option<(String, usize)> {
    let rest = &src[at..];
    if let Some(raw) = rest.strip_prefix('`') {
        let end = raw.find('`')?;
        return Some((raw[..end].replace('\r', ""), at + 1 + end + 1));
    }
    let body = rest.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, at + 1 + i + 1)),
            '\n' => return None,
            '\\' => {
                let (_, e) = chars.next()?;
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'a' => out.push('\u{7}'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'v' => out.push('\u{b}'),
                    '\\' => out.push('\\'),
                    '"' => out.push('"'),
                    '\'' => out.push('\''),
                    'x' | 'u' | 'U' => {
                        let n = match e {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let hex: String = chars.by_ref().take(n).map(|(_, h)| h).collect();
                        out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                    }
                    '0'..='7' => {
                        let oct: String = std::iter::once(e)
                            .chain(chars.by_ref().take(2).map(|(_, o)| o))
                            .collect();
                        out.push(char::from(u8::from_str_radix(&oct, 8).ok()?));
                    }
                    _ => return None,
                }
            }
            c => out.push(c),
        }
    }
    None
}

/// What the check found wrong: each line a finding, with the TSV line to add where one is missing.
pub fn check(releases: &[(String, Vec<Found>)], entries: &[Entry]) -> Vec<String> {
    let mut problems = Vec::new();
    // Where each format was found: its releases, in the order given, and its first file.
    let mut found: BTreeMap<&str, (Vec<&str>, &Found)> = BTreeMap::new();
    for (release, formats) in releases {
        for f in formats {
            found
                .entry(f.format.as_str())
                .or_insert_with(|| (Vec::new(), f))
                .0
                .push(release);
        }
    }
    let installed: Vec<&str> = releases.iter().map(|(r, _)| r.as_str()).collect();
    let mut listed: BTreeMap<&str, &Entry> = BTreeMap::new();
    for entry in entries.iter().filter(|e| e.from_go_source()) {
        if let Some(first) = listed.insert(entry.format.as_str(), entry) {
            problems.push(format!(
                "go-errors.tsv:{}: {} is listed twice (first on line {})",
                entry.line,
                catalogue::quote(&entry.format),
                first.line
            ));
        }
    }
    for (format, (in_releases, first)) in &found {
        match listed.get(format) {
            None => problems.push(format!(
                "missing: ?\t{}\t{}\t{}\t{}",
                holes_hint(format, first.open_end),
                in_releases.join(","),
                first.source,
                catalogue::quote(format)
            )),
            Some(entry) => {
                let said: Vec<&str> = entry.releases.split(',').filter(|r| installed.contains(r)).collect();
                if &said != in_releases {
                    problems.push(format!(
                        "go-errors.tsv:{}: {} is printed by {}, the catalogue says {}",
                        entry.line,
                        catalogue::quote(format),
                        in_releases.join(","),
                        entry.releases
                    ));
                }
                if entry.open_end.is_some() != first.open_end {
                    problems.push(format!(
                        "go-errors.tsv:{}: {} {} followed by concatenated text in {}",
                        entry.line,
                        catalogue::quote(format),
                        if first.open_end { "is" } else { "is not" },
                        first.source
                    ));
                }
            }
        }
    }
    for (format, entry) in &listed {
        let said_installed = entry.releases.split(',').any(|r| installed.contains(&r));
        if said_installed && !found.contains_key(format) {
            problems.push(format!(
                "go-errors.tsv:{}: {} is in no installed release's source ({})",
                entry.line,
                catalogue::quote(format),
                entry.releases
            ));
        }
    }
    problems
}

/// `text` for each verb of `format` (the roles to edit), `+text` when more is concatenated.
fn holes_hint(format: &str, open_end: bool) -> String {
    let verbs = format.replace("%%", "").matches('%').count();
    let mut roles = vec!["text"; verbs];
    if open_end {
        roles.push("+text");
    }
    if roles.is_empty() {
        "-".to_owned()
    } else {
        roles.join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_extracted_from_the_calls_the_go_command_reports_with() {
        let src = r#"package x
func f() error {
	base.Fatalf("go: %s: %v", a, err)
	fmt.Fprintf(os.Stderr, "go: downloading %s %s\n", p, v)
	x := fmt.Sprintf("not an error %s", y)
	return fmt.Errorf("reading %s: " +
		"%v", u, err)
	return importErrorf(path, "unrecognized import path %q: %v", path, err)
	errorf("unknown directive: %s", verb)
	e.errorf("not this one")
}
func (e *UnknownRevisionError) Error() string {
	return "unknown revision " + e.Rev
}
func (e *X) Error() string {
	return fmt.Sprintf("%s@%s: %v", e.Path, e.Version, e.Err)
}
var Err = errors.New(`raw
text`)
"#;
        let got = formats_in(src, false);
        let want: Vec<(String, bool)> = [
            ("go: %s: %v", false),
            ("go: downloading %s %s\n", false),
            ("reading %s: %v", false),
            ("unrecognized import path %q: %v", false),
            ("unknown directive: %s", false),
            ("unknown revision ", true),
            ("%s@%s: %v", false),
            ("raw\ntext", false),
        ]
        .iter()
        .map(|(f, o)| ((*f).to_owned(), *o))
        .collect();
        let mut got_sorted = got.clone();
        got_sorted.sort();
        let mut want_sorted = want.clone();
        want_sorted.sort();
        assert_eq!(got_sorted, want_sorted, "{got:#?}");
    }

    #[test]
    fn go_literals_are_unescaped() {
        assert_eq!(
            go_literal(r#""a\tb\n\"c\" \x41\u00e9\101""#, 0).map(|x| x.0).as_deref(),
            Some("a\tb\n\"c\" Aé\u{41}")
        );
        assert_eq!(go_literal("\"unterminated\n\"", 0), None);
    }

    fn found(format: &str, source: &str) -> Found {
        Found {
            format: format.to_owned(),
            source: source.to_owned(),
            open_end: false,
        }
    }

    #[test]
    fn the_check_names_what_is_missing_stale_or_dated_wrong() {
        let text: &'static str = "wrapper\terror\t1.19,1.27.3\tcmd/go/internal/x/a.go\t\"a: %v\"\n\
             module_not_found\t-\t1.27.3\tcmd/go/internal/x/a.go\t\"b\"\n\
             info\t-\t1.19\tcmd/go/internal/x/a.go\t\"gone\"\n\
             git_auth_required\t-\t-\tgit\t\"not from Go\"\n";
        let entries = catalogue::parse(text).unwrap();
        let releases = vec![
            (
                "1.19".to_owned(),
                vec![
                    found("a: %v", "cmd/go/internal/x/a.go"),
                    found("b", "cmd/go/internal/x/a.go"),
                ],
            ),
            (
                "1.27.3".to_owned(),
                vec![
                    found("a: %v", "cmd/go/internal/x/a.go"),
                    found("new %s", "cmd/go/internal/x/b.go"),
                ],
            ),
        ];
        let problems = check(&releases, &entries);
        assert_eq!(
            problems,
            vec![
                "go-errors.tsv:2: \"b\" is printed by 1.19, the catalogue says 1.27.3".to_owned(),
                "missing: ?\ttext\t1.27.3\tcmd/go/internal/x/b.go\t\"new %s\"".to_owned(),
                "go-errors.tsv:3: \"gone\" is in no installed release's source (1.19)".to_owned(),
            ]
        );
        let all_right = vec![(
            "1.19".to_owned(),
            vec![
                found("a: %v", "cmd/go/internal/x/a.go"),
                found("gone", "cmd/go/internal/x/a.go"),
            ],
        )];
        let entries = catalogue::parse(
            "wrapper\terror\t1.19\tcmd/go/internal/x/a.go\t\"a: %v\"\ninfo\t-\t1.19\tcmd/go/internal/x/a.go\t\"gone\"\n",
        )
        .unwrap();
        assert_eq!(check(&all_right, &entries), Vec::<String>::new());
    }
}
