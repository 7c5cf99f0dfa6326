//! `gomod-doctor check`: this machine as the vantage point (the edge has no probe inside mainland
//! China or a company network). It runs `go version` and `go env`, reads `go.mod`, optionally runs
//! the failing command under a deadline, probes the GOPROXY chain from here for the request that
//! failed with the worker's probe code (private entries included: it is the user's own network),
//! walks the chain as the go command would with what was measured (`gmd_probe::chain`), and
//! diagnoses all of it together. One progress line per step on standard error: on a terminal the
//! line counts the seconds while its step runs, piped it is written once. `--share` uploads the
//! paste it made (redacted, internal host names masked) for a link to post.

use gmd_probe::ProbeRequest;
use gmd_probe::note::SUM_GOLANG_ORG_KEY;
use gmd_probe::report::summary_entries;
use gmd_probe::run::Limits;
use std::io::Read;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

pub const USAGE: &str = "\
usage: gomod-doctor check [--timeout SECONDS] [--module MODULE[@VERSION]] [--lang en|zh-CN]
                          [--again SECONDS] [--share URL [--expires never|30d|1y]]
                          [--format text|github] [-- COMMAND [ARG...]]

Checks this machine: runs `go version` and `go env`, reads ./go.mod, runs COMMAND (for example
`go mod download`) with a deadline of --timeout seconds (default 60; a command still running
then is stopped and reported as hanging), probes every proxy of the configured GOPROXY from here
for MODULE (default: the module the command's output names, else golang.org/x/text), walks the
GOPROXY chain with what the probes measured, and diagnoses everything together.

--again SECONDS probes the mirrors that failed once more, SECONDS later (60 is a good choice):
healthy then, the outage passed and a retry after a pause works; still failing, it lasts.

--share URL then uploads what it gathered (go version, go env, go.mod and the command's output,
redacted: credentials, user names and internal host names masked) to the Go Module Doctor at URL
and prints the link. The probes from this machine are printed, not attached: the server cannot
verify what another machine measured.

--format github prints the findings as GitHub Actions workflow commands (a go.mod line as
`file=go.mod,line=N`) and appends the Markdown report to GITHUB_STEP_SUMMARY when it is set.

exit status: 0 nothing wrong found, 1 a problem found, 2 usage error
";

#[derive(Debug)]
struct Options {
    timeout: Duration,
    /// What to probe; by default the module the command's output names, else golang.org/x/text.
    module: Option<String>,
    lang: gmd_report::Lang,
    command: Vec<String>,
    share: Option<String>,
    expires: String,
    /// Probe the failing mirrors again this much later.
    again: Option<Duration>,
    /// GitHub Actions workflow commands instead of text.
    github: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        timeout: Duration::from_secs(60),
        module: None,
        lang: crate::lang_from_environment(),
        command: Vec::new(),
        share: None,
        expires: "never".to_owned(),
        again: None,
        github: false,
    };
    let (flags, command) = match args.iter().position(|a| a == "--") {
        Some(i) => (&args[..i], args[i + 1..].to_vec()),
        None => (args, Vec::new()),
    };
    options.command = command;
    let mut flags = crate::Flags::new(flags);
    while let Some(flag) = flags.next_flag() {
        match flag.as_str() {
            "--timeout" => {
                let text = flags.value("--timeout")?;
                let seconds: f64 = text
                    .parse()
                    .ok()
                    .filter(|s: &f64| *s > 0.0 && *s <= 3600.0)
                    .ok_or_else(|| format!("--timeout takes seconds (1 to 3600), not `{text}`"))?;
                options.timeout = Duration::from_secs_f64(seconds);
            }
            "--module" => options.module = Some(flags.value("--module")?),
            "--share" => options.share = Some(flags.value("--share")?),
            "--again" => {
                let text = flags.value("--again")?;
                let seconds: u64 = text
                    .parse()
                    .ok()
                    .filter(|s| (1..=600).contains(s))
                    .ok_or_else(|| format!("--again takes seconds (1 to 600), not `{text}`"))?;
                options.again = Some(Duration::from_secs(seconds));
            }
            "--expires" => options.expires = flags.value("--expires")?,
            "--format" => {
                options.github = match flags.value("--format")?.as_str() {
                    "text" => false,
                    "github" => true,
                    other => return Err(format!("unknown format `{other}` (text, github)")),
                }
            }
            "--lang" => {
                let tag = flags.value("--lang")?;
                options.lang = gmd_report::Lang::from_tag(&tag).ok_or_else(|| format!("unknown language `{tag}`"))?;
            }
            other => return Err(format!("unknown flag `{other}`\n\n{USAGE}")),
        }
    }
    Ok(options)
}

