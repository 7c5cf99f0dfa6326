//! PowerShell 5.1 (the one Windows ships) and 7. Windows PowerShell 5.1 has no `&&`: a step runs
//! after the one before as `a; if ($?) { b }`. Words are single-quoted unless plain; PowerShell
//! also reads the typographic quotes ‘ ’ ‚ ‛ as single quotes, so they are doubled as well. An
//! unquoted `,` would make an array of two arguments: it is never plain here.

use super::{Fill, empty_hole, keyword, regex_literal, text_as, windows_steps, winget, word_with};
use crate::os::Os;
use crate::value::{Kind, Word};
use crate::{Command, Step};

pub(super) fn command(command: &Command, fill: Fill<'_>) -> Option<String> {
    // Innermost first: each step wraps what follows it in `if (<status>) { … }`.
    let steps = windows_steps(command);
    let mut out = String::new();
    for (i, s) in steps.iter().enumerate().rev() {
        let (text, status) = step(s, fill)?;
        out = if i + 1 == steps.len() {
            text
        } else {
            format!("{text}; if ({status}) {{ {out} }}")
        };
    }
    Some(out)
}

/// A string literal: always single-quoted.
pub(crate) fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// An argument of a command: as it is when plain, else a literal. A plain word starts with a
/// letter, `.`, `/`, `\\`, `_`, or a dash (or two) and a letter (`-w`, `--global`; `--%` is not
/// plain, nor a flag with a value, `-mod=mod`, which PowerShell reads as a parameter); a number
/// could be read as one, `@` starts a splat.
fn quote(text: &str, first: bool) -> String {
    let b = text.as_bytes();
    let flag = b
        .strip_prefix(b"--")
        .or_else(|| b.strip_prefix(b"-"))
        .filter(|rest| !rest.iter().any(|c| *c == b'=' || *c == b':'));
    let starts_well = !first
        || b.first()
            .is_some_and(|c| c.is_ascii_alphabetic() || b"./\\_".contains(c))
        || flag.is_some_and(|rest| rest.first().is_some_and(u8::is_ascii_alphabetic));
    let plain =
        !b.is_empty() && starts_well && b.iter().all(|b| b.is_ascii_alphanumeric() || b"-_./:=+@\\".contains(b));
    if plain { text.to_owned() } else { literal(text) }
}

fn arg(w: &Word, fill: Fill<'_>) -> String {
    word_with(w, fill, quote)
}

fn value(w: &Word, fill: Fill<'_>) -> String {
    word_with(w, fill, |t, _| literal(t))
}

fn args(ws: &[Word], fill: Fill<'_>) -> String {
    ws.iter().map(|w| arg(w, fill)).collect::<Vec<_>>().join(" ")
}

/// A step and the expression that says whether it worked; `None` when it has no place on
/// Windows.
fn step(step: &Step, fill: Fill<'_>) -> Option<(String, &'static str)> {
    Some(match step {
        Step::Set { var, value: v } => (format!("$env:{} = {}", var.as_str(), value(v, fill)), "$?"),
        // `$env:K = $null` removes the variable and succeeds whether it was set or not (a
        // `Remove-Item` of a missing one fails, which would stop the steps after it).
        Step::Unset { var } => (format!("$env:{} = $null", var.as_str()), "$?"),
        Step::Run { program, args: a, env } => {
            let mut run = program.name();
            if !a.is_empty() {
                run.push(' ');
                run.push_str(&args(a, fill));
            }
            if env.is_empty() {
                return Some((run, "$?"));
            }
            // No per-command variables here: set them, run, note the outcome, remove them.
            let set: Vec<String> = env
                .iter()
                .map(|x| format!("$env:{} = {}", x.var.as_str(), value(&x.value, fill)))
                .collect();
            let unset: Vec<String> = env.iter().map(|x| format!("$env:{} = $null", x.var.as_str())).collect();
            (
                format!("{}; {run}; $ok = $?; {}", set.join("; "), unset.join("; ")),
                "$ok",
            )
        }
        Step::Cd { dir } => (format!("Set-Location {}", arg(dir, fill)), "$?"),
        Step::AppendNetrc { words } => {
            let items: Vec<String> = words.iter().map(|w| value(w, fill)).collect();
            (
                format!(
                    "Add-Content -Path \"$HOME\\_netrc\" -Value (@({}) -join ' ')",
                    items.join(", ")
                ),
                "$?",
            )
        }
        Step::Os(os) => (os_step(os, fill)?, "$?"),
    })
}

/// `text` in a script without double quotes (the script may be run from cmd inside them): a
/// `"` is `$q`, which the script sets to `[char]34` first.
fn without_double_quotes(text: &str) -> String {
    text.split('"').map(literal).collect::<Vec<_>>().join(" + $q + ")
}

