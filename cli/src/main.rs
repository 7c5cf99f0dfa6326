//! `gomod-doctor`: why `go mod download`, `go get` or `go mod tidy` fails, from the command line.
//!
//! ```text
//! gomod-doctor analyze [--format text|json|markdown] [--lang en|zh-CN] [--color auto|always|never] [FILE...]
//! gomod-doctor share (--server URL | --print) [FILE...]
//! gomod-doctor probe [--proxy URL]... [MODULE[@VERSION]]
//! gomod-doctor check [--timeout SECONDS] [-- COMMAND...]
//! ```
//! Reads the files (or standard input), prints the findings root cause first, and exits 0 when
//! there is no error finding, 1 when there is, 2 on a usage error or an unreadable input.

/// `print!`, except that a closed standard output (`gomod-doctor … | head`) ends the program
/// quietly instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if write!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

/// `println!` with [`out!`]'s handling of a closed standard output.
macro_rules! outln {
    ($($arg:tt)*) => {{
        out!($($arg)*);
        out!("\n");
    }};
}

mod check;
mod github;
mod modcheck;
mod probe;
mod text;

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

const USAGE: &str = "\
usage: gomod-doctor analyze [--format text|json|markdown|github] [--lang en|zh-CN] [--color auto|always|never] [--redact] [FILE...]
       gomod-doctor share (--server URL [--expires never|30d|1y] | --print) [--hosts] [FILE...]
       gomod-doctor probe [--proxy URL]... [--go VERSION] [MODULE[@VERSION]]  (probe --help)
       gomod-doctor check [--timeout SECONDS] [-- COMMAND [ARG...]]  (check --help)
       gomod-doctor modcheck [--proxy URL] [GO.MOD]  (modcheck --help)
       gomod-doctor version

Reads `go env` output, go.mod, go.sum and the go command's log from FILEs (or standard input
when there is none), and prints why module downloads fail and what to type to fix it.

--lang picks the language of the text and Markdown output (default: from LC_ALL, LC_MESSAGES
or LANG, e.g. zh_CN.UTF-8; else English); JSON carries both languages and names the one chosen.
--format github prints GitHub Actions workflow commands (`::error file=go.mod,line=N,title=…::…`,
one per finding with its first fix for the runner's shell) and, when GITHUB_STEP_SUMMARY names a
file, appends the Markdown report to it.
--redact prints the input with secrets and user names masked, as it would be shared.
share redacts the input, analyses it and uploads the report to the Go Module Doctor at
--server, then prints the link, a server-less link (the report in the URL fragment) and the
token that deletes it. --print prints the canonical report instead of uploading it (its id on
standard error). --hosts also masks host names that are not public.

exit status: 0 no error found, 1 an error was diagnosed, 2 usage error or unreadable input
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Markdown,
    Github,
}

