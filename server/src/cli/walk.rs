//! Walking a directory for reports: the files a draft can be kept in, less what the project
//! says to leave alone (`.gitignore`, `.ignore`, hidden entries, build output) and what
//! `--include`/`--exclude` say. What the walk finds is checked only if it looks like a report
//! (`check`); a file named on the command line is never filtered here.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::diag::Locale;

/// Extensions a directory walk picks up: drafts kept as plain text or Markdown, written in
/// Word or WPS, or published as web pages.
pub(crate) const REPORT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "docx", "html", "htm"];

/// Directories a walk never enters: build output and dependencies hold no drafts, and
/// walking them is slow (often without a `.gitignore` saying so).
const SKIPPED_DIRS: &[&str] = &["target", "node_modules"];

/// `--include` and `--exclude`. A pattern without `/` is matched against a file's (or, for
/// `--exclude`, a directory's) name, like a `.gitignore` line; one with `/` against the path
/// below the directory walked (`old/**`, `**/草稿/*.md`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Filter {
    include: Option<Patterns>,
    exclude: Option<Patterns>,
}

#[derive(Debug, Clone)]
struct Patterns {
    names: GlobSet,
    paths: GlobSet,
}

impl Patterns {
    fn new(globs: &[String], locale: Locale) -> Result<Option<Patterns>, String> {
        if globs.is_empty() {
            return Ok(None);
        }
        let (mut names, mut paths) = (GlobSetBuilder::new(), GlobSetBuilder::new());
        for pattern in globs {
            let glob = Glob::new(pattern.trim_start_matches("./")).map_err(|e| match locale {
                Locale::Zh => format!("无效的匹配模式“{pattern}”：{}", e.kind()),
                Locale::En => format!("invalid pattern `{pattern}`: {}", e.kind()),
            })?;
            if pattern.contains('/') {
                paths.add(glob);
            } else {
                names.add(glob);
            }
        }
        let built = |b: GlobSetBuilder| b.build().map_err(|e| e.to_string());
        Ok(Some(Patterns {
            names: built(names)?,
            paths: built(paths)?,
        }))
    }

    fn matches(&self, relative: &Path) -> bool {
        relative
            .file_name()
            .is_some_and(|name| self.names.is_match(name))
            || self.paths.is_match(relative)
    }
}

impl Filter {
    /// The filter of `--include` and `--exclude`; an invalid pattern is a usage error, said
    /// in `locale`.
    pub fn new(include: &[String], exclude: &[String], locale: Locale) -> Result<Filter, String> {
        Ok(Filter {
            include: Patterns::new(include, locale)?,
            exclude: Patterns::new(exclude, locale)?,
        })
    }

    fn excluded(&self, relative: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|p| p.matches(relative))
    }

    fn included(&self, relative: &Path) -> bool {
        self.include.as_ref().is_none_or(|p| p.matches(relative))
    }
}

/// What a walk found: the report files, in a stable order (by name, depth first), and the
/// directories it could not read with their errors.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub files: Vec<PathBuf>,
    pub unreadable: Vec<(PathBuf, io::Error)>,
}

/// The report files under `dir` (a file for `check` to read, the path as it will be shown:
/// `check .` lists `a.txt`, not `./a.txt`).
pub(crate) fn walk(dir: &Path, filter: &Filter) -> Found {
    let mut found = Found::default();
    let root = dir.to_path_buf();
    let pruning = Arc::new(filter.clone());
    let prune_root = root.clone();
    let walker = ignore::WalkBuilder::new(dir)
        // Hidden entries are editor backups, VCS data and the like.
        .hidden(true)
        .ignore(true)
        .git_ignore(true)
        .git_exclude(true)
        // The same files are found on every machine: a user's global gitignore does not count.
        .git_global(false)
        // As git (and ripgrep) read them: `.gitignore` inside a git repository, so that one in
        // a home directory does not hide a folder of drafts; `.ignore` everywhere.
        .require_git(true)
        .parents(true)
        // Links are followed to files only (below): following them to directories could loop.
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |entry| {
            if entry.depth() == 0 {
                return true;
            }
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            let skipped = is_dir
                && entry
                    .file_name()
                    .to_str()
                    .is_some_and(|n| SKIPPED_DIRS.contains(&n));
            let relative = entry
                .path()
                .strip_prefix(&prune_root)
                .unwrap_or(entry.path());
            !skipped && !pruning.excluded(relative)
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                // An unreadable directory is named; a bad line in an ignore file is not an
                // input that could not be checked, and the walk goes on without it.
                if let Some(unreadable) = unreadable(error) {
                    found.unreadable.push(unreadable);
                }
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let path = entry.path();
        let Some(kind) = entry.file_type() else {
            continue;
        };
        let is_file = kind.is_file() || (kind.is_symlink() && path.is_file());
        let relative = path.strip_prefix(&root).unwrap_or(path);
        if !is_file || !is_report_name(path) || !filter.included(relative) {
            continue;
        }
        found.files.push(if dir.as_os_str() == "." {
            relative.to_path_buf()
        } else {
            path.to_path_buf()
        });
    }
    found
}

