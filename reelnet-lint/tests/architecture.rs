//! House order: no cycles between the top-level modules of either crate.
//!
//! A module depends on another when its code (comments, literals and
//! `#[cfg(test)]` items left out) names `crate::OTHER`, in a path or a `use crate::{…}` list,
//! or a name the crate root re-exports from OTHER (`crate::Limits`, from
//! `pub use limits::Limits`).
//! Layers then read bottom-up: `paths` and `baseline_entry` under `report`,
//! `report` under `baseline`, `identity` and the renderers.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A file's code: its text without comments, string and character
/// literals, and without each item a `#[cfg(test)]` attribute applies to
/// (a `mod tests { … }`, or a single `fn`, `use`, `impl` …), wherever it
/// sits in the file.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
    without_test_items(&without_comments_and_literals(&text))
}

/// `text` with every comment (`//…`, nested `/* … */`), string literal
/// (`"…"`, `r#"…"#`, `b"…"`) and character literal (`'x'`, `'\''`, but
/// not a lifetime `'a`) replaced by a space; a string that is a whole
/// `crate::` path (an attribute's path for a derive) stays.
fn without_comments_and_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        let prev_ident = i > 0 && is_ident_char(chars[i - 1]);
        if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            out.push(' ');
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0usize;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r'
            && (!prev_ident || (i == 1 || !is_ident_char(at(i - 2))) && at(i - 1) == 'b')
            && matches!(at(i + 1), '"' | '#')
            && {
                let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
                at(i + 1 + hashes) == '"'
            }
        {
            // A raw string: `r##"…"##` ends at a quote and as many `#`.
            let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
            i += hashes + 2;
            while i < chars.len() {
                if chars[i] == '"'
                    && chars[i + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|c| **c == '#')
                        .count()
                        == hashes
                {
                    i += 1 + hashes;
                    break;
                }
                i += 1;
            }
            out.push(' ');
        } else if c == '"' {
            let start = i + 1;
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            let content: String = chars[start..i.min(chars.len())].iter().collect();
            i += 1;
            // A string that is a whole path is code a derive expands
            // (`#[from_node(validate = "crate::checks::X")]`): kept.
            if content.starts_with("crate::")
                && content.chars().all(|c| is_ident_char(c) || c == ':')
            {
                out.push_str(&content);
            }
            out.push(' ');
        } else if c == '\'' && (at(i + 1) == '\\' || at(i + 2) == '\'') {
            // A character literal (a lifetime `'a` has no closing quote).
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push(' ');
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// `code` (without comments and literals) without the items that
/// `#[cfg(test)]` attributes apply to: from the attribute, past any
/// further attributes, to the item's end: its `;` or the `}` closing its
/// first brace at the item's level.
fn without_test_items(code: &str) -> String {
    const ATTR: &str = "#[cfg(test)]";
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find(ATTR) {
        out.push_str(&rest[..at]);
        let item = &rest[at + ATTR.len()..];
        let mut depth = 0usize;
        let mut end = item.len();
        for (i, ch) in item.char_indices() {
            match ch {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' => depth = depth.saturating_sub(1),
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The items of a `use` tree's brace list (`a, b::{c, d}, e as f}`, up to
/// its closing brace): each item's text.
fn list_items(list: &str) -> Vec<&str> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    let mut start = 0;
    for (i, ch) in list.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' if depth == 0 => {
                out.push(&list[start..i]);
                return out;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&list[start..]);
    out
}

/// The names a `use` tree (after `use `, without `crate::`) brings into
/// scope, each with the first segment of its path: `a::{B, c::D as E}` →
/// (B, a), (E, a).
fn use_names(tree: &str, first: Option<&str>, out: &mut Vec<(String, String)>) {
    let tree = tree.trim();
    let tree = tree.strip_prefix("crate::").unwrap_or(tree);
    let tree = tree.strip_prefix("self::").unwrap_or(tree);
    if let Some(list) = tree.strip_prefix('{') {
        for item in list_items(list) {
            use_names(item, first, out);
        }
        return;
    }
    let head: String = tree.chars().take_while(|c| is_ident_char(*c)).collect();
    let first = first.unwrap_or(&head).to_owned();
    match tree.find("::") {
        Some(at) if tree[..at].chars().all(is_ident_char) => {
            use_names(&tree[at + 2..], Some(&first), out);
        }
        _ => {
            let name = match tree.split_once(" as ") {
                Some((_, alias)) => alias.trim(),
                None => tree,
            };
            if !name.is_empty() && name != "*" && name != "self" {
                out.push((name.to_owned(), first));
            }
        }
    }
}

/// The names the crate root brings in with `use` (re-exports above all):
/// name → the module it comes from (`Limits` → `load` for `pub use
/// load::Limits`), so that `crate::Limits` counts as a use of `load`.
fn root_names(root: &Path, modules: &BTreeSet<String>) -> BTreeMap<String, String> {
    let code = code_of(root);
    let mut names = BTreeMap::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("use ") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "use ".len()..];
        if before.is_some_and(is_ident_char) {
            continue;
        }
        let end = rest.find(';').unwrap_or(rest.len());
        let mut found = Vec::new();
        use_names(&rest[..end], None, &mut found);
        for (name, module) in found {
            if modules.contains(&module) {
                names.insert(name, module);
            }
        }
        rest = &rest[end..];
    }
    names
}

/// Dependencies between the top-level modules of a crate's `src`. A name
/// the crate root re-exports (`crate::Limits`) counts as its defining
/// module (`load`): a re-export does not hide a cycle.
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
    let root = src.join("lib.rs");
    let exported = if root.exists() {
        root_names(&root, &modules)
    } else {
        BTreeMap::new()
    };
    let resolve = |name: &str| -> Option<String> {
        if modules.contains(name) {
            Some(name.to_owned())
        } else {
            exported.get(name).cloned()
        }
    };
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &files {
        let Some(from) = module_of(path) else {
            continue;
        };
        let code = code_of(path);
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            let names: Vec<String> = if let Some(list) = rest.strip_prefix('{') {
                // `use crate::{a, b::{c, d}, Limits}`: the first segment of each item.
                list_items(list)
                    .into_iter()
                    .map(|item| {
                        item.trim()
                            .chars()
                            .take_while(|c| is_ident_char(*c))
                            .collect()
                    })
                    .collect()
            } else {
                vec![rest.chars().take_while(|c| is_ident_char(*c)).collect()]
            };
            for name in names {
                if let Some(to) = resolve(&name).filter(|to| *to != from) {
                    edges.entry(from.clone()).or_default().insert(to);
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

/// A cycle through a crate-root re-export is found: `b` names
/// `crate::Thing`, which the root re-exports from `a`, and `a` uses `b`.
#[test]
fn a_re_export_does_not_hide_a_cycle() {
    let src = Path::new(env!("CARGO_TARGET_TMPDIR")).join("architecture/src");
    std::fs::create_dir_all(src.join("c")).unwrap_or_else(|e| panic!("{e}"));
    let write = |name: &str, text: &str| {
        std::fs::write(src.join(name), text).unwrap_or_else(|e| panic!("{e}"));
    };
    write(
        "lib.rs",
        "mod a;\nmod b;\nmod c;\nmod d;\npub use a::{Thing, other::{Deep as Renamed}};\npub use c::Spread;\n",
    );
    write("a.rs", "use crate::b::helper;\npub struct Thing;\n");
    write("b.rs", "use crate::Thing;\npub fn helper() {}\n");
    // A multi-line list naming a re-export, and a path in an expression.
    write(
        "c/mod.rs",
        "use crate::{\n    Renamed,\n};\npub struct Spread;\n",
    );
    write("d.rs", "fn f() { let _ = crate::Spread; }\n");
    let edges = graph(&src);
    assert_eq!(edges["b"], ["a"].map(String::from).into());
    assert_eq!(edges["c"], ["a"].map(String::from).into());
    assert_eq!(edges["d"], ["c"].map(String::from).into());
    let found = cycles(&edges);
    assert_eq!(found, vec![["a", "b"].map(String::from).into()]);
}

/// Code after a `#[cfg(test)]` item still counts, and the item itself,
/// comments and literals do not: `e` names `f` after a test-only function
/// and a test module, `f` names `e` after a test-only `use`; the mentions
/// of `g` are in a comment, strings, and test-only items, but `h` names
/// it in a derive's attribute.
#[test]
fn code_after_a_test_item_is_read() {
    let src = Path::new(env!("CARGO_TARGET_TMPDIR")).join("architecture-cfg/src");
    std::fs::create_dir_all(&src).unwrap_or_else(|e| panic!("{e}"));
    let write = |name: &str, text: &str| {
        std::fs::write(src.join(name), text).unwrap_or_else(|e| panic!("{e}"));
    };
    write("lib.rs", "mod e;\nmod f;\nmod g;\nmod h;\n");
    write(
        "e.rs",
        concat!(
            "#[cfg(test)]\n#[allow(dead_code)]\nfn only_in_tests() -> [u8; 1] { let _ = crate::g::X; [b'{'] }\n",
            "#[cfg(test)]\nmod tests {\n    use crate::g::X;\n    fn t() { let _ = '}'; let _ = \"}\"; }\n}\n",
            "/* a /* nested */ comment: crate::g */\n",
            "pub fn real<'a>(s: &'a str) -> &'a str { let _ = r#\"crate::g \"}\"#; crate::f::helper(); s }\n",
        ),
    );
    write(
        "f.rs",
        "#[cfg(test)]\nuse crate::g::X;\n// crate::g in a comment\npub fn helper() { let _ = \"crate::g is g\"; crate::e::real(\"\"); }\n",
    );
    write("g.rs", "pub const X: u8 = 0;\n");
    // A path in an attribute's string, for a derive, is a dependency.
    write(
        "h.rs",
        "#[derive(FromNode)]\nstruct S {\n    #[from_node(validate = \"crate::g::X\")]\n    x: u8,\n}\n",
    );
    let edges = graph(&src);
    assert_eq!(edges.get("e"), Some(&["f"].map(String::from).into()));
    assert_eq!(edges.get("f"), Some(&["e"].map(String::from).into()));
    assert_eq!(edges.get("h"), Some(&["g"].map(String::from).into()));
    let found = cycles(&edges);
    assert_eq!(found, vec![["e", "f"].map(String::from).into()]);
}

#[test]
fn comments_and_literals_are_left_out() {
    let code = without_comments_and_literals(
        "a /* x /* y */ z */ b // c\n\"d\\\"e\" f r##\"g\"#h\"## i '\\'' j 'k' <'l> m br\"n\" o",
    );
    // A byte string's `b` prefix stays, as a word of its own.
    let words: Vec<&str> = code.split_whitespace().collect();
    assert_eq!(words, ["a", "b", "f", "i", "j", "<'l>", "m", "b", "o"]);
}
