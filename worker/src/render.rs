//! A shared report as plain HTML, put into the app's page by the worker: readers see the
//! findings and can copy the fixes before the WebAssembly arrives, or without JavaScript at all.
//! The app replaces it when it starts. Every text is escaped; links are `https:` only.

use crate::preview::escape;
use gmd_report::{Lang, SharedReport};

/// Where the page's server-rendered part starts and ends in `index.html`.
const START: &str = "<!--prerendered-->";
const END: &str = "<!--/prerendered-->";

/// The words of the rendered page, in both languages.
fn word(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// `text` escaped, its backtick-quoted spans as `<code>` (as the app shows them).
fn inline_code(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(i, part)| match i % 2 {
            1 => format!("<code>{}</code>", escape(part)),
            _ => escape(part),
        })
        .collect()
}

/// The report's findings and fixes in `lang`, fixes for the shell it was shared with.
pub fn report_html(shared: &SharedReport, lang: Lang) -> String {
    let report = &shared.report;
    let shell = report.shell();
    let mut out = String::new();
    out.push_str(&format!(
        "<h2 class=\"report-title\">{}</h2>\n",
        word(lang, "Shared report", "分享的报告")
    ));
    if report.findings.is_empty() {
        out.push_str(&format!(
            "<p class=\"status\">{}</p>\n",
            word(
                lang,
                "Nothing to fix was found in this paste.",
                "这份内容中没有发现需要修复的问题。"
            )
        ));
    }
    for finding in &report.findings {
        let sure = match finding.certainty.as_str() {
            "likely" => word(lang, "likely: read from the context", "很可能：根据上下文推断"),
            "guess" => word(lang, "a guess: no known cause fits", "猜测：没有已知原因符合"),
            _ => "",
        };
        let sure = if sure.is_empty() {
            String::new()
        } else {
            format!(
                " <span class=\"certainty\" data-certainty=\"{}\">{sure}</span>",
                escape(&finding.certainty)
            )
        };
        out.push_str(&format!(
            "<article class=\"finding {}\" data-cause=\"{}\">\n<h2>{} <span class=\"cause\">{}</span>{sure}</h2>\n<p class=\"message\">{}</p>\n",
            escape(&finding.severity),
            escape(&finding.cause),
            escape(finding.title.get(lang)),
            escape(&finding.cause),
            inline_code(finding.message.get(lang)),
        ));
        list(
            &mut out,
            ("ul", "evidence", word(lang, "Evidence", "证据")),
            finding.evidence.iter().map(|e| {
                format!(
                    "<li><span class=\"line\">{}</span><code>{}</code></li>",
                    e.line,
                    escape(&e.text)
                )
            }),
        );
        list(
            &mut out,
            ("ol", "fixes", word(lang, "Fixes", "解决方法")),
            finding.fixes.iter().map(|fix| {
                // Holes stay `<name>` here (the app fills them as the reader types), with what
                // goes there.
                let command = match fix.command(shell, &gmd_report::no_fill) {
                    Some(command) => format!(
                        "<div class=\"command\"><pre><code>{}</code></pre></div>",
                        escape(&command)
                    ),
                    None => format!(
                        "<p class=\"not-here\">{}</p>",
                        word(
                            lang,
                            "Nothing to type on this system.",
                            "在这个系统上不需要输入任何命令。"
                        )
                    ),
                };
                let holes: String = fix
                    .holes()
                    .iter()
                    .map(|h| {
                        format!(
                            "<li><code>{}</code> {}</li>",
                            escape(&h.marker()),
                            escape(h.says().get(lang))
                        )
                    })
                    .collect();
                let holes = if holes.is_empty() {
                    String::new()
                } else {
                    format!("<ul class=\"holes\">{holes}</ul>")
                };
                format!(
                    "<li class=\"fix\" data-safety=\"{}\"><span class=\"fix-title\">{}</span>{command}{holes}</li>",
                    escape(&fix.safety),
                    inline_code(fix.title.get(lang)),
                )
            }),
        );
        if let Some(reference) = finding.safe_reference() {
            out.push_str(&format!(
                "<a class=\"reference\" href=\"{0}\" rel=\"noreferrer\" target=\"_blank\">{1}{0}</a>\n",
                escape(reference),
                word(lang, "Reference: ", "参考："),
            ));
        }
        out.push_str("</article>\n");
    }
    measurements_html(&mut out, shared, lang);
    out.push_str(&format!(
        "<details class=\"input\"><summary>{}</summary><pre><code>{}</code></pre></details>\n<p><a href=\"/\">{}</a></p>\n",
        word(lang, "Input (redacted)", "输入（已遮盖）"),
        escape(&shared.input),
        word(lang, "Analyse your own paste", "分析你自己的内容"),
    ));
    out
}

