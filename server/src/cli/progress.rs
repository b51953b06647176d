//! The progress bar of a long `nianbao check`: on standard error, only when it is a terminal
//! (never in a pipe, a file or CI logs), only for runs of many files, never with `--quiet`.
//! Findings printed meanwhile go above it.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::diag::Locale;

/// Below this many inputs a run takes well under a second: no bar.
pub(super) const MIN_INPUTS: usize = 200;

/// Whether a run shows the bar.
pub(super) fn wanted(inputs: usize, quiet: bool, stderr_is_terminal: bool) -> bool {
    inputs >= MIN_INPUTS && !quiet && stderr_is_terminal
}

/// What the bar says, in indicatif's template language.
fn template(locale: Locale) -> &'static str {
    match locale {
        Locale::Zh => "{bar:30.cyan/blue} 已检查 {pos}/{len} 个文件，约剩 {eta}",
        Locale::En => "{bar:30.cyan/blue} checked {pos}/{len} files, {eta} left",
    }
}

/// The bar, or nothing where it is not wanted: every method is then a no-op.
pub(super) struct Progress(Option<ProgressBar>);

impl Progress {
    pub(super) fn new(inputs: usize, quiet: bool, locale: Locale) -> Progress {
        if !wanted(inputs, quiet, std::io::stderr().is_terminal()) {
            return Progress(None);
        }
        let style = ProgressStyle::with_template(template(locale))
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("█▉▊▋▌▍▎▏ ");
        let bar = ProgressBar::with_draw_target(Some(inputs as u64), ProgressDrawTarget::stderr())
            .with_style(style);
        Progress(Some(bar))
    }

    /// One more input checked (from any thread).
    pub(super) fn tick(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// Runs `f` (which prints findings) with the bar taken off the screen meanwhile.
    pub(super) fn above<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Takes the bar off the screen for good (before the summary).
    pub(super) fn clear(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_only_for_long_runs_on_a_terminal_without_quiet() {
        assert!(wanted(MIN_INPUTS, false, true));
        assert!(!wanted(MIN_INPUTS - 1, false, true));
        assert!(!wanted(10_000, true, true));
        assert!(!wanted(10_000, false, false));
    }

    #[test]
    fn templates_parse_in_both_languages() {
        // `Progress::new` falls back to a plain bar on a bad template: make sure it never has to.
        for locale in [Locale::Zh, Locale::En] {
            assert!(
                ProgressStyle::with_template(template(locale)).is_ok(),
                "{locale:?}"
            );
        }
    }
}
