//! A workspace at scale (issue 18), each figure beside the floor where one exists: a plain
//! rusqlite writer of the same files into a table with an FTS5 index (`floor/mod.rs`).
//!
//! The articles are real-shaped: sentences of the shared corpora cut and recombined
//! (`corpus/mod.rs`), written as ~3 KB `.txt` files and imported from disk as the CLI does.
//!
//! - `cargo bench --bench scale` builds a workspace of 100,000 claims and reports the import rate,
//!   the store's size and what takes it, full-text search p50/p95 for a common and a rare word,
//!   a claims page deep in the list, a party's first page, and conflict detection over the store.
//!   `-- 1000000` builds a million claims (about an hour here; never run by the tests).
//! - `cargo bench --bench scale -- import [articles]` imports the same articles (10,000 by
//!   default) three ways in one run, so that the ratios hold on a loaded machine: the floor,
//!   `Workbench::import_document` one file at a time (the import as it was), and
//!   `Workbench::import_inputs` (the pipeline); `-- import 10000 pipeline` leaves out the one at a
//!   time (seven minutes of the run at 10,000 articles), to compare two builds' pipelines.
//! - `cargo bench --bench scale -- profile [articles]` runs only the one-at-a-time import, for
//!   `valgrind --tool=callgrind`; `-- profile-pipeline [articles]` only the pipeline. A store
//!   named after the number (`-- profile-pipeline 300 scale.db`) is copied and imported into.
//! - `cargo bench --bench scale -- rescan scale.db` runs full conflict detection alone on a copy.
//! - `cargo bench --bench scale -- views DIR` opens a copy of the workspace one `SCALE_KEEP` left
//!   in `DIR` (migrating it if its schema is older: the time to open is printed) and measures the
//!   views on it beside the floor left with it.
//!
//! Not criterion: one workspace takes minutes to build, and a figure is one run of it.

#[path = "corpus/mod.rs"]
mod corpus;
#[path = "floor/mod.rs"]
#[allow(dead_code)]
mod floor;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crosscheck::ingest;
use crosscheck::store::{ClaimFilter, DateSpan};
use crosscheck::Workbench;
use floor::Floor;

const ARTICLE_BYTES: usize = 3_000;

/// The CLI's allocator (`src/bin/crosscheck/main.rs`), so that the import is timed as the CLI runs it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let corpus = corpus::Corpus::load(&corpus::root()).unwrap_or_else(|e| {
        eprintln!("scale: cannot read the corpus: {e}");
        std::process::exit(2)
    });
    let number = |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    match args.first().map(String::as_str) {
        Some("import") => import(&corpus, number(1, 10_000), args.get(2).map(String::as_str) != Some("pipeline")),
        Some("profile") => profile(&corpus, number(1, 300), false, args.get(2)),
        Some("profile-pipeline") => profile(&corpus, number(1, 300), true, args.get(2)),
        Some("rescan") => rescan(args.get(1).map(Path::new).expect("a store to rescan a copy of")),
        Some("views") => kept_views(&corpus, args.get(1).map(Path::new).expect("the folder of a kept workspace")),
        _ => scale(&corpus, number(0, 100_000)),
    }
}

/// Writes articles `from..to` as files in `dir`, named so that a folder walk reads them in order.
fn write_articles(corpus: &corpus::Corpus, dir: &Path, from: usize, to: usize) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).expect("article folder");
    (from..to)
        .map(|i| {
            let path = dir.join(format!("a{i:08}.txt"));
            std::fs::write(&path, corpus.article(i, ARTICLE_BYTES)).expect("article written");
            path
        })
        .collect()
}

/// The import as it was before the pipeline: each file read, parsed, extracted and written in a
/// transaction of its own, one after the other.
fn import_one_by_one(wb: &mut Workbench, files: &[PathBuf]) -> Duration {
    let gazetteer = wb.gazetteer().expect("gazetteer");
    let start = Instant::now();
    for f in files {
        let bytes = ingest::read_file(f).expect("article reads");
        let doc = ingest::load(&f.display().to_string(), &bytes).expect("article loads");
        wb.import_document(doc, Some(bytes), &gazetteer).expect("import");
    }
    start.elapsed()
}