/// The probe results attached when the report was shared: measurements, with when and where.
fn measurements_html(out: &mut String, shared: &SharedReport, lang: Lang) {
    if shared.measurements.is_empty() {
        return;
    }
    out.push_str(&format!(
        "<section id=\"measurements\"><h3>{}</h3>\n<p class=\"note\">{}</p>\n",
        word(lang, "Probe results attached when shared", "分享时附上的探测结果"),
        word(
            lang,
            "Measured by this site's worker at the time and place shown: how the mirrors answered then.",
            "由本站服务端在所示时间和地点测得，反映的是镜像当时的响应情况。"
        ),
    ));
    list(
        out,
        ("ul", "measurements", word(lang, "Measurements", "测量结果")),
        shared.measurements.iter().map(|m| {
            let place = gmd_probe::place_name(m.region.as_deref(), lang);
            let colo = m.colo.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
            let request = match &m.version {
                Some(v) => format!("{}@{v}", m.module),
                None => m.module.clone(),
            };
            let steps: Vec<String> = m
                .steps
                .iter()
                .map(|s| {
                    let answer = s.status.map_or_else(|| s.outcome.clone(), |c| c.to_string());
                    format!("{} {answer} {} ms", s.step, s.ms)
                })
                .collect();
            let (verdict, at) = (escape(&m.verdict), escape(&m.at));
            // The minute, said to be UTC (the report's wasm shows it in the reader's zone).
            let minute = escape(&gmd_status::readable_iso(&m.at, lang));
            format!(
                "<li data-verdict=\"{verdict}\"><time datetime=\"{at}\">{minute}</time> {} — <code>{}</code> <code>{}</code>: {verdict} ({})</li>",
                escape(&format!("{place}{colo}")),
                escape(&m.mirror),
                escape(&request),
                escape(&steps.join(" · ")),
            )
        }),
    );
    out.push_str("</section>\n");
}

/// `<tag class aria-label>` with `items`, nothing when there are none.
fn list(out: &mut String, (tag, class, label): (&str, &str, &str), items: impl Iterator<Item = String>) {
    let items: Vec<String> = items.collect();
    if !items.is_empty() {
        out.push_str(&format!(
            "<{tag} class=\"{class}\" aria-label=\"{label}\">\n{}\n</{tag}>\n",
            items.join("\n")
        ));
    }
}

/// The page for a report that does not exist (or expired): what happened, and the way back.
pub fn missing_html(lang: Lang) -> String {
    format!(
        "<h2 class=\"report-title\">{}</h2>\n<p class=\"refused\" data-status=\"report_missing\">{}</p>\n<p><a href=\"/\">{}</a></p>\n",
        word(lang, "Shared report", "分享的报告"),
        word(
            lang,
            "This report does not exist or has expired.",
            "此报告不存在或已过期。"
        ),
        word(lang, "Analyse your own paste", "分析你自己的内容"),
    )
}

/// The page of a server-less link (`/r#…`) until the app has read its fragment.
pub fn link_html(lang: Lang) -> String {
    format!(
        "<h2 class=\"report-title\">{}</h2>\n<p class=\"status\">{}</p>\n<noscript><p>{}</p></noscript>\n",
        word(lang, "Shared report", "分享的报告"),
        word(lang, "Opening the report in the link…", "正在打开链接中的报告……"),
        word(
            lang,
            "The report in a link is read by the page itself: it needs JavaScript and WebAssembly.",
            "链接中的报告由页面自己读取：需要 JavaScript 和 WebAssembly。"
        ),
    )
}

/// `html` with its server-rendered part (between the markers) replaced by `body`; unchanged when
/// the page has no markers.
pub fn replace_prerendered(html: &str, body: &str) -> String {
    match (html.find(START), html.find(END)) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{START}\n{body}{}", &html[..start], &html[end..])
        }
        _ => html.to_owned(),
    }
}

/// The page in the reader's language: `<html lang>` and a `<title>` of its own.
pub fn in_language(html: &str, lang: Lang, found: bool) -> String {
    let title = match (lang, found) {
        (Lang::Zh, true) => "分享的诊断报告 · Go Module Doctor",
        (Lang::Zh, false) => "未找到报告 · Go Module Doctor",
        (Lang::En, true) => "Shared diagnosis · Go Module Doctor",
        (Lang::En, false) => "Report not found · Go Module Doctor",
    };
    html.replacen("<html lang=\"en\">", &format!("<html lang=\"{}\">", lang.tag()), 1)
        .replacen("<title>Go Module Doctor</title>", &format!("<title>{title}</title>"), 1)
}

