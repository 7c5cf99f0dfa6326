//! The effective configuration in words: the GOPROXY chain, each module's route, the way to
//! the checksum database, and what GOTOOLCHAIN will do — as cmd/go would decide it.

use crate::facts::Facts;
use gmd_semantics::proxy::{self, ProxyEntry};
use gmd_semantics::{pattern, sumdb, toolchain};

/// One step of the GOPROXY chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainEntry {
    /// A proxy URL, `direct` or `off`.
    pub target: String,
    /// When the go command moves on to the next entry.
    pub next_on: &'static str,
}

/// The GOPROXY list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyChain {
    pub value: String,
    /// Whether the value was pasted (else it is the default).
    pub pasted: bool,
    pub entries: Vec<ChainEntry>,
    /// The go command's error when it rejects the list.
    pub error: Option<String>,
    pub summary: String,
}

/// How one module is fetched and verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub module: String,
    /// `proxy` (through the GOPROXY chain) or `direct` (from its repository).
    pub fetch: &'static str,
    /// The GONOPROXY/GOPRIVATE pattern that sends it direct.
    pub direct_because: Option<String>,
    pub checksum_db: bool,
    /// The GONOSUMDB/GOPRIVATE pattern that exempts it.
    pub unchecked_because: Option<String>,
    /// Whether GOINSECURE covers it.
    pub insecure: bool,
}

/// The checksum database and how it is reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumdbRoute {
    pub value: String,
    pub summary: String,
}

/// What GOTOOLCHAIN will do with the go.mod lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolchainRoute {
    pub gotoolchain: String,
    pub go_line: Option<String>,
    pub toolchain_line: Option<String>,
    pub local: Option<String>,
    pub summary: String,
}

/// The whole effective configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub goproxy: ProxyChain,
    pub routes: Vec<Route>,
    pub sumdb: SumdbRoute,
    pub toolchain: ToolchainRoute,
}

/// At most this many module routes are listed.
const MAX_ROUTES: usize = 50;

pub(crate) fn explain(facts: &Facts<'_>) -> Config {
    let goproxy = chain(facts);
    let routes = routes(facts, &goproxy);
    Config {
        sumdb: sumdb_route(facts, &goproxy),
        toolchain: toolchain_route(facts),
        goproxy,
        routes,
    }
}

fn chain(facts: &Facts<'_>) -> ProxyChain {
    let value = facts.goproxy().to_owned();
    let pasted = facts.env.value("GOPROXY").is_some_and(|v| !v.is_empty());
    match proxy::parse(&value) {
        Ok(list) => {
            let entries: Vec<ChainEntry> = list
                .iter()
                .map(|e| match e {
                    ProxyEntry::Url {
                        url,
                        fallback_on_error: true,
                    } => ChainEntry {
                        target: url.clone(),
                        next_on: "any error",
                    },
                    ProxyEntry::Url {
                        url,
                        fallback_on_error: false,
                    } => ChainEntry {
                        target: url.clone(),
                        next_on: "404 or 410 only",
                    },
                    ProxyEntry::Direct => ChainEntry {
                        target: "direct".into(),
                        next_on: "",
                    },
                    ProxyEntry::Off => ChainEntry {
                        target: "off".into(),
                        next_on: "",
                    },
                })
                .collect();
            let summary = describe_chain(&list);
            ProxyChain {
                value,
                pasted,
                entries,
                error: None,
                summary,
            }
        }
        Err(error) => ProxyChain {
            value,
            pasted,
            entries: Vec::new(),
            summary: format!("the go command rejects this list: {}", error.message()),
            error: Some(error.message()),
        },
    }
}

