//! The requests of one probe, built by the probe itself from a validated module path and
//! version: nothing the user typed reaches a URL unchecked.

use crate::target::Target;
use gmd_semantics::module;

/// What a step asks the mirror.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    List,
    Latest,
    Info,
    Mod,
    /// The zip, by HEAD (its existence and size, not its bytes).
    Zip,
    /// `/sumdb/sum.golang.org/supported`.
    SumdbSupported,
    /// The checksum-database lookup for the version, through the mirror.
    SumdbLookup,
    /// The tile of the checksum database's tree that holds the lookup's record, through the
    /// mirror (what the go command fetches to check the record is in the signed tree).
    SumdbTile,
    /// `golang.org/toolchain`'s zip for a Go version, by HEAD (what the go command downloads to switch).
    Toolchain,
}

impl StepKind {
    pub fn code(self) -> &'static str {
        match self {
            StepKind::List => "list",
            StepKind::Latest => "latest",
            StepKind::Info => "info",
            StepKind::Mod => "mod",
            StepKind::Zip => "zip",
            StepKind::SumdbSupported => "sumdb_supported",
            StepKind::SumdbLookup => "sumdb_lookup",
            StepKind::SumdbTile => "sumdb_tile",
            StepKind::Toolchain => "toolchain",
        }
    }

    /// The most body bytes read for this step: enough for any real answer, bounded for a hostile
    /// one.
    pub fn max_body(self) -> usize {
        match self {
            StepKind::List => 64 * 1024,
            StepKind::Mod => 64 * 1024,
            StepKind::SumdbLookup => 16 * 1024,
            // 256 hashes of 32 bytes.
            StepKind::SumdbTile => 8 * 1024,
            StepKind::Zip | StepKind::Toolchain => 0,
            _ => 4 * 1024,
        }
    }
}

/// One request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub kind: StepKind,
    pub method: &'static str,
    pub url: String,
}

/// The hashes in a full tile (tlog's tile height 8).
pub const TILE_WIDTH: u64 = 256;

/// The level-0 tile holding `record` in a tree of `tree_size` records, as the go command asks
/// for it (`tile/8/0/x001/234`, partial ones `….p/<width>`); none when the record is outside
/// the tree.
pub fn tile_step(target: &Target, record: u64, tree_size: u64) -> Option<Step> {
    let index = record / TILE_WIDTH;
    let width = tree_size.checked_sub(index * TILE_WIDTH)?.min(TILE_WIDTH);
    (record < tree_size && width > 0).then_some(())?;
    // tlog's path for a tile index: three-digit groups, all but the last prefixed with `x`.
    let mut groups = vec![format!("{:03}", index % 1000)];
    let mut rest = index / 1000;
    while rest > 0 {
        groups.push(format!("x{:03}", rest % 1000));
        rest /= 1000;
    }
    groups.reverse();
    let partial = if width < TILE_WIDTH {
        format!(".p/{width}")
    } else {
        String::new()
    };
    Some(Step {
        kind: StepKind::SumdbTile,
        method: "GET",
        url: format!(
            "{}/sumdb/sum.golang.org/tile/8/0/{}{partial}",
            target.base(),
            groups.join("/")
        ),
    })
}

/// Why a module or version cannot be probed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    Module(String),
    Version(String),
    GoVersion(String),
}

