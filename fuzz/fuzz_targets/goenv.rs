//! `go env` in every format: no panic; each variable comes from a line of the input, under a
//! name the go command could have printed.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let env = gmd_goenv::GoEnv::parse(text);
    let lines = text.lines().count();
    for var in &env.vars {
        assert!(var.line >= 1 && var.line <= lines.max(1), "line {} of {lines}", var.line);
        assert!(!var.key.is_empty() && !var.key.contains(char::is_whitespace), "{:?}", var.key);
    }
    for line in text.lines() {
        let _ = gmd_goenv::parse_line(line);
    }
});
