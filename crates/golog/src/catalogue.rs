//! The go command's error catalogue (`catalogue/go-errors.tsv`): every message it can print
//! about modules, with what the message means and the role of each hole, read from the Go
//! sources of each release (and, for older releases, git and the OS, from recorded output).
//!
//! [`read`] reads a message as a chain of frames: the most specific format that matches the
//! whole message, then the error it wraps (its last `error` hole), and so on inwards. The
//! innermost frame that names a cause names the message's cause ([`Reading::cause`]).

use std::sync::OnceLock;

/// The catalogue as committed.
pub const TEXT: &str = include_str!("../catalogue/go-errors.tsv");

/// The catalogue as the reader uses it (`build.rs`): the same entries in the same order, without
/// comments, releases and source files.
const RUNTIME: &str = include_str!(concat!(env!("OUT_DIR"), "/go-errors.runtime.tsv"));

/// The longest message [`read`] reads.
pub const MAX_MESSAGE: usize = 4096;

/// What a catalogued message means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// A taxonomy cause, by code (`module_not_found`).
    Cause(&'static str),
    /// A frame that names where the failure happened (`checksum_db`, `vcs`, `dns`, `tcp`,
    /// `tls`) and leaves the cause to what it wraps.
    Hop(&'static str),
    /// A request, or a line of the `-x` trace.
    Request,
    /// A frame around another error.
    Wrapper,
    /// Progress or advice of a working run.
    Info,
    /// A check's finding whose cause the frame around it names (`invalid char '\''`).
    Detail,
    /// Not about modules: usage, internal errors, debug output.
    NotAModule,
}

/// What a hole of a format holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Module,
    Version,
    Url,
    Status,
    Error,
    File,
    Number,
    Setting,
    Toolchain,
    Text,
}

impl Role {
    fn parse(name: &str) -> Option<Role> {
        Some(match name {
            "module" => Role::Module,
            "version" => Role::Version,
            "url" => Role::Url,
            "status" => Role::Status,
            "error" => Role::Error,
            "file" => Role::File,
            "number" => Role::Number,
            "setting" => Role::Setting,
            "toolchain" => Role::Toolchain,
            "text" => Role::Text,
            _ => return None,
        })
    }
}

/// One entry of the catalogue.
#[derive(Debug, Clone)]
pub struct Entry {
    pub meaning: Meaning,
    /// The role of each verb, in order.
    pub holes: Vec<Role>,
    /// Text the source concatenates after the format (`"unknown revision " + rev`).
    pub open_end: Option<Role>,
    /// As written: release numbers, a range, or `-`.
    pub releases: &'static str,
    pub source: &'static str,
    /// The format string, unquoted.
    pub format: String,
    /// 1-based line in the catalogue file.
    pub line: usize,
}

impl Entry {
    /// Whether the entry was extracted from a Go release's source (and is checked against it).
    pub fn from_go_source(&self) -> bool {
        self.source.starts_with("cmd/") || self.source.starts_with("golang.org/x/")
    }
}

/// Every entry; the catalogue is checked by the tests, so a malformed line is a build defect.
pub fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| parse(RUNTIME).unwrap_or_default())
}

/// Reads the catalogue file; the first malformed line is an error, with its number.
pub fn parse(text: &'static str) -> Result<Vec<Entry>, String> {
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let entry = parse_line(line, i + 1).map_err(|e| format!("go-errors.tsv:{}: {e}", i + 1))?;
        entries.push(entry);
    }
    Ok(entries)
}

