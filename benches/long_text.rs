//! One long plain text imported whole (issue 17, "50 MB import": under 30 s): read from a file,
//! ingested, extracted and stored in one transaction, at 1 MB and 50 MB (under the 64 MB input
//! limit) by default, or at the sizes in MB given (`-- 1 5 10 50`). Each size reports its wall
//! time, CPU time, MB/s and claims. The text is real-shaped: the shared corpora's English and
//! French dispatches (`/work/shared/corpus/news-{en,fr}/*.txt`, read at run time and never copied
//! into the repository; `CROSSCHECK_CORPUS` names another folder), whole, one after the other,
//! and again until the size is reached, as a dump of wire copy would be. Beside the import, the
//! baseline of an earlier fix: the claim anchors' offsets computed by walking from the text's
//! start for every offset against the `CharIndex` now used, on the same text and claims.
//!
//! `cargo bench --no-default-features --bench long_text` (the figures are in
//! `docs/perf/import-profile.md`). Not criterion: a 50 MB import takes seconds, and criterion
//! insists on ten samples.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crosscheck::extract::{extract, ExtractConfig};
use crosscheck::gazetteer::Gazetteer;
use crosscheck::text::{byte_offset, CharIndex};
use crosscheck::Workbench;

/// The English and French dispatches of the shared corpora, whole, in file order.
fn dispatches() -> Vec<String> {
    let root = std::env::var_os("CROSSCHECK_CORPUS").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/work/shared/corpus"));
    let mut texts = Vec::new();
    for lang in ["news-en", "news-fr"] {
        let dir = root.join(lang);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            texts.push(format!("{}\n\n", text.trim()));
        }
    }
    assert!(!texts.is_empty(), "no dispatches under {}", root.display());
    texts
}

/// The dispatches one after the other, again and again, until the text holds `bytes` bytes.
fn long_text(bytes: usize) -> String {
    let texts = dispatches();
    let mut s = String::with_capacity(bytes + 16 * 1024);
    for t in texts.iter().cycle() {
        if s.len() >= bytes {
            break;
        }
        s.push_str(t);
    }
    s
}

/// CPU time of this process so far (user and system), from `/proc/self/stat`; zero elsewhere.
fn cpu() -> Duration {
    // Clock ticks of 10 ms (USER_HZ is 100 on Linux).
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name (which may hold spaces): utime and stime are 14 and 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| f.get(i).and_then(|x| x.parse::<u64>().ok()).unwrap_or(0);
    // `rest` starts at field 3 (the state).
    let ticks = field(11) + field(12);
    Duration::from_millis(ticks * 10)
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn import_file(mb: usize, dir: &Path) {
    let file = dir.join(format!("long-{mb}.txt"));
    std::fs::write(&file, long_text(mb << 20)).expect("write the text");
    let mut wb = Workbench::open(&dir.join(format!("bench-{mb}.db"))).expect("store opens");
    let cpu_before = cpu();
    let (summary, took) = time(|| wb.import_paths(&[file], &mut ()).expect("import runs"));
    let cpu_took = cpu() - cpu_before;
    assert!(summary.failed.is_empty(), "the text imports: {:?}", summary.failed);
    let claims: usize = summary.imported.iter().map(|o| o.claims).sum();
    println!(
        "import {mb:>3} MB text: {:>7.2} s wall, {:>7.2} s CPU ({:.2} MB/s, {claims} claims)",
        took.as_secs_f64(),
        cpu_took.as_secs_f64(),
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
    // `cargo bench` passes `--bench`; bare numbers are the sizes to import, in MB.
    let mut sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![1, 50];
    }
    let dir = tempfile::tempdir().expect("temp dir");
    anchors_side_by_side(1);
    for mb in sizes {
        import_file(mb, dir.path());
    }
}
