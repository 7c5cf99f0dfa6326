//! GOPROXY lists, parsed as `modfetch.proxyList` does.

/// One entry of the GOPROXY list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxyEntry {
    /// A module proxy URL (with `https://` added when the entry had no scheme).
    Url {
        url: String,
        /// The separator after it was `|`: fall back to the next entry on any error, not only
        /// on 404 and 410.
        fallback_on_error: bool,
    },
    /// `direct`: fetch from the version control system. Ends the list.
    Direct,
    /// `off`: refuse to download. Ends the list.
    Off,
}

/// Why cmd/go rejects a GOPROXY value, with the message it prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxyListError {
    /// `GOPROXY list is not the empty string, but contains no entries`.
    NoEntries,
    /// An entry that is no URL: a single word other than `direct`/`off`, or an unparsable URL.
    InvalidUrl { entry: String, message: String },
}

impl ProxyListError {
    /// The go command's own message.
    pub fn message(&self) -> String {
        match self {
            ProxyListError::NoEntries => "GOPROXY list is not the empty string, but contains no entries".to_owned(),
            ProxyListError::InvalidUrl { message, .. } => message.clone(),
        }
    }
}

/// The default when GOPROXY is empty (from `$GOROOT/go.env`).
pub const DEFAULT_GOPROXY: &str = "https://proxy.golang.org,direct";

/// Parses a GOPROXY value. An empty value means the default.
pub fn parse(goproxy: &str) -> Result<Vec<ProxyEntry>, ProxyListError> {
    let goproxy = if goproxy.is_empty() { DEFAULT_GOPROXY } else { goproxy };
    let mut list = Vec::new();
    let mut rest = goproxy;
    while !rest.is_empty() {
        let (raw, fallback_on_error, next) = match rest.find([',', '|']) {
            Some(i) => (&rest[..i], rest.as_bytes()[i] == b'|', &rest[i + 1..]),
            None => (rest, false, ""),
        };
        rest = next;
        let entry = raw.trim();
        if entry.is_empty() {
            continue;
        }
        if entry == "off" {
            list.push(ProxyEntry::Off);
            break;
        }
        if entry == "direct" {
            list.push(ProxyEntry::Direct);
            break;
        }
        let url = if entry.contains(['.', ':', '/']) && !entry.contains(":/") && !entry.starts_with('/') {
            format!("https://{entry}")
        } else {
            entry.to_owned()
        };
        check_url(&url)?;
        list.push(ProxyEntry::Url { url, fallback_on_error });
    }
    if list.is_empty() {
        return Err(ProxyListError::NoEntries);
    }
    Ok(list)
}

/// The checks `newProxyRepo` and `url.Parse` make.
fn check_url(url: &str) -> Result<(), ProxyListError> {
    let invalid = |message: String| {
        Err(ProxyListError::InvalidUrl {
            entry: url.to_owned(),
            message,
        })
    };
    let Some((scheme, rest)) = url.split_once(':') else {
        return invalid(format!("invalid proxy URL missing scheme: {url}"));
    };
    let scheme_ok = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !scheme_ok {
        return invalid(format!("parse {url:?}: first path segment in URL cannot contain colon"));
    }
    if url.chars().any(|c| c.is_control()) {
        return invalid(format!("parse {url:?}: net/url: invalid control character in URL"));
    }
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => {
            let host = rest
                .trim_start_matches('/')
                .split(['/', '?', '#'])
                .next()
                .unwrap_or_default();
            if host.contains(' ') {
                return invalid(format!("parse {url:?}: invalid character \" \" in host name"));
            }
            Ok(())
        }
        "file" => Ok(()),
        _ => invalid(format!("invalid proxy URL scheme (must be https, http, file): {url}")),
    }
}

/// The host of a proxy URL (`goproxy.cn` for `https://goproxy.cn/path`).
pub fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    authority.split(':').next().unwrap_or_default()
}

/// Hosts whose repositories are public unless the repository itself is private.
pub const PUBLIC_CODE_HOSTS: &[&str] = &[
    "github.com",
    "gitlab.com",
    "bitbucket.org",
    "golang.org",
    "google.golang.org",
    "gopkg.in",
    "go.uber.org",
    "k8s.io",
    "sigs.k8s.io",
    "go.etcd.io",
    "cloud.google.com",
    "gitee.com",
    "go.opentelemetry.io",
    "honnef.co",
    "gotest.tools",
];

/// Whether `host` is a public mirror or code host, or another host of the Go project.
pub fn is_public_host(host: &str) -> bool {
    const GO_PROJECT: &[&str] = &[
        "sum.golang.org",
        "sum.golang.google.cn",
        "go.dev",
        "pkg.go.dev",
        "dl.google.com",
        "storage.googleapis.com",
    ];
    known_mirror(host).is_some()
        || PUBLIC_CODE_HOSTS.contains(&host)
        || GO_PROJECT.contains(&host)
        || host.ends_with(".github.io")
}

/// Whether `host` is a website that does not speak the GOPROXY protocol: the Go project's
/// sites and the code hosts' web pages, which people paste into GOPROXY by mistake.
pub fn is_website(host: &str) -> bool {
    const WEBSITES: &[&str] = &[
        "pkg.go.dev",
        "go.dev",
        "golang.org",
        "www.golang.org",
        "godoc.org",
        "github.com",
        "www.github.com",
        "gitlab.com",
        "bitbucket.org",
        "gitee.com",
    ];
    WEBSITES.contains(&host)
}

