//! Module paths and versions (golang.org/x/mod/module and semver).

/// The first path elements of the standard library (`go list std`, Go 1.11 to 1.27): a path
/// under one of them without a dot is a package of the standard library, not a module.
const STD_ROOTS: &[&str] = &[
    "archive",
    "bufio",
    "bytes",
    "cmp",
    "compress",
    "container",
    "context",
    "crypto",
    "database",
    "debug",
    "embed",
    "encoding",
    "errors",
    "expvar",
    "flag",
    "fmt",
    "go",
    "hash",
    "html",
    "image",
    "index",
    "io",
    "iter",
    "log",
    "maps",
    "math",
    "mime",
    "net",
    "os",
    "path",
    "plugin",
    "reflect",
    "regexp",
    "runtime",
    "slices",
    "sort",
    "strconv",
    "strings",
    "structs",
    "sync",
    "syscall",
    "testing",
    "text",
    "time",
    "unicode",
    "unique",
    "unsafe",
    "weak",
];

/// Standard-library packages added since modules exist (Go 1.11), with the release that added
/// each (go.dev/doc/devel/release).
const STD_SINCE: &[(&str, &str)] = &[
    ("hash/maphash", "1.14"),
    ("time/tzdata", "1.15"),
    ("embed", "1.16"),
    ("io/fs", "1.16"),
    ("testing/fstest", "1.16"),
    ("runtime/metrics", "1.16"),
    ("go/build/constraint", "1.16"),
    ("net/netip", "1.18"),
    ("debug/buildinfo", "1.18"),
    ("crypto/ecdh", "1.20"),
    ("log/slog", "1.21"),
    ("slices", "1.21"),
    ("maps", "1.21"),
    ("cmp", "1.21"),
    ("testing/slogtest", "1.21"),
    ("go/version", "1.22"),
    ("math/rand/v2", "1.22"),
    ("iter", "1.23"),
    ("unique", "1.23"),
    ("structs", "1.23"),
    ("weak", "1.24"),
    ("crypto/mlkem", "1.24"),
    ("crypto/hkdf", "1.24"),
    ("crypto/pbkdf2", "1.24"),
    ("crypto/sha3", "1.24"),
    ("crypto/fips140", "1.24"),
    ("testing/synctest", "1.25"),
];

/// The Go release that added standard-library package `path` (or the package it is in), when
/// it came after Go 1.11.
pub fn standard_library_since(path: &str) -> Option<&'static str> {
    STD_SINCE
        .iter()
        .find(|(package, _)| path == *package || path.starts_with(&format!("{package}/")))
        .map(|(_, release)| *release)
}

/// Whether `path` names a package of the standard library (by its first element; the go command
/// reads a dotless path it cannot find as a module path, and says `missing dot in first path
/// element` — which, for these, means the toolchain predates the package).
pub fn is_standard_library_path(path: &str) -> bool {
    let first = path.split('/').next().unwrap_or_default();
    STD_ROOTS.contains(&first)
}

/// Why a module path is invalid, in the words of `module.CheckPath` (the go command prints
/// `malformed module path "<path>": <reason>`).
pub fn check_path(path: &str) -> Result<(), String> {
    // A host masked by redaction (`<host-1>/team/app`) stands for a valid host name.
    if let Some(rest) = path.strip_prefix("<host-")
        && let Some((number, tail)) = rest.split_once('>')
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
    {
        return check_path(&format!("host{number}.example{tail}"));
    }
    if path.is_empty() {
        return Err("empty string".into());
    }
    if path.starts_with('-') {
        return Err("leading dash".into());
    }
    if path.contains("//") {
        return Err("double slash".into());
    }
    if path.ends_with('/') {
        return Err("trailing slash".into());
    }
    for element in path.split('/') {
        check_element(element)?;
    }
    let first = path.split('/').next().unwrap_or_default();
    if first.is_empty() {
        return Err("leading slash".into());
    }
    if !first.contains('.') {
        return Err("missing dot in first path element".into());
    }
    if let Some(c) = first
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '.'))
    {
        return Err(format!("invalid char {c:?} in first path element"));
    }
    if split_path_version(path).is_none() {
        return Err("invalid version".into());
    }
    Ok(())
}

const BAD_WINDOWS_NAMES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2",
    "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

fn check_element(element: &str) -> Result<(), String> {
    if element.is_empty() {
        return Err("empty path element".into());
    }
    if element.bytes().all(|b| b == b'.') {
        return Err(format!("invalid path element {element:?}"));
    }
    if element.starts_with('.') {
        return Err("leading dot in path element".into());
    }
    if element.ends_with('.') {
        return Err("trailing dot in path element".into());
    }
    if let Some(c) = element
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-._~".contains(*c)))
    {
        return Err(format!("invalid char {c:?}"));
    }
    let short = element.split('.').next().unwrap_or(element);
    if BAD_WINDOWS_NAMES.iter().any(|bad| bad.eq_ignore_ascii_case(short)) {
        return Err(format!("{short:?} disallowed as path element component on Windows"));
    }
    Ok(())
}

