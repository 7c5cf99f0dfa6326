//! Simplified Chinese for finding messages and the fix titles the rules share. A rule's own title and explanation
//! are declared in its file (`title_zh`, `explanation_zh`); fix titles are written once here,
//! by their English text, since several rules offer the same fix; a `{}` in an entry stands for
//! the part of the title that quotes the input (a host, a version).

/// The Chinese title of a fix whose English title is `title`. An entry's `{}` stand for the
/// parts of the title that quote the input (a host, a version, a path), carried into the
/// Chinese in the same order.
pub fn fix_title_zh(title: &str) -> Option<String> {
    translate(FIX_TITLES, title)
}

/// The Chinese of a finding's message. The parts that quote the input stay as they are, except
/// the few stock phrases the rules put there (`connection refused`, …), which are translated too.
pub fn message_zh(message: &str) -> Option<String> {
    translate(MESSAGES, message)
}

/// The Chinese of a configuration summary (the effective-configuration panel). The GOPROXY
/// chain, "the go command <step>; then <step>…", is translated step by step.
pub fn config_summary_zh(summary: &str) -> Option<String> {
    if let Some(steps) = summary.strip_prefix("the go command ")
        && !steps.starts_with("rejects")
        && !steps.starts_with("switches")
        && !steps.starts_with("looks")
        && !steps.starts_with("stops")
    {
        let steps: Option<Vec<String>> = steps
            .split("; then ")
            .map(|step| translate(CHAIN_STEPS, step))
            .collect();
        return steps.map(|steps| format!("go 命令{}", steps.join("；然后")));
    }
    translate(CONFIG, summary)
}

