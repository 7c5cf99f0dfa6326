//! Redaction: what a shared report must never contain.
//!
//! [`redact`] finds credentials in URLs (`https://user:token@host`), tokens (GitHub `ghp_`,
//! `gho_`, `github_pat_`…, GitLab `glpat-`, AWS access keys, `Authorization:` headers, `token=` /
//! `password=` / `secret=` values), `.netrc` passwords, GOAUTH commands, private-key blocks,
//! user names in home-directory paths (`/home/x`, `/Users/x`, `C:\Users\x`) and, when asked,
//! host names that are not public. Each distinct value gets one stable placeholder
//! (`<user>`, `<token-1>`, `<host-1>`), so the report still reads the same, and every
//! replacement is listed for the preview. The diagnosis of the redacted text names the same
//! causes as the original's.

mod forms;

/// What to redact beyond secrets and user names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Also mask host names that are not well-known public hosts.
    pub hosts: bool,
}

/// What a redaction masked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `user:password@` in a URL.
    UrlCredentials,
    /// An access token or key.
    Token,
    /// A password (`.netrc`, `password=`).
    Password,
    /// An `Authorization:` header value.
    Authorization,
    /// A GOAUTH command line.
    Goauth,
    /// A private key block.
    PrivateKey,
    /// A user name in a home-directory path.
    UserName,
    /// A host name that is not public.
    Host,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::UrlCredentials => "url_credentials",
            Kind::Token => "token",
            Kind::Password => "password",
            Kind::Authorization => "authorization",
            Kind::Goauth => "goauth",
            Kind::PrivateKey => "private_key",
            Kind::UserName => "user_name",
            Kind::Host => "host",
        }
    }

    fn placeholder_stem(self) -> &'static str {
        match self {
            Kind::UrlCredentials => "credentials",
            Kind::Token | Kind::Authorization | Kind::Goauth => "token",
            Kind::Password => "password",
            Kind::PrivateKey => "private-key",
            Kind::UserName => "user",
            Kind::Host => "host",
        }
    }
}

/// One masked value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    pub kind: Kind,
    pub placeholder: String,
    /// 1-based lines where it was masked.
    pub lines: Vec<usize>,
    /// The first and last characters of the value, the rest hidden (for the preview).
    pub hint: String,
}

/// The redacted text and the list of redactions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redacted {
    pub text: String,
    pub redactions: Vec<Redaction>,
}

/// Redacts `input`.
pub fn redact(input: &str, options: Options) -> Redacted {
    redact_keeping(input, options, &[])
}

/// [`redact`], but the host names in `keep` stay (the user chose to show them).
pub fn redact_keeping(input: &str, options: Options, keep: &[String]) -> Redacted {
    let mut table = Table::default();
    let mut out = String::with_capacity(input.len());
    let mut in_private_key = false;
    for (index, line) in input.split_inclusive('\n').enumerate() {
        let number = index + 1;
        let (body, ending) = split_ending(line);
        // A key on one line (`\n` escapes) is masked within the line; a block spans lines.
        let begin = find(body, "-----BEGIN");
        let one_line = begin.is_some_and(|b| find(&body[b..], "-----END").is_some());
        if begin.is_some() && find(body, "PRIVATE KEY").is_some() && !one_line {
            in_private_key = true;
            out.push_str(body);
            out.push_str(ending);
            continue;
        }
        if in_private_key {
            if find(body, "-----END").is_some() {
                in_private_key = false;
                out.push_str(body);
            } else {
                out.push_str(&table.placeholder(Kind::PrivateKey, "private key", number));
            }
            out.push_str(ending);
            continue;
        }
        let mut spans = find_secrets(body);
        if options.hosts {
            spans.extend(
                find_hosts(body)
                    .into_iter()
                    .filter(|s| !keep.iter().any(|k| *k == body[s.start..s.end])),
            );
        }
        out.push_str(&apply(body, spans, &mut table, number));
        out.push_str(ending);
    }
    Redacted {
        text: out,
        redactions: table.into_redactions(),
    }
}

