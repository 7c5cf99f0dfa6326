//! The terminal rendering: the root cause first, evidence, fixes per shell.

use gmd_report::Report;
use std::fmt::Write;

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

/// Renders a report for a terminal (ANSI colours when `color`).
pub fn render(report: &Report, color: bool, recognised: bool) -> String {
    let style = Style { on: color };
    let mut out = String::new();
    if report.findings.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            if recognised {
                "No known problem found in this input."
            } else {
                "Nothing recognisable: paste `go env`, go.mod and the go command's output."
            }
        );
    }
    for (index, finding) in report.findings.iter().enumerate() {
        let severity = match finding.severity.as_str() {
            "error" => style.paint("1;31", "error"),
            "warning" => style.paint("1;33", "warning"),
            _ => style.paint("1;36", "info"),
        };
        let _ = writeln!(
            out,
            "{}. {severity}[{}]: {}",
            index + 1,
            finding.cause,
            style.paint("1", &finding.title)
        );
        let _ = writeln!(out, "   {}", finding.message);
        for evidence in &finding.evidence {
            let _ = writeln!(
                out,
                "   {} {}",
                style.paint("2", &format!("{:>4} |", evidence.line)),
                evidence.text
            );
        }
        let _ = writeln!(out, "   {}", style.paint("2", &finding.explanation));
        for (n, fix) in finding.fixes.iter().enumerate() {
            let label = if fix.safety == "unsafe" {
                format!(" {}", style.paint("1;31", "(unsafe)"))
            } else {
                String::new()
            };
            let _ = writeln!(out, "   fix {}{label}: {}", n + 1, fix.title);
            let _ = writeln!(out, "      sh:         {}", style.paint("32", &fix.posix));
            let _ = writeln!(out, "      PowerShell: {}", style.paint("32", &fix.powershell));
            let _ = writeln!(out, "      cmd:        {}", style.paint("32", &fix.cmd));
            if let Some(go_env) = &fix.go_env_w {
                let _ = writeln!(
                    out,
                    "      go env -w:  {}  (an OS variable of the same name overrides it)",
                    style.paint("32", go_env)
                );
            }
        }
        let _ = writeln!(out, "   see {}", finding.reference);
        let _ = writeln!(out);
    }
    let c = &report.config;
    let _ = writeln!(out, "{}", style.paint("1", "Effective configuration"));
    let _ = writeln!(out, "   GOPROXY     {}: {}", c.goproxy.value, c.goproxy.summary);
    let _ = writeln!(out, "   GOSUMDB     {}: {}", c.sumdb.value, c.sumdb.summary);
    let _ = writeln!(
        out,
        "   GOTOOLCHAIN {}: {}",
        c.toolchain.gotoolchain, c.toolchain.summary
    );
    for route in &c.routes {
        let sum = if route.checksum_db {
            "checksum DB"
        } else {
            "no checksum DB"
        };
        let _ = writeln!(out, "   {} → {}, {sum}", route.module, route.fetch);
    }
    out
}
