//! nianbao: the engine that checks drafts of 政府信息公开工作年度报告 against the national format.
//!
//! ```text
//! text ──parse::read──▶ Report ──rules::run──▶ Vec<Diagnostic> (with fixes)
//! ```
//!
//! The engine does no I/O and knows nothing of terminals or the language-server protocol;
//! `cli` and `lsp` are the only modules that speak to people.
//!
//! This is no library API: the binary (`cli`), the integration tests, benches, examples and
//! fuzz targets are its only users. A module is public only as far as they reach into it
//! (`parse::read`, `spec`'s format data, `fix::fix_all`, `lsp::serve_with`, …); everything
//! else is `pub(crate)`, so the compiler reports what nothing uses.

pub(crate) mod catalog;
pub mod cli;
pub(crate) mod config;
pub(crate) mod diag;
pub(crate) mod facts;
pub mod fix;
pub(crate) mod ide;
pub mod input;
pub(crate) mod locale;
pub mod lsp;
pub mod parse;
pub mod rules;
pub mod spec;
pub mod text;

pub use catalog::Rule;
pub use config::Config;
pub use diag::{Diagnostic, Edit, Locale, Severity, Span};
pub use parse::Report;

/// A checked document: what the reader understood and what the rules found.
#[derive(Debug)]
pub struct Analysis {
    pub report: Report,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads `text` and runs every enabled rule. Never panics; findings are sorted by position.
pub fn analyze(text: &str, config: &Config) -> Analysis {
    match analyze_unless(text, config, || false) {
        Some(analysis) => analysis,
        None => unreachable!("an analysis never stopped is always complete"),
    }
}

/// [`analyze`], given up between its stages (folding, reading, the rules) as soon as `stop`
/// says so: the language server stops checking a text the author has already changed.
pub fn analyze_unless(text: &str, config: &Config, stop: impl Fn() -> bool) -> Option<Analysis> {
    // One fold of the whole text, shared by the reader and every rule.
    let folded = text::Folded::of(text, text::Fold::Text);
    if stop() {
        return None;
    }
    let report = parse::read_folded(text, &folded, config.layout);
    if stop() {
        return None;
    }
    let diagnostics = rules::run_folded(text, &report, &folded, config);
    Some(Analysis {
        report,
        diagnostics,
    })
}

/// Builds, once per process, every pattern and table the checks use (regular expressions,
/// folding tables, label keys) by checking two template reports: a caller that starts early
/// (`nianbao lsp`, as its process starts) spares its first real document that cost.
pub fn warm_up() {
    static WARM: std::sync::Once = std::sync::Once::new();
    // Once per process: a second caller waits for the first rather than checking again.
    WARM.call_once(warm_up_now);
}

fn warm_up_now() {
    std::thread::scope(|scope| {
        // The narrative's sentence forms are half the building: on a second thread, they are
        // ready about when the checks below reach them.
        scope.spawn(rules::narrative::prepare);
        let config = Config::default();
        for layout in spec::Layout::ALL {
            let year = match layout {
                spec::Layout::Y2019 => 2019,
                spec::Layout::Y2021 => 2023,
            };
            let draft = spec::templates::report_with_zeros(layout, year, spec::TableStyle::Tab);
            let _ = check(&format!("{draft}\n全年共收到申请 1 件。"), &config);
        }
    });
}

/// The findings for `text`, sorted by position.
pub fn check(text: &str, config: &Config) -> Vec<Diagnostic> {
    analyze(text, config).diagnostics
}