/// A report page runs the report page's wasm module (`app.js`): its head preloads that one
/// instead of the home page's.
pub fn preload_report_module(html: &str) -> String {
    let head_end = html.find("</head>").unwrap_or(0);
    let (head, rest) = html.split_at(head_end);
    format!("{}{rest}", head.replace("/pkg/gmd_web", "/pkg/gmd_report_page"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_in_the_readers_language() {
        let page = "<!doctype html>\n<html lang=\"en\">\n<head>\n<title>Go Module Doctor</title>";
        let zh = in_language(page, Lang::Zh, true);
        assert!(
            zh.contains("<html lang=\"zh-CN\">") && zh.contains("<title>分享的诊断报告 · Go Module Doctor</title>"),
            "{zh}"
        );
        let en = in_language(page, Lang::En, false);
        assert!(
            en.contains("<html lang=\"en\">") && en.contains("<title>Report not found · Go Module Doctor</title>"),
            "{en}"
        );
    }

    #[test]
    fn a_report_page_preloads_its_own_module() {
        let page = "<head><link rel=\"modulepreload\" href=\"/pkg/gmd_web.js\">\n<link rel=\"preload\" href=\"/pkg/gmd_web_bg.wasm\">\n</head><body>/pkg/gmd_web.js</body>";
        assert_eq!(
            preload_report_module(page),
            "<head><link rel=\"modulepreload\" href=\"/pkg/gmd_report_page.js\">\n<link rel=\"preload\" href=\"/pkg/gmd_report_page_bg.wasm\">\n</head><body>/pkg/gmd_web.js</body>"
        );
    }

    fn shared(input: &str) -> SharedReport {
        gmd_analysis::shared_report(input, vec![], None).expect("small")
    }

    #[test]
    fn findings_and_fixes_in_the_readers_language_escaped() {
        let report = shared(
            "GOPROXY='off'\ngo: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n<script>alert(1)</script>\n",
        );
        let en = report_html(&report, Lang::En);
        assert!(en.contains("data-cause=\"proxy_off\""), "{en}");
        assert!(en.contains("Module downloads are disabled (GOPROXY=off)"), "{en}");
        assert!(en.contains("<code>GOPROXY</code>"), "backticks are code: {en}");
        assert!(
            en.contains("<pre><code>export GOPROXY=https://proxy.golang.org,direct</code></pre>"),
            "{en}"
        );
        assert!(!en.contains("<script>"), "the input is escaped: {en}");
        assert!(en.contains("&lt;script&gt;"));
        let zh = report_html(&report, Lang::Zh);
        assert!(zh.contains("模块下载被禁用"), "{zh}");
        // The shell the report was shared with.
        let ps =
            shared("PS C:\\work> go mod download\ngo: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n");
        assert!(report_html(&ps, Lang::En).contains("$env:GOPROXY"));
    }

    #[test]
    fn the_prerendered_part_is_replaced_whole() {
        let page =
            "<body>\n<main id=\"prerendered\"><!--prerendered-->\n<p>home</p>\n<!--/prerendered--></main>\n</body>";
        assert_eq!(
            replace_prerendered(page, "<p>report</p>\n"),
            "<body>\n<main id=\"prerendered\"><!--prerendered-->\n<p>report</p>\n<!--/prerendered--></main>\n</body>"
        );
        assert_eq!(replace_prerendered("<body></body>", "x"), "<body></body>");
    }

    #[test]
    fn attached_measurements_are_listed_with_when_and_where_escaped() {
        let mut report = shared("go: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n");
        assert!(
            !report_html(&report, Lang::En).contains("measurements"),
            "none, no section"
        );
        report.measurements = vec![gmd_report::Measurement {
            at: "2026-12-01T10:00:00.000Z".to_owned(),
            region: Some("weur".to_owned()),
            colo: Some("FRA".to_owned()),
            mirror: "https://goproxy.example/<b>".to_owned(),
            module: "golang.org/x/text".to_owned(),
            version: Some("v0.14.0".to_owned()),
            verdict: "down".to_owned(),
            ms: 120,
            steps: vec![gmd_report::MeasuredStep {
                step: "info".to_owned(),
                outcome: "http_error".to_owned(),
                status: Some(502),
                ms: 40,
                first_attempt: Some("HTTP 502".to_owned()),
            }],
        }];
        let html = report_html(&report, Lang::En);
        assert!(html.contains("<section id=\"measurements\">"), "{html}");
        assert!(
            html.contains("<li data-verdict=\"down\"><time datetime=\"2026-12-01T10:00:00.000Z\">2026-12-01 10:00 UTC</time> Western Europe (FRA) — <code>https://goproxy.example/&lt;b&gt;</code> <code>golang.org/x/text@v0.14.0</code>: down (info 502 40 ms)</li>"),
            "{html}"
        );
        assert!(report_html(&report, Lang::Zh).contains("分享时附上的探测结果"));
    }
}
