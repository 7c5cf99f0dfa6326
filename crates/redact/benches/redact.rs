//! The redaction budget: it runs on every share (and the share panel redoes it as the paste
//! changes), so 1 MiB of real pastes — the development corpus's settings, go.mod and logs,
//! repeated — must be redacted in under 100 ms natively, host names included. Run with
//! `cargo bench -p gmd-redact` (or `cargo xtask bench`); exits non-zero over budget.

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

fn main() {
    let text = real_pastes::real_pastes();
    let _ = median(&text, false, 2); // warm-up
    let mut over = false;
    for hosts in [false, true] {
        let time = median(&text, hosts, 9);
        println!(
            "redact {} bytes of real pastes (hosts {}): median {:.1} ms (budget 100 ms)",
            text.len(),
            if hosts { "masked" } else { "kept" },
            time.as_secs_f64() * 1e3
        );
        over |= time > Duration::from_millis(100);
    }
    if over {
        std::process::exit(1);
    }
}
