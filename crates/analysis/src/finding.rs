//! The vocabulary of a diagnosis: causes, hops, severities, evidence and fixes.

use gmd_vocabulary::Message;
pub use gmd_vocabulary::{Cause, Hop, Safety, Severity, Text};

/// One input line that supports a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// 1-based line number in the analysed input.
    pub line: usize,
    /// The line as it was pasted, without its line ending.
    pub text: String,
}

/// The same change written for each shell a user may have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShellCommands {
    pub posix: String,
    pub powershell: String,
    pub cmd: String,
    /// The persistent `go env -w` form, where one applies. An OS environment variable of the same
    /// name overrides it; every renderer says so next to the command.
    pub go_env_w: Option<String>,
}

impl ShellCommands {
    /// Commands that set environment variable `key` to `value` in every shell, and with
    /// `go env -w` when `key` is a Go setting.
    pub fn set_env(key: &str, value: &str) -> ShellCommands {
        let plain = posix_quote(value) == value;
        // Double quotes around the whole assignment work in sh, PowerShell and cmd alike.
        let go_env = if plain || value.contains(['"', '$', '`', '%']) {
            format!("go env -w {key}={}", posix_quote(value))
        } else {
            format!("go env -w \"{key}={value}\"")
        };
        ShellCommands {
            posix: format!("export {key}={}", posix_quote(value)),
            powershell: format!(
                "$env:{key} = \"{}\"",
                value.replace('`', "``").replace('"', "`\"").replace('$', "`$")
            ),
            // `set "KEY=value"` keeps cmd from reading `|`, `&`, `<` and `>` as operators.
            cmd: if value.contains(['|', '&', '<', '>', '^']) {
                format!("set \"{key}={value}\"")
            } else {
                format!("set {key}={value}")
            },
            go_env_w: Some(go_env),
        }
    }

    /// Commands that remove environment variable `key` in every shell, and with `go env -u`
    /// when `key` is a Go setting.
    pub fn unset_env(key: &str) -> ShellCommands {
        ShellCommands {
            posix: format!("unset {key}"),
            powershell: format!("Remove-Item Env:{key} -ErrorAction SilentlyContinue"),
            // Quoted, so that `set "A=" & set "B="` does not set A to a space.
            cmd: format!("set \"{key}=\""),
            go_env_w: key.starts_with("GO").then(|| format!("go env -u {key}")),
        }
    }

    /// Shell-specific forms of one command.
    pub fn per_shell(posix: &str, powershell: &str, cmd: &str) -> ShellCommands {
        ShellCommands {
            posix: posix.to_owned(),
            powershell: powershell.to_owned(),
            cmd: cmd.to_owned(),
            go_env_w: None,
        }
    }

    /// The same command line in every shell (for `go` invocations that need no quoting changes).
    /// `a && b` stays for sh and cmd; Windows PowerShell 5.1, the one Windows ships, has no
    /// `&&`, so there it is `a; if ($?) { b }`.
    pub fn same(command: &str) -> ShellCommands {
        ShellCommands {
            posix: command.to_owned(),
            powershell: powershell_chain(command),
            cmd: command.to_owned(),
            go_env_w: None,
        }
    }
}

/// `a && b && c` as Windows PowerShell 5.1 runs it: `a; if ($?) { b; if ($?) { c } }`.
fn powershell_chain(command: &str) -> String {
    let parts: Vec<&str> = command.split(" && ").collect();
    let (last, rest) = parts.split_last().expect("split yields one part at least");
    rest.iter().rev().fold((*last).to_owned(), |inner, part| {
        format!("{part}; if ($?) {{ {inner} }}")
    })
}

/// Quotes a value for a POSIX shell only when it needs quoting.
fn posix_quote(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:,=@+%".contains(&b));
    if plain {
        value.to_owned()
    } else {
        format!("'{}'", value.replace('\'', "'\\''"))
    }
}

/// One way to resolve a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// An imperative sentence: what to do, in both languages.
    pub title: Text,
    pub commands: ShellCommands,
    pub safety: Safety,
}

impl Fix {
    /// A safe fix.
    pub fn safe(title: &dyn Message, commands: ShellCommands) -> Fix {
        Fix {
            title: Text::of(title),
            commands,
            safety: Safety::Safe,
        }
    }

    /// A fix that weakens verification; never offered first.
    pub fn risky(title: &dyn Message, commands: ShellCommands) -> Fix {
        Fix {
            title: Text::of(title),
            commands,
            safety: Safety::Unsafe,
        }
    }

    /// A safe fix that sets a Go setting in every shell and with `go env -w`.
    pub fn set(title: &dyn Message, key: &str, value: &str) -> Fix {
        Fix::safe(title, ShellCommands::set_env(key, value))
    }

    /// The same fix without the `go env -w` form (for variables the go command does not own).
    pub fn without_go_env(mut self) -> Fix {
        self.commands.go_env_w = None;
        self
    }

    /// A safe fix that runs one command (the same in every shell).
    pub fn run(title: &dyn Message, command: &str) -> Fix {
        Fix::safe(title, ShellCommands::same(command))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_run_in_windows_powershell_and_unsets_leave_nothing() {
        let chained = ShellCommands::same("go mod tidy && go mod vendor && go build");
        assert_eq!(chained.posix, "go mod tidy && go mod vendor && go build");
        assert_eq!(chained.cmd, "go mod tidy && go mod vendor && go build");
        assert_eq!(
            chained.powershell,
            "go mod tidy; if ($?) { go mod vendor; if ($?) { go build } }"
        );
        assert_eq!(ShellCommands::same("go mod tidy").powershell, "go mod tidy");
        let unset = ShellCommands::unset_env("HTTPS_PROXY");
        assert_eq!(unset.cmd, "set \"HTTPS_PROXY=\"");
        assert_eq!(
            format!("{} & {}", unset.cmd, ShellCommands::unset_env("HTTP_PROXY").cmd),
            "set \"HTTPS_PROXY=\" & set \"HTTP_PROXY=\""
        );
    }

    #[test]
    fn set_env_quotes_for_each_shell() {
        let plain = ShellCommands::set_env("GOPROXY", "https://goproxy.cn,direct");
        assert_eq!(plain.posix, "export GOPROXY=https://goproxy.cn,direct");
        assert_eq!(plain.powershell, "$env:GOPROXY = \"https://goproxy.cn,direct\"");
        assert_eq!(plain.cmd, "set GOPROXY=https://goproxy.cn,direct");
        assert_eq!(
            plain.go_env_w.as_deref(),
            Some("go env -w GOPROXY=https://goproxy.cn,direct")
        );

        let odd = ShellCommands::set_env("GOFLAGS", "-mod=mod -tags=a b'c");
        assert_eq!(odd.posix, "export GOFLAGS='-mod=mod -tags=a b'\\''c'");
        assert_eq!(odd.powershell, "$env:GOFLAGS = \"-mod=mod -tags=a b'c\"");
        assert_eq!(
            odd.go_env_w.as_deref(),
            Some("go env -w \"GOFLAGS=-mod=mod -tags=a b'c\"")
        );

        let piped = ShellCommands::set_env("GOPROXY", "https://goproxy.cn|direct");
        assert_eq!(piped.posix, "export GOPROXY='https://goproxy.cn|direct'");
        assert_eq!(piped.cmd, "set \"GOPROXY=https://goproxy.cn|direct\"");
        assert_eq!(
            piped.go_env_w.as_deref(),
            Some("go env -w \"GOPROXY=https://goproxy.cn|direct\"")
        );
    }
}