fn parse_line(line: &'static str, number: usize) -> Result<Entry, String> {
    let fields: Vec<&'static str> = line.split('\t').collect();
    let [meaning, holes, releases, source, quoted] = fields[..] else {
        return Err(format!("{} columns, not 5", fields.len()));
    };
    let meaning = match meaning {
        "request" => Meaning::Request,
        "wrapper" => Meaning::Wrapper,
        "info" => Meaning::Info,
        "detail" => Meaning::Detail,
        "not-a-module" => Meaning::NotAModule,
        _ => match meaning.strip_prefix("hop:") {
            Some(hop) if !hop.is_empty() => Meaning::Hop(hop),
            Some(_) => return Err("empty hop".into()),
            None if !meaning.is_empty() && meaning.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') => {
                Meaning::Cause(meaning)
            }
            None => return Err(format!("unknown meaning {meaning:?}")),
        },
    };
    let format = unquote(quoted).ok_or_else(|| format!("format {quoted:?} is not a Go string literal"))?;
    let mut roles = Vec::new();
    let mut open_end = None;
    if holes != "-" {
        for name in holes.split(',') {
            let (concatenated, name) = match name.strip_prefix('+') {
                Some(rest) => (true, rest),
                None => (false, name),
            };
            let role = Role::parse(name).ok_or_else(|| format!("unknown role {name:?}"))?;
            if open_end.is_some() {
                return Err("`+role` must be last".into());
            }
            if concatenated {
                open_end = Some(role);
            } else {
                roles.push(role);
            }
        }
    }
    let verbs = pieces(&format).iter().filter(|p| matches!(p, Piece::Hole(_))).count();
    if verbs != roles.len() {
        return Err(format!("{verbs} verbs, {} roles", roles.len()));
    }
    Ok(Entry {
        meaning,
        holes: roles,
        open_end,
        releases,
        source,
        format,
        line: number,
    })
}

/// A Go interpreted string literal's value (`"…"` with `\n`, `\t`, `\"`, `\\`, `\xNN`).
fn unquote(quoted: &str) -> Option<String> {
    let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            'x' => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(char::from(u8::from_str_radix(&hex, 16).ok()?));
            }
            _ => return None,
        }
    }
    Some(out)
}

/// A Go string literal for `text` (the catalogue's notation).
pub fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A piece of a format: literal text or a verb.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Lit(String),
    /// The verb letter (`s`, `v`, `q`, `d`, `w`, …).
    Hole(char),
}

/// A format's pieces, `%%` as a literal `%`.
fn pieces(format: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            lit.push(c);
            continue;
        }
        // Flags, width, precision, then the verb.
        let mut verb = None;
        while let Some(&n) = chars.peek() {
            chars.next();
            if n == '%' && verb.is_none() {
                lit.push('%');
                verb = Some('%');
                break;
            }
            if n.is_ascii_alphabetic() {
                verb = Some(n);
                break;
            }
        }
        match verb {
            Some('%') | None => {}
            Some(v) => {
                if !lit.is_empty() {
                    out.push(Piece::Lit(std::mem::take(&mut lit)));
                }
                out.push(Piece::Hole(v));
            }
        }
    }
    if !lit.is_empty() {
        out.push(Piece::Lit(lit));
    }
    out
}

/// The first line of a format, compiled for matching.
struct Pattern {
    entry: usize,
    pieces: Vec<Piece>,
    /// Roles of the holes of `pieces`, in order.
    roles: Vec<Role>,
    /// Literal characters: the more, the more specific.
    weight: usize,
    /// The longest literal, looked for before matching.
    anchor: String,
    /// The message may go on after the pattern (a format cut at its first newline, or one the
    /// source concatenates more text to).
    open: bool,
}

/// The compiled patterns, and an index of their anchors by first four bytes (anchors shorter
/// than that are looked for one by one): a text is scanned once for the anchors it holds, each
/// position first against a bitmap of the anchors' first two bytes.
struct Index {
    patterns: Vec<Pattern>,
    /// Anchors (by pattern) sorted by their first four bytes, as a `u32`.
    by_prefix: Vec<(u32, usize)>,
    /// Bit `b0 << 8 | b1` set when an anchor starts with those two bytes.
    starts: Vec<u64>,
    short: Vec<usize>,
}

