//! The board's charts and the badges, as SVG. Charts take their colours from the page's CSS
//! classes (both themes); badges carry their own (they are shown on other sites). Every chart
//! has a title and a text alternative.

use crate::board::Point;
use crate::{DAY_MS, iso};
use gmd_vocabulary::Lang;

/// `&`, `<`, `>`, `"` and `'` escaped for XML text and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A share as a percentage with the precision that tells `99.95` from `100`.
pub fn percent(share: f64) -> String {
    let p = share * 100.0;
    if p >= 99.995 {
        "100%".to_owned()
    } else if p >= 99.0 {
        format!("{p:.2}%")
    } else {
        format!("{p:.1}%")
    }
}

/// The CSS class of an uptime.
fn class(uptime: Option<f64>) -> &'static str {
    match uptime {
        None => "u-none",
        Some(u) if u >= 0.999 => "u-full",
        Some(u) if u >= 0.99 => "u-minor",
        Some(u) if u >= 0.9 => "u-major",
        Some(_) => "u-down",
    }
}

/// Bars for `slots` periods of `span` milliseconds ending with the one holding `now`: a bar per
/// period, its colour the uptime, its title the period and the figure.
pub fn uptime_bars(points: &[Point], now: i64, span: i64, slots: usize, label: &str, lang: Lang) -> String {
    let last = now - now.rem_euclid(span);
    let (width, gap, height) = (6, 2, 34);
    let total = slots as i64 * (width + gap) - gap;
    let mut out = format!(
        "<svg class=\"bars\" viewBox=\"0 0 {total} {height}\" width=\"100%\" height=\"{height}\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
        escape(label),
        escape(label)
    );
    for i in 0..slots as i64 {
        let at = last - (slots as i64 - 1 - i) * span;
        let here: Vec<&Point> = points.iter().filter(|p| p.at >= at && p.at < at + span).collect();
        let (count, failures) = here.iter().fold((0, 0), |(c, f), p| (c + p.count, f + p.failures));
        let uptime = (count > 0).then(|| (count - failures) as f64 / count as f64);
        let when = if span >= DAY_MS {
            iso(at)[..10].to_owned()
        } else {
            iso(at)[..16].replace('T', " ")
        };
        let figure = match uptime {
            Some(u) => percent(u),
            None if lang == Lang::Zh => "无数据".to_owned(),
            None => "no data".to_owned(),
        };
        out.push_str(&format!(
            "<rect class=\"{}\" x=\"{}\" y=\"0\" width=\"{width}\" height=\"{height}\" rx=\"1\"><title>{when}: {figure}</title></rect>",
            class(uptime),
            i * (width + gap)
        ));
    }
    out.push_str("</svg>");
    out
}

