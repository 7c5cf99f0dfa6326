//! Proof that every fix does, when typed, what its typed steps say: each command is rendered for
//! POSIX sh (bash, dash, zsh), cmd and PowerShell and
//!
//! - POSIX: run by each shell with every program on `PATH` a stub that records its argv and the
//!   variables the command sets;
//! - cmd: run by a real cmd interpreter (Wine's) with `.bat` stubs recording the command line
//!   they got (read back with the Windows argument rules) and the environment;
//! - PowerShell: parsed by a real PowerShell grammar (tree-sitter's, through Python), with no
//!   error node, its commands and `$env:` assignments read back from the tree;
//!
//! and compared with the steps: every program run with exactly the typed argv and environment,
//! in order; nothing else run but what an operating-system step of the command uses; no file
//! made but what the command writes. A command with a hole the user has not filled must not run
//! at all (no stub, no file); filled with sample values, it must.

pub mod cmd;
pub mod expect;
pub mod posix;
pub mod powershell;

use gmd_analysis::command::{Command, Hole};
use std::collections::BTreeMap;

/// A value of the right kind for each hole, with characters each shell must quote.
pub fn sample(hole: Hole) -> String {
    match hole {
        Hole::PrivateModules => "*.corp.example",
        Hole::GitHost => "git.corp.example",
        Hole::User => "alice",
        Hole::Token | Hole::Password => "tok_&|<>^()!$x;~",
        Hole::ModulePath => "example.com/you/project",
        Hole::Module => "example.com/m",
        Hole::Version => "v1.2.3",
        Hole::Host => "proxy.corp.example:3128",
        Hole::CaFile => "./certs/company root (1).crt",
        Hole::Fork => "github.com/you/fork",
        Hole::Directory => "../my lib",
        Hole::Image => "golang:1.22",
        Hole::ProxyUrl => "http://proxy.corp.example:3128",
        Hole::MirrorUrl => "https://goproxy.corp.example",
    }
    .to_owned()
}

/// One rendering to prove: where it came from, the command, and whether its holes are filled.
#[derive(Debug, Clone)]
pub struct Case {
    pub origin: String,
    pub command: Command,
    pub filled: bool,
}

impl Case {
    /// The holes' values (sample values when filled).
    pub fn fill(&self) -> BTreeMap<Hole, String> {
        if !self.filled {
            return BTreeMap::new();
        }
        self.command.holes().into_iter().map(|h| (h, sample(h))).collect()
    }

    /// Whether this rendering must be refused by the shell (an empty hole).
    pub fn must_refuse(&self) -> bool {
        !self.filled && !self.command.holes().is_empty()
    }
}

/// The cases for a set of commands: each as it is, and filled when it has holes.
pub fn cases(commands: impl IntoIterator<Item = (String, Command)>) -> Vec<Case> {
    let mut out: Vec<Case> = Vec::new();
    for (origin, command) in commands {
        if out.iter().any(|c| c.command == command) {
            continue;
        }
        let holes = !command.holes().is_empty();
        out.push(Case {
            origin: origin.clone(),
            command: command.clone(),
            filled: false,
        });
        if holes {
            out.push(Case {
                origin,
                command,
                filled: true,
            });
        }
    }
    out
}

/// What went wrong with one case in one shell.
#[derive(Debug, Clone)]
pub struct Failure {
    pub shell: &'static str,
    pub origin: String,
    pub rendered: String,
    pub why: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "[{}] {} ({}):\n    {}\n",
            self.shell, self.why, self.origin, self.rendered
        )
    }
}
