//! Load a spec from arbitrary bytes: never a panic, a hang or a blow-up, and
//! every diagnostic points inside its file at a node of its source map.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reelnet_spec::{Limits, Loader};

fuzz_target!(|data: &[u8]| {
    // Tighter than the defaults so that the fuzzer reaches the limits often.
    let loader = Loader::new(Limits {
        max_file_bytes: 1 << 20,
        max_depth: 64,
        max_nodes: 100_000,
        max_alias_expansions: 10_000,
        max_files: 16,
        follow_external_links: false,
    });
    let loaded = loader.read_bytes("fuzz.yaml", data.to_vec());
    for d in &loaded.diagnostics {
        for label in std::iter::once(&d.primary).chain(&d.related) {
            let file = loaded.sources.file(label.file);
            assert!(label.range.start <= label.range.end, "{d:?}");
            assert!(label.range.end as usize <= file.text.len(), "{d:?}");
            assert!(
                file.text.is_char_boundary(label.range.start as usize),
                "{d:?}"
            );
            assert!(
                file.text.is_char_boundary(label.range.end as usize),
                "{d:?}"
            );
            if !label.path.is_empty() {
                assert!(file.map.lookup(&label.path).is_some(), "{d:?}");
            }
        }
    }
    if loaded.model.is_some() {
        assert!(
            loaded
                .diagnostics
                .iter()
                .all(|d| d.severity != reelnet_spec::Severity::Error)
        );
    }
});