fn prefix(bytes: &[u8; 4]) -> u32 {
    u32::from_be_bytes(*bytes)
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let patterns: Vec<Pattern> = entries()
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| compile(i, entry))
            .collect();
        let mut by_prefix = Vec::new();
        let mut starts = vec![0u64; 65536 / 64];
        let mut short = Vec::new();
        for (i, pattern) in patterns.iter().enumerate() {
            match pattern.anchor.as_bytes().first_chunk::<4>() {
                Some(first) => {
                    by_prefix.push((prefix(first), i));
                    let two = usize::from(first[0]) << 8 | usize::from(first[1]);
                    starts[two / 64] |= 1 << (two % 64);
                }
                None => short.push(i),
            }
        }
        gmd_order::sort(&mut by_prefix);
        Index {
            patterns,
            by_prefix,
            starts,
            short,
        }
    })
}

/// The patterns whose anchor `text` holds, in catalogue order.
fn candidates(text: &str) -> Vec<&'static Pattern> {
    let index = index();
    let mut found: Vec<usize> = index
        .short
        .iter()
        .copied()
        .filter(|&i| text.contains(index.patterns[i].anchor.as_str()))
        .collect();
    let bytes = text.as_bytes();
    for (at, window) in bytes.windows(4).enumerate() {
        let two = usize::from(window[0]) << 8 | usize::from(window[1]);
        if index.starts[two / 64] & (1 << (two % 64)) == 0 {
            continue;
        }
        let Some(first) = window.first_chunk::<4>() else {
            continue;
        };
        let key = prefix(first);
        let from = index.by_prefix.partition_point(|(p, _)| *p < key);
        for &(p, i) in &index.by_prefix[from..] {
            if p != key {
                break;
            }
            if bytes[at..].starts_with(index.patterns[i].anchor.as_bytes()) {
                found.push(i);
            }
        }
    }
    gmd_order::sort_dedup(&mut found);
    found.into_iter().map(|i| &index.patterns[i]).collect()
}

fn compile(index: usize, entry: &Entry) -> Option<Pattern> {
    let first = entry.format.split('\n').next().unwrap_or_default();
    let cut = first.len() < entry.format.len();
    let mut all = pieces(first);
    let open = cut || entry.open_end.is_some();
    let mut roles: Vec<Role> = entry.holes.iter().copied().take(hole_count(&all)).collect();
    if let (Some(role), false) = (entry.open_end, cut) {
        all.push(Piece::Hole('s'));
        roles.push(role);
    }
    let weight: usize = all
        .iter()
        .map(|p| match p {
            Piece::Lit(l) => l.chars().filter(|c| !c.is_whitespace()).count(),
            Piece::Hole(_) => 0,
        })
        .sum();
    let anchor = all
        .iter()
        .filter_map(|p| match p {
            Piece::Lit(l) => Some(l.as_str()),
            Piece::Hole(_) => None,
        })
        .max_by_key(|l| l.len())?
        .to_owned();
    // A format of holes and punctuation matches almost anything: only a wrapper's (`%s: %w`,
    // `%s@%s: %v`, its typed holes one word each) frames what the more specific formats read.
    let least = if entry.meaning == Meaning::Wrapper { 1 } else { 3 };
    (weight >= least).then_some(Pattern {
        entry: index,
        pieces: all,
        roles,
        weight,
        anchor,
        open,
    })
}

fn hole_count(pieces: &[Piece]) -> usize {
    pieces.iter().filter(|p| matches!(p, Piece::Hole(_))).count()
}

/// One frame of a message: the entry and the text of each hole.
#[derive(Debug, Clone)]
pub struct Frame {
    pub entry: &'static Entry,
    pub holes: Vec<(Role, String)>,
}

impl Frame {
    /// The first hole of `role`.
    pub fn hole(&self, role: Role) -> Option<&str> {
        self.holes.iter().find(|(r, _)| *r == role).map(|(_, t)| t.as_str())
    }
}

