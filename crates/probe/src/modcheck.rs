//! A go.mod checked against a module proxy: for each requirement, does the version exist, does
//! its go.mod declare the path it is required as, was it retracted (the `retract` directives of
//! the module's latest go.mod, with their rationale), is the module deprecated (`// Deprecated:`),
//! is there a newer release of the same major version; for the `go` and `toolchain` lines, is the
//! toolchain the go command would switch to served. The IO is the caller's ([`Fetch`]): the CLI
//! fetches from the user's machine, the worker from its `Prober` objects.

use crate::run::{Fetch, Limits};
use gmd_semantics::module::escape;
use serde::{Deserialize, Serialize};

/// One line of a go.mod to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Item {
    /// `require module version`.
    Require { module: String, version: String },
    /// A `go` or `toolchain` line (`line`, as written) and the toolchain the go command would
    /// download for it (`go1.22.0`).
    Toolchain { line: String, toolchain: String },
}

/// What a go.mod asks the proxy for: its requirements, then the toolchains its `go` and
/// `toolchain` lines make the go command download (Go 1.21 and later). A `go` line names a
/// language version's first release as cmd/go does (`go 1.22` → `go1.22.0`); lines before 1.21
/// download nothing.
pub fn items(gomod: &gmd_gomod::GoMod) -> Vec<Item> {
    let mut items: Vec<Item> = gomod
        .requires
        .iter()
        .map(|r| Item::Require {
            module: r.path.value.clone(),
            version: r.version.value.clone(),
        })
        .collect();
    use gmd_semantics::gover;
    if let Some(go) = gomod.go.as_ref().map(|g| g.value.as_str())
        && gover::is_valid(go)
        && gover::compare(go, "1.21") != std::cmp::Ordering::Less
    {
        items.push(Item::Toolchain {
            line: format!("go {go}"),
            toolchain: format!("go{}", gover::first_release(go)),
        });
    }
    if let Some(toolchain) = gomod.toolchain.as_ref().map(|t| t.value.as_str()) {
        let already = items
            .iter()
            .any(|i| matches!(i, Item::Toolchain { toolchain: t, .. } if t == toolchain));
        // Other names (`mycorp-go1.22.0`) are custom toolchains looked up in PATH first.
        if toolchain.starts_with("go") && !already {
            items.push(Item::Toolchain {
                line: format!("toolchain {toolchain}"),
                toolchain: toolchain.to_owned(),
            });
        }
    }
    items
}

/// What one line's check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequireReport {
    /// The module (`golang.org/toolchain` for a `go` or `toolchain` line).
    pub module: String,
    /// The version required, or the toolchain a `go`/`toolchain` line asks for (`go1.22.0`).
    pub version: String,
    /// `ok`, `missing`, `mismatch` (its go.mod declares another path), `retracted`,
    /// `deprecated`, `unreachable`, or `invalid` (not a module path and version, or a toolchain
    /// name, the go command accepts: nothing is fetched).
    pub status: String,
    /// The retraction's rationale, the deprecation message, the path the module declares, or
    /// why the proxy could not answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// A newer release of the same major version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newer: Option<String>,
    /// The go.mod line a toolchain was checked for (`go 1.22`, `toolchain go1.22.3`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<String>,
}

impl RequireReport {
    /// `item` could not be checked: `why`.
    pub fn unreachable(item: &Item, why: String) -> RequireReport {
        let (module, version, line) = match item {
            Item::Require { module, version } => (module.clone(), version.clone(), None),
            Item::Toolchain { line, toolchain } => (
                gmd_semantics::toolchain::TOOLCHAIN_MODULE.to_owned(),
                toolchain.clone(),
                Some(line.clone()),
            ),
        };
        RequireReport {
            module,
            version,
            status: "unreachable".to_owned(),
            detail: Some(why),
            newer: None,
            line,
        }
    }

