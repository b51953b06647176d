//! `nianbao check`: finds the inputs, runs the engine on each, applies fixes when asked,
//! and hands the findings to the chosen renderer.

use std::io::{self, BufWriter, Write};
use std::panic::{self, AssertUnwindSafe};

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use rayon::prelude::*;

use super::progress::Progress;

use crate::config::Config;
use crate::diag::{Diagnostic, Locale};
use crate::fix::{self, Policy};
use crate::input::{self, Document, InputError};
use crate::spec::Layout;

use super::files::{self, ConfigResolver, Input, Overrides, Problem, Source};
use super::totals::Totals;
use super::write::{self, WriteError};
use super::{
    diff, github, human, json, print_error, sarif, tr, CheckArgs, CheckFormat, Global, Outcome,
};

/// What the run has seen so far. Kept apart from the output stream so that a closed pipe
/// still ends with the right exit code.
struct Run<'a> {
    args: &'a CheckArgs,
    /// The language of messages that belong to no single file.
    locale: Locale,
    colour: bool,
    totals: Totals,
    failed: bool,
    json_files: Vec<json::FileReport>,
    json_errors: Vec<json::ErrorReport>,
    sarif: sarif::Log,
}

impl Run<'_> {
    fn outcome(&self) -> Outcome {
        if self.failed {
            Outcome::Failure
        } else if self.args.diff {
            // `--diff` answers "would --fix change anything?".
            if self.totals.fixed_files > 0 {
                Outcome::Findings
            } else {
                Outcome::Clean
            }
        } else if self.totals.errors > 0 {
            Outcome::Findings
        } else {
            Outcome::Clean
        }
    }

    /// Reports an input that could not be checked (or written back) and marks the run failed.
    fn fail(&mut self, problem: &Problem) {
        let message = problem.message(self.locale);
        print_error(self.locale, &message);
        self.sarif.add_error(problem.path(), &message);
        self.json_errors
            .push(json::ErrorReport::new(problem.path(), message));
        self.failed = true;
    }

    fn policy(&self) -> Policy {
        if self.args.unsafe_fixes {
            Policy::Unsafe
        } else {
            Policy::Safe
        }
    }

    fn check_all(&mut self, configured: &[(Input, Config)], out: &mut dyn Write) -> io::Result<()> {
        let progress = Progress::new(configured.len(), self.args.quiet, self.locale);
        let result = self.check_inputs(configured, out, &progress);
        progress.clear();
        result?;
        self.write_summary(out)
    }

    /// Checks (or fixes, or diffs) every input and prints its findings, in input order.
    fn check_inputs(
        &mut self,
        configured: &[(Input, Config)],
        out: &mut dyn Write,
        progress: &Progress,
    ) -> io::Result<()> {
        if self.args.diff {
            for (input, config) in configured {
                progress.above(|| self.diff_one(input, config, out))?;
                progress.tick();
            }
            if self.totals.files > 0 {
                let line = would_fix_line(&self.totals, self.locale);
                progress.above(|| writeln!(io::stderr().lock(), "{line}").ok());
            }
            return Ok(());
        }
        if self.args.fix {
            for (input, config) in configured {
                if let Some((document, text, diagnostics)) =
                    progress.above(|| self.check_one(input, config))?
                {
                    self.totals.add(&diagnostics, document.can_write_back());
                    progress.above(|| {
                        self.emit(input, &document, &text, &diagnostics, config.locale, out)
                    })?;
                }
                progress.tick();
            }
        } else {
            self.check_in_parallel(configured, out, progress)?;
        }
        Ok(())
    }

    /// Checking only reads: the inputs are checked on every core, taken in their order (so
    /// the few finished ahead of an earlier, slower one are all that waits in memory), and
    /// each is reported, in that order, as soon as those before it are, while the others are
    /// still being checked.
    fn check_in_parallel(
        &mut self,
        configured: &[(Input, Config)],
        out: &mut dyn Write,
        progress: &Progress,
    ) -> io::Result<()> {
        let options = input::Options {
            encoding: self.args.encoding,
        };
        // Set when the output fails (`| head`): the inputs not yet checked are left alone.
        let stopped = AtomicBool::new(false);
        let (sender, finished) = mpsc::channel::<(usize, Examined)>();
        std::thread::scope(|scope| {
            scope.spawn(|| {
                configured.iter().enumerate().par_bridge().for_each_with(
                    sender,
                    |sender, (i, (input, config))| {
                        if stopped.load(Ordering::Relaxed) {
                            return;
                        }
                        let examined = examine(input, config, options);
                        progress.tick();
                        let _ = sender.send((i, examined));
                    },
                );
            });
            let mut waiting: BTreeMap<usize, Examined> = BTreeMap::new();
            let mut next = 0;
            for (i, examined) in finished {
                waiting.insert(i, examined);
                while let Some(examined) = waiting.remove(&next) {
                    let (input, config) = &configured[next];
                    next += 1;
                    if let Err(e) = progress.above(|| self.report(input, config, examined, out)) {
                        stopped.store(true, Ordering::Relaxed);
                        return Err(e);
                    }
                }
            }
            Ok(())
        })
    }

    /// Prints what checking one input found.
    fn report(
        &mut self,
        input: &Input,
        config: &Config,
        examined: Examined,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        match examined {
            Examined::Skipped => self.totals.skipped += 1,
            Examined::Failed(problem) => self.fail(&problem),
            Examined::Checked {
                document,
                diagnostics,
                conflict,
            } => {
                if let Some(conflict) = conflict {
                    self.warn_layout(input, conflict, config.locale);
                }
                self.totals.add(&diagnostics, document.can_write_back());
                let text = &document.text;
                self.emit(input, &document, text, &diagnostics, config.locale, out)?;
            }
        }
        Ok(())
    }

    /// What follows the findings: the summary line (human), the whole document (JSON,
    /// SARIF), nothing (GitHub annotations, `--diff`, which said its own).
    fn write_summary(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.args.diff {
            return Ok(());
        }
        match self.args.format {
            // Annotations stand alone; the job's exit code says the rest.
            CheckFormat::Github => Ok(()),
            CheckFormat::Human => {
                // With nothing checked or skipped, the error lines already said everything.
                if !self.args.quiet && (self.totals.files > 0 || self.totals.skipped > 0) {
                    human::write_summary(
                        out,
                        &self.totals,
                        self.args.fix,
                        self.locale,
                        self.colour,
                    )?;
                }
                Ok(())
            }
            CheckFormat::Json => json::write(
                out,
                std::mem::take(&mut self.json_files),
                std::mem::take(&mut self.json_errors),
                &self.totals,
            ),
            CheckFormat::Sarif => sarif::write(out, std::mem::take(&mut self.sarif), self.locale),
        }
    }

    /// `--fix`: reads, fixes and checks one input: the document, the text the findings refer
    /// to and the findings, or `None` when the input could not be read or checked.
    fn check_one(
        &mut self,
        input: &Input,
        config: &Config,
    ) -> io::Result<Option<(Document, String, Vec<Diagnostic>)>> {
        let options = input::Options {
            encoding: self.args.encoding,
        };
        let document = match files::read(input, options) {
            Ok(document) => document,
            Err(problem) if input.walked && is_not_a_report(&problem) => {
                self.totals.skipped += 1;
                return Ok(None);
            }
            Err(problem) => {
                self.fail(&problem);
                return Ok(None);
            }
        };
        let text = document.text.clone();
        let Some(analysis) = self.engine(input, || crate::analyze(&text, config)) else {
            return Ok(None);
        };
        // A file the walk found is checked only if it is a report: a README is not told
        // that it lacks six sections. A file named on the command line is always checked.
        if input.walked && !crate::parse::looks_like_report(&text, &analysis.report) {
            self.totals.skipped += 1;
            return Ok(None);
        }
        // A page or a Word document is never rewritten: say so, and report what is there.
        if !document.can_write_back() {
            self.fail(&Problem::Input {
                path: input.display.clone(),
                error: InputError::NoWriteBack(document.kind),
            });
            return Ok(Some((document, text, analysis.diagnostics)));
        }
        let policy = self.policy();
        let Some(fixed) = self.engine(input, || fix::fix_all(&text, config, policy)) else {
            return Ok(None);
        };
        if let Some(conflict) = fixed.analysis.report.forced_layout_conflict() {
            self.warn_layout(input, conflict, config.locale);
        }
        if input.is_stdin() {
            // The fixed text goes out in the input's own encoding, byte order mark and all.
            let bytes = match document.encode(&fixed.text) {
                Ok(bytes) => bytes,
                Err(error) => {
                    self.fail(&Problem::Input {
                        path: input.display.clone(),
                        error,
                    });
                    return Ok(Some((document, text, analysis.diagnostics)));
                }
            };
            let mut stdout = io::stdout().lock();
            stdout.write_all(&bytes)?;
            stdout.flush()?;
        } else if fixed.applied > 0 {
            if let Err(problem) = self.write_back(input, &document, &text, &fixed.text) {
                self.fail(&problem);
                // The fixed text was not written, so report the text that was read.
                let diagnostics = self.engine(input, || crate::check(&text, config));
                return Ok(diagnostics.map(|d| (document, text, d)));
            }
        }
        if fixed.applied > 0 {
            self.totals.fixed += fixed.applied;
            self.totals.fixed_files += 1;
        }
        Ok(Some((document, fixed.text, fixed.analysis.diagnostics)))
    }

    /// `--diff`: what `--fix` would write to one input, written to `out` as a unified diff.
    fn diff_one(&mut self, input: &Input, config: &Config, out: &mut dyn Write) -> io::Result<()> {
        let options = input::Options {
            encoding: self.args.encoding,
        };
        let document = match files::read(input, options) {
            Ok(document) => document,
            Err(problem) => {
                self.fail(&problem);
                return Ok(());
            }
        };
        // A page or a Word document is never rewritten, so there is nothing to show.
        if !document.can_write_back() {
            self.fail(&Problem::Input {
                path: input.display.clone(),
                error: InputError::NoWriteBack(document.kind),
            });
            return Ok(());
        }
        let text = document.text;
        let policy = self.policy();
        let Some(fixed) = self.engine(input, || fix::fix_all(&text, config, policy)) else {
            return Ok(());
        };
        if let Some(conflict) = fixed.analysis.report.forced_layout_conflict() {
            self.warn_layout(input, conflict, config.locale);
        }
        self.totals.files += 1;
        if fixed.text != text {
            diff::write(out, &input.display, &text, &fixed.text)?;
            self.totals.fixed += fixed.applied;
            self.totals.fixed_files += 1;
        }
        Ok(())
    }

    /// Puts the fixed text in place of the file it was read from (see `write`).
    /// Both texts are written in the file's own encoding: what was read must still be on disk.
    fn write_back(
        &self,
        input: &Input,
        document: &Document,
        read: &str,
        fixed: &str,
    ) -> Result<(), Problem> {
        let Source::File(path) = &input.source else {
            return Ok(());
        };
        let encoded = |text: &str| {
            document.encode(text).map_err(|error| Problem::Input {
                path: input.display.clone(),
                error,
            })
        };
        let (read, fixed) = (encoded(read)?, encoded(fixed)?);
        write::replace(path, &read, &fixed).map_err(|e| {
            let error = match e {
                WriteError::Io(error) => error,
                WriteError::Changed => io::Error::other(tr(
                    self.locale,
                    "读取之后文件在磁盘上已被改动，为免覆盖新内容，未写入（请重新运行 --fix）",
                    "the file changed on disk after it was read; not overwritten (run --fix again)",
                )),
            };
            Problem::Unwritable {
                path: input.display.clone(),
                error,
            }
        })
    }

    /// A layout forced against the report year: every table is then checked, and fixed, by a
    /// format the report does not use. Said once per file; `fix::safe_edits` applies none of
    /// its fixes unattended.
    fn warn_layout(&self, input: &Input, conflict: (Layout, i32, Layout), locale: Locale) {
        let (forced, year, wanted) = conflict;
        let (forced, wanted) = (forced.year_label(), wanted.year_label());
        let path = &input.display;
        let message = match locale {
            Locale::Zh => format!(
                "{path}：指定的表格格式（{forced}年格式）与报告年度（{year}年度，应为{wanted}年格式）不符；\
                 依赖表格格式的修复不会自动应用"
            ),
            Locale::En => format!(
                "{path}: the forced table layout ({forced} format) does not match the report \
                 year ({year}, which uses the {wanted} format); fixes that depend on it are not \
                 applied automatically"
            ),
        };
        let label = tr(locale, "警告：", "warning: ");
        let _ = writeln!(io::stderr().lock(), "nianbao: {label}{message}");
    }

    /// Runs the engine on one input. The engine is meant never to panic; if it does, that
    /// input is reported as an internal error and the rest of a corpus is still checked.
    fn engine<T>(&mut self, input: &Input, job: impl FnOnce() -> T) -> Option<T> {
        match panic::catch_unwind(AssertUnwindSafe(job)) {
            Ok(value) => Some(value),
            Err(_) => {
                self.fail(&Problem::Internal(input.display.clone()));
                None
            }
        }
    }

    fn emit(
        &mut self,
        input: &Input,
        document: &Document,
        text: &str,
        diagnostics: &[Diagnostic],
        locale: Locale,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let path = if input.is_stdin() {
            "<stdin>"
        } else {
            &input.display
        };
        match self.args.format {
            CheckFormat::Human => {
                human::write_source_note(out, path, document, locale, self.colour)?;
                human::write_file(
                    out,
                    path,
                    text,
                    &document.places,
                    diagnostics,
                    locale,
                    self.colour,
                )?;
            }
            CheckFormat::Github => {
                github::write_file(out, path, text, &document.places, diagnostics, locale)?
            }
            CheckFormat::Sarif => {
                self.sarif
                    .add_file(&input.display, document, text, diagnostics, locale)
            }
            CheckFormat::Json => self.json_files.push(
                json::FileReport::new(&input.display, text, diagnostics, locale).with_source(
                    document,
                    text,
                    diagnostics,
                ),
            ),
        }
        Ok(())
    }
}

