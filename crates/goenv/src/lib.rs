//! Environment settings as users paste them.
//!
//! One `KEY=value` per line, in every form the go command and shells print: `go env` on Unix
//! since Go 1.21 (`KEY='value'`, a quote written `'\''`), older Go (`KEY="value"`), Windows cmd
//! (`set KEY=value`, with `%%` and `^` escapes), PowerShell (`$env:KEY = "value"`),
//! `export KEY=value`, `go env -json` (`"KEY": "value",`), `env | grep` output, and the files
//! that set them for a build: CI workflows and compose files (`KEY: value`, `- KEY=value`),
//! Dockerfiles (`ENV KEY=value`, `ENV KEY value`, `ARG KEY=value`). Never fails: a line that is
//! not a setting is skipped.

/// How a setting was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `KEY='value'` (go env since Go 1.21).
    Unix,
    /// `KEY="value"` (go env before Go 1.21).
    UnixDoubleQuoted,
    /// `KEY=value` (env, env | grep, a .env or GOENV file).
    Plain,
    /// `export KEY=value`.
    Export,
    /// `set KEY=value` (go env on Windows, cmd.exe).
    WindowsCmd,
    /// `$env:KEY = "value"`.
    PowerShell,
    /// `"KEY": "value",` (go env -json).
    Json,
    /// A setting in a CI workflow or compose file (`KEY: value`, `- KEY=value`) or a
    /// Dockerfile (`ENV KEY=value`, `ENV KEY value`, `ARG KEY=value`).
    Config,
}

/// One setting and where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Var {
    pub key: String,
    pub value: String,
    /// 1-based line number in the input.
    pub line: usize,
    pub format: Format,
}

/// The settings of a paste, in input order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoEnv {
    pub vars: Vec<Var>,
    /// Each key's last setting (its index in `vars`): a lookup is a hash, not a scan (a paste
    /// can hold thousands of settings, and rules ask for some per event).
    last: gmd_order::Positions,
}

impl GoEnv {
    /// Scans every line of `input` (line 1 is the first).
    pub fn parse(input: &str) -> GoEnv {
        let input = input.strip_prefix('\u{feff}').unwrap_or(input);
        GoEnv::from_lines(input.lines().enumerate().map(|(i, l)| (i + 1, l)))
    }

    /// Scans `(line number, text)` pairs.
    pub fn from_lines<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>) -> GoEnv {
        let vars = lines
            .into_iter()
            .filter_map(|(line, text)| {
                let (key, value, format) = parse_line(text.trim_end_matches('\r'))?;
                Some(Var {
                    key,
                    value,
                    line,
                    format,
                })
            })
            .collect::<Vec<Var>>();
        let mut last = gmd_order::Positions::new();
        for (i, var) in vars.iter().enumerate() {
            last.set(&var.key, i);
        }
        GoEnv { vars, last }
    }

    /// The setting of `key` that applies: the last one pasted.
    pub fn get(&self, key: &str) -> Option<&Var> {
        self.vars.get(self.last.get(key)?)
    }

    /// The value of `key`, if set.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.get(key).map(|v| v.value.as_str())
    }

    /// The value of `key`, or `""` when absent.
    pub fn value_or_empty(&self, key: &str) -> &str {
        self.value(key).unwrap_or_default()
    }

    /// Whether the paste holds what looks like `go env` output (GOPATH, GOROOT or GOVERSION set).
    pub fn looks_like_go_env(&self) -> bool {
        ["GOROOT", "GOPATH", "GOVERSION", "GOMODCACHE"]
            .iter()
            .any(|k| self.get(k).is_some())
    }

    /// The local Go version from `GOVERSION` (`1.22.1` for `go1.22.1`).
    pub fn go_version(&self) -> Option<&str> {
        let v = self.value("GOVERSION")?;
        let v = v.strip_prefix("go")?;
        Some(v.split([' ', '-']).next().unwrap_or(v))
    }

    /// A proxy variable as Go's `net/http` reads it: the upper-case name, else the lower-case
    /// one, whichever is first non-empty.
    pub fn proxy_variable(&self, name: &str) -> Option<&Var> {
        let upper = self.get(name).filter(|v| !v.value.is_empty());
        upper.or_else(|| self.get(&name.to_ascii_lowercase()).filter(|v| !v.value.is_empty()))
    }
}

