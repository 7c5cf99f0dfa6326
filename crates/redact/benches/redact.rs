//! The redaction budget: it runs on every share (and the share panel redoes it as the paste
//! changes; the worker redoes it on every upload), so 1 MiB of real pastes — the development
//! corpus's settings, go.mod and logs, repeated — must be redacted in under 50 ms natively, host
//! names included, and 1 MiB of nothing but secrets (`password=…` lines, each value distinct) in
//! under 100 ms: the cost is linear in the number of secrets. Run with `cargo bench -p
//! gmd-redact` (or `cargo xtask bench`); exits non-zero over budget.

#[path = "../../analysis/benches/support/real_pastes.rs"]
mod real_pastes;

use std::time::{Duration, Instant};

fn median(input: &str, hosts: bool, runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(gmd_redact::redact(
                std::hint::black_box(input),
                gmd_redact::Options { hosts },
            ));
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// About 1 MiB of `password=…` lines, each value distinct.
fn secrets_only() -> String {
    let mut text = String::with_capacity(1024 * 1024 + 64);
    let mut i = 0u64;
    while text.len() < 1024 * 1024 {
        // A value that looks random enough: the line number mixed by a multiplicative hash.
        let mixed = i.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 20;
        text.push_str(&format!("password=S3cr{i:07}x{mixed:x}\n"));
        i += 1;
    }
    text
}

fn main() {
    let text = real_pastes::real_pastes();
    let _ = median(&text, false, 2); // warm-up
    let mut over = false;
    for hosts in [false, true] {
        let time = median(&text, hosts, 9);
        println!(
            "redact {} bytes of real pastes (hosts {}): median {:.1} ms (budget 50 ms)",
            text.len(),
            if hosts { "masked" } else { "kept" },
            time.as_secs_f64() * 1e3
        );
        over |= time > Duration::from_millis(50);
    }
    let secrets = secrets_only();
    let redacted = gmd_redact::redact(&secrets, gmd_redact::Options::default());
    let count = secrets.lines().count();
    assert_eq!(redacted.redactions.len(), count, "every password is masked, each once");
    let time = median(&secrets, false, 5);
    println!(
        "redact {} bytes of password= lines ({count} distinct secrets): median {:.1} ms (budget 100 ms)",
        secrets.len(),
        time.as_secs_f64() * 1e3
    );
    over |= time > Duration::from_millis(100);
    if over {
        std::process::exit(1);
    }
}