    /// How to name what was checked: `module@version`, or the go.mod line and its toolchain.
    pub fn label(&self) -> String {
        match &self.line {
            Some(line) if line.ends_with(&self.version) => line.clone(),
            Some(line) => format!("{line} ({})", self.version),
            None => format!("{}@{}", self.module, self.version),
        }
    }
}

/// The platform whose toolchain zip stands for a release: the proxy serves a release for every
/// platform or for none.
const TOOLCHAIN_PLATFORM: (&str, &str) = ("linux", "amd64");

/// Checks one line of a go.mod on `proxy` (a GOPROXY URL).
pub async fn check<F: Fetch>(fetch: &F, proxy: &str, item: &Item, limits: Limits) -> RequireReport {
    match item {
        Item::Require { module, version } => check_require(fetch, proxy, module, version, limits).await,
        Item::Toolchain { line, toolchain } => check_toolchain(fetch, proxy, line, toolchain, limits).await,
    }
}

/// Whether the toolchain `name` (`go1.22.0`) is served, as `golang.org/toolchain`'s
/// `v0.0.1-go1.22.0.linux-amd64`: the module the go command downloads to switch.
async fn check_toolchain<F: Fetch>(fetch: &F, proxy: &str, line: &str, name: &str, limits: Limits) -> RequireReport {
    use gmd_semantics::toolchain::{TOOLCHAIN_MODULE, toolchain_module_version};
    let report = |status: &str, detail: Option<String>| RequireReport {
        module: TOOLCHAIN_MODULE.to_owned(),
        version: name.to_owned(),
        status: status.to_owned(),
        detail,
        newer: None,
        line: Some(line.to_owned()),
    };
    // cmd/go's own test: a name the go command cannot read is refused before any download.
    if gmd_semantics::gover::from_toolchain(name).is_none() || name.contains(['/', ' ']) {
        return report("invalid", Some(format!("invalid toolchain \"{name}\"")));
    }
    let (goos, goarch) = TOOLCHAIN_PLATFORM;
    let module_version = toolchain_module_version(&name[2..], goos, goarch);
    let url = format!(
        "{}/{TOOLCHAIN_MODULE}/@v/{}.info",
        proxy.trim_end_matches('/'),
        escape(&module_version)
    );
    match fetch.fetch("GET", &url, limits.step_ms, MAX_BODY).await {
        Ok(answer) if answer.status == 200 => report("ok", None),
        Ok(answer) if matches!(answer.status, 404 | 410) => report(
            "missing",
            Some(format!(
                "{TOOLCHAIN_MODULE}@{module_version} is not served ({}): the go command stops with `download {name} for {goos}/{goarch}: toolchain not available`",
                answer.status
            )),
        ),
        Ok(answer) => report("unreachable", Some(format!("the proxy answered {}", answer.status))),
        Err(failure) => report("unreachable", Some(failure.message)),
    }
}

/// The bodies read: version lists and go.mod files are small.
const MAX_BODY: usize = 256 * 1024;