/// Parses one line as a setting.
pub fn parse_line(line: &str) -> Option<(String, String, Format)> {
    let line = line.trim();
    if let Some(rest) = strip_prefix_ignore_case(line, "$env:") {
        let (key, value) = rest.split_once('=')?;
        let key = valid_key(key.trim())?;
        return Some((
            key.to_ascii_uppercase(),
            unquote_powershell(value.trim())?,
            Format::PowerShell,
        ));
    }
    if line.starts_with('"') {
        let (key, value) = parse_json_member(line)?;
        return Some((key, value, Format::Json));
    }
    if let Some(rest) = strip_prefix_ignore_case(line, "set ") {
        let rest = rest.trim_start();
        // `set "KEY=value"` quotes the whole assignment.
        let rest = rest.strip_prefix('"').and_then(|r| r.strip_suffix('"')).unwrap_or(rest);
        let (key, value) = rest.split_once('=')?;
        let key = valid_key(key)?;
        let key = if is_case_insensitive_key(key) {
            key.to_ascii_uppercase()
        } else {
            key.to_owned()
        };
        return Some((key, unescape_batch(value), Format::WindowsCmd));
    }
    if let Some(setting) = config_setting(line) {
        return Some(setting);
    }
    let (line, export) = match line.strip_prefix("export ") {
        Some(rest) => (rest.trim_start(), true),
        None => (line, false),
    };
    let (key, value) = line.split_once('=')?;
    let key = valid_key(key)?;
    let value = before_command(value);
    let (value, quoted) = unquote_shell(value)?;
    let value = unlink(&value).unwrap_or(value);
    let format = match (export, quoted) {
        (true, _) => Format::Export,
        (false, Quote::Single) => Format::Unix,
        (false, Quote::Double) => Format::UnixDoubleQuoted,
        (false, Quote::None) => Format::Plain,
    };
    Some((key.to_owned(), value, format))
}

/// A setting as build files write it: a Dockerfile's `ENV`/`ARG`, a YAML list item
/// `- KEY=value`, or a YAML mapping `KEY: value` (only for names the go command or git read,
/// so that a log's `label: text` is not taken for one).
fn config_setting(line: &str) -> Option<(String, String, Format)> {
    let (key, value) = if let Some(rest) = line.strip_prefix("ENV ").or_else(|| line.strip_prefix("ARG ")) {
        let rest = rest.trim_start();
        let (key, value) = match (rest.split_once('='), rest.split_once([' ', '\t'])) {
            (Some((k, v)), Some((k2, _))) if k.len() < k2.len() => (k, v),
            (Some((k, v)), None) => (k, v),
            (_, Some((k, v))) => (k, v.trim_start()),
            (None, None) => return None,
        };
        // `ENV A=1 B=2`: the first setting.
        let value = match value.starts_with(['"', '\'']) {
            true => value,
            false => value.split([' ', '\t']).next().unwrap_or_default(),
        };
        (key, value)
    } else if let Some(item) = line.strip_prefix("- ") {
        let item = item.trim();
        let item = match item.strip_prefix('"').and_then(|i| i.strip_suffix('"')) {
            Some(inner) => inner,
            None => item
                .strip_prefix('\'')
                .and_then(|i| i.strip_suffix('\''))
                .unwrap_or(item),
        };
        item.split_once('=')?
    } else {
        // Only names a build file sets (checked in full below) start these ways.
        if !["GO", "CGO_", "GIT_", "HTTP", "NO_", "ALL_"]
            .iter()
            .any(|p| line.starts_with(p))
        {
            return None;
        }
        let (key, value) = line
            .split_once(": ")
            .or_else(|| line.strip_suffix(':').map(|k| (k, "")))?;
        if !is_build_setting(key) {
            return None;
        }
        let value = value.trim();
        // A YAML comment ends the value unless it is quoted.
        let value = match value.starts_with(['"', '\'']) {
            true => value,
            false => value.split(" #").next().unwrap_or_default().trim_end(),
        };
        (key, value)
    };
    let key = valid_key(key.trim())?;
    if !is_build_setting(key) {
        return None;
    }
    let (value, _) = unquote_shell(value.trim())?;
    Some((key.to_owned(), value, Format::Config))
}