/// The first `needle` in `hay` (`str::find` builds a two-way searcher per call, which costs
/// more than the search on a short line).
pub(crate) fn find(hay: &str, needle: &str) -> Option<usize> {
    // The needles are short and most lines hold none of them: look for the first byte, then
    // compare (building a finder per call costs more on a line of a log).
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let (&first, rest) = n.split_first()?;
    let mut from = 0;
    while from + n.len() <= h.len() {
        let start = from + memchr::memchr(first, &h[from..=h.len() - n.len()])?;
        // The last byte rules out most first-byte hits before the whole comparison.
        if h[start + n.len() - 1] == n[n.len() - 1] && &h[start + 1..start + n.len()] == rest {
            return Some(start);
        }
        from = start + 1;
    }
    None
}

/// The redactions a shared report lists: every placeholder its (redacted) text holds, with its
/// kind and lines, in order of first appearance. Computed from the text alone, so the worker
/// lists what it stores — never a list a client sent — and a client computes the same bytes.
pub fn listed(text: &str) -> Vec<gmd_report::RedactionDto> {
    let mut list: Vec<gmd_report::RedactionDto> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, line) in text.split('\n').enumerate() {
        let mut rest = line;
        while let Some(first) = rest.find('<') {
            let Some(close) = rest[first..].find('>').map(|c| first + c) else {
                break;
            };
            // The last `<` before the `>` opens it (`< Set-Cookie: <token-1>`).
            let open = rest[..close].rfind('<').unwrap_or(first);
            let after = &rest[open + 1..];
            let close = close - open - 1;
            let placeholder = &rest[open..open + close + 2];
            rest = &after[close + 1..];
            let Some(kind) = placeholder_kind(&placeholder[1..placeholder.len() - 1]) else {
                continue;
            };
            match index.get(placeholder) {
                Some(&at) => {
                    let lines = &mut list[at].lines;
                    if lines.last() != Some(&(i + 1)) {
                        lines.push(i + 1);
                    }
                }
                None => {
                    index.insert(placeholder, list.len());
                    list.push(gmd_report::RedactionDto {
                        kind: kind.code().to_owned(),
                        placeholder: placeholder.to_owned(),
                        lines: vec![i + 1],
                    });
                }
            }
        }
    }
    list
}

/// The kind of a placeholder's inside (`token-3`, `user`, `private-key`); none for other text
/// in angle brackets.
fn placeholder_kind(inner: &str) -> Option<Kind> {
    let (stem, number) = match inner.rsplit_once('-') {
        Some((stem, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0') => {
            (stem, true)
        }
        _ => (inner, false),
    };
    let kind = match stem {
        "credentials" => Kind::UrlCredentials,
        "token" => Kind::Token,
        "password" => Kind::Password,
        "user" => Kind::UserName,
        "host" => Kind::Host,
        "private-key" if !number => Kind::PrivateKey,
        _ => return None,
    };
    // `<user>` alone or numbered, `<private-key>` alone; the others always numbered.
    (number || matches!(kind, Kind::UserName | Kind::PrivateKey)).then_some(kind)
}

fn split_ending(line: &str) -> (&str, &str) {
    let body = line.trim_end_matches(['\n', '\r']);
    (body, &line[body.len()..])
}

/// A value to mask: `start..end` in the line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Span {
    start: usize,
    end: usize,
    kind: Kind,
}

/// Whether `value` is nothing but placeholders (`<token-3>`, `<user>:<password-1>`): text that
/// was redacted already, which a second pass leaves as it is.
fn only_placeholders(value: &str) -> bool {
    let mut rest = value;
    let mut found = false;
    while let Some(open) = rest.find('<') {
        if !rest[..open].chars().all(|c| matches!(c, ':' | '@' | ' ' | '\'' | '"')) {
            return false;
        }
        let Some(close) = rest[open..].find('>') else {
            return false;
        };
        let inner = &rest[open + 1..open + close];
        let placeholder = inner.starts_with(|c: char| c.is_ascii_lowercase())
            && inner
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !placeholder {
            return false;
        }
        found = true;
        rest = &rest[open + close + 1..];
    }
    found && rest.chars().all(|c| matches!(c, ':' | '@' | ' ' | '\'' | '"'))
}

