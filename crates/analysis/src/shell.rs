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
            .any(|k| is_drive_path(env.value_or_empty(k)))
        || input.lines().any(windows_output);
    // Windows' own terminal opens PowerShell.
    if windows { Shell::PowerShell } else { Shell::Posix }
}

/// What only Windows prints: its socket calls (`connectex`, `wsarecv`, `wsasend`), `go.exe`,
/// a drive path (`C:\Users\…`) in a message.
fn windows_output(line: &str) -> bool {
    if ["connectex:", "wsarecv:", "wsasend:", "go.exe"]
        .iter()
        .any(|w| line.contains(w))
    {
        return true;
    }
    line.match_indices(":\\").any(|(i, _)| {
        let b = line.as_bytes();
        i >= 1
            && b[i - 1].is_ascii_alphabetic()
            && (i == 1 || matches!(b[i - 2], b' ' | b'"' | b'\'' | b'(' | b'\t' | b'='))
    })
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
        // Windows output without a prompt: its socket calls, a drive path, go.exe.
        check(
            "go: C:\\Users\\u\\go\\pkg\\mod\\x: permission denied\n",
            Shell::PowerShell,
        );
        check(
            "go: x@v1: Get \"https://proxy.golang.org/x/@v/v1.mod\": dial tcp 1.2.3.4:443: connectex: A connection attempt failed\n",
            Shell::PowerShell,
        );
        check(
            "exec: \"go.exe\": executable file not found in %PATH%\n",
            Shell::PowerShell,
        );
        check(
            "go: x@v1: reading https://goproxy.cn/x/@v/v1.mod: 404 Not Found\n",
            Shell::Posix,
        );
    }
}
