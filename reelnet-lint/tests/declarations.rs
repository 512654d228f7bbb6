//! Facts declared once: a rule's catalogue entry lives in its
//! `declare_rule!` (or, for SPEC000–SPEC008, in `reelnet_spec::SpecCode`),
//! and rules read the typed model, never the source text.

mod common;

use std::path::{Path, PathBuf};

use reelnet_lint::{Origin, RULES, registry};
use reelnet_spec::SpecCode;

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The files of the rule areas, `src/rules/<area>/*.rs` (not `mod.rs`):
/// each rule's file, and the tables some rules share.
fn rule_files() -> Vec<(PathBuf, String)> {
    let dir = common::root().join("reelnet-lint/src/rules");
    rust_files(&dir)
        .into_iter()
        .filter(|p| p.parent() != Some(dir.as_path()) && !p.ends_with("mod.rs"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{e}"));
            (p, text)
        })
        .collect()
}

/// SPEC000–SPEC008 are declared once, in `SpecCode`: the registry's SPEC
/// rules are exactly its codes, in order, with its metadata and docs.
#[test]
fn spec_rules_come_from_spec_code() {
    let spec_rules: Vec<_> = RULES
        .iter()
        .map(|r| r.meta())
        .filter(|m| m.code.starts_with("SPEC"))
        .collect();
    assert_eq!(spec_rules.len(), SpecCode::ALL.len());
    for (code, meta) in SpecCode::ALL.iter().zip(spec_rules) {
        assert_eq!(meta.code, code.code());
        assert_eq!(meta.name, code.name());
        assert_eq!(meta.severity, code.severity());
        assert_eq!(meta.summary, code.summary());
        assert_eq!(meta.raw_doc, code.raw_doc());
        assert!(meta.doc().starts_with("## What it does"), "{}", meta.code);
    }
    let origin = |c: &str| registry::find(c).map(|r| r.meta().origin);
    assert_eq!(origin("SPEC004"), Some(Origin::Loader));
    assert_eq!(origin("SPEC006"), Some(Origin::Model));
    assert_eq!(origin("SPEC008"), Some(Origin::Suppression));
}

/// No rule file spells out its `Rule` implementation: `declare_rule!`
/// with `impl Rule;` generates `meta()` and the trait impl, and each rule
/// file declares exactly one rule.
#[test]
fn rule_files_declare_their_rule_once() {
    let files = rule_files();
    let declaring = files
        .iter()
        .filter(|(_, text)| text.contains("crate::declare_rule! {"))
        .count();
    assert_eq!(declaring, RULES.len(), "one file per rule");
    for (path, text) in &files {
        let path = path.display();
        assert!(
            text.matches("crate::declare_rule! {").count() <= 1,
            "{path}"
        );
        assert_eq!(
            text.matches("    impl Rule;\n").count(),
            text.matches("crate::declare_rule! {").count(),
            "{path}"
        );
        assert!(!text.contains("fn meta("), "{path} writes meta() by hand");
        assert!(
            !text.contains("impl Rule for"),
            "{path} implements Rule by hand"
        );
    }
}

/// Rules read the typed model: no rule file reads source text
/// (`Checker::text`, `spec.sources`) or looks a JSON Pointer up in the
/// source map; the places they point at carry their own `Loc`.
#[test]
fn rules_read_the_typed_model_only() {
    for (path, text) in rule_files() {
        let path = path.display();
        for needle in [
            "cx.text(",
            ".text(",
            "spec.sources",
            ".lookup(",
            "escape_token",
            "support::child",
        ] {
            assert!(!text.contains(needle), "{path} uses `{needle}`");
        }
    }
}
