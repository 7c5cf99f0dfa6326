//! The vocabulary of a diagnosis: causes, hops, severities, evidence and fixes.

pub use gmd_command::{Assign, Command, Hole, Kind, Os, Package, Program, Step, Var, Word};
use gmd_vocabulary::Message;
pub use gmd_vocabulary::{Cause, Certainty, Hop, Safety, Severity, Text};

/// One input line that supports a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// 1-based line number in the analysed input.
    pub line: usize,
    /// The line as it was pasted, without its line ending.
    pub text: String,
}

impl Evidence {
    /// Puts evidence in input order, keeping the order of lines given twice.
    pub fn in_input_order(evidence: &mut [Evidence]) {
        gmd_order::sort_by_key(evidence, |e| e.line);
    }
}

/// One way to resolve a finding: what to do, and what to type as a typed command
/// ([`gmd_command`]) that each edge renders for the reader's shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// An imperative sentence: what to do, in both languages.
    pub title: Text,
    pub command: Command,
    pub safety: Safety,
}

impl Fix {
    /// A safe fix.
    pub fn safe(title: &dyn Message, command: Command) -> Fix {
        Fix {
            title: Text::of(title),
            command,
            safety: Safety::Safe,
        }
    }

    /// A fix that weakens verification; never offered first.
    pub fn risky(title: &dyn Message, command: Command) -> Fix {
        Fix {
            title: Text::of(title),
            command,
            safety: Safety::Unsafe,
        }
    }

    /// A safe fix that sets a variable (`go env -w` is its persistent form for a Go setting).
    pub fn set(title: &dyn Message, var: &'static str, value: Word) -> Fix {
        Fix::safe(title, Command::set(Var::new(var), value))
    }

    /// The command as typed in `shell`, holes printed as `<name>`; empty where the fix has no
    /// command for that shell.
    pub fn rendered(&self, shell: gmd_vocabulary::Shell) -> String {
        gmd_command::render(&self.command, shell, &gmd_command::no_fill).unwrap_or_default()
    }

    /// [`Fix::rendered`] for POSIX shells.
    pub fn posix(&self) -> String {
        self.rendered(gmd_vocabulary::Shell::Posix)
    }

    /// [`Fix::rendered`] for PowerShell.
    pub fn powershell(&self) -> String {
        self.rendered(gmd_vocabulary::Shell::PowerShell)
    }

    /// [`Fix::rendered`] for cmd.exe.
    pub fn cmd(&self) -> String {
        self.rendered(gmd_vocabulary::Shell::Cmd)
    }

    /// The persistent `go env -w` form for POSIX shells, where one applies.
    pub fn go_env_w(&self) -> Option<String> {
        gmd_command::render::go_env(&self.command, gmd_vocabulary::Shell::Posix, &gmd_command::no_fill)
    }

    /// A safe fix that runs `go` with constant arguments.
    pub fn go(title: &dyn Message, args: &[&'static str]) -> Fix {
        Fix::safe(title, Command::go(args))
    }
}

/// One diagnosed problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The id of the rule that produced it, e.g. `proxy-off`.
    pub rule: &'static str,
    pub cause: Cause,
    pub hop: Hop,
    pub severity: Severity,
    /// How sure the finding is of its cause.
    pub certainty: Certainty,
    /// A short title for the cause.
    pub title: Text,
    /// What is wrong for this input: lowercase, no final period.
    pub message: Text,
    /// Which sentence of the rule the message is (its variant's name), and what it quotes.
    pub message_id: &'static str,
    pub args: Vec<(&'static str, String)>,
    /// Why it breaks the build.
    pub explanation: Text,
    pub evidence: Vec<Evidence>,
    /// Evidence lines beyond the first [`crate::MAX_EVIDENCE`], not listed.
    pub more_evidence: usize,
    /// Ordered fixes: the first is the one to try first, and is never unsafe.
    pub fixes: Vec<Fix>,
    /// The go.dev reference section.
    pub reference: &'static str,
}