/// The steps for `module` at `version` (`None` or `latest` for the latest), and the toolchain
/// module for Go `go_version` (e.g. `1.23.4`) when given.
pub fn plan(
    target: &Target,
    module_path: &str,
    version: Option<&str>,
    go_version: Option<&str>,
) -> Result<Vec<Step>, PlanError> {
    module::check_path(module_path)
        .map_err(|reason| PlanError::Module(format!("malformed module path {module_path:?}: {reason}")))?;
    let base = target.base();
    let escaped = module::escape(module_path);
    let get = |kind, url: String| Step {
        kind,
        method: "GET",
        url,
    };
    let mut steps = vec![
        get(StepKind::List, format!("{base}/{escaped}/@v/list")),
        get(StepKind::Latest, format!("{base}/{escaped}/@latest")),
    ];
    match version.filter(|v| *v != "latest") {
        Some(version) => {
            if !module::is_canonical(version) {
                return Err(PlanError::Version(format!(
                    "`{version}` is not a canonical version such as v1.2.3"
                )));
            }
            let v = module::escape(version);
            steps.push(get(StepKind::Info, format!("{base}/{escaped}/@v/{v}.info")));
            steps.push(get(StepKind::Mod, format!("{base}/{escaped}/@v/{v}.mod")));
            steps.push(Step {
                kind: StepKind::Zip,
                method: "HEAD",
                url: format!("{base}/{escaped}/@v/{v}.zip"),
            });
            steps.push(get(
                StepKind::SumdbSupported,
                format!("{base}/sumdb/sum.golang.org/supported"),
            ));
            steps.push(get(
                StepKind::SumdbLookup,
                format!("{base}/sumdb/sum.golang.org/lookup/{escaped}@{v}"),
            ));
        }
        None => steps.push(get(
            StepKind::SumdbSupported,
            format!("{base}/sumdb/sum.golang.org/supported"),
        )),
    }
    if let Some(go) = go_version {
        // Releases since 1.21 are named with three parts (go1.21.0); 1.21 alone is a language.
        let language_only =
            gmd_semantics::gover::is_lang(go) && gmd_semantics::gover::compare(go, "1.21") != std::cmp::Ordering::Less;
        if !gmd_semantics::gover::is_valid(go) || language_only {
            return Err(PlanError::GoVersion(format!(
                "`{go}` is not a Go release such as 1.23.4"
            )));
        }
        // The zip the go command downloads to switch toolchains, by HEAD.
        let toolchain = gmd_semantics::toolchain::toolchain_module_version(go, "linux", "amd64");
        steps.push(Step {
            kind: StepKind::Toolchain,
            method: "HEAD",
            url: format!("{base}/golang.org/toolchain/@v/{toolchain}.zip"),
        });
    }
    Ok(steps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::{Policy, validate};

    #[test]
    fn builds_protocol_urls_from_validated_parts() {
        let target = validate("https://mirrors.aliyun.com/goproxy/", Policy::Public).unwrap();
        let steps = plan(&target, "github.com/Sirupsen/logrus", Some("v1.9.3"), Some("1.23.4")).unwrap();
        let urls: Vec<String> = steps
            .iter()
            .map(|s| format!("{} {} {}", s.kind.code(), s.method, s.url))
            .collect();
        assert_eq!(
            urls,
            vec![
                "list GET https://mirrors.aliyun.com/goproxy/github.com/!sirupsen/logrus/@v/list",
                "latest GET https://mirrors.aliyun.com/goproxy/github.com/!sirupsen/logrus/@latest",
                "info GET https://mirrors.aliyun.com/goproxy/github.com/!sirupsen/logrus/@v/v1.9.3.info",
                "mod GET https://mirrors.aliyun.com/goproxy/github.com/!sirupsen/logrus/@v/v1.9.3.mod",
                "zip HEAD https://mirrors.aliyun.com/goproxy/github.com/!sirupsen/logrus/@v/v1.9.3.zip",
                "sumdb_supported GET https://mirrors.aliyun.com/goproxy/sumdb/sum.golang.org/supported",
                "sumdb_lookup GET https://mirrors.aliyun.com/goproxy/sumdb/sum.golang.org/lookup/github.com/!sirupsen/logrus@v1.9.3",
                "toolchain HEAD https://mirrors.aliyun.com/goproxy/golang.org/toolchain/@v/v0.0.1-go1.23.4.linux-amd64.zip",
            ]
        );
        assert_eq!(plan(&target, "golang.org/x/text", None, None).unwrap().len(), 3);
    }

    #[test]
    fn refuses_what_is_not_a_module_or_version() {
        let target = validate("https://proxy.golang.org", Policy::Public).unwrap();
        for (module, version) in [
            ("../../etc/passwd", None),
            ("github.com/x/y?a=b", None),
            ("x", None),
            ("github.com/x/y", Some("v1.0")),
            ("github.com/x/y", Some("master/../../x")),
        ] {
            assert!(plan(&target, module, version, None).is_err(), "{module} {version:?}");
        }
        assert!(plan(&target, "github.com/x/y", Some("v1.0.0"), Some("1.23/../x")).is_err());
        assert!(
            plan(&target, "github.com/x/y", None, Some("1.23")).is_err(),
            "a language version is no release"
        );
        assert!(
            plan(&target, "github.com/x/y", None, Some("1.20")).is_ok(),
            "go1.20 is a release name"
        );
    }

    #[test]
    fn the_tile_of_a_record_is_named_as_tlog_names_it() {
        let target = crate::target::validate("https://goproxy.example", crate::target::Policy::Public).unwrap();
        let url = |record, size| tile_step(&target, record, size).map(|s| s.url);
        assert_eq!(
            url(5, 1000).as_deref(),
            Some("https://goproxy.example/sumdb/sum.golang.org/tile/8/0/000")
        );
        assert_eq!(
            url(300, 400).as_deref(),
            Some("https://goproxy.example/sumdb/sum.golang.org/tile/8/0/001.p/144")
        );
        assert_eq!(
            url(1_234_067 * 256 + 3, 400_000_000).as_deref(),
            Some("https://goproxy.example/sumdb/sum.golang.org/tile/8/0/x001/x234/067")
        );
        assert_eq!(url(10, 10), None, "a record outside the tree");
    }
}
