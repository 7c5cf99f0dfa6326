//! `gomod-doctor modcheck`: each requirement of a go.mod checked against a module proxy from this
//! machine (gmd-probe's `modcheck`, over the probe's fetcher): missing, retracted (with the
//! author's rationale), deprecated (with the message), and newer releases.

use crate::probe::{Threaded, block_on};
use gmd_probe::modcheck::{RequireReport, check};
use gmd_probe::run::Limits;
use std::future::Future;
use std::pin::Pin;
use std::process::ExitCode;

pub const USAGE: &str = "\
usage: gomod-doctor modcheck [--proxy URL] [--timeout SECONDS] [--format text|json] [GO.MOD]

Checks every requirement of GO.MOD (default ./go.mod) on a module proxy (--proxy, default the
first proxy of $GOPROXY, else https://proxy.golang.org): that the version exists and its go.mod
declares the path it is required as, whether its author retracted it (with the rationale) or
deprecated the module (with the message), and the newest release of the same major version;
and that the toolchain its `go` and `toolchain` lines make the go command download (Go 1.21 and
later) is served. At most 200 requirements, checked all at once.

exit status: 0 every requirement is fine, 1 one is missing, retracted, deprecated or could not
be checked, 2 usage error
";

/// The most requirements checked in one run.
const MAX_REQUIRES: usize = 200;

pub fn run(args: &[String]) -> Result<ExitCode, String> {
    if args.iter().any(|a| a == "--help" || a == "-h") {
        out!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    // The first proxy of GOPROXY, as the go command reads the list (scheme-less entries are https).
    let mut proxy = std::env::var("GOPROXY")
        .ok()
        .and_then(|v| gmd_semantics::proxy::parse(&v).ok())
        .and_then(|entries| {
            entries.into_iter().find_map(|e| match e {
                gmd_semantics::proxy::ProxyEntry::Url { url, .. } => Some(url),
                _ => None,
            })
        })
        .unwrap_or_else(|| "https://proxy.golang.org".to_owned());
    let (mut limits, mut json, mut file) = (Limits::default(), false, "go.mod".to_owned());
    let mut flags = crate::Flags::new(args);
    while let Some(flag) = flags.next_flag() {
        match flag.as_str() {
            "--proxy" => proxy = flags.value("--proxy")?,
            "--timeout" => limits = Limits::parse_seconds(&flags.value("--timeout")?, 60.0)?,
            "--format" => {
                json = match flags.value("--format")?.as_str() {
                    "json" => true,
                    "text" => false,
                    other => return Err(format!("--format is text or json, not `{other}`")),
                }
            }
            other if !other.starts_with('-') => file = other.to_owned(),
            other => return Err(format!("unknown flag `{other}`\n\n{USAGE}")),
        }
    }
    let text = std::fs::read_to_string(&file).map_err(|e| format!("cannot read {file}: {e}"))?;
    let gomod = gmd_gomod::parse(text.lines().enumerate().map(|(i, l)| (i + 1, l)));
    if gomod.requires.len() > MAX_REQUIRES {
        return Err(format!(
            "{file} has {} requirements; at most {MAX_REQUIRES} are checked",
            gomod.requires.len()
        ));
    }
    let items = gmd_probe::modcheck::items(&gomod);
    let fetcher = Threaded::new();
    let reports: Vec<RequireReport> = block_on(gmd_probe::run::join_all(
        items
            .iter()
            .map(|item| {
                Box::pin(check(&fetcher, &proxy, item, limits)) as Pin<Box<dyn Future<Output = RequireReport> + '_>>
            })
            .collect(),
    ));
    for r in &reports {
        if json {
            outln!("{}", serde_json::to_string(r).map_err(|e| e.to_string())?);
        } else {
            // A proxy's answer may run over several lines: indented under its requirement.
            let detail = r
                .detail
                .as_deref()
                .map(|d| format!(": {}", d.replace('\n', "\n            ")))
                .unwrap_or_default();
            let newer = r.newer.as_deref().map(|n| format!(" (newer: {n})")).unwrap_or_default();
            outln!("{:<11} {}{detail}{newer}", r.status, r.label());
        }
    }
    let all_fine = reports.iter().all(|r| r.status == "ok");
    Ok(if all_fine { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
