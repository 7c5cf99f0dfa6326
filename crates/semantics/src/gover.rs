//! Go toolchain versions (`internal/gover`): `1.21` (a language version) < `1.21rc1` <
//! `1.21.0` < `1.21.1`.

use std::cmp::Ordering;

/// A parsed Go version. Empty fields compare lowest.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Version {
    pub major: String,
    pub minor: String,
    pub patch: String,
    /// `alpha`, `beta`, `rc` or empty.
    pub kind: String,
    pub pre: String,
}

/// Parses `1.21.3`, `1.21`, `1.21rc2`; `None` if invalid (`gover.IsValid`).
pub fn parse(x: &str) -> Option<Version> {
    let mut v = Version::default();
    let (major, rest) = cut_int(x)?;
    v.major = major.to_owned();
    if rest.is_empty() {
        v.minor = "0".into();
        v.patch = "0".into();
        return Some(v);
    }
    let rest = rest.strip_prefix('.')?;
    let (minor, rest) = cut_int(rest)?;
    v.minor = minor.to_owned();
    if rest.is_empty() {
        if compare_int(minor, "21") == Ordering::Less {
            v.patch = "0".into();
        }
        return Some(v);
    }
    if let Some(patch) = rest.strip_prefix('.') {
        let (patch, rest) = cut_int(patch)?;
        if !rest.is_empty() {
            return None;
        }
        v.patch = patch.to_owned();
        return Some(v);
    }
    let kind_len = rest.bytes().take_while(|b| !b.is_ascii_digit()).count();
    if kind_len == 0 || !rest[..kind_len].bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    v.kind = rest[..kind_len].to_owned();
    let rest = &rest[kind_len..];
    if rest.is_empty() {
        return Some(v);
    }
    let (pre, rest) = cut_int(rest)?;
    if !rest.is_empty() {
        return None;
    }
    v.pre = pre.to_owned();
    Some(v)
}

/// Whether `x` is a valid Go version.
pub fn is_valid(x: &str) -> bool {
    parse(x).is_some()
}

/// Whether `x` is a language version (`1.21`, not `1.21.0`).
pub fn is_lang(x: &str) -> bool {
    parse(x).is_some_and(|v| v.patch.is_empty() && v.kind.is_empty())
}

/// Compares two versions; invalid versions compare lowest.
pub fn compare(x: &str, y: &str) -> Ordering {
    let (vx, vy) = (parse(x).unwrap_or_default(), parse(y).unwrap_or_default());
    compare_int(&vx.major, &vy.major)
        .then_with(|| compare_int(&vx.minor, &vy.minor))
        .then_with(|| compare_int(&vx.patch, &vy.patch))
        .then_with(|| vx.kind.cmp(&vy.kind))
        .then_with(|| compare_int(&vx.pre, &vy.pre))
}

/// The language version of `x` (`1.21` for `1.21.3`).
pub fn lang(x: &str) -> String {
    match parse(x) {
        Some(v) if v.minor.is_empty() || (v.major == "1" && v.minor == "0") => v.major,
        Some(v) => format!("{}.{}", v.major, v.minor),
        None => String::new(),
    }
}

/// The version in a `go1.21.3` toolchain name or a `go version go1.21.3 linux/amd64` line.
/// The first release of a Go version, as a `golang.org/dl` wrapper names it: since Go 1.21 a
/// language version's first release is `X.0` (`1.23` → `1.23.0`; there is no `go1.23`
/// wrapper), before it the language version itself (`1.16`).
pub fn first_release(x: &str) -> String {
    if is_lang(x) && compare(x, "1.21") != Ordering::Less {
        format!("{x}.0")
    } else {
        x.to_owned()
    }
}

pub fn from_toolchain(name: &str) -> Option<&str> {
    let version = name.strip_prefix("go")?;
    let version = version.split(['-', '+', ' ']).next()?;
    is_valid(version).then_some(version)
}

fn cut_int(x: &str) -> Option<(&str, &str)> {
    let n = x.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || (x.starts_with('0') && n != 1) {
        return None;
    }
    Some((&x[..n], &x[n..]))
}

/// Compares decimal strings without leading zeros; the empty string is lowest.
fn compare_int(x: &str, y: &str) -> Ordering {
    x.len().cmp(&y.len()).then_with(|| x.cmp(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_releases_as_the_download_wrappers_name_them() {
        assert_eq!(first_release("1.23"), "1.23.0");
        assert_eq!(first_release("1.21"), "1.21.0");
        assert_eq!(first_release("1.23.4"), "1.23.4");
        assert_eq!(first_release("1.16"), "1.16");
        assert_eq!(first_release("1.21rc2"), "1.21rc2");
    }

    #[test]
    fn orders_like_cmd_go() {
        let ordered = [
            "1", "1.0.1", "1.2", "1.20", "1.20.1", "1.21", "1.21rc1", "1.21rc2", "1.21.0", "1.21.1", "1.22", "1.22.0",
            "2.0",
        ];
        for pair in ordered.windows(2) {
            assert_eq!(compare(pair[0], pair[1]), Ordering::Less, "{} < {}", pair[0], pair[1]);
        }
        assert_eq!(
            compare("1.20", "1.20.0"),
            Ordering::Equal,
            "before 1.21, 1.20 means 1.20.0"
        );
        assert_eq!(compare("1.21.3", "1.21.3"), Ordering::Equal);
    }

    #[test]
    fn validity() {
        for valid in ["1", "1.21", "1.21.0", "1.21rc1", "1.22beta2", "1.21alpha"] {
            assert!(is_valid(valid), "{valid}");
        }
        for invalid in [
            "",
            "1.",
            "1.21.",
            "v1.21",
            "1.021",
            "1.21.0rc1",
            "1.21-rc1",
            "1.21.0.1",
            "go1.21",
        ] {
            assert!(!is_valid(invalid), "{invalid}");
        }
        assert!(is_lang("1.22") && !is_lang("1.22.0") && !is_lang("1.22rc1"));
        assert_eq!(lang("1.21.3"), "1.21");
        assert_eq!(from_toolchain("go1.22.1"), Some("1.22.1"));
        assert_eq!(from_toolchain("go1.23rc2+auto"), Some("1.23rc2"));
        assert_eq!(from_toolchain("local"), None);
    }
}
