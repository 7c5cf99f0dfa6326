//! The report decoder: whatever `from_canonical` accepts re-encodes to the very same bytes, and a
//! fragment link never opens to a report that does not match its id.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(report) = gmd_report::SharedReport::from_canonical(data) {
        assert_eq!(report.canonical_bytes(), data, "canonical bytes round trip");
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok((id, report)) = gmd_report::from_fragment(text) {
            assert!(gmd_report::full_id(&report.canonical_bytes()).starts_with(&id));
        }
    }
});