/// Checks `module@version` on `proxy` (a GOPROXY URL).
async fn check_require<F: Fetch>(fetch: &F, proxy: &str, module: &str, version: &str, limits: Limits) -> RequireReport {
    let report = |status: &str, detail: Option<String>, newer| RequireReport {
        module: module.to_owned(),
        version: version.to_owned(),
        status: status.to_owned(),
        detail,
        newer,
        line: None,
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
    let go_mod = async |version: &str| match get(format!("@v/{}.mod", escape(version))).await {
        Ok(answer) if answer.status == 200 => {
            let text = body_text(&answer.body);
            gmd_gomod::parse(text.lines().enumerate().map(|(i, l)| (i + 1, l)))
        }
        _ => gmd_gomod::parse(std::iter::empty()),
    };
    // The version's own go.mod must declare the path it is required as (cmd/go stops with
    // "module declares its path as: X but was required as: Y").
    let own = go_mod(version).await;
    if let Some(declared) = own.module.as_ref().map(|m| m.value.as_str()).filter(|d| *d != module) {
        return report(
            "mismatch",
            Some(format!(
                "module declares its path as: {declared} but was required as: {module}"
            )),
            newer,
        );
    }
    let parsed = if latest == version { own } else { go_mod(&latest).await };
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
        let item = Item::Require {
            module: module.to_owned(),
            version: version.to_owned(),
        };
        run_item(proxy, &item)
    }

    fn run_item(proxy: &Canned, item: &Item) -> RequireReport {
        let mut future = std::pin::pin!(check(proxy, "https://proxy.example", item, Limits::default()));
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
            ("example.com/renamed/@v/v1.0.0.info", 200, "{}"),
            ("example.com/renamed/@v/list", 200, "v1.0.0\n"),
            ("example.com/renamed/@v/v1.0.0.mod", 200, "module example.com/newname\n"),
        ]);
        let m = run(&proxy, "example.com/renamed", "v1.0.0");
        assert_eq!(
            (m.status.as_str(), m.detail.as_deref()),
            (
                "mismatch",
                Some("module declares its path as: example.com/newname but was required as: example.com/renamed")
            )
        );
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

    fn go_mod(text: &str) -> gmd_gomod::GoMod {
        gmd_gomod::parse(text.lines().enumerate().map(|(i, l)| (i + 1, l)))
    }

    #[test]
    fn go_and_toolchain_lines_name_the_toolchain_the_go_command_downloads() {
        let names = |text: &str| -> Vec<(String, String)> {
            items(&go_mod(text))
                .into_iter()
                .filter_map(|i| match i {
                    Item::Toolchain { line, toolchain } => Some((line, toolchain)),
                    Item::Require { .. } => None,
                })
                .collect()
        };
        let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(names("module m\ngo 1.22\n"), vec![pair("go 1.22", "go1.22.0")]);
        assert_eq!(names("module m\ngo 1.22.3\n"), vec![pair("go 1.22.3", "go1.22.3")]);
        assert_eq!(
            names("module m\ngo 1.20\n"),
            vec![],
            "before 1.21 nothing is downloaded"
        );
        assert_eq!(
            names("module m\ngo 1.21\ntoolchain go1.22.5\n"),
            vec![pair("go 1.21", "go1.21.0"), pair("toolchain go1.22.5", "go1.22.5")]
        );
        assert_eq!(
            names("module m\ngo 1.22.5\ntoolchain go1.22.5\n"),
            vec![pair("go 1.22.5", "go1.22.5")]
        );
        assert_eq!(
            names("module m\ngo 1.22\ntoolchain mycorp-go1.22.0\n"),
            vec![pair("go 1.22", "go1.22.0")]
        );
        assert_eq!(
            items(&go_mod("module m\nrequire a.example/b v1.0.0\n")),
            vec![Item::Require {
                module: "a.example/b".to_owned(),
                version: "v1.0.0".to_owned()
            }]
        );
    }

    #[test]
    fn a_toolchain_is_served_missing_or_invalid() {
        let proxy = Canned(vec![(
            "golang.org/toolchain/@v/v0.0.1-go1.22.0.linux-amd64.info",
            200,
            "{}",
        )]);
        let item = |line: &str, toolchain: &str| Item::Toolchain {
            line: line.to_owned(),
            toolchain: toolchain.to_owned(),
        };
        let ok = run_item(&proxy, &item("go 1.22", "go1.22.0"));
        assert_eq!(
            (ok.status.as_str(), ok.label()),
            ("ok", "go 1.22 (go1.22.0)".to_owned())
        );
        let missing = run_item(&proxy, &item("toolchain go1.99.1", "go1.99.1"));
        assert_eq!(
            (missing.status.as_str(), missing.label()),
            ("missing", "toolchain go1.99.1".to_owned())
        );
        assert_eq!(
            missing.detail.as_deref(),
            Some(
                "golang.org/toolchain@v0.0.1-go1.99.1.linux-amd64 is not served (404): the go command stops with `download go1.99.1 for linux/amd64: toolchain not available`"
            )
        );
        assert_eq!(run_item(&proxy, &item("toolchain go1.x", "go1.x")).status, "invalid");
    }
}
