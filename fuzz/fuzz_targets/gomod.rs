//! go.mod: no panic; every problem and directive points at a line of the input.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let lines: Vec<(usize, &str)> = text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
    let count = lines.len();
    let module = gmd_gomod::parse(lines);
    for problem in &module.problems {
        assert!(problem.span.line >= 1 && problem.span.line <= count.max(1), "problem on line {} of {count}", problem.span.line);
    }
});
