//! The house's layers point one way. Reads every `crate::…` and `super::…` path in
//! `server/src` (test modules excluded) and fails when a module reaches a layer above its
//! own, or when two files of one directory depend on each other in a circle.
//!
//! The order (ARCHITECTURE.md, "Rules of the house"):
//! `spec`, `text`, `locale` ← `catalog` ← `diag`, `config` ← `parse` ← `facts` ← `rules`
//! ← (the crate root's `analyze`/`check`) ← `fix` ← `ide` ← `lsp` ← `cli`; `input` (bytes → text for
//! the front ends) stands on `locale` alone.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The layer of each top-level module; a module may import its own layer's siblings only
/// where the table says so (same number) and any lower layer.
const LAYERS: &[(&str, u8)] = &[
    ("spec", 0),
    ("text", 0),
    ("locale", 0),
    ("catalog", 1),
    // Beside the engine, not in it: the files people have (bytes) as the text it reads.
    ("input", 1),
    ("diag", 2),
    ("config", 2),
    ("parse", 3),
    ("facts", 4),
    ("rules", 5),
    // The crate root: `analyze` and `check` run the reader and the rules.
    ("crate", 6),
    // The fix loop checks again after each pass, through the root's `analyze`.
    ("fix", 7),
    ("ide", 8),
    ("lsp", 9),
    ("cli", 10),
];

/// Modules of one layer that may not import each other (they are independent leaves).
const INDEPENDENT: &[(&str, &str)] = &[
    ("spec", "text"),
    ("text", "spec"),
    ("diag", "config"),
    ("input", "catalog"),
    ("catalog", "input"),
];

fn layer(top: &str) -> u8 {
    LAYERS
        .iter()
        .find(|(name, _)| *name == top)
        .map(|&(_, l)| l)
        .unwrap_or_else(|| panic!("module `{top}` has no layer in tests/layers.rs: give it one"))
}

/// A source file and the module path it defines (`parse::model`, `diag`, `rules`).
struct SourceFile {
    module: Vec<String>,
    text: String,
}

fn source_files() -> Vec<SourceFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    collect(&root, &mut paths);
    paths
        .into_iter()
        .filter_map(|path| {
            let relative = path.strip_prefix(&root).ok()?.with_extension("");
            let mut module: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if module.last().is_some_and(|last| last == "mod") {
                module.pop();
            }
            if module == ["lib"] {
                module.clear();
            }
            if module == ["main"] {
                return None; // the binary, outside the library's layers
            }
            let text = fs::read_to_string(&path).ok()?;
            Some(SourceFile {
                module,
                text: without_tests(&text),
            })
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The file without its `#[cfg(test)]` modules and comments: tests may reach anything.
fn without_tests(text: &str) -> String {
    let code = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => text,
    };
    code.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path a file names, as segments from the crate root, with `super::` resolved
/// and `use a::{b, c::{d}}` groups expanded.
fn imported_paths(file: &SourceFile, is_dir_module: bool) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let text = &file.text;
    let mut at = 0;
    while let Some(found) = next_path_start(text, at) {
        let (start, kind) = found;
        let base: Vec<String> = match kind {
            Start::Crate => Vec::new(),
            Start::Super => {
                // `super` of a `mod.rs` file is its parent's parent.
                let mut parent = file.module.clone();
                if !is_dir_module || !parent.is_empty() {
                    parent.pop();
                }
                parent
            }
        };
        let after = start + kind.len();
        let end = expand(text, after, &base, &mut paths);
        at = end.max(after);
    }
    paths
}

#[derive(Clone, Copy)]
enum Start {
    Crate,
    Super,
}

impl Start {
    fn len(self) -> usize {
        match self {
            Start::Crate => "crate::".len(),
            Start::Super => "super::".len(),
        }
    }
}

fn next_path_start(text: &str, from: usize) -> Option<(usize, Start)> {
    let rest = &text[from..];
    let krate = rest.find("crate::").map(|i| (from + i, Start::Crate));
    let sup = rest.find("super::").map(|i| (from + i, Start::Super));
    match (krate, sup) {
        (Some(a), Some(b)) => Some(if a.0 < b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Reads a path (or a `{…}` group) at `at`, appending every full path to `out`.
/// Returns where the path ends.
fn expand(text: &str, mut at: usize, prefix: &[String], out: &mut Vec<Vec<String>>) -> usize {
    let bytes = text.as_bytes();
    let mut path = prefix.to_vec();
    loop {
        if bytes.get(at) == Some(&b'{') {
            at += 1;
            loop {
                while bytes
                    .get(at)
                    .is_some_and(|b| b.is_ascii_whitespace() || *b == b',')
                {
                    at += 1;
                }
                if bytes.get(at) == Some(&b'}') || at >= bytes.len() {
                    return at + 1;
                }
                at = expand(text, at, &path, out);
            }
        }
        let start = at;
        while bytes
            .get(at)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            at += 1;
        }
        if start == at {
            break;
        }
        let word = &text[start..at];
        if word != "self" && word != "super" {
            path.push(word.to_string());
        } else if word == "super" {
            path.pop();
        }
        if text[at..].starts_with("::") {
            at += 2;
        } else {
            break;
        }
    }
    // ` as Name` and the like end the path.
    out.push(path);
    at
}

/// The longest known module that `path` starts with.
fn resolve(path: &[String], modules: &BTreeSet<Vec<String>>) -> Vec<String> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|prefix| modules.contains(prefix))
        .unwrap_or_default()
}

fn name(module: &[String]) -> String {
    if module.is_empty() {
        "crate".to_string()
    } else {
        module.join("::")
    }
}

struct Graph {
    edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
}

fn graph() -> Graph {
    let files = source_files();
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| f.module.clone()).collect();
    let dir_modules: BTreeSet<Vec<String>> = {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        modules
            .iter()
            .filter(|m| m.is_empty() || root.join(m.join("/")).is_dir())
            .cloned()
            .collect()
    };
    let mut edges = BTreeMap::new();
    for file in &files {
        let targets: BTreeSet<Vec<String>> =
            imported_paths(file, dir_modules.contains(&file.module))
                .iter()
                .map(|p| resolve(p, &modules))
                .filter(|target| *target != file.module)
                .collect();
        edges.insert(file.module.clone(), targets);
    }
    Graph { edges }
}