fn import_pipeline(wb: &mut Workbench, dir: &Path) -> Duration {
    let start = Instant::now();
    let summary = wb.import_inputs(&[dir.display().to_string()], &ingest::FetchConfig::default(), &mut ()).expect("import");
    assert!(summary.failed.is_empty(), "bench articles failed: {:?}", &summary.failed[..summary.failed.len().min(3)]);
    start.elapsed()
}

/// Size on disk once the WAL is checkpointed into the main file.
fn store_bytes(path: &Path) -> u64 {
    let conn = rusqlite::Connection::open(path).expect("store reopens");
    let _: (i64, i64, i64) = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).expect("checkpoint");
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn import(corpus: &corpus::Corpus, articles: usize, one_by_one: bool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = write_articles(corpus, &dir.path().join("articles"), 0, articles);
    let text_bytes: u64 = files.iter().map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0)).sum();
    println!("{articles} articles, {:.1} MB of text, from {} corpus sentences", mb(text_bytes), corpus.sentences());

    let floor_db = dir.path().join("floor.db");
    let mut fl = Floor::open(&floor_db).expect("floor opens");
    let floor = fl.import(&files);
    fl.checkpoint();

    let before_db = dir.path().join("before.db");
    let (before, claims) = if one_by_one {
        let mut wb = Workbench::open(&before_db).expect("store opens");
        let t = import_one_by_one(&mut wb, &files);
        (Some(t), wb.claim_count().expect("count"))
    } else {
        (None, 0)
    };

    let after_db = dir.path().join("after.db");
    let mut wb = Workbench::open(&after_db).expect("store opens");
    let after = import_pipeline(&mut wb, &dir.path().join("articles"));
    let after_claims = wb.claim_count().expect("count");
    drop(wb);

    let floor_size = store_bytes(&floor_db);
    println!("{:<34} {:>9} {:>9} {:>10}", "import", "seconds", "× floor", "store MB");
    println!("{:<34} {:>9.1} {:>9} {:>10.1}", "floor (SQLite + FTS5, tx per file)", floor.as_secs_f64(), "1.0", mb(floor_size));
    for (name, t, db) in [("one by one (before)", before, &before_db), ("pipeline (import_inputs)", Some(after), &after_db)] {
        let Some(t) = t else { continue };
        let size = store_bytes(db);
        println!(
            "{:<34} {:>9.1} {:>9.1} {:>10.1}  ({:.1}× floor's size)",
            name,
            t.as_secs_f64(),
            t.as_secs_f64() / floor.as_secs_f64(),
            mb(size),
            size as f64 / floor_size as f64
        );
    }
    if one_by_one {
        println!("claims: {claims} one by one, {after_claims} through the pipeline");
    } else {
        println!("claims: {after_claims} through the pipeline");
    }
    space(&after_db);
}

fn profile(corpus: &corpus::Corpus, articles: usize, pipeline: bool, store: Option<&String>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("p.db");
    // Into a copy of a workspace at scale (one `SCALE_KEEP` left), the import's costs are those
    // of a large store: most blocking keys common, deeper B-trees. Its articles come after the
    // store's, so none is a duplicate.
    let first = match store {
        Some(path) => {
            std::fs::copy(path, &db).expect("store copied");
            1_000_000
        }
        None => 0,
    };
    let files = write_articles(corpus, &dir.path().join("articles"), first, first + articles);
    let mut wb = Workbench::open(&db).expect("store opens");
    let t = if pipeline { import_pipeline(&mut wb, &dir.path().join("articles")) } else { import_one_by_one(&mut wb, &files) };
    println!("{articles} articles, {} claims in {:.2} s", wb.claim_count().expect("count"), t.as_secs_f64());
}

/// Full conflict detection over a copy of a store (one `SCALE_KEEP` left), alone: for
/// `valgrind --tool=callgrind`.
fn rescan(store: &Path) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("r.db");
    std::fs::copy(store, &db).expect("store copied");
    let mut wb = Workbench::open(&db).expect("store opens");
    let t = Instant::now();
    let summary = wb.rescan_conflicts().expect("detection");
    println!("rescan: {:.1} s over {} claims ({} candidates, {} carried)", t.elapsed().as_secs_f64(), summary.claims, summary.candidates, summary.carried);
}