#[derive(Debug)]
struct Options {
    format: Format,
    lang: gmd_report::Lang,
    color: bool,
    redact: bool,
    hosts: bool,
    print: bool,
    server: Option<String>,
    expires: String,
    files: Vec<String>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("gomod-doctor: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let share = args.first().map(String::as_str) == Some("share");
    match args.first().map(String::as_str) {
        Some("analyze" | "share") => {}
        Some("probe") => return probe::run(&args[1..]),
        Some("check") => return check::run(&args[1..]),
        Some("modcheck") => return modcheck::run(&args[1..]),
        Some("--help" | "-h" | "help") => {
            out!("{USAGE}");
            return Ok(ExitCode::SUCCESS);
        }
        Some("version" | "--version" | "-V") => {
            outln!("{}", version());
            return Ok(ExitCode::SUCCESS);
        }
        Some(other) => return Err(format!("unknown command `{other}`\n\n{USAGE}")),
        None => return Err(format!("missing command\n\n{USAGE}")),
    }
    let options = parse_options(&args[1..])?;
    let (input, sources) = read_input(&options.files)?;
    if share {
        let sharing = Sharing {
            print: options.print,
            server: options.server.as_deref(),
            expires: &options.expires,
            hosts: options.hosts,
        };
        return share_report(&input, &sharing);
    }
    if options.redact {
        let redacted = gmd_redact::redact(&input, gmd_redact::Options { hosts: options.hosts });
        out!("{}", redacted.text);
        for r in &redacted.redactions {
            let lines: Vec<String> = r.lines.iter().map(|l| l.to_string()).collect();
            eprintln!(
                "masked {} as {} ({}) on line {}",
                r.kind.code(),
                r.placeholder,
                r.hint,
                lines.join(", ")
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let analysis = gmd_analysis::analyze(&input).map_err(|e| e.to_string())?;
    let mut report = analysis.to_report();
    let output = match options.format {
        Format::Json => {
            report.lang = Some(options.lang.tag().to_owned());
            report.to_json_pretty() + "\n"
        }
        Format::Markdown => gmd_report::to_markdown(&report, options.lang),
        Format::Text => text::render(&report, options.lang, options.color, analysis.recognised_anything()),
        Format::Github => github::output(&report, options.lang, &sources)?,
    };
    out!("{output}");
    Ok(if analysis.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Command-line flags: `--flag value` or `--flag=value`.
#[derive(Debug)]
struct Flags<'a> {
    args: std::slice::Iter<'a, String>,
    inline: Option<String>,
}

impl<'a> Flags<'a> {
    fn new(args: &'a [String]) -> Flags<'a> {
        Flags {
            args: args.iter(),
            inline: None,
        }
    }

    /// The next flag or operand (a `--flag=value`'s value is kept for [`Flags::value`]).
    fn next_flag(&mut self) -> Option<String> {
        let arg = self.args.next()?;
        match arg.split_once('=') {
            Some((flag, value)) if arg.starts_with("--") => {
                self.inline = Some(value.to_owned());
                Some(flag.to_owned())
            }
            _ => {
                self.inline = None;
                Some(arg.clone())
            }
        }
    }

    /// The value of the flag just read.
    fn value(&mut self, name: &str) -> Result<String, String> {
        self.inline
            .take()
            .or_else(|| self.args.next().cloned())
            .ok_or(format!("{name} needs a value"))
    }
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut format = Format::Text;
    let mut lang = None;
    let mut color = None;
    let (mut redact, mut hosts, mut print) = (false, false, false);
    let (mut server, mut expires) = (None, "never".to_owned());
    let mut files = Vec::new();
    let mut args = Flags::new(args);
    while let Some(flag) = args.next_flag() {
        let mut value = |name: &str| args.value(name);
        match flag.as_str() {
            "--format" | "-f" => {
                format = match value("--format")?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    "markdown" | "md" => Format::Markdown,
                    "github" => Format::Github,
                    other => return Err(format!("unknown format `{other}` (text, json, markdown, github)")),
                }
            }
            "--lang" => {
                let tag = value("--lang")?;
                lang = Some(gmd_report::Lang::from_tag(&tag).ok_or(format!("unknown language `{tag}` (en, zh-CN)"))?);
            }
            "--color" => {
                color = match value("--color")?.as_str() {
                    "always" => Some(true),
                    "never" => Some(false),
                    "auto" => None,
                    other => return Err(format!("unknown color mode `{other}` (auto, always, never)")),
                }
            }
            "--server" => server = Some(value("--server")?),
            "--expires" => expires = value("--expires")?,
            "--redact" => redact = true,
            "--hosts" => hosts = true,
            "--print" => print = true,
            "-" => files.push("-".to_owned()),
            f if f.starts_with('-') => return Err(format!("unknown option `{f}`\n\n{USAGE}")),
            file => files.push(file.to_owned()),
        }
    }
    let color = color.unwrap_or_else(|| std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none());
    Ok(Options {
        format,
        lang: lang.unwrap_or_else(lang_from_environment),
        color,
        redact,
        hosts,
        print,
        server,
        expires,
        files,
    })
}

/// The language the locale variables name, as POSIX reads them: the first of `LC_ALL`,
/// `LC_MESSAGES` and `LANG` that is set and not empty decides; English otherwise.
pub(crate) fn lang_from_environment() -> gmd_report::Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|key| std::env::var(key).ok().filter(|v| !v.is_empty()))
        .and_then(|value| gmd_report::Lang::from_tag(&value))
        .unwrap_or_default()
}

/// Where and how a report is shared.
pub(crate) struct Sharing<'a> {
    /// Print the canonical report instead of uploading it.
    pub print: bool,
    pub server: Option<&'a str>,
    pub expires: &'a str,
    /// Mask host names that are not public.
    pub hosts: bool,
}

/// `share`: redact, analyse, and print or upload the shared report.
pub(crate) fn share_report(input: &str, options: &Sharing<'_>) -> Result<ExitCode, String> {
    let redacted = gmd_redact::redact(input, gmd_redact::Options { hosts: options.hosts });
    // The list is read from the text, as the worker reads it: the same bytes, the same id.
    let redactions = gmd_redact::listed(&redacted.text);
    let shared = gmd_analysis::shared_report(&redacted.text, redactions, None).map_err(|e| e.to_string())?;
    let bytes = shared.canonical_bytes();
    let id = gmd_report::short_id(&gmd_report::full_id(&bytes), 0);
    for r in &redacted.redactions {
        eprintln!("masked {} as {} ({})", r.kind.code(), r.placeholder, r.hint);
    }
    if options.print {
        eprintln!("id {id}");
        outln!("{}", String::from_utf8_lossy(&bytes));
        return Ok(ExitCode::SUCCESS);
    }
    let Some(server) = options.server.map(|s| s.trim_end_matches('/')) else {
        return Err("share needs --server URL (or --print)".to_owned());
    };
    if !server.starts_with("https://") && !server.starts_with("http://") {
        return Err(format!("--server must be an http or https URL, not `{server}`"));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(std::time::Duration::from_secs(30)))
        .build()
        .into();
    // No `id=`: the server stores its own analysis of the input, under that report's id (said
    // below when it differs from this version's).
    let url = format!("{server}/api/reports?expires={}", options.expires);
    let mut response = agent
        .post(&url)
        .header("Content-Type", "application/json")
        .send(&bytes[..])
        .map_err(|e| format!("cannot reach {server}: {e}"))?;
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .read_to_string()
        .map_err(|e| format!("cannot read the answer of {server}: {e}"))?;
    let field = |name: &str| {
        body.split(&format!("\"{name}\":\""))
            .nth(1)
            .and_then(|r| r.split('"').next())
            .map(str::to_owned)
    };
    if !(200..300).contains(&status) {
        let message = field("message").unwrap_or(body.clone());
        return Err(format!("{server} refused the report ({status}): {message}"));
    }
    let stored = field("id").unwrap_or(id);
    if !gmd_report::full_id(&bytes).starts_with(&stored) {
        eprintln!(
            "note: {server} analysed the input with its own rules and found something else than this version; the link shows its analysis"
        );
    }
    outln!("{server}/r/{stored}");
    outln!("{server}/r#{}", shared.to_fragment());
    match field("delete_token") {
        Some(token) => {
            eprintln!("delete it with: curl -X DELETE -H 'Authorization: Bearer {token}' {server}/api/reports/{stored}")
        }
        None => eprintln!("this report was already shared"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads the files (standard input for none or `-`), refusing more than the analysis accepts.
/// The files (or standard input, `-`) one after the other, and where each file's lines are.
fn read_input(files: &[String]) -> Result<(String, github::Sources), String> {
    let limit = gmd_analysis::MAX_INPUT_BYTES as u64;
    let mut input = String::new();
    let mut located = github::Sources::default();
    let sources: Vec<&str> = if files.is_empty() {
        vec!["-"]
    } else {
        files.iter().map(String::as_str).collect()
    };
    for source in sources {
        let mut bytes = Vec::new();
        let read = if source == "-" {
            std::io::stdin().lock().take(limit + 1).read_to_end(&mut bytes)
        } else {
            std::fs::File::open(source).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        };
        read.map_err(|e| {
            format!(
                "cannot read {}: {e}",
                if source == "-" { "standard input" } else { source }
            )
        })?;
        if !input.is_empty() && !input.ends_with('\n') {
            input.push('\n');
        }
        let text = String::from_utf8_lossy(&bytes);
        if source != "-" {
            located.add(source, input.lines().count() + 1, text.lines().count());
        }
        input.push_str(&text);
        if input.len() as u64 > limit {
            return Err(format!(
                "input is larger than {limit} bytes; paste only `go env`, go.mod and the failing part of the log"
            ));
        }
    }
    Ok((input, located))
}

/// `gomod-doctor version`: the version, the target it was built for and the analysis's version.
fn version() -> String {
    format!(
        "gomod-doctor {} ({}; analysis {})",
        env!("CARGO_PKG_VERSION"),
        env!("GMD_TARGET"),
        gmd_analysis::ANALYSIS_VERSION
    )
}
