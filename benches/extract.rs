//! Extraction throughput on one core: a ~20 MB corpus made of the project's own dispatches (French
//! and English, tests/corpus) repeated, against a baseline that only splits the same text into
//! words, side by side; criterion reports both in bytes per second.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crosscheck::extract::{extract, ExtractConfig};
use crosscheck::gazetteer::Gazetteer;

const TARGET_BYTES: usize = 20_000_000;

/// The fixtures of tests/corpus, one document each, repeated up to about `TARGET_BYTES`.
fn corpus() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut docs: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    docs.sort();
    let size: usize = docs.iter().map(String::len).sum::<usize>().max(1);
    let copies = TARGET_BYTES / size;
    (0..copies).flat_map(|_| docs.clone()).collect()
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let g = Gazetteer::builtin();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("baseline: split words", |b| {
        b.iter(|| docs.iter().map(|d| d.split_whitespace().count()).sum::<usize>())
    });
    group.bench_function("extract (language detected)", |b| {
        b.iter(|| docs.iter().map(|d| extract(d, &ExtractConfig { gazetteer: g, language: None }).claims.len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