/// Splits `path` into the prefix and its major-version suffix (`/v2`, or `.v2` for gopkg.in);
/// `None` when the suffix is malformed (`/v0`, `/v1`, `/v02`).
pub fn split_path_version(path: &str) -> Option<(&str, &str)> {
    if path.starts_with("gopkg.in/") {
        let dot = path.rfind('.')?;
        let suffix = &path[dot..];
        let ok = suffix.len() > 2
            && suffix.as_bytes()[1] == b'v'
            && suffix[2..].bytes().all(|b| b.is_ascii_digit())
            && !(suffix.len() > 3 && suffix.as_bytes()[2] == b'0');
        return ok
            .then(|| (&path[..dot], suffix))
            .or_else(|| suffix.ends_with("-unstable").then_some((path, "")));
    }
    let digits = path.bytes().rev().take_while(u8::is_ascii_digit).count();
    let cut = path.len() - digits;
    // Bytes, not a str slice: the two bytes before the digits may be inside a multi-byte char
    // (found by the `gomod` fuzz target).
    if digits == 0 || cut < 2 || &path.as_bytes()[cut - 2..cut] != b"/v" {
        return Some((path, ""));
    }
    let number = &path[cut..];
    if number.starts_with('0') || number == "1" {
        return None;
    }
    Some((&path[..cut - 2], &path[cut - 2..]))
}

/// A parsed semantic version `vMAJOR[.MINOR[.PATCH]][-pre][+build]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Semver<'a> {
    pub major: &'a str,
    pub minor: Option<&'a str>,
    pub patch: Option<&'a str>,
    pub prerelease: &'a str,
    pub build: &'a str,
}

/// Parses a Go semantic version (with the leading `v`).
pub fn parse_semver(version: &str) -> Option<Semver<'_>> {
    let rest = version.strip_prefix('v')?;
    let (rest, build) = match rest.split_once('+') {
        Some((r, b)) => {
            if b.is_empty()
                || !b
                    .split('.')
                    .all(|id| !id.is_empty() && id.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-'))
            {
                return None;
            }
            (r, b)
        }
        None => (rest, ""),
    };
    let (core, prerelease) = match rest.split_once('-') {
        Some((c, p)) => {
            let ok = !p.is_empty()
                && p.split('.').all(|id| {
                    !id.is_empty()
                        && id.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
                        && !(id.len() > 1 && id.starts_with('0') && id.bytes().all(|c| c.is_ascii_digit()))
                });
            if !ok {
                return None;
            }
            (c, p)
        }
        None => (rest, ""),
    };
    let number =
        |n: &str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !(n.len() > 1 && n.starts_with('0'));
    let mut parts = core.split('.');
    let major = parts.next().filter(|m| number(m))?;
    let minor = parts.next();
    let patch = parts.next();
    if parts.next().is_some() || minor.is_some_and(|m| !number(m)) || patch.is_some_and(|p| !number(p)) {
        return None;
    }
    if (minor.is_none() || patch.is_none()) && (!prerelease.is_empty() || !build.is_empty()) {
        return None;
    }
    Some(Semver {
        major,
        minor,
        patch,
        prerelease,
        build,
    })
}

/// The canonical form of a valid version (`v1.2` → `v1.2.0`, build metadata dropped except
/// `+incompatible`); `None` if invalid.
pub fn canonical(version: &str) -> Option<String> {
    let v = parse_semver(version)?;
    let mut out = format!("v{}.{}.{}", v.major, v.minor.unwrap_or("0"), v.patch.unwrap_or("0"));
    if !v.prerelease.is_empty() {
        out.push('-');
        out.push_str(v.prerelease);
    }
    if v.build == "incompatible" {
        out.push_str("+incompatible");
    }
    Some(out)
}

/// Whether `version` is valid and already canonical.
pub fn is_canonical(version: &str) -> bool {
    canonical(version).is_some_and(|c| c == version)
}

/// Whether `version` is a pseudo-version (`vX.Y.Z-[pre.]0.yyyymmddhhmmss-abcdefabcdef`).
pub fn is_pseudo_version(version: &str) -> bool {
    let Some(v) = parse_semver(version) else {
        return false;
    };
    let Some((rest, revision)) = v.prerelease.rsplit_once('-') else {
        return false;
    };
    let time = rest.rsplit('.').next().unwrap_or(rest);
    revision.len() == 12
        && revision
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        && time.len() == 14
        && time.bytes().all(|b| b.is_ascii_digit())
}