/// The names a build file sets for the go command: `GO…`, `CGO_…`, `GIT_…` and the HTTP proxy
/// variables, in upper case.
fn is_build_setting(key: &str) -> bool {
    let upper = key
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    upper
        && key.len() > 2
        && (key.starts_with("GO")
            || key.starts_with("CGO_")
            || key.starts_with("GIT_")
            || matches!(key, "HTTP_PROXY" | "HTTPS_PROXY" | "NO_PROXY" | "ALL_PROXY"))
}

/// `GOPROXY=https://goproxy.cn go get x`: an assignment before a command sets the variable for
/// that command only; the value ends at the first blank when the go command follows.
fn before_command(value: &str) -> &str {
    let Some((first, rest)) = value.split_once([' ', '\t']) else {
        return value;
    };
    if first.starts_with(['"', '\'']) {
        return value;
    }
    let command = rest.split_whitespace().next().unwrap_or_default();
    let name = command.rsplit(['/', '\\']).next().unwrap_or_default();
    let go_command = name == "go"
        || name == "go.exe"
        || name
            .strip_prefix("go")
            .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()));
    let another_assignment = command.split_once('=').is_some_and(|(k, _)| valid_key(k).is_some());
    if go_command || another_assignment { first } else { value }
}

/// A value a forum rendered as a markdown link, `[text](url)`: the text is what was pasted.
fn unlink(value: &str) -> Option<String> {
    let inner = value.strip_prefix('[')?;
    let (text, rest) = inner.split_once("](")?;
    rest.ends_with(')').then(|| text.to_owned())
}

/// Go settings are upper case on Windows whatever the user typed.
fn is_case_insensitive_key(key: &str) -> bool {
    key.to_ascii_uppercase().starts_with("GO")
}

fn strip_prefix_ignore_case<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    let head = line.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &line[prefix.len()..])
}

/// Accepts environment variable names: a letter or `_`, then letters, digits and `_`.
fn valid_key(key: &str) -> Option<&str> {
    let mut bytes = key.bytes();
    let first = bytes.next()?;
    let ok = (first.is_ascii_alphabetic() || first == b'_') && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_');
    ok.then_some(key)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
}

/// Unquotes a POSIX-shell style value: `'…'` pieces (with `'\''`), `"…"`, or a bare word.
fn unquote_shell(value: &str) -> Option<(String, Quote)> {
    if let Some(inner) = value.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some(e @ ('"' | '\\' | '$' | '`')) => out.push(e),
                    Some(other) => {
                        out.push('\\');
                        out.push(other);
                    }
                    None => out.push('\\'),
                }
            } else {
                out.push(c);
            }
        }
        return Some((out, Quote::Double));
    }
    if !value.starts_with('\'') {
        return Some((value.to_owned(), Quote::None));
    }
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
            return Some((out, Quote::Single));
        } else {
            return None;
        }
    }
}

/// Reverses cmd/go's `batchEscape`: `%%` is `%`, `^c` is `c`.
fn unescape_batch(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '^' => out.extend(chars.next()),
            '%' if chars.peek() == Some(&'%') => {
                chars.next();
                out.push('%');
            }
            c => out.push(c),
        }
    }
    out
}

