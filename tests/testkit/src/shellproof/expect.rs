//! What a command's typed steps promise, read from the steps alone: the programs run with their
//! argv and the variables each sees, the variables left set at the end, the programs its
//! operating-system steps may run, and the files it may write.

use gmd_analysis::command::{Command, Hole, Os, Package, Program, Step, Word};
use std::collections::{BTreeMap, BTreeSet};

/// POSIX shells, or Windows (cmd and PowerShell).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Posix,
    Cmd,
    PowerShell,
}

/// One program run as a step promises it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    pub program: String,
    pub args: Vec<String>,
    /// The variables it must see: a value, or unset.
    pub env: Vec<(String, Option<String>)>,
}

/// Everything a command promises in one family of shells.
#[derive(Debug, Clone, Default)]
pub struct Expectation {
    pub runs: Vec<Invocation>,
    /// Programs the operating-system steps may run (any argv), beside `runs`.
    pub allowed: BTreeSet<String>,
    /// The typed values each operating-system step must hand to one of its programs.
    pub os_values: Vec<String>,
    /// Every variable the command sets or unsets (what the stubs record).
    pub vars: Vec<String>,
    /// The variables at the end, set or unset (an operating-system step's own setting may end
    /// with `*`: a value ending so).
    pub end: Vec<(String, Option<String>)>,
    /// Files the command may write, relative to the working or the home directory.
    pub files: BTreeSet<&'static str>,
    /// Directories the command enters (made before it runs).
    pub dirs: Vec<String>,
    /// Whether the command reads the environment before its first step (an OS step's `$(…)`).
    pub opaque: bool,
}

/// `word`'s text with `fill`.
pub fn text(word: &Word, fill: &BTreeMap<Hole, String>) -> String {
    word.text(&|h| fill.get(&h).cloned()).unwrap_or_default()
}

fn set(env: &mut Vec<(String, Option<String>)>, family: Family, name: &str, value: Option<String>) {
    let same = |a: &str| match family {
        Family::Posix => a == name,
        _ => a.eq_ignore_ascii_case(name),
    };
    env.retain(|(n, _)| !same(n));
    env.push((name.to_owned(), value));
}

/// What `command` promises in `family`, its holes filled with `fill`.
pub fn expect(command: &Command, fill: &BTreeMap<Hole, String>, family: Family) -> Expectation {
    let mut e = Expectation::default();
    let mut env: Vec<(String, Option<String>)> = Vec::new();
    let var = |e: &mut Expectation, name: &str| {
        if !e.vars.iter().any(|v| v == name) {
            e.vars.push(name.to_owned());
        }
    };
    for step in command.steps() {
        match step {
            Step::Set { var: v, value } => {
                var(&mut e, v.as_str());
                set(&mut env, family, v.as_str(), Some(text(value, fill)));
            }
            Step::Unset { var: v } => {
                var(&mut e, v.as_str());
                set(&mut env, family, v.as_str(), None);
            }
            Step::Run {
                program,
                args,
                env: own,
            } => {
                let mut seen = env.clone();
                for a in own {
                    var(&mut e, a.var.as_str());
                    set(&mut seen, family, a.var.as_str(), Some(text(&a.value, fill)));
                }
                e.runs.push(Invocation {
                    program: program_name(program),
                    args: args.iter().map(|w| text(w, fill)).collect(),
                    env: seen,
                });
                // A variable for one run only is gone afterwards.
                for a in own {
                    if !env.iter().any(|(n, _)| n.eq_ignore_ascii_case(a.var.as_str())) {
                        env.push((a.var.as_str().to_owned(), None));
                    }
                }
            }
            Step::Cd { dir } => {
                e.dirs.push(text(dir, fill));
                if family == Family::PowerShell {
                    e.runs.push(Invocation {
                        program: "Set-Location".into(),
                        args: vec![text(dir, fill)],
                        env: env.clone(),
                    });
                }
            }
            Step::AppendNetrc { words } => {
                e.files.insert(match family {
                    Family::Posix => ".netrc",
                    _ => "_netrc",
                });
                match family {
                    Family::Posix => {
                        e.allowed.insert("chmod".into());
                    }
                    Family::PowerShell => {
                        e.allowed.insert("Add-Content".into());
                    }
                    Family::Cmd => {}
                }
                let _ = words;
            }
            Step::Os(os) => os_step(&mut e, &mut env, os, fill, family),
        }
    }
    e.end = env;
    e
}

fn program_name(program: &Program) -> String {
    program.name()
}

