//! House order: no cycles between the top-level modules of either crate.
//!
//! A module depends on another when its code (test modules and comments
//! left out) names `crate::OTHER`, in a path or a `use crate::{…}` list.
//! Layers then read bottom-up: `paths` and `baseline_entry` under `report`,
//! `report` under `baseline`, `identity` and the renderers.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Dependencies between the top-level modules of a crate's `src`.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    let mut dirs = vec![src.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{e}")) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let module_of = |path: &Path| -> Option<String> {
        let rel = path.strip_prefix(src).ok()?;
        let first = rel.components().next()?.as_os_str().to_string_lossy();
        let name = first.trim_end_matches(".rs").to_owned();
        (name != "lib" && name != "main").then_some(name)
    };
    let modules: BTreeSet<String> = files.iter().filter_map(|p| module_of(p)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &files {
        let Some(from) = module_of(path) else {
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for line in code.lines() {
            let line = line.trim_start();
            if line.starts_with("//") {
                continue;
            }
            for (at, _) in line.match_indices("crate::") {
                let rest = &line[at + "crate::".len()..];
                let names: Vec<&str> = if let Some(list) = rest.strip_prefix('{') {
                    // `use crate::{a, b::{c, d}, e}`: the first segment of each item.
                    let mut depth = 0usize;
                    let mut out = Vec::new();
                    let mut start = true;
                    for (i, ch) in list.char_indices() {
                        match ch {
                            '{' => depth += 1,
                            '}' if depth == 0 => break,
                            '}' => depth -= 1,
                            ',' if depth == 0 => start = true,
                            c if start && (c.is_ascii_lowercase() || c == '_') => {
                                let end = list[i..]
                                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                                    .map_or(list.len(), |e| i + e);
                                out.push(&list[i..end]);
                                start = false;
                            }
                            _ => {}
                        }
                    }
                    out
                } else {
                    let end = rest
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .unwrap_or(rest.len());
                    vec![&rest[..end]]
                };
                for name in names {
                    if name != from && modules.contains(name) {
                        edges
                            .entry(from.clone())
                            .or_default()
                            .insert(name.to_owned());
                    }
                }
            }
        }
    }
    edges
}

/// Every cycle's modules (strongly connected components of two or more).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<BTreeSet<String>> {
    let reaches = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(m) = stack.pop() {
            for next in edges.get(&m).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reach: BTreeMap<&String, BTreeSet<String>> =
        edges.keys().map(|m| (m, reaches(m))).collect();
    let mut out: Vec<BTreeSet<String>> = Vec::new();
    for (m, r) in &reach {
        let component: BTreeSet<String> = r
            .iter()
            .filter(|o| reach.get(o).is_some_and(|back| back.contains(*m)))
            .cloned()
            .collect();
        if component.len() > 1 && !out.contains(&component) {
            out.push(component);
        }
    }
    out
}

#[test]
fn no_module_cycles() {
    let root = common::root();
    let lint = cycles(&graph(&root.join("reelnet-lint/src")));
    assert!(lint.is_empty(), "reelnet-lint module cycles: {lint:?}");
    let spec = cycles(&graph(&root.join("reelnet-spec/src")));
    assert!(spec.is_empty(), "reelnet-spec module cycles: {spec:?}");
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let edges: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.into_iter().map(String::from).collect()))
    .collect();
    let found = cycles(&edges);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0], ["a", "b", "c"].map(String::from).into());
}
