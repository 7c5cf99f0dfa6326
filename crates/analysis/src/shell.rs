//! The shell the user most likely types in, read from the paste: a prompt says it outright
//! (`PS C:\src>`, `C:\src>`), settings typed for a shell say it next (`$env:GOPROXY = …`), and
//! what only Windows prints comes last (`set GOPROXY=` from `go env`, `GOHOSTOS=windows`, drive
//! paths). The page shows that shell's fixes first; the user can still switch.

use gmd_goenv::{Format, GoEnv};
use gmd_vocabulary::Shell;

/// The shell for this paste; POSIX when nothing points elsewhere.
pub fn detect(input: &str, env: &GoEnv) -> Shell {
    for line in input.lines() {
        let line = line.trim_start_matches(['>', ' ']);
        if let Some(rest) = line.strip_prefix("PS ")
            && is_drive_path(rest)
            && rest.contains('>')
        {
            return Shell::PowerShell;
        }
        if is_drive_path(line) && line.split_once('>').is_some_and(|(path, _)| !path.contains(": ")) {
            return Shell::Cmd;
        }
    }
    if env.vars.iter().any(|v| v.format == Format::PowerShell) {
        return Shell::PowerShell;
    }
    if env.vars.iter().any(|v| v.format == Format::WindowsCmd) {
        return Shell::Cmd;
    }
    let windows = ["GOHOSTOS", "GOOS"].iter().any(|k| env.value_or_empty(k) == "windows")
        || ["GOPATH", "GOROOT", "GOMODCACHE", "GOCACHE"]
            .iter()
            .any(|k| is_drive_path(env.value_or_empty(k)));
    if windows { Shell::PowerShell } else { Shell::Posix }
}

/// `C:\…` or `C:/…`.
fn is_drive_path(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() > 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'\\' | b'/')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Shell) {
        assert_eq!(detect(input, &GoEnv::parse(input)), expected, "input:\n{input}");
    }

    #[test]
    fn the_paste_says_which_shell() {
        check("PS C:\\src\\app> go mod tidy\ngo: error\n", Shell::PowerShell);
        check("C:\\src\\app>go mod tidy\ngo: error\n", Shell::Cmd);
        check("$env:GOPROXY = \"https://goproxy.cn,direct\"\n", Shell::PowerShell);
        check(
            "set GOPROXY=https://goproxy.cn,direct\nset GOHOSTOS=windows\n",
            Shell::Cmd,
        );
        check(
            "{\n\t\"GOHOSTOS\": \"windows\",\n\t\"GOPROXY\": \"off\"\n}\n",
            Shell::PowerShell,
        );
        check("GOPATH='/home/u/go'\n$ go mod tidy\n", Shell::Posix);
        check("go: C:\\Users\\u\\go\\pkg\\mod\\x: permission denied\n", Shell::Posix);
    }
}
