//! The cause taxonomy (`../shared/TAXONOMY.md`), hops, severities and fix safety.

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
    Unclassified => "unclassified",
    Advice => "advice",
    NotAModuleProblem => "not_a_module_problem",
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

/// How sure a finding is of its cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Certainty {
    /// The go command's own words name it.
    #[default]
    Certain,
    /// An inference from the context (a public mirror's bare 404 for a module nobody declared
    /// private, a host that looks internal).
    Likely,
    /// The best reading of too little (the go command failed and no known cause fits).
    Guess,
}

impl Certainty {
    /// `certain`, `likely` or `guess`.
    pub fn code(self) -> &'static str {
        match self {
            Certainty::Certain => "certain",
            Certainty::Likely => "likely",
            Certainty::Guess => "guess",
        }
    }
}

/// Whether a fix can be applied without weakening security.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Safety {
    Safe,
    /// Weakens verification (for example `GOSUMDB=off`); never the first fix offered.
    Unsafe,
}

impl Safety {
    /// `safe` or `unsafe`.
    pub fn code(self) -> &'static str {
        match self {
            Safety::Safe => "safe",
            Safety::Unsafe => "unsafe",
        }
    }
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
        assert_eq!(
            Cause::ALL.len(),
            33,
            "30 taxonomy causes, unclassified, advice, and not a module problem"
        );
        assert_eq!(Cause::from_code("not_a_cause"), None);
    }
}
