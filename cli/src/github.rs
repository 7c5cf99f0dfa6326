//! `--format github`: the findings as GitHub Actions workflow commands — `::error`, `::warning`
//! or `::notice` per finding, with its title, its message and its first fix as the runner's
//! shell types it — and, when `GITHUB_STEP_SUMMARY` names a file, the Markdown report appended
//! there. Escaping as GitHub documents it: `%`, `\r` and `\n` in a message; `:` and `,` too in
//! a property.

use gmd_report::{Lang, Report, Shell};

/// Where the lines of the analysed input came from: each file given on the command line, with
/// the line of the input its first line is (1-based) and how many lines it has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources(pub Vec<(String, usize, usize)>);

impl Sources {
    /// `file`'s `count` lines start at line `first` of the input.
    pub fn add(&mut self, file: &str, first: usize, count: usize) {
        self.0.push((file.to_owned(), first, count));
    }

    /// The file and its line for a line of the input, when the input came from files.
    fn locate(&self, line: usize) -> Option<(&str, usize)> {
        self.0
            .iter()
            .find(|(_, first, count)| line >= *first && line < first + count)
            .map(|(file, first, _)| (file.as_str(), line - first + 1))
    }
}

/// A message (the text after `::`): `%`, `\r` and `\n` escaped.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property's value (`file=…`, `title=…`): as a message, and `:` and `,` too.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The runner's shell: PowerShell on Windows runners (`RUNNER_OS`), else POSIX shells.
pub fn runner_shell(runner_os: Option<&str>) -> Shell {
    if runner_os == Some("Windows") {
        Shell::PowerShell
    } else {
        Shell::Posix
    }
}

/// What `--format github` prints (for the runner of `RUNNER_OS`), after appending the Markdown
/// report to `GITHUB_STEP_SUMMARY`.
pub fn output(report: &Report, lang: Lang, sources: &Sources) -> Result<String, String> {
    summarise(report, lang)?;
    let shell = runner_shell(std::env::var("RUNNER_OS").ok().as_deref());
    Ok(render(report, lang, sources, shell))
}

/// Appends the Markdown report to the file `GITHUB_STEP_SUMMARY` names, if it names one.
fn summarise(report: &Report, lang: Lang) -> Result<(), String> {
    use std::io::Write;
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut file| file.write_all(gmd_report::to_markdown(report, lang).as_bytes()))
        .map_err(|e| format!("cannot write GITHUB_STEP_SUMMARY ({}): {e}", path.to_string_lossy()))
}

/// One workflow command per finding, root cause first.
pub fn render(report: &Report, lang: Lang, sources: &Sources, shell: Shell) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let command = match finding.severity.as_str() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let mut properties = Vec::new();
        if let Some((file, line)) = finding.evidence.first().and_then(|e| sources.locate(e.line)) {
            properties.push(format!("file={}", escape_property(file)));
            properties.push(format!("line={line}"));
        }
        properties.push(format!(
            "title={}",
            escape_property(&format!("{} [{}]", finding.title.get(lang), finding.cause))
        ));
        let mut message = finding.message.get(lang).to_owned();
        if let Some(fix) = finding.fixes.first() {
            message.push_str(&format!("\n{}", fix.title.get(lang)));
            if let Some(typed) = fix.command(shell, &gmd_report::no_fill) {
                message.push_str(&format!("\n{typed}"));
            }
        }
        message.push_str(&format!("\n{}", finding.reference));
        out.push_str(&format!(
            "::{command} {}::{}\n",
            properties.join(","),
            escape_data(&message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// GitHub's own escaping (actions/toolkit, `command.ts`): `escapeData` and `escapeProperty`.
    #[test]
    fn escapes_as_github_documents() {
        assert_eq!(escape_data("100% done\r\nnext: a, b"), "100%25 done%0D%0Anext: a, b");
        assert_eq!(
            escape_property("100% done\r\nnext: a, b"),
            "100%25 done%0D%0Anext%3A a%2C b"
        );
        // `%` first: an escape is never escaped twice.
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn lines_of_the_input_are_found_in_their_file() {
        let mut sources = Sources::default();
        sources.add("env.txt", 1, 3);
        sources.add("go.mod", 4, 5);
        assert_eq!(sources.locate(3), Some(("env.txt", 3)));
        assert_eq!(sources.locate(4), Some(("go.mod", 1)));
        assert_eq!(sources.locate(8), Some(("go.mod", 5)));
        assert_eq!(sources.locate(9), None);
        assert_eq!(runner_shell(Some("Windows")), Shell::PowerShell);
        assert_eq!(runner_shell(Some("Linux")), Shell::Posix);
        assert_eq!(runner_shell(None), Shell::Posix);
    }
}
