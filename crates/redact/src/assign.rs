//! Assignments: a value whose name says it is secret, in every notation a paste holds.
//!
//! The model has three parts. A **name** is secret when one of its words is (`password`, `token`,
//! `secret`, `api key`, … split at `_ - .` and at camelCase; `密码`, `令牌`, `密钥`, … anywhere in
//! it), unless its last word says it names something else (`TOKEN_URL`, `PASSWORD_FILE`). A
//! **syntax** joins the name to its value: an operator (`=`, `:`, `：`, `:=`, `?=`, `+=`, `=>`,
//! `是`, `为`), a command that takes the name and the value as words (`setx`, `ENV`, `setenv`,
//! fish's `set -x`, `Set-Item Env:`), a function's next argument (`("NAME", "value")`), a flag
//! (`--password value`, `-password=value`), an XML element, `.netrc`'s `password value`, or — for
//! a Chinese label — nothing but a space. The **value** is then read to its real end: the closing
//! quote (with backslash escapes inside double quotes), or the end of the word, whatever
//! characters it holds; a quote that does not close on the line goes on to the next lines.

use super::{Kind, Span};

/// Words that make a name secret, whole words of it.
const SECRET_WORDS: &[(&str, Kind)] = &[
    ("password", Kind::Password),
    ("passwd", Kind::Password),
    ("passphrase", Kind::Password),
    ("pwd", Kind::Password),
    ("pass", Kind::Password),
    ("secret", Kind::Token),
    ("token", Kind::Token),
    ("apikey", Kind::Token),
    ("accesskey", Kind::Token),
    ("secretkey", Kind::Token),
    ("privatekey", Kind::Token),
    ("accountkey", Kind::Token),
    ("credential", Kind::Token),
    ("credentials", Kind::Token),
    ("cookie", Kind::Token),
    ("session", Kind::Token),
    ("pat", Kind::Token),
    ("jwt", Kind::Token),
    ("sig", Kind::Token),
    ("signature", Kind::Token),
    ("dsn", Kind::Token),
    ("auth", Kind::Token),
    ("authtoken", Kind::Token),
    ("accesstoken", Kind::Token),
    ("privatetoken", Kind::Token),
];

/// Words before `key` that make it a secret's name (`API_KEY`, `secret-key`, `SigningKey`).
const KEY_QUALIFIERS: &[&str] = &[
    "api",
    "access",
    "secret",
    "private",
    "account",
    "signing",
    "master",
    "encryption",
    "client",
    "auth",
    "license",
    "storage",
    "service",
    "subscription",
    "deploy",
];

/// Last words that say the name is about a secret, not the secret (`TOKEN_URL`, `password_file`).
const NOT_THE_SECRET: &[&str] = &[
    "url", "uri", "endpoint", "file", "path", "dir", "type", "name", "length", "len", "expiry", "expires", "ttl",
    "prompt", "helper", "env", "mode", "method", "count", "timeout", "format", "kind", "source", "header", "policy",
    "store", "command", "cmd", "required", "enabled", "disabled",
];

/// Chinese labels of a secret (found anywhere in a name: `访问令牌`, `私服密码`).
const CHINESE: &[(&str, Kind)] = &[
    ("密码", Kind::Password),
    ("口令", Kind::Password),
    ("令牌", Kind::Token),
    ("密钥", Kind::Token),
    ("秘钥", Kind::Token),
    ("私钥", Kind::Token),
    ("凭据", Kind::Token),
    ("凭证", Kind::Token),
    ("授权码", Kind::Token),
];

/// Whether a name holds one of the secret words' stems at all (ASCII, any case): most names in
/// a paste do not, and are ruled out without splitting them into words.
fn may_be_secret(name: &str) -> bool {
    const STEMS: [&[u8]; 13] = [
        b"pass",
        b"pwd",
        b"secret",
        b"token",
        b"key",
        b"credential",
        b"cookie",
        b"session",
        b"pat",
        b"jwt",
        b"sig",
        b"dsn",
        b"auth",
    ];
    let bytes = name.as_bytes();
    let mut lower = [0u8; 64];
    if bytes.len() > lower.len() {
        return true;
    }
    for (l, b) in lower.iter_mut().zip(bytes) {
        *l = b.to_ascii_lowercase();
    }
    let lower = &lower[..bytes.len()];
    STEMS.iter().any(|stem| lower.windows(stem.len()).any(|w| w == *stem))
}

