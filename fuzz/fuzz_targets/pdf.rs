//! Fuzzes PDF ingest: any bytes read as a PDF give a document or a clean error, within the read
//! deadline, without the process aborting (a stack overflow would) or a panic escaping.
//!
//! `pdf-extract` panics on many malformed files; `ingest::pdf` runs it on its `pdf-reader`
//! thread under `catch_unwind`, which turns the panic into a per-file error. libFuzzer's panic
//! hook aborts on every panic, even a caught one, so this target lets panics on that thread be
//! caught as in the product, and keeps the aborting hook for every other thread: a panic in our
//! own code still counts as a crash.
#![no_main]

use std::sync::Once;
use std::time::Duration;

use crosscheck::ingest::pdf;
use libfuzzer_sys::fuzz_target;

fn contain_reader_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let aborting = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some("pdf-reader") {
                aborting(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    contain_reader_panics();
    // A short deadline: the fuzzer should find loops as slow units, not wait a minute each.
    if let Ok(doc) = pdf::parse_within("fuzz.pdf", data, Duration::from_secs(5)) {
        let n = doc.text.chars().count();
        assert!(doc.pages.iter().all(|&p| p <= n), "page starts inside the text");
    }
});
