//! Secrets known by their shape where no name says so: a token in a proxy URL's base path (a
//! Cloudsmith entitlement, `/t/<token>/`), a Slack webhook's path, and the body of a private key
//! pasted without its armour lines (a PEM or OpenSSH body, a PuTTY key's private lines).

use super::{Kind, Span, find};

/// Whether a path segment looks like a credential rather than a name: long, of a token's
/// alphabet, letters and digits mixed (in both cases, or very long), and not a hex digest (a
/// commit or a checksum, which a diagnosis needs and which are no secret).
fn high_entropy(segment: &str) -> bool {
    let b = segment.as_bytes();
    let alphabet = b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_'));
    let digit = b.iter().any(u8::is_ascii_digit);
    let upper = b.iter().any(u8::is_ascii_uppercase);
    let lower = b.iter().any(u8::is_ascii_lowercase);
    let hex = b.iter().all(u8::is_ascii_hexdigit);
    b.len() >= 20 && alphabet && digit && (upper || lower) && !hex && (upper && lower || b.len() >= 32)
}

/// Tokens in a URL's base path: the segments between its host and the module path it asks for
/// (which starts at the first segment holding a dot, or `@v`), as proxies that authenticate by
/// path write them (`https://dl.cloudsmith.io/<entitlement>/org/repo/go/…`). And a Slack
/// webhook's path, which is its secret.
pub(crate) fn proxy_base_paths(line: &str, spans: &mut Vec<Span>) {
    let mut from = 0;
    while let Some(i) = find(&line[from..], "://") {
        let start = from + i + 3;
        from = start;
        let end = line[start..]
            .find([' ', '\t', '"', '\'', ',', '|', '<', '>', '?', '#'])
            .map_or(line.len(), |e| start + e);
        let url = &line[start..end];
        let Some(slash) = url.find('/') else { continue };
        let host = &url[..slash];
        if host.ends_with("hooks.slack.com") && url[slash..].starts_with("/services/") {
            let path = start + slash + "/services/".len();
            spans.push(Span {
                start: path,
                end,
                kind: Kind::Token,
            });
            continue;
        }
        let mut at = start + slash + 1;
        for segment in url[slash + 1..].split('/') {
            if segment.contains('.') || segment.starts_with('@') {
                break;
            }
            if high_entropy(segment) {
                spans.push(Span {
                    start: at,
                    end: at + segment.len(),
                    kind: Kind::Token,
                });
            }
            at += segment.len() + 1;
        }
    }
}

/// A line that is nothing but base64, 60 characters or more (the width of a PEM or OpenSSH
/// body line, a PuTTY key's private lines), or that starts an OpenSSH key (`b3BlbnNzaC1rZXktdjE`
/// is `openssh-key-v1`): key material whose armour was not pasted. (Its shorter last line is
/// masked as the continuation of this one.)
pub(crate) fn key_body(line: &str, spans: &mut Vec<Span>) {
    let body = line.trim();
    let start = line.len() - line.trim_start().len();
    let base64 = !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
    let mixed = body.bytes().any(|b| b.is_ascii_digit())
        && body.bytes().any(|b| b.is_ascii_uppercase())
        && body.bytes().any(|b| b.is_ascii_lowercase());
    if base64 && (body.len() >= 60 && mixed || body.starts_with("b3BlbnNzaC1rZXktdjE")) {
        spans.push(Span {
            start,
            end: start + body.len(),
            kind: Kind::PrivateKey,
        });
    }
}
