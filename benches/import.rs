//! Import throughput: 10,000 generated ~3 KB articles into a fresh file store, one transaction
//! per article (`Workbench::import_document`), with the FTS5 index (the product) against the
//! same store with its FTS queue triggers dropped, and the floor: the same texts written by a
//! plain rusqlite writer into a table with an FTS5 index (`floor/mod.rs`), side by side. The
//! pipeline (`import_inputs`) and its ratio to the floor in one run: `benches/scale.rs import`.

#[path = "floor/mod.rs"]
#[allow(dead_code)]
mod floor;

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crosscheck::ingest;
use crosscheck::Workbench;

const ARTICLES: usize = 10_000;

/// A dispatch-like article of about 3 KB with reported speech, different for every `i`.
fn article(i: usize) -> String {
    let places = ["Tavush", "Tovuz", "Kharkiv", "Donetsk", "Gaza", "Kashmir", "Tigray", "Mitrovica"];
    let place = places[i % places.len()];
    let mut s = format!(
        "Dispatch {i}: fighting near {place}\n\nThe defence ministry said on Tuesday that {n} drones were shot down near {place}. \
         \"Our forces repelled the attack,\" the spokesman told reporters. The other side denied the claim and said \
         {m} civilians were wounded, according to local officials.\n",
        n = i % 40,
        m = i % 13
    );
    while s.len() < 3000 {
        s.push_str(&format!(
            "Observers in {place} reported shelling overnight in sector {i}, and the foreign ministry stated that talks would resume. "
        ));
    }
    s
}

fn import_all(drop_fts: bool, docs: &[ingest::Document]) -> Duration {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.db");
    drop(Workbench::open(&db).expect("store opens"));
    if drop_fts {
        let conn = rusqlite::Connection::open(&db).expect("raw connection");
        conn.execute_batch("DROP TRIGGER sources_fts_ai; DROP TRIGGER claims_fts_ai;").expect("drop FTS triggers");
    }
    let mut wb = Workbench::open(&db).expect("store opens");
    let gazetteer = wb.gazetteer().expect("gazetteer");
    let start = Instant::now();
    for d in docs {
        wb.import_document(d.clone(), None, &gazetteer).expect("import");
    }
    start.elapsed()
}

fn bench(c: &mut Criterion) {
    let docs: Vec<_> = (0..ARTICLES)
        .map(|i| ingest::load(&format!("a{i}.txt"), article(i).as_bytes()).expect("generated text loads"))
        .collect();
    let mut g = c.benchmark_group("import_10k_articles");
    g.sample_size(10).measurement_time(Duration::from_secs(60)).throughput(Throughput::Elements(ARTICLES as u64));
    let texts: Vec<(String, String)> = docs.iter().map(|d| (d.title.clone(), d.text.clone())).collect();
    g.bench_function("floor_sqlite_fts5", |b| {
        b.iter_custom(|n| {
            (0..n)
                .map(|_| {
                    let dir = tempfile::tempdir().expect("temp dir");
                    floor::Floor::open(&dir.path().join("floor.db")).expect("floor opens").import_texts(&texts)
                })
                .sum()
        })
    });
    g.bench_function("baseline_no_fts", |b| b.iter_custom(|n| (0..n).map(|_| import_all(true, &docs)).sum()));
    g.bench_function("with_fts", |b| b.iter_custom(|n| (0..n).map(|_| import_all(false, &docs)).sum()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
