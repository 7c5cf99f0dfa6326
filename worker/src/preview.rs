//! Link previews for forums: Open Graph and Twitter-card tags for `/r/<id>`, put into the app's
//! `index.html` so a shared link unfolds with the diagnosis while the page still renders in the
//! browser.

use gmd_report::{Lang, SharedReport};

/// The preview tags of a report (or of the site when the report is unknown), in `lang` (the
/// reader's `Accept-Language`; a report carries its texts in both languages).
/// `url` is the page's canonical address, made from the configured origin; without one there
/// is no `og:url` (never the request's `Host`, which a client chooses).
pub fn meta_tags(report: Option<&SharedReport>, url: Option<&str>, lang: Lang) -> String {
    let (title, description) = match report.and_then(|r| r.report.findings.first()) {
        Some(finding) => {
            let fix = finding
                .fixes
                .first()
                .map(|f| {
                    let shell = report.map(|r| r.report.shell()).unwrap_or_default();
                    match f.command(shell, &gmd_report::no_fill) {
                        Some(command) => format!("{}: {command}", f.title.get(lang)),
                        None => f.title.get(lang).to_owned(),
                    }
                })
                .unwrap_or_default();
            (format!("{} — Go Module Doctor", finding.title.get(lang)), fix)
        }
        None => (
            "Go Module Doctor".to_owned(),
            match lang {
                Lang::En => "Why go mod download, go get or go mod tidy fails, and what to type to fix it.",
                Lang::Zh => "go mod download、go get 或 go mod tidy 为什么失败，以及输入什么来修复。",
            }
            .to_owned(),
        ),
    };
    let locale = match lang {
        Lang::En => "en_US",
        Lang::Zh => "zh_CN",
    };
    let (title, description) = (escape(&title), escape(&description));
    let url = url.map(|u| format!("<meta property=\"og:url\" content=\"{}\">", escape(u)));
    [
        format!("<meta property=\"og:title\" content=\"{title}\">"),
        format!("<meta property=\"og:description\" content=\"{description}\">"),
        "<meta property=\"og:type\" content=\"article\">".to_owned(),
        format!("<meta property=\"og:locale\" content=\"{locale}\">"),
        "<meta property=\"og:site_name\" content=\"Go Module Doctor\">".to_owned(),
        url.unwrap_or_default(),
        "<meta name=\"twitter:card\" content=\"summary\">".to_owned(),
        format!("<meta name=\"twitter:title\" content=\"{title}\">"),
        format!("<meta name=\"twitter:description\" content=\"{description}\">"),
    ]
    .into_iter()
    .filter(|tag| !tag.is_empty())
    .collect::<Vec<_>>()
    .join("\n")
}

/// Puts `tags` before `</head>` (or at the start when there is none).
pub fn inject(html: &str, tags: &str) -> String {
    match html.find("</head>") {
        Some(i) => format!("{}{tags}\n{}", &html[..i], &html[i..]),
        None => format!("{tags}\n{html}"),
    }
}

/// Escapes text for an HTML attribute value.
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_name_the_root_cause_and_the_first_fix() {
        let input = "GOPROXY='off'\ngo: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n";
        let report = SharedReport::new(input, vec![], gmd_analysis::analyze(input).unwrap().to_report());
        let tags = meta_tags(Some(&report), Some("https://doctor.example/r/abcdefghijk"), Lang::En);
        assert!(tags.contains("<meta property=\"og:title\" content=\"Module downloads are disabled (GOPROXY=off) — Go Module Doctor\">"), "{tags}");
        assert!(tags.contains("<meta property=\"og:description\" content=\"Use the public module proxy, with direct as the fallback: export GOPROXY=https://proxy.golang.org,direct\">"), "{tags}");
        assert!(tags.contains("twitter:card"));
        assert!(tags.contains("<meta property=\"og:url\" content=\"https://doctor.example/r/abcdefghijk\">"));
        let site = meta_tags(None, None, Lang::En);
        assert!(
            site.contains("content=\"Go Module Doctor\"") && !site.contains("og:url"),
            "{site}"
        );
        let chinese = meta_tags(Some(&report), None, Lang::Zh);
        assert!(
            chinese
                .contains("<meta property=\"og:title\" content=\"模块下载被禁用（GOPROXY=off） — Go Module Doctor\">"),
            "{chinese}"
        );
        assert!(
            chinese.contains(
                "content=\"使用公共模块代理，并以 direct 作为后备: export GOPROXY=https://proxy.golang.org,direct\""
            ),
            "{chinese}"
        );
        assert!(chinese.contains("og:locale\" content=\"zh_CN"));
    }

    #[test]
    fn user_text_cannot_break_out_of_the_attribute() {
        assert_eq!(
            escape("a\"><script>x</script>&'"),
            "a&quot;&gt;&lt;script&gt;x&lt;/script&gt;&amp;&#39;"
        );
        assert_eq!(
            inject("<html><head><title>x</title></head><body></body></html>", "<meta>"),
            "<html><head><title>x</title><meta>\n</head><body></body></html>"
        );
        assert_eq!(inject("no head", "<meta>"), "<meta>\nno head");
    }
}