/// Unquotes a PowerShell string: `"…"` with backtick escapes, or `'…'` with `''`.
fn unquote_powershell(value: &str) -> Option<String> {
    let value = value.trim_end_matches(';').trim_end();
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
fn parse_json_member(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix('"')?;
    let (key, rest) = rest.split_once('"')?;
    let key = valid_key(key)?;
    let rest = rest.trim_start().strip_prefix(':')?.trim();
    let rest = rest.strip_suffix(',').unwrap_or(rest).trim_end();
    let inner = rest.strip_prefix('"')?.strip_suffix('"')?;
    Some((key.to_owned(), unescape_json(inner)?))
}

/// Decodes the escapes of a JSON string body.
fn unescape_json(inner: &str) -> Option<String> {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '"' {
            return None;
        }
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
        let actual: Vec<String> = GoEnv::parse(input)
            .vars
            .iter()
            .map(|v| format!("{}={}@{}", v.key, v.value, v.line))
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
        assert_eq!(GoEnv::parse("GOPROXY='x'").vars[0].format, Format::Unix);
    }

    #[test]
    fn go_env_before_1_21_export_and_plain() {
        check(
            "GOPROXY=\"https://proxy.golang.org,direct\"\nexport GOSUMDB=off\nexport  GOPRIVATE=\"*.corp\"\nhttps_proxy=http://127.0.0.1:7890\nGOFLAGS=\"-ldflags=\\\"-s\\\"\"",
            &[
                "GOPROXY=https://proxy.golang.org,direct@1",
                "GOSUMDB=off@2",
                "GOPRIVATE=*.corp@3",
                "https_proxy=http://127.0.0.1:7890@4",
                "GOFLAGS=-ldflags=\"-s\"@5",
            ],
        );
    }

    #[test]
    fn assignments_before_a_command_and_forum_links() {
        check(
            "GOPROXY=proxy.golang.org /usr/local/bin/go125 list -m x\nGOFLAGS=-mod=mod GOPROXY=https://goproxy.cn go get x\nGOPROXY=\"[https://proxy.golang.org,direct](https://proxy.golang.org%2Cdirect/)\"\nGOFLAGS=-mod=mod -x\n",
            &[
                "GOPROXY=proxy.golang.org@1",
                "GOFLAGS=-mod=mod@2",
                "GOPROXY=https://proxy.golang.org,direct@3",
                "GOFLAGS=-mod=mod -x@4",
            ],
        );
    }

    #[test]
    fn build_files() {
        check(
            "env:\n  GOPRIVATE: \"github.com/company\"\n  GOFLAGS: -mod=mod # tidy in CI\n  Build: not a setting\nenvironment:\n  - GOPROXY=https://goproxy.cn,direct\n  - \"GONOSUMDB=corp.example\"\nENV GOPROXY=https://goproxy.io GO111MODULE=on\nENV GOSUMDB off\nARG GOPRIVATE='*.corp'\ngo: github.com/x/y@v1: reading https://proxy.golang.org/x: 404\n",
            &[
                "GOPRIVATE=github.com/company@2",
                "GOFLAGS=-mod=mod@3",
                "GOPROXY=https://goproxy.cn,direct@6",
                "GONOSUMDB=corp.example@7",
                "GOPROXY=https://goproxy.io@8",
                "GOSUMDB=off@9",
                "GOPRIVATE=*.corp@10",
            ],
        );
    }

    #[test]
    fn windows_cmd_and_powershell() {
        check(
            "\u{feff}set GOPROXY=https://goproxy.cn^|direct\r\nset GOPATH=C:\\Users\\x\\go\r\nset GOFLAGS=-ldflags=-X=a%%b\r\nset \"GONOSUMDB=corp.example\"\r\nset goprivate=x.example\r\n$env:GOSUMDB = \"sum.golang.google.cn\"\r\n$Env:GOFLAGS='-mod=vendor';\r\n$env:goproxy=\"a`\"b\"\r\n",
            &[
                "GOPROXY=https://goproxy.cn|direct@1",
                "GOPATH=C:\\Users\\x\\go@2",
                "GOFLAGS=-ldflags=-X=a%b@3",
                "GONOSUMDB=corp.example@4",
                "GOPRIVATE=x.example@5",
                "GOSUMDB=sum.golang.google.cn@6",
                "GOFLAGS=-mod=vendor@7",
                "GOPROXY=a\"b@8",
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
            "go: downloading example.com/m v1.0.0\n= nothing\n1KEY=x\nGOPROXY='unterminated\n$env:X = noquotes\n\"K\": 3,\nwarning: GOPATH set to GOROOT (/usr/local/go) has no effect\n\"K\": \"a\"b\",",
            &[],
        );
    }

    #[test]
    fn accessors() {
        let env = GoEnv::parse("GOPROXY=a\nGOPROXY=b\nGOVERSION='go1.22.1'\nHTTPS_PROXY=\nhttps_proxy=http://p:1\n");
        assert_eq!(env.value("GOPROXY"), Some("b"));
        assert_eq!(env.value("GOSUMDB"), None);
        assert_eq!(env.value_or_empty("GOSUMDB"), "");
        assert_eq!(env.go_version(), Some("1.22.1"));
        assert!(env.looks_like_go_env());
        assert_eq!(env.proxy_variable("HTTPS_PROXY").map(|v| v.line), Some(5));
    }
}
