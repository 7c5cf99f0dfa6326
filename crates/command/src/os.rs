//! Steps whose commands differ per operating system: a closed list, each written for every shell
//! by the renderer ([`crate::render`]), never by a rule.

use crate::value::{Kind, Word};
use serde::{Deserialize, Serialize};

/// A package a fix installs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Package {
    /// A C compiler for cgo.
    Gcc,
    Git,
    Mercurial,
    Subversion,
    Bazaar,
    Fossil,
    /// The system's root certificates.
    CaCertificates,
}

/// One operating-system step.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Os {
    /// Look a host name up in DNS.
    LookUp { host: Word },
    /// Show the DNS servers this machine asks.
    ShowResolvers,
    /// Show the clock in UTC.
    ShowClock,
    /// Add a root certificate (a file) to the system's trusted roots.
    TrustCa { file: Word },
    /// Add a root certificate (a file) to the macOS system keychain's trusted roots.
    TrustCaMacos { file: Word },
    /// Point Go (and OpenSSL-based tools) at a CA bundle file for this session: Linux only
    /// (Go on Windows and macOS reads the system's store).
    UseCaBundle { file: Word },
    /// Install a package.
    Install { package: Package },
    /// Give the module cache back to the current user.
    OwnModuleCache,
    /// Show the free space of the disks.
    ShowDiskSpace,
    /// Use a fresh GOPATH under the temporary directory for this session.
    TempGopath,
    /// Remove the lines of `module` at `version` from go.sum.
    RemoveSumLines { module: Word, version: Word },
    /// Remove the lines of go.mod that hold `module version` (a requirement no go command can
    /// read go.mod past).
    RemoveRequire { module: Word, version: Word },
    /// List the `.go` files that import `path` (or a package below it).
    FindImports { path: Word },
    /// Fetch `https://<path>?go-get=1` and show its `go-import` tags.
    FetchGoImport { path: Word },
    /// Replace the keyword `from` with `to` where it starts a line of go.mod.
    RenameGoModKeyword { from: Word, to: Word },
    /// Replace the `module` line of go.mod.
    SetGoModModule { path: Word },
    /// Rewrite the imports of `from` (and below) to `to` in every `.go` file.
    RewriteImports { from: Word, to: Word },
}

/// A go.mod keyword (lowercase letters), as the renderer writes it into a pattern.
fn keyword(text: &str) -> Option<Word> {
    (!text.is_empty() && text.len() <= 32 && text.bytes().all(|b| b.is_ascii_lowercase()))
        .then(|| Word::value(Kind::Lit, text))
        .flatten()
}

impl Os {
    /// Renaming the go.mod keyword `from` (read from the paste) to `to`, when both are keywords.
    pub fn rename_keyword(from: &str, to: &str) -> Option<Os> {
        Some(Os::RenameGoModKeyword {
            from: keyword(from)?,
            to: keyword(to)?,
        })
    }

    /// The words of the step, in order.
    pub fn words(&self) -> Vec<&Word> {
        match self {
            Os::LookUp { host } => vec![host],
            Os::TrustCa { file } | Os::TrustCaMacos { file } | Os::UseCaBundle { file } => vec![file],
            Os::RemoveSumLines { module, version } | Os::RemoveRequire { module, version } => vec![module, version],
            Os::FindImports { path } | Os::FetchGoImport { path } | Os::SetGoModModule { path } => vec![path],
            Os::RenameGoModKeyword { from, to } | Os::RewriteImports { from, to } => vec![from, to],
            Os::ShowResolvers
            | Os::ShowClock
            | Os::Install { .. }
            | Os::OwnModuleCache
            | Os::ShowDiskSpace
            | Os::TempGopath => Vec::new(),
        }
    }
}
