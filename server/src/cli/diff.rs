//! `--diff`: what `--fix` would write, as a unified diff, without writing it. The same form
//! `git diff` and `patch -p1` read, so it can be reviewed, kept or applied.

use std::io::{self, Write};

use similar::TextDiff;

/// Writes the diff from `before` to `after` for the draft shown as `path` (nothing when equal).
pub(crate) fn write(out: &mut dyn Write, path: &str, before: &str, after: &str) -> io::Result<()> {
    if before == after {
        return Ok(());
    }
    let diff = TextDiff::from_lines(before, after);
    let mut unified = diff.unified_diff();
    unified
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"));
    write!(out, "{unified}")?;
    // A last line without its line break would run into the next file's header.
    if !after.ends_with('\n') || !before.ends_with('\n') {
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_is_shown_with_context() {
        let before = "一、总体情况\n本年度止件数\n三\n";
        let after = "一、总体情况\n本年废止件数\n三\n";
        let mut out = Vec::new();
        write(&mut out, "年报.txt", before, after).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("--- a/年报.txt\n+++ b/年报.txt\n@@ -1,3 +1,3 @@\n"));
        assert!(text.contains("-本年度止件数\n+本年废止件数\n"), "{text}");
        let mut none = Vec::new();
        write(&mut none, "x", before, before).unwrap();
        assert!(none.is_empty());
    }
}