pub(super) fn run(args: &CheckArgs, global: &Global) -> Outcome {
    let overrides = Overrides {
        layout: args.layout.map(|l| l.layout()),
        locale: global.locale,
    };
    let mut resolver = ConfigResolver::new(!global.no_config, overrides);
    let locale = global
        .locale
        .or_else(|| resolver.current_dir_locale())
        .unwrap_or_default();

    // With `--fix` on standard input, standard output carries the fixed text, so the
    // report moves to standard error (as other linters do).
    let report_to_stderr =
        args.fix && !args.diff && args.paths.iter().any(|p| p.as_os_str() == "-");
    let mut run = Run {
        args,
        locale,
        colour: args.format == CheckFormat::Human && colour_enabled(report_to_stderr),
        totals: Totals::default(),
        failed: false,
        json_files: Vec::new(),
        json_errors: Vec::new(),
        sarif: sarif::Log::default(),
    };

    let filter = match super::walk::Filter::new(&args.include, &args.exclude, locale) {
        Ok(filter) => filter,
        Err(message) => {
            print_error(locale, &message);
            return Outcome::Failure;
        }
    };
    let (inputs, problems) = files::discover(&args.paths, &filter);
    for problem in &problems {
        run.fail(problem);
    }

    // A broken configuration is a usage error: nothing is checked with settings the
    // user did not mean, and each broken file is named once.
    let mut configured = Vec::with_capacity(inputs.len());
    let mut bad_configs: Vec<String> = Vec::new();
    for input in inputs {
        match resolver.config_for(&input) {
            Ok(config) => configured.push((input, config)),
            Err(problem) => {
                let message = problem.message(locale);
                if !bad_configs.contains(&message) {
                    print_error(locale, &message);
                    bad_configs.push(message);
                }
            }
        }
    }
    if !bad_configs.is_empty() {
        return Outcome::Failure;
    }

    let result = if report_to_stderr {
        run.check_all(&configured, &mut io::stderr().lock())
    } else {
        let mut out = BufWriter::new(io::stdout().lock());
        run.check_all(&configured, &mut out)
            .and_then(|()| out.flush())
    };
    match result {
        Ok(()) => {}
        // The reader went away (`| head`): nothing more to say, and no one to say it to.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            print_error(locale, crate::locale::io_error(&e).get(locale));
            run.failed = true;
        }
    }
    run.outcome()
}

