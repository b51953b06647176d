//! Time to check each bundled seed report: one benchmark per file in tests/corpus/seeds,
//! named by its stem; the same per stage (fold, read, rules) for the largest seed; and the
//! scaling bench: one report made 10 KB, 100 KB, 1 MB and 10 MB long by a longer 总体情况,
//! whose time per byte should stay flat. Run with `cargo bench --bench check`.

use std::fs;
use std::path::{Path, PathBuf};

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use nianbao::text::{Fold, Folded};
use nianbao::{parse, rules};

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

/// The stages of `nianbao::analyze` on the largest seed: fold, read, rules.
fn stages(c: &mut Criterion) {
    let config = nianbao::Config::default();
    let (name, text) = seeds()
        .into_iter()
        .max_by_key(|(_, t)| t.len())
        .expect("a seed");
    let folded = Folded::of(&text, Fold::Text);
    let report = parse::read_folded(&text, &folded, None);
    let mut group = c.benchmark_group(format!("stage/{name}"));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("fold", |b| {
        b.iter(|| Folded::of(black_box(&text), Fold::Text))
    });
    group.bench_function("read", |b| {
        b.iter(|| parse::read_folded(black_box(&text), &folded, None))
    });
    group.bench_function("rules", |b| {
        b.iter(|| rules::run_folded(black_box(&text), &report, &folded, &config))
    });
    group.finish();
}

/// A report grown to about `bytes` by repeating the prose of a seed's 总体情况 in that section:
/// the tables stay one each, as in a real report, and the text around them grows.
fn grown_report(bytes: usize) -> String {
    let template = nianbao::spec::templates::report_with_zeros(
        nianbao::spec::Layout::Y2021,
        2023,
        nianbao::spec::TableStyle::Tab,
    );
    let paragraph =
        "本机关坚持以公开为常态、不公开为例外，围绕重点领域信息公开、政策解读和回应关切，\
        持续完善政府信息公开工作机制，全年通过门户网站主动公开政府信息，及时更新各类公开专栏。\n";
    let heading = "一、总体情况\n";
    let at = template.find(heading).expect("section 一") + heading.len();
    let mut text = String::with_capacity(bytes + template.len());
    text.push_str(&template[..at]);
    while text.len() + template.len() - at < bytes {
        text.push_str(paragraph);
    }
    text.push_str(&template[at..]);
    text
}

fn scaling(c: &mut Criterion) {
    let config = nianbao::Config::default();
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    for (label, bytes) in [
        ("10KB", 10_000),
        ("100KB", 100_000),
        ("1MB", 1_000_000),
        ("10MB", 10_000_000),
    ] {
        let text = grown_report(bytes);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(label, |b| {
            b.iter(|| nianbao::check(black_box(&text), black_box(&config)))
        });
    }
    group.finish();
}

criterion_group!(benches, check, stages, scaling);
criterion_main!(benches);
