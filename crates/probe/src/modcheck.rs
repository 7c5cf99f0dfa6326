//! A go.mod's requirements checked against a module proxy: does the version exist, was it
//! retracted (the `retract` directives of the module's latest go.mod, with their rationale), is
//! the module deprecated (`// Deprecated:`), is there a newer release of the same major version.
//! The IO is the caller's ([`Fetch`]): the CLI fetches from the user's machine.

use crate::run::{Fetch, Limits};
use gmd_semantics::module::escape;
use serde::{Deserialize, Serialize};

/// What one requirement's check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequireReport {
    pub module: String,
    pub version: String,
    /// `ok`, `missing`, `retracted`, `deprecated`, `unreachable`, or `invalid` (not a module
    /// path and version the go command accepts: nothing is fetched).
    pub status: String,
    /// The retraction's rationale, the deprecation message, or why the proxy could not answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// A newer release of the same major version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newer: Option<String>,
}

/// The bodies read: version lists and go.mod files are small.
const MAX_BODY: usize = 256 * 1024;

/// Checks `module@version` on `proxy` (a GOPROXY URL).
pub async fn check_require<F: Fetch>(
    fetch: &F,
    proxy: &str,
    module: &str,
    version: &str,
    limits: Limits,
) -> RequireReport {
    let report = |status: &str, detail: Option<String>, newer| RequireReport {
        module: module.to_owned(),
        version: version.to_owned(),
        status: status.to_owned(),
        detail,
        newer,
    };
    // Only what the go command accepts becomes a URL.
    if let Err(why) = gmd_semantics::module::check_path(module) {
        return report("invalid", Some(why), None);
    }
    if gmd_semantics::module::parse_semver(version).is_none() {
        return report("invalid", Some(format!("`{version}` is not a module version")), None);
    }
    let base = format!("{}/{}", proxy.trim_end_matches('/'), escape(module));
    let get = async |path: String| {
        fetch
            .fetch("GET", &format!("{base}/{path}"), limits.step_ms, MAX_BODY)
            .await
    };
    match get(format!("@v/{}.info", escape(version))).await {
        Ok(answer) if answer.status == 200 => {}
        Ok(answer) if matches!(answer.status, 404 | 410) => {
            return report("missing", Some(body_text(&answer.body)), None);
        }
        Ok(answer) => {
            return report(
                "unreachable",
                Some(format!("the proxy answered {}", answer.status)),
                None,
            );
        }
        Err(failure) => return report("unreachable", Some(failure.message), None),
    }
    // The releases the proxy lists, the newest of the same major version, and its go.mod: the
    // retractions and the deprecation the module's author published last.
    let listed: Vec<String> = match get("@v/list".to_owned()).await {
        Ok(answer) if answer.status == 200 => body_text(&answer.body).lines().map(|l| l.trim().to_owned()).collect(),
        _ => Vec::new(),
    };
    let newest = newest_release(&listed, version);
    let newer = newest.clone().filter(|n| is_newer(n, version));
    let latest = newest.unwrap_or_else(|| version.to_owned());
    let go_mod = match get(format!("@v/{}.mod", escape(&latest))).await {
        Ok(answer) if answer.status == 200 => body_text(&answer.body),
        _ => String::new(),
    };
    let parsed = gmd_gomod::parse(go_mod.lines().enumerate().map(|(i, l)| (i + 1, l)));
    if let Some(retract) = parsed.retracts.iter().find(|r| within(version, &r.low, &r.high)) {
        let why = Some(retract.rationale.clone()).filter(|r| !r.is_empty());
        return report("retracted", why, newer);
    }
    if let Some(message) = parsed.deprecated {
        return report("deprecated", Some(message), newer);
    }
    report("ok", None, newer)
}

fn body_text(body: &[u8]) -> String {
    String::from_utf8_lossy(body).trim().to_owned()
}

fn semver(version: &str) -> Option<semver::Version> {
    semver::Version::parse(version.strip_prefix('v')?).ok()
}

/// The newest release (no pre-release) in `listed` with the major version of `version`.
fn newest_release(listed: &[String], version: &str) -> Option<String> {
    let major = semver(version)?.major;
    listed
        .iter()
        .filter_map(|v| semver(v).map(|s| (s, v)))
        .filter(|(s, _)| s.major == major && s.pre.is_empty())
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, v)| v.clone())
}

