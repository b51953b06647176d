//! The `nianbao` command line: arguments, dispatch and exit codes.
//!
//! This is the only place (with the language server, later) that touches files, terminals
//! and processes; the engine under it stays pure. Each job has its own module:
//! `files` finds, reads and configures inputs, `check` runs them through the engine,
//! `human`, `json`, `github` and `sarif` render findings, `explain` documents rules (and `docs`
//! makes their pages), `new` writes a draft from the template, `write` puts fixed drafts back
//! on disk and `diff` shows what it would write.

mod check;
mod diff;
mod docs;
mod explain;
mod files;
mod github;
mod human;
mod json;
mod new;
mod progress;
mod sarif;
mod totals;
mod walk;
mod write;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::diag::Locale;
use crate::spec::Layout;

/// The rule pages of `docs/rules/`, for the test that keeps them current. Not an API.
#[doc(hidden)]
pub use docs::{rule_pages, REGENERATE};

/// Checks drafts of 政府信息公开工作年度报告 against the national format.
#[derive(Debug, Parser)]
#[command(name = "nianbao", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,

    /// Message language: zh-CN (default) or en. Overrides `locale` in nianbao.toml.
    #[arg(long, global = true, value_name = "LOCALE", value_parser = parse_locale)]
    locale: Option<Locale>,

    /// Ignore every nianbao.toml.
    #[arg(long, global = true)]
    no_config: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check report drafts (files, directories, or `-` for standard input).
    Check(CheckArgs),
    /// Explain a rule by code (NB301) or name (identity-column).
    Explain(ExplainArgs),
    /// List every rule: code, name, default severity, title.
    Rules(RulesArgs),
    /// Run the language server on standard input and output (for editors).
    Lsp(LspArgs),
    /// Write a new draft from the official template of a report year.
    New(new::NewArgs),
}

#[derive(Debug, Args)]
struct LspArgs {
    /// Accepted for editors that pass it; standard input/output is the only transport.
    #[arg(long)]
    stdio: bool,