/// What checking one input found, computed apart from the run (no output, no counts) so that
/// inputs can be checked on every core.
enum Examined {
    Checked {
        document: Document,
        diagnostics: Vec<Diagnostic>,
        /// A layout forced against the report year, said on stderr when reported.
        conflict: Option<(Layout, i32, Layout)>,
    },
    /// Found by walking, and not a report.
    Skipped,
    Failed(Problem),
}

/// Reads and checks one input. A panic in the engine becomes that input's internal error;
/// the others are still checked.
fn examine(input: &Input, config: &Config, options: input::Options) -> Examined {
    let document = match files::read(input, options) {
        Ok(document) => document,
        Err(problem) if input.walked && is_not_a_report(&problem) => return Examined::Skipped,
        Err(problem) => return Examined::Failed(problem),
    };
    let analysis =
        match panic::catch_unwind(AssertUnwindSafe(|| crate::analyze(&document.text, config))) {
            Ok(analysis) => analysis,
            Err(_) => return Examined::Failed(Problem::Internal(input.display.clone())),
        };
    // A file the walk found is checked only if it is a report: a README is not told that it
    // lacks six sections. A file named on the command line is always checked.
    if input.walked && !crate::parse::looks_like_report(&document.text, &analysis.report) {
        return Examined::Skipped;
    }
    Examined::Checked {
        conflict: analysis.report.forced_layout_conflict(),
        document,
        diagnostics: analysis.diagnostics,
    }
}