fn top(module: &[String]) -> &str {
    module.first().map(String::as_str).unwrap_or("crate")
}

#[test]
fn every_import_points_down_the_layers() {
    let graph = graph();
    let mut wrong = Vec::new();
    for (from, targets) in &graph.edges {
        for to in targets {
            let (a, b) = (top(from), top(to));
            if a == b {
                continue;
            }
            // The crate root declares the modules and re-exports their types: it is the one
            // module allowed to name every other (the other way it offers `analyze`/`check`).
            if from.is_empty() {
                continue;
            }
            let independent = INDEPENDENT.contains(&(a, b));
            if layer(b) > layer(a) || independent {
                wrong.push(format!("{} → {}", name(from), name(to)));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that point up the layers (or across independent modules):\n  {}",
        wrong.join("\n  ")
    );
}

#[test]
fn files_of_one_directory_import_each_other_without_circles() {
    let graph = graph();
    // Only siblings: a file and its directory's `mod.rs` necessarily know each other.
    let sibling_edges: BTreeMap<&Vec<String>, Vec<&Vec<String>>> = graph
        .edges
        .iter()
        .map(|(from, targets)| {
            let siblings = targets
                .iter()
                .filter(|to| {
                    to.len() == from.len()
                        && from.len() >= 2
                        && to[..to.len() - 1] == from[..from.len() - 1]
                })
                .collect();
            (from, siblings)
        })
        .collect();
    let mut circles = Vec::new();
    for start in sibling_edges.keys() {
        // Depth-first search for a path back to `start`.
        let mut stack = vec![(*start, vec![*start])];
        let mut seen = BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for next in sibling_edges.get(at).into_iter().flatten() {
                if *next == *start {
                    let mut names: Vec<String> = path.iter().map(|m| name(m)).collect();
                    names.push(name(start));
                    circles.push(names.join(" → "));
                } else if seen.insert(*next) {
                    let mut longer = path.clone();
                    longer.push(next);
                    stack.push((next, longer));
                }
            }
        }
    }
    circles.sort();
    circles.dedup();
    assert!(
        circles.is_empty(),
        "circles between files:\n  {}",
        circles.join("\n  ")
    );
}

#[test]
fn the_graph_reader_sees_imports() {
    // Guards the test itself: if path reading broke, the layer tests would pass vacuously.
    let graph = graph();
    let of = |m: &str| {
        graph
            .edges
            .get(&m.split("::").map(String::from).collect::<Vec<_>>())
            .unwrap_or_else(|| panic!("no module {m}"))
            .iter()
            .map(|t| name(t))
            .collect::<BTreeSet<_>>()
    };
    assert!(
        of("parse::tables").contains("parse::cells"),
        "{:?}",
        of("parse::tables")
    );
    assert!(of("parse::tables").contains("spec"));
    assert!(of("rules").contains("config"));
    assert!(of("cli::human").contains("cli::totals"));
    assert!(of("diag").contains("catalog"));
}
