//! The rule pages `docs/rules/` are the catalogue's: each says what `nianbao explain` says, in
//! both languages. A page that differs (a rule added or its text changed) fails this test,
//! which names the command that rewrites them: `UPDATE_DOCS=1 cargo test --test rule_pages`.

use std::fs;
use std::path::Path;

#[test]
fn the_rule_pages_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/rules");
    let update = std::env::var_os("UPDATE_DOCS").is_some_and(|v| !v.is_empty() && v != "0");
    let pages = nianbao::cli::rule_pages();
    let mut stale = Vec::new();
    for (name, text) in &pages {
        let path = dir.join(name);
        if fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        if update {
            fs::create_dir_all(&dir).unwrap();
            fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        } else {
            stale.push(name.clone());
        }
    }
    // A page of a rule that no longer exists.
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") && !names.contains(&name.as_str()) {
            if update {
                fs::remove_file(entry.path()).unwrap();
            } else {
                stale.push(name);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "docs/rules is not what the catalogue says ({}); regenerate it from server/: {}",
        stale.join(", "),
        nianbao::cli::REGENERATE
    );
}

#[test]
fn every_rule_links_to_its_page() {
    for rule in nianbao::Rule::ALL {
        let url = rule.help_url();
        assert!(url.ends_with(&format!("/{}.md", rule.code())), "{url}");
        // The crate's repository, unless the build was given another address.
        if option_env!("NIANBAO_DOCS_URL").is_none() {
            let base = format!("{}/blob/main/docs/rules/", env!("CARGO_PKG_REPOSITORY"));
            assert!(url.starts_with(&base), "{url}");
        }
    }
}