/// Whether a file the walk found failed to read because it is no text at all (empty,
/// binary, in no encoding a report is written in): such a file is skipped like any other
/// non-report. A broken Word document or a UTF-16 file without a byte order mark may well
/// be a report, so those are still reported.
fn is_not_a_report(problem: &Problem) -> bool {
    matches!(
        problem,
        Problem::Input {
            error: InputError::Empty
                | InputError::Binary(_)
                | InputError::UnknownEncoding
                | InputError::Undecodable(_),
            ..
        }
    )
}

/// `将修复 3 个问题（2 个文件），未写入任何文件。`
fn would_fix_line(totals: &Totals, locale: Locale) -> String {
    match locale {
        Locale::Zh => format!(
            "--fix 将修复 {} 个问题（{} 个文件）；未写入任何文件。",
            totals.fixed, totals.fixed_files
        ),
        Locale::En => format!(
            "--fix would fix {} problem(s) in {} file(s); nothing was written.",
            totals.fixed, totals.fixed_files
        ),
    }
}

/// Colour only for a person at a terminal who has not asked for none, as anstream reads the
/// terminal and the environment: `NO_COLOR` (https://no-color.org) wins, then
/// `CLICOLOR_FORCE`, then `CLICOLOR=0`; a pipe or a file gets no colour.
fn colour_enabled(to_stderr: bool) -> bool {
    let choice = if to_stderr {
        anstream::AutoStream::choice(&io::stderr())
    } else {
        anstream::AutoStream::choice(&io::stdout())
    };
    choice != anstream::ColorChoice::Never
}