/// A message read through the catalogue, outermost frame first.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    pub frames: Vec<Frame>,
}

impl Reading {
    /// The cause of the innermost frame that names one.
    pub fn cause(&self) -> Option<&'static str> {
        self.frames.iter().rev().find_map(|f| match f.entry.meaning {
            Meaning::Cause(code) => Some(code),
            _ => None,
        })
    }

    /// The first hole of `role` in any frame, outermost first, unquoted.
    pub fn hole(&self, role: Role) -> Option<&str> {
        self.frames
            .iter()
            .find_map(|f| f.hole(role))
            .map(|t| t.trim_matches(|c| c == '"' || c == '`'))
    }
}

/// Reads `message` (one line; a `go: ` prefix is a frame of its own) through the catalogue: of
/// the chains of frames that read it, the one whose formats match the most literal text.
pub fn read(message: &str) -> Reading {
    let text = message.trim();
    // The go command's messages are a line of a few hundred bytes; a longer one is not one.
    if text.len() > MAX_MESSAGE {
        return Reading::default();
    }
    let mut reader = Reader {
        budget: 20_000,
        memo: Vec::new(),
    };
    let frames = reader.chain(text, 0).map(|(_, frames)| frames).unwrap_or_default();
    Reading { frames }
}

/// The search for the best chain, remembered per inner text (the same text is reached through
/// many wrappers).
struct Reader {
    /// Match steps left: the search is bounded on any text.
    budget: u32,
    /// Inner texts already read (a handful per message: a list beats hashing).
    memo: Vec<(String, Option<Chain>)>,
}

/// A chain of frames and its weight (the literal characters its formats matched).
type Chain = (usize, Vec<Frame>);

impl Reader {
    /// The best chain for `text` (`depth` frames deep already): its weight and frames.
    fn chain(&mut self, text: &str, depth: usize) -> Option<Chain> {
        if depth >= 8 || text.is_empty() {
            return None;
        }
        if let Some((_, known)) = self.memo.iter().find(|(t, _)| t == text) {
            return known.clone();
        }
        let mut best: Option<(usize, u8, Vec<Frame>)> = None;
        for pattern in candidates(text) {
            if self.budget == 0 {
                break;
            }
            let Some(spans) = matches(&pattern.pieces, &pattern.roles, text, 0, pattern.open, &mut self.budget) else {
                continue;
            };
            let entry = &entries()[pattern.entry];
            let holes: Vec<(Role, String)> = pattern
                .roles
                .iter()
                .zip(&spans)
                .map(|(role, (a, b))| (*role, text[*a..*b].to_owned()))
                .collect();
            // The error it wraps: its last `error` hole.
            let inner = holes
                .iter()
                .zip(&spans)
                .rev()
                .find(|((role, t), _)| *role == Role::Error && !t.trim().is_empty())
                .map(|(_, (a, b))| text[*a..*b].trim());
            let (inner_weight, inner_frames) = inner.and_then(|t| self.chain(t, depth + 1)).unwrap_or_default();
            let weight = pattern.weight + inner_weight;
            let rank = rank(entry.meaning);
            if best.as_ref().is_none_or(|(w, r, _)| (weight, rank) > (*w, *r)) {
                let mut frames = vec![Frame { entry, holes }];
                frames.extend(inner_frames);
                best = Some((weight, rank, frames));
            }
        }
        let best = best.map(|(weight, _, frames)| (weight, frames));
        self.memo.push((text.to_owned(), best.clone()));
        best
    }
}

/// Between chains of equal weight, the one whose outer frame says most.
fn rank(meaning: Meaning) -> u8 {
    match meaning {
        Meaning::Cause(_) => 5,
        Meaning::Hop(_) => 4,
        Meaning::Request => 3,
        Meaning::Wrapper => 2,
        Meaning::Info | Meaning::Detail => 1,
        Meaning::NotAModule => 0,
    }
}

