//! The comments the loader records (the YAML parser's comment events)
//! are exactly the YAML comments: on every fixture and example, a `#` is a
//! comment exactly when it starts a line or follows whitespace and lies
//! inside no scalar the parser read.

mod common;

use reelnet_spec::Loader;

#[test]
fn agrees_with_the_parser_on_every_fixture_and_example() {
    let root = common::root();
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["reelnet-lint/tests/fixtures", "examples"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap_or_else(|e| panic!("{e}")) {
            let p = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut checked = 0;
    let tricky = "name: \"a # b\"  # c1\nnote: |  # c2\n  text # not a comment\n\n  # nor this\nother: >-\n    folded # text\n  # c3\nq: 'it''s # x' # c4\nplain: it's # c5\nflow: [\"#\", '#', a#b]  # c6\nlist:\n  - |\n   # text\n  - k: \"multi\n      # line\"  # c7\n";
    let mut texts: Vec<(std::path::PathBuf, String)> = vec![("tricky".into(), tricky.to_owned())];
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
        texts.push((path, text));
    }
    for (path, text) in texts {
        // Fixtures hold several documents: check each on its own.
        for doc in text.split("\n---\n") {
            let loaded = Loader::default().read_str("doc.yaml", doc);
            if loaded.diagnostics.iter().any(|d| d.code == "SPEC000") {
                continue;
            }
            let Some((_, file)) = loaded.sources.iter().next() else {
                continue;
            };
            let scalars: Vec<(u32, u32)> = file
                .map
                .entries()
                .filter(|e| !e.container)
                .map(|e| (e.value.start, e.value.end))
                .collect();
            let bytes = doc.as_bytes();
            let expected: Vec<u32> = (0..bytes.len())
                .filter(|&i| bytes[i] == b'#')
                .filter(|&i| i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n'))
                .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
                .filter(|&i| !scalars.iter().any(|&(s, e)| s <= i && i < e))
                .collect();
            // A comment runs to the end of its line: later `#`s on it are inside it.
            let found: Vec<u32> = file.comments().iter().map(|c| c.range.start).collect();
            let line_of = |i: u32| doc[..i as usize].matches('\n').count();
            let mut first_per_line = expected.clone();
            first_per_line.dedup_by_key(|i| line_of(*i));
            assert_eq!(found, first_per_line, "{}:\n{doc}", path.display());
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} documents checked");
}