fn os_step(
    e: &mut Expectation,
    env: &mut Vec<(String, Option<String>)>,
    os: &Os,
    fill: &BTreeMap<Hole, String>,
    family: Family,
) {
    let posix = family == Family::Posix;
    let windows_native = family == Family::Cmd;
    let (programs, files, values): (&[&str], &[&'static str], Vec<String>) = match os {
        Os::LookUp { host } => (
            if family == Family::PowerShell {
                &["Resolve-DnsName"]
            } else {
                &["nslookup"]
            },
            &[],
            vec![text(host, fill)],
        ),
        Os::ShowResolvers => match family {
            Family::Posix => (&["cat"], &[], vec![]),
            Family::Cmd => (&["ipconfig"], &[], vec![]),
            Family::PowerShell => (&["Get-DnsClientServerAddress"], &[], vec![]),
        },
        Os::ShowClock => match family {
            Family::Posix => (&["date"], &[], vec![]),
            Family::Cmd => (&[], &[], vec![]),
            Family::PowerShell => (&["Get-Date"], &[], vec![]),
        },
        Os::TrustCa { file } | Os::TrustCaMacos { file } => match family {
            Family::Posix => (&["sudo"], &[], vec![text(file, fill)]),
            Family::Cmd => (&["certutil"], &[], vec![text(file, fill)]),
            Family::PowerShell => (&["Import-Certificate"], &[], vec![text(file, fill)]),
        },
        Os::UseCaBundle { file } => {
            if posix {
                e.vars.push("SSL_CERT_FILE".into());
                set(env, family, "SSL_CERT_FILE", Some(text(file, fill)));
            }
            (&[], &[], vec![])
        }
        Os::Install { package } => match family {
            Family::Posix if *package == Package::CaCertificates => (&["apt-get", "dnf", "apk"], &[], vec![]),
            Family::Posix => (&["sudo"], &[], vec![]),
            _ => (&["winget"], &[], vec![]),
        },
        Os::OwnModuleCache => {
            e.opaque = true;
            match family {
                Family::Posix => (&["sudo", "id", "go"], &[], vec![]),
                Family::Cmd => (&["powershell"], &[], vec![]),
                Family::PowerShell => (&["takeown", "go"], &[], vec![]),
            }
        }
        Os::ShowDiskSpace => match family {
            Family::Posix => (&["df"], &[], vec![]),
            Family::Cmd => (&[], &[], vec![]),
            Family::PowerShell => (&["Get-PSDrive"], &[], vec![]),
        },
        Os::TempGopath => {
            e.vars.push("GOPATH".into());
            set(env, family, "GOPATH", Some("*gopath".into()));
            (&[], &[], vec![])
        }
        Os::RemoveSumLines { .. } => match family {
            Family::Posix => (&["grep", "mv"], &["go.sum.new"], vec![]),
            Family::Cmd => (&["findstr"], &["go.sum.new", "go.sum"], vec![]),
            Family::PowerShell => (&["Get-Content", "Set-Content"], &[], vec![]),
        },
        Os::RemoveRequire { .. } => match family {
            Family::Posix => (&["grep", "mv"], &["go.mod.tmp"], vec![]),
            Family::Cmd => (&["findstr"], &["go.mod.tmp", "go.mod"], vec![]),
            Family::PowerShell => (&["Get-Content", "Where-Object", "Set-Content"], &[], vec![]),
        },
        Os::FindImports { path } => match family {
            Family::Posix => (&["grep"], &[], vec![format!("\"{}", text(path, fill))]),
            Family::Cmd => (&["findstr"], &[], vec![]),
            Family::PowerShell => (&["Get-ChildItem", "Select-String"], &[], vec![]),
        },
        Os::FetchGoImport { path } => match family {
            Family::Posix => (
                &["curl", "grep"],
                &[],
                vec![format!("https://{}?go-get=1", text(path, fill))],
            ),
            Family::Cmd => (
                &["curl", "findstr"],
                &[],
                vec![format!("https://{}?go-get=1", text(path, fill))],
            ),
            Family::PowerShell => (&["Invoke-WebRequest", "Select-String"], &[], vec![]),
        },
        Os::RenameGoModKeyword { .. } | Os::SetGoModModule { .. } => match family {
            Family::Posix => (&["sed"], &[], vec![]),
            Family::Cmd => (&["powershell"], &[], vec![]),
            Family::PowerShell => (&["Get-Content", "Set-Content"], &[], vec![]),
        },
        Os::RewriteImports { .. } => match family {
            Family::Posix | Family::Cmd => (&["gofmt"], &[], vec![]),
            Family::PowerShell => (
                &["Get-ChildItem", "ForEach-Object", "Get-Content", "Set-Content"],
                &[],
                vec![],
            ),
        },
    };
    let _ = windows_native;
    e.allowed.extend(programs.iter().map(|p| (*p).to_owned()));
    e.files.extend(files.iter().copied());
    e.os_values.extend(values);
}

/// Whether `value` (from a recording) is what `expected` says: equal, or for a value ending in
/// `*`-prefixed text, ending so.
pub fn value_fits(expected: &str, value: &str) -> bool {
    match expected.strip_prefix('*') {
        Some(tail) => value.ends_with(tail),
        None => expected == value,
    }
}