/// What takes the space, per table and index (SQLite's `dbstat`), and the bytes of the columns
/// that hold text twice or more.
fn space(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("store reopens");
    let total: i64 = conn.query_row("SELECT page_count * page_size FROM pragma_page_count, pragma_page_size", [], |r| r.get(0)).expect("size");
    println!("space by table and index (dbstat), of {:.1} MB:", mb(total as u64));
    match conn.prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 14") {
        Ok(mut st) => {
            let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).expect("dbstat");
            for (name, bytes) in rows.flatten() {
                println!("  {name:<32} {:>8.1} MB {:>5.1} %", mb(bytes as u64), 100.0 * bytes as f64 / total as f64);
            }
        }
        Err(e) => println!("  (no dbstat: {e})"),
    }
    let column = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, Option<i64>>(0)).ok().flatten().unwrap_or(0) as u64;
    for (what, sql) in [
        ("sources.text", "SELECT sum(length(CAST(text AS BLOB))) FROM sources"),
        ("sources.raw", "SELECT sum(length(raw)) FROM sources"),
        ("claims.exact+prefix+suffix", "SELECT sum(length(CAST(exact AS BLOB)) + length(CAST(prefix AS BLOB)) + length(CAST(suffix AS BLOB))) FROM claims"),
        ("claims.text", "SELECT sum(length(CAST(text AS BLOB))) FROM claims"),
        ("claims.doubts", "SELECT sum(length(CAST(doubts AS BLOB))) FROM claims"),
    ] {
        println!("  {what:<32} {:>8.1} MB of values", mb(column(sql)));
    }
    for (what, sql) in [
        ("claims", "SELECT count(*) FROM claims"),
        ("claim_keys", "SELECT count(*) FROM claim_keys"),
        ("claim_keys, distinct keys", "SELECT count(DISTINCT key) FROM claim_keys"),
        ("common_keys", "SELECT count(*) FROM common_keys"),
    ] {
        println!("  {what:<32} {:>8} rows", column(sql));
    }
}

/// p50 and p95 of `runs` timings of `f`.
fn percentiles(runs: usize, mut f: impl FnMut(usize)) -> (Duration, Duration) {
    let mut t: Vec<Duration> = (0..runs)
        .map(|i| {
            let s = Instant::now();
            f(i);
            s.elapsed()
        })
        .collect();
    t.sort();
    (t[runs / 2], t[(runs * 95).div_ceil(100) - 1])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn scale(corpus: &corpus::Corpus, target: usize) {
    const CHUNK: usize = 2_000;
    let dir = tempfile::tempdir_in(std::env::var_os("SCALE_DIR").map(PathBuf::from).unwrap_or_else(std::env::temp_dir)).expect("temp dir");
    // SCALE_KEEP=1 leaves the stores for EXPLAIN QUERY PLAN and migration checks.
    let dir_path = if std::env::var_os("SCALE_KEEP").is_some() { dir.keep() } else { dir.path().to_path_buf() };
    println!("stores in {}", dir_path.display());
    let db = dir_path.join("scale.db");
    let floor_db = dir_path.join("floor.db");
    let mut wb = Workbench::open(&db).expect("store opens");
    let mut fl = Floor::open(&floor_db).expect("floor opens");
    let (mut articles, mut claims, mut text_bytes) = (0, 0usize, 0u64);
    let (mut import_time, mut floor_time) = (Duration::ZERO, Duration::ZERO);
    // Chunks of files, each imported by the pipeline and by the floor, until the workspace holds
    // the claims asked for; the files of a chunk are deleted once both have read them.
    while claims < target {
        let chunk_dir = dir_path.join(format!("chunk{articles}"));
        let files = write_articles(corpus, &chunk_dir, articles, articles + CHUNK);
        text_bytes += files.iter().map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0)).sum::<u64>();
        floor_time += fl.import(&files);
        import_time += import_pipeline(&mut wb, &chunk_dir);
        std::fs::remove_dir_all(&chunk_dir).expect("chunk removed");
        articles += CHUNK;
        claims = wb.claim_count().expect("count") as usize;
        eprintln!("  {articles} articles, {claims} claims, {:.0} s", import_time.as_secs_f64());
    }
    fl.checkpoint();
    println!("workspace: {articles} articles ({:.1} MB of text), {claims} claims", mb(text_bytes));
    println!(
        "import: {:.1} s, {:.0} articles/s, {:.0} claims/s; floor {:.1} s, {:.0} articles/s; {:.2}× floor",
        import_time.as_secs_f64(),
        articles as f64 / import_time.as_secs_f64(),
        claims as f64 / import_time.as_secs_f64(),
        floor_time.as_secs_f64(),
        articles as f64 / floor_time.as_secs_f64(),
        import_time.as_secs_f64() / floor_time.as_secs_f64()
    );
    drop(wb);
    let (size, floor_size) = (store_bytes(&db), store_bytes(&floor_db));
    println!("store: {:.1} MB; floor {:.1} MB; {:.2}× floor", mb(size), mb(floor_size), size as f64 / floor_size as f64);
    space(&db);

    let wb = Workbench::open(&db).expect("store reopens");
    views(corpus, &wb, &fl, claims);
    drop(wb);
    let mut wb = Workbench::open(&db).expect("store reopens");
    let t = Instant::now();
    let summary = wb.rescan_conflicts().expect("detection");
    println!(
        "full conflict detection: {:.1} s over {} claims ({} candidates proposed, {} carried); no floor",
        t.elapsed().as_secs_f64(),
        summary.claims,
        summary.candidates,
        summary.carried
    );
}

