//! The effective configuration in words: the GOPROXY chain, each module's route, the way to
//! the checksum database, and what GOTOOLCHAIN will do — as cmd/go would decide it.

use crate::facts::Facts;
use gmd_semantics::proxy::{self, ProxyEntry};
use gmd_semantics::{pattern, sumdb, toolchain};
use gmd_vocabulary::{Localized, Text, texts};

texts! {
    /// One step of the GOPROXY chain.
    enum Step {
        AskThenOnNotFound { url: String } =>
            "asks {url}, and only on 404 or 410 tries the next entry",
            "请求 {url}，仅在 404 或 410 时尝试下一项";
        AskThenOnAnyError { url: String } =>
            "asks {url}, and on any error tries the next entry",
            "请求 {url}，遇到任何错误都尝试下一项";
        AskLast { url: String } => "asks {url}, and nothing after it", "请求 {url}，之后没有其他项";
        Direct =>
            "fetches from the version control repository (direct)",
            "直接从版本控制仓库获取（direct）";
        Off => "refuses to download (off)", "拒绝下载（off）";
    }
}

/// The steps of a GOPROXY chain, in order.
struct Chain(Vec<Step>);

impl Localized for Chain {
    fn en(&self) -> String {
        let steps: Vec<String> = self.0.iter().map(Localized::en).collect();
        format!("the go command {}", steps.join("; then "))
    }
    fn zh(&self) -> String {
        let steps: Vec<String> = self.0.iter().map(Localized::zh).collect();
        format!("go 命令{}", steps.join("；然后"))
    }
}

/// Proxies asked one after the other.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Proxies(Vec<String>);

impl Localized for Proxies {
    fn en(&self) -> String {
        self.0.join(", then ")
    }
    fn zh(&self) -> String {
        self.0.join("，然后")
    }
}

texts! {
    /// The other summaries of the effective configuration.
    enum Summary {
        RejectsList { error: String } => "the go command rejects this list: {error}", "go 命令拒绝这个列表：“{error}”";
        RejectsGosumdb { error: String } => "the go command rejects GOSUMDB: {error}", "go 命令拒绝 GOSUMDB：{error}";
        NoSumdb =>
            "no checksum database: downloaded modules are not verified",
            "没有校验和数据库：下载的模块不经校验";
        SumdbAtUrl { name: String, url: String } =>
            "checksums are verified with {name}, reached at {url} directly (an explicit URL bypasses every proxy)",
            "用 {name} 校验，直接访问 {url}（明确写出的地址会绕过所有代理）";
        SumdbDirect { name: String } =>
            "checksums are verified with {name}, reached directly at https://{name}",
            "用 {name} 校验，直接访问 https://{name}";
        SumdbThroughProxies { name: String, proxies: Proxies } =>
            "checksums are verified with {name}: the go command first asks {proxies} whether it proxies {name} (/sumdb/{name}/supported), and otherwise connects to https://{name}",
            "用 {name} 校验：go 命令先问 {proxies} 是否代理 {name}（/sumdb/{name}/supported），否则直接连接 https://{name}";
        LocalRuns { local: String } => "the local go {local} runs", "运行本地的 go {local}";
        Switches { version: String } =>
            "the go command switches to go {version}, downloading it through GOPROXY as golang.org/toolchain if it is not cached",
            "go 命令切换到 go {version}，如果没有缓存，就通过 GOPROXY 以 golang.org/toolchain 的形式下载";
        LooksInPath { version: String } =>
            "the go command looks for go{version} in PATH",
            "go 命令在 PATH 中查找 go{version}";
        Stops { message: String } => "the go command stops: {message}", "go 命令停止：{message}";
        NeedsStop { go: String, gotoolchain: String } =>
            "go.mod needs go {go} or newer; with GOTOOLCHAIN={gotoolchain} an older local go stops",
            "go.mod 需要 go {go} 或更新版本；GOTOOLCHAIN={gotoolchain} 时，较旧的本地 go 会停止";
        NeedsDownload { go: String, gotoolchain: String } =>
            "go.mod needs go {go} or newer; with GOTOOLCHAIN={gotoolchain} an older local go downloads a newer one",
            "go.mod 需要 go {go} 或更新版本；GOTOOLCHAIN={gotoolchain} 时，较旧的本地 go 会下载更新的版本";
        PasteMore { gotoolchain: String } =>
            "GOTOOLCHAIN={gotoolchain}; paste `go version` and go.mod to see what it does",
            "GOTOOLCHAIN={gotoolchain}；粘贴 `go version` 和 go.mod 可以看到它会怎么做";
    }
}

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
    pub summary: Text,
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
    /// Whether the value was pasted (else it is the default).
    pub pasted: bool,
    pub summary: Text,
}

