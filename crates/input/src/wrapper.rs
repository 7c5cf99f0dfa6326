//! What a paste's lines are wrapped in on their way from a terminal to a forum: markdown `>`
//! quotes, ANSI colours, CI timestamps (GitHub Actions, GitLab, `log` package dates), Docker
//! BuildKit's `#N 12.34` step prefixes and plain `12.34` progress, Compose's `service  | `.
//! [`unwrap`] removes them and returns the line the tool printed, as a slice of the input (so
//! evidence still quotes what the user pasted). Indentation after a wrapper is kept: it is part
//! of the go command's output (git's stderr, `server response:` blocks).

/// The line without its paste wrappers.
pub fn unwrap(line: &str) -> &str {
    let mut text = line;
    // The bytes some wrappers need (a part of the line holds no byte the line does not).
    let (mut escape, mut colon, mut bar) = (false, false, false);
    for &b in line.as_bytes() {
        escape |= b == 0x1b;
        colon |= b == b':';
        bar |= b == b'|';
    }
    // Each wrapper may sit inside another (a quoted CI log, a coloured BuildKit line).
    for _ in 0..6 {
        let before = text.len();
        if escape {
            text = strip_ansi_ends(text);
        }
        text = strip_quote(text);
        if colon {
            text = strip_timestamp(text);
        }
        text = strip_build_seconds(text);
        text = strip_buildkit(text);
        if bar {
            text = strip_compose(text);
        }
        text = strip_prompt(text);
        if colon {
            text = strip_embedding(text);
        }
        if text.len() == before {
            break;
        }
    }
    text
}

/// ANSI escape sequences (`ESC [ … letter`) at the start and the end of a line.
fn strip_ansi_ends(mut text: &str) -> &str {
    while let Some(rest) = text.strip_prefix("\u{1b}[") {
        match rest.find(|c: char| c.is_ascii_alphabetic()) {
            Some(end) if rest[..end].bytes().all(|b| b.is_ascii_digit() || b == b';') => text = &rest[end + 1..],
            _ => break,
        }
    }
    while let Some(start) = text.rfind("\u{1b}[") {
        let tail = &text[start + 2..];
        let well_formed = tail
            .strip_suffix(|c: char| c.is_ascii_alphabetic())
            .is_some_and(|params| params.bytes().all(|b| b.is_ascii_digit() || b == b';'));
        if !well_formed {
            break;
        }
        text = &text[..start];
    }
    text
}

/// A tool that runs the go command and prints its output inside a line of its own: goreleaser's
/// `⨯ release failed … error=hook failed: go mod tidy: exit status 1; output: go: …`, task
/// runners' `stderr: go: …`. What follows the label is the go command's line.
fn strip_embedding(text: &str) -> &str {
    // Every colon is a place to look (a byte search, no substring searcher per line).
    for (i, _) in text.match_indices(':') {
        let (before, after) = (&text[..i], &text[i + 1..]);
        let labelled = before.ends_with("output") || before.ends_with("stderr");
        let rest = after.strip_prefix(' ').unwrap_or(after);
        if labelled && (rest.starts_with("go: ") || rest.starts_with("go get: ") || rest.starts_with("go mod ")) {
            return rest;
        }
    }
    text
}

/// A markdown quote: `> text` or a lone `>`.
fn strip_quote(text: &str) -> &str {
    if text == ">" {
        return "";
    }
    text.strip_prefix("> ").unwrap_or(text)
}

/// openSUSE's build service: `[   24s] `.
fn strip_build_seconds(text: &str) -> &str {
    let Some(inner) = text.strip_prefix('[') else {
        return text;
    };
    let Some((time, rest)) = inner.split_once("s] ") else {
        return text;
    };
    let time = time.trim_start();
    if !time.is_empty() && time.bytes().all(|b| b.is_ascii_digit()) {
        rest
    } else {
        text
    }
}

/// `2024-05-09T00:09:54.1234567Z `, `2024-05-09 00:09:54 `, `2025/05/09 00:09:54 `, in
/// brackets or not.
fn strip_timestamp(text: &str) -> &str {
    let (inner, bracketed) = match text.strip_prefix('[') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let bytes = inner.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes.get(range).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let date = digits(0..4)
        && matches!(bytes.get(4), Some(b'-' | b'/'))
        && digits(5..7)
        && bytes.get(7) == bytes.get(4)
        && digits(8..10)
        && matches!(bytes.get(10), Some(b'T' | b' '))
        && digits(11..13)
        && bytes.get(13) == Some(&b':')
        && digits(14..16);
    if !date {
        return text;
    }
    let end = inner[11..].find(if bracketed { ']' } else { ' ' }).map(|i| i + 11 + 1);
    match end {
        Some(end) => inner[end..].strip_prefix(' ').unwrap_or(&inner[end..]),
        None => text,
    }
}

/// BuildKit's `#12 34.96 ` (and `#12 ` alone) and plain progress output's `34.96 `.
fn strip_buildkit(text: &str) -> &str {
    let mut rest = text;
    if let Some(after) = rest.strip_prefix('#') {
        let n = after.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 || after.as_bytes().get(n) != Some(&b' ') {
            return text;
        }
        rest = &after[n + 1..];
    }
    let int = rest.bytes().take_while(u8::is_ascii_digit).count();
    let frac = rest[int..]
        .strip_prefix('.')
        .map_or(0, |f| f.bytes().take_while(u8::is_ascii_digit).count());
    if int > 0 && frac > 0 && rest.as_bytes().get(int + 1 + frac) == Some(&b' ') {
        return &rest[int + 1 + frac + 1..];
    }
    if rest.len() < text.len() { rest } else { text }
}

