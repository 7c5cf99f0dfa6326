//! go command output: no panic; every event and every line it claims lies within the input.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let lines: Vec<(usize, &str)> = text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
    let count = lines.len();
    for event in gmd_golog::parse(lines) {
        for line in event.lines() {
            assert!(line >= 1 && line <= count, "event line {line} of {count}");
        }
    }
});
