//! `cargo xtask load`: a bounded load run (wrk, from Debian) against the local worker, inside
//! a loopback-only network namespace: `GET /api/health`, `GET /api/reports/:id` and
//! `POST /api/reports`, 10 s each. Prints req/s, p50, p99 and errors.

use crate::{build, cmd, tools};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Installs wrk if needed, builds, and re-runs this command inside `unshare --net`.
pub fn run(root: &Path) -> Result<(), String> {
    let tools = tools::Tools::ensure(root, tools::Needs::BUILD)?;
    tools::ensure_debian_packages(&[("wrk", Path::new("/usr/bin/wrk"))])?;
    build::all(root, &tools)?;
    cmd::run(
        Command::new("cargo")
            .current_dir(root)
            .args(["build", "--quiet", "--package", "gomod-doctor"]),
    )?;
    let xtask = std::env::current_exe().map_err(|e| e.to_string())?;
    cmd::run(
        Command::new("unshare")
            .current_dir(root)
            .args(["--net", "--", "sh", "-c", "ip link set lo up && exec \"$0\" \"$@\""])
            .arg(xtask)
            .arg("load-inside"),
    )
}

/// The measurement itself (already inside the namespace).
pub fn inside(root: &Path) -> Result<(), String> {
    let port = 8799;
    let state = std::env::temp_dir().join(format!("gmd-load-{}", std::process::id()));
    let xtask = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut server = Command::new(xtask);
    std::os::unix::process::CommandExt::process_group(&mut server, 0);
    let mut server = server
        .args(["serve", "--port", &port.to_string(), "--persist-to"])
        .arg(&state)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the worker: {e}"))?;
    let result = measure(root, port);
    // wrangler's children share its process group; end them all.
    let _ = Command::new("kill")
        .args(["-TERM", "--", &format!("-{}", server.id())])
        .status();
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&state);
    result
}

fn measure(root: &Path, port: u16) -> Result<(), String> {
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while request(port, "GET", "/api/health", "").map(|(s, _)| s) != Ok(200) {
        if started.elapsed() > Duration::from_secs(60) {
            return Err("the worker did not start".into());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let cli = build::target_dir(root).join("debug/gomod-doctor");
    let mut share = Command::new(cli)
        .args(["share", "--print"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    let sample =
        std::fs::read_to_string(root.join("tests/fixtures/go/private-sumdb-lookup-410/output.txt")).unwrap_or_default();
    share
        .stdin
        .take()
        .ok_or("stdin")?
        .write_all(sample.as_bytes())
        .map_err(|e| e.to_string())?;
    let bytes = share.wait_with_output().map_err(|e| e.to_string())?.stdout;
    let body = String::from_utf8_lossy(&bytes).trim_end().to_owned();
    let (status, created) = request(port, "POST", "/api/reports", &body)?;
    let id = created
        .split("\"id\":\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .ok_or(format!("create failed: {status} {created}"))?
        .to_owned();
    let script = std::env::temp_dir().join(format!("gmd-load-{}.lua", std::process::id()));
    let lua = format!(
        "wrk.method = \"POST\"\nwrk.body = [==[{body}]==]\nwrk.headers[\"Content-Type\"] = \"application/json\"\nlocal n = 0\nrequest = function()\n  n = n + 1\n  wrk.headers[\"CF-Connecting-IP\"] = \"load-client-\" .. n\n  return wrk.format()\nend\n"
    );
    std::fs::write(&script, lua).map_err(|e| e.to_string())?;
    println!(
        "{:<34} {:>9} {:>9} {:>9} {:>8} {:>12}",
        "route", "req/s", "p50", "p99", "errors", "CPU/request"
    );
    let runs = [
        ("GET /api/health", format!("{base}/api/health"), None),
        ("GET /api/reports/:id", format!("{base}/api/reports/{id}"), None),
        (
            "POST /api/reports (existing)",
            format!("{base}/api/reports"),
            Some(&script),
        ),
    ];
    let mut failed = false;
    for (name, url, lua) in runs {
        let mut wrk = Command::new("wrk");
        wrk.args(["-t2", "-c16", "-d10s", "--latency", "--timeout", "5s"]);
        if let Some(lua) = lua {
            wrk.arg("-s").arg(lua);
        }
        let cpu_before = workerd_cpu_ticks();
        let output = wrk.arg(&url).output().map_err(|e| format!("wrk: {e}"))?;
        let cpu_ticks = workerd_cpu_ticks().saturating_sub(cpu_before);
        let text = String::from_utf8_lossy(&output.stdout);
        let field = |prefix: &str| {
            text.lines().find_map(|l| {
                l.trim()
                    .strip_prefix(prefix)
                    .map(|r| r.split_whitespace().next().unwrap_or("").to_owned())
            })
        };
        let errors = field("Non-2xx or 3xx responses:").unwrap_or_else(|| "0".into());
        let socket_errors = text
            .lines()
            .find(|l| l.trim().starts_with("Socket errors:"))
            .map(|l| l.trim().to_owned());
        let requests: f64 = text
            .lines()
            .find_map(|l| l.trim().split(" requests in ").next().and_then(|n| n.parse().ok()))
            .unwrap_or(0.0);
        // Clock ticks are 10 ms; this is all of workerd's CPU (runtime included): an upper bound.
        let cpu_per_request = if requests > 0.0 {
            format!("{:.2} ms", cpu_ticks as f64 * 10.0 / requests)
        } else {
            "-".into()
        };
        println!(
            "{:<34} {:>9} {:>9} {:>9} {:>8} {:>12}",
            name,
            field("Requests/sec:").unwrap_or_default(),
            field("50%").unwrap_or_default(),
            field("99%").unwrap_or_default(),
            errors,
            cpu_per_request
        );
        if errors != "0" || socket_errors.is_some() {
            failed = true;
            println!("   {}", socket_errors.unwrap_or_default());
        }
    }
    let _ = std::fs::remove_file(&script);
    let (after, stored) = request(port, "GET", &format!("/api/reports/{id}"), "")?;
    if after != 200 || stored != body {
        return Err("the report changed under load".into());
    }
    if failed {
        Err("errors under load".into())
    } else {
        Ok(())
    }
}

/// One HTTP/1.1 request to 127.0.0.1:`port`; returns the status and body.
fn request(port: u16, method: &str, path: &str, body: &str) -> Result<(u16, String), String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(|e| e.to_string())?;
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(body.as_bytes()))
        .map_err(|e| e.to_string())?;
    let mut response = String::new();
    stream.read_to_string(&mut response).map_err(|e| e.to_string())?;
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    // Chunked bodies: keep the payload lines only.
    let body = if response.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body.split("\r\n").skip(1).step_by(2).collect::<Vec<_>>().join("")
    } else {
        body.to_owned()
    };
    Ok((status, body))
}

/// User and system CPU clock ticks of every workerd process (from /proc).
fn workerd_cpu_ticks() -> u64 {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|e| std::fs::read_to_string(e.path().join("stat")).ok())
        .filter(|stat| stat.contains("(workerd)"))
        .map(|stat| {
            let fields: Vec<&str> = stat
                .rsplit_once(')')
                .map_or("", |(_, rest)| rest)
                .split_whitespace()
                .collect();
            // Fields after the command: state is [0], utime [11], stime [12].
            fields.get(11).and_then(|u| u.parse::<u64>().ok()).unwrap_or(0)
                + fields.get(12).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0)
        })
        .sum()
}