/// Replaces the spans (longest first where they overlap) with placeholders.
fn apply(line: &str, mut spans: Vec<Span>, table: &mut Table, number: usize) -> String {
    spans.retain(|s| s.start < s.end && s.end <= line.len() && !only_placeholders(&line[s.start..s.end]));
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    // Overlapping spans become one: a secret found twice, or in part, is masked whole.
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start < last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    for span in merged {
        if span.start < at {
            continue; // Inside a span already replaced.
        }
        out.push_str(&line[at..span.start]);
        out.push_str(&table.placeholder(span.kind, &line[span.start..span.end], number));
        at = span.end;
    }
    out.push_str(&line[at..]);
    out
}

/// Stable placeholders: one per distinct value, numbered per kind in order of appearance. A
/// value is found again by a hash lookup, so a paste with thousands of secrets is redacted in
/// linear time.
#[derive(Debug, Default)]
struct Table {
    redactions: Vec<Redaction>,
    /// Each (placeholder stem, value) and its redaction's index.
    index: std::collections::HashMap<(&'static str, String), usize>,
    /// How many placeholders each stem has.
    counts: std::collections::HashMap<&'static str, usize>,
}

impl Table {
    fn placeholder(&mut self, kind: Kind, value: &str, line: usize) -> String {
        let stem = kind.placeholder_stem();
        if let Some(&i) = self.index.get(&(stem, value.to_owned())) {
            let redaction = &mut self.redactions[i];
            // Lines come in order: the last one listed is the only one that can repeat.
            if redaction.lines.last() != Some(&line) {
                redaction.lines.push(line);
            }
            return redaction.placeholder.clone();
        }
        let count = self.counts.entry(stem).or_insert(0);
        *count += 1;
        let placeholder = match (kind, *count) {
            (Kind::UserName, 1) => "<user>".to_owned(),
            (Kind::PrivateKey, _) => "<private-key>".to_owned(),
            (_, count) => format!("<{stem}-{count}>"),
        };
        self.redactions.push(Redaction {
            kind,
            placeholder: placeholder.clone(),
            lines: vec![line],
            // A host name is no secret: the preview names it whole, so the user can choose to
            // show it.
            hint: match kind {
                Kind::Host => value.to_owned(),
                _ => hint(value),
            },
        });
        self.index.insert((stem, value.to_owned()), self.redactions.len() - 1);
        placeholder
    }

