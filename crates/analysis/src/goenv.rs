//! Environment settings found anywhere in a paste.
//!
//! Recognises one `KEY=value` setting per line in each form users paste: `go env` on Unix since
//! Go 1.21 (`KEY='value'`, `'` written as `'\''`), older Go (`KEY="value"`), Windows cmd
//! (`set KEY=value`), `export KEY=value`, PowerShell (`$env:KEY = "value"`), `go env -json`
//! (`"KEY": "value",`) and `env | grep` output (`KEY=value`). Never fails: a line that is not a
//! setting is skipped.

/// One `KEY=value` setting and the line it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub key: String,
    pub value: String,
    /// 1-based line number in the input.
    pub line: usize,
}

/// All settings of a paste, in input order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    pub settings: Vec<Setting>,
}

impl Settings {
    /// Scans every line of `input`.
    pub fn parse(input: &str) -> Settings {
        let input = input.strip_prefix('\u{feff}').unwrap_or(input);
        let settings = input
            .lines()
            .enumerate()
            .filter_map(|(index, line)| {
                let (key, value) = parse_line(line.trim_end_matches('\r'))?;
                Some(Setting {
                    key: key.to_owned(),
                    value,
                    line: index + 1,
                })
            })
            .collect();
        Settings { settings }
    }

    /// The setting of `key` that applies: the last one pasted.
    pub fn get(&self, key: &str) -> Option<&Setting> {
        self.settings.iter().rev().find(|s| s.key == key)
    }
}

/// Parses one line as a setting, returning the key and the unquoted value.
fn parse_line(line: &str) -> Option<(&str, String)> {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix("$env:") {
        let (key, value) = rest.split_once('=')?;
        let key = valid_key(key.trim())?;
        return Some((key, unquote_powershell(value.trim())?));
    }
    if line.starts_with('"') {
        return parse_json_member(line);
    }
    let line = line
        .strip_prefix("export ")
        .or_else(|| line.strip_prefix("set "))
        .or_else(|| line.strip_prefix("SET "))
        .map_or(line, str::trim_start);
    let (key, value) = line.split_once('=')?;
    let key = valid_key(key)?;
    Some((key, unquote_shell(value)?))
}

/// Accepts environment variable names: a letter or `_`, then letters, digits and `_`.
fn valid_key(key: &str) -> Option<&str> {
    let mut bytes = key.bytes();
    let first = bytes.next()?;
    let ok = (first.is_ascii_alphabetic() || first == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_');
    ok.then_some(key)
}

/// Unquotes a POSIX-shell style value: `'…'` pieces (with `'\''`), `"…"`, or a bare word.
fn unquote_shell(value: &str) -> Option<String> {
    if let Some(inner) = value.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        return Some(inner.replace("\\\"", "\"").replace("\\\\", "\\"));
    }
    if !value.starts_with('\'') {
        return Some(value.to_owned());
    }
    // Concatenated single-quoted pieces separated by `\'`, as `go env` writes a quote.
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    loop {
        if let Some(quoted) = rest.strip_prefix('\'') {
            let end = quoted.find('\'')?;
            out.push_str(&quoted[..end]);
            rest = &quoted[end + 1..];
        } else if let Some(after) = rest.strip_prefix("\\'") {
            out.push('\'');
            rest = after;
        } else if rest.is_empty() {
            return Some(out);
        } else {
            return None;
        }
    }
}

/// Unquotes a PowerShell string: `"…"` with backtick escapes, or `'…'` with `''`.
fn unquote_powershell(value: &str) -> Option<String> {
    if let Some(inner) = value.strip_prefix('\'') {
        return Some(inner.strip_suffix('\'')?.replace("''", "'"));
    }
    let inner = value.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '`' {
            out.push(chars.next()?);
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// Parses a `"KEY": "value",` line of `go env -json`.
fn parse_json_member(line: &str) -> Option<(&str, String)> {
    let rest = line.strip_prefix('"')?;
    let (key, rest) = rest.split_once('"')?;
    let key = valid_key(key)?;
    let rest = rest.trim_start().strip_prefix(':')?.trim();
    let rest = rest.strip_suffix(',').unwrap_or(rest).trim_end();
    let inner = rest.strip_prefix('"')?.strip_suffix('"')?;
    Some((key, unescape_json(inner)?))
}

/// Decodes the escapes of a JSON string body.
fn unescape_json(inner: &str) -> Option<String> {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                let code = u32::from_str_radix(&hex, 16).ok()?;
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            other => out.push(other),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `input` and compares `KEY=value@line` renderings of every setting found.
    fn check(input: &str, expected: &[&str]) {
        let actual: Vec<String> = Settings::parse(input)
            .settings
            .iter()
            .map(|s| format!("{}={}@{}", s.key, s.value, s.line))
            .collect();
        assert_eq!(actual, expected, "input:\n{input}");
    }

    #[test]
    fn go_env_unix_since_1_21() {
        check(
            "GO111MODULE=''\nGOFLAGS='-mod=mod'\nGOPROXY='https://goproxy.cn,direct'\nGONOSUMDB='it'\\''s'\n",
            &[
                "GO111MODULE=@1",
                "GOFLAGS=-mod=mod@2",
                "GOPROXY=https://goproxy.cn,direct@3",
                "GONOSUMDB=it's@4",
            ],
        );
    }

    #[test]
    fn go_env_before_1_21_and_export_lines() {
        check(
            "GOPROXY=\"https://proxy.golang.org,direct\"\nexport GOSUMDB=off\nexport  GOPRIVATE=\"*.corp\"",
            &[
                "GOPROXY=https://proxy.golang.org,direct@1",
                "GOSUMDB=off@2",
                "GOPRIVATE=*.corp@3",
            ],
        );
    }

    #[test]
    fn windows_cmd_powershell_and_crlf() {
        check(
            "\u{feff}set GOPROXY=off\r\nset GOPATH=C:\\Users\\x\\go\r\n$env:GOSUMDB = \"sum.golang.google.cn\"\r\n$env:GOFLAGS='-mod=vendor'\r\n",
            &[
                "GOPROXY=off@1",
                "GOPATH=C:\\Users\\x\\go@2",
                "GOSUMDB=sum.golang.google.cn@3",
                "GOFLAGS=-mod=vendor@4",
            ],
        );
    }

    #[test]
    fn go_env_json() {
        check(
            "{\n\t\"AR\": \"ar\",\n\t\"GOPROXY\": \"off\",\n\t\"GOFLAGS\": \"-x \\\"q\\\" \\u00e9\"\n}\n",
            &["AR=ar@2", "GOPROXY=off@3", "GOFLAGS=-x \"q\" é@4"],
        );
    }

    #[test]
    fn ignores_lines_that_are_not_settings() {
        check(
            "go: downloading example.com/m v1.0.0\n= nothing\n1KEY=x\nGOPROXY='unterminated\n$env:X = noquotes\n\"K\": 3,\n",
            &[],
        );
    }

    #[test]
    fn the_last_setting_of_a_key_applies() {
        let settings = Settings::parse("GOPROXY=a\nGOPROXY=b\n");
        assert_eq!(settings.get("GOPROXY").map(|s| s.value.as_str()), Some("b"));
        assert_eq!(settings.get("GOSUMDB"), None);
    }
}
