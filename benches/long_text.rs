//! One long plain text imported whole (issue 17, item 2): read from a file, ingested, extracted
//! and stored in one transaction, at 1 MB and 50 MB (under the 64 MB input limit). Each size
//! reports its wall time and MB/s. Beside the import, the baseline: the claim anchors' offsets
//! computed as before the fix (walking from the text's start for every offset) against the
//! `CharIndex` now used, on the same text and the same claims.
//!
//! `cargo bench --bench long_text` (add `-- 1` to skip the 50 MB run). Not criterion: a 50 MB
//! import takes seconds, and criterion insists on ten samples.

use std::time::{Duration, Instant};

use crosscheck::extract::{extract, ExtractConfig};
use crosscheck::gazetteer::Gazetteer;
use crosscheck::text::{byte_offset, CharIndex};
use crosscheck::Workbench;

/// A dispatch-like text of about `bytes` bytes with reported speech in every paragraph.
fn long_text(bytes: usize) -> String {
    let places = ["Tavush", "Tovuz", "Kharkiv", "Donetsk", "Gaza", "Kashmir", "Tigray", "Mitrovica"];
    let mut s = String::with_capacity(bytes + 1024);
    let mut i = 0;
    while s.len() < bytes {
        let place = places[i % places.len()];
        s.push_str(&format!(
            "The defence ministry said on Tuesday that {n} drones were shot down near {place}. \
             \"Our forces repelled the attack,\" the spokesman told reporters. Le ministère arménien a démenti ces allégations, \
             qualifiées de « provocation ». Observers reported shelling overnight in sector {i}.\n\n",
            n = i % 40
        ));
        i += 1;
    }
    s
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn import_file(mb: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("long.txt");
    let text = long_text(mb << 20);
    std::fs::write(&file, &text).expect("write the text");
    let mut wb = Workbench::open(&dir.path().join("bench.db")).expect("store opens");
    let (summary, took) = time(|| wb.import_paths(&[file], &mut ()).expect("import runs"));
    assert!(summary.failed.is_empty(), "the text imports: {:?}", summary.failed);
    let claims: usize = summary.imported.iter().map(|o| o.claims).sum();
    println!(
        "import {mb:>3} MB text: {:>7.2} s  ({:.2} MB/s, {claims} claims)",
        took.as_secs_f64(),
        mb as f64 / took.as_secs_f64()
    );
}

fn anchors_side_by_side(mb: usize) {
    let text = crosscheck::text::normalize(&long_text(mb << 20));
    let x = extract(&text, &ExtractConfig { gazetteer: Gazetteer::builtin(), language: None });
    // Six offsets per claim, as an anchor needs (exact, prefix and suffix bounds).
    let offsets: Vec<usize> = x.claims.iter().flat_map(|c| [c.start.saturating_sub(32), c.start, c.start, c.end, c.end, c.end + 32]).collect();
    let (a, walk) = time(|| offsets.iter().map(|&o| byte_offset(&text, o)).sum::<usize>());
    let (b, indexed) = time(|| {
        let index = CharIndex::new(&text);
        offsets.iter().map(|&o| index.byte(o)).sum::<usize>()
    });
    assert_eq!(a, b, "both ways find the same offsets");
    println!(
        "anchor offsets, {mb} MB ({} claims): walking from the start (before) {:>8.3} s | CharIndex (now) {:>8.4} s",
        x.claims.len(),
        walk.as_secs_f64(),
        indexed.as_secs_f64()
    );
}

fn main() {
    // `cargo bench` passes `--bench`; a bare `1` limits the run to the 1 MB figures.
    let quick = std::env::args().any(|a| a == "1");
    anchors_side_by_side(1);
    import_file(1);
    if !quick {
        import_file(50);
    }
}