    fn into_redactions(self) -> Vec<Redaction> {
        self.redactions
    }
}

/// `ab…yz` for a value, or `…` when it is short: enough to recognise, not to reuse.
fn hint(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= 8 {
        "…".to_owned()
    } else {
        format!(
            "{}{}…{}{}",
            chars[0],
            chars[1],
            chars[chars.len() - 2],
            chars[chars.len() - 1]
        )
    }
}

fn is_token_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

/// Everything secret in one line.
fn find_secrets(line: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    url_credentials(line, &mut spans);
    prefixed_tokens(line, &mut spans);
    key_values(line, &mut spans);
    forms::headers(line, &mut spans);
    forms::named_values(line, &mut spans);
    forms::bare_userinfo(line, &mut spans);
    forms::cli_flags(line, &mut spans);
    forms::jwts(line, &mut spans);
    forms::inline_pem(line, &mut spans);
    netrc(line, &mut spans);
    goauth(line, &mut spans);
    home_users(line, &mut spans);
    spans
}

/// `scheme://user:password@` and `scheme://token@` (the user part too: it is often a token).
fn url_credentials(line: &str, spans: &mut Vec<Span>) {
    let bytes = line.as_bytes();
    let mut from = 0;
    while let Some(i) = find(&line[from..], "://") {
        let start = from + i + 3;
        let end = bytes[start..]
            .iter()
            .position(|b| {
                matches!(
                    b,
                    b'/' | b' ' | b'\t' | b'"' | b'\'' | b',' | b'|' | b'>' | b'<' | b'?' | b'#'
                )
            })
            .map_or(bytes.len(), |p| start + p);
        // A password may hold `/` or `#` (Go reads the user info up to the last `@` before the
        // host): `user:pa/ss@host`.
        let end = match line[start..end].rfind('@') {
            Some(_) => end,
            None => widened_userinfo(line, start).unwrap_or(end),
        };
        if let Some(at) = line[start..end].rfind('@') {
            // `git@github.com:` after `ssh://` is a user name, not a secret.
            let userinfo = &line[start..start + at];
            if !userinfo.is_empty() && userinfo != "git" && !userinfo.starts_with('<') {
                spans.push(Span {
                    start,
                    end: start + at,
                    kind: Kind::UrlCredentials,
                });
            }
        }
        from = start;
    }
}

/// The end of `user:password@host` starting at `start` when the password holds `/` or `#`:
/// the user has none, and a host name follows the `@`.
fn widened_userinfo(line: &str, start: usize) -> Option<usize> {
    let rest = &line[start..];
    let word_end = rest
        .find([' ', '\t', '"', '\'', ',', '|', '<', '>'])
        .unwrap_or(rest.len());
    let word = &rest[..word_end];
    let colon = word.find(':')?;
    if word[..colon].contains(['/', '#', '?', '@']) || colon == 0 {
        return None;
    }
    let at = word.rfind('@')?;
    let host = word[at + 1..].split([':', '/']).next().unwrap_or_default();
    let hostlike = host.contains('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'));
    (at > colon && hostlike).then_some(start + at + 1 + host.len())
}

/// Tokens recognisable by their prefix.
fn prefixed_tokens(line: &str, spans: &mut Vec<Span>) {
    const PREFIXES: &[(&str, usize)] = &[
        ("github_pat_", 20),
        ("ghp_", 20),
        ("gho_", 20),
        ("ghu_", 20),
        ("ghs_", 20),
        ("ghr_", 20),
        ("glpat-", 20),
        ("gldt-", 20),
        ("AKIA", 16),
        ("ASIA", 16),
        ("xoxb-", 10),
        ("xoxp-", 10),
        ("npm_", 30),
        ("glrt-", 20),
        ("glcbt-", 20),
        ("glptt-", 20),
        ("sk_live_", 20),
        ("rk_live_", 20),
        ("sk_test_", 20),
        ("SG.", 40),
        ("dp.st.", 30),
        ("dp.pt.", 30),
        ("hvs.", 24),
        ("hvb.", 24),
        ("dop_v1_", 40),
        ("doo_v1_", 40),
        ("shpat_", 24),
        ("shpss_", 24),
        ("ATATT", 40),
        ("hf_", 30),
        ("sk-proj-", 30),
        ("sk-ant-", 30),
        ("dapi", 30),
        ("lin_api_", 30),
        ("PMAK-", 40),
        ("AKCp", 60),
        ("AIza", 30),
        ("pypi-", 40),
        ("key-", 32),
        ("SK", 32),
    ];
    // One pass over the line: a token starts at a word boundary, so only there are the
    // prefixes compared (searching the line for each of them costs far more).
    let bytes = line.as_bytes();
    let mut first = [false; 256];
    for (prefix, _) in PREFIXES {
        first[usize::from(prefix.as_bytes()[0])] = true;
    }
    let mut start = 0;
    while start < bytes.len() {
        if !first[usize::from(bytes[start])] || start > 0 && is_token_char(bytes[start - 1]) {
            start += 1;
            continue;
        }
        let mut next = start + 1;
        for (prefix, min_rest) in PREFIXES {
            // (The first two bytes rule out most prefixes without a comparison.)
            let p = prefix.as_bytes();
            if p[0] != bytes[start] || bytes.get(start + 1) != Some(&p[1]) || !bytes[start..].starts_with(p) {
                continue;
            }
            // Dots belong to some tokens (`SG.x.y`, `hvs.x`); a final one ends a sentence.
            let mut end = start
                + prefix.len()
                + bytes[start + prefix.len()..]
                    .iter()
                    .take_while(|b| is_token_char(**b) || **b == b'.')
                    .count();
            while end > start + prefix.len() && bytes[end - 1] == b'.' {
                end -= 1;
            }
            if end - start - prefix.len() >= *min_rest {
                spans.push(Span {
                    start,
                    end,
                    kind: Kind::Token,
                });
                next = next.max(end);
            }
        }
        start = next;
    }
}