/// Matches `pieces` (whose holes have `roles`) against `text[at..]` to its end (or anywhere
/// after, when `open`); the byte span of each hole. Holes take as little as they can, and only
/// what their role can be (a module path, a version, a URL hold no space); `budget` bounds the
/// backtracking.
fn matches(
    pieces: &[Piece],
    roles: &[Role],
    text: &str,
    at: usize,
    open: bool,
    budget: &mut u32,
) -> Option<Vec<(usize, usize)>> {
    *budget = budget.checked_sub(1)?;
    let Some((first, rest)) = pieces.split_first() else {
        return (open || at == text.len()).then(Vec::new);
    };
    match first {
        Piece::Lit(lit) => {
            if text[at..].starts_with(lit.as_str()) {
                matches(rest, roles, text, at + lit.len(), open, budget)
            } else {
                None
            }
        }
        Piece::Hole(verb) => {
            let (role, later) = roles.split_first().map_or((Role::Text, roles), |(r, l)| (*r, l));
            let ends: Vec<usize> = match verb {
                'q' => quoted_end(text, at).into_iter().collect(),
                'd' | 'x' => {
                    let digits = text[at..]
                        .bytes()
                        .take_while(|b| b.is_ascii_hexdigit() || *b == b'-')
                        .count();
                    (1..=digits).rev().map(|n| at + n).collect()
                }
                _ => match rest.first() {
                    // The hole ends where the next literal starts: each place, nearest first.
                    Some(Piece::Lit(next)) => text[at..].match_indices(next.as_str()).map(|(i, _)| at + i).collect(),
                    // The last hole takes the rest.
                    None => vec![text.len()],
                    Some(Piece::Hole(_)) => (at..=text.len()).filter(|i| text.is_char_boundary(*i)).collect(),
                },
            };
            for end in ends {
                if !fits(role, &text[at..end]) {
                    continue;
                }
                if let Some(mut spans) = matches(rest, later, text, end, open, budget) {
                    spans.insert(0, (at, end));
                    return Some(spans);
                }
                if *budget == 0 {
                    return None;
                }
            }
            None
        }
    }
}

/// Whether `text` can fill a hole of `role`: the typed ones (module path, version, URL,
/// toolchain, setting name) are one word.
fn fits(role: Role, text: &str) -> bool {
    match role {
        Role::Module | Role::Version | Role::Url | Role::Toolchain => {
            !text.is_empty() && !text.contains(char::is_whitespace)
        }
        // An environment variable's name (`GOPROXY`), a flag (`-mod`), a key (`default`).
        Role::Setting => {
            !text.is_empty()
                && text
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        }
        _ => true,
    }
}

