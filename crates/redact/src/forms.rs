//! Secret forms beyond assignments, URLs and token prefixes: user info without a scheme (and a
//! Go DSN's `user:password@tcp(…)`), HTTP headers however a tool prints them, JSON Web Tokens,
//! PEM keys on one line.

use super::{Kind, Span, find, is_token_char};

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
        // A host, or the network of a Go DSN (`root:pw@tcp(127.0.0.1:3306)/app`).
        let dsn = ["tcp(", "udp(", "unix("]
            .iter()
            .any(|n| word_body[at + 1..].starts_with(n));
        let host_ok = dsn
            || host.contains('.')
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
    let bytes = lower.as_bytes();
    for name in NAMES {
        let mut from = 0;
        while let Some(found) = find(&lower[from..], name) {
            let i = from + found;
            from = i + 1;
            if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'-') {
                continue;
            }
            let after = i + name.len();
            if bytes
                .get(after)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-')
            {
                continue;
            }
            // What joins the name to its value in each printing: `: `, `=`, `" = "`, Go's
            // `map[Name:[value]]` and `http.Header{"Name":[]string{"value"}}`, JSON's
            // `"Name":["value"]`, PowerShell's `@{ Name = "value" }`.
            let mut at = after;
            let mut joined = false;
            // What closes the value: a quote or bracket opened after the join.
            let mut closer = None;
            while at < bytes.len() {
                match bytes[at] {
                    b':' | b'=' => joined = true,
                    quote @ (b'"' | b'\'') if joined => closer = Some(quote),
                    b'[' if joined => closer = Some(b']'),
                    b'{' if joined => closer = Some(b'}'),
                    b'"' | b'\'' | b' ' | b'\t' | b']' => {}
                    _ if lower[at..].starts_with("string{") => at += "string".len(),
                    _ => break,
                }
                at += 1;
            }
            // Or a quote around the whole header (`-H "Authorization: Bearer …"`).
            let closer = closer.or_else(|| {
                [b'"', b'\'']
                    .into_iter()
                    .find(|q| bytes[..i].iter().filter(|b| *b == q).count() % 2 == 1)
            });
            if !joined || at >= bytes.len() {
                continue;
            }
            let cookie = name.ends_with("cookie");
            let authorization = name.ends_with("authorization");
            // The scheme (`Bearer`, `Basic`, `token`, `NTLM`, `OAuth`, `Digest`, …) stays: the
            // credential follows it after a blank.
            let scheme_len = bytes[at..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
                .count();
            if authorization
                && scheme_len > 0
                && scheme_len < 24
                && bytes.get(at + scheme_len).is_some_and(|b| matches!(b, b' ' | b'\t'))
            {
                at += scheme_len;
                while at < bytes.len() && matches!(bytes[at], b' ' | b'\t') {
                    at += 1;
                }
            }
            // A credential runs to what closes it; unclosed, an Authorization value (Digest's
            // parameters) and a cookie (its pairs) run to the line's end, others to a blank.
            let whole = cookie || authorization;
            let end = at
                + line[at..]
                    .bytes()
                    .take_while(|b| match closer {
                        Some(c) => *b != c,
                        None => whole || !matches!(b, b' ' | b'\t'),
                    })
                    .count();
            // (Unclosed, what closes the printing around it stays: `map[Cookie:[…]]`.)
            let value = &line[at..end];
            let value = match closer {
                Some(_) => value.trim_end(),
                None => value.trim_end().trim_end_matches([']', '}', ')', ',', ';']),
            };
            let end = at + value.len();
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
