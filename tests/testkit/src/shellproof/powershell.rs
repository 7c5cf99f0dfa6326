//! PowerShell: each rendering parsed by a real PowerShell grammar (tree-sitter-powershell, run
//! by `tests/shellproof/powershell.py`), its commands and `$env:` assignments read back from
//! the tree and compared with the steps.

use super::expect::{Family, expect, value_fits};
use super::{Case, Failure};
use gmd_analysis::command::render;
use gmd_report::Shell;
use serde::Deserialize;
use std::path::Path;
use std::process::{Command as Process, Stdio};

#[derive(Debug, Deserialize)]
struct Parsed {
    error: bool,
    reserved: bool,
    items: Vec<Item>,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Item {
    Command { name: String, args: Vec<String> },
    Assign { var: String, value: Option<String> },
}

/// Commands the renderings' own PowerShell uses around the steps.
const AROUND: &[&str] = &[];

/// Parses every case's rendering; the failures.
pub fn prove(cases: &[Case], python: &Path, script: &Path) -> Result<Vec<Failure>, String> {
    let rendered: Vec<(usize, String)> = cases
        .iter()
        .enumerate()
        .filter_map(|(i, case)| {
            let fill = case.fill();
            render(&case.command, Shell::PowerShell, &|h| fill.get(&h).cloned()).map(|r| (i, r))
        })
        .collect();
    let input =
        serde_json::to_string(&rendered.iter().map(|(_, r)| r).collect::<Vec<_>>()).map_err(|e| e.to_string())?;
    let mut child = Process::new(python)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", python.display()))?;
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().ok_or("python: no stdin")?;
        stdin.write_all(input.as_bytes()).map_err(|e| e.to_string())?;
    }
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!("{} failed: {:?}", script.display(), output.status));
    }
    let parsed: Vec<Parsed> = serde_json::from_slice(&output.stdout).map_err(|e| e.to_string())?;
    let mut failures = Vec::new();
    for ((i, text), parsed) in rendered.iter().zip(parsed) {
        let case = &cases[*i];
        if let Some(why) = check(case, &parsed) {
            failures.push(Failure {
                shell: "PowerShell",
                origin: case.origin.clone(),
                rendered: text.clone(),
                why,
            });
        }
    }
    Ok(failures)
}

fn check(case: &Case, parsed: &Parsed) -> Option<String> {
    if case.must_refuse() {
        return (!parsed.error && !parsed.reserved).then(|| "parses although a hole is empty".to_owned());
    }
    if parsed.error {
        return Some("the PowerShell grammar finds an error".into());
    }
    if parsed.reserved {
        return Some("`<` outside a string: PowerShell refuses it".into());
    }
    let fill = case.fill();
    let expected = expect(&case.command, &fill, Family::PowerShell);
    // The `$env:` assignments, in order, must be the Set/Unset steps' and the per-run
    // variables' (set, then removed).
    let mut runs = expected.runs.iter().peekable();
    for item in &parsed.items {
        match item {
            Item::Command { name, args } => {
                if let Some(run) = runs.peek().filter(|r| r.program.eq_ignore_ascii_case(name)) {
                    if &run.args != args {
                        return Some(format!("{name} gets {args:?}, not {:?}", run.args));
                    }
                    runs.next();
                } else if !expected.allowed.iter().any(|p| p.eq_ignore_ascii_case(name))
                    && !AROUND.contains(&name.as_str())
                {
                    return Some(format!("runs {name} {args:?}, which no step says"));
                }
            }
            Item::Assign { var, value } => {
                let known = expected.vars.iter().any(|v| v.eq_ignore_ascii_case(var));
                if !known {
                    return Some(format!("sets $env:{var}, which no step says"));
                }
                if let Some(value) = value
                    && value.starts_with('<')
                    && !value.starts_with("<expandable \"$env:TEMP")
                {
                    return Some(format!("sets $env:{var} to something computed: {value}"));
                }
            }
        }
    }
    if let Some(run) = runs.next() {
        return Some(format!("never runs {} {:?}", run.program, run.args));
    }
    // The variables left at the end: the last assignment of each.
    for (name, value) in &expected.end {
        let last = parsed.items.iter().rev().find_map(|item| match item {
            Item::Assign { var, value } if var.eq_ignore_ascii_case(name) => Some(value.clone()),
            _ => None,
        });
        let Some(last) = last else {
            return Some(format!("never sets $env:{name}"));
        };
        let fits = match (value, &last) {
            (Some(w), Some(g)) => value_fits(w, g) || (w.starts_with('*') && g.starts_with("<expandable")),
            (None, None) => true,
            _ => false,
        };
        if !fits {
            return Some(format!("leaves $env:{name} = {last:?}, not {value:?}"));
        }
    }
    None
}