/// Every public mirror we know, in service or not.
pub fn known_mirrors() -> &'static [KnownMirror] {
    KNOWN_MIRRORS
}

/// Public mirrors we know, and what to say about them.
pub fn known_mirror(host: &str) -> Option<KnownMirror> {
    KNOWN_MIRRORS.iter().find(|m| m.host == host).copied()
}

/// A public module mirror.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownMirror {
    pub host: &'static str,
    /// Its GOPROXY URL.
    pub url: &'static str,
    /// Whether it is still in service.
    pub alive: bool,
    /// Whether it proxies sum.golang.org (`/sumdb/sum.golang.org/supported`).
    pub proxies_sumdb: bool,
    pub note: &'static str,
    /// The note in Simplified Chinese.
    pub note_zh: &'static str,
}

const KNOWN_MIRRORS: &[KnownMirror] = &[
    KnownMirror {
        host: "proxy.golang.org",
        url: "https://proxy.golang.org",
        alive: true,
        proxies_sumdb: true,
        note: "the Go team's mirror; blocked in mainland China",
        note_zh: "Go 团队的镜像；在中国大陆被屏蔽",
    },
    KnownMirror {
        host: "goproxy.cn",
        url: "https://goproxy.cn",
        alive: true,
        proxies_sumdb: true,
        note: "Qiniu's mirror, reachable in mainland China",
        note_zh: "七牛云的镜像，在中国大陆可以访问",
    },
    KnownMirror {
        host: "goproxy.io",
        url: "https://goproxy.io",
        alive: true,
        proxies_sumdb: true,
        note: "a community mirror, reachable in mainland China",
        note_zh: "社区镜像，在中国大陆可以访问",
    },
    KnownMirror {
        host: "mirrors.aliyun.com",
        url: "https://mirrors.aliyun.com/goproxy",
        alive: true,
        proxies_sumdb: false,
        note: "Alibaba Cloud's mirror (mirrors.aliyun.com/goproxy); it does not proxy the checksum database",
        note_zh: "阿里云的镜像（mirrors.aliyun.com/goproxy）；它不代理校验和数据库",
    },
    KnownMirror {
        host: "mirrors.cloud.tencent.com",
        url: "https://mirrors.cloud.tencent.com/go",
        alive: true,
        proxies_sumdb: false,
        note: "Tencent Cloud's mirror",
        note_zh: "腾讯云的镜像",
    },
    KnownMirror {
        host: "repo.huaweicloud.com",
        url: "https://repo.huaweicloud.com/repository/goproxy",
        alive: true,
        proxies_sumdb: false,
        note: "Huawei Cloud's mirror (repo.huaweicloud.com/repository/goproxy)",
        note_zh: "华为云的镜像（repo.huaweicloud.com/repository/goproxy）",
    },
    KnownMirror {
        host: "gocenter.io",
        url: "https://gocenter.io",
        alive: false,
        proxies_sumdb: false,
        note: "JFrog GoCenter, shut down in 2021",
        note_zh: "JFrog GoCenter，已于 2021 年关闭",
    },
    KnownMirror {
        host: "goproxy.baidu.com",
        url: "https://goproxy.baidu.com",
        alive: false,
        proxies_sumdb: false,
        note: "Baidu's mirror, no longer maintained",
        note_zh: "百度的镜像，已不再维护",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn url(u: &str, fallback_on_error: bool) -> ProxyEntry {
        ProxyEntry::Url {
            url: u.to_owned(),
            fallback_on_error,
        }
    }

    #[test]
    fn parses_like_cmd_go() {
        assert_eq!(
            parse(""),
            Ok(vec![url("https://proxy.golang.org", false), ProxyEntry::Direct])
        );
        assert_eq!(
            parse("https://goproxy.cn|https://proxy.golang.org,direct,https://ignored"),
            Ok(vec![
                url("https://goproxy.cn", true),
                url("https://proxy.golang.org", false),
                ProxyEntry::Direct
            ])
        );
        assert_eq!(
            parse("goproxy.cn, direct"),
            Ok(vec![url("https://goproxy.cn", false), ProxyEntry::Direct])
        );
        assert_eq!(parse("off"), Ok(vec![ProxyEntry::Off]));
        assert_eq!(
            parse("http://127.0.0.1:3000"),
            Ok(vec![url("http://127.0.0.1:3000", false)])
        );
        assert_eq!(
            parse("file:///srv/goproxy"),
            Ok(vec![url("file:///srv/goproxy", false)])
        );
    }

    #[test]
    fn reports_errors_with_the_go_commands_words() {
        assert_eq!(parse(","), Err(ProxyListError::NoEntries));
        assert_eq!(parse(" | "), Err(ProxyListError::NoEntries));
        let err = parse("https://goproxy.cn,drect").unwrap_err();
        assert_eq!(err.message(), "invalid proxy URL missing scheme: drect");
        let err = parse("\"https://proxy.golang.org,direct\"").unwrap_err();
        assert_eq!(
            err.message(),
            "parse \"\\\"https://proxy.golang.org\": first path segment in URL cannot contain colon"
        );
        assert!(parse("ftp://mirror.example").is_err());
    }

    #[test]
    fn hosts_and_mirrors() {
        assert_eq!(host("https://user:pw@goproxy.cn:443/path"), "goproxy.cn");
        assert_eq!(host("https://mirrors.aliyun.com/goproxy/"), "mirrors.aliyun.com");
        assert!(!known_mirror("gocenter.io").unwrap().alive);
        assert_eq!(known_mirror("example.com"), None);
    }
}