/// The progress lines on standard error: `check [n/total] what`. On a terminal the line of the
/// step running counts its seconds (rewritten in place, a few times a second) and ends with how
/// long it took; piped, each line is written once, as it starts.
struct Progress {
    total: usize,
    terminal: bool,
    running: Option<(
        std::sync::Arc<std::sync::atomic::AtomicBool>,
        std::thread::JoinHandle<()>,
        String,
        Instant,
    )>,
}

impl Progress {
    fn new(total: usize) -> Progress {
        use std::io::IsTerminal;
        Progress {
            total,
            terminal: std::io::stderr().is_terminal(),
            running: None,
        }
    }

    /// Starts step `n` (the previous one ends).
    fn step(&mut self, n: usize, what: &str) {
        self.end();
        let line = format!("check [{n}/{}] {what}", self.total);
        if !self.terminal {
            eprintln!("{line}");
            return;
        }
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (flag, text, started) = (std::sync::Arc::clone(&stop), line.clone(), Instant::now());
        let ticker = std::thread::spawn(move || {
            const SPIN: [char; 4] = ['|', '/', '-', '\\'];
            let mut i = 0;
            while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                eprint!(
                    "\r{text} {} {:.0} s\x1b[K",
                    SPIN[i % SPIN.len()],
                    started.elapsed().as_secs_f64()
                );
                i += 1;
                std::thread::sleep(Duration::from_millis(200));
            }
        });
        self.running = Some((stop, ticker, line, started));
    }

    /// A note under the current step.
    fn note(&mut self, text: &str) {
        self.end();
        eprintln!("        {text}");
    }

    /// Ends the step running: its line with the time it took.
    fn end(&mut self) {
        if let Some((stop, ticker, line, started)) = self.running.take() {
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            let _ = ticker.join();
            eprintln!("\r{line} ({:.1} s)\x1b[K", started.elapsed().as_secs_f64());
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.end();
    }
}

/// What a command said and how it ended.
struct Ran {
    output: String,
    /// `None` when it was stopped at the deadline.
    status: Option<i32>,
    took: Duration,
}

/// Runs `program args` with a deadline, both output streams captured (standard error after
/// standard output, as a terminal would mostly show them for the go command, which writes its
/// errors there).
fn run_with_deadline(program: &str, args: &[String], deadline: Duration) -> Result<Ran, std::io::Error> {
    let start = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let reader = |mut stream: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = stream.read_to_end(&mut text);
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let out = child.stdout.take().map(|s| reader(Box::new(s)));
    let err = child.stderr.take().map(|s| reader(Box::new(s)));
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status.code().or(Some(-1));
        }
        if start.elapsed() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let join = |h: Option<std::thread::JoinHandle<String>>| h.and_then(|h| h.join().ok()).unwrap_or_default();
    Ok(Ran {
        output: format!("{}{}", join(out), join(err)),
        status,
        took: start.elapsed(),
    })
}