fn describe_chain(list: &[ProxyEntry]) -> String {
    let mut parts = Vec::new();
    for (i, entry) in list.iter().enumerate() {
        let step = match entry {
            ProxyEntry::Url { url, fallback_on_error } => {
                let next = if i + 1 < list.len() {
                    if *fallback_on_error {
                        ", and on any error tries the next entry"
                    } else {
                        ", and only on 404 or 410 tries the next entry"
                    }
                } else {
                    ", and nothing after it"
                };
                format!("asks {url}{next}")
            }
            ProxyEntry::Direct => "fetches from the version control repository (direct)".to_owned(),
            ProxyEntry::Off => "refuses to download (off)".to_owned(),
        };
        parts.push(step);
    }
    format!("the go command {}", parts.join("; then "))
}

fn routes(facts: &Facts<'_>, chain: &ProxyChain) -> Vec<Route> {
    let mut modules: Vec<String> = facts
        .gomod
        .iter()
        .flat_map(|m| m.requires.iter().map(|r| r.path.value.clone()))
        .collect();
    modules.extend(
        facts
            .events
            .iter()
            .filter_map(|e| e.module.clone())
            .filter(|m| gmd_semantics::module::check_path(m).is_ok()),
    );
    modules.sort();
    modules.dedup();
    modules.truncate(MAX_ROUTES);
    let gosumdb = sumdb::parse(facts.env.value_or_empty("GOSUMDB")).ok();
    let only_direct = chain.entries.first().is_some_and(|e| e.target == "direct");
    modules
        .into_iter()
        .map(|module| {
            let direct_because = pattern::matching_pattern(facts.gonoproxy(), &module).map(str::to_owned);
            let unchecked_because = pattern::matching_pattern(facts.gonosumdb(), &module).map(str::to_owned);
            let checksum_db = gosumdb
                .as_ref()
                .is_some_and(|db| sumdb::is_checked(db, facts.gonosumdb(), &module));
            Route {
                fetch: if direct_because.is_some() || only_direct {
                    "direct"
                } else {
                    "proxy"
                },
                insecure: pattern::match_prefix_patterns(facts.env.value_or_empty("GOINSECURE"), &module),
                module,
                direct_because,
                checksum_db,
                unchecked_because,
            }
        })
        .collect()
}

fn sumdb_route(facts: &Facts<'_>, chain: &ProxyChain) -> SumdbRoute {
    let value = facts
        .env
        .value("GOSUMDB")
        .filter(|v| !v.is_empty())
        .unwrap_or("sum.golang.org")
        .to_owned();
    let summary = match sumdb::parse(&value) {
        Err(error) => format!("the go command rejects GOSUMDB: {error}"),
        Ok(sumdb::SumDb::Off) => "no checksum database: downloaded modules are not verified".to_owned(),
        Ok(sumdb::SumDb::Database {
            name, url: Some(url), ..
        }) => {
            format!(
                "checksums are verified with {name}, reached at {url} directly (an explicit URL bypasses every proxy)"
            )
        }
        Ok(sumdb::SumDb::Database { name, .. }) => {
            let proxies: Vec<&str> = chain
                .entries
                .iter()
                .map(|e| e.target.as_str())
                .filter(|t| t.contains("://"))
                .collect();
            if proxies.is_empty() {
                format!("checksums are verified with {name}, reached directly at https://{name}")
            } else {
                format!(
                    "checksums are verified with {name}: the go command first asks {} whether it proxies {name} (/sumdb/{name}/supported), and otherwise connects to https://{name}",
                    proxies.join(", then ")
                )
            }
        }
    };
    SumdbRoute { value, summary }
}

