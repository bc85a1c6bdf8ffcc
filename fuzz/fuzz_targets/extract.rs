//! Fuzzes the extractor: any bytes, read as lossy UTF-8, in every language and with detection,
//! must give claims whose offsets lie inside the text, without panicking.
#![no_main]

use crosscheck::extract::{extract, ExtractConfig};
use crosscheck::gazetteer::Gazetteer;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let n = text.chars().count();
    for language in [None, Some("fr"), Some("en")] {
        let x = extract(&text, &ExtractConfig { gazetteer: Gazetteer::builtin(), language });
        for c in &x.claims {
            assert!(c.start <= c.end && c.end <= n, "claim offsets inside the text");
        }
    }
});
