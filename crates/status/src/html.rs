//! `/status` as a whole HTML page in English or Simplified Chinese: the mirrors × regions now,
//! uptime over 24 hours, 7 days and 90 days with their charts, freshness, incidents. The page
//! needs no script; its colours come from the site's style sheet (both themes).

use crate::board::Board;
use crate::svg::{escape, latency_line, percent, uptime_bars};
use crate::{DAY_MS, HOUR_MS, iso, readable};
use gmd_vocabulary::Lang;

fn w(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    if lang == Lang::Zh { zh } else { en }
}

/// A state or verdict in words.
pub fn state_word(state: &str, lang: Lang) -> String {
    gmd_probe::status_word(state, lang)
}

/// A region code in words (`near`: the data centre nearest the worker).
fn place(region: &str, lang: Lang) -> String {
    gmd_probe::place_name(Some(region).filter(|r| *r != "near"), lang)
}

fn uptime(u: Option<f64>, lang: Lang) -> String {
    u.map_or_else(|| w(lang, "no data", "无数据").to_owned(), percent)
}

/// A chart: its points, the span of a bar, how many bars, its name in English and
/// Chinese, and its uptime figure.
type Chart<'a> = (
    &'a [crate::board::Point],
    i64,
    usize,
    &'static str,
    &'static str,
    Option<f64>,
);

