//! Fuzzes HTML ingest: any bytes, as a fetched page (with and without a declared charset) and as
//! a saved file, must give a document whose text holds no markup, or a clean error; never a
//! panic or a hang.
#![no_main]

use crosscheck::ingest::{self, Raw};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for (name, content_type) in [("https://example.org/a", Some("text/html")), ("https://example.org/b", Some("text/html; charset=windows-1252")), ("saved.html", None)] {
        if let Ok(doc) = ingest::read(&Raw { name, bytes: data, content_type }) {
            assert!(!doc.text.contains('\0'), "no NUL in a document's text");
            if let Some(c) = &doc.canonical_url {
                assert!(c.starts_with("http://") || c.starts_with("https://"), "a canonical URL is http(s)");
            }
        }
    }
});
