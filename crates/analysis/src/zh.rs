//! Simplified Chinese for the fix titles the rules share. A rule's own title and explanation
//! are declared in its file (`title_zh`, `explanation_zh`); fix titles are written once here,
//! by their English text, since several rules offer the same fix; a `{}` in an entry stands for
//! the part of the title that quotes the input (a host, a version).

/// The Chinese title of a fix whose English title is `title`. An entry's `{}` stand for the
/// parts of the title that quote the input (a host, a version, a path), carried into the
/// Chinese in the same order.
pub fn fix_title_zh(title: &str) -> Option<String> {
    // Exact titles first, so a template never shadows one.
    let (templates, exact): (Vec<_>, Vec<_>) = FIX_TITLES.iter().partition(|(en, _)| en.contains("{}"));
    exact.iter().chain(&templates).find_map(|(en, zh)| fill(en, zh, title))
}

fn fill(en: &str, zh: &str, title: &str) -> Option<String> {
    let parts: Vec<&str> = en.split("{}").collect();
    let mut rest = title.strip_prefix(parts[0])?;
    let mut out = String::new();
    let mut zh_parts = zh.split("{}");
    out.push_str(zh_parts.next()?);
    for (i, part) in parts.iter().enumerate().skip(1) {
        let at = if i == parts.len() - 1 {
            rest.strip_suffix(part).map(str::len)?
        } else {
            rest.find(part)?
        };
        let value = &rest[..at];
        if value.is_empty() {
            return None;
        }
        out.push_str(value);
        out.push_str(zh_parts.next()?);
        rest = &rest[at + part.len()..];
    }
    (parts.len() > 1 || rest.is_empty()).then_some(out)
}

