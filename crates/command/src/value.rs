//! The values a command is made of: words of pieces, each piece a constant the rule wrote, a
//! value read from the paste and validated for its kind, or a hole the user fills.
//!
//! A value that fails its kind's check never becomes a piece: the constructors return `None`,
//! and a word read back from a report is checked again ([`Word`]'s `Deserialize`). Whatever a
//! piece holds, the renderers quote the whole word for its shell, so a valid value cannot break
//! out either.

use crate::hole::Hole;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// What a value is, which decides what it may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Text the rule wrote (`mod`, `tidy`, `https://goproxy.cn`).
    Lit,
    /// A module or package path, as the go command's `module.CheckPath` accepts it.
    Module,
    /// A version (`v1.2.3`), a query the go command accepts (`latest`, `upgrade`, `patch`,
    /// `none`) or a revision (a commit hash, a branch or a tag name).
    Query,
    /// A host name or an IP address, with an optional port.
    Host,
    /// An `http`, `https` or `file` URL without user info, query or fragment.
    Url,
    /// A `GOPRIVATE`-style glob pattern (module path characters and `* ? [ ] ^ !`).
    Pattern,
    /// A file or directory path.
    Path,
    /// A flag of the go command (`-mod=mod`).
    Flag,
    /// One word without white space or quotes: a user name, a token.
    Token,
}

