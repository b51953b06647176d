//! Folder throughput, as a user checking a whole province's reports sees it: the `nianbao`
//! binary on a folder of 2,000 real-shaped reports (the seeds and the collected reports of
//! `tests/corpus`, copied round-robin), with one thread and with every core, best of three
//! runs each. Prints reports/s and MB/s.
//!
//! Run: `cargo bench --bench folder` (figures go in the README).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const REPORTS: usize = 2_000;
const RUNS: usize = 3;

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus");
    let mut files = Vec::new();
    for dir in ["seeds", "wild"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("tests/corpus is there") {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            // The collected reports; not their notes.
            if name.ends_with(".txt")
                || (name.ends_with(".md") && !name.chars().next().unwrap().is_ascii_uppercase())
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn run(dir: &Path, threads: Option<usize>) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..RUNS {
        let mut command = Command::new(env!("CARGO_BIN_EXE_nianbao"));
        command.args(["check", "--quiet", "--no-config", "--format", "json", "."]);
        command.current_dir(dir);
        if let Some(n) = threads {
            command.env("RAYON_NUM_THREADS", n.to_string());
        }
        let started = Instant::now();
        let out = command.output().expect("run nianbao");
        let took = started.elapsed();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "nianbao check failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        best = best.min(took);
    }
    best
}

fn main() {
    let sources = corpus();
    assert!(!sources.is_empty());
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut bytes = 0;
    for i in 0..REPORTS {
        let source = &sources[i % sources.len()];
        let ext = source.extension().unwrap().to_string_lossy();
        let text = std::fs::read(source).unwrap();
        bytes += text.len();
        std::fs::write(dir.path().join(format!("{i:04}.{ext}")), text).unwrap();
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "nianbao check on a folder of {REPORTS} reports ({:.1} MB, {} distinct), best of {RUNS}:",
        bytes as f64 / 1e6,
        sources.len()
    );
    println!("| threads | time | reports/s | MB/s |");
    println!("|---|---|---|---|");
    for threads in [Some(1), None] {
        let took = run(dir.path(), threads);
        println!(
            "| {} | {:.2} s | {:.0} | {:.1} |",
            threads.map_or(format!("all ({cores})"), |n| n.to_string()),
            took.as_secs_f64(),
            REPORTS as f64 / took.as_secs_f64(),
            bytes as f64 / 1e6 / took.as_secs_f64()
        );
    }
}
