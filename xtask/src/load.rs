//! `cargo xtask load`: a bounded load run (wrk, from Debian) against the local worker, inside
//! a loopback-only network namespace: `GET /api/health`, `GET /api/reports/:id` and
//! `POST /api/reports` (100 new reports, then existing ones), 10 s each; then the worker is
//! restarted on the same storage and loaded again, and every report made under load must come
//! back byte for byte. Prints req/s, p50, p99 and errors; fails on any error.

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

/// Distinct reports created under load (then re-posted, and checked after the restart).
const REPORTS: usize = 100;

/// The measurement itself (already inside the namespace).
pub fn inside(root: &Path) -> Result<(), String> {
    let port = 8799;
    let state = std::env::temp_dir().join(format!("gmd-load-{}", std::process::id()));
    let result = measure(root, port, &state);
    let _ = std::fs::remove_dir_all(&state);
    result
}

/// `wrangler dev` on `port` with its storage in `state`.
struct Server(std::process::Child);

impl Server {
    fn start(port: u16, state: &Path) -> Result<Server, String> {
        let xtask = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut command = Command::new(xtask);
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let child = command
            .args(["serve", "--port", &port.to_string(), "--persist-to"])
            .arg(state)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start the worker: {e}"))?;
        let server = Server(child);
        let started = Instant::now();
        while request(port, "GET", "/api/health", "").map(|(s, _)| s) != Ok(200) {
            if started.elapsed() > Duration::from_secs(60) {
                return Err("the worker did not start".into());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Ok(server)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // wrangler's children share its process group; end them all, then wait for wrangler.
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.0.id())])
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `REPORTS` distinct canonical reports: the same real failure, each with its own last line,
/// made canonical by the CLI exactly as the web app would.
fn reports(root: &Path) -> Result<Vec<String>, String> {
    let cli = build::target_dir(root).join("debug/gomod-doctor");
    let sample =
        std::fs::read_to_string(root.join("tests/fixtures/go/private-sumdb-lookup-410/output.txt")).unwrap_or_default();
    (0..REPORTS)
        .map(|i| {
            let mut share = Command::new(&cli)
                .args(["share", "--print"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|e| e.to_string())?;
            share
                .stdin
                .take()
                .ok_or("stdin")?
                .write_all(format!("{sample}\n# load run {i}\n").as_bytes())
                .map_err(|e| e.to_string())?;
            let bytes = share.wait_with_output().map_err(|e| e.to_string())?.stdout;
            Ok(String::from_utf8_lossy(&bytes).trim_end().to_owned())
        })
        .collect()
}

fn measure(root: &Path, port: u16, state: &Path) -> Result<(), String> {
    let base = format!("http://127.0.0.1:{port}");
    let bodies = reports(root)?;
    let mut server = Server::start(port, state)?;
    let (status, created) = request(port, "POST", "/api/reports", &bodies[0])?;
    let id = created
        .split("\"id\":\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .ok_or(format!("create failed: {status} {created}"))?
        .to_owned();
    // wrk posts the bodies in turn (new the first time, existing after), each request from its
    // own client (its own IPv6 /48, which the limiter counts too) so the rate limiter lets the run
    // through.
    let list = std::env::temp_dir().join(format!("gmd-load-{}.bodies", std::process::id()));
    std::fs::write(&list, bodies.join("\n") + "\n").map_err(|e| e.to_string())?;
    let script = std::env::temp_dir().join(format!("gmd-load-{}.lua", std::process::id()));
    let lua = format!(
        "local bodies = {{}}\nfor line in io.lines(\"{}\") do bodies[#bodies + 1] = line end\nlocal n = 0\nrequest = function()\n  n = n + 1\n  local headers = {{}}\n  headers[\"Content-Type\"] = \"application/json\"\n  headers[\"CF-Connecting-IP\"] = string.format(\"2001:db8:%x:1::1\", n % 65536)\n  return wrk.format(\"POST\", \"/api/reports\", headers, bodies[(n % #bodies) + 1])\nend\n",
        list.display()
    );
    std::fs::write(&script, lua).map_err(|e| e.to_string())?;
    println!(
        "{:<40} {:>9} {:>9} {:>9} {:>8} {:>12}",
        "route", "req/s", "p50", "p99", "errors", "CPU/request"
    );
    let health = format!("{base}/api/health");
    let get = format!("{base}/api/reports/{id}");
    let post = format!("{base}/api/reports");
    let mut failed = false;
    for (name, url, lua) in [
        ("GET /api/health", &health, None),
        ("GET /api/reports/:id", &get, None),
        ("POST /api/reports (new, then existing)", &post, Some(&script)),
    ] {
        failed |= !wrk(name, url, lua)?;
    }
    // The restart in the middle: the same storage, a new worker.
    drop(server);
    server = Server::start(port, state)?;
    println!("(worker restarted)");
    for (name, url, lua) in [
        ("GET /api/reports/:id", &get, None),
        ("POST /api/reports (existing)", &post, Some(&script)),
    ] {
        failed |= !wrk(name, url, lua)?;
    }
    let _ = std::fs::remove_file(&script);
    let _ = std::fs::remove_file(&list);
    // Every report made under load is still there, byte for byte.
    let mut intact = 0;
    for body in &bodies {
        let (status, answer) = request(port, "POST", "/api/reports", body)?;
        let stored_id = answer.split("\"id\":\"").nth(1).and_then(|r| r.split('"').next());
        let Some(stored_id) = stored_id.filter(|_| status == 200) else {
            return Err(format!(
                "a report made under load is gone after the restart: {status} {answer}"
            ));
        };
        let (status, stored) = request(port, "GET", &format!("/api/reports/{stored_id}"), "")?;
        if status != 200 || stored != *body {
            return Err(format!("report {stored_id} changed: {status}"));
        }
        intact += 1;
    }
    println!(
        "{intact} of {} reports made under load intact after the restart",
        bodies.len()
    );
    drop(server);
    if failed {
        Err("errors under load".into())
    } else {
        Ok(())
    }
}

/// One wrk run (2 threads, 16 connections, 10 s); prints its row, `Ok(false)` on any error.
fn wrk(name: &str, url: &str, lua: Option<&std::path::PathBuf>) -> Result<bool, String> {
    let mut wrk = Command::new("wrk");
    wrk.args(["-t2", "-c16", "-d10s", "--latency", "--timeout", "5s"]);
    if let Some(lua) = lua {
        wrk.arg("-s").arg(lua);
    }
    let cpu_before = workerd_cpu_ticks();
    let output = wrk.arg(url).output().map_err(|e| format!("wrk: {e}"))?;
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
        "{:<40} {:>9} {:>9} {:>9} {:>8} {:>12}",
        name,
        field("Requests/sec:").unwrap_or_default(),
        field("50%").unwrap_or_default(),
        field("99%").unwrap_or_default(),
        errors,
        cpu_per_request
    );
    let clean = output.status.success() && requests > 0.0 && errors == "0" && socket_errors.is_none();
    if !clean {
        println!("   {}", socket_errors.unwrap_or_default());
    }
    Ok(clean)
}

/// One HTTP/1.1 request to 127.0.0.1:`port`; returns the status and body.
fn request(port: u16, method: &str, path: &str, body: &str) -> Result<(u16, String), String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(|e| e.to_string())?;
    // Each request from its own client (its own IPv6 /48: a site's /64s share one budget), so
    // the checks are not rate limited as one client.
    static CLIENT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let client = CLIENT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nCF-Connecting-IP: 2001:db9:{:x}:1::1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        client % 65_536,
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
