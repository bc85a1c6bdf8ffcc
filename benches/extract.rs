//! Extraction throughput on one core: a ~20 MB corpus made of the project's own dispatches (French
//! and English, tests/corpus) repeated, and a ~10 MB one of its Russian dispatches
//! (tests/corpus/heldout/*-ru.txt), each against a baseline that only splits the same text into
//! words, side by side; criterion reports both in bytes per second.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crosscheck::extract::{extract, ExtractConfig};
use crosscheck::gazetteer::Gazetteer;

const TARGET_BYTES: usize = 20_000_000;

/// The allocator the shipped binaries use (src/bin/crosscheck/main.rs, src-tauri): extraction
/// allocates small strings by the thousand per document, and glibc's allocator took a fifth of its
/// time, so measuring with another would measure what no user runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The fixtures of `folder` whose names end in `suffix`, one document each, repeated up to about
/// `target` bytes.
fn corpus(folder: &str, suffix: &str, target: usize) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut docs: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    docs.sort();
    let size: usize = docs.iter().map(String::len).sum::<usize>().max(1);
    let copies = target / size;
    (0..copies).flat_map(|_| docs.clone()).collect()
}

fn bench(c: &mut Criterion) {
    let g = Gazetteer::builtin();
    for (name, docs) in [
        ("extract", corpus("tests/corpus", ".txt", TARGET_BYTES)),
        ("extract-ru", corpus("tests/corpus/heldout", "-ru.txt", TARGET_BYTES / 2)),
    ] {
        let bytes: usize = docs.iter().map(String::len).sum();
        let mut group = c.benchmark_group(name);
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
}

criterion_group!(benches, bench);
criterion_main!(benches);
