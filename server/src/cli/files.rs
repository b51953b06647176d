//! Finding the reports to check, reading them, and finding the `nianbao.toml` for each.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::config::{Config, ConfigFiles};
use crate::diag::Locale;
use crate::input::{self, Document, InputError};
use crate::locale::{io_error, Localized};
use crate::spec::Layout;

use super::walk;

/// Where a report comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Source {
    Stdin,
    File(PathBuf),
}

/// One report to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Input {
    pub source: Source,
    /// The path as the user wrote it (or as the walk found it); `-` for standard input.
    pub display: String,
    /// Found by walking a directory, not named: checked only if it looks like a report.
    pub walked: bool,
}

impl Input {
    pub fn is_stdin(&self) -> bool {
        self.source == Source::Stdin
    }
}

/// Something that kept an input from being checked. Each becomes one line on stderr.
#[derive(Debug)]
pub(crate) enum Problem {
    Missing(String),
    NoReports(String),
    Unreadable {
        path: String,
        error: io::Error,
    },
    /// The file was read but is not a report's text (empty, binary, undecodable), or
    /// cannot be written back in its own format or encoding.
    Input {
        path: String,
        error: InputError,
    },
    BadConfig {
        path: String,
        /// What is wrong with it, in both languages.
        message: Localized,
    },
    Unwritable {
        path: String,
        error: io::Error,
    },
    /// The engine panicked on this input: a bug, reported instead of aborting the run.
    Internal(String),
}

impl Problem {
    /// The file or directory the problem is about, as the user knows it.
    pub fn path(&self) -> &str {
        match self {
            Problem::Missing(path) | Problem::NoReports(path) | Problem::Internal(path) => path,
            Problem::Unreadable { path, .. }
            | Problem::Input { path, .. }
            | Problem::BadConfig { path, .. }
            | Problem::Unwritable { path, .. } => path,
        }
    }

    pub fn message(&self, locale: Locale) -> String {
        let zh = locale == Locale::Zh;
        match self {
            Problem::Missing(path) if zh => format!("找不到文件或目录：{path}"),
            Problem::Missing(path) => format!("{path}: no such file or directory"),
            Problem::NoReports(path) if zh => {
                format!("{path}：目录中没有可检查的报告（*.txt、*.md、*.markdown、*.docx、*.html、*.htm）")
            }
            Problem::NoReports(path) => {
                format!("{path}: no reports in this directory (*.txt, *.md, *.markdown, *.docx, *.html, *.htm)")
            }
            Problem::Unreadable { path, error } if zh => {
                format!("无法读取 {path}：{}", io_error(error).zh)
            }
            Problem::Unreadable { path, error } => format!("{path}: cannot read: {error}"),
            Problem::Input { path, error } if zh => format!("{path}：{}", error.message().zh),
            Problem::Input { path, error } => format!("{path}: {}", error.message().en),
            Problem::BadConfig { path, message } if zh => {
                format!("配置文件 {path} 有误：{}", message.zh)
            }
            Problem::BadConfig { path, message } => {
                format!("{path}: invalid configuration: {}", message.en)
            }
            Problem::Unwritable { path, error } if zh => {
                format!("无法写回修复后的 {path}：{}", io_error(error).zh)
            }
            Problem::Unwritable { path, error } => {
                format!("{path}: cannot write the fixed text: {error}")
            }
            Problem::Internal(path) if zh => {
                format!("检查 {path} 时发生内部错误（这是 nianbao 的缺陷，请附上该文件报告）")
            }
            Problem::Internal(path) => format!(
                "{path}: internal error while checking (a bug in nianbao; please report it with this file)"
            ),
        }
    }
}

/// Expands the command-line paths into the reports to check, in a stable order.
/// Problems (missing paths, empty directories) are returned beside the inputs so that
/// the reports that can be checked still are.
/// Directories are walked by `walk` (ignore files, `--include`/`--exclude`).
pub(crate) fn discover(paths: &[PathBuf], filter: &walk::Filter) -> (Vec<Input>, Vec<Problem>) {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashSet<Source> = HashSet::new();
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    for path in paths {
        if path.as_os_str() == "-" {
            if seen.insert(Source::Stdin) {
                inputs.push(Input {
                    source: Source::Stdin,
                    display: "-".to_string(),
                    walked: false,
                });
            }
            continue;
        }
        let display = path.display().to_string();
        match fs::metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                problems.push(Problem::Missing(display));
            }
            Err(error) => problems.push(Problem::Unreadable {
                path: display,
                error,
            }),
            Ok(meta) if meta.is_dir() => {
                let before = inputs.len();
                let found = walk::walk(path, filter);
                for (path, error) in found.unreadable {
                    let path = path.display().to_string();
                    problems.push(Problem::Unreadable { path, error });
                }
                for path in found.files {
                    if seen.insert(Source::File(path.clone())) {
                        inputs.push(Input {
                            display: path.display().to_string(),
                            source: Source::File(path),
                            walked: true,
                        });
                    }
                }
                if inputs.len() == before {
                    problems.push(Problem::NoReports(display));
                }
            }
            // A file named explicitly is checked whatever its extension.
            Ok(_) => {
                if seen.insert(Source::File(path.clone())) {
                    inputs.push(Input {
                        source: Source::File(path.clone()),
                        display,
                        walked: false,
                    });
                }
            }
        }
    }
    (inputs, problems)
}

