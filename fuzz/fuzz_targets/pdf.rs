//! Fuzzes PDF ingest: any bytes read as a PDF give a document or a clean error, within the read
//! deadline, without a panic escaping or the process aborting (a stack overflow would).
#![no_main]

use std::time::Duration;

use crosscheck::ingest::pdf;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A short deadline: the fuzzer should find loops as slow units, not wait a minute each.
    if let Ok(doc) = pdf::parse_within("fuzz.pdf", data, Duration::from_secs(5)) {
        let n = doc.text.chars().count();
        assert!(doc.pages.iter().all(|&p| p <= n), "page starts inside the text");
    }
});