/// The views of a kept workspace, on a copy of its store opened (and migrated) by this build.
fn kept_views(corpus: &corpus::Corpus, dir: &Path) {
    let copy = tempfile::tempdir_in(dir).expect("temp dir");
    let db = copy.path().join("scale.db");
    std::fs::copy(dir.join("scale.db"), &db).expect("store copied");
    let fl = Floor::open(&dir.join("floor.db")).expect("floor opens");
    let t = Instant::now();
    let wb = Workbench::open(&db).expect("store opens");
    let claims = wb.claim_count().expect("count") as usize;
    println!("opened (migrated if older) in {:.1} s: {claims} claims", t.elapsed().as_secs_f64());
    drop(wb);
    println!("store: {:.1} MB; floor {:.1} MB", mb(store_bytes(&db)), mb(store_bytes(&dir.join("floor.db"))));
    space(&db);
    let wb = Workbench::open(&db).expect("store reopens");
    views(corpus, &wb, &fl, claims);
}

/// Search, a deep page and a party's first page, p50 and p95 of 21 runs each, beside the floor's.
fn views(corpus: &corpus::Corpus, wb: &Workbench, fl: &Floor, claims: usize) {
    let (common, rare) = words(corpus);
    let none = DateSpan::default();
    println!("{:<44} {:>9} {:>9} {:>12} {:>12}", "query (200 rows)", "p50 ms", "p95 ms", "floor p50", "floor p95");
    for (label, word) in [(format!("search, common word «{common}»"), &common), (format!("search, rare word «{rare}»"), &rare)] {
        let filter = ClaimFilter { query: Some(word.clone()), ..Default::default() };
        let (p50, p95) = percentiles(21, |_| {
            wb.claims_page(&filter, &none, 0, 200).expect("search");
        });
        let (f50, f95) = percentiles(21, |_| {
            fl.search(word);
        });
        println!("{label:<44} {:>9.1} {:>9.1} {:>12.1} {:>12.1}", ms(p50), ms(p95), ms(f50), ms(f95));
        exact_total(wb, &filter, "  its exact total, asked after the page");
    }
    // Pages spread over the last tenth of the list, as a scroll to the end reads them.
    let deep = claims * 9 / 10;
    let floor_deep = fl.count() * 9 / 10;
    let (p50, p95) = percentiles(21, |i| {
        wb.claims_page(&ClaimFilter::default(), &none, deep + i * 200, 200).expect("page");
    });
    let (f50, f95) = percentiles(21, |i| {
        fl.page(floor_deep + i * 10);
    });
    println!("{:<44} {:>9.1} {:>9.1} {:>12.1} {:>12.1}", format!("claims page at {deep}"), ms(p50), ms(p95), ms(f50), ms(f95));
    let party = busiest_party(wb);
    let filter = ClaimFilter { party: Some(party.clone()), ..Default::default() };
    let (p50, p95) = percentiles(21, |_| {
        wb.claims_page(&filter, &none, 0, 200).expect("party page");
    });
    println!("{:<44} {:>9.1} {:>9.1} {:>12} {:>12}", format!("first page of party {party}"), ms(p50), ms(p95), "-", "-");
    exact_total(wb, &filter, "  its exact total, asked after the page");
    desktop_lists(wb, &common);
}

