//! The vocabulary of a diagnosis: causes, hops, severities, evidence and fixes.

/// Declares [`Cause`] with its taxonomy code (`../shared/TAXONOMY.md`) for every variant.
macro_rules! causes {
    ($($variant:ident => $code:literal,)*) => {
        /// The root cause a finding names: exactly one code of the cause taxonomy, or `advice`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Cause {
            $($variant,)*
        }

        impl Cause {
            /// Every cause, in taxonomy order.
            pub const ALL: &'static [Cause] = &[$(Cause::$variant,)*];

            /// The stable snake_case code used in reports, JSON and tests.
            pub fn code(self) -> &'static str {
                match self {
                    $(Cause::$variant => $code,)*
                }
            }

            /// The cause with this code, if it is one.
            pub fn from_code(code: &str) -> Option<Cause> {
                match code {
                    $($code => Some(Cause::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

causes! {
    ProxyUnreachable => "proxy_unreachable",
    ProxyServerError => "proxy_server_error",
    VcsHostUnreachable => "vcs_host_unreachable",
    DnsFailure => "dns_failure",
    TlsUntrustedCa => "tls_untrusted_ca",
    TlsHandshakeFailure => "tls_handshake_failure",
    HttpProxyMisconfigured => "http_proxy_misconfigured",
    PrivateModuleViaPublicProxy => "private_module_via_public_proxy",
    PrivateModuleSumdbLookup => "private_module_sumdb_lookup",
    GitAuthRequired => "git_auth_required",
    VcsToolMissing => "vcs_tool_missing",
    GoImportMetaFailure => "go_import_meta_failure",
    ModuleNotFound => "module_not_found",
    UnknownRevision => "unknown_revision",
    InvalidVersion => "invalid_version",
    ModulePathMismatch => "module_path_mismatch",
    ChecksumMismatch => "checksum_mismatch",
    SumdbUnreachable => "sumdb_unreachable",
    MissingGoSumEntry => "missing_go_sum_entry",
    RetractedOrDeprecated => "retracted_or_deprecated",
    ReplaceDirectiveProblem => "replace_directive_problem",
    GoModSyntaxError => "go_mod_syntax_error",
    ModuleZipInvalid => "module_zip_invalid",
    ToolchainTooOld => "toolchain_too_old",
    ToolchainDownloadFailed => "toolchain_download_failed",
    ProxyOff => "proxy_off",
    GoproxyEnvMalformed => "goproxy_env_malformed",
    VendorModeInconsistent => "vendor_mode_inconsistent",
    GopathMode => "gopath_mode",
    CacheCorruptOrLocked => "cache_corrupt_or_locked",
    Advice => "advice",
}

/// Where on the way from `go` to the module's bytes the failure happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Hop {
    Dns,
    Tcp,
    Tls,
    HttpProxy,
    ModuleProxy,
    ChecksumDb,
    Vcs,
    LocalCache,
    Toolchain,
    Config,
}

impl Hop {
    /// The stable snake_case name of the hop.
    pub fn code(self) -> &'static str {
        match self {
            Hop::Dns => "dns",
            Hop::Tcp => "tcp",
            Hop::Tls => "tls",
            Hop::HttpProxy => "http_proxy",
            Hop::ModuleProxy => "module_proxy",
            Hop::ChecksumDb => "checksum_db",
            Hop::Vcs => "vcs",
            Hop::LocalCache => "local_cache",
            Hop::Toolchain => "toolchain",
            Hop::Config => "config",
        }
    }
}

/// How bad a finding is. The order is the display order: errors first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn code(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One input line that supports a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// 1-based line number in the analysed input.
    pub line: usize,
    /// The line as it was pasted, without its line ending.
    pub text: String,
}

/// Whether a fix can be applied without weakening security.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Safety {
    Safe,
    /// Weakens verification (for example `GOSUMDB=off`); never the first fix offered.
    Unsafe,
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
            powershell: format!("Remove-Item Env:{key}"),
            cmd: format!("set {key}="),
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
    pub fn same(command: &str) -> ShellCommands {
        ShellCommands {
            posix: command.to_owned(),
            powershell: command.to_owned(),
            cmd: command.to_owned(),
            go_env_w: None,
        }
    }
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
    /// An imperative sentence: what to do.
    pub title: String,
    pub commands: ShellCommands,
    pub safety: Safety,
}

impl Fix {
    /// A safe fix.
    pub fn safe(title: impl Into<String>, commands: ShellCommands) -> Fix {
        Fix {
            title: title.into(),
            commands,
            safety: Safety::Safe,
        }
    }

    /// A fix that weakens verification; never offered first.
    pub fn risky(title: impl Into<String>, commands: ShellCommands) -> Fix {
        Fix {
            title: title.into(),
            commands,
            safety: Safety::Unsafe,
        }
    }

    /// A safe fix that sets a Go setting in every shell and with `go env -w`.
    pub fn set(title: impl Into<String>, key: &str, value: &str) -> Fix {
        Fix::safe(title, ShellCommands::set_env(key, value))
    }

    /// The same fix without the `go env -w` form (for variables the go command does not own).
    pub fn without_go_env(mut self) -> Fix {
        self.commands.go_env_w = None;
        self
    }

    /// A safe fix that runs one command (the same in every shell).
    pub fn run(title: impl Into<String>, command: &str) -> Fix {
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
    pub title: String,
    /// What is wrong for this input: lowercase, no final period.
    pub message: String,
    /// Why it breaks the build.
    pub explanation: &'static str,
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
    fn cause_codes_round_trip_and_are_unique() {
        for cause in Cause::ALL {
            assert_eq!(Cause::from_code(cause.code()), Some(*cause));
        }
        let mut codes: Vec<_> = Cause::ALL.iter().map(|c| c.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Cause::ALL.len());
        assert_eq!(Cause::ALL.len(), 31, "30 taxonomy causes plus advice");
        assert_eq!(Cause::from_code("not_a_cause"), None);
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
