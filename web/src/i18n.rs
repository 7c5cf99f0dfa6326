//! The page's own words in English and Simplified Chinese. The findings' words come in both
//! languages in the report itself (titles, messages, explanations, fix titles, configuration
//! summaries, probe verdicts), written once in both by the rules.

pub use gmd_report::Lang;

/// The colon after a label: `: ` in English, a full-width `：` in Chinese.
pub fn colon(lang: Lang) -> &'static str {
    if lang == Lang::Zh { "：" } else { ": " }
}

/// What goes between a label ending in a colon and what follows: a space in English, nothing
/// after a full-width colon.
pub fn space(lang: Lang) -> &'static str {
    if lang == Lang::Zh { "" } else { " " }
}

/// A probe verdict's status as shown in a cell: the status word in English, its translation in
/// Chinese.
pub fn status_word(status: &str, lang: Lang) -> String {
    gmd_probe::status_word(status, lang)
}

/// A probe region in words: the location hint's area (`None`: the data centre nearest to the
/// worker), in `lang`.
pub fn region_name(region: Option<&str>, lang: Lang) -> String {
    gmd_probe::place_name(region, lang)
}

/// The text of `key` in `lang` (the key itself if unknown, so a gap is visible).
pub fn t(lang: Lang, key: &'static str) -> &'static str {
    TEXTS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or(key, |(_, en, zh)| if lang == Lang::Zh { zh } else { en })
}

/// The text of `key`, following the page's language: one function for every fixed text of the
/// page (a closure written at each place would be one more function in the module each).
pub fn tr(
    lang: leptos::prelude::RwSignal<Lang>,
    key: &'static str,
) -> impl Fn() -> &'static str + Clone + Send + Sync + 'static {
    use leptos::prelude::Get;
    move || t(lang.get(), key)
}

const TEXTS: &[(&str, &str, &str)] = &[
    (
        "tagline",
        "Paste your go env, go.mod and the error log: the diagnosis runs in your browser, nothing is uploaded.",
        "粘贴 go env、go.mod 和错误日志：诊断在浏览器中运行，不会上传任何内容。",
    ),
    (
        "paste_label",
        "Paste go env, go.mod and the log",
        "粘贴 go env、go.mod 和日志",
    ),
    ("waiting", "Waiting for a paste.", "等待粘贴内容。"),
    (
        "nothing_wrong",
        "No known problem found in this input.",
        "在此输入中未发现已知问题。",
    ),
    (
        "unrecognised",
        "Nothing recognisable: paste go env, go.mod and the go command's output.",
        "无法识别：请粘贴 go env、go.mod 和 go 命令的输出。",
    ),
    ("examples", "Examples:", "示例："),
    (
        "placeholder",
        "go version, go env, your go.mod and the failing command with its output",
        "go version、go env、你的 go.mod，以及失败的命令和它的输出",
    ),
    ("clear", "Clear", "清空"),
    ("undo_example", "Bring back my paste", "恢复我粘贴的内容"),
    ("example_blocked", "proxy.golang.org blocked", "proxy.golang.org 被屏蔽"),
    ("example_private", "private module", "私有模块"),
    ("example_tls", "corporate TLS proxy", "公司 TLS 代理"),
    ("shell", "Shell", "终端"),
    (
        "hole_refused",
        "not a valid value here: the command keeps the placeholder",
        "这里不是有效的值：命令中仍保留占位符",
    ),
    (
        "not_here",
        "Nothing to type on this system.",
        "在这个系统上不需要输入任何命令。",
    ),
    (
        "certainty_likely",
        "likely: read from the context",
        "很可能：根据上下文推断",
    ),
    (
        "certainty_guess",
        "a guess: no known cause fits",
        "猜测：没有已知原因符合",
    ),
    (
        "fragment_ignored",
        "This link also carries a report after “#”. It is not the report stored under this address, so it is not shown.",
        "这个链接在“#”后面还带着一份报告。它不是这个地址下保存的报告，因此不显示。",
    ),
    ("copy", "Copy", "复制"),
    ("copied", "Copied", "已复制"),
    ("unsafe", "unsafe", "不安全"),
    ("why", "Why", "原因"),
    ("fixes", "Fixes", "解决方法"),
    ("evidence", "Evidence", "证据"),
    ("reference", "Reference", "参考"),
    (
        "go_env_w_note",
        "persistently; an OS environment variable of the same name overrides it",
        "持久设置；同名的系统环境变量会覆盖它",
    ),
    ("config", "Effective configuration", "生效的配置"),
    ("run_here", "Run the check from your machine", "在你的机器上运行检查"),
    (
        "run_here_why",
        "The mirrors are probed from our servers, not from your network: this line installs the command-line tool (checked against its SHA-256 sums, no administrator rights) and checks from where the failure happens.",
        "镜像是从我们的服务器探测的，不是从你的网络：这一行会安装命令行工具（按 SHA-256 校验，不需要管理员权限），并在出错的地方进行检查。",
    ),
    (
        "config_default",
        "(the default: not in your paste)",
        "（默认值：粘贴的内容中没有）",
    ),
    ("route_proxy", "through the proxy", "经代理获取"),
    ("route_direct", "direct, from its code host", "直接从代码托管站点获取"),
    ("list_comma", ", ", "，"),
    ("route_checked", "checksum DB", "经校验和数据库校验"),
    ("route_unchecked", "no checksum DB", "不经校验和数据库校验"),
    ("share", "Share", "分享"),
    (
        "share_preview",
        "These values will be masked before anything leaves your browser:",
        "以下内容会在离开浏览器前被遮盖：",
    ),
    ("no_redactions", "Nothing to mask was found.", "未发现需要遮盖的内容。"),
    (
        "mask_hosts",
        "Mask internal host names (untick to show them)",
        "遮盖内部主机名（取消勾选则显示）",
    ),
    ("create_link", "Create link", "创建链接"),
    (
        "redacted_credentials",
        "user and password in a URL",
        "URL 中的用户名和密码",
    ),
    ("redacted_token", "token", "令牌"),
    ("redacted_password", "password", "密码"),
    ("redacted_authorization", "Authorization header", "Authorization 请求头"),
    ("redacted_private_key", "private key", "私钥"),
    ("redacted_user_name", "user name", "用户名"),
    ("redacted_host", "internal host name", "内部主机名"),
    ("show_host", "show this host", "显示此主机"),
    (
        "upload_text",
        "The exact text that will be uploaded",
        "将要上传的完整文本",
    ),
    (
        "too_large_input",
        "Too large to analyse or share (over 1 MiB).",
        "内容太大（超过 1 MiB），无法分析或分享。",
    ),
    (
        "trim_log",
        "Trim the log to the first error and the lines around it, then share.",
        "请把日志裁剪到第一个错误及其前后几行，然后再分享。",
    ),
    ("link", "Link", "链接"),
    (
        "fragment_link",
        "Server-less link (the report is in the link itself)",
        "独立链接（报告内容就在链接里，不经过服务器）",
    ),
    ("copy_markdown", "Copy as Markdown", "复制为 Markdown"),
    ("share_failed", "Sharing failed:", "分享失败："),
    ("loading", "Loading the report…", "正在加载报告…"),
    ("report_title", "Shared report", "分享的报告"),
    (
        "report_missing",
        "This report does not exist or has expired.",
        "此报告不存在或已过期。",
    ),
    (
        "report_invalid",
        "This report does not match its id and is not shown.",
        "此报告与其 ID 不符，不予显示。",
    ),
    (
        "changed",
        "Analysed again with today's rules, which find something else. When shared:",
        "已用当前规则重新分析，结论不同。分享时：",
    ),
    ("today", "Today (shown below):", "现在（见下文）："),
    (
        "unchanged",
        "Analysed again with today's rules: the same causes as when it was shared.",
        "已用当前规则重新分析：原因与分享时相同。",
    ),
    (
        "link_analysed",
        "Analysed now with today's rules, from the input the link carries (a link carries no advice).",
        "已用当前规则分析链接携带的输入（链接本身不携带任何建议）。",
    ),
    ("input", "Input (redacted)", "输入（已遮盖）"),
    ("new_paste", "Analyse your own paste", "分析你自己的内容"),
    ("language", "中文", "English"),
    ("probe_title", "Check the mirrors", "检查镜像"),
    (
        "probe_walk",
        "Your GOPROXY, walked as the go command walks it, with the answers measured:",
        "按 go 命令的方式走一遍你的 GOPROXY，用测得的回应：",
    ),
    (
        "probe_intro",
        "Is the mirror down, or is it your network? The worker asks each mirror for the module, its go.mod and zip, and the checksum database record, from the regions you pick, and compares the answers.",
        "是镜像出了故障，还是你的网络有问题？服务端会从你选择的地区向每个镜像请求该模块、它的 go.mod 和 zip 以及校验和数据库记录，并比较各镜像的回答。",
    ),
    (
        "probe_china_note",
        "No probe region is inside mainland China: a mirror that answers here can still be blocked or slow from there. The \"from your browser\" column is measured from your own network.",
        "没有任何探测地区位于中国大陆：在这里能访问的镜像，在中国大陆仍可能被屏蔽或很慢。“从你的浏览器”一列是从你自己的网络测得的。",
    ),
    ("probe_mirrors", "Mirrors", "镜像"),
    ("probe_custom", "Other mirror URLs:", "其他镜像地址："),
    ("probe_retired", "Retired, not probed:", "已停止服务、不再探测："),
    (
        "probe_module",
        "Module@version (empty: golang.org/x/text@latest)",
        "模块@版本（留空：golang.org/x/text@latest）",
    ),
    ("probe_regions", "Regions", "地区"),
    (
        "probe_regions_none",
        "None ticked: from the data centre nearest to you.",
        "都不勾选：从离你最近的数据中心探测。",
    ),
    ("probe_run", "Probe", "开始探测"),
    (
        "board_last_hour",
        "On the status board, the last hour (from every region)",
        "状态面板上过去一小时的情况（来自各个地区）",
    ),
    ("board_probes", "probes", "次探测"),
    ("board_failed", "failed", "次失败"),
    ("board_link", "Status of", "的状态"),
    (
        "check_request",
        "Check this request on the mirrors:",
        "在各镜像上检查这个请求：",
    ),
    (
        "probed_title",
        "Probed just now from this site's worker (details in the probe panel below):",
        "刚刚由本站服务端探测（详情见下方的探测面板）：",
    ),
    (
        "attach_probes",
        "Attach the probe results measured at",
        "附上探测结果，测量时间",
    ),
    (
        "attach_probes_note",
        "each mirror's verdict and each request's status and time, as this site's worker measured them; readers see them as measurements, not advice.",
        "包括每个镜像的结论以及每个请求的状态和耗时，均由本站服务端测得；读者看到的是测量结果，而不是建议。",
    ),
    (
        "measurements_title",
        "Probe results attached when shared",
        "分享时附上的探测结果",
    ),
    (
        "measurements_note",
        "Measured by this site's worker at the time and place shown: how the mirrors answered then. The diagnosis above comes from the analysis of the input.",
        "由本站服务端在所示时间和地点测得，反映的是镜像当时的响应情况。上面的诊断来自对输入内容的分析。",
    ),
    ("measured_at", "When (UTC)", "时间（UTC）"),
    ("measured_where", "Where", "地点"),
    ("measured_request", "Module", "模块"),
    ("measured_verdict", "Verdict", "结论"),
    ("measured_steps", "Requests", "各个请求"),
    ("probe_running", "Probing…", "正在探测…"),
    ("probe_no_mirror", "Pick at least one mirror.", "请至少选择一个镜像。"),
    ("probe_no_answer", "no answer", "没有回应"),
    (
        "probe_private",
        "Your GOPROXY also names private proxies, which the edge does not probe (run `gomod-doctor check` on your machine for those):",
        "你的 GOPROXY 还包含私有代理，服务端不会探测它们（请在你的机器上运行 `gomod-doctor check`）：",
    ),
    ("modcheck_title", "Check go.mod online", "在线检查 go.mod"),
    (
        "modcheck_note",
        "Sends the requirements and the go and toolchain lines of the pasted go.mod to the worker, which asks the proxy below whether each version exists and declares the path it is required as, was retracted or deprecated, whether there is a newer release, and whether the toolchain the go command would download is served.",
        "把粘贴的 go.mod 中的依赖以及 go、toolchain 行发送给服务端，由它向下面的代理询问：每个版本是否存在、其 go.mod 声明的路径是否与依赖的路径一致、是否已撤回或弃用、是否有更新的版本，以及 go 命令将要下载的工具链是否可以获取。",
    ),
    ("modcheck_proxy", "Proxy", "代理"),
    ("modcheck_run", "Check", "检查"),
    ("modcheck_require", "Requirement", "依赖"),
    ("modcheck_status", "Status", "状态"),
    ("modcheck_detail", "Why", "原因"),
    ("modcheck_newer", "Newer", "更新的版本"),
    ("modcheck_checked", "checked", "已检查"),
    ("modcheck_flagged", "flagged", "有问题"),
    ("modcheck_unreachable", "not answered by the proxy", "代理未应答"),
    ("expires_never", "This link does not expire.", "此链接永不过期。"),
    (
        "link_created",
        "The link to this report is ready.",
        "此报告的链接已生成。",
    ),
    ("expires_at", "This link expires", "此链接过期时间"),
    ("delete_report", "Delete this report", "删除此报告"),
    (
        "delete_note",
        "You shared it from this browser, which keeps the key that deletes it.",
        "你是在此浏览器中分享的，此浏览器保存着删除它的密钥。",
    ),
    (
        "deleted_now",
        "Deleted: the link no longer opens, and the same text cannot be shared again for 30 days. Copies others made are theirs.",
        "已删除：此链接已无法打开，相同内容 30 天内不能再次分享。他人已保存的副本不受影响。",
    ),
    (
        "deleted_already",
        "This report was already gone (deleted or expired).",
        "此报告已不存在（已删除或已过期）。",
    ),
    (
        "delete_wrong_token",
        "The key this browser keeps does not delete this report.",
        "此浏览器保存的密钥无法删除此报告。",
    ),
    ("delete_failed", "Could not delete the report:", "无法删除报告："),
    (
        "modcheck_private",
        "Not sent, checked nowhere: the paste's own settings make these modules private, so their paths stay in your browser (run `gomod-doctor modcheck` where they are reachable).",
        "未发送，也未检查：按粘贴内容中的设置，这些模块是私有的，其路径只留在你的浏览器中（请在能访问它们的机器上运行 `gomod-doctor modcheck`）。",
    ),
    (
        "modcheck_private_why",
        "{setting} matches {pattern}",
        "与 {setting} 中的 {pattern} 匹配",
    ),
    (
        "probe_internal",
        "the probe itself failed there (a fault on our side, not the mirror's)",
        "探测本身在那里出错了（是我们这边的问题，不是镜像的问题）",
    ),
    (
        "tagline_report",
        "A shared report, analysed again in your browser with today's rules.",
        "一份分享的报告，已在你的浏览器中用当前规则重新分析。",
    ),
    ("probe_mirror", "Mirror", "镜像"),
    (
        "probe_silent",
        "no mirror answered from there: the probe's own connection from that region is the likelier cause than every mirror being down at once.",
        "从那里没有任何镜像回应：更可能是探测本身在该地区的网络连接有问题，而不是所有镜像同时宕机。",
    ),
    ("probe_waiting", "waiting…", "等待中…"),
    ("probe_browser", "From your browser", "从你的浏览器"),
    ("probe_browser_answered", "answered", "有回应"),
    ("probe_browser_failed", "no connection", "无法连接"),
    ("probe_browser_timeout", "no answer in 8 s", "8 秒内无回应"),
    ("probe_browser_skipped", "not tried (plain http)", "未尝试（明文 http）"),
    (
        "probe_browser_note",
        "From your browser: only whether the mirror answered your network and how fast. The browser hides the status and the content of the answer (no-cors), so an error page counts as an answer too.",
        "从你的浏览器：只能看出镜像是否回应了你的网络以及速度。浏览器会隐藏回应的状态码和内容（no-cors），所以错误页面也算作有回应。",
    ),
    ("probe_step", "Step", "步骤"),
    ("probe_outcome", "Outcome", "结果"),
    ("probe_detail", "Detail", "详情"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_has_both_languages() {
        for (key, en, zh) in TEXTS {
            assert!(!en.is_empty() && !zh.is_empty(), "{key}");
        }
        assert_eq!(t(Lang::Zh, "copy"), "复制");
        assert_eq!(t(Lang::En, "no-such-key"), "no-such-key");
        assert_eq!(Lang::from_tag("zh-Hans-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
    }

    /// Every key the page's code asks `t` for has its texts (an unknown key shows as itself).
    #[test]
    fn every_key_in_use_has_texts() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![];
        let mut dirs = vec![src];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).expect("src").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        let mut missing = vec![];
        for file in files {
            let source = std::fs::read_to_string(&file).expect("source");
            for part in source.split("t(lang.get(), \"").skip(1) {
                let key = part.split('"').next().unwrap_or_default();
                if !TEXTS.iter().any(|(k, _, _)| *k == key) {
                    missing.push(format!("{}: {key}", file.display()));
                }
            }
        }
        assert!(missing.is_empty(), "keys without texts: {missing:?}");
    }
}