impl Kind {
    /// Whether `text` is a value of this kind.
    pub fn accepts(self, text: &str) -> bool {
        // cmd cannot quote `"` or `%` (it expands `%…%` even inside quotes): no value holds them.
        if text.is_empty() || text.chars().any(|c| is_hidden(c) || c == '"' || c == '%') {
            return false;
        }
        match self {
            Kind::Lit => true,
            Kind::Module => gmd_semantics::module::check_path(text).is_ok() && !text.contains('<'),
            Kind::Query => is_query(text),
            Kind::Host => is_host(text),
            Kind::Url => is_url(text),
            Kind::Pattern => {
                text.len() <= 512
                    && text
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-._~/*?[]^!".contains(&b))
            }
            Kind::Path => !text.starts_with('-') && !text.contains(['\n', '\r']),
            Kind::Flag => is_flag(text),
            Kind::Token => {
                text.len() <= 4096
                    && text
                        .chars()
                        .all(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | '`'))
            }
        }
    }
}

/// Characters never shown in anything we render: controls (but tab), bidirectional overrides
/// and isolates, zero-width characters and other invisible format characters. A value holding
/// one reads differently from what would be copied.
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2028}' | '\u{2029}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}')
}

/// `text` with every hidden character ([`is_hidden`]) shown as `<U+XXXX>`, so that what is
/// read is what is copied.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn is_query(text: &str) -> bool {
    if matches!(text, "latest" | "upgrade" | "patch" | "none") {
        return true;
    }
    if text.starts_with('v') && gmd_semantics::module::parse_semver(text).is_some() {
        return true;
    }
    // A commit hash, a branch or a tag: git's ref-name rules, narrowed.
    let b = text.as_bytes();
    b.len() <= 200
        && b[0].is_ascii_alphanumeric()
        && !text.contains("..")
        && !text.ends_with(['/', '.'])
        && b.iter().all(|b| b.is_ascii_alphanumeric() || b"-._/+".contains(b))
}

fn is_host(text: &str) -> bool {
    let is_port = |p: &str| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = text.strip_prefix('[') {
        let Some((v6, tail)) = rest.split_once(']') else {
            return false;
        };
        let address = !v6.is_empty() && v6.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
        return address && (tail.is_empty() || tail.strip_prefix(':').is_some_and(is_port));
    }
    let name = match text.rsplit_once(':') {
        Some((name, port)) if is_port(port) => name,
        Some(_) => return false,
        None => text,
    };
    name.len() <= 253
        && name.split('.').all(|label| {
            let b = label.as_bytes();
            !b.is_empty()
                && b.len() <= 63
                && b[0] != b'-'
                && b.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
        })
}

fn is_url(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once("://") else {
        return false;
    };
    let path_ok = |p: &str| {
        p.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~/%+@:=".contains(&b))
    };
    match scheme {
        "file" => rest.starts_with('/') && path_ok(rest),
        "http" | "https" => {
            let (authority, path) = match rest.find('/') {
                Some(i) => rest.split_at(i),
                None => (rest, ""),
            };
            is_host(authority) && path_ok(path)
        }
        _ => false,
    }
}

fn is_flag(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('-') else {
        return false;
    };
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let (name, value) = match rest.split_once('=') {
        Some((n, v)) => (n, Some(v)),
        None => (rest, None),
    };
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && value.is_none_or(|v| v.chars().all(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | '`')))
}

/// One piece of a word. Serialized as a string for a constant, else as `{"<kind>": "text"}` or
/// `{"hole": "<name>"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "PieceForm", into = "PieceForm")]
pub enum Piece {
    /// A value of its kind (a constant of the rule's is [`Kind::Lit`]).
    Value { kind: Kind, text: Cow<'static, str> },
    /// What the user types: the paste does not say it.
    Hole(Hole),
}

/// A piece as it is written: a constant as a string, anything else with its kind as the key.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum PieceForm {
    Lit(String),
    Tagged(PieceRepr),
}

impl From<PieceForm> for Piece {
    fn from(form: PieceForm) -> Piece {
        match form {
            PieceForm::Lit(text) => Piece::Value {
                kind: Kind::Lit,
                text: Cow::Owned(text),
            },
            PieceForm::Tagged(repr) => repr.into(),
        }
    }
}

impl From<Piece> for PieceForm {
    fn from(piece: Piece) -> PieceForm {
        match piece {
            Piece::Value { kind: Kind::Lit, text } => PieceForm::Lit(text.into_owned()),
            other => PieceForm::Tagged(other.into()),
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum PieceRepr {
    Lit(String),
    Module(String),
    Query(String),
    Host(String),
    Url(String),
    Pattern(String),
    Path(String),
    Flag(String),
    Token(String),
    Hole(Hole),
}

impl From<PieceRepr> for Piece {
    fn from(repr: PieceRepr) -> Piece {
        let (kind, text) = match repr {
            PieceRepr::Hole(hole) => return Piece::Hole(hole),
            PieceRepr::Lit(t) => (Kind::Lit, t),
            PieceRepr::Module(t) => (Kind::Module, t),
            PieceRepr::Query(t) => (Kind::Query, t),
            PieceRepr::Host(t) => (Kind::Host, t),
            PieceRepr::Url(t) => (Kind::Url, t),
            PieceRepr::Pattern(t) => (Kind::Pattern, t),
            PieceRepr::Path(t) => (Kind::Path, t),
            PieceRepr::Flag(t) => (Kind::Flag, t),
            PieceRepr::Token(t) => (Kind::Token, t),
        };
        Piece::Value {
            kind,
            text: Cow::Owned(text),
        }
    }
}

impl From<Piece> for PieceRepr {
    fn from(piece: Piece) -> PieceRepr {
        let (kind, text) = match piece {
            Piece::Hole(hole) => return PieceRepr::Hole(hole),
            Piece::Value { kind, text } => (kind, text.into_owned()),
        };
        match kind {
            Kind::Lit => PieceRepr::Lit(text),
            Kind::Module => PieceRepr::Module(text),
            Kind::Query => PieceRepr::Query(text),
            Kind::Host => PieceRepr::Host(text),
            Kind::Url => PieceRepr::Url(text),
            Kind::Pattern => PieceRepr::Pattern(text),
            Kind::Path => PieceRepr::Path(text),
            Kind::Flag => PieceRepr::Flag(text),
            Kind::Token => PieceRepr::Token(text),
        }
    }
}

impl Piece {
    fn is_valid(&self) -> bool {
        match self {
            Piece::Value { kind, text } => kind.accepts(text),
            Piece::Hole(_) => true,
        }
    }
}

/// One argument: the pieces it is made of, rendered as one word of the shell. Serialized as a
/// string when it is one constant, else as its pieces.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "WordRepr", into = "WordRepr")]
pub struct Word(Vec<Piece>);

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum WordRepr {
    Lit(String),
    Pieces(Vec<Piece>),
}

impl Word {
    /// Text the rule wrote. Only a `'static` string: what a rule reads from a paste reaches a
    /// command through a typed constructor, never as a constant.
    #[inline(never)]
    pub fn lit(text: &'static str) -> Word {
        Word(vec![Piece::Value {
            kind: Kind::Lit,
            text: Cow::Borrowed(text),
        }])
    }

    /// A value read from the paste, when it is one of `kind`.
    #[inline(never)]
    pub fn value(kind: Kind, text: &str) -> Option<Word> {
        kind.accepts(text).then(|| {
            Word(vec![Piece::Value {
                kind,
                text: Cow::Owned(text.to_owned()),
            }])
        })
    }

    /// A module or package path.
    #[inline(never)]
    pub fn module(path: &str) -> Option<Word> {
        Word::value(Kind::Module, path)
    }

    /// A host (and port).
    #[inline(never)]
    pub fn host(host: &str) -> Option<Word> {
        Word::value(Kind::Host, host)
    }

    /// `path@query` as the go command takes it.
    #[inline(never)]
    pub fn module_at(path: &str, query: &str) -> Option<Word> {
        Some(Word::join(vec![
            Word::module(path)?,
            Word::lit("@"),
            Word::value(Kind::Query, query)?,
        ]))
    }

    /// A hole the user fills.
    #[inline(never)]
    pub fn hole(hole: Hole) -> Word {
        Word(vec![Piece::Hole(hole)])
    }

    /// The words one after the other, as one word (adjacent constants merged).
    #[inline(never)]
    pub fn join(words: Vec<Word>) -> Word {
        let mut pieces: Vec<Piece> = Vec::new();
        for piece in words.into_iter().flat_map(|w| w.0) {
            match (pieces.last_mut(), piece) {
                (
                    Some(Piece::Value {
                        kind: Kind::Lit,
                        text: last,
                    }),
                    Piece::Value { kind: Kind::Lit, text },
                ) => last.to_mut().push_str(&text),
                (_, piece) => pieces.push(piece),
            }
        }
        Word(pieces)
    }

    /// `words` joined by `separator` (a GOPROXY list, a GOPRIVATE list).
    #[inline(never)]
    pub fn list(words: Vec<Word>, separator: &'static str) -> Word {
        let mut parts = Vec::new();
        for (i, word) in words.into_iter().enumerate() {
            if i > 0 {
                parts.push(Word::lit(separator));
            }
            parts.push(word);
        }
        Word::join(parts)
    }

    pub fn pieces(&self) -> &[Piece] {
        &self.0
    }

    /// The holes of this word.
    pub fn holes(&self) -> impl Iterator<Item = Hole> + '_ {
        self.0.iter().filter_map(|p| match p {
            Piece::Hole(h) => Some(*h),
            Piece::Value { .. } => None,
        })
    }

    /// The word's text with `fill`'s values in its holes; `None` while a hole is empty.
    pub fn text(&self, fill: &dyn Fn(Hole) -> Option<String>) -> Option<String> {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Value { text, .. } => out.push_str(text),
                Piece::Hole(hole) => out.push_str(&fill(*hole)?),
            }
        }
        Some(out)
    }

    /// The word's text when it has no hole.
    pub fn plain(&self) -> Option<String> {
        self.text(&|_| None)
    }
}

impl TryFrom<WordRepr> for Word {
    type Error = String;

    fn try_from(repr: WordRepr) -> Result<Word, String> {
        let pieces = match repr {
            WordRepr::Lit(text) => vec![Piece::Value {
                kind: Kind::Lit,
                text: Cow::Owned(text),
            }],
            WordRepr::Pieces(pieces) => pieces,
        };
        if pieces.is_empty() {
            return Err("an empty word".into());
        }
        match pieces.iter().find(|p| !p.is_valid()) {
            Some(Piece::Value { kind, .. }) => Err(format!("a value that is not a valid {kind:?}")),
            _ => Ok(Word(pieces)),
        }
    }
}

impl From<Word> for WordRepr {
    fn from(word: Word) -> WordRepr {
        match word.0.as_slice() {
            [Piece::Value { kind: Kind::Lit, text }] => WordRepr::Lit(text.to_string()),
            _ => WordRepr::Pieces(word.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_accept_their_values_and_nothing_else() {
        let cases: &[(Kind, &str, bool)] = &[
            (Kind::Module, "github.com/sirupsen/logrus", true),
            (Kind::Module, "github.com/x/y;touch${IFS}PWNED;x", false),
            (Kind::Module, "example.com/m\u{202e}x", false),
            (Kind::Module, "-example.com/m", false),
            (Kind::Module, "<host-1>/team/app", false),
            (Kind::Query, "v1.2.3", true),
            (Kind::Query, "v0.0.0-20240101000000-abcdefabcdef", true),
            (Kind::Query, "latest", true),
            (Kind::Query, "feature/x-1", true),
            (Kind::Query, "0123abcd", true),
            (Kind::Query, "v1.0.0;id", false),
            (Kind::Query, "-x", false),
            (Kind::Query, "a..b", false),
            (Kind::Host, "git.corp.example", true),
            (Kind::Host, "goproxy.corp:8443", true),
            (Kind::Host, "[::1]:3000", true),
            (Kind::Host, "git.$(id>pwned).example", false),
            (Kind::Host, "a b", false),
            (Kind::Host, "host:99999x", false),
            (Kind::Url, "https://goproxy.cn", true),
            (Kind::Url, "https://mirrors.aliyun.com/goproxy/", true),
            (Kind::Url, "http://athens:3000", true),
            (Kind::Url, "file:///srv/mods", true),
            (Kind::Url, "https://u:p@host", false),
            (Kind::Url, "https://host/a,b", false),
            (Kind::Url, "https://host/$(id)", false),
            (Kind::Url, "javascript:alert(1)", false),
            (Kind::Pattern, "*.corp.example", true),
            (Kind::Pattern, "gitlab.com/team", true),
            (Kind::Pattern, "a,b", false),
            (Kind::Path, "./x", true),
            (Kind::Path, "../my lib", true),
            (Kind::Path, "C:\\src\\lib", true),
            (Kind::Path, "-rf", false),
            (Kind::Path, "x\ny", false),
            (Kind::Flag, "-mod=mod", true),
            (Kind::Flag, "-tags=a,b", true),
            (Kind::Flag, "mod", false),
            (Kind::Flag, "-x=a b", false),
            (Kind::Token, "ghp_abc", true),
            (Kind::Token, "a b", false),
            (Kind::Lit, "\u{200b}", false),
            (Kind::Lit, "", false),
        ];
        for (kind, text, ok) in cases {
            assert_eq!(kind.accepts(text), *ok, "{kind:?} {text:?}");
        }
    }

    #[test]
    fn words_read_from_elsewhere_are_checked_again() {
        let forged = r#"[{"module":"a;b"}]"#;
        assert!(serde_json::from_str::<Word>(forged).is_err());
        let empty = "[]";
        assert!(serde_json::from_str::<Word>(empty).is_err());
        let word = Word::module_at("example.com/m", "v1.0.0").expect("valid");
        let json = serde_json::to_string(&word).expect("serializes");
        assert_eq!(serde_json::from_str::<Word>(&json).expect("reads"), word);
        assert_eq!(word.plain().as_deref(), Some("example.com/m@v1.0.0"));
        assert_eq!(json, r#"[{"module":"example.com/m"},"@",{"query":"v1.0.0"}]"#);
        assert_eq!(
            serde_json::to_string(&Word::join(vec![Word::lit("a"), Word::lit("b")])).expect("json"),
            r#""ab""#
        );
        assert!(
            serde_json::from_str::<Word>("\"\\u202e\"").is_err(),
            "constants are checked too"
        );
    }

    #[test]
    fn hidden_characters_are_shown() {
        assert_eq!(visible("a\u{202e}b\u{200b}"), "a<U+202E>b<U+200B>");
        assert_eq!(visible("plain\ttab"), "plain\ttab");
    }
}
