//! cmd.exe: steps joined by `&&`, words in double quotes unless plain (inside them `& | < > ^ ( )`
//! are text); values never hold `"` or `%`, the two characters cmd cannot quote. `set "K=V"`
//! keeps a trailing space and the operators out of the value. A trailing backslash is doubled
//! inside quotes, so that the program's argument parser does not read `\"`.

use super::{Fill, Segment, empty_hole, keyword, regex_literal, segments, text_as, windows_steps, winget, word_with};
use crate::os::Os;
use crate::value::{Kind, Word};
use crate::{Command, Step};

pub(super) fn command(command: &Command, fill: Fill<'_>) -> Option<String> {
    let line = steps(command, fill)?;
    // A redirection from a file that does not exist stops the command it is in, but not every
    // cmd stops `&&` after it (Wine's runs on): with a hole left empty, the line is a remark,
    // which no cmd runs, until the hole is filled.
    let unfilled = command
        .holes()
        .into_iter()
        .any(|h| fill(h).is_none_or(|v| !h.accepts(&v)));
    Some(if unfilled { format!("rem {line}") } else { line })
}

fn steps(command: &Command, fill: Fill<'_>) -> Option<String> {
    // Innermost first. `set "K="` of a variable that is not set may fail, which must not stop
    // the steps after it: an unset is followed by `&`, and what follows it is grouped so that
    // an earlier `&&` still guards it.
    let steps = windows_steps(command);
    let mut out = String::new();
    for (i, s) in steps.iter().enumerate().rev() {
        let text = step(s, fill, i + 1 == steps.len())?;
        out = if out.is_empty() {
            text
        } else if matches!(s, Step::Unset { .. }) {
            let grouped = if out.contains("&&") { format!("({out})") } else { out };
            format!("{text} & {grouped}")
        } else {
            format!("{text} && {out}")
        };
    }
    Some(out)
}

fn quote(text: &str, _first: bool) -> String {
    let plain = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:=,+@\\".contains(&b));
    if plain {
        return text.to_owned();
    }
    let trailing = text.len() - text.trim_end_matches('\\').len();
    format!("\"{text}{}\"", "\\".repeat(trailing))
}

fn word(w: &Word, fill: Fill<'_>) -> String {
    word_with(w, fill, quote)
}

fn words(ws: &[Word], fill: Fill<'_>) -> String {
    ws.iter().map(|w| word(w, fill)).collect::<Vec<_>>().join(" ")
}

/// `set "K=V"`: the value's text inside the quotes, its empty holes outside them (so that the
/// line is refused until they are filled).
fn set(var: &str, value: &Word, fill: Fill<'_>) -> String {
    let mut out = format!("set \"{var}=");
    let mut open = true;
    for segment in segments(value, fill) {
        match segment {
            Segment::Text(text) => {
                if !open {
                    out.push('"');
                    open = true;
                }
                out.push_str(&text);
            }
            Segment::Hole(hole) => {
                if open {
                    out.push('"');
                    open = false;
                }
                out.push_str(&hole.marker());
            }
        }
    }
    if open {
        out.push('"');
    }
    out
}

/// A word as `echo` writes it: no quotes (they would be written), cmd's operators escaped.
fn echoed(w: &Word, fill: Fill<'_>) -> String {
    word_with(w, fill, |text, _| {
        let mut out = String::new();
        for c in text.chars() {
            if "^&|<>()".contains(c) {
                out.push('^');
            }
            out.push(c);
        }
        out
    })
}

fn step(step: &Step, fill: Fill<'_>, last: bool) -> Option<String> {
    Some(match step {
        // Always quoted: a space before an `&&` the user adds would join the value otherwise.
        Step::Set { var, value } => set(var.as_str(), value, fill),
        Step::Unset { var } => format!("set \"{}=\"", var.as_str()),
        Step::Run { program, args, env } => {
            let mut run = program.name();
            if !args.is_empty() {
                run.push(' ');
                run.push_str(&words(args, fill));
            }
            if env.is_empty() {
                return Some(run);
            }
            // cmd has no per-command variables: set them, run, remove them (`&` removes them
            // whatever the outcome when nothing follows).
            let sets: Vec<String> = env.iter().map(|a| set(a.var.as_str(), &a.value, fill)).collect();
            let unsets: Vec<String> = env.iter().map(|a| format!("set \"{}=\"", a.var.as_str())).collect();
            let then = if last { " & " } else { " && " };
            format!("{} && {run}{then}{}", sets.join(" && "), unsets.join(" & "))
        }
        Step::Cd { dir } => format!("cd /d {}", word(dir, fill)),
        Step::AppendNetrc { words: line } => {
            let text: Vec<String> = line.iter().map(|w| echoed(w, fill)).collect();
            format!(">> \"%USERPROFILE%\\_netrc\" echo {}", text.join(" "))
        }
        Step::Os(os) => os_step(os, fill)?,
    })
}