const FIX_TITLES: &[(&str, &str)] = &[
    (
        "And mark {} private, so no public proxy or checksum database is asked",
        "并把 {} 标为私有，这样就不会去问公共代理或校验和数据库",
    ),
    ("Bypass {} with another proxy", "用另一个代理绕过 {}"),
    ("Check that {} resolves from this machine", "检查本机能否解析 {}"),
    ("Check that {} answers from this machine", "检查本机能否连上 {}"),
    (
        "Install Go {} yourself, then run it without switching",
        "自己安装 Go {}，然后不切换工具链直接运行",
    ),
    (
        "Install git and make sure it is on PATH",
        "安装 git，并确保它在 PATH 中",
    ),
    (
        "Let the go command authenticate to {} (GitLab answers ?go-get=1 only to signed-in users)",
        "让 go 命令通过 {} 的认证（GitLab 只对已登录用户响应 ?go-get=1）",
    ),
    (
        "Mark {} as private: fetched directly with git, and not checked against the public checksum database",
        "把 {} 标为私有：直接用 git 获取，不再用公共校验和数据库校验",
    ),
    ("Or install Go {} and use it", "或者安装 Go {} 并使用它"),
    (
        "Or mark {} private altogether (also fetched directly, not through GOPROXY)",
        "或者把 {} 整体标为私有（也会直接获取，不经过 GOPROXY）",
    ),
    ("Remove GOFLAGS", "删除 GOFLAGS"),
    (
        "Remove the global -mod=vendor; vendored modules are used automatically when vendor/ exists",
        "去掉全局的 -mod=vendor；存在 vendor/ 时会自动使用 vendor 中的模块",
    ),
    ("See where {} resolves", "查看 {} 被解析到哪里"),
    ("Skip the public checksum database for {}", "对 {} 跳过公共校验和数据库"),
    ("Turn module mode back on (the default)", "重新打开模块模式（默认）"),
    (
        "Use your SSH key for {} instead of HTTPS",
        "对 {} 使用你的 SSH 密钥而不是 HTTPS",
    ),
    ("Write {} as module path patterns", "把 {} 写成模块路径模式"),
    (
        "Import `{}` instead of `{}` in the code, then tidy",
        "在代码中导入 `{}` 而不是 `{}`，然后运行 go mod tidy",
    ),
    ("Leave GOPATH at its default (~/go)", "让 GOPATH 保持默认值（~/go）"),
    (
        "Or keep {} and fall back on any error with `|`",
        "或者保留 {}，并用 `|` 在遇到任何错误时换下一项",
    ),
    (
        "Or store a personal access token for {} in ~/.netrc (_netrc on Windows)",
        "或者把 {} 的个人访问令牌存进 ~/.netrc（Windows 上是 _netrc）",
    ),
    ("Require the major version by its {} path", "按主版本的 {} 路径引用它"),
    (
        "Store the proxy credentials in ~/.netrc, which GOAUTH=netrc (the default) reads",
        "把代理凭据存进 ~/.netrc，GOAUTH=netrc（默认）会读取它",
    ),
    ("Switch to {}, as the author advises", "按作者的建议换用 {}"),
    (
        "Write `{}` instead of `{}`, then check the file",
        "写 `{}` 而不是 `{}`，然后检查该文件",
    ),
    (
        "Add the missing hashes, then commit go.sum",
        "补上缺少的哈希，然后提交 go.sum",
    ),
    ("Bring vendor/ in line with go.mod", "让 vendor/ 与 go.mod 保持一致"),
    (
        "Check the go line: that Go version may not exist; list the released ones",
        "检查 go 行：那个 Go 版本可能不存在；列出已发布的版本",
    ),
    ("Check the machine's date and time", "检查本机的日期和时间"),
    (
        "Check the path for typos and a missing /vN suffix, then see which versions exist",
        "检查路径是否有拼写错误或缺少 /vN 后缀，然后查看有哪些版本",
    ),
    ("Check what the host answers", "查看该主机返回了什么"),
    ("Clear the module cache and download again", "清空模块缓存并重新下载"),
    ("Correct the list", "修正这个列表"),
    (
        "Create a go.mod for this code, then resolve its imports",
        "为这份代码创建 go.mod，然后解析它的导入",
    ),
    (
        "Drop imports that no longer exist and re-resolve the rest",
        "删除已不存在的导入，重新解析其余的",
    ),
    (
        "End the list with direct, so the checksum database can be reached without that proxy",
        "在列表末尾加上 direct，这样不经过那个代理也能访问校验和数据库",
    ),
    ("Exclude internal hosts from the proxy", "让内部主机不走代理"),
    ("Exempt only private modules", "只豁免私有模块"),
    (
        "Fall back to the repositories for what the mirror lacks",
        "镜像缺少的模块回退到从仓库获取",
    ),
    (
        "Fetch from another proxy: the one in use may serve altered content",
        "换一个代理获取：当前使用的代理可能提供了被篡改的内容",
    ),
    (
        "Fix the line named above, then let the go command check and format the file",
        "修正上面指出的那一行，然后让 go 命令检查并格式化该文件",
    ),
    (
        "Give the cache back to your user (it was written as root, or lives on a read-only volume)",
        "把缓存交还给你的用户（它是以 root 写入的，或位于只读卷上）",
    ),
    (
        "Give the module a valid path (lower case, no spaces), for example",
        "给模块一个有效的路径（小写、无空格），例如",
    ),
    ("Give the replacement its own go.mod", "给替换目标加上它自己的 go.mod"),
    (
        "If the author re-tagged the version on purpose, drop the stale go.sum lines and record the new hash (check the change first)",
        "如果作者是有意重新打的标签，删除 go.sum 中过时的行并记录新的哈希（先检查改动）",
    ),
    (
        "If the tag was pushed minutes ago, ask the origin directly instead of a proxy cache",
        "如果标签几分钟前才推送，直接向源仓库请求，而不是代理缓存",
    ),
    (
        "In Docker, give the container a working resolver",
        "在 Docker 中，给容器配置可用的 DNS 解析器",
    ),
    (
        "In a slim container image, install the CA bundle",
        "在精简容器镜像中，安装 CA 证书包",
    ),
    (
        "In mainland China, use its reachable alias",
        "在中国大陆，使用可以访问的别名",
    ),
    ("Install a command with its version instead", "改为带版本号安装命令"),
    (
        "Install your company's root certificate in the system trust store",
        "把公司的根证书安装到系统信任库",
    ),
    (
        "Keep GOPROXY=off and vendor the modules where the network is allowed",
        "保持 GOPROXY=off，在允许联网的地方 vendor 这些模块",
    ),
    ("Keep the cache writable for clean-ups", "让缓存保持可写，便于清理"),
    (
        "Last resort for a private host only: skip TLS verification for it (never for public modules)",
        "仅对私有主机的最后手段：跳过它的 TLS 验证（绝不要用于公开模块）",
    ),
    (
        "Last resort: skip the checksum database (modules are then trusted unverified)",
        "最后手段：跳过校验和数据库（模块将不经验证就被信任）",
    ),
    (
        "Let the go command download the toolchain go.mod asks for",
        "让 go 命令下载 go.mod 要求的工具链",
    ),
    (
        "Let the go command resolve it to a canonical version",
        "让 go 命令把它解析为规范版本",
    ),
    ("List the versions that exist", "列出实际存在的版本"),
    (
        "Move the replacement into a workspace that is not committed",
        "把替换移到不提交的工作区（go.work）中",
    ),
    ("Move to the latest unretracted version", "升级到最新的未撤回版本"),
    (
        "Or fall back to the next entry on any error with `|`",
        "或者用 `|`，遇到任何错误都换下一项",
    ),
    ("Or ignore vendor/ for one command", "或者只在这一次命令中忽略 vendor/"),
    ("Or keep the old path and redirect it", "或者保留旧路径并把它重定向"),
    (
        "Or let git's credential helpers answer (Go 1.24+)",
        "或者让 git 的凭据助手提供凭据（Go 1.24+）",
    ),
    (
        "Or name the repository explicitly with .git where it ends (GitLab subgroups)",
        "或者在仓库结束处加上 .git 明确指出仓库（GitLab 子组）",
    ),
    ("Or only download what go.mod lists", "或者只下载 go.mod 中列出的内容"),
    (
        "Or point Go at a CA bundle that includes it",
        "或者让 Go 使用包含它的 CA 证书包",
    ),
    (
        "Or remove the replace and use the published module",
        "或者删除 replace，使用已发布的模块",
    ),
    ("Or replace it with a fixed fork", "或者用修好的 fork 替换它"),
    (
        "Or, if the code builds with the older Go, lower the go line",
        "或者，如果代码能用旧版 Go 构建，调低 go 行",
    ),
    (
        "Point the system at a working DNS server (or reconnect the VPN that serves internal names)",
        "让系统使用可用的 DNS 服务器（或重新连接提供内部域名解析的 VPN）",
    ),
    ("Put the proxy credentials in the proxy URL", "把代理凭据写进代理地址"),
    ("Remove -insecure from GOFLAGS", "从 GOFLAGS 中删除 -insecure"),
    (
        "Retry: proxy failures are often temporary",
        "重试：代理故障通常是暂时的",
    ),
    ("Rewrite go.mod with canonical versions", "用规范版本改写 go.mod"),
    (
        "See which dependencies are deprecated or retracted",
        "查看哪些依赖已被弃用或撤回",
    ),
    (
        "Start the proxy, or unset the variable if no proxy is needed",
        "启动代理；如果不需要代理，就取消设置这个变量",
    ),
    (
        "Stop the go command from switching toolchains",
        "禁止 go 命令切换工具链",
    ),
    (
        "Then make sure git can authenticate to the repository (SSH instead of HTTPS, for example)",
        "然后确保 git 能通过仓库的认证（例如用 SSH 代替 HTTPS）",
    ),
    ("Turn the checksum database back on", "重新打开校验和数据库"),
    (
        "Use a module mirror reachable from mainland China, with direct as the fallback",
        "使用在中国大陆可以访问的模块镜像，并以 direct 作为后备",
    ),
    ("Use a version without the problem", "使用没有这个问题的版本"),
    (
        "Use the checksum database's mirror that is reachable from mainland China",
        "使用在中国大陆可以访问的校验和数据库镜像",
    ),
    ("Use the default checksum database", "使用默认的校验和数据库"),
    ("Use the newest one", "使用最新的版本"),
    (
        "Use the public module proxy, with direct as the fallback",
        "使用公共模块代理，并以 direct 作为后备",
    ),
    ("Verify the rest of the module cache", "校验模块缓存中的其余内容"),
    (
        "git keeps its own setting: point it at the same bundle",
        "git 有自己的设置：让它也使用同一个证书包",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every fix title the rules give on the real-go corpus and the hand-written cases has a
    /// translation, unless it quotes the input; and the table holds nothing twice.
    #[test]
    fn every_fix_title_has_chinese() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let mut missing = std::collections::BTreeSet::new();
        let mut seen = 0;
        for (dir, file) in [("go", "output.txt"), ("cases", "input.txt")] {
            for entry in std::fs::read_dir(root.join(dir)).expect("fixtures").flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path().join(file)) else {
                    continue;
                };
                for finding in crate::analyze(&text).expect("analysis").findings {
                    for fix in finding.fixes {
                        seen += 1;
                        if fix_title_zh(&fix.title).is_none() {
                            missing.insert(fix.title);
                        }
                    }
                }
            }
        }
        assert!(seen > 100, "{seen} fixes seen");
        assert!(missing.is_empty(), "fix titles without Chinese: {missing:#?}");
        let mut english: Vec<&str> = FIX_TITLES.iter().map(|(en, _)| *en).collect();
        english.sort_unstable();
        english.dedup();
        assert_eq!(english.len(), FIX_TITLES.len(), "an English title twice");
        assert_eq!(
            fix_title_zh("Bypass goproxy.cn with another proxy").as_deref(),
            Some("用另一个代理绕过 goproxy.cn")
        );
        assert_eq!(fix_title_zh("Bypass  with another proxy"), None);
        assert_eq!(
            fix_title_zh("Import `a.example/new` instead of `a.example/old` in the code, then tidy").as_deref(),
            Some("在代码中导入 `a.example/new` 而不是 `a.example/old`，然后运行 go mod tidy")
        );
        assert_eq!(fix_title_zh("Use the newest one, please"), None);
        assert_eq!(
            fix_title_zh("Remove -insecure from GOFLAGS").as_deref(),
            Some("从 GOFLAGS 中删除 -insecure")
        );
    }
}