/// The kind of secret a name (an identifier of letters, digits, `_`, `-`, `.`) names.
pub(crate) fn secret_name(name: &str) -> Option<Kind> {
    let name = name.trim_matches(|c| matches!(c, '"' | '\'' | '-' | '_' | '.'));
    if name.is_empty() || !may_be_secret(name) {
        return None;
    }
    // The go command's own settings (GOAUTH has its own reader): `GOPROXY`, `GONOSUMDB`.
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("go") && !lower.contains('_') && name.bytes().all(|b| !b.is_ascii_lowercase()) {
        return None;
    }
    let words = words_of(name);
    let last = words.last()?;
    if words.len() > 1 && NOT_THE_SECRET.contains(&last.as_str()) {
        return None;
    }
    for (i, word) in words.iter().enumerate() {
        if let Some((_, kind)) = SECRET_WORDS.iter().find(|(w, _)| w == word) {
            return Some(*kind);
        }
        // Words written together: `identitytoken`, `refreshtoken`, `dbpassword`.
        let compound = ["token", "password", "passwd", "secret"]
            .iter()
            .find(|w| word.len() > w.len() + 2 && word.ends_with(*w));
        if let Some(w) = compound {
            return Some(if w.starts_with("pass") {
                Kind::Password
            } else {
                Kind::Token
            });
        }
        let qualified = i > 0 && KEY_QUALIFIERS.contains(&words[i - 1].as_str());
        if word == "key" && (qualified || words.len() == 1) {
            return Some(Kind::Token);
        }
    }
    None
}

