//! The import graph of the core, read from its sources: each layer uses only those below it.
//!
//! A module's dependencies are the top-level modules it names as `crate::…` (in `use` lines or
//! paths, grouped imports included); comments are skipped. The layers, bottom up: `error` and
//! `text`; `model`; `store`; the pure modules (`ingest`, `extract`, `gazetteer`, `places`, `align`,
//! `report`); `workbench`, which alone composes them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every top-level module of the library with the top-level modules its files name.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(&src) {
        let rel = file.strip_prefix(&src).expect("under src");
        let first = rel.components().next().expect("a path").as_os_str().to_string_lossy().into_owned();
        if first == "bin" || first == "lib.rs" {
            continue; // the adapters and the crate root's re-exports sit above every layer
        }
        let module = first.trim_end_matches(".rs").to_string();
        let text = std::fs::read_to_string(&file).expect("readable source");
        let named = out.entry(module.clone()).or_default();
        for line in text.lines().map(str::trim).filter(|l| !l.starts_with("//")) {
            named.extend(crate_paths(line).into_iter().filter(|m| *m != module));
        }
    }
    out
}

/// The top-level module of each `crate::` path in a line: `crate::a::b` names `a`, and
/// `crate::{a::x, b}` names `a` and `b`.
fn crate_paths(line: &str) -> Vec<String> {
    let ident = |s: &str| s.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let mut out = Vec::new();
    for (i, _) in line.match_indices("crate::") {
        let rest = &line[i + "crate::".len()..];
        match rest.strip_prefix('{') {
            Some(group) => {
                // Split the group at its top-level commas; each item starts with a module name.
                let mut depth = 0;
                let mut item_start = 0;
                for (j, c) in group.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => {
                            out.push(ident(&group[item_start..j]));
                            break;
                        }
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            out.push(ident(&group[item_start..j]));
                            item_start = j + 1;
                        }
                        _ => {}
                    }
                }
            }
            None => out.push(ident(rest)),
        }
    }
    out.retain(|m| !m.is_empty());
    out
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The modules `module` names that are not in `allowed`.
fn outside(graph: &BTreeMap<String, BTreeSet<String>>, module: &str, allowed: &[&str]) -> Vec<String> {
    graph[module].iter().filter(|m| !allowed.contains(&m.as_str())).cloned().collect()
}

#[test]
fn crate_paths_reads_plain_and_grouped_imports() {
    assert_eq!(crate_paths("use crate::model::{Claim, Speaker};"), vec!["model"], "a path names its first module");
    assert_eq!(
        crate_paths("use crate::{align::{self, x}, error::Result, text};"),
        vec!["align", "error", "text"],
        "a group names each of its items"
    );
    assert_eq!(crate_paths("let h = crate::text::hash_hex(b);"), vec!["text"], "an inline path counts too");
}

#[test]
fn the_model_depends_only_on_error_and_text() {
    assert_eq!(outside(&imports(), "model", &["error", "text"]), Vec::<String>::new(), "model/ names a module above it");
}

#[test]
fn the_store_depends_only_on_model_error_and_text() {
    assert_eq!(outside(&imports(), "store", &["model", "error", "text"]), Vec::<String>::new(), "store/ names a module above it");
}

#[test]
fn nothing_below_the_workbench_imports_it() {
    let graph = imports();
    let users: Vec<&String> = graph.iter().filter(|(m, deps)| *m != "workbench" && deps.contains("workbench")).map(|(m, _)| m).collect();
    assert_eq!(users, Vec::<&String>::new(), "these modules reach up into the workbench");
}