/// The path and the I/O error of a walk error that is one (a directory that cannot be read).
fn unreadable(error: ignore::Error) -> Option<(PathBuf, io::Error)> {
    let mut path = None;
    let mut current = error;
    loop {
        match current {
            ignore::Error::WithPath { path: p, err } => {
                path = Some(p);
                current = *err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                current = *err;
            }
            ignore::Error::Io(io) => return Some((path?, io)),
            _ => return None,
        }
    }
}

pub(crate) fn is_report_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| REPORT_EXTENSIONS.iter().any(|r| e.eq_ignore_ascii_case(r)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn found(dir: &Path, filter: &Filter) -> Vec<String> {
        let found = walk(dir, filter);
        assert!(found.unreadable.is_empty(), "{:?}", found.unreadable);
        found
            .files
            .iter()
            .map(|path| {
                path.strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect()
    }

    #[test]
    fn ignore_files_hidden_entries_and_build_output_are_left_out() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "a.txt",
            "b.md",
            "notes.rs",
            "old/c.txt",
            "drafts/d.docx",
            "drafts/e.html",
            "target/f.txt",
            ".hidden/g.txt",
            "scratch/h.txt",
            "scratch/keep.txt",
            "tmp.txt",
        ] {
            let path = root.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        fs::write(root.join(".gitignore"), "old/\ntmp.txt\n").unwrap();
        fs::write(root.join("scratch/.ignore"), "*.txt\n!keep.txt\n").unwrap();
        // Outside a git repository, only the .ignore counts.
        let all = found(root, &Filter::default());
        assert_eq!(
            all,
            [
                "a.txt",
                "b.md",
                "drafts/d.docx",
                "drafts/e.html",
                "old/c.txt",
                "scratch/keep.txt",
                "tmp.txt"
            ]
        );
        fs::create_dir(root.join(".git")).unwrap();
        let all = found(root, &Filter::default());
        assert_eq!(
            all,
            [
                "a.txt",
                "b.md",
                "drafts/d.docx",
                "drafts/e.html",
                "scratch/keep.txt"
            ]
        );
        let filter = Filter::new(&["*.md".into(), "drafts/*".into()], &[], Locale::Zh).unwrap();
        assert_eq!(
            found(root, &filter),
            ["b.md", "drafts/d.docx", "drafts/e.html"]
        );
        let filter = Filter::new(&[], &["drafts".into(), "a.*".into()], Locale::Zh).unwrap();
        assert_eq!(found(root, &filter), ["b.md", "scratch/keep.txt"]);
        let filter = Filter::new(&[], &["drafts/*.html".into()], Locale::Zh).unwrap();
        assert!(!found(root, &filter).contains(&"drafts/e.html".to_string()));
    }

    #[test]
    fn report_names_are_matched_by_extension() {
        assert!(is_report_name(Path::new("a/b.txt")));
        assert!(is_report_name(Path::new("b.MD")));
        assert!(is_report_name(Path::new("b.markdown")));
        assert!(is_report_name(Path::new("b.docx")));
        assert!(is_report_name(Path::new("b.HTM")));
        assert!(!is_report_name(Path::new("b.doc")));
        assert!(!is_report_name(Path::new("b.pdf")));
        assert!(!is_report_name(Path::new("txt")));
    }

    #[test]
    fn a_bad_pattern_is_said_in_the_message_language() {
        let zh = Filter::new(&["a[".into()], &[], Locale::Zh).unwrap_err();
        assert!(zh.starts_with("无效的匹配模式“a[”"), "{zh}");
        let en = Filter::new(&[], &["a[".into()], Locale::En).unwrap_err();
        assert!(en.starts_with("invalid pattern `a[`"), "{en}");
    }
}