/// A name's words, lower case: split at `_`, `-`, `.` and where camelCase turns upper.
fn words_of(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if matches!(c, '_' | '-' | '.' | ' ') {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            previous_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && previous_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        word.push(c.to_ascii_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

/// Quotes a value may stand in, and the character that closes each.
fn closing(open: char) -> Option<char> {
    Some(match open {
        '"' => '"',
        '\'' => '\'',
        '`' => '`',
        '“' => '”',
        '‘' => '’',
        '「' => '」',
        '『' => '』',
        '[' => ']',
        _ => return None,
    })
}

/// A value read from a line: where it is, and whether its quote stays open at the line's end.
pub(crate) struct Value {
    pub start: usize,
    pub end: usize,
}

/// Reads the value that starts at `at` (after spaces): a quoted string to its closing quote, or
/// the word to the next blank. In a URL's query (`query`), a word also ends at `&` and `#`.
/// Trailing punctuation that closes what holds the value (`)`, `]`, `}`, `,`, `;`) or goes on
/// the sentence (the go command's `URL: error`) stays outside.
pub(crate) fn read_value(line: &str, at: usize, query: bool) -> Option<Value> {
    let rest = line.get(at..)?;
    let skipped = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let start = at + skipped;
    let mut chars = line[start..].char_indices();
    let (_, first) = chars.next()?;
    if let Some(close) = closing(first) {
        let inner = start + first.len_utf8();
        let mut escaped = false;
        for (i, c) in line[inner..].char_indices() {
            if escaped {
                escaped = false;
            } else if c == '\\' && first == '"' {
                escaped = true;
            } else if c == close {
                return Some(Value {
                    start: inner,
                    end: inner + i,
                });
            }
        }
        // Open to the line's end: the value goes on below (see `continuation`).
        return Some(Value {
            start: inner,
            end: line.len(),
        });
    }
    let word_end = line[start..]
        .find(|c: char| c == ' ' || c == '\t' || query && matches!(c, '&' | '#'))
        .map_or(line.len(), |i| start + i);
    let mut end = word_end;
    while end > start
        && matches!(
            line.as_bytes()[end - 1],
            b')' | b']' | b'}' | b',' | b';' | b'"' | b'\'' | b'.' | b':'
        )
    {
        end -= 1;
    }
    // A Chinese sentence goes on after the value without a space.
    if let Some(stop) = line[start..end].find(['，', '。', '；', '、', '）', '”', '」']) {
        end = start + stop;
    }
    (end > start).then_some(Value { start, end })
}

/// Whether a value is no secret: a reference to one (`$TOKEN`, `${TOKEN}`, `%TOKEN%`,
/// `$(cat …)`, `$env:TOKEN`), a placeholder, a word of configuration, or too short to be one.
fn not_a_secret(value: &str) -> bool {
    let upper_name = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    };
    let reference = value.starts_with("${")
        || value.starts_with("$(")
        || value.to_ascii_lowercase().starts_with("$env:")
        || value.strip_prefix('$').is_some_and(upper_name)
        || value.len() > 2 && value.starts_with('%') && value.ends_with('%') && upper_name(&value[1..value.len() - 1]);
    let placeholder = value.starts_with('<') && value.ends_with('>') && !value[1..value.len() - 1].contains(['<', '>']);
    let word = matches!(
        value.to_ascii_lowercase().as_str(),
        "true" | "false" | "null" | "none" | "nil" | "off" | "on" | "yes" | "no" | "required" | "optional" | "empty"
    );
    let masked = value.chars().all(|c| matches!(c, '*' | 'x' | 'X' | '•' | '.'));
    reference || placeholder || word || masked || value.chars().count() < 4
}

/// Every assignment of a secret in a line.
pub(crate) fn assignments(line: &str, spans: &mut Vec<Span>) {
    english(line, spans);
    chinese(line, spans);
    secure_string(line, spans);
    packed_flag(line, spans);
}

fn push(line: &str, value: Option<Value>, kind: Kind, spans: &mut Vec<Span>) {
    let Some(value) = value else { return };
    let text = line[value.start..value.end].trim_end();
    if not_a_secret(text) {
        return;
    }
    spans.push(Span {
        start: value.start,
        end: value.start + text.len(),
        kind,
    });
}

/// The previous word before `at` (skipping blanks), as written.
fn previous_word(line: &str, at: usize) -> &str {
    let before = line[..at].trim_end_matches([' ', '\t']);
    let start = before.rfind([' ', '\t', '(', '[', '{']).map_or(0, |i| i + 1);
    &before[start..]
}

/// Names written in ASCII, each followed by one of the syntaxes.
fn english(line: &str, spans: &mut Vec<Span>) {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !is_name_byte(bytes[i]) || i > 0 && is_name_byte(bytes[i - 1]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_name_byte(bytes[i]) {
            i += 1;
        }
        let name = &line[start..i];
        let Some(kind) = secret_name(name) else {
            continue;
        };
        if let Some(value) = syntax(line, start, i, name) {
            push(line, Some(value), kind, spans);
        }
    }
}

/// The value joined to the name at `start..end` by one of the syntaxes, if any.
fn syntax(line: &str, start: usize, end: usize, name: &str) -> Option<Value> {
    let bytes = line.as_bytes();
    let before = if start > 0 { bytes[start - 1] } else { b' ' };
    let quoted_name = matches!(before, b'"' | b'\'') && bytes.get(end) == Some(&before);
    let after_name = if quoted_name { end + 1 } else { end };
    let rest = &line[after_name..];
    let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let op_at = after_name + gap;
    let op = &line[op_at..];
    let query = matches!(before, b'?' | b'&');
    // XML: `<password>value</password>`.
    if before == b'<' && op.starts_with('>') && gap == 0 {
        // (Only with its closing tag: `<token-1>` alone is a placeholder of ours.)
        let value_start = op_at + 1;
        let close = format!("</{name}>");
        let value_end = line[value_start..].find(&close).map(|e| value_start + e)?;
        return Some(Value {
            start: value_start,
            end: value_end,
        });
    }
    // Operators: `:` must follow the name (or its closing quote) directly, or a sentence's
    // `token: expired` would be read as one.
    for operator in [":=", "?=", "+=", "=>", "=", "：", ":", "是", "为"] {
        if let Some(after) = op.strip_prefix(operator) {
            if operator == ":" && gap > 0 && !quoted_name {
                return None;
            }
            let at = line.len() - after.len();
            let value = read_value(line, at, query)?;
            // A quote opened before the name holds the whole assignment (cmd's `set "K=a b"`):
            // the value runs to that quote.
            if matches!(before, b'"' | b'\'')
                && !quoted_name
                && !line[at..].trim_start().starts_with(char::from(before))
            {
                let close = line[at..].find(char::from(before)).map_or(line.len(), |c| at + c);
                return Some(Value {
                    start: value.start,
                    end: close.max(value.start),
                });
            }
            return Some(value);
        }
    }
    // A function's next argument: `("GITLAB_TOKEN", "value")`, `["--token", "value"]`.
    if quoted_name && let Some(after) = op.strip_prefix(',') {
        let at = line.len() - after.len();
        let value = read_value(line, at, false)?;
        let quoted = value.start > 0 && closing(line[..value.start].chars().next_back()?).is_some();
        return quoted.then_some(value);
    }
    if gap == 0 {
        return None;
    }
    // Words: a command that takes the name and the value (`setx K V`, `ENV K V`, fish's
    // `set -x K V`, csh's `setenv K V`, PowerShell's `Set-Item Env:K V` / `-Value V`), a flag
    // and its value (`--password V`, `-token V`), `.netrc`'s `password V`.
    let previous = previous_word(line, start);
    let command = matches!(
        previous,
        "setx" | "ENV" | "setenv" | "-x" | "-gx" | "-Ux" | "-g" | "-U" | "-e"
    ) || line[..start].ends_with("Env:")
        || line[..start].ends_with("env:") && previous.to_ascii_lowercase().starts_with("env:");
    let flag = name.starts_with('-');
    let netrc = matches!(name, "password" | "passwd")
        && (line[..start].trim().is_empty() || line.split_whitespace().any(|w| w == "machine" || w == "login"));
    if !(command || flag || netrc) {
        return None;
    }
    let value_at = match op.strip_prefix("-Value") {
        Some(after) => line.len() - after.len(),
        None => op_at,
    };
    let value = read_value(line, value_at, false)?;
    // A flag followed by another flag or a URL has no value here.
    let text = &line[value.start..value.end];
    (!(flag && (text.starts_with('-') || text.starts_with("http")))).then_some(value)
}

/// Chinese labels: `密码：…`, `令牌: …`, `访问令牌=…`, `密码是 …`, and a label followed by its
/// value after a space (`用户名 alice 密码 …`).
fn chinese(line: &str, spans: &mut Vec<Span>) {
    if line.is_ascii() {
        return;
    }
    for (label, kind) in CHINESE {
        let mut from = 0;
        while let Some(found) = line[from..].find(label) {
            let mut at = from + found + label.len();
            from = at;
            // The rest of the name (`密码：`, `私服密码`, `令牌（只读）` end it).
            let rest = &line[at..];
            let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            let after = &rest[gap..];
            let operator = ["：", ":", "=", "是", "为"]
                .into_iter()
                .find(|op| after.starts_with(op));
            match operator {
                Some(op) => at += gap + op.len(),
                None if gap > 0 => at += gap,
                None => continue,
            }
            // A JSON key: `"密码": "…"`.
            if at < line.len() && line[at..].starts_with('"') && gap == 0 && operator.is_none() {
                continue;
            }
            push(line, read_value(line, at, false), *kind, spans);
        }
        // `{"密码": "…"}`: the label closed by a quote, then the operator.
        let quoted = format!("{label}\"");
        let mut from = 0;
        while let Some(found) = line[from..].find(&quoted) {
            let at = from + found + quoted.len();
            from = at;
            let after = line[at..].trim_start();
            if let Some(value) = after.strip_prefix(':') {
                let value_at = line.len() - value.len();
                push(line, read_value(line, value_at, false), *kind, spans);
            }
        }
    }
}

/// A YAML block scalar opened for a secret (`password: |`, `token: >-`): the value is the more
/// indented lines below. The indentation of the key's line, when the line opens one.
pub(crate) fn secret_block(line: &str) -> Option<(usize, Kind)> {
    let body = line.trim_end();
    let (key, indicator) = body.rsplit_once(':')?;
    if !matches!(indicator.trim(), "|" | "|-" | "|+" | ">" | ">-" | ">+") {
        return None;
    }
    let name = key.trim().trim_start_matches("- ").trim_matches(['"', '\'']);
    let kind = secret_name(name).or_else(|| CHINESE.iter().find(|(l, _)| name.contains(l)).map(|(_, k)| *k))?;
    Some((line.len() - line.trim_start().len(), kind))
}

/// PowerShell's `ConvertTo-SecureString "value"` (and `-String 'value'`): the value is the
/// password whatever the variable is called.
fn secure_string(line: &str, spans: &mut Vec<Span>) {
    let Some(found) = crate::find(&line.to_ascii_lowercase(), "convertto-securestring") else {
        return;
    };
    let mut at = found + "convertto-securestring".len();
    let rest = line[at..].trim_start();
    if let Some(after) = rest.strip_prefix("-String").or_else(|| rest.strip_prefix("-string")) {
        at = line.len() - after.len();
    }
    push(line, read_value(line, at, false), Kind::Password, spans);
}

/// `mysql -pPASSWORD` (the value packed into the flag) and `-p PASSWORD` after the commands that
/// read a password there; `-u user:password` (`-su` too); `-k KEY` on an authentication
/// helper's line.
fn packed_flag(line: &str, spans: &mut Vec<Span>) {
    if crate::find(line, " -").is_none() {
        return;
    }
    let words: Vec<(usize, &str)> = line
        .split([' ', '\t'])
        .scan(0usize, |offset, w| {
            let at = *offset;
            *offset += w.len() + 1;
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let mysql = words
        .iter()
        .any(|(_, w)| matches!(w.rsplit('/').next(), Some("mysql" | "mysqldump" | "mysqladmin")));
    let takes_p = mysql || words.iter().any(|(_, w)| matches!(*w, "login" | "sshpass"));
    let auth_helper = line.to_ascii_lowercase().contains("auth");
    for (i, &(at, word)) in words.iter().enumerate() {
        let next = words.get(i + 1).copied();
        if mysql && let Some(packed) = word.strip_prefix("-p").filter(|v| !v.is_empty()) {
            push(
                line,
                read_value(line, at + 2, false).filter(|_| !packed.starts_with('-')),
                Kind::Password,
                spans,
            );
        }
        let next_value = || next.and_then(|(n, _)| read_value(line, n, false));
        match word {
            "-p" if takes_p => push(line, next_value(), Kind::Password, spans),
            // (`-su`, `-ku`: short flags written together, the last one taking the value.)
            _ if word == "--user"
                || word.starts_with('-') && !word.starts_with("--") && word.ends_with('u') && word.len() <= 6 =>
            {
                if let Some((n, value)) = next
                    && let Some(colon) = value.find(':')
                {
                    let value = read_value(line, n, false);
                    let value = value.map(|v| Value {
                        start: (v.start + colon + 1).min(v.end),
                        end: v.end,
                    });
                    push(line, value, Kind::Password, spans);
                }
            }
            "-k" | "--key" if auth_helper => {
                let value = next_value().filter(|v| {
                    let text = &line[v.start..v.end];
                    !text.starts_with('-') && !text.starts_with('/') && !text.starts_with("http")
                });
                push(line, value, Kind::Token, spans);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_say_secret() {
        for name in [
            "password",
            "DB_PASSWORD",
            "npmAuthIdent",
            "npmAuthToken",
            "apiToken",
            "ApiKey",
            "x-auth-token",
            "AZURE_DEVOPS_EXT_PAT",
            "--token",
            "-password",
            "aws_secret_access_key",
            "privateToken",
            "nexusPassword",
            "artifactory.password",
            "key",
            "sessionId",
            "identitytoken",
        ] {
            assert!(secret_name(name).is_some(), "{name}");
        }
        for name in [
            "GOPROXY",
            "GOAUTH",
            "TOKEN_URL",
            "password_file",
            "GIT_ASKPASS",
            "tokenizer",
            "monkey",
            "keyboard",
            "passage",
            "GOFLAGS",
            "client_id",
            "GIT_TERMINAL_PROMPT",
        ] {
            assert!(secret_name(name).is_none(), "{name}");
        }
    }
}