/// The total a page gave (a lower bound past `COUNT_FLOOR`, marked `+`) and, p50 and p95 of 21,
/// the exact count the desktop asks for after the page when the page's was a bound.
fn exact_total(wb: &Workbench, filter: &ClaimFilter, label: &str) {
    let none = DateSpan::default();
    let page = wb.claims_page(filter, &none, 0, 200).expect("page");
    let exact = wb.claims_total(filter, &none).expect("total");
    let (p50, p95) = percentiles(21, |_| {
        wb.claims_total(filter, &none).expect("total");
    });
    let shown = format!("{}{}", page.total, if page.total_exact { "" } else { "+" });
    println!("{:<44} {:>9.1} {:>9.1} {:>12} {:>12}", format!("{label} ({shown} → {exact})"), ms(p50), ms(p95), "-", "-");
}

/// What the desktop's Claims, Reader and Reports views asked for on opening, beside what they
/// ask for now: every source listed (`list_sources`) and every source's claims counted (the
/// search's sources) against a picker's and a search's few sources; every conflict's card (the
/// Reports view's conflict scope) against a window of them. Once each where a list is read whole.
fn desktop_lists(wb: &Workbench, common: &str) {
    use crosscheck::store::{ConflictFilter, SourceField};
    let once = |f: &mut dyn FnMut() -> usize| {
        let t = Instant::now();
        let n = f();
        (ms(t.elapsed()), n)
    };
    let (t, n) = once(&mut || wb.source_page(0, usize::MAX).expect("every source").sources.len());
    println!("{:<44} {:>9.1} ms once ({n} sources)", "before: every source listed (list_sources)", t);
    let (t, n) = once(&mut || wb.claim_counts_by_source().expect("counts").len());
    println!("{:<44} {:>9.1} ms once ({n} sources)", "before: every source's claims counted", t);
    let (t, n) = once(&mut || wb.conflicts(&ConflictFilter::default()).expect("conflicts").len());
    println!("{:<44} {:>9.1} ms once ({n} conflicts, without their cards)", "before: every conflict read", t);
    let title_word = wb.source_page(0, 1).expect("a source").sources.first().and_then(|s| s.title.split_whitespace().max_by_key(|w| w.chars().count()).map(str::to_string)).unwrap_or_default();
    for (label, words, field, limit) in [
        (format!("after: picker, title word «{title_word}»"), title_word.as_str(), SourceField::Title, 12),
        (format!("after: picker, common word «{common}»"), common, SourceField::Title, 12),
        (format!("after: sources holding «{common}», 100"), common, SourceField::Any, 100),
    ] {
        let (p50, p95) = percentiles(21, |_| {
            wb.find_sources(words, field, limit).expect("found");
        });
        println!("{label:<44} {:>9.1} {:>9.1}", ms(p50), ms(p95));
    }
    let (p50, p95) = percentiles(5, |_| {
        wb.conflict_cards_window(&ConflictFilter::default(), 0, 100).expect("cards");
    });
    println!("{:<44} {:>9.1} {:>9.1}", "after: the first 100 conflicts' cards", ms(p50), ms(p95));
}

/// A common word (the most frequent of five letters or more) and a rare one (in one sentence
/// only) of the corpus.
fn words(corpus: &corpus::Corpus) -> (String, String) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for i in 0..200 {
        for w in corpus.article(i, ARTICLE_BYTES).split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() >= 5) {
            *counts.entry(w.to_lowercase()).or_default() += 1;
        }
    }
    let mut by_count: Vec<(String, usize)> = counts.into_iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let common = by_count.first().map(|w| w.0.clone()).unwrap_or_else(|| "said".into());
    let rare = by_count.iter().rev().find(|w| w.0.chars().count() >= 8).map(|w| w.0.clone()).unwrap_or_else(|| "kramatorsk".into());
    (common, rare)
}

/// The party with the most claims.
fn busiest_party(wb: &Workbench) -> String {
    let mut by_party: HashMap<String, usize> = HashMap::new();
    for c in wb.claims_page(&ClaimFilter::default(), &DateSpan::default(), 0, 5_000).expect("claims").claims {
        if let Some(p) = c.speaker.party {
            *by_party.entry(p).or_default() += 1;
        }
    }
    by_party.into_iter().max_by_key(|p| p.1).map(|p| p.0).unwrap_or_else(|| "ru".into())
}
