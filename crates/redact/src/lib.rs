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

mod assign;
mod forms;
mod shapes;

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
    let mut carry: Option<Carry> = None;
    for (index, line) in input.split_inclusive('\n').enumerate() {
        let number = index + 1;
        let (body, ending) = split_ending(line);
        // A key on one line (`\n` escapes) is masked within the line; a block spans lines.
        let begin = find(body, "-----BEGIN");
        let one_line = begin.is_some_and(|b| find(&body[b..], "-----END").is_some());
        if begin.is_some() && find(body, "PRIVATE KEY").is_some() && !one_line {
            in_private_key = true;
            carry = None;
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
        // What a secret on the line above left open goes on here.
        let carried = carry.take().and_then(|c| c.continue_on(body).map(|end| (c, end)));
        // (A block scalar's lines keep their indentation.)
        let carried_start = match &carried {
            Some((c, _)) if c.block.is_some() => body.len() - body.trim_start().len(),
            _ => 0,
        };
        if let Some((c, end)) = &carried {
            spans.push(Span {
                start: carried_start,
                end: *end,
                kind: c.kind,
            });
        }
        let block_goes_on = carried.as_ref().is_some_and(|(c, _)| c.block.is_some());
        if options.hosts {
            spans.extend(
                find_hosts(body)
                    .into_iter()
                    .filter(|s| !keep.iter().any(|k| *k == body[s.start..s.end])),
            );
        }
        let (text, last) = apply(
            body,
            spans,
            &mut table,
            number,
            carried.as_ref().map(|(c, _)| (carried_start, c.value.as_str())),
        );
        out.push_str(&text);
        out.push_str(ending);
        carry = match carried {
            // A block scalar goes on while its lines are indented deeper.
            Some((c, _)) if block_goes_on => Some(Carry {
                lines: c.lines + 1,
                ..c
            })
            .filter(|c| c.lines < 200),
            carried => last
                .as_ref()
                .and_then(|span| Carry::wrapped_user_info(body, span))
                .or_else(|| last.and_then(|span| Carry::after(body, &span, carried.map(|(c, _)| c))))
                .or_else(|| Carry::block(body)),
        };
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
    let mut index = gmd_order::Positions::new();
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
                Some(at) => {
                    let lines = &mut list[at].lines;
                    if lines.last() != Some(&(i + 1)) {
                        lines.push(i + 1);
                    }
                }
                None => {
                    index.get_or_insert(placeholder, list.len());
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

/// Replaces the spans (longest first where they overlap) with placeholders; returns the text
/// and the last span when it runs to the line's end (a secret that may go on below). The span
/// that continues a secret from above (`continued`: where it starts, and that secret's value)
/// takes its placeholder.
fn apply(
    line: &str,
    mut spans: Vec<Span>,
    table: &mut Table,
    number: usize,
    continued: Option<(usize, &str)>,
) -> (String, Option<Span>) {
    spans.retain(|s| s.start < s.end && s.end <= line.len() && !only_placeholders(&line[s.start..s.end]));
    gmd_order::sort_by(&mut spans, |a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
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
    let last = merged.last().filter(|s| line[s.end..].trim().is_empty()).cloned();
    for span in merged {
        let value = match continued {
            Some((start, first)) if span.start == start => first,
            _ => &line[span.start..span.end],
        };
        out.push_str(&line[at..span.start]);
        out.push_str(&table.placeholder(span.kind, value, number));
        at = span.end;
    }
    out.push_str(&line[at..]);
    (out, last)
}

/// A secret that ran to the end of its line and may go on at the start of the next: a quoted
/// value whose quote is still open (up to the quote, over as many lines as it takes, at most
/// eight), or a token of a token's alphabet that the paste wrapped (a JWT, a base64 value, a key
/// body's last line).
#[derive(Debug)]
struct Carry {
    kind: Kind,
    /// The value as first masked: its placeholder names the pieces below too.
    value: String,
    /// The quote still open, if any.
    quote: Option<char>,
    /// A YAML block scalar's key indentation: the lines indented deeper are the value.
    block: Option<usize>,
    /// User info a paste wrapped inside its URL: it goes on up to the `@` on the next line.
    until_at: bool,
    lines: usize,
}

impl Carry {
    /// What `span`, the last secret of `line`, leaves open below.
    fn after(line: &str, span: &Span, previous: Option<Carry>) -> Option<Carry> {
        let value = &line[span.start..span.end];
        let (first, lines) = match previous {
            Some(p) if span.start == 0 => (p.value, p.lines + 1),
            _ => (value.to_owned(), 0),
        };
        if lines >= 8 {
            return None;
        }
        let opened = line[..span.start].chars().next_back().and_then(|c| match c {
            '"' | '\'' | '`' => Some(c),
            '“' => Some('”'),
            _ => None,
        });
        // The quote is open when none closes it after the value (the value ran to the end).
        let quote = opened.filter(|q| !line[span.end..].contains(*q));
        let token_alphabet = value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_' | b'.' | b'~'));
        (quote.is_some() || token_alphabet && value.len() >= 8).then_some(Carry {
            kind: span.kind,
            value: first,
            quote,
            block: None,
            until_at: false,
            lines,
        })
    }

    /// A YAML block scalar a line opens for a secret (see `assign::secret_block`).
    fn block(line: &str) -> Option<Carry> {
        let (indent, kind) = assign::secret_block(line)?;
        Some(Carry {
            kind,
            value: line.trim().to_owned(),
            quote: None,
            block: Some(indent),
            until_at: false,
            lines: 0,
        })
    }

    /// A URL that ends the line inside its user info (`https://user:pa` and the paste wrapped):
    /// the rest of the password starts the next line, up to its `@`.
    fn wrapped_user_info(line: &str, span: &Span) -> Option<Carry> {
        let before = &line[..span.start];
        let value = &line[span.start..span.end];
        (span.kind == Kind::UrlCredentials && before.ends_with("://") && !value.contains('@')).then(|| Carry {
            kind: Kind::UrlCredentials,
            value: value.to_owned(),
            quote: None,
            block: None,
            until_at: true,
            lines: 0,
        })
    }

    /// Where the secret ends on `line`, the next line, if it goes on there.
    fn continue_on(&self, line: &str) -> Option<usize> {
        if self.until_at {
            let word = line.find([' ', '\t', '"', '\'']).unwrap_or(line.len());
            return line[..word].find('@').filter(|at| *at > 0);
        }
        if let Some(indent) = self.block {
            let deeper = line.len() - line.trim_start().len() > indent && !line.trim().is_empty();
            return deeper.then_some(line.trim_end().len());
        }
        if let Some(quote) = self.quote {
            return Some(line.find(quote).unwrap_or(line.len())).filter(|end| *end > 0);
        }
        // A wrapped token: the line starts with the same alphabet and holds nothing else but
        // what closes the value; long enough, and random enough, not to be a word.
        // (`=` only as base64's padding at its end: `password=…` on the next line is a secret of
        // its own, not this one's tail.)
        let run = line
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_' | b'.' | b'~'))
            .count();
        let run = run + line[run..].bytes().take_while(|b| *b == b'=').count();
        let rest = line[run..].trim_end();
        let closes = rest
            .chars()
            .all(|c| matches!(c, '"' | '\'' | ',' | ';' | ')' | ']' | '}'));
        let piece = &line[..run];
        let random = piece.bytes().any(|b| b.is_ascii_digit())
            || piece.bytes().any(|b| b.is_ascii_uppercase()) && piece.bytes().any(|b| b.is_ascii_lowercase());
        (run >= 8 && closes && random).then_some(run)
    }
}

/// Stable placeholders: one per distinct value, numbered per kind in order of appearance. A
/// value is found again by a hash lookup, so a paste with thousands of secrets is redacted in
/// linear time.
#[derive(Debug, Default)]
struct Table {
    redactions: Vec<Redaction>,
    /// Each placeholder stem and value (`stem value`) and its redaction's index.
    index: gmd_order::Positions,
    /// How many placeholders each stem has.
    counts: Vec<(&'static str, usize)>,
}

impl Table {
    fn placeholder(&mut self, kind: Kind, value: &str, line: usize) -> String {
        let stem = kind.placeholder_stem();
        let key = format!("{stem} {value}");
        if let Some(i) = self.index.get(&key) {
            let redaction = &mut self.redactions[i];
            // Lines come in order: the last one listed is the only one that can repeat.
            if redaction.lines.last() != Some(&line) {
                redaction.lines.push(line);
            }
            return redaction.placeholder.clone();
        }
        let at = self.counts.iter().position(|(s, _)| *s == stem).unwrap_or_else(|| {
            self.counts.push((stem, 0));
            self.counts.len() - 1
        });
        self.counts[at].1 += 1;
        let placeholder = match (kind, self.counts[at].1) {
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
        self.index.get_or_insert(&key, self.redactions.len() - 1);
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
    shapes::proxy_base_paths(line, &mut spans);
    prefixed_tokens(line, &mut spans);
    assign::assignments(line, &mut spans);
    forms::headers(line, &mut spans);
    forms::bare_userinfo(line, &mut spans);
    forms::jwts(line, &mut spans);
    forms::inline_pem(line, &mut spans);
    shapes::key_body(line, &mut spans);
    goauth(line, &mut spans);
    home_users(line, &mut spans);
    spans
}

/// `scheme://user:password@` and `scheme://token@` (the user part too: it is often a token),
/// whatever characters the password holds: the user info ends at the last `@` before a host
/// name, within the URL's text (to a blank or a double quote, and not into the next URL of a
/// list). Go reads it so too (`net/url` splits the authority at its last `@`).
fn url_credentials(line: &str, spans: &mut Vec<Span>) {
    let mut from = 0;
    while let Some(i) = find(&line[from..], "://") {
        let start = from + i + 3;
        from = start;
        let mut end = line[start..].find([' ', '\t', '"']).map_or(line.len(), |e| start + e);
        if let Some(next) = find(&line[start..end], "://") {
            let scheme = line[..start + next]
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
                .map_or(start, |k| k + 1);
            end = scheme.max(start);
        }
        let region = &line[start..end];
        // The line ends inside the user info (`https://user:pa` and the paste wrapped): a
        // password, not a port, after the colon; it goes on below (`Carry::wrapped_user_info`).
        if end == line.len()
            && !region.contains(['@', '/'])
            && let Some((user, secret)) = region.split_once(':')
            && !user.is_empty()
            && !secret.is_empty()
            && !secret.bytes().all(|b| b.is_ascii_digit())
        {
            spans.push(Span {
                start,
                end,
                kind: Kind::UrlCredentials,
            });
            continue;
        }
        // (Not the module proxy protocol's `/@v/…` and `/@latest` in a path.)
        let Some(at) = region
            .match_indices('@')
            .map(|(k, _)| k)
            .rev()
            .filter(|&k| !region[k..].starts_with("@v/") && !region[k..].starts_with("@latest"))
            .find(|&k| host_follows(&region[k + 1..]))
        else {
            continue;
        };
        let userinfo = &region[..at];
        // `https://host/path@v1` is a path, not user info: a `/` may only come after the
        // password's `:` (`user:pa/ss@host`), and then a dotted host name must follow.
        let slash = userinfo.find('/');
        let colon = userinfo.find(':');
        let dotted_host = region[at + 1..]
            .split(['/', ':'])
            .next()
            .is_some_and(|h| h.contains('.'));
        if slash.is_some_and(|s| colon.is_none_or(|c| c > s) || !dotted_host) {
            continue;
        }
        // `git@github.com:` after `ssh://` is a user name, not a secret.
        if !userinfo.is_empty() && userinfo != "git" && !userinfo.starts_with('<') {
            spans.push(Span {
                start,
                end: start + at,
                kind: Kind::UrlCredentials,
            });
        }
    }
}

/// Whether `text` starts with a host: a dotted name, `localhost`, an address, followed by the
/// end or what ends an authority.
fn host_follows(text: &str) -> bool {
    if text.starts_with('[') {
        return true;
    }
    let host_len = text
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
        .count();
    let host = &text[..host_len];
    let next = text[host_len..].chars().next();
    let ends = next.is_none_or(|c| matches!(c, '/' | ':' | ',' | '|' | '\'' | '?' | '#' | ')' | ';' | '>'));
    // A one-label name (`db`, `cache` in a compose network) when a port or a path follows.
    let port_or_path = text[host_len..].starts_with(':')
        && text[host_len + 1..].starts_with(|c: char| c.is_ascii_digit())
        || next == Some('/');
    let named = host.contains('.') || host == "localhost" || !host.is_empty() && port_or_path;
    named && !host.starts_with('.') && ends
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
        // Google OAuth access tokens (`ya29.…`), age secret keys, JFrog reference tokens
        // (`cmVmdGtu` is base64 of `reftkn`), OpenAI's older keys (`sk-…`).
        ("ya29.", 20),
        ("AGE-SECRET-KEY-1", 38),
        ("cmVmdGtu", 40),
        ("sk-", 40),
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
