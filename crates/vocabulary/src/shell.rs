//! The shells a fix is written for.

/// Which shell the fixes are shown for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Shell {
    /// bash, zsh, sh.
    #[default]
    Posix,
    /// PowerShell (5.1, the one Windows ships, and 7).
    PowerShell,
    /// Windows cmd.exe.
    Cmd,
}

impl Shell {
    pub const ALL: [Shell; 3] = [Shell::Posix, Shell::PowerShell, Shell::Cmd];

    /// `posix`, `powershell` or `cmd`: the code in reports.
    pub fn code(self) -> &'static str {
        match self {
            Shell::Posix => "posix",
            Shell::PowerShell => "powershell",
            Shell::Cmd => "cmd",
        }
    }

    pub fn from_code(code: &str) -> Option<Shell> {
        Shell::ALL.into_iter().find(|s| s.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::Shell;

    #[test]
    fn codes_round_trip() {
        for shell in Shell::ALL {
            assert_eq!(Shell::from_code(shell.code()), Some(shell));
        }
        assert_eq!(Shell::from_code("fish"), None);
    }
}