fn is_newer(candidate: &str, version: &str) -> bool {
    matches!((semver(candidate), semver(version)), (Some(c), Some(v)) if c > v)
}

/// Whether `version` is in `[low, high]`.
fn within(version: &str, low: &str, high: &str) -> bool {
    match (semver(version), semver(low), semver(high)) {
        (Some(v), Some(l), Some(h)) => l <= v && v <= h,
        _ => version == low || version == high,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Outcome;
    use crate::exchange::{Failure, Fetched};

    /// A proxy in memory: path → (status, body).
    struct Canned(Vec<(&'static str, u16, &'static str)>);

    impl Fetch for Canned {
        async fn fetch(&self, _: &'static str, url: &str, _: u32, _: usize) -> Result<Fetched, Failure> {
            let path = url.strip_prefix("https://proxy.example/").unwrap_or(url);
            match self.0.iter().find(|(p, _, _)| *p == path) {
                Some((_, status, body)) => Ok(Fetched {
                    status: *status,
                    location: None,
                    content_type: None,
                    body: body.as_bytes().to_vec(),
                    truncated: false,
                }),
                None if path.starts_with("down.example/") => {
                    Err(Failure::new(Outcome::Timeout, "no answer within 8 s"))
                }
                None => Ok(Fetched {
                    status: 404,
                    location: None,
                    content_type: None,
                    body: b"not found".to_vec(),
                    truncated: false,
                }),
            }
        }

        fn now_ms(&self) -> f64 {
            0.0
        }
    }

    /// Every await of the canned proxy is ready at once.
    fn run(proxy: &Canned, module: &str, version: &str) -> RequireReport {
        let mut future = std::pin::pin!(check_require(
            proxy,
            "https://proxy.example",
            module,
            version,
            Limits::default()
        ));
        match future
            .as_mut()
            .poll(&mut std::task::Context::from_waker(std::task::Waker::noop()))
        {
            std::task::Poll::Ready(report) => report,
            std::task::Poll::Pending => panic!("a canned fetch never waits"),
        }
    }

    #[test]
    fn existing_retracted_deprecated_missing_and_newer() {
        let proxy = Canned(vec![
            ("example.com/ret/@v/v1.0.0.info", 200, "{}"),
            ("example.com/ret/@v/list", 200, "v1.0.0\nv1.1.0\nv2.0.0-pre\n"),
            (
                "example.com/ret/@v/v1.1.0.mod",
                200,
                "module example.com/ret\n\n// v1.0.0 deletes files on import.\nretract v1.0.0\n",
            ),
            ("example.com/old/@v/v1.5.0.info", 200, "{}"),
            ("example.com/old/@v/list", 200, "v1.5.0\n"),
            (
                "example.com/old/@v/v1.5.0.mod",
                200,
                "// Deprecated: use example.com/new instead.\nmodule example.com/old\n",
            ),
            ("example.com/fine/@v/v1.0.0.info", 200, "{}"),
            ("example.com/fine/@v/list", 200, "v1.0.0\nv1.2.0\n"),
            ("example.com/fine/@v/v1.2.0.mod", 200, "module example.com/fine\n"),
            ("example.com/!upper/@v/v1.0.0.info", 200, "{}"),
        ]);
        let r = run(&proxy, "example.com/ret", "v1.0.0");
        assert_eq!(
            (r.status.as_str(), r.detail.as_deref(), r.newer.as_deref()),
            ("retracted", Some("v1.0.0 deletes files on import."), Some("v1.1.0"))
        );
        let d = run(&proxy, "example.com/old", "v1.5.0");
        assert_eq!(
            (d.status.as_str(), d.detail.as_deref()),
            ("deprecated", Some("use example.com/new instead."))
        );
        let f = run(&proxy, "example.com/fine", "v1.0.0");
        assert_eq!((f.status.as_str(), f.newer.as_deref()), ("ok", Some("v1.2.0")));
        assert_eq!(run(&proxy, "example.com/nosuch", "v1.0.0").status, "missing");
        assert_eq!(
            run(&proxy, "example.com/Upper", "v1.0.0").status,
            "ok",
            "paths are escaped"
        );
        let down = run(&proxy, "down.example/x", "v1.0.0");
        assert_eq!(
            (down.status.as_str(), down.detail.as_deref()),
            ("unreachable", Some("no answer within 8 s"))
        );
    }
}