/// What GOTOOLCHAIN will do with the go.mod lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolchainRoute {
    pub gotoolchain: String,
    /// Whether the value was pasted (else it is the default).
    pub pasted: bool,
    pub go_line: Option<String>,
    pub toolchain_line: Option<String>,
    pub local: Option<String>,
    pub summary: Text,
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
            summary: Text::of(&Summary::RejectsList { error: error.message() }),
            error: Some(error.message()),
        },
    }
}

fn describe_chain(list: &[ProxyEntry]) -> Text {
    let steps = list
        .iter()
        .enumerate()
        .map(|(i, entry)| match entry {
            ProxyEntry::Url { url, .. } if i + 1 == list.len() => Step::AskLast { url: url.clone() },
            ProxyEntry::Url {
                url,
                fallback_on_error: true,
            } => Step::AskThenOnAnyError { url: url.clone() },
            ProxyEntry::Url { url, .. } => Step::AskThenOnNotFound { url: url.clone() },
            ProxyEntry::Direct => Step::Direct,
            ProxyEntry::Off => Step::Off,
        })
        .collect();
    Text::of(&Chain(steps))
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
    gmd_order::sort_dedup(&mut modules);
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
    let pasted = facts.env.value("GOSUMDB").filter(|v| !v.is_empty());
    let value = pasted.unwrap_or("sum.golang.org").to_owned();
    let pasted = pasted.is_some();
    let summary = match sumdb::parse(&value) {
        Err(error) => Summary::RejectsGosumdb {
            error: error.to_string(),
        },
        Ok(sumdb::SumDb::Off) => Summary::NoSumdb,
        Ok(sumdb::SumDb::Database {
            name, url: Some(url), ..
        }) => Summary::SumdbAtUrl { name, url },
        Ok(sumdb::SumDb::Database { name, .. }) => {
            let proxies: Vec<&str> = chain
                .entries
                .iter()
                .map(|e| e.target.as_str())
                .filter(|t| t.contains("://"))
                .collect();
            if proxies.is_empty() {
                Summary::SumdbDirect { name }
            } else {
                Summary::SumdbThroughProxies {
                    name,
                    proxies: Proxies(proxies.iter().map(|p| (*p).to_owned()).collect()),
                }
            }
        }
    };
    let summary = Text::of(&summary);
    SumdbRoute { value, pasted, summary }
}

fn toolchain_route(facts: &Facts<'_>) -> ToolchainRoute {
    let pasted = facts.env.value("GOTOOLCHAIN").filter(|v| !v.is_empty());
    let gotoolchain = pasted.unwrap_or("auto").to_owned();
    let pasted = pasted.is_some();
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
            toolchain::Decision::Local => Summary::LocalRuns { local: local.clone() },
            toolchain::Decision::Switch {
                version,
                download: true,
            } => Summary::Switches { version },
            toolchain::Decision::Switch {
                version,
                download: false,
            } => Summary::LooksInPath { version },
            toolchain::Decision::Refuse(message) => Summary::Stops { message },
        },
        (None, Some(go)) if gotoolchain == "local" => Summary::NeedsStop {
            go: go.clone(),
            gotoolchain: gotoolchain.clone(),
        },
        (None, Some(go)) => Summary::NeedsDownload {
            go: go.clone(),
            gotoolchain: gotoolchain.clone(),
        },
        (None, None) => Summary::PasteMore {
            gotoolchain: gotoolchain.clone(),
        },
    };
    let summary = Text::of(&summary);
    ToolchainRoute {
        gotoolchain,
        pasted,
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
        assert!(!c.sumdb.pasted && !c.toolchain.pasted, "defaults, not pasted");
        let pasted = config("GOSUMDB='off'\nGOTOOLCHAIN='local'\n");
        assert!(pasted.sumdb.pasted && pasted.toolchain.pasted);
        assert_eq!(
            (pasted.sumdb.value.as_str(), pasted.toolchain.gotoolchain.as_str()),
            ("off", "local")
        );
        assert_eq!(
            c.goproxy.summary.en,
            "the go command asks https://proxy.golang.org, and only on 404 or 410 tries the next entry; then fetches from the version control repository (direct)"
        );
        assert_eq!(
            c.sumdb.summary.en,
            "checksums are verified with sum.golang.org: the go command first asks https://proxy.golang.org whether it proxies sum.golang.org (/sumdb/sum.golang.org/supported), and otherwise connects to https://sum.golang.org"
        );
        assert_eq!(
            c.toolchain.summary.en,
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
            c.toolchain.summary.en,
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
                .en
                .contains("reached at https://sum.golang.google.cn directly")
        );
        assert_eq!(
            config("GOSUMDB=off\n").sumdb.summary.en,
            "no checksum database: downloaded modules are not verified"
        );
    }
}