    /// Count positions in this encoding whatever the client offers, for clients that do not
    /// negotiate and do not count UTF-16 units (e.g. Vim's ALE counts bytes: utf-8).
    #[arg(long, value_enum, value_name = "ENCODING")]
    position_encoding: Option<PositionEncodingArg>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PositionEncodingArg {
    #[value(name = "utf-8")]
    Utf8,
    #[value(name = "utf-16")]
    Utf16,
    #[value(name = "utf-32")]
    Utf32,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Files, directories (searched for *.txt, *.md, *.markdown, *.docx, *.html, *.htm,
    /// honouring .gitignore and .ignore, checked when they look like a report) or `-` for
    /// standard input. Defaults to the current directory.
    #[arg(value_name = "PATHS")]
    paths: Vec<PathBuf>,

    /// In directories, check only files matching this glob (by name, or by path below the
    /// directory when it has a `/`). Repeatable.
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,

    /// In directories, skip files and directories matching this glob (by name, or by path below
    /// the directory when it has a `/`). Repeatable.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,

    /// Output format: `human`, `json` (see docs/json-output.md), `github` (workflow
    /// commands that GitHub Actions shows as annotations on the changed lines), or `sarif`
    /// (SARIF 2.1.0, for code-scanning dashboards).
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    format: CheckFormat,

    /// Table layout to check against, overriding detection and nianbao.toml.
    #[arg(long, value_enum, value_name = "LAYOUT")]
    layout: Option<LayoutArg>,

    /// Encoding of text and HTML files (gbk, gb18030, big5, utf-8, utf-16le, utf-16be, …),
    /// instead of detecting it. Word documents carry their own.
    #[arg(long, value_name = "ENCODING", value_parser = parse_encoding)]
    encoding: Option<&'static encoding_rs::Encoding>,

    /// Apply safe fixes in place, then report what remains. With `-`, print the fixed text
    /// to standard output and the report to standard error.
    #[arg(long)]
    fix: bool,

    /// With --fix or --diff, apply unsafe fixes too (inserted templates, numbers written into
    /// cells, deleted copies): review what they wrote.
    #[arg(long)]
    unsafe_fixes: bool,

    /// Print what --fix would write, as a unified diff, and write nothing. Exits with 1 when
    /// some file would change.
    #[arg(long)]
    diff: bool,

    /// Print the findings and nothing else: no progress bar, no summary line.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Args)]
struct ExplainArgs {
    /// Rule code or name.
    #[arg(
        value_name = "CODE|NAME",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    rule: Option<String>,

    /// List every rule instead (same as `nianbao rules`).
    #[arg(long)]
    all: bool,
}

#[derive(Debug, Args)]
struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
    Github,
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LayoutArg {
    #[value(name = "2019")]
    Y2019,
    #[value(name = "2021")]
    Y2021,
    Auto,
}

impl LayoutArg {
    /// The engine's setting: `None` means detect.
    fn layout(self) -> Option<Layout> {
        match self {
            LayoutArg::Y2019 => Some(Layout::Y2019),
            LayoutArg::Y2021 => Some(Layout::Y2021),
            LayoutArg::Auto => None,
        }
    }
}

/// `Locale::parse_tag`, refusing what it does not know: on the command line a typo should be
/// an error rather than a silent language choice (editors and files fall back to Chinese).
fn parse_locale(tag: &str) -> Result<Locale, String> {
    Locale::parse_tag(tag).ok_or_else(|| format!("expected zh-CN or en, not `{tag}`"))
}

/// An encoding by any label the Encoding Standard knows (`gbk`, `gb2312`, `utf-16le`, …).
fn parse_encoding(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    crate::input::encoding::for_label(label).ok_or_else(|| {
        format!("unknown encoding `{label}` (try gbk, gb18030, big5, utf-8, utf-16le, utf-16be)")
    })
}

/// How a run ended, ordered so the worst outcome of several wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    /// No error-level finding.
    Clean,
    /// At least one error-level finding.
    Findings,
    /// Usage or I/O error: some input could not be checked.
    Failure,
}

impl Outcome {
    fn exit_code(self) -> ExitCode {
        ExitCode::from(match self {
            Outcome::Clean => 0,
            Outcome::Findings => 1,
            Outcome::Failure => 2,
        })
    }
}

/// Runs the command line and returns the process exit code: 0 no errors found, 1 errors
/// found, 2 usage or I/O error.
pub fn run() -> ExitCode {
    // clap exits with 2 on bad arguments and 0 for --help/--version, as documented.
    let cli = Cli::parse();
    let global = Global {
        locale: cli.locale,
        no_config: cli.no_config,
    };
    let outcome = match cli.command {
        Command::Check(args) => check::run(&args, &global),
        Command::Explain(args) => match args.rule {
            Some(rule) if !args.all => explain::explain(&rule, global.locale()),
            _ => explain::list(Format::Human, global.locale()),
        },
        Command::Rules(args) => explain::list(args.format, global.locale()),
        Command::New(args) => new::run(&args, global.locale()),
        Command::Lsp(args) => match crate::lsp::run_stdio(crate::lsp::Options {
            position_encoding: args.position_encoding.map(|e| match e {
                PositionEncodingArg::Utf8 => crate::lsp::Encoding::Utf8,
                PositionEncodingArg::Utf16 => crate::lsp::Encoding::Utf16,
                PositionEncodingArg::Utf32 => crate::lsp::Encoding::Utf32,
            }),
            locale: global.locale,
            no_config: global.no_config,
        }) {
            Ok(crate::lsp::Ending::ShutDown) => Outcome::Clean,
            // The protocol: `exit` without `shutdown` ends with 1.
            Ok(crate::lsp::Ending::Abrupt) => Outcome::Findings,
            Err(e) => {
                eprintln!("nianbao lsp: {e}");
                Outcome::Failure
            }
        },
    };
    outcome.exit_code()
}

/// Options every subcommand shares.
#[derive(Debug)]
struct Global {
    locale: Option<Locale>,
    no_config: bool,
}

impl Global {
    /// The language for messages that belong to no single file: the flag, else the
    /// configuration that applies to the current directory, else Chinese.
    fn locale(&self) -> Locale {
        if let Some(locale) = self.locale {
            return locale;
        }
        if self.no_config {
            return Locale::default();
        }
        files::ConfigResolver::new(true, files::Overrides::default())
            .current_dir_locale()
            .unwrap_or_default()
    }
}

/// One-based (line, column) of a byte offset, the column counted in characters (Unicode
/// scalar values), as editors and `grep -n`-style tools expect.
fn position(text: &str, index: &crate::text::LineIndex, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset);
    let line = index.line_of(offset);
    let start = index.line_start(line).min(offset);
    (line + 1, text[start..offset].chars().count() + 1)
}

/// The largest char boundary at or before `offset` (clamped to the text). Rules report
/// byte spans; should one ever fall inside a character, the front end must not panic.
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Picks the text for `locale`.
fn tr<'a>(locale: Locale, zh: &'a str, en: &'a str) -> &'a str {
    match locale {
        Locale::Zh => zh,
        Locale::En => en,
    }
}

/// Prints an error for the person at the terminal. Failing to write to standard error
/// leaves nowhere to report to, so that failure is ignored.
fn print_error(locale: Locale, message: &str) {
    let label = tr(locale, "错误：", "error: ");
    let _ = writeln!(io::stderr().lock(), "nianbao: {label}{message}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_flag_accepts_tags_and_rejects_typos() {
        assert_eq!(parse_locale("zh-CN"), Ok(Locale::Zh));
        assert_eq!(parse_locale("zh"), Ok(Locale::Zh));
        assert_eq!(parse_locale("en"), Ok(Locale::En));
        assert_eq!(parse_locale("EN-us"), Ok(Locale::En));
        assert!(parse_locale("fr").is_err());
        assert!(parse_locale("english").is_err());
    }

    #[test]
    fn positions_count_characters_from_one() {
        let text = "一、总体\r\n本年度";
        let index = crate::text::LineIndex::new(text);
        assert_eq!(position(text, &index, 0), (1, 1));
        assert_eq!(position(text, &index, "一、".len()), (1, 3));
        assert_eq!(position(text, &index, text.find('年').unwrap()), (2, 2));
        assert_eq!(position(text, &index, text.len()), (2, 4));
        // Inside a character, and past the end: the nearest boundary before.
        assert_eq!(position(text, &index, 1), (1, 1));
        assert_eq!(position(text, &index, text.len() + 9), (2, 4));
    }

    #[test]
    fn worst_outcome_wins() {
        assert_eq!(Outcome::Clean.max(Outcome::Findings), Outcome::Findings);
        assert_eq!(Outcome::Failure.max(Outcome::Findings), Outcome::Failure);
    }

    #[test]
    fn arguments_are_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
