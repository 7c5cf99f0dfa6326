//! Fixes as typed commands: the only way a rule can say what to type.
//!
//! A [`Command`] is steps run one after the other, each only if the one before worked ("and
//! then"): set or unset an environment variable, run a program with an argv and variables for
//! that run alone, enter a directory, add a line to `.netrc`, or one of a closed list of
//! operating-system steps ([`Os`]: look a host up, trust a certificate, …) whose commands differ
//! per system. Arguments are [`Word`]s: constants the rule wrote (`&'static str` only), values
//! read from the paste and validated for their [`Kind`] (a module path by the go command's own
//! rules, a version, a host, a URL, a path), and [`Hole`]s the user fills.
//!
//! Nothing here is shell text. [`render`] writes a command for POSIX sh (bash, zsh), PowerShell
//! (5.1 and 7) or cmd.exe, and [`render::go_env`] its persistent `go env -w` form, quoting every
//! word for its shell: a value cannot end its word, whatever it holds.

mod hole;
mod os;
pub mod render;
mod value;

pub use hole::Hole;
pub use os::{Os, Package};
pub use render::{Fill, no_fill, render};
pub use value::{Kind, Piece, Word, is_hidden, visible};

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// An environment variable's name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Var(Cow<'static, str>);

impl Var {
    /// A variable the rule names.
    pub const fn new(name: &'static str) -> Var {
        Var(Cow::Borrowed(name))
    }