/// Reads an input: a text file in its encoding, a web page or a Word document, as the
/// text the engine checks.
pub(crate) fn read(input: &Input, options: input::Options) -> Result<Document, Problem> {
    let bytes = match &input.source {
        Source::Stdin => {
            let mut bytes = Vec::new();
            io::stdin().lock().read_to_end(&mut bytes).map(|_| bytes)
        }
        Source::File(path) => fs::read(path),
    }
    .map_err(|error| Problem::Unreadable {
        path: input.display.clone(),
        error,
    })?;
    let name = match &input.source {
        Source::Stdin => None,
        Source::File(path) => Some(path.as_path()),
    };
    input::read(&bytes, name, options).map_err(|error| Problem::Input {
        path: input.display.clone(),
        error,
    })
}

/// Command-line settings that win over every configuration file.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Overrides {
    /// `Some(None)` is `--layout auto`: detect even where a file forces a layout.
    pub layout: Option<Option<Layout>>,
    pub locale: Option<Locale>,
}

/// The settings of each input: the `nianbao.toml` nearest to it (`ConfigFiles`, the walk the
/// language server makes too, over the real directories), then the command-line overrides.
pub(crate) struct ConfigResolver {
    enabled: bool,
    overrides: Overrides,
    files: ConfigFiles,
}

impl ConfigResolver {
    pub fn new(enabled: bool, overrides: Overrides) -> ConfigResolver {
        ConfigResolver {
            enabled,
            overrides,
            files: ConfigFiles::default(),
        }
    }

    /// The settings for `input`, command-line overrides applied.
    pub fn config_for(&mut self, input: &Input) -> Result<Config, Problem> {
        let dir = match &input.source {
            Source::Stdin => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            Source::File(path) => match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            },
        };
        let mut config = self.file_config(&dir)?.unwrap_or_default();
        if let Some(layout) = self.overrides.layout {
            config.layout = layout;
        }
        if let Some(locale) = self.overrides.locale {
            config.locale = locale;
        }
        Ok(config)
    }

    /// The locale set by the configuration of the current directory, if any (and valid).
    pub fn current_dir_locale(&mut self) -> Option<Locale> {
        let dir = std::env::current_dir().ok()?;
        self.file_config(&dir).ok().flatten().map(|c| c.locale)
    }

    fn file_config(&mut self, dir: &Path) -> Result<Option<Config>, Problem> {
        if !self.enabled {
            return Ok(None);
        }
        // Canonical so that `..` and symbolic links walk up the real tree.
        let dir = fs::canonicalize(dir)
            .or_else(|_| std::path::absolute(dir))
            .unwrap_or_else(|_| dir.to_path_buf());
        match self
            .files
            .nearest_config(&dir, Path::is_file, |p| fs::read_to_string(p))
        {
            None => Ok(None),
            Some((_, Ok(config))) => Ok(Some(config)),
            Some((file, Err(message))) => Err(Problem::BadConfig {
                path: file.display().to_string(),
                message,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_problems_name_the_file_in_both_languages() {
        let problem = Problem::Input {
            path: "a.txt".into(),
            error: InputError::Empty,
        };
        assert_eq!(problem.message(Locale::En), "a.txt: the file is empty");
        assert!(problem.message(Locale::Zh).starts_with("a.txt：文件为空"));
    }

    fn file_input(path: PathBuf) -> Input {
        Input {
            display: path.display().to_string(),
            source: Source::File(path),
            walked: false,
        }
    }

    #[test]
    fn the_nearest_nianbao_toml_governs_each_input() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("a/b")).unwrap();
        fs::create_dir_all(root.join("strict")).unwrap();
        fs::write(root.join("nianbao.toml"), "locale = \"en\"\n").unwrap();
        fs::write(root.join("strict/nianbao.toml"), "layout = \"2019\"\n").unwrap();
        let mut resolver = ConfigResolver::new(true, Overrides::default());
        let config = resolver
            .config_for(&file_input(root.join("a/b/draft.txt")))
            .unwrap();
        assert_eq!((config.locale, config.layout), (Locale::En, None));
        // Through `..`: the real tree is walked.
        let config = resolver
            .config_for(&file_input(root.join("a/../strict/draft.txt")))
            .unwrap();
        assert_eq!(
            (config.locale, config.layout),
            (Locale::Zh, Some(Layout::Y2019))
        );
        // The command line wins; --no-config reads nothing.
        let overrides = Overrides {
            layout: Some(None),
            locale: Some(Locale::Zh),
        };
        let config = ConfigResolver::new(true, overrides)
            .config_for(&file_input(root.join("strict/draft.txt")))
            .unwrap();
        assert_eq!((config.locale, config.layout), (Locale::Zh, None));
        let config = ConfigResolver::new(false, Overrides::default())
            .config_for(&file_input(root.join("a/draft.txt")))
            .unwrap();
        assert_eq!(config, Config::default());
    }

    #[test]
    fn a_broken_nianbao_toml_is_a_problem_for_every_input_it_governs() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("nianbao.toml"), "[rules\n").unwrap();
        let mut resolver = ConfigResolver::new(true, Overrides::default());
        for name in ["a.txt", "b.txt"] {
            match resolver.config_for(&file_input(dir.path().join(name))) {
                Err(Problem::BadConfig { path, .. }) => assert!(path.ends_with("nianbao.toml")),
                other => panic!("{other:?}"),
            }
        }
    }
}
