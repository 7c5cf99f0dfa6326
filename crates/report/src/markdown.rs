//! A forum-ready Markdown rendering (GitHub, Discourse, V2EX): the root cause in the open,
//! the details folded in `<details>` blocks.

use crate::Report;
use std::fmt::Write;

/// Renders a report as Markdown.
pub fn to_markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## Go Module Doctor");
    let _ = writeln!(out);
    if report.findings.is_empty() {
        let _ = writeln!(out, "No known problem found.");
    }
    for (index, finding) in report.findings.iter().enumerate() {
        let _ = writeln!(
            out,
            "### {}. {} (`{}`, {})",
            index + 1,
            escape(&finding.title),
            finding.cause,
            finding.severity
        );
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", escape(&finding.message));
        let _ = writeln!(out);
        if !finding.evidence.is_empty() {
            let _ = writeln!(out, "<details><summary>Evidence</summary>");
            let _ = writeln!(out);
            let _ = writeln!(
                out,
                "{}",
                fence(
                    "text",
                    &finding
                        .evidence
                        .iter()
                        .map(|e| format!("{:>4} | {}", e.line, e.text))
                        .collect::<Vec<_>>()
                        .join("\n")
                )
            );
            let _ = writeln!(out, "</details>");
            let _ = writeln!(out);
        }
        for (n, fix) in finding.fixes.iter().enumerate() {
            let unsafe_note = if fix.safety == "unsafe" { " **(unsafe)**" } else { "" };
            let _ = writeln!(out, "{}. {}{unsafe_note}", n + 1, escape(&fix.title));
            let _ = writeln!(out);
            let _ = writeln!(out, "{}", indent(&fence("sh", &fix.posix)));
            if let Some(go_env) = &fix.go_env_w {
                let _ = writeln!(
                    out,
                    "   or, persistently (an OS environment variable of the same name overrides it):"
                );
                let _ = writeln!(out);
                let _ = writeln!(out, "{}", indent(&fence("sh", go_env)));
            }
        }
        let _ = writeln!(out, "<details><summary>Why</summary>");
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", escape(&finding.explanation));
        let _ = writeln!(out);
        let _ = writeln!(out, "Reference: {}", finding.reference);
        let _ = writeln!(out, "</details>");
        let _ = writeln!(out);
    }
    let c = &report.config;
    let _ = writeln!(out, "<details><summary>Effective configuration</summary>");
    let _ = writeln!(out);
    let _ = writeln!(out, "- GOPROXY `{}`: {}", c.goproxy.value, escape(&c.goproxy.summary));
    let _ = writeln!(out, "- GOSUMDB `{}`: {}", c.sumdb.value, escape(&c.sumdb.summary));
    let _ = writeln!(
        out,
        "- GOTOOLCHAIN `{}`: {}",
        c.toolchain.gotoolchain,
        escape(&c.toolchain.summary)
    );
    for route in &c.routes {
        let checksum = if route.checksum_db {
            "checked against the checksum database"
        } else {
            "not checked"
        };
        let _ = writeln!(out, "- `{}`: {}, {checksum}", route.module, route.fetch);
    }
    let _ = writeln!(out, "</details>");
    out
}

/// A fenced block whose fence is longer than any backtick run inside.
fn fence(language: &str, body: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in body.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let ticks = "`".repeat((longest + 1).max(3));
    format!("{ticks}{language}\n{body}\n{ticks}")
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("   {l}")).collect::<Vec<_>>().join("\n")
}

/// Keeps HTML out of the rendered Markdown: user text is shown, never interpreted.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_forum_post() {
        let analysis =
            gmd_analysis::analyze("GOPROXY='off'\ngo: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n")
                .unwrap();
        let markdown = to_markdown(&Report::from_analysis(&analysis));
        assert!(markdown.starts_with(
            "## Go Module Doctor\n\n### 1. Module downloads are disabled (GOPROXY=off) (`proxy_off`, error)\n"
        ));
        assert!(markdown.contains("<details><summary>Evidence</summary>\n\n```text\n   1 | GOPROXY='off'\n   2 | go: x.example/m@v1.0.0: module lookup disabled by GOPROXY=off\n```\n</details>"));
        assert!(markdown.contains("   ```sh\n   export GOPROXY=https://proxy.golang.org,direct\n   ```"));
        assert!(markdown.contains("- GOPROXY `off`: the go command refuses to download (off)"));
    }

    #[test]
    fn user_text_cannot_break_out() {
        assert_eq!(fence("text", "a ``` b"), "````text\na ``` b\n````");
        assert_eq!(escape("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
    }
}