/// The page. `origin` prefixes the badge's Markdown when the deployment names its address.
pub fn page(board: &Board, lang: Lang, origin: Option<&str>) -> String {
    let base = origin.unwrap_or_default().trim_end_matches('/');
    let mut out = String::new();
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n<script src=\"/local-time.js\" defer></script>\n<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/status/feed.atom\" title=\"{}\">\n</head>\n<body class=\"status-page\">\n<header><h1><a href=\"/\">Go Module Doctor</a></h1><p class=\"tagline\">{}</p><a class=\"lang\" href=\"/status?lang={}\">{}</a></header>\n<main id=\"status\">\n",
        if lang == Lang::Zh { "zh-CN" } else { "en" },
        w(lang, "Go module mirrors: status", "Go 模块镜像状态"),
        w(lang, "Incidents", "故障"),
        w(
            lang,
            "Every Go module mirror probed from every region every five minutes: list, @latest, info, mod, zip, the checksum database through the mirror, the toolchain.",
            "每五分钟从各个地区探测每个 Go 模块镜像：list、@latest、info、mod、zip、经由镜像的校验和数据库，以及工具链。"
        ),
        if lang == Lang::Zh { "en" } else { "zh-CN" },
        if lang == Lang::Zh { "English" } else { "中文" },
    ));
    out.push_str(&format!(
        "<h2>{}</h2>\n",
        w(lang, "Go module mirrors: status", "Go 模块镜像状态")
    ));
    match board.last_run {
        None => out.push_str(&format!(
            "<p class=\"status\" data-status=\"no-run\">{}</p>\n",
            w(
                lang,
                "No scheduled probe has run yet: the board fills in after the first one.",
                "还没有运行过定时探测：第一次运行之后这里才有数据。"
            )
        )),
        // (The server says UTC plainly; `/local-time.js` rewrites each `<time>` in the reader's
        // zone and language where scripts run.)
        Some(run) => out.push_str(&format!(
            "<p class=\"status\">{}<time datetime=\"{}\">{}</time></p>\n",
            w(lang, "Last probed: ", "最近一次探测："),
            iso(run),
            readable(run, lang)
        )),
    }
    if board.cut_off {
        out.push_str(&format!(
            "<p class=\"refused\" role=\"alert\" data-status=\"cut-off\">{}</p>\n",
            w(
                lang,
                "In the last run no mirror answered from any region: the prober itself could not reach the internet (as on a machine without it), so this says nothing about the mirrors.",
                "最近一次运行中，所有镜像在所有地区都没有回应：是探测程序自己连不上互联网（例如在没有网络的机器上），这并不说明镜像有问题。"
            )
        ));
    }
    // Now: mirrors × regions, and the uptime windows.
    if !board.mirrors.is_empty() {
        out.push_str(&format!(
            "<div class=\"matrix-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"status-now-caption\"><table class=\"matrix\" id=\"status-now\"><caption id=\"status-now-caption\">{}</caption><thead><tr><th scope=\"col\">{}</th>",
            w(
                lang,
                "Each mirror from each region, in the last run; uptime over 24 hours, 7 days and 90 days",
                "最近一次运行中各镜像在各地区的状态；过去 24 小时、7 天和 90 天的可用率"
            ),
            w(lang, "Mirror", "镜像")
        ));
        for region in &board.regions {
            out.push_str(&format!("<th scope=\"col\">{}</th>", escape(&place(region, lang))));
        }
        out.push_str(&format!(
            "<th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>\n",
            w(lang, "24 h", "24 小时"),
            w(lang, "7 days", "7 天"),
            w(lang, "90 days", "90 天"),
            w(lang, "A 404 takes", "404 耗时")
        ));
        for m in &board.mirrors {
            out.push_str(&format!(
                "<tr data-mirror=\"{}\" data-state=\"{}\"><th scope=\"row\"><a href=\"#{}\">{}</a> <span class=\"state {}\">{}</span></th>",
                escape(&m.slug),
                escape(&m.state),
                escape(&m.slug),
                escape(&gmd_probe::report::short_mirror(&m.mirror)),
                escape(&m.state),
                escape(&state_word(&m.state, lang))
            ));
            for region in &board.regions {
                match m.cells.iter().find(|c| c.region == *region) {
                    Some(c) => out.push_str(&format!(
                        "<td class=\"{}\" title=\"{}\">{}{}</td>",
                        escape(&c.status),
                        escape(&c.kind),
                        escape(&state_word(&c.status, lang)),
                        if matches!(c.status.as_str(), "ok" | "stale") {
                            format!(" · {} ms", c.ms)
                        } else {
                            String::new()
                        }
                    )),
                    None => out.push_str("<td>—</td>"),
                }
            }
            out.push_str(&format!(
                "<td>{}</td><td>{}</td><td>{}</td><td class=\"not-found\">{}</td></tr>\n",
                uptime(m.uptime_24h, lang),
                uptime(m.uptime_7d, lang),
                uptime(m.uptime_90d, lang),
                m.not_found_ms.map_or_else(|| "—".to_owned(), |ms| format!("{ms} ms"))
            ));
        }
        out.push_str("</tbody></table></div>\n");
    }
    // Each mirror's history: uptime and latency over 90 days (by day), 7 days (by six hours) and
    // 24 hours (by hour).
    for m in &board.mirrors {
        let name = gmd_probe::report::short_mirror(&m.mirror);
        out.push_str(&format!(
            "<section class=\"mirror-history\" id=\"{}\"><h3>{}</h3>\n",
            escape(&m.slug),
            escape(&name)
        ));
        let charts: [Chart<'_>; 3] = [
            (&m.days, DAY_MS, 90, "last 90 days", "过去 90 天", m.uptime_90d),
            (&m.hours, 6 * HOUR_MS, 28, "last 7 days", "过去 7 天", m.uptime_7d),
            (&m.hours, HOUR_MS, 24, "last 24 hours", "过去 24 小时", m.uptime_24h),
        ];
        for (points, span, slots, en, zh, figure) in charts {
            let bars_label = format!(
                "{name}: {}{} {}",
                w(lang, "uptime, ", "可用率，"),
                w(lang, en, zh),
                uptime(figure, lang)
            );
            let latency_label = format!(
                "{name}: {}{}",
                w(lang, "median latency, ", "延迟中位数，"),
                w(lang, en, zh)
            );
            out.push_str(&format!(
                "<div class=\"window\"><p>{}</p>{}\n<p>{}</p>{}</div>\n",
                escape(&bars_label),
                uptime_bars(points, board.now, span, slots, &bars_label, lang),
                escape(&latency_label),
                latency_line(points, board.now, span, slots, &latency_label),
            ));
        }
        out.push_str(&format!(
            "<p class=\"badge\">{} <img src=\"/status/badge/{}.svg\" alt=\"{}\"> <code>![{}]({base}/status/badge/{}.svg)</code></p></section>\n",
            w(lang, "Badge:", "徽章："),
            escape(&m.slug),
            escape(&name),
            escape(&name),
            escape(&m.slug),
        ));
    }
    // Freshness.
    if !board.freshness.is_empty() {
        out.push_str(&format!(
            "<h3 id=\"freshness\">{}</h3>\n<p class=\"note\">{}</p>\n<div class=\"matrix-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"freshness\"><table class=\"matrix\" id=\"status-freshness\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>\n",
            w(lang, "Freshness", "新版本的同步速度"),
            w(lang, "How long after proxy.golang.org each mirror listed the newest version of a fast-moving module.", "对于更新频繁的模块，各镜像在 proxy.golang.org 之后多久列出了它的最新版本。"),
            w(lang, "Module", "模块"),
            w(lang, "Mirror", "镜像"),
            w(lang, "Listed after", "延迟")
        ));
        for f in &board.freshness {
            let lag = match f.lag_ms {
                Some(ms) if ms < 60_000 => w(lang, "within a minute", "一分钟内").to_owned(),
                Some(ms) if ms < 2 * HOUR_MS => format!("{} min", ms / 60_000),
                Some(ms) => format!("{} h", ms / HOUR_MS),
                None => w(lang, "not listed yet", "尚未列出").to_owned(),
            };
            out.push_str(&format!(
                "<tr><td><code>{}@{}</code></td><td>{}</td><td>{}</td></tr>\n",
                escape(&f.module),
                escape(&f.version),
                escape(&gmd_probe::report::short_mirror(&f.mirror)),
                escape(&lag)
            ));
        }
        out.push_str("</tbody></table></div>\n");
    }
    // Incidents.
    out.push_str(&format!("<h3 id=\"incidents\">{}</h3>\n", w(lang, "Incidents", "故障")));
    if board.incidents.is_empty() {
        out.push_str(&format!(
            "<p class=\"status\">{}</p>\n",
            w(lang, "No incident in the last 90 days.", "过去 90 天没有故障。")
        ));
    } else {
        out.push_str("<ul class=\"incidents\">\n");
        for i in &board.incidents {
            let regions: Vec<String> = i.regions.iter().map(|r| place(r, lang)).collect();
            let sep = if lang == Lang::Zh { "、" } else { ", " };
            let time = |ms: i64| format!("<time datetime=\"{}\">{}</time>", iso(ms), readable(ms, lang));
            let start = time(i.start);
            let end = match i.end {
                Some(end) => time(end),
                None => w(lang, "ongoing", "仍在持续").to_owned(),
            };
            let (regions, endpoints) = (escape(&regions.join(sep)), escape(&i.endpoints.join(sep)));
            let said = match lang {
                Lang::Zh => format!("{start} → {end}；地区：{regions}；失败的请求：{endpoints}"),
                Lang::En => format!("{start} → {end}; from {regions}; requests: {endpoints}"),
            };
            out.push_str(&format!(
                "<li id=\"{}\" data-ongoing=\"{}\"><strong>{}</strong> {said}</li>\n",
                escape(&crate::feed::anchor(i)),
                i.end.is_none(),
                escape(&gmd_probe::report::short_mirror(&i.mirror)),
            ));
        }
        out.push_str("</ul>\n");
    }
    out.push_str(&format!(
        "<p class=\"links\"><a href=\"/api/status\">JSON</a> · <a href=\"/status/feed.atom\">{}</a> · <a href=\"/\">{}</a></p>\n</main>\n</body>\n</html>\n",
        w(lang, "Atom feed of incidents", "故障的 Atom 订阅"),
        w(lang, "Diagnose a failure", "诊断一次失败")
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::board::{Miss, Rows, assemble};

    #[test]
    fn the_page_names_what_it_knows_and_says_when_it_knows_nothing() {
        let empty = assemble(0, &["https://a.example".to_owned()], &Rows::recent(&[], &[]));
        let en = page(&empty, Lang::En, None);
        assert!(en.contains("data-status=\"no-run\""));
        assert!(en.contains("No incident in the last 90 days."));
        let mirrors = vec!["https://a.example".to_owned(), "https://b.example".to_owned()];
        let samples = crate::simulate(
            &mirrors,
            &["weur".to_owned(), "near".to_owned()],
            3 * DAY_MS,
            24,
            |m, i| m == 1 && i > 20,
        );
        let last: Vec<crate::Sample> = samples.iter().filter(|s| s.run == 3 * DAY_MS).cloned().collect();
        let incidents = crate::incidents(&samples);
        let board = assemble(
            3 * DAY_MS,
            &mirrors,
            &Rows {
                incidents: &incidents,
                misses: &[
                    Miss {
                        mirror: mirrors[0].clone(),
                        status: 404,
                        ms: 1200,
                    },
                    Miss {
                        mirror: mirrors[0].clone(),
                        status: 0,
                        ms: 8000,
                    },
                ],
                ..Rows::recent(&last, &[])
            },
        );
        let zh = page(&board, Lang::Zh, Some("https://doctor.example"));
        assert!(zh.contains("<html lang=\"zh-CN\">"));
        assert!(zh.contains("西欧") && zh.contains("最近的数据中心"), "{zh}");
        assert!(zh.contains("data-mirror=\"b.example\" data-state=\"down\""));
        assert!(zh.contains("仍在持续"));
        assert!(
            zh.contains("<td class=\"not-found\">1200 ms</td>"),
            "the median of the 404s, not of the failures"
        );
        assert!(zh.contains("![b.example](https://doctor.example/status/badge/b.example.svg)"));
        assert_eq!(zh.matches("<svg class=\"bars\"").count(), 2 * 3);
        assert_eq!(zh.matches("<svg class=\"latency\"").count(), 2 * 3);
    }
}