pub fn run(args: &[String]) -> Result<ExitCode, String> {
    if args
        .iter()
        .take_while(|a| *a != "--")
        .any(|a| a == "--help" || a == "-h")
    {
        out!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    let options = parse(args)?;
    let steps = if options.command.is_empty() { 4 } else { 5 }
        + usize::from(options.share.is_some())
        + usize::from(options.again.is_some());
    // The command's output names the failing request, which the probe then asks for.
    let mut progress = Progress::new(steps);
    let mut paste = String::new();
    let mut sources = crate::github::Sources::default();
    let mut trouble = false;

    progress.step(1, "go version");
    let go_deadline = Duration::from_secs(30);
    match run_with_deadline("go", &["version".to_owned()], go_deadline) {
        Ok(ran) => paste.push_str(&format!("$ go version\n{}", ran.output)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            progress.note("go is not on PATH: install Go, or add its bin directory to PATH");
            trouble = true;
        }
        Err(e) => return Err(format!("cannot run go: {e}")),
    }
    progress.step(2, "go env");
    let env = match run_with_deadline("go", &["env".to_owned()], go_deadline) {
        Ok(ran) => ran.output,
        Err(_) => String::new(),
    };
    if !env.is_empty() {
        paste.push_str(&format!("$ go env\n{env}"));
    }
    progress.step(3, "go.mod");
    match std::fs::read_to_string("go.mod") {
        Ok(gomod) => {
            // Its lines, for `--format github` to point at: after the `$ cat go.mod` line.
            sources.add("go.mod", paste.lines().count() + 2, gomod.lines().count());
            paste.push_str(&format!("$ cat go.mod\n{gomod}\n"));
        }
        Err(_) => progress.note("no go.mod in this directory"),
    }

    let mut hung = None;
    if !options.command.is_empty() {
        let shown = options.command.join(" ");
        progress.step(4, &format!("{shown} (deadline {} s)", options.timeout.as_secs_f64()));
        match run_with_deadline(&options.command[0], &options.command[1..], options.timeout) {
            Ok(ran) => {
                paste.push_str(&format!("$ {shown}\n{}", ran.output));
                match ran.status {
                    None => {
                        hung = Some((shown, ran.took));
                        trouble = true;
                    }
                    Some(0) => {}
                    Some(_) => trouble = true,
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                progress.note(&format!("{} is not on PATH", options.command[0]));
                trouble = true;
            }
            Err(e) => return Err(format!("cannot run {}: {e}", options.command[0])),
        }
    }

    // The proxies of GOPROXY (as `go env` says it), probed from here.
    let goenv = gmd_goenv::GoEnv::parse(&env);
    let goproxy = goenv.value("GOPROXY").unwrap_or(gmd_semantics::proxy::DEFAULT_GOPROXY);
    let chain = gmd_semantics::proxy::parse(goproxy).unwrap_or_default();
    let proxies: Vec<String> = chain
        .iter()
        .filter_map(|entry| match entry {
            gmd_semantics::proxy::ProxyEntry::Url { url, .. } => Some(url.trim_end_matches('/').to_owned()),
            _ => None,
        })
        .collect();
    // The paste is complete: what it says, and the request that failed (the module the
    // command's output names), else the one asked for.
    let analysis = gmd_analysis::analyze(&paste).map_err(|e| e.to_string())?;
    let target = options
        .module
        .clone()
        .or_else(|| analysis.subject.as_ref().map(gmd_analysis::Subject::request))
        .unwrap_or_else(|| gmd_probe::DEFAULT_MODULE.to_owned());
    let probe_step = if options.command.is_empty() { 4 } else { 5 };
    progress.step(
        probe_step,
        &format!(
            "probing {target} on {} from this machine",
            if proxies.is_empty() {
                "no proxy (GOPROXY has none)".to_owned()
            } else {
                proxies.join(", ")
            }
        ),
    );
    let (module, version) = match target.split_once('@') {
        Some((m, v)) => (m.to_owned(), Some(v.to_owned())),
        None => (target.clone(), None),
    };
    let request = ProbeRequest {
        proxy: String::new(),
        module,
        version,
        go: None,
    };
    let probe_seconds = options.timeout.as_secs_f64().min(8.0);
    let limits = Limits::from_seconds(probe_seconds, 8.0)?;
    // The checksum database's key as the go command uses it (a private database's own); none
    // when the go command consults none for this module (GOSUMDB=off, GONOSUMDB, GOPRIVATE): its
    // answers then say nothing about the failure.
    let key = goenv
        .value("GOSUMDB")
        .filter(|k| k.contains('+'))
        .unwrap_or(SUM_GOLANG_ORG_KEY);
    let nosumdb = goenv
        .value("GONOSUMDB")
        .filter(|v| !v.is_empty())
        .or_else(|| goenv.value("GOPRIVATE"))
        .unwrap_or_default();
    let sumdb_used = goenv.value("GOSUMDB") != Some("off")
        && !gmd_semantics::pattern::match_prefix_patterns(nosumdb, &request.module);
    let probe = |proxies: &[String]| -> Result<Vec<gmd_probe::report::MirrorReport>, String> {
        let reports = crate::probe::probe_here(proxies, &request, limits, key)?;
        Ok(match sumdb_used {
            true => reports,
            false => reports.into_iter().map(gmd_probe::report::without_sumdb).collect(),
        })
    };
    let reports = if proxies.is_empty() {
        Vec::new()
    } else {
        probe(&proxies)?
    };
    progress.end();
    let verdicts = summary_entries(&reports);
    let mut probe_lines = Vec::new();
    for entry in &verdicts {
        let line = match options.lang {
            gmd_report::Lang::Zh => entry.verdict.line_in(gmd_report::Lang::Zh),
            gmd_report::Lang::En => entry.verdict.line.as_str(),
        };
        probe_lines.push(format!("  {:<9} {}  {line}", entry.verdict.status, entry.mirror));
        trouble |= entry.verdict.status != "ok";
    }
    // What the go command hides: the failing answers' bodies.
    for report in &reports {
        if let Some(step) = report.steps.iter().find(|s| s.outcome != "ok" && s.body.is_some()) {
            let body = step.body.as_deref().unwrap_or_default();
            probe_lines.push(format!(
                "    {} {} → {}",
                step.method,
                step.url,
                step.status.unwrap_or_default()
            ));
            probe_lines.extend(body.lines().map(|l| format!("    | {l}")));
        }
    }
    // The chain walked as the go command walks it, with what was measured here.
    let here: Vec<&gmd_probe::report::MirrorReport> = reports.iter().collect();
    let mut walk = (!reports.is_empty()).then(|| gmd_probe::chain::walk(&chain, &here, &reports));
    // A failure that stopped the walk, asked again later: does it pass?
    let failing: Vec<String> = verdicts
        .iter()
        .filter(|e| e.verdict.status != "ok")
        .map(|e| e.mirror.clone())
        .collect();
    let stopped = walk.as_ref().is_some_and(|w| w.end == gmd_probe::chain::End::Stopped);
    let mut later_hint = false;
    match options.again {
        Some(pause) if stopped && !failing.is_empty() => {
            progress.step(
                probe_step + 1,
                &format!("probing {} again in {} s", failing.join(", "), pause.as_secs()),
            );
            std::thread::sleep(pause);
            let again = probe(&failing)?;
            progress.end();
            let later = gmd_probe::chain::Later {
                seconds: pause.as_secs() as u32,
                reports: &again,
            };
            walk = Some(gmd_probe::chain::walk_with_later(&chain, &here, &reports, Some(later)));
        }
        None => later_hint = stopped && !failing.is_empty(),
        Some(_) => {}
    }

    let report = analysis.to_report();
    if options.github {
        out!("{}", crate::github::output(&report, options.lang, &sources)?);
    } else {
        out!(
            "{}",
            crate::text::render(&report, options.lang, false, analysis.recognised_anything())
        );
    }
    if !probe_lines.is_empty() {
        outln!("");
        outln!("Probes from this machine");
        for line in &probe_lines {
            outln!("{line}");
        }
    }
    if let Some(walk) = &walk {
        outln!("");
        outln!(
            "{}",
            match options.lang {
                gmd_report::Lang::Zh => "按 go 命令的方式走一遍你的 GOPROXY",
                gmd_report::Lang::En => "Your GOPROXY, walked as the go command walks it",
            }
        );
        for line in &walk.lines {
            outln!("  {}", line.get(options.lang));
        }
        if walk.retry {
            let command = match options.command.is_empty() {
                true => "go mod download".to_owned(),
                false => options.command.join(" "),
            };
            outln!("    {}", gmd_probe::chain::retry_command(report.shell(), &command));
        }
        if later_hint {
            outln!(
                "  {}",
                match options.lang {
                    gmd_report::Lang::Zh =>
                        "想知道故障是否会过去：加上 --again 60 再运行一次 check，一分钟后会再探测失败的镜像。",
                    gmd_report::Lang::En =>
                        "To see whether the fault passes: run check again with --again 60, which probes the failing mirrors once more a minute later.",
                }
            );
        }
    }
    if let Some((shown, took)) = hung {
        outln!("");
        let stalled: Vec<&str> = verdicts
            .iter()
            .filter(|e| e.verdict.status == "down")
            .map(|e| e.mirror.as_str())
            .collect();
        outln!(
            "`{shown}` did not finish within {:.0} s and was stopped: it hangs.{}",
            took.as_secs_f64(),
            if stalled.is_empty() {
                String::new()
            } else {
                format!(
                    " The probe of {} failed from here too: the go command waits on it (it sets no timeout of its own on proxy requests).",
                    stalled.join(", ")
                )
            }
        );
    }
    if let Some(server) = options.share.as_deref() {
        outln!("");
        progress.step(steps, &format!("sharing the redacted paste with {server}"));
        progress.end();
        let sharing = crate::Sharing {
            print: false,
            server: Some(server),
            expires: &options.expires,
            hosts: true,
        };
        crate::share_report(&paste, &sharing)?;
        eprintln!(
            "the probes from this machine are not in the report: the server cannot verify what this machine measured"
        );
    }
    Ok(if trouble || analysis.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