/// A PowerShell script run from cmd: `powershell -NoProfile -Command "…"` (the script holds no
/// double quote).
fn powershell(script: &str) -> String {
    format!("powershell -NoProfile -Command \"{script}\"")
}

fn os_step(os: &Os, fill: Fill<'_>) -> Option<String> {
    let as_module = |w: &Word| text_as(w, fill, Kind::Module);
    Some(match os {
        Os::LookUp { host } => format!("nslookup {}", word(host, fill)),
        Os::ShowResolvers => "ipconfig /all".into(),
        Os::ShowClock => "echo %DATE% %TIME%".into(),
        Os::TrustCa { file } => format!("certutil -addstore -f Root {}", word(file, fill)),
        Os::TrustCaMacos { .. } | Os::UseCaBundle { .. } => return None,
        Os::Install { package } => winget(*package)?,
        Os::OwnModuleCache => powershell("takeown /F (go env GOMODCACHE) /R"),
        Os::ShowDiskSpace => "dir".into(),
        Os::TempGopath => "set \"GOPATH=%TEMP%\\gopath\"".into(),
        Os::RemoveSumLines { module, version } => match (as_module(module), text_as(version, fill, Kind::Query)) {
            (Some(m), Some(v)) => format!(
                "(findstr /v /b /c:\"{m} {v} \" /c:\"{m} {v}/\" go.sum > go.sum.new & move /y go.sum.new go.sum)"
            ),
            _ if empty_hole(&[module, version], fill) => {
                format!("findstr /v /b {}{} go.sum", word(module, fill), word(version, fill))
            }
            _ => return None,
        },
        Os::RemoveRequire { module, version } => match (as_module(module), text_as(version, fill, Kind::Query)) {
            (Some(m), Some(v)) => {
                format!("(findstr /v /c:\"{m} {v}\" go.mod > go.mod.tmp && move /y go.mod.tmp go.mod)")
            }
            _ if empty_hole(&[module, version], fill) => {
                format!("findstr /v {}{} go.mod", word(module, fill), word(version, fill))
            }
            _ => return None,
        },
        Os::FindImports { path } => match as_module(path) {
            // A `\"` inside cmd's quotes would close them for cmd (which knows no backslash):
            // the path alone, an even number of quotes.
            Some(p) => format!("findstr /s /n /l /c:\"{p}\" *.go"),
            None if empty_hole(&[path], fill) => format!("findstr /s /n {} *.go", word(path, fill)),
            None => return None,
        },
        Os::FetchGoImport { path } => match as_module(path) {
            Some(p) => format!("curl -fsS \"https://{p}?go-get=1\" | findstr go-import"),
            None if empty_hole(&[path], fill) => format!("curl -fsS https://{}?go-get=1", word(path, fill)),
            None => return None,
        },
        Os::RenameGoModKeyword { from, to } => match (keyword(from, fill), keyword(to, fill)) {
            (Some(f), Some(t)) => powershell(&format!(
                "(Get-Content go.mod) -replace {}, {} | Set-Content go.mod",
                super::powershell::literal(&format!("^{}([ (])", regex_literal(&f))),
                super::powershell::literal(&format!("{}$1", t.replace('$', "$$")))
            )),
            _ if empty_hole(&[from, to], fill) => {
                format!("powershell -NoProfile -Command {}{}", word(from, fill), word(to, fill))
            }
            _ => return None,
        },
        Os::SetGoModModule { path } => match as_module(path) {
            Some(p) => powershell(&format!(
                "(Get-Content go.mod) -replace '^module .*', {} | Set-Content go.mod",
                super::powershell::literal(&format!("module {}", p.replace('$', "$$")))
            )),
            None if empty_hole(&[path], fill) => format!("powershell -NoProfile -Command {}", word(path, fill)),
            None => return None,
        },
        // Inside cmd's view of the quotes, `->` stays quoted: `"\"` opens and closes, `" -> \"`
        // is one quoted run; the paths (module paths) hold nothing cmd reads.
        Os::RewriteImports { from, to } => match (as_module(from), as_module(to)) {
            (Some(f), Some(t)) => format!("gofmt -w -r \"\\\"{f}\\\" -> \\\"{t}\\\"\" ."),
            _ if empty_hole(&[from, to], fill) => format!("gofmt -w -r {}{} .", word(from, fill), word(to, fill)),
            _ => return None,
        },
    })
}
