//! The terminal rendering: the root cause first, evidence, fixes per shell.

use gmd_report::{Lang, Report};
use gmd_vocabulary::{Localized, texts};
use std::fmt::Write;

texts! {
    /// The words of the terminal rendering around the report's own texts.
    enum Word {
        NothingFound => "No known problem found in this input.", "这段输入中没有发现已知问题。";
        NothingRecognised =>
            "Nothing recognisable: paste `go env`, go.mod and the go command's output.",
            "没有可识别的内容：请粘贴 `go env`、go.mod 和 go 命令的输出。";
        Unsafe => "(unsafe)", "（不安全）";
        Fix { n: usize } => "fix {n}:", "修复 {n}：";
        GoEnvNote => "(an OS variable of the same name overrides it)", "（同名的操作系统环境变量会覆盖它）";
        Likely => "likely: read from the context", "很可能：根据上下文推断";
        Guess => "a guess: no known cause fits", "猜测：没有已知原因符合";
        NotHere => "(nothing to type on this system)", "（这个系统上不需要输入）";
        FillIn { hole: String, says: String } =>
            "replace {hole} with {says}; the command cannot run until you do",
            "把 {hole} 换成{says}；换好之前这条命令无法运行";
        See => "see", "参见";
        Config => "Effective configuration", "实际生效的配置";
        Checked => "checksum DB", "校验和数据库";
        NotChecked => "no checksum DB", "不经校验和数据库";
    }
}

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// Renders a report for a terminal in `lang` (ANSI colours when `color`).
pub fn render(report: &Report, lang: Lang, color: bool, recognised: bool) -> String {
    let word = |w: Word| w.in_lang(lang);
    let style = Style { on: color };
    let mut out = String::new();
    if report.findings.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            word(if recognised {
                Word::NothingFound
            } else {
                Word::NothingRecognised
            })
        );
    }
    for (index, finding) in report.findings.iter().enumerate() {
        let severity = match finding.severity.as_str() {
            "error" => style.paint("1;31", "error"),
            "warning" => style.paint("1;33", "warning"),
            _ => style.paint("1;36", "info"),
        };
        // How sure: said when the cause is inferred, not named by the go command's words.
        let sure = match finding.certainty.as_str() {
            "likely" => format!(" ({})", word(Word::Likely)),
            "guess" => format!(" ({})", word(Word::Guess)),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "{}. {severity}[{}]{sure}: {}",
            index + 1,
            finding.cause,
            style.paint("1", finding.title.get(lang))
        );
        let _ = writeln!(out, "   {}", finding.message.get(lang));
        for evidence in &finding.evidence {
            let _ = writeln!(
                out,
                "   {} {}",
                style.paint("2", &format!("{:>4} |", evidence.line)),
                evidence.text
            );
        }
        let _ = writeln!(out, "   {}", style.paint("2", finding.explanation.get(lang)));
        for (n, fix) in finding.fixes.iter().enumerate() {
            let label = if fix.safety == "unsafe" {
                format!(" {}", style.paint("1;31", &word(Word::Unsafe)))
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "   {} {}{label}",
                word(Word::Fix { n: n + 1 }),
                fix.title.get(lang)
            );
            // Holes stay `<name>` (no shell runs the line as printed), and say what goes there.
            for (label, shell) in [
                ("sh:        ", gmd_report::Shell::Posix),
                ("PowerShell:", gmd_report::Shell::PowerShell),
                ("cmd:       ", gmd_report::Shell::Cmd),
            ] {
                let command = fix
                    .command(shell, &gmd_report::no_fill)
                    .map(|c| style.paint("32", &c))
                    .unwrap_or_else(|| word(Word::NotHere));
                let _ = writeln!(out, "      {label} {command}");
            }
            for hole in fix.holes() {
                let says = hole.says();
                let _ = writeln!(
                    out,
                    "      {}",
                    word(Word::FillIn {
                        hole: hole.marker(),
                        says: says.get(lang).to_owned(),
                    })
                );
            }
            if let Some(go_env) = &fix.go_env(report.shell(), &gmd_report::no_fill) {
                let _ = writeln!(
                    out,
                    "      go env -w:  {}  {}",
                    style.paint("32", go_env),
                    word(Word::GoEnvNote)
                );
            }
        }
        let _ = writeln!(out, "   {} {}", word(Word::See), finding.reference);
        let _ = writeln!(out);
    }
    let c = &report.config;
    let _ = writeln!(out, "{}", style.paint("1", &word(Word::Config)));
    let _ = writeln!(
        out,
        "   GOPROXY     {}: {}",
        c.goproxy.value,
        c.goproxy.summary.get(lang)
    );
    let _ = writeln!(out, "   GOSUMDB     {}: {}", c.sumdb.value, c.sumdb.summary.get(lang));
    let _ = writeln!(
        out,
        "   GOTOOLCHAIN {}: {}",
        c.toolchain.gotoolchain,
        c.toolchain.summary.get(lang)
    );
    for route in &c.routes {
        let sum = word(if route.checksum_db {
            Word::Checked
        } else {
            Word::NotChecked
        });
        let _ = writeln!(out, "   {} → {}, {sum}", route.module, route.fetch);
    }
    out
}
