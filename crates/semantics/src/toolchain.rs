//! GOTOOLCHAIN and what the go command does with the `go` and `toolchain` lines of go.mod
//! (cmd/go/internal/toolchain).

use crate::gover;
use std::cmp::Ordering;

/// How GOTOOLCHAIN lets the go command switch toolchains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Switching {
    /// `local`, `go1.X.Y`: never switch because of go.mod.
    Never,
    /// `+auto` (and `auto`): download a newer toolchain through GOPROXY when go.mod needs one.
    Auto,
    /// `+path` (and `path`): look for a newer toolchain in PATH only.
    Path,
}

/// A parsed GOTOOLCHAIN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gotoolchain {
    /// The minimum toolchain: `None` for `local`, or the version of `go1.X.Y`.
    pub minimum: Option<String>,
    pub switching: Switching,
}

/// Parses GOTOOLCHAIN; empty means `auto` (the default in `$GOROOT/go.env`). `Err` holds the
/// go command's message.
pub fn parse(value: &str) -> Result<Gotoolchain, String> {
    let value = match value {
        "" | "auto" => "local+auto",
        "path" => "local+path",
        other => other,
    };
    let (base, switching) = match value.split_once('+') {
        Some((base, "auto")) => (base, Switching::Auto),
        Some((base, "path")) => (base, Switching::Path),
        Some(_) => return Err(format!("invalid GOTOOLCHAIN {value:?}")),
        None => (value, Switching::Never),
    };
    let minimum = match base {
        "local" => None,
        name => Some(
            gover::from_toolchain(name)
                .ok_or_else(|| format!("invalid GOTOOLCHAIN {value:?}"))?
                .to_owned(),
        ),
    };
    Ok(Gotoolchain { minimum, switching })
}

/// What the go command will do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Run the local toolchain.
    Local,
    /// Run (and first download, with [`Switching::Auto`], as module `golang.org/toolchain`
    /// through GOPROXY) toolchain `go<version>`.
    Switch { version: String, download: bool },
    /// Stop with this message.
    Refuse(String),
}

/// Decides, for a local toolchain `local` (e.g. `1.22.1`), GOTOOLCHAIN, and the go.mod lines.
pub fn decide(gotoolchain: &str, local: &str, go_line: Option<&str>, toolchain_line: Option<&str>) -> Decision {
    let Ok(setting) = parse(gotoolchain) else {
        return Decision::Refuse(format!("invalid GOTOOLCHAIN {gotoolchain:?}"));
    };
    let minimum = setting.minimum.clone().unwrap_or_else(|| local.to_owned());
    if setting.switching == Switching::Never {
        if let Some(version) = setting.minimum {
            return if version == local {
                Decision::Local
            } else {
                Decision::Switch {
                    version,
                    download: true,
                }
            };
        }
        if let Some(go) = go_line.filter(|go| gover::compare(go, local) == Ordering::Greater) {
            return Decision::Refuse(format!(
                "go.mod requires go >= {go} (running go {local}; GOTOOLCHAIN={})",
                if gotoolchain.is_empty() { "local" } else { gotoolchain }
            ));
        }
        return Decision::Local;
    }
    // The newest of the minimum, the go line and the toolchain line wins.
    let mut need = minimum.clone();
    if let Some(go) = go_line.filter(|go| gover::compare(go, &need) == Ordering::Greater) {
        need = if gover::is_lang(go) && gover::compare(go, "1.21") != Ordering::Less {
            format!("{go}.0")
        } else {
            go.to_owned()
        };
    }
    if let Some(tc) = toolchain_line
        .and_then(gover::from_toolchain)
        .filter(|tc| gover::compare(tc, &need) == Ordering::Greater)
    {
        need = tc.to_owned();
    }
    if gover::compare(&need, local) == Ordering::Equal {
        Decision::Local
    } else {
        Decision::Switch {
            version: need,
            download: setting.switching == Switching::Auto,
        }
    }
}

/// The module path of toolchain downloads.
pub const TOOLCHAIN_MODULE: &str = "golang.org/toolchain";

/// The version of the toolchain module for Go `version` on `goos`/`goarch`.
pub fn toolchain_module_version(version: &str, goos: &str, goarch: &str) -> String {
    format!("v0.0.1-go{version}.{goos}-{goarch}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_forms() {
        assert_eq!(parse("").unwrap().switching, Switching::Auto);
        assert_eq!(
            parse("local"),
            Ok(Gotoolchain {
                minimum: None,
                switching: Switching::Never
            })
        );
        assert_eq!(
            parse("go1.22.3+auto"),
            Ok(Gotoolchain {
                minimum: Some("1.22.3".into()),
                switching: Switching::Auto
            })
        );
        assert_eq!(parse("path").unwrap().switching, Switching::Path);
        assert!(parse("go1.22.3+download").is_err());
        assert!(parse("1.22").is_err());
    }

    #[test]
    fn decides_like_cmd_go() {
        let d = |gt, go, tc| decide(gt, "1.27.3", go, tc);
        assert_eq!(d("local", Some("1.22"), None), Decision::Local);
        assert_eq!(
            d("local", Some("1.99"), None),
            Decision::Refuse("go.mod requires go >= 1.99 (running go 1.27.3; GOTOOLCHAIN=local)".into())
        );
        assert_eq!(
            d("local", Some("1.22"), Some("go1.99.1")),
            Decision::Local,
            "local ignores the toolchain line"
        );
        assert_eq!(
            d("auto", Some("1.99.0"), None),
            Decision::Switch {
                version: "1.99.0".into(),
                download: true
            }
        );
        assert_eq!(
            d("auto", Some("1.99"), None),
            Decision::Switch {
                version: "1.99.0".into(),
                download: true
            }
        );
        assert_eq!(
            d("auto", Some("1.22"), Some("go1.99.1")),
            Decision::Switch {
                version: "1.99.1".into(),
                download: true
            }
        );
        assert_eq!(d("auto", Some("1.27.3"), None), Decision::Local);
        assert_eq!(
            d("path", Some("1.99.0"), None),
            Decision::Switch {
                version: "1.99.0".into(),
                download: false
            }
        );
        assert_eq!(
            d("go1.26.0", Some("1.22"), None),
            Decision::Switch {
                version: "1.26.0".into(),
                download: true
            }
        );
        assert_eq!(d("go1.27.3", Some("1.99"), None), Decision::Local);
        assert_eq!(
            toolchain_module_version("1.22.1", "linux", "amd64"),
            "v0.0.1-go1.22.1.linux-amd64"
        );
    }
}