/// `token=…`, `password: …`, `aws_secret_access_key = …` and the like (case-insensitive).
fn key_values(line: &str, spans: &mut Vec<Span>) {
    if !line.as_bytes().iter().any(|b| matches!(b, b'=' | b':')) {
        return;
    }
    const KEYS: &[(&str, Kind)] = &[
        ("password", Kind::Password),
        ("passwd", Kind::Password),
        ("pwd", Kind::Password),
        ("access_token", Kind::Token),
        ("private_token", Kind::Token),
        ("api_key", Kind::Token),
        ("apikey", Kind::Token),
        ("secret", Kind::Token),
        ("token", Kind::Token),
        ("aws_secret_access_key", Kind::Token),
        ("client_secret", Kind::Token),
    ];
    let lower = line.to_ascii_lowercase();
    let bytes = line.as_bytes();
    for (key, kind) in KEYS {
        let mut from = 0;
        while let Some(i) = find(&lower[from..], key) {
            let key_start = from + i;
            let mut at = key_start + key.len();
            from = at;
            // The key must stand alone (`GITHUB_TOKEN`, `token`, not `tokenizer`).
            if at < bytes.len() && (bytes[at].is_ascii_alphanumeric()) {
                continue;
            }
            while at < bytes.len() && matches!(bytes[at], b' ' | b'"' | b'\'') {
                at += 1;
            }
            if at >= bytes.len() || !matches!(bytes[at], b'=' | b':') {
                continue;
            }
            at += 1;
            while at < bytes.len() && matches!(bytes[at], b' ' | b'"' | b'\'') {
                at += 1;
            }
            let end = forms::value_end(bytes, at);
            let value = &line[at..end];
            // Ignore empty values and values that are already placeholders or variable references.
            if value.len() >= 4 && !value.starts_with('<') && !value.starts_with('$') && !value.starts_with('%') {
                spans.push(Span {
                    start: at,
                    end,
                    kind: *kind,
                });
            }
        }
    }
}

/// `machine host login user password secret` (one line or split over lines).
fn netrc(line: &str, spans: &mut Vec<Span>) {
    let words: Vec<(usize, &str)> = line
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
        .collect();
    for pair in words.windows(2) {
        if pair[0].1 == "password" {
            let (start, word) = pair[1];
            if !word.starts_with('<') {
                spans.push(Span {
                    start,
                    end: start + word.len(),
                    kind: Kind::Password,
                });
            }
        }
    }
}

/// GOAUTH holds commands (`GOAUTH='git dir'`, custom programs with arguments); keywords stay.
fn goauth(line: &str, spans: &mut Vec<Span>) {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let body = trimmed
        .strip_prefix("set ")
        .or_else(|| trimmed.strip_prefix("export "))
        .unwrap_or(trimmed);
    let offset = indent + (trimmed.len() - body.len());
    let powershell = body
        .strip_prefix("$env:GOAUTH")
        .map(|r| r.trim_start().trim_start_matches('=').trim_start());
    let Some(rest) = body
        .strip_prefix("GOAUTH=")
        .or_else(|| body.strip_prefix("\"GOAUTH\": "))
        .or(powershell)
    else {
        return;
    };
    let start = offset + (body.len() - rest.len());
    let value = rest.trim_end_matches(',').trim_matches(|c| c == '\'' || c == '"');
    let keywords = value.split(';').all(|part| {
        let command = part.trim();
        command.is_empty() || command == "off" || command == "netrc" || command.starts_with("git ") || command == "git"
    });
    if !keywords && !value.is_empty() {
        let inner = rest.find(value).map_or(0, |i| i);
        spans.push(Span {
            start: start + inner,
            end: start + inner + value.len(),
            kind: Kind::Goauth,
        });
    }
}

