//! Commands written for a shell. Every word is quoted for its shell here, and only here: POSIX
//! single quotes, PowerShell single quotes (typographic ones doubled too), cmd's double quotes
//! (values never hold `"` or `%`, which cmd cannot quote). A hole that is not filled is written
//! `<name>` outside any quotes, where every shell refuses the line: `<` is a redirection from a
//! file that does not exist in sh and cmd, a reserved operator in PowerShell.

mod cmd;
mod posix;
mod powershell;

use crate::value::{Piece, Word};
use crate::{Command, Hole};
use gmd_vocabulary::Shell;

/// The values the user typed into holes, if any.
pub type Fill<'a> = &'a dyn Fn(Hole) -> Option<String>;

/// No hole filled: each is printed as `<name>`.
pub fn no_fill(_: Hole) -> Option<String> {
    None
}

/// `command` as typed in `shell`.
/// `command` as typed in `shell`; `None` when it has no place there (installing Linux root
/// certificates on Windows).
pub fn render(command: &Command, shell: Shell, fill: Fill<'_>) -> Option<String> {
    match shell {
        Shell::Posix => posix::command(command, fill),
        Shell::PowerShell => powershell::command(command, fill),
        Shell::Cmd => cmd::command(command, fill),
    }
}

/// The persistent `go env -w` form of `command` as typed in `shell`, where one applies.
pub fn go_env(command: &Command, shell: Shell, fill: Fill<'_>) -> Option<String> {
    command.go_env().and_then(|c| render(&c, shell, fill))
}

/// The steps as Windows runs them: variable names are case-insensitive there, so unsetting
/// `https_proxy` after `HTTPS_PROXY` is the same step twice and is left out.
fn windows_steps(command: &Command) -> Vec<&crate::Step> {
    let mut unset: Vec<String> = Vec::new();
    command
        .steps()
        .iter()
        .filter(|s| match s {
            crate::Step::Unset { var } => {
                let name = var.as_str().to_ascii_uppercase();
                let again = unset.contains(&name);
                unset.push(name);
                !again
            }
            _ => true,
        })
        .collect()
}

/// A part of a word once holes are filled: text to quote, or a hole left empty.
#[derive(Debug, PartialEq, Eq)]
enum Segment {
    Text(String),
    Hole(Hole),
}

/// The word's segments: adjacent texts merged, a filled hole (with a value it accepts) as text.
fn segments(word: &Word, fill: Fill<'_>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for piece in word.pieces() {
        let text = match piece {
            Piece::Value { text, .. } => Some(text.to_string()),
            Piece::Hole(hole) => fill(*hole).filter(|v| hole.accepts(v)),
        };
        match (text, out.last_mut()) {
            (Some(text), Some(Segment::Text(last))) => last.push_str(&text),
            (Some(text), _) => out.push(Segment::Text(text)),
            (None, _) => {
                if let Piece::Hole(hole) = piece {
                    out.push(Segment::Hole(*hole));
                }
            }
        }
    }
    out
}

/// A word written with `quote` for its texts and `<name>` for its empty holes.
fn word_with(word: &Word, fill: Fill<'_>, quote: impl Fn(&str, bool) -> String) -> String {
    segments(word, fill)
        .iter()
        .enumerate()
        .map(|(i, s)| match s {
            Segment::Text(text) => quote(text, i == 0),
            Segment::Hole(hole) => hole.marker(),
        })
        .collect()
}

/// The word's whole text when it is a value of `kind` (holes filled): what a renderer may write
/// inside a pattern or a script. Anything else is written as a plain quoted word instead.
fn text_as(word: &Word, fill: Fill<'_>, kind: crate::Kind) -> Option<String> {
    match segments(word, fill).as_slice() {
        [Segment::Text(text)] if kind.accepts(text) => Some(text.clone()),
        _ => None,
    }
}

/// Whether one of `words` has a hole the user has not filled (with a value it accepts). An
/// operating-system step whose values are missing is written with its holes (the shell refuses
/// it) when that is why; a value of the wrong kind (a report read from elsewhere) is not written
/// at all.
fn empty_hole(words: &[&Word], fill: Fill<'_>) -> bool {
    words
        .iter()
        .any(|w| segments(w, fill).iter().any(|s| matches!(s, Segment::Hole(_))))
}

/// A go.mod keyword: lowercase letters only.
fn keyword(word: &Word, fill: Fill<'_>) -> Option<String> {
    text_as(word, fill, crate::Kind::Lit).filter(|k| k.len() <= 32 && k.bytes().all(|b| b.is_ascii_lowercase()))
}

/// How Windows installs `package` (winget); `None` where Windows needs nothing.
fn winget(package: crate::Package) -> Option<String> {
    use crate::Package;
    let id = match package {
        Package::Gcc => "MSYS2.MSYS2",
        Package::Git => "Git.Git",
        Package::Mercurial => "Mercurial.Mercurial",
        Package::Subversion => "TortoiseSVN.TortoiseSVN",
        Package::Bazaar => "Canonical.Bazaar",
        Package::Fossil => "Fossil.Fossil",
        // Go on Windows reads the system's certificate store: there is nothing to install.
        Package::CaCertificates => return None,
    };
    Some(format!("winget install -e --id {id}"))
}

/// Escapes `text` for a regular expression (POSIX BRE/ERE and .NET alike): every character but
/// letters, digits, `/`, `_`, `-`, `~`, `@`, `:` and space is escaped.
fn regex_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        if !(c.is_ascii_alphanumeric() || "/_-~@: ".contains(c)) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Kind, Var};

    #[test]
    fn holes_filled_with_a_value_of_their_kind_become_text() {
        let word = Word::join(vec![
            Word::lit("url.git@"),
            Word::hole(Hole::GitHost),
            Word::lit(":.insteadOf"),
        ]);
        let fill = |h: Hole| (h == Hole::GitHost).then(|| "git.corp.example".to_owned());
        assert_eq!(
            segments(&word, &fill),
            vec![Segment::Text("url.git@git.corp.example:.insteadOf".into())]
        );
        let bad = |_: Hole| Some("a;b".to_owned());
        assert_eq!(
            segments(&word, &bad).len(),
            3,
            "a value the hole refuses leaves it empty"
        );
        let set = Command::set(Var::new("GOPRIVATE"), Word::hole(Hole::PrivateModules));
        assert_eq!(
            render(&set, Shell::Posix, &no_fill).expect("posix"),
            "export GOPRIVATE=<private-modules>"
        );
        let value = Word::value(Kind::Pattern, "*.corp.example").expect("pattern");
        assert_eq!(
            render(&Command::set(Var::new("GOPRIVATE"), value), Shell::Posix, &no_fill).expect("posix"),
            "export GOPRIVATE='*.corp.example'"
        );
    }

    #[test]
    fn regex_literals_escape_what_regexes_read() {
        assert_eq!(regex_literal("github.com/a+b v1.0.0"), "github\\.com/a\\+b v1\\.0\\.0");
    }
}