/// The end of a Go-quoted string (`"…"` with escapes, or `` `…` ``) starting at `at`.
fn quoted_end(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let open = *bytes.get(at)?;
    if open != b'"' && open != b'`' {
        return None;
    }
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if open == b'"' => i += 2,
            b if b == open => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_parses_and_every_line_is_an_entry_or_a_comment() {
        let entries = parse(TEXT).unwrap();
        let lines = TEXT.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).count();
        assert_eq!(entries.len(), lines);
        assert!(entries.len() > 700, "{}", entries.len());
        // The reader's copy holds the same entries, in order.
        let runtime = super::entries();
        assert_eq!(runtime.len(), entries.len());
        for (a, b) in runtime.iter().zip(&entries) {
            assert_eq!(
                (a.meaning, &a.holes, a.open_end, &a.format),
                (b.meaning, &b.holes, b.open_end, &b.format)
            );
        }
    }

    #[test]
    fn malformed_lines_are_refused_with_their_number() {
        for (line, why) in [
            ("wrapper\t-\t-\tx\t\"a\"\textra", "columns"),
            ("wrapper\tmodule\t-\tx\t\"a\"", "0 verbs, 1 roles"),
            ("Wrapper\t-\t-\tx\t\"a\"", "unknown meaning"),
            ("wrapper\tplace\t-\tx\t\"%s\"", "unknown role"),
            ("wrapper\t-\t-\tx\t\"a\\q\"", "not a Go string literal"),
            ("wrapper\t+text,module\t-\tx\t\"a%s\"", "must be last"),
        ] {
            let text: &'static str = Box::leak(format!("# comment\n{line}\n").into_boxed_str());
            let err = parse(text).unwrap_err();
            assert!(
                err.starts_with("go-errors.tsv:2: ") && err.contains(why),
                "{line}: {err}"
            );
        }
    }

    #[test]
    fn quote_and_unquote_are_inverse() {
        for text in ["a\nb\tc \"d\" \\e", "不知道这样的主机。", "\u{1}"] {
            assert_eq!(unquote(&quote(text)).as_deref(), Some(text));
        }
    }

    #[test]
    fn pieces_of_a_format() {
        assert_eq!(
            pieces("%s@%s: invalid %q (%d%%)"),
            vec![
                Piece::Hole('s'),
                Piece::Lit("@".into()),
                Piece::Hole('s'),
                Piece::Lit(": invalid ".into()),
                Piece::Hole('q'),
                Piece::Lit(" (".into()),
                Piece::Hole('d'),
                Piece::Lit("%)".into()),
            ]
        );
        assert_eq!(
            pieces("%.3fs %+v"),
            vec![Piece::Hole('f'), Piece::Lit("s ".into()), Piece::Hole('v')]
        );
    }

    /// `check(message, cause, frames)`: the cause read and each frame's meaning, outermost first.
    fn check(message: &str, cause: Option<&str>, meanings: &[Meaning]) {
        let reading = read(message);
        let got: Vec<Meaning> = reading.frames.iter().map(|f| f.entry.meaning).collect();
        assert_eq!(got, meanings, "{message}: {:#?}", reading.frames);
        assert_eq!(reading.cause(), cause, "{message}");
    }

    #[test]
    fn messages_of_the_go_command_are_read_frame_by_frame() {
        use Meaning::*;
        check(
            "go: github.com/a/b@v1.2.3: invalid version: unknown revision v1.2.3",
            Some("unknown_revision"),
            &[Wrapper, Wrapper, Cause("unknown_revision")],
        );
        check(
            "go: invalid GOTOOLCHAIN \"banana\"",
            Some("goproxy_env_malformed"),
            &[Wrapper, Cause("goproxy_env_malformed")],
        );
        check(
            "go: github.com/x/y@v2.0.0: go.mod has post-v2 module path \"github.com/x/y/v3\" at revision v2.0.0",
            Some("invalid_version"),
            &[Wrapper, Wrapper, Cause("invalid_version")],
        );
        check(
            "go: version is required when current directory is not in a module",
            Some("gopath_mode"),
            &[Wrapper, Cause("gopath_mode")],
        );
        check("something no Go release ever printed", None, &[]);
    }

    #[test]
    fn holes_are_typed() {
        let reading = read("go: github.com/a/b@v1.2.3: invalid version: unknown revision v1.2.3");
        assert_eq!(reading.hole(Role::Module), Some("github.com/a/b"));
        assert_eq!(reading.hole(Role::Version), Some("v1.2.3"));
        let reading = read("verifying github.com/a/b@v1.0.0: checksum mismatch");
        assert_eq!(reading.cause(), Some("checksum_mismatch"));
    }

    #[test]
    fn matching_is_bounded_on_hostile_text() {
        let text = "%s: ".repeat(2_000) + &"a@b: ".repeat(2_000);
        let started = std::time::Instant::now();
        let _ = read(&text);
        assert!(started.elapsed().as_secs() < 5);
    }
}
