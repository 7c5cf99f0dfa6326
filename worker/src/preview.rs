//! Link previews for forums: Open Graph and Twitter-card tags for `/r/<id>`, put into the app's
//! `index.html` so a shared link unfolds with the diagnosis while the page still renders in the
//! browser.

use gmd_report::SharedReport;

/// The preview tags of a report (or of the site when the report is unknown).
pub fn meta_tags(report: Option<&SharedReport>, url: &str) -> String {
    let (title, description) = match report.and_then(|r| r.report.findings.first()) {
        Some(finding) => {
            let fix = finding
                .fixes
                .first()
                .map(|f| format!("{}: {}", f.title, f.posix))
                .unwrap_or_default();
            (format!("{} — Go Module Doctor", finding.title), fix)
        }
        None => (
            "Go Module Doctor".to_owned(),
            "Why go mod download, go get or go mod tidy fails, and what to type to fix it.".to_owned(),
        ),
    };
    let (title, description, url) = (escape(&title), escape(&description), escape(url));
    [
        format!("<meta property=\"og:title\" content=\"{title}\">"),
        format!("<meta property=\"og:description\" content=\"{description}\">"),
        "<meta property=\"og:type\" content=\"article\">".to_owned(),
        "<meta property=\"og:site_name\" content=\"Go Module Doctor\">".to_owned(),
        format!("<meta property=\"og:url\" content=\"{url}\">"),
        "<meta name=\"twitter:card\" content=\"summary\">".to_owned(),
        format!("<meta name=\"twitter:title\" content=\"{title}\">"),
        format!("<meta name=\"twitter:description\" content=\"{description}\">"),
    ]
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
fn escape(text: &str) -> String {
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
        let report = SharedReport::new(input, vec![], &gmd_analysis::analyze(input).unwrap());
        let tags = meta_tags(Some(&report), "https://doctor.example/r/abcdefghijk");
        assert!(tags.contains("<meta property=\"og:title\" content=\"Module downloads are disabled (GOPROXY=off) — Go Module Doctor\">"), "{tags}");
        assert!(tags.contains("<meta property=\"og:description\" content=\"Use the public module proxy, with direct as the fallback: export GOPROXY=https://proxy.golang.org,direct\">"), "{tags}");
        assert!(tags.contains("twitter:card"));
        assert!(meta_tags(None, "u").contains("content=\"Go Module Doctor\""));
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
