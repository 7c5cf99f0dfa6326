//! The whole paste: the splitter's sections are in order, disjoint and inside the input, and
//! the analysis on top of it never panics (inputs over 1 MiB are refused, not analysed).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let split = gmd_input::split(text);
    let mut next = 0;
    for section in &split.sections {
        assert!(section.start >= next && section.start < section.end, "{:?} after {next}", section);
        assert!(section.end <= split.lines.len(), "{:?} past {}", section, split.lines.len());
        next = section.end;
    }
    let _ = gmd_analysis::analyze(text);
});