/// A shell prompt before a command: `$ `, `% `, `❯ `, `➜  dir git:(main) ✗ `, `user@host:~/dir$ `,
/// `[user@host dir]# `, `PS C:\dir> `, `C:\dir>`. A lone `# ` is not one (`-x` traces and build
/// headers start so).
fn strip_prompt(text: &str) -> &str {
    for sign in ["$ ", "% ", "❯ "] {
        if let Some(rest) = text.strip_prefix(sign) {
            return rest;
        }
    }
    if let Some(rest) = text.strip_prefix("➜ ") {
        // oh-my-zsh: `➜  dir git:(branch) ✗ command`.
        let rest = rest.trim_start();
        let mut words = rest.splitn(2, ' ');
        let _dir = words.next();
        let mut after = words.next().unwrap_or_default().trim_start();
        if after.starts_with("git:(") {
            after = after.split_once(") ").map_or("", |x| x.1).trim_start();
            after = after.strip_prefix("✗ ").unwrap_or(after).trim_start();
        }
        return after;
    }
    if let Some(rest) = text.strip_prefix("PS ")
        && let Some((_, command)) = rest.split_once("> ")
        && rest.as_bytes().get(1) == Some(&b':')
    {
        return command;
    }
    let bytes = text.as_bytes();
    if bytes.len() > 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'\\' {
        if let Some(end) = text.find('>') {
            let path = &text[..end];
            if !path.contains(' ') || path.contains("\\") && !path.contains(": ") {
                return text[end + 1..].trim_start();
            }
        }
        return text;
    }
    // `user@host:path$ ` and `[user@host path]# `.
    let first = text.split(' ').next().unwrap_or_default();
    let bracketed = first.starts_with('[') && first.contains('@');
    let word_end = if bracketed {
        text.find("]").map(|i| i + 1)
    } else {
        Some(first.len())
    };
    if let Some(end) = word_end {
        let prompt = &text[..end];
        let after = &text[end..];
        let user_host = prompt.contains('@') && !prompt.contains("://") && !prompt.contains('"');
        let sign = after.strip_prefix("$ ").or_else(|| after.strip_prefix("# "));
        if user_host
            && bracketed
            && let Some(command) = sign
        {
            return command;
        }
        if user_host && !bracketed && (prompt.ends_with('$') || prompt.ends_with('#')) && prompt.contains(':') {
            return after.trim_start();
        }
    }
    text
}

/// Docker Compose's `service_1  | `.
fn strip_compose(text: &str) -> &str {
    let Some((name, rest)) = text.split_once(" | ").or_else(|| text.split_once("  |")) else {
        return text;
    };
    let name = name.trim_end();
    let is_name = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    if is_name && text[name.len()..].starts_with("  ") {
        rest.strip_prefix(' ').unwrap_or(rest)
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::unwrap;

    fn check(wrapped: &str, expected: &str) {
        assert_eq!(unwrap(wrapped), expected, "unwrapping {wrapped:?}");
    }

    #[test]
    fn wrappers_come_off_and_the_go_commands_text_stays() {
        let cases = [
            ("> go: downloading x v1", "go: downloading x v1"),
            (">         server response: gone", "        server response: gone"),
            (">", ""),
            ("\u{1b}[31mgo: error\u{1b}[0m", "go: error"),
            ("2024-05-09T00:09:54.1234567Z go: error", "go: error"),
            ("[2024-05-09 00:09:54] go: error", "go: error"),
            ("2025/05/09 00:09:54 [INFO] exec", "[INFO] exec"),
            ("#12 34.96 go: malformed", "go: malformed"),
            ("[   24s] go: errors parsing go.mod:", "go: errors parsing go.mod:"),
            ("34.96 go: malformed", "go: malformed"),
            ("#8 ERROR: process", "ERROR: process"),
            ("api_1  | go: error", "go: error"),
            ("> 34.96 \u{1b}[1mgo: error", "go: error"),
            ("$ go mod tidy", "go mod tidy"),
            ("[root@k8s-m1 go]# export GOPROXY=x", "export GOPROXY=x"),
            ("root@4585f68dac1d:~# export GOPROXY=x", "export GOPROXY=x"),
            ("edward@Edward-PC:~/hdrive/goProjects/reborn$ go get a", "go get a"),
            ("[user@localhost trash]$ go run .", "go run ."),
            ("PS C:\\Users\\me> go env", "go env"),
            ("C:\\Users\\me>go env", "go env"),
            ("➜  _example git:(master) docker-compose up", "docker-compose up"),
            ("➜  cnosdb git:(main) ✗ go mod tidy", "go mod tidy"),
            (
                "   ⨯ release failed after 5.23s error=hook failed: go mod tidy: exit status 1; output: go: a@v1: reading x",
                "go: a@v1: reading x",
            ),
            // What must stay.
            (
                "# get https://golang.org/x/net?go-get=1",
                "# get https://golang.org/x/net?go-get=1",
            ),
            (
                "go: github.com/a/b@v1.0.0: reading x",
                "go: github.com/a/b@v1.0.0: reading x",
            ),
            (
                "git@github.com: Permission denied (publickey).",
                "git@github.com: Permission denied (publickey).",
            ),
            ("\tfatal: could not read Username", "\tfatal: could not read Username"),
            ("go: module a | b", "go: module a | b"),
            ("1.2.3 is a version", "1.2.3 is a version"),
            ("#comment", "#comment"),
            ("> not-a-quote", "not-a-quote"),
        ];
        for (wrapped, expected) in cases {
            check(wrapped, expected);
        }
    }
}
