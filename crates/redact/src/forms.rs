//! Secret forms beyond URLs and token prefixes: user info without a scheme, command-line flags,
//! HTTP headers however a tool prints them, JSON Web Tokens, PEM keys on one line, and values
//! whose variable name says they are secret.

use super::{Kind, Span, find, is_token_char};

/// Words that make a variable name secret (`CI_REGISTRY_PASSWORD`, `MY_APP_SECRET_KEY`); the short
/// ones only as a whole `_`-separated part of the name (`AZURE_DEVOPS_EXT_PAT`, not `GOPATH`).
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "apikey",
    "api_key",
    "access_key",
    "private_key",
    "accountkey",
    "credential",
    "credentials",
    "signature",
];
const SECRET_PARTS: &[&str] = &["pwd", "pat", "jwt", "sig", "auth", "key", "pass", "dsn"];

/// Whether a variable or field name names a secret.
pub(crate) fn secret_name(name: &str) -> bool {
    let lower = name
        .trim_matches(|c| c == '"' || c == '\'' || c == '-' || c == '_')
        .to_ascii_lowercase();
    if lower.is_empty() || lower.starts_with("go") && !lower.contains('_') {
        // The go command's own settings (GOAUTH has its own reader).
        return false;
    }
    SECRET_WORDS.iter().any(|w| lower.contains(w))
        || lower.split(['_', '-', '.']).any(|part| SECRET_PARTS.contains(&part))
}

/// `NAME=value`, `NAME: value`, `"NAME": "value"`, `$env:NAME = "value"`, `set NAME=value`,
/// `--name=value` where NAME names a secret: the value.
pub(crate) fn named_values(line: &str, spans: &mut Vec<Span>) {
    if !line.as_bytes().iter().any(|b| matches!(b, b':' | b'=')) {
        return;
    }
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A name: letters, digits, `_`, `-`, `.`; then optional quote and spaces; then `=` or `:`.
        if !(bytes[i].is_ascii_alphabetic() || bytes[i] == b'_') || i > 0 && is_name_char(bytes[i - 1]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_name_char(bytes[i]) {
            i += 1;
        }
        let name = &line[start..i];
        let mut at = i;
        while at < bytes.len() && matches!(bytes[at], b'"' | b'\'' | b' ' | b'\t') {
            at += 1;
        }
        if at >= bytes.len() || !matches!(bytes[at], b'=' | b':') || !secret_name(name) {
            continue;
        }
        // `key: value` in prose ("error: token expired") is not an assignment: the separator
        // must follow the name directly or after its closing quote.
        if bytes[at] == b':' && at > i && !matches!(bytes[i], b'"' | b'\'') {
            continue;
        }
        at += 1;
        while at < bytes.len() && matches!(bytes[at], b' ' | b'\t' | b'"' | b'\'') {
            at += 1;
        }
        let end = value_end(bytes, at);
        let value = &line[at..end];
        let reference = value.starts_with('$') || value.starts_with('%') || value.starts_with('<');
        if value.len() >= 4 && !reference && !matches!(value, "true" | "false" | "null" | "none" | "off") {
            spans.push(Span {
                start: at,
                end,
                kind: Kind::Token,
            });
        }
        i = end.max(i);
    }
}

/// Where a value that starts at `at` ends: at a blank, a quote or a separator; punctuation that
/// ends its sentence stays outside (the go command's `URL: error` after `?token=…`, a closing
/// bracket, a full stop).
pub(crate) fn value_end(bytes: &[u8], at: usize) -> usize {
    let mut end = at
        + bytes[at..]
            .iter()
            .take_while(|b| !matches!(b, b' ' | b'\t' | b'"' | b'\'' | b'&' | b',' | b';' | b'<' | b'>' | b'}'))
            .count();
    while end > at && matches!(bytes[end - 1], b':' | b')' | b']' | b'.') {
        end -= 1;
    }
    end
}

fn is_name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

/// `user:secret@host` without a scheme (`HTTPS_PROXY=alice:pw@proxy:3128`, which Go accepts).
pub(crate) fn bare_userinfo(line: &str, spans: &mut Vec<Span>) {
    if !line.as_bytes().contains(&b'@') {
        return;
    }
    for (word_start, word) in words(line) {
        let word_body = word.rsplit_once('=').map_or(word, |(_, v)| v);
        let offset = word_start + (word.len() - word_body.len());
        if find(word_body, "://").is_some() {
            continue;
        }
        let Some(at) = word_body.rfind('@') else { continue };
        let Some(colon) = word_body[..at].find(':') else {
            continue;
        };
        let user = &word_body[..colon];
        let host = word_body[at + 1..].split([':', '/']).next().unwrap_or_default();
        let user_ok = !user.is_empty() && user.bytes().all(|b| is_token_char(b) || b == b'.' || b == b'%');
        let host_ok = host.contains('.')
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'));
        if user_ok && host_ok && at > colon + 1 {
            spans.push(Span {
                start: offset,
                end: offset + at,
                kind: Kind::UrlCredentials,
            });
        }
    }
}