/// The user name in `/home/x/`, `/Users/x/`, `C:\Users\x\`, `/root` stays.
fn home_users(line: &str, spans: &mut Vec<Span>) {
    for prefix in ["/home/", "/Users/", "\\Users\\", "/users/", "\\users\\"] {
        let mut from = 0;
        while let Some(i) = find(&line[from..], prefix) {
            let start = from + i + prefix.len();
            let end = start
                + line[start..]
                    .bytes()
                    .take_while(|b| {
                        !matches!(
                            b,
                            b'/' | b'\\' | b' ' | b'\t' | b'\'' | b'"' | b':' | b';' | b',' | b')'
                        )
                    })
                    .count();
            let name = &line[start..end];
            let generic = matches!(
                name,
                "" | "runner" | "vsts" | "circleci" | "Shared" | "Public" | "Default" | "<user>"
            ) || name.starts_with('<')
                || name.starts_with('$')
                || name.starts_with('%');
            if !generic {
                spans.push(Span {
                    start,
                    end,
                    kind: Kind::UserName,
                });
            }
            from = end.max(start);
            if from >= line.len() {
                break;
            }
        }
    }
}

/// Host names in URLs and module paths that are not public.
fn find_hosts(line: &str) -> Vec<Span> {
    let bytes = line.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // A host starts at a word boundary, is dotted, and is followed by `/`, `:`, a quote or
        // the end (a URL host or the first element of a module path).
        let boundary = i == 0
            || matches!(
                bytes[i - 1],
                b' ' | b'\t' | b'"' | b'\'' | b'/' | b'@' | b'=' | b',' | b'|' | b'(' | b'`'
            );
        if boundary && bytes[i].is_ascii_alphanumeric() {
            let end = i + bytes[i..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
                .count();
            let candidate = &line[i..end];
            let followed = end == bytes.len()
                || matches!(
                    bytes[end],
                    b'/' | b':' | b'"' | b'\'' | b' ' | b'\t' | b'?' | b',' | b'|' | b'`' | b';' | b')'
                );
            let dotted = || candidate.contains('.') && !candidate.ends_with('.') && !candidate.starts_with('.');
            let tld_alpha = || {
                candidate
                    .rsplit('.')
                    .next()
                    .is_some_and(|t| t.len() >= 2 && t.bytes().all(|b| b.is_ascii_alphabetic()))
            };
            const FILE_EXTENSIONS: [&str; 19] = [
                ".go", ".mod", ".sum", ".zip", ".info", ".txt", ".json", ".git", ".yaml", ".yml", ".toml", ".md",
                ".sh", ".exe", ".pem", ".crt", ".lock", ".partial", ".ziphash",
            ];
            let looks_like_file = || FILE_EXTENSIONS.iter().any(|ext| candidate.ends_with(ext));
            if followed && dotted() && tld_alpha() && !looks_like_file() && !is_public_host(candidate) {
                spans.push(Span {
                    start: i,
                    end,
                    kind: Kind::Host,
                });
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    spans
}

fn is_public_host(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    gmd_semantics::proxy::is_public_host(&host)
        || host == "localhost"
        || host == "example.com"
        || host.ends_with(".githubusercontent.com")
        || host.parse::<std::net::Ipv4Addr>().is_ok()
}

#[cfg(test)]
mod tests;