fn translate(table: &[(&str, &str)], text: &str) -> Option<String> {
    gmd_semantics::templates::translate(table, PHRASES, text)
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

/// Finding messages, by their English wording.
const MESSAGES: &[(&str, &str)] = &[
    (
        "`GOPROXY` is `off`: any module missing from the module cache cannot be downloaded",
        "`GOPROXY` 是 `off`：模块缓存中没有的模块都无法下载",
    ),
    ("a zip in the module cache is damaged", "模块缓存中有一个 zip 已损坏"),
    (
        "the go command cannot use `{}` in its cache ({})",
        "go 命令无法使用缓存中的 `{}`（{}）",
    ),
    (
        "the `{}` that was downloaded differs from the hash in {}",
        "下载的 `{}` 与 {} 中记录的哈希不符",
    ),
    (
        "the go.mod of `{}` that was downloaded differs from the hash in {}",
        "下载的 `{}` 的 go.mod 与 {} 中记录的哈希不符",
    ),
    (
        "`{}` in `GOPROXY` no longer exists: {}",
        "`GOPROXY` 中的 `{}` 已不存在：{}",
    ),
    (
        "`{}` cannot be resolved: {} (resolver {})",
        "无法解析 `{}`：{}（解析器 {}）",
    ),
    ("`{}` cannot be resolved: {}", "无法解析 `{}`：{}"),
    ("`{}` does not resolve (resolver {})", "`{}` 无法解析（解析器 {}）"),
    ("`{}` does not resolve", "`{}` 无法解析"),
    (
        "git needs credentials for `{}` and cannot ask for them (terminal prompts are disabled)",
        "git 需要 `{}` 的凭据，但无法询问（终端提示已禁用）",
    ),
    (
        "the module proxy `{}` answered {}: it needs credentials",
        "模块代理 `{}` 返回了 {}：它需要凭据",
    ),
    (
        "`{}` answered {} to `?go-get=1`, so `{}` cannot be resolved to a repository",
        "`{}` 对 `?go-get=1` 返回了 {}，所以无法把 `{}` 解析到仓库",
    ),
    (
        "`{}` answered `?go-get=1` without a go-import meta tag, so `{}` cannot be resolved to a repository",
        "`{}` 对 `?go-get=1` 的回应中没有 go-import meta 标签，所以无法把 `{}` 解析到仓库",
    ),
    ("go.mod: {}", "go.mod 出错：{}"),
    (
        "`GOFLAGS={}` stops every go command: {}",
        "`GOFLAGS={}` 让每个 go 命令都停下：{}",
    ),
    ("the go command cannot parse `GOFLAGS`", "go 命令无法解析 `GOFLAGS`"),
    (
        "`GOPATH` and `GOROOT` are the same directory",
        "`GOPATH` 和 `GOROOT` 是同一个目录",
    ),
    (
        "`GO111MODULE=off` turns modules off: the go command looks only in GOPATH",
        "`GO111MODULE=off` 关闭了模块：go 命令只在 GOPATH 中查找",
    ),
    (
        "`go get` ran outside a module, which the go command no longer supports",
        "`go get` 在模块之外运行，go 命令已不再支持这样做",
    ),
    (
        "there is no go.mod in this directory or any parent",
        "当前目录及其上级目录中都没有 go.mod",
    ),
    (
        "`{}={}` is not a module path pattern and matches nothing",
        "`{}={}` 不是模块路径模式，匹配不到任何东西",
    ),
    (
        "`GOPROXY={}` uses `;`, which is no separator: write `,` or `|`",
        "`GOPROXY={}` 用了 `;`，它不是分隔符：请写 `,` 或 `|`",
    ),
    (
        "the go command rejects the `GOPROXY` list",
        "go 命令拒绝了这个 `GOPROXY` 列表",
    ),
    ("`GOPROXY={}` has no fallback", "`GOPROXY={}` 没有后备"),
    ("`GOSUMDB={}` is rejected: {}", "`GOSUMDB={}` 被拒绝：{}"),
    ("the go command rejects `GOSUMDB`", "go 命令拒绝了 `GOSUMDB`"),
    (
        "`GOSUMDB=off`: downloaded modules are not verified",
        "`GOSUMDB=off`：下载的模块不经校验",
    ),
    (
        "the HTTP proxy `{}` in `{}` does not accept connections",
        "HTTP 代理 `{}`（设置在 `{}` 中）不接受连接",
    ),
    (
        "the HTTP proxy `{}` asks for credentials (407)",
        "HTTP 代理 `{}` 要求凭据（407）",
    ),
    (
        "the HTTP proxy `` asks for credentials (407)",
        "HTTP 代理要求凭据（407）",
    ),
    ("{}: invalid version: {}", "{}：无效版本：{}"),
    ("invalid version: {}", "无效版本：{}"),
    (
        "require {}: version \"{}\" invalid: {}",
        "require {}：版本 \"{}\" 无效：{}",
    ),
    (
        "go.sum has no hash for a module the build needs",
        "go.sum 中没有构建所需模块的哈希",
    ),
    ("no module contains the package `{}`", "没有任何模块包含包 `{}`"),
    (
        "the module `{}` does not exist (or has no versions)",
        "模块 `{}` 不存在（或没有任何版本）",
    ),
    ("`{}` declares its path as `{}`", "`{}` 声明的路径是 `{}`"),
    ("`{}` cannot be a module zip: {}", "`{}` 无法打包成模块 zip：{}"),
    (
        "the checksum database `{}` does not know the private module `{}` and answered {}",
        "校验和数据库 `{}` 不认识私有模块 `{}`，返回了 {}",
    ),
    (
        "`{}` is private, but was requested from the public proxy `{}`, which answered {} (`{}` does not match it: patterns match whole leading path elements)",
        "`{}` 是私有模块，却向公共代理 `{}` 请求，代理返回了 {}（`{}` 匹配不到它：模式按开头的完整路径元素匹配）",
    ),
    (
        "`{}` is private, but was requested from the public proxy `{}`, which answered {}",
        "`{}` 是私有模块，却向公共代理 `{}` 请求，代理返回了 {}",
    ),
    (
        "the go command refused to download a module because `GOPROXY` is `off`",
        "因为 `GOPROXY` 是 `off`，go 命令拒绝下载模块",
    ),
    ("the module proxy `{}` failed with {}", "模块代理 `{}` 出错，状态码 {}"),
    (
        "the module proxy `{}` answered 404 `fetch timed out`: it could not fetch the module itself",
        "模块代理 `{}` 返回 404 `fetch timed out`：它自己没能获取到该模块",
    ),
    (
        "the module proxy `{}` cut a download short",
        "模块代理 `{}` 中途截断了下载",
    ),
    (
        "the module proxy answered with information for another version",
        "模块代理返回的是另一个版本的信息",
    ),
    (
        "the module proxy redirected from HTTPS to plain HTTP",
        "模块代理从 HTTPS 重定向到了明文 HTTP",
    ),
    (
        "the module proxy sent something that is not a valid module zip (a broken mirror or a captive portal)",
        "模块代理发来的不是有效的模块 zip（镜像出错或强制门户）",
    ),
    (
        "the module proxy `{}` cannot be reached ({}); the go command asked it whether it proxies the checksum database, and a failure there is final when the list has no `direct`",
        "无法连接模块代理 `{}`（{}）；go 命令问它是否代理校验和数据库，而列表中没有 `direct` 时，这一步失败就是最终失败",
    ),
    (
        "the module proxy `{}` cannot be reached ({})",
        "无法连接模块代理 `{}`（{}）",
    ),
    ("the replacement directory `{}` does not exist", "替换目录 `{}` 不存在"),
    (
        "the replacement directory `{}` has no go.mod",
        "替换目录 `{}` 中没有 go.mod",
    ),
    (
        "`{}` is replaced by the local directory `{}`",
        "`{}` 被替换成了本地目录 `{}`",
    ),
    ("`{}` is deprecated: {}", "`{}` 已被弃用：{}"),
    ("`{}` is retracted by its author: {}", "`{}` 已被作者撤回：{}"),
    (
        "the checksum database at `{}` cannot be reached ({})",
        "无法连接位于 `{}` 的校验和数据库（{}）",
    ),
    (
        "the checksum database's signed tree does not verify with the configured key",
        "校验和数据库的签名树无法用配置的密钥验证",
    ),
    (
        "`{}` answered with a certificate for another name: the name led to the wrong server",
        "`{}` 返回的是为别的名字签发的证书：这个名字指向了错误的服务器",
    ),
    (
        "the certificate of `{}` has expired or is not yet valid (or this machine's clock is wrong)",
        "`{}` 的证书已过期或尚未生效（或者本机时钟不对）",
    ),
    (
        "the certificate of `{}` is not trusted: signed by an unknown authority (a TLS-inspecting proxy, or no CA bundle)",
        "`{}` 的证书不受信任：由未知机构签发（TLS 检查代理，或没有 CA 证书包）",
    ),
    (
        "go.mod needs go {} and its download failed",
        "go.mod 需要 go {}，但下载失败了",
    ),
    (
        "go.mod needs go {}, which the module proxy does not have",
        "go.mod 需要 go {}，而模块代理没有这个版本",
    ),
    (
        "go.mod needs go {} or newer and this go command may not switch toolchains",
        "go.mod 需要 go {} 或更新版本，而这个 go 命令不能切换工具链",
    ),
    (
        "this go command is too old to read the go.mod",
        "这个 go 命令太旧，读不懂这个 go.mod",
    ),
    ("`{}` has no version or commit `{}`", "`{}` 没有版本或提交 `{}`"),
    ("revision `{}` does not exist", "修订版本 `{}` 不存在"),
    ("revision `` does not exist", "修订版本不存在"),
    ("`{}` cannot be reached for a direct fetch", "直接获取时无法连接 `{}`"),
    (
        "`{}` is not on PATH, and a direct fetch needs it",
        "`{}` 不在 PATH 中，而直接获取需要它",
    ),
    (
        "`GOFLAGS={}` forces vendor mode, and vendor/ does not match go.mod",
        "`GOFLAGS={}` 强制使用 vendor 模式，而 vendor/ 与 go.mod 不一致",
    ),
    (
        "an imported package is missing from vendor/, and vendor mode forbids looking it up",
        "vendor/ 中缺少一个被导入的包，而 vendor 模式不允许去查找它",
    ),
    (
        "vendor/modules.txt does not match the requirements in go.mod",
        "vendor/modules.txt 与 go.mod 中的依赖不一致",
    ),
];

/// The steps of a GOPROXY chain's summary.
const CHAIN_STEPS: &[(&str, &str)] = &[
    (
        "asks {}, and only on 404 or 410 tries the next entry",
        "请求 {}，仅在 404 或 410 时尝试下一项",
    ),
    (
        "asks {}, and on any error tries the next entry",
        "请求 {}，遇到任何错误都尝试下一项",
    ),
    ("asks {}, and nothing after it", "请求 {}，之后没有其他项"),
    (
        "fetches from the version control repository (direct)",
        "直接从版本控制仓库获取（direct）",
    ),
    ("refuses to download (off)", "拒绝下载（off）"),
];

/// The other summaries of the effective configuration.
const CONFIG: &[(&str, &str)] = &[
    ("the go command rejects this list: {}", "go 命令拒绝这个列表：{}"),
    ("the go command rejects GOSUMDB: {}", "go 命令拒绝 GOSUMDB：{}"),
    (
        "no checksum database: downloaded modules are not verified",
        "没有校验和数据库：下载的模块不经校验",
    ),
    (
        "checksums are verified with {}, reached at {} directly (an explicit URL bypasses every proxy)",
        "用 {} 校验，直接访问 {}（明确写出的地址会绕过所有代理）",
    ),
    (
        "checksums are verified with {}, reached directly at https://{}",
        "用 {} 校验，直接访问 https://{}",
    ),
    (
        "checksums are verified with {}: the go command first asks {} whether it proxies {} (/sumdb/{}/supported), and otherwise connects to https://{}",
        "用 {} 校验：go 命令先问 {} 是否代理 {}（/sumdb/{}/supported），否则直接连接 https://{}",
    ),
    ("the local go {} runs", "运行本地的 go {}"),
    (
        "the go command switches to go {}, downloading it through GOPROXY as golang.org/toolchain if it is not cached",
        "go 命令切换到 go {}，如果没有缓存，就通过 GOPROXY 以 golang.org/toolchain 的形式下载",
    ),
    ("the go command looks for go{} in PATH", "go 命令在 PATH 中查找 go{}"),
    ("the go command stops: {}", "go 命令停止：{}"),
    (
        "go.mod needs go {} or newer; with GOTOOLCHAIN={} an older local go stops",
        "go.mod 需要 go {} 或更新版本；GOTOOLCHAIN={} 时，较旧的本地 go 会停止",
    ),
    (
        "go.mod needs go {} or newer; with GOTOOLCHAIN={} an older local go downloads a newer one",
        "go.mod 需要 go {} 或更新版本；GOTOOLCHAIN={} 时，较旧的本地 go 会下载更新的版本",
    ),
    (
        "GOTOOLCHAIN={}; paste `go version` and go.mod to see what it does",
        "GOTOOLCHAIN={}；粘贴 `go version` 和 go.mod 可以看到它会怎么做",
    ),
];

/// Stock phrases the rules quote inside messages.
const PHRASES: &[(&str, &str)] = &[
    ("connection refused", "连接被拒绝"),
    ("connection timed out", "连接超时"),
    ("connection reset", "连接被重置"),
    ("connection closed without an answer", "连接被关闭，没有回应"),
    (
        "the TLS handshake timed out, as when the host is blocked",
        "TLS 握手超时，主机被屏蔽时就会这样",
    ),
    ("the DNS server fails", "DNS 服务器出错"),
    ("the DNS server does not answer", "DNS 服务器没有回应"),
    ("permission denied", "权限被拒绝"),
    ("missing file", "文件缺失"),
    ("JFrog GoCenter, shut down in 2021", "JFrog GoCenter，已于 2021 年关闭"),
    ("case-insensitive file name collision", "文件名仅大小写不同而冲突"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every fix title the rules give on the real-go corpus and the hand-written cases has a
    /// Every message, fix title and configuration summary the analysis gives on the real-go
    /// corpus and the hand-written cases has a translation; and the tables hold nothing twice.
    #[test]
    fn every_message_and_fix_title_has_chinese() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let mut missing = std::collections::BTreeSet::new();
        let mut seen = 0;
        for (dir, file) in [("go", "output.txt"), ("cases", "input.txt")] {
            for entry in std::fs::read_dir(root.join(dir)).expect("fixtures").flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path().join(file)) else {
                    continue;
                };
                let analysis = crate::analyze(&text).expect("analysis");
                let c = &analysis.config;
                for summary in [&c.goproxy.summary, &c.sumdb.summary, &c.toolchain.summary] {
                    if config_summary_zh(summary).is_none() {
                        missing.insert(summary.clone());
                    }
                }
                for finding in analysis.findings {
                    if message_zh(&finding.message).is_none() {
                        missing.insert(finding.message.clone());
                    }
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
        let mut messages: Vec<&str> = MESSAGES.iter().map(|(en, _)| *en).collect();
        messages.sort_unstable();
        messages.dedup();
        assert_eq!(messages.len(), MESSAGES.len(), "an English message twice");
        assert_eq!(
            config_summary_zh("the go command asks https://goproxy.cn, and only on 404 or 410 tries the next entry; then fetches from the version control repository (direct)").as_deref(),
            Some("go 命令请求 https://goproxy.cn，仅在 404 或 410 时尝试下一项；然后直接从版本控制仓库获取（direct）")
        );
        assert_eq!(
            message_zh("the module proxy `goproxy.io` cannot be reached (connection refused)").as_deref(),
            Some("无法连接模块代理 `goproxy.io`（连接被拒绝）")
        );
        assert_eq!(
            message_zh("`proxy.golang.org` cannot be resolved: the DNS server fails (resolver 127.0.0.11)").as_deref(),
            Some("无法解析 `proxy.golang.org`：DNS 服务器出错（解析器 127.0.0.11）")
        );
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