/// Whitespace-separated words with their byte offsets (quotes trimmed).
fn words(line: &str) -> impl Iterator<Item = (usize, &str)> {
    line.split([' ', '\t']).filter(|w| !w.is_empty()).map(move |w| {
        let trimmed = w.trim_matches(|c| c == '"' || c == '\'');
        let offset = w.as_ptr() as usize - line.as_ptr() as usize + w.find(trimmed).unwrap_or(0);
        (offset, trimmed)
    })
}

/// `curl -u user:pass`, `--user user:pass`, `docker login -p pass`, `sshpass -p pass`,
/// `--password[=]pass`, `--token[=]pass`.
pub(crate) fn cli_flags(line: &str, spans: &mut Vec<Span>) {
    if find(line, " -").is_none() {
        return;
    }
    let all: Vec<(usize, &str)> = words(line).collect();
    let takes_p = all.iter().any(|(_, w)| matches!(*w, "login" | "sshpass" | "mysql"));
    for pair in all.windows(2) {
        let ((_, flag), (start, value)) = (pair[0], pair[1]);
        let secret = match flag {
            "-u" | "--user" => value.find(':').map(|c| (start + c + 1, start + value.len())),
            "-p" if takes_p => Some((start, start + value.len())),
            "--password" | "--token" | "--pass" => Some((start, start + value.len())),
            _ => None,
        };
        if let Some((s, e)) = secret.filter(|(s, e)| e > s) {
            spans.push(Span {
                start: s,
                end: e,
                kind: Kind::Password,
            });
        }
    }
    for (start, word) in &all {
        for flag in ["--password=", "--token=", "--pass="] {
            if let Some(value) = word.strip_prefix(flag).filter(|v| !v.is_empty()) {
                let s = start + flag.len();
                spans.push(Span {
                    start: s,
                    end: s + value.len(),
                    kind: Kind::Password,
                });
            }
        }
    }
}

/// HTTP headers however they are printed: `Name: value`, `"name" = "value"` (Go's
/// `GODEBUG=http2debug=2`), `-H "Name: value"`; for cookies every value after the name.
pub(crate) fn headers(line: &str, spans: &mut Vec<Span>) {
    if !line.as_bytes().iter().any(|b| matches!(b, b':' | b'=')) {
        return;
    }
    const NAMES: &[&str] = &[
        "authorization",
        "proxy-authorization",
        "private-token",
        "x-api-key",
        "x-jfrog-art-api",
        "x-amz-security-token",
        "x-auth-token",
        "x-goog-api-key",
        "set-cookie",
        "cookie",
    ];
    let lower = line.to_ascii_lowercase();
    for name in NAMES {
        let mut from = 0;
        while let Some(found) = find(&lower[from..], name) {
            let i = from + found;
            from = i + 1;
            let bytes = lower.as_bytes();
            if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'-') {
                continue;
            }
            let mut at = i + name.len();
            while at < bytes.len() && matches!(bytes[at], b'"' | b' ') {
                at += 1;
            }
            if at >= bytes.len() || !matches!(bytes[at], b':' | b'=') {
                continue;
            }
            at += 1;
            while at < bytes.len() && matches!(bytes[at], b'"' | b' ') {
                at += 1;
            }
            for scheme in ["bearer ", "basic ", "token ", "negotiate "] {
                if lower[at..].starts_with(scheme) {
                    at += scheme.len();
                }
            }
            let cookie = name.ends_with("cookie");
            let end = at
                + line[at..]
                    .bytes()
                    .take_while(|b| !matches!(b, b'"' | b'\'') && (cookie || !matches!(b, b' ' | b'\t')))
                    .count();
            if end > at {
                spans.push(Span {
                    start: at,
                    end,
                    kind: Kind::Authorization,
                });
            }
        }
    }
}

/// JSON Web Tokens: `eyJ…` header, payload and signature.
pub(crate) fn jwts(line: &str, spans: &mut Vec<Span>) {
    let bytes = line.as_bytes();
    let mut from = 0;
    while let Some(i) = find(&line[from..], "eyJ") {
        let start = from + i;
        from = start + 3;
        if start > 0 && is_token_char(bytes[start - 1]) {
            continue;
        }
        let end = start
            + bytes[start..]
                .iter()
                .take_while(|b| is_token_char(**b) || **b == b'.')
                .count();
        if line[start..end].matches('.').count() >= 2 && end - start >= 30 {
            spans.push(Span {
                start,
                end,
                kind: Kind::Token,
            });
            from = end;
        }
    }
}

/// A PEM private key written on one line (`\n` escapes in JSON or an environment variable):
/// everything from its BEGIN line to its END line.
pub(crate) fn inline_pem(line: &str, spans: &mut Vec<Span>) {
    let mut from = 0;
    while let Some(i) = find(&line[from..], "-----BEGIN ") {
        let begin = from + i;
        let Some(header_end) = find(&line[begin + 11..], "-----").map(|e| begin + 11 + e + 5) else {
            return;
        };
        if find(&line[begin..header_end], "PRIVATE KEY").is_none() {
            from = header_end;
            continue;
        }
        let end = find(&line[header_end..], "-----END ").map_or(line.len(), |e| header_end + e);
        spans.push(Span {
            start: header_end,
            end,
            kind: Kind::PrivateKey,
        });
        from = end.max(header_end);
    }
}