/// The median latency as a line over `slots` periods of `span` milliseconds ending with the one
/// holding `now` (the slowest median within a period; periods without a served probe leave a
/// gap).
pub fn latency_line(points: &[Point], now: i64, span: i64, slots: usize, label: &str) -> String {
    let last = now - now.rem_euclid(span);
    let (w, h) = (230, 40);
    let n = slots as i64;
    let values: Vec<Option<i64>> = (0..n)
        .map(|i| {
            let at = last - (n - 1 - i) * span;
            points
                .iter()
                .filter(|p| p.at >= at && p.at < at + span && p.p50 > 0)
                .map(|p| p.p50)
                .max()
        })
        .collect();
    let max = values.iter().flatten().copied().max().unwrap_or(1).max(1);
    let mut paths = Vec::new();
    let mut dots = Vec::new();
    let mut current = String::new();
    for (i, value) in values.iter().enumerate() {
        match value {
            Some(v) => {
                let x = i as i64 * w / (n - 1).max(1);
                let y = h - 2 - (v * (h - 4) / max);
                // An hour alone between gaps is a dot (a path of one point draws nothing).
                let alone = (i == 0 || values[i - 1].is_none()) && values.get(i + 1).is_none_or(Option::is_none);
                if alone {
                    dots.push((x, y));
                }
                current.push_str(&format!("{}{x},{y}", if current.is_empty() { "M" } else { " L" }));
            }
            None if !current.is_empty() => paths.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        paths.push(current);
    }
    let mut out = format!(
        "<svg class=\"latency\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{0}\"><title>{0}</title>",
        escape(label)
    );
    for d in paths {
        out.push_str(&format!(
            "<path d=\"{d}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"/>"
        ));
    }
    for (x, y) in dots {
        out.push_str(&format!(
            "<circle cx=\"{x}\" cy=\"{y}\" r=\"2.5\" fill=\"currentColor\"/>"
        ));
    }
    out.push_str("</svg>");
    out
}

/// A flat badge, `label | value`, its right side coloured by `state` (`up`, `partial`, `down`,
/// anything else grey), sized by its text.
pub fn badge(label: &str, value: &str, state: &str) -> String {
    let colour = match state {
        "up" => "#2e7d32",
        "partial" => "#b26a00",
        "down" => "#c62828",
        _ => "#616161",
    };
    let text_width = |t: &str| t.chars().count() as i64 * 7 + 12;
    let (lw, vw) = (text_width(label), text_width(value));
    let total = lw + vw;
    let (label, value) = (escape(label), escape(value));
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{total}\" height=\"20\" role=\"img\" aria-label=\"{label}: {value}\"><title>{label}: {value}</title>\
<rect width=\"{lw}\" height=\"20\" fill=\"#555\"/><rect x=\"{lw}\" width=\"{vw}\" height=\"20\" fill=\"{colour}\"/>\
<g fill=\"#fff\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\"><text x=\"6\" y=\"14\">{label}</text><text x=\"{}\" y=\"14\">{value}</text></g></svg>",
        lw + 6
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::HOUR_MS;

    fn point(at: i64, count: i64, failures: i64, p50: i64) -> Point {
        Point {
            mirror: "m".to_owned(),
            at,
            count,
            failures,
            p50,
        }
    }

    #[test]
    fn bars_colour_each_day_and_say_it_in_words() {
        let now = 100 * DAY_MS + 5 * HOUR_MS;
        let days = vec![point(100 * DAY_MS, 288, 0, 90), point(99 * DAY_MS, 288, 144, 90)];
        let svg = uptime_bars(&days, now, DAY_MS, 90, "Uptime, last 90 days", Lang::En);
        assert_eq!(svg.matches("<rect").count(), 90);
        assert!(svg.contains("role=\"img\" aria-label=\"Uptime, last 90 days\""));
        assert!(svg.contains("class=\"u-full\" x=\"712\""), "{svg}");
        assert!(svg.contains("<title>1970-04-10: 50.0%</title>"), "{svg}");
        assert_eq!(svg.matches("u-none").count(), 88);
        assert!(uptime_bars(&[], now, DAY_MS, 3, "x", Lang::Zh).contains("无数据"));
    }

    #[test]
    fn the_latency_line_breaks_where_nothing_served() {
        let now = 10 * DAY_MS;
        let last = now - HOUR_MS;
        let hours: Vec<Point> = (0..24)
            .filter(|i| *i != 10)
            .map(|i| point(last - (23 - i) * HOUR_MS, 12, 0, 100 + i))
            .collect();
        let svg = latency_line(&hours, now - 1, HOUR_MS, 24, "Median latency");
        assert_eq!(svg.matches("<path").count(), 2, "{svg}");
        assert_eq!(svg.matches("<circle").count(), 0);
        let one = latency_line(&hours[22..], now - 1, HOUR_MS, 24, "Median latency");
        assert_eq!(one.matches("<circle").count(), 1, "a lone hour is a dot: {one}");
    }

    #[test]
    fn badges_are_escaped_and_sized_by_their_text() {
        let svg = badge("goproxy.cn", "99.95% <7d>", "up");
        assert!(svg.contains("<title>goproxy.cn: 99.95% &lt;7d&gt;</title>"));
        assert!(svg.contains("fill=\"#2e7d32\""));
        assert_eq!(percent(0.99951), "99.95%");
        assert_eq!(percent(0.9), "90.0%");
        assert_eq!(percent(1.0), "100%");
    }
}
