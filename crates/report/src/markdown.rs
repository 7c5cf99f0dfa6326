//! A forum-ready Markdown rendering (GitHub, Discourse, V2EX): the root cause in the open,
//! the details folded in `<details>` blocks.

use crate::{Lang, Report};
use gmd_vocabulary::{Localized, texts};
use std::fmt::Write;

texts! {
    /// The words of the Markdown around the report's own texts.
    enum Word {
        NothingFound => "No known problem found.", "没有发现已知问题。";
        Evidence => "Evidence", "证据";
        Unsafe => " **(unsafe)**", " **（不安全）**";
        Persistently =>
            "or, persistently (an OS environment variable of the same name overrides it):",
            "或者持久设置（同名的操作系统环境变量会覆盖它）：";
        Why => "Why", "原因";
        Reference => "Reference: ", "参考：";
        Config => "Effective configuration", "实际生效的配置";
        Checked => "checked against the checksum database", "用校验和数据库校验";
        NotChecked => "not checked", "不校验";
        NotHere =>
            "Nothing to type on this system.",
            "在这个系统上不需要输入任何命令。";
        FillIn => "Replace", "替换";
        Likely => "likely: read from the context", "很可能：根据上下文推断";
        Guess => "a guess: no known cause fits", "猜测：没有已知原因符合";
    }
}

/// Renders a report as Markdown in `lang`.
pub fn to_markdown(report: &Report, lang: Lang) -> String {
    let word = |w: Word| w.in_lang(lang);
    // The fixes in the shell the report was made for.
    let shell = report.shell();
    let fence_language = match shell {
        crate::Shell::Posix => "sh",
        crate::Shell::PowerShell => "powershell",
        crate::Shell::Cmd => "bat",
    };
    let mut out = String::new();
    let _ = writeln!(out, "## Go Module Doctor");
    let _ = writeln!(out);
    if report.findings.is_empty() {
        let _ = writeln!(out, "{}", word(Word::NothingFound));
    }
    for (index, finding) in report.findings.iter().enumerate() {
        let sure = match finding.certainty.as_str() {
            "likely" => format!(", {}", word(Word::Likely)),
            "guess" => format!(", {}", word(Word::Guess)),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "### {}. {} (`{}`, {}{sure})",
            index + 1,
            escape(finding.title.get(lang)),
            finding.cause,
            finding.severity
        );
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", escape(finding.message.get(lang)));
        let _ = writeln!(out);
        if !finding.evidence.is_empty() {
            let _ = writeln!(out, "<details><summary>{}</summary>", word(Word::Evidence));
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
            let unsafe_note = if fix.safety == "unsafe" {
                word(Word::Unsafe)
            } else {
                String::new()
            };
            let _ = writeln!(out, "{}. {}{unsafe_note}", n + 1, escape(fix.title.get(lang)));
            let _ = writeln!(out);
            match fix.command(shell, &crate::no_fill) {
                Some(command) => {
                    let _ = writeln!(out, "{}", indent(&fence(fence_language, &command)));
                }
                None => {
                    let _ = writeln!(out, "   {}", word(Word::NotHere));
                    let _ = writeln!(out);
                }
            }
            for hole in fix.holes() {
                let _ = writeln!(
                    out,
                    "   {} `{}`: {}",
                    word(Word::FillIn),
                    hole.marker(),
                    escape(hole.says().get(lang))
                );
            }
            if !fix.holes().is_empty() {
                let _ = writeln!(out);
            }
            if let Some(go_env) = fix.go_env(shell, &crate::no_fill) {
                let _ = writeln!(out, "   {}", word(Word::Persistently));
                let _ = writeln!(out);
                let _ = writeln!(out, "{}", indent(&fence(fence_language, &go_env)));
            }
        }
        let _ = writeln!(out, "<details><summary>{}</summary>", word(Word::Why));
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", escape(finding.explanation.get(lang)));
        let _ = writeln!(out);
        if let Some(reference) = finding.safe_reference() {
            let _ = writeln!(out, "{}{}", word(Word::Reference), reference);
        }
        let _ = writeln!(out, "</details>");
        let _ = writeln!(out);
    }
    let c = &report.config;
    let _ = writeln!(out, "<details><summary>{}</summary>", word(Word::Config));
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "- GOPROXY `{}`: {}",
        c.goproxy.value,
        escape(c.goproxy.summary.get(lang))
    );
    let _ = writeln!(
        out,
        "- GOSUMDB `{}`: {}",
        c.sumdb.value,
        escape(c.sumdb.summary.get(lang))
    );
    let _ = writeln!(
        out,
        "- GOTOOLCHAIN `{}`: {}",
        c.toolchain.gotoolchain,
        escape(c.toolchain.summary.get(lang))
    );
    for route in &c.routes {
        let checksum = word(if route.checksum_db {
            Word::Checked
        } else {
            Word::NotChecked
        });
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
        let markdown = to_markdown(&crate::tests::sample(), Lang::En);
        assert!(markdown.starts_with(
            "## Go Module Doctor\n\n### 1. Module downloads are disabled (GOPROXY=off) (`proxy_off`, error)\n"
        ));
        assert!(markdown.contains("<details><summary>Evidence</summary>\n\n```text\n   1 | GOPROXY='off'\n   2 | go: example.com/m@v1.0.0: module lookup disabled by GOPROXY=off\n```\n</details>"));
        assert!(markdown.contains("   ```sh\n   export GOPROXY=https://proxy.golang.org,direct\n   ```"));
        assert!(markdown.contains("- GOPROXY `off`: the go command refuses to download (off)"));
        let chinese = to_markdown(&crate::tests::sample(), Lang::Zh);
        assert!(
            chinese.contains("### 1. 模块下载被禁用（GOPROXY=off） (`proxy_off`, error)"),
            "{chinese}"
        );
        assert!(chinese.contains("<details><summary>证据</summary>"));
        assert!(chinese.contains("- GOPROXY `off`: go 命令拒绝下载（off）"));
    }

    #[test]
    fn fixes_are_in_the_reports_shell() {
        let sample = crate::tests::sample();
        let fix = sample.findings[0].fixes[0].clone();
        let typed = |shell| fix.command(shell, &crate::no_fill).expect("every shell");
        let cmd = to_markdown(&sample.clone().with_shell(crate::Shell::Cmd), Lang::En);
        assert!(
            cmd.contains(&format!("```bat\n   {}\n", typed(crate::Shell::Cmd))),
            "{cmd}"
        );
        let powershell = to_markdown(&sample.clone().with_shell(crate::Shell::PowerShell), Lang::En);
        assert!(
            powershell.contains(&format!("```powershell\n   {}\n", typed(crate::Shell::PowerShell))),
            "{powershell}"
        );
        assert!(powershell.contains("   ```powershell\n   go env -w 'GOPROXY=https://proxy.golang.org,direct'\n"));
        let posix = sample.clone().with_shell(crate::Shell::Posix);
        assert_eq!(posix.shell, None, "POSIX reports keep their bytes");
        assert!(to_markdown(&posix, Lang::En).contains(&format!("```sh\n   {}\n", typed(crate::Shell::Posix))));
    }

    #[test]
    fn user_text_cannot_break_out() {
        assert_eq!(fence("text", "a ``` b"), "````text\na ``` b\n````");
        assert_eq!(escape("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
    }
}