pub(super) fn os_step(os: &Os, fill: Fill<'_>) -> Option<String> {
    let as_module = |w: &Word| text_as(w, fill, Kind::Module);
    Some(match os {
        Os::LookUp { host } => format!("Resolve-DnsName {}", arg(host, fill)),
        Os::ShowResolvers => "Get-DnsClientServerAddress".into(),
        Os::ShowClock => "(Get-Date).ToUniversalTime()".into(),
        Os::TrustCa { file } => format!(
            "Import-Certificate -FilePath {} -CertStoreLocation Cert:\\LocalMachine\\Root",
            arg(file, fill)
        ),
        Os::TrustCaMacos { .. } | Os::UseCaBundle { .. } => return None,
        Os::Install { package } => winget(*package)?,
        Os::OwnModuleCache => "takeown /F (go env GOMODCACHE) /R".into(),
        Os::ShowDiskSpace => "Get-PSDrive -PSProvider FileSystem".into(),
        Os::TempGopath => "$env:GOPATH = \"$env:TEMP\\gopath\"".into(),
        Os::RemoveSumLines { module, version } => {
            let pattern = match (as_module(module), text_as(version, fill, Kind::Query)) {
                (Some(m), Some(v)) => literal(&format!("^{} {}[ /]", regex_literal(&m), regex_literal(&v))),
                _ if empty_hole(&[module, version], fill) => format!("{}{}", value(module, fill), value(version, fill)),
                _ => return None,
            };
            format!("(Get-Content go.sum) -notmatch {pattern} | Set-Content go.sum")
        }
        Os::RemoveRequire { module, version } => match (as_module(module), text_as(version, fill, Kind::Query)) {
            (Some(m), Some(v)) => format!(
                "(Get-Content go.mod) | Where-Object {{ -not $_.Contains({}) }} | Set-Content go.mod",
                literal(&format!("{m} {v}"))
            ),
            _ if empty_hole(&[module, version], fill) => {
                format!("(Get-Content go.mod) {}{}", value(module, fill), value(version, fill))
            }
            _ => return None,
        },
        Os::FindImports { path } => {
            let needle = match as_module(path) {
                Some(p) => literal(&format!("\"{p}")),
                None if empty_hole(&[path], fill) => value(path, fill),
                None => return None,
            };
            format!("Get-ChildItem -Recurse -Filter *.go | Select-String -SimpleMatch {needle}")
        }
        Os::FetchGoImport { path } => {
            let url = match as_module(path) {
                Some(p) => literal(&format!("https://{p}?go-get=1")),
                None if empty_hole(&[path], fill) => value(path, fill),
                None => return None,
            };
            format!("(Invoke-WebRequest -UseBasicParsing {url}).Content -split \"`n\" | Select-String go-import")
        }
        Os::RenameGoModKeyword { from, to } => match (keyword(from, fill), keyword(to, fill)) {
            (Some(f), Some(t)) => format!(
                "(Get-Content go.mod) -replace {}, {} | Set-Content go.mod",
                literal(&format!("^{}([ (])", regex_literal(&f))),
                literal(&format!("{}$1", t.replace('$', "$$")))
            ),
            _ => format!(
                "(Get-Content go.mod) -replace {}, {}",
                value(from, fill),
                value(to, fill)
            ),
        },
        Os::SetGoModModule { path } => match as_module(path) {
            Some(p) => format!(
                "(Get-Content go.mod) -replace '^module .*', {} | Set-Content go.mod",
                literal(&format!("module {}", p.replace('$', "$$")))
            ),
            None if empty_hole(&[path], fill) => {
                format!("(Get-Content go.mod) -replace '^module .*', {}", value(path, fill))
            }
            None => return None,
        },
        Os::RewriteImports { from, to } => match (as_module(from), as_module(to)) {
            // gofmt -r needs quotes in its argument, which Windows PowerShell 5.1 does not pass
            // to a program intact: the files are rewritten by PowerShell itself, every string
            // literal "from" becoming "to" as `gofmt -r '"from" -> "to"'` does.
            (Some(f), Some(t)) => format!(
                "$q = [char]34; Get-ChildItem -Recurse -Filter *.go | ForEach-Object {{ $c = Get-Content -Raw $_.FullName; Set-Content -NoNewline $_.FullName $c.Replace({}, {}) }}",
                without_double_quotes(&format!("\"{f}\"")),
                without_double_quotes(&format!("\"{t}\""))
            ),
            _ => format!(
                "Get-ChildItem -Recurse -Filter *.go {}{}",
                value(from, fill),
                value(to, fill)
            ),
        },
    })
}
