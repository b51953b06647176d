//! `nianbao check`: finds the inputs, runs the engine on each, applies fixes when asked,
//! and hands the findings to the chosen renderer.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::panic::{self, AssertUnwindSafe};

use crate::config::Config;
use crate::diag::{Diagnostic, Locale};
use crate::fix::apply_safe_fixes;
use crate::input::{self, Document, InputError};

use super::files::{self, ConfigResolver, Input, Overrides, Problem};
use super::totals::Totals;
use super::{github, human, json, print_error, CheckArgs, CheckFormat, Global, Outcome};

/// A fix can make room for another (overlapping fixes wait for the next pass), so `--fix`
/// repeats; the bound stops a pair of fixes that undo each other.
const FIX_PASSES: usize = 10;

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
}

impl Run<'_> {
    fn outcome(&self) -> Outcome {
        if self.failed {
            Outcome::Failure
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
        self.json_errors
            .push(json::ErrorReport::new(problem.path(), message));
        self.failed = true;
    }

    fn check_all(&mut self, configured: &[(Input, Config)], out: &mut dyn Write) -> io::Result<()> {
        for (input, config) in configured {
            if let Some((document, text, diagnostics)) = self.check_one(input, config)? {
                self.totals.add(&diagnostics, document.can_write_back());
                self.emit(input, &document, &text, &diagnostics, config.locale, out)?;
            }
        }
        match self.args.format {
            // Annotations stand alone; the job's exit code says the rest.
            CheckFormat::Github => Ok(()),
            CheckFormat::Human => {
                // With nothing checked or skipped, the error lines already said everything.
                if self.totals.files > 0 || self.totals.skipped > 0 {
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
        }
    }

    /// Reads, fixes when asked, and checks one input: the document, the text the findings
    /// refer to and the findings, or `None` when the input could not be read or checked.
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
        if !self.args.fix {
            return Ok(Some((document, text, analysis.diagnostics)));
        }
        // A page or a Word document is never rewritten: say so, and report what is there.
        if !document.can_write_back() {
            self.fail(&Problem::Input {
                path: input.display.clone(),
                error: InputError::NoWriteBack(document.kind),
            });
            let diagnostics = self.engine(input, || crate::check(&text, config));
            return Ok(diagnostics.map(|d| (document, text, d)));
        }
        let Some((fixed, diagnostics, applied)) = self.engine(input, || fix(&text, config)) else {
            return Ok(None);
        };
        // The fixed text goes back in the file's own encoding, byte order mark and all.
        let bytes = match document.encode(&fixed) {
            Ok(bytes) => bytes,
            Err(error) => {
                self.fail(&Problem::Input {
                    path: input.display.clone(),
                    error,
                });
                let diagnostics = self.engine(input, || crate::check(&text, config));
                return Ok(diagnostics.map(|d| (document, text, d)));
            }
        };
        if input.is_stdin() {
            let mut stdout = io::stdout().lock();
            stdout.write_all(&bytes)?;
            stdout.flush()?;
        } else if applied > 0 {
            if let Err(problem) = files::write_back(input, &bytes) {
                self.fail(&problem);
                // The file is unchanged on disk, so report what is really there.
                let diagnostics = self.engine(input, || crate::check(&text, config));
                return Ok(diagnostics.map(|d| (document, text, d)));
            }
        }
        if applied > 0 {
            self.totals.fixed += applied;
            self.totals.fixed_files += 1;
        }
        Ok(Some((document, fixed, diagnostics)))
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
    let report_to_stderr = args.fix && args.paths.iter().any(|p| p.as_os_str() == "-");
    let mut run = Run {
        args,
        locale,
        colour: args.format == CheckFormat::Human && colour_enabled(report_to_stderr),
        totals: Totals::default(),
        failed: false,
        json_files: Vec::new(),
        json_errors: Vec::new(),
    };

    let (inputs, problems) = files::discover(&args.paths);
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
            print_error(locale, &e.to_string());
            run.failed = true;
        }
    }
    run.outcome()
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

/// Applies safe fixes until none is left (or `FIX_PASSES` runs out). Returns the fixed
/// text, the findings that remain in it, and how many fixes were applied.
fn fix(text: &str, config: &Config) -> (String, Vec<Diagnostic>, usize) {
    let mut text = text.to_string();
    let mut diagnostics = crate::check(&text, config);
    let mut applied = 0;
    for _ in 0..FIX_PASSES {
        let (fixed, count) = apply_safe_fixes(&text, &diagnostics);
        if count == 0 || fixed == text {
            break;
        }
        applied += count;
        text = fixed;
        diagnostics = crate::check(&text, config);
    }
    (text, diagnostics, applied)
}

/// Colour only for a person at a terminal who has not asked for none (https://no-color.org).
fn colour_enabled(to_stderr: bool) -> bool {
    let terminal = if to_stderr {
        io::stderr().is_terminal()
    } else {
        io::stdout().is_terminal()
    };
    terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
