//! Time to check each bundled seed report: one benchmark per file in tests/corpus/seeds,
//! named by its stem. Run with `cargo bench --bench check`.

use std::fs;
use std::path::{Path, PathBuf};

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

fn seeds() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/seeds");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no seeds in {}", dir.display());
    paths
        .into_iter()
        .map(|path| {
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            (name, text)
        })
        .collect()
}

fn check(c: &mut Criterion) {
    let config = nianbao::Config::default();
    let mut group = c.benchmark_group("check");
    for (name, text) in seeds() {
        // Bytes per second makes seeds of different sizes comparable.
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(&name, |b| {
            b.iter(|| nianbao::check(black_box(&text), black_box(&config)))
        });
    }
    group.finish();
}

criterion_group!(benches, check);
criterion_main!(benches);