fn toolchain_route(facts: &Facts<'_>) -> ToolchainRoute {
    let gotoolchain = facts
        .env
        .value("GOTOOLCHAIN")
        .filter(|v| !v.is_empty())
        .unwrap_or("auto")
        .to_owned();
    let go_line = facts
        .gomod
        .as_ref()
        .and_then(|m| m.go.as_ref())
        .map(|g| g.value.clone());
    let toolchain_line = facts
        .gomod
        .as_ref()
        .and_then(|m| m.toolchain.as_ref())
        .map(|t| t.value.clone());
    let local = facts.go_version.clone();
    let summary = match (&local, &go_line) {
        (Some(local), _) => match toolchain::decide(&gotoolchain, local, go_line.as_deref(), toolchain_line.as_deref())
        {
            toolchain::Decision::Local => format!("the local go {local} runs"),
            toolchain::Decision::Switch {
                version,
                download: true,
            } => {
                format!(
                    "the go command switches to go {version}, downloading it through GOPROXY as golang.org/toolchain if it is not cached"
                )
            }
            toolchain::Decision::Switch {
                version,
                download: false,
            } => format!("the go command looks for go{version} in PATH"),
            toolchain::Decision::Refuse(message) => format!("the go command stops: {message}"),
        },
        (None, Some(go)) => format!(
            "go.mod needs go {go} or newer; with GOTOOLCHAIN={gotoolchain} an older local go {}",
            if gotoolchain == "local" {
                "stops"
            } else {
                "downloads a newer one"
            }
        ),
        (None, None) => format!("GOTOOLCHAIN={gotoolchain}; paste `go version` and go.mod to see what it does"),
    };
    ToolchainRoute {
        gotoolchain,
        go_line,
        toolchain_line,
        local,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(input: &str) -> Config {
        explain(&Facts::new(input))
    }

    #[test]
    fn describes_the_default_setup() {
        let c = config("");
        assert!(!c.goproxy.pasted);
        assert_eq!(
            c.goproxy.summary,
            "the go command asks https://proxy.golang.org, and only on 404 or 410 tries the next entry; then fetches from the version control repository (direct)"
        );
        assert_eq!(
            c.sumdb.summary,
            "checksums are verified with sum.golang.org: the go command first asks https://proxy.golang.org whether it proxies sum.golang.org (/sumdb/sum.golang.org/supported), and otherwise connects to https://sum.golang.org"
        );
        assert_eq!(
            c.toolchain.summary,
            "GOTOOLCHAIN=auto; paste `go version` and go.mod to see what it does"
        );
    }

    #[test]
    fn routes_each_module() {
        let c = config(
            "GOPROXY='https://goproxy.cn|direct'\nGOPRIVATE='git.corp.example'\nGONOSUMDB='github.com/acme'\nGOVERSION='go1.22.1'\nGOTOOLCHAIN='local'\n\nmodule example.com/app\n\ngo 1.23.0\n\nrequire (\n\tgit.corp.example/platform/auth v1.2.0\n\tgithub.com/acme/billing v0.3.1\n\tgithub.com/sirupsen/logrus v1.9.3\n)\n",
        );
        let routes: Vec<(&str, &str, bool)> = c
            .routes
            .iter()
            .map(|r| (r.module.as_str(), r.fetch, r.checksum_db))
            .collect();
        assert_eq!(
            routes,
            vec![
                ("git.corp.example/platform/auth", "direct", true),
                ("github.com/acme/billing", "proxy", false),
                ("github.com/sirupsen/logrus", "proxy", true)
            ]
        );
        assert_eq!(c.routes[0].direct_because.as_deref(), Some("git.corp.example"));
        assert_eq!(
            c.goproxy.entries[0],
            ChainEntry {
                target: "https://goproxy.cn".into(),
                next_on: "any error"
            }
        );
        assert_eq!(
            c.toolchain.summary,
            "the go command stops: go.mod requires go >= 1.23.0 (running go 1.22.1; GOTOOLCHAIN=local)"
        );
    }

    #[test]
    fn explains_rejected_and_special_settings() {
        let c = config("GOPROXY=','\nGOSUMDB='sum.golang.google.cn'\n");
        assert_eq!(
            c.goproxy.error.as_deref(),
            Some("GOPROXY list is not the empty string, but contains no entries")
        );
        assert!(
            c.sumdb
                .summary
                .contains("reached at https://sum.golang.google.cn directly")
        );
        assert_eq!(
            config("GOSUMDB=off\n").sumdb.summary,
            "no checksum database: downloaded modules are not verified"
        );
    }
}
