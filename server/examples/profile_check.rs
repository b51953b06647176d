//! Checks one file many times, for a profiler: `cargo run --release --example profile_check -- FILE [N]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: profile_check FILE [N]");
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let config = nianbao::Config::default();
    let start = std::time::Instant::now();
    let mut findings = 0;
    for _ in 0..n {
        findings += nianbao::check(std::hint::black_box(&text), &config).len();
    }
    let per = start.elapsed() / n as u32;
    let mb_s = text.len() as f64 / per.as_secs_f64() / 1e6;
    println!(
        "{path}: {per:?} per check, {mb_s:.1} MB/s, {} findings",
        findings / n
    );
}
