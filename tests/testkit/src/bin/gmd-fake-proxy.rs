//! Runs the fake module proxy on 127.0.0.1 for tests written in other languages (the worker's
//! probe tests): prints one JSON line `{"url", "sumdb_key"}` and serves until standard input
//! closes or the process is killed.
//!
//! ```text
//! gmd-fake-proxy [--fault KIND[@TARGET]]... [--unlisted PATH@VERSION]... [--tls self-signed] [--many N]
//!   KIND   status:CODE | status-once:CODE | status-for:CODE:MILLISECONDS | captive-portal | hang | reset | eof | slow:MILLISECONDS |
//!          truncated-zip | invalid-zip | wrong-info:VERSION | altered-mod | redirect:URL
//!   TARGET all (default) | module:PREFIX | suffix:SUFFIX
//! ```
//! The proxy serves the public catalogue and, under `/sumdb/sum.golang.org/`, its checksum
//! database; `--many N` adds N more modules, `bench.example/m0` … (v1.0.0 and v1.1.0 each), for
//! benchmarks that need a large go.mod.

use gmd_testkit::harness::catalogue;
use gmd_testkit::proxy::{Fault, Target};
use std::io::Read;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gmd-fake-proxy: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let sumdb = Arc::new(catalogue::sumdb());
    let sumdb_key = sumdb.verifier_key();
    let mut proxy = catalogue::public_proxy().sumdb(sumdb);
    let mut tls = false;
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        proxy = match flag.as_str() {
            "--fault" => {
                let (fault, target) = parse_fault(&value)?;
                proxy.fault(target, fault)
            }
            "--unlisted" => {
                let (path, version) = value.split_once('@').ok_or("--unlisted takes PATH@VERSION")?;
                proxy.unlisted(path, version)
            }
            "--many" => {
                let n: usize = value.parse().map_err(|_| "--many takes a number".to_owned())?;
                (0..n).fold(proxy, |proxy, i| {
                    let path = format!("bench.example/m{i}");
                    ["v1.0.0", "v1.1.0"].iter().fold(proxy, |proxy, version| {
                        proxy.module(
                            gmd_testkit::module::ModuleVersion::new(&path, version)
                                .with_go_mod(&format!("module {path}\n\ngo 1.21\n")),
                        )
                    })
                })
            }
            "--tls" if value == "self-signed" => {
                tls = true;
                proxy
            }
            _ => return Err(format!("unknown flag {flag} {value}")),
        };
    }
    let running = if tls {
        // A certificate nobody trusts: clients must fail the handshake.
        let config = gmd_testkit::tls::self_signed_config(&["127.0.0.1", "localhost"])?;
        proxy.start_tls(config)
    } else {
        proxy.start()
    }
    .map_err(|e| format!("listen: {e}"))?;
    println!(
        "{}",
        serde_json::json!({ "url": running.url(), "sumdb_key": sumdb_key })
    );
    // Serve until the parent closes our standard input (or kills us).
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
    drop(running);
    Ok(())
}

fn parse_fault(spec: &str) -> Result<(Fault, Target), String> {
    // The target follows the last `@`, when it is one; a redirect URL may hold an `@` itself.
    let (kind, target) = match spec.rsplit_once('@') {
        Some((kind, target)) if target == "all" || target.starts_with("module:") || target.starts_with("suffix:") => {
            (kind, target)
        }
        _ => (spec, "all"),
    };
    let target = match target.split_once(':') {
        None if target == "all" => Target::All,
        Some(("module", prefix)) => Target::Module(prefix.to_owned()),
        Some(("suffix", suffix)) => Target::Suffix(suffix.to_owned()),
        _ => return Err(format!("unknown target {target}")),
    };
    let (name, argument) = kind.split_once(':').unwrap_or((kind, ""));
    let number = |what: &str| argument.parse::<u64>().map_err(|_| format!("{name} needs a {what}"));
    let fault = match name {
        "status" => Fault::Status(number("status code")? as u16, format!("{argument}\n")),
        "status-once" => Fault::StatusOnce(number("status code")? as u16, format!("{argument}\n")),
        "status-for" => {
            // CODE:MILLISECONDS from the first request.
            let (code, ms) = argument
                .split_once(':')
                .and_then(|(c, m)| Some((c.parse::<u16>().ok()?, m.parse::<u64>().ok()?)))
                .ok_or("status-for needs CODE:MILLISECONDS")?;
            Fault::StatusFor(code, format!("{code}\n"), Duration::from_millis(ms))
        }
        "captive-portal" => Fault::CaptivePortal,
        "hang" => Fault::Hang,
        "reset" => Fault::Reset,
        "eof" => Fault::Eof,
        "slow" => Fault::Slow(Duration::from_millis(number("delay in milliseconds")?)),
        "truncated-zip" => Fault::TruncatedZip,
        "invalid-zip" => Fault::InvalidZip,
        "wrong-info" => Fault::WrongInfoVersion(argument.to_owned()),
        "altered-mod" => Fault::AlteredMod,
        "redirect" => Fault::Redirect(302, argument.to_owned()),
        _ => return Err(format!("unknown fault {name}")),
    };
    Ok((fault, target))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fault_specs() {
        assert!(matches!(
            parse_fault("status:502"),
            Ok((Fault::Status(502, _), Target::All))
        ));
        assert!(matches!(
            parse_fault("slow:250@module:github.com/"),
            Ok((Fault::Slow(d), Target::Module(p))) if d == Duration::from_millis(250) && p == "github.com/"
        ));
        assert!(matches!(parse_fault("hang@suffix:.zip"), Ok((Fault::Hang, Target::Suffix(s))) if s == ".zip"));
        assert!(matches!(
            parse_fault("status-once:502"),
            Ok((Fault::StatusOnce(502, _), Target::All))
        ));
        assert!(parse_fault("status:abc").is_err());
        assert!(parse_fault("teleport").is_err());
        assert!(parse_fault("hang@everywhere").is_err());
    }
}