/// Why `version` does not fit a module at `path` (`module.CheckPathMajor`), if it does not.
pub fn check_path_major(version: &str, path: &str) -> Result<(), String> {
    let Some((_, suffix)) = split_path_version(path) else {
        return Err("invalid major version suffix".into());
    };
    let Some(v) = parse_semver(version) else {
        return Err(format!("invalid version {version:?}"));
    };
    let incompatible = v.build == "incompatible";
    let major: u64 = v.major.parse().unwrap_or(u64::MAX);
    let wanted = suffix.trim_start_matches(['/', '.']).trim_start_matches('v');
    if suffix.is_empty() {
        if major >= 2 && !incompatible {
            return Err(format!("should be v0 or v1, not v{major}"));
        }
        return Ok(());
    }
    if incompatible {
        return Err(format!(
            "+incompatible suffix not allowed: major version v{wanted} is compatible"
        ));
    }
    if wanted != v.major && !(path.starts_with("gopkg.in/") && major == 0 && wanted == "0") {
        return Err(format!("should be v{wanted}, not v{major}"));
    }
    Ok(())
}

/// Case-encodes a module path or version for proxy URLs: `A` → `!a`.
pub fn escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if c.is_ascii_uppercase() {
            out.push('!');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Reverses [`escape`]; `None` for an upper-case letter or a dangling `!`.
pub fn unescape(escaped: &str) -> Option<String> {
    let mut out = String::with_capacity(escaped.len());
    let mut chars = escaped.chars();
    while let Some(c) = chars.next() {
        match c {
            '!' => match chars.next() {
                Some(l) if l.is_ascii_lowercase() => out.push(l.to_ascii_uppercase()),
                _ => return None,
            },
            c if c.is_ascii_uppercase() => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_paths() {
        for ok in [
            "github.com/sirupsen/logrus",
            "gopkg.in/yaml.v3",
            "example.com/m/v2",
            "git.corp.example/a_b/c~d",
            "github.com/Sirupsen/logrus",
        ] {
            assert_eq!(check_path(ok), Ok(()), "{ok}");
        }
        let cases = [
            ("example", "missing dot in first path element"),
            ("Example.com/x", "invalid char 'E' in first path element"),
            ("example.com//x", "double slash"),
            ("example.com/x/", "trailing slash"),
            ("example.com/my app", "invalid char ' '"),
            ("example.com/.x", "leading dot in path element"),
            ("example.com/x.", "trailing dot in path element"),
            ("example.com/m/v1", "invalid version"),
            ("example.com/m/v02", "invalid version"),
            (
                "example.com/con",
                "\"con\" disallowed as path element component on Windows",
            ),
            ("-x.com", "leading dash"),
            ("", "empty string"),
        ];
        for (path, reason) in cases {
            assert_eq!(check_path(path), Err(reason.to_owned()), "{path}");
        }
    }

    #[test]
    fn versions() {
        assert_eq!(canonical("v1.9").as_deref(), Some("v1.9.0"));
        assert_eq!(canonical("v2").as_deref(), Some("v2.0.0"));
        assert_eq!(canonical("v1.2.3+meta").as_deref(), Some("v1.2.3"));
        assert_eq!(canonical("v2.0.0+incompatible").as_deref(), Some("v2.0.0+incompatible"));
        for bad in [
            "master",
            "1.2.3",
            "v1.2.3.4",
            "v01.2.3",
            "v1.2-pre",
            "v1.2.3-",
            "v1.2.3-01",
            "latest",
        ] {
            assert_eq!(canonical(bad), None, "{bad}");
        }
        assert!(is_canonical("v1.2.3-rc.1") && !is_canonical("v1.2"));
        assert!(is_pseudo_version("v0.0.0-20240102030405-abcdefabcdef"));
        assert!(is_pseudo_version("v1.9.4-0.20240101000000-0123456789ab"));
        assert!(!is_pseudo_version("v1.9.4-rc.1"));
    }

    #[test]
    fn major_versions() {
        assert_eq!(
            check_path_major("v2.0.0", "github.com/example/major"),
            Err("should be v0 or v1, not v2".into())
        );
        assert_eq!(
            check_path_major("v2.0.0+incompatible", "github.com/example/major"),
            Ok(())
        );
        assert_eq!(check_path_major("v2.1.0", "example.com/m/v2"), Ok(()));
        assert_eq!(
            check_path_major("v3.0.0", "example.com/m/v2"),
            Err("should be v2, not v3".into())
        );
        assert_eq!(check_path_major("v3.0.1", "gopkg.in/yaml.v3"), Ok(()));
        assert_eq!(split_path_version("gopkg.in/yaml.v3"), Some(("gopkg.in/yaml", ".v3")));
        assert_eq!(split_path_version("example.com/m/v2"), Some(("example.com/m", "/v2")));
        // A multi-byte char right before the digits (found by the `gomod` fuzz target).
        assert_eq!(
            split_path_version("exa.mplo-\u{f70c}v1"),
            Some(("exa.mplo-\u{f70c}v1", ""))
        );
        assert_eq!(split_path_version("é1"), Some(("é1", "")));
    }

    #[test]
    fn case_encoding() {
        assert_eq!(escape("github.com/Sirupsen/logrus"), "github.com/!sirupsen/logrus");
        assert_eq!(
            unescape("github.com/!sirupsen/logrus").as_deref(),
            Some("github.com/Sirupsen/logrus")
        );
        assert_eq!(unescape("github.com/Sirupsen"), None);
    }
}
