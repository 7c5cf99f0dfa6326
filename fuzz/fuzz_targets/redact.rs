//! Redaction: no panic, deterministic, and idempotent — masking a masked text changes nothing
//! (placeholders are not secrets), with and without host masking.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for hosts in [false, true] {
        let options = gmd_redact::Options { hosts };
        let once = gmd_redact::redact(text, options);
        assert_eq!(once.text, gmd_redact::redact(text, options).text, "deterministic");
        let twice = gmd_redact::redact(&once.text, options);
        assert_eq!(twice.text, once.text, "idempotent (hosts: {hosts})");
    }
});