    /// A variable named in the paste, when its name is one (`[A-Za-z_][A-Za-z0-9_]*`).
    pub fn named(name: &str) -> Option<Var> {
        is_var_name(name).then(|| Var(Cow::Owned(name.to_owned())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `go env -w` can set it (the go command's own settings).
    pub fn is_go_setting(&self) -> bool {
        const SETTINGS: &[&str] = &[
            "CGO_ENABLED",
            "GO111MODULE",
            "GOAUTH",
            "GOCACHE",
            "GOFLAGS",
            "GOINSECURE",
            "GOMODCACHE",
            "GONOPROXY",
            "GONOSUMDB",
            "GOPATH",
            "GOPRIVATE",
            "GOPROXY",
            "GOSUMDB",
            "GOTELEMETRY",
            "GOTOOLCHAIN",
            "GOVCS",
        ];
        SETTINGS.contains(&self.as_str())
    }
}

fn is_var_name(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && (b[0].is_ascii_alphabetic() || b[0] == b'_')
        && b.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_')
}

impl TryFrom<String> for Var {
    type Error = String;
    fn try_from(name: String) -> Result<Var, String> {
        Var::named(&name).ok_or_else(|| "not a variable name".to_owned())
    }
}

impl From<Var> for String {
    fn from(var: Var) -> String {
        var.0.into_owned()
    }
}

/// The programs a fix may run. Anything else a fix needs is an [`Os`] step.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Program {
    Go,
    Gofmt,
    Git,
    Docker,
    /// This project's CLI, which probes the mirrors from the user's machine.
    GomodDoctor,
    /// A Go release's own command installed by `golang.org/dl` (`go1.22.0`).
    GoRelease(Release),
}

impl Program {
    /// The name typed to run it.
    pub fn name(&self) -> String {
        match self {
            Program::Go => "go".into(),
            Program::Gofmt => "gofmt".into(),
            Program::Git => "git".into(),
            Program::Docker => "docker".into(),
            Program::GomodDoctor => "gomod-doctor".into(),
            Program::GoRelease(release) => format!("go{}", release.0),
        }
    }
}

/// A Go release as `golang.org/dl` names its commands: `1.22.0`, `1.21rc2`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Release(String);

impl Release {
    pub fn new(version: &str) -> Option<Release> {
        let b = version.as_bytes();
        let ok = version.starts_with("1.")
            && b.len() <= 16
            && b.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'.')
            && b[b.len() - 1].is_ascii_digit()
            && !version.contains("..");
        ok.then(|| Release(version.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Release {
    type Error = String;
    fn try_from(version: String) -> Result<Release, String> {
        Release::new(&version).ok_or_else(|| "not a Go release".to_owned())
    }
}

impl From<Release> for String {
    fn from(release: Release) -> String {
        release.0
    }
}

/// A variable set for one run of a program only.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Assign {
    pub var: Var,
    pub value: Word,
}

/// One step of a command.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Set a variable for this shell session (and, for a Go setting, `go env -w` is the
    /// persistent form: [`Command::go_env`]).
    Set { var: Var, value: Word },
    /// Remove a variable from this shell session (`go env -u` for a Go setting).
    Unset { var: Var },
    /// Run a program with these arguments, with `env` set for this run only.
    Run {
        program: Program,
        args: Vec<Word>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        env: Vec<Assign>,
    },
    /// Enter a directory.
    Cd { dir: Word },
    /// Add a line of these words to the user's `.netrc` (`_netrc` on Windows), readable by the
    /// user only.
    AppendNetrc { words: Vec<Word> },
    /// A step whose commands differ per operating system.
    Os(Os),
}

impl Step {
    /// `go` with these arguments.
    #[inline(never)]
    pub fn go(args: Vec<Word>) -> Step {
        Step::run(Program::Go, args)
    }

    /// `program` with these arguments.
    #[inline(never)]
    pub fn run(program: Program, args: Vec<Word>) -> Step {
        Step::Run {
            program,
            args,
            env: Vec::new(),
        }
    }

    /// The words of the step, in order.
    pub fn words(&self) -> Vec<&Word> {
        match self {
            Step::Set { value, .. } => vec![value],
            Step::Unset { .. } => Vec::new(),
            Step::Run { args, env, .. } => env.iter().map(|a| &a.value).chain(args).collect(),
            Step::Cd { dir } => vec![dir],
            Step::AppendNetrc { words } => words.iter().collect(),
            Step::Os(os) => os.words(),
        }
    }
}

/// Steps run one after the other, each only when the one before worked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<Step>", into = "Vec<Step>")]
pub struct Command {
    steps: Vec<Step>,
}

impl Command {
    /// A command of one step.
    pub fn new(step: Step) -> Command {
        Command { steps: vec![step] }
    }

    /// This command, and then `step`.
    pub fn then(mut self, step: Step) -> Command {
        self.steps.push(step);
        self
    }

    /// This command, and then `other`.
    pub fn and(mut self, other: Command) -> Command {
        self.steps.extend(other.steps);
        self
    }

    /// `go` with constant arguments (`Command::go(&["mod", "tidy"])`).
    pub fn go(args: &[&'static str]) -> Command {
        Command::new(Step::go(args.iter().map(|a| Word::lit(a)).collect()))
    }

    /// Setting a variable.
    pub fn set(var: Var, value: Word) -> Command {
        Command::new(Step::Set { var, value })
    }

    /// Removing a variable.
    pub fn unset(var: Var) -> Command {
        Command::new(Step::Unset { var })
    }

    /// An operating-system step.
    pub fn os(os: Os) -> Command {
        Command::new(Step::Os(os))
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// Every hole of the command, once each, in a fixed order (`Hole`'s).
    pub fn holes(&self) -> Vec<Hole> {
        let mut holes: Vec<Hole> = self
            .steps
            .iter()
            .flat_map(|s| s.words())
            .flat_map(|w| w.holes())
            .collect();
        gmd_order::sort_dedup(&mut holes);
        holes
    }

    /// The persistent form with `go env -w` / `go env -u`, when every step sets or unsets a Go
    /// setting. An OS environment variable of the same name overrides it (the renderers say so).
    pub fn go_env(&self) -> Option<Command> {
        let mut writes = Vec::new();
        let mut unsets = Vec::new();
        for step in &self.steps {
            match step {
                Step::Set { var, value } if var.is_go_setting() => writes.push(Word::join(vec![
                    Word::value(Kind::Lit, var.as_str())?,
                    Word::lit("="),
                    value.clone(),
                ])),
                Step::Unset { var } if var.is_go_setting() => unsets.push(Word::value(Kind::Lit, var.as_str())?),
                _ => return None,
            }
        }
        let mut steps = Vec::new();
        if !writes.is_empty() {
            steps.push(Step::go(
                vec![Word::lit("env"), Word::lit("-w")]
                    .into_iter()
                    .chain(writes)
                    .collect(),
            ));
        }
        if !unsets.is_empty() {
            steps.push(Step::go(
                vec![Word::lit("env"), Word::lit("-u")]
                    .into_iter()
                    .chain(unsets)
                    .collect(),
            ));
        }
        (!steps.is_empty()).then_some(Command { steps })
    }
}

impl TryFrom<Vec<Step>> for Command {
    type Error = String;
    fn try_from(steps: Vec<Step>) -> Result<Command, String> {
        if steps.is_empty() {
            return Err("a command without steps".into());
        }
        Ok(Command { steps })
    }
}

impl From<Command> for Vec<Step> {
    fn from(command: Command) -> Vec<Step> {
        command.steps
    }
}

#[cfg(test)]
mod tests;
