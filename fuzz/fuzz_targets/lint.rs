//! Load, lint and render every output format: never a panic, and the
//! machine-readable formats stay well-formed.
//!
//! The input is one file, or several separated by a line `#%file` (a
//! directory spec, so that sections can clash across files).
#![no_main]

use libfuzzer_sys::fuzz_target;
use reelnet_lint::{LintOptions, Linter, Report, output};
use reelnet_spec::{Limits, Loader};

/// Tighter than the defaults so that the fuzzer reaches the limits often.
fn loader() -> Loader {
    Loader::new(Limits {
        max_file_bytes: 1 << 20,
        max_depth: 64,
        max_nodes: 100_000,
        max_alias_expansions: 10_000,
        max_files: 16,
    })
}

/// Every rule, as of a fixed date; built once.
fn linter() -> &'static Linter {
    static LINTER: std::sync::OnceLock<Linter> = std::sync::OnceLock::new();
    LINTER.get_or_init(|| {
        let options = LintOptions {
            as_of: "2026-11-26".parse().ok(),
            ..LintOptions::default()
        };
        Linter::new(&options)
            .unwrap_or_default()
            .with_loader(loader())
    })
}

fuzz_target!(|data: &[u8]| {
    let linter = linter();
    let parts: Vec<&[u8]> = split(data, b"\n#%file\n");
    let spec = if parts.len() == 1 {
        linter.check_loaded("fuzz.yaml", loader().read_bytes("fuzz.yaml", data.to_vec()))
    } else {
        let files = parts
            .iter()
            .take(4)
            .enumerate()
            .map(|(i, p)| {
                (
                    format!("spec/{i}.yaml"),
                    String::from_utf8_lossy(p).into_owned(),
                )
            })
            .collect();
        linter.check_texts("spec", files)
    };
    let report = Report::new(vec![spec]);
    let human = output::human::render(&report, false);
    assert!(human.ends_with('\n'));
    let json = output::json::render(&report);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("JSON: {e}"));
    assert_eq!(v["version"], 1);
    let sarif = output::sarif::render(&report);
    let s: serde_json::Value =
        serde_json::from_str(&sarif).unwrap_or_else(|e| panic!("SARIF: {e}"));
    assert_eq!(s["version"], "2.1.0");
    // Every result its own fingerprint (SARIF, and the same in GitLab's report).
    let results = s["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut fingerprints: Vec<String> = results
        .iter()
        .map(|r| r["partialFingerprints"]["reelnetIdentity/v2"].to_string())
        .collect();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(
        fingerprints.len(),
        results.len(),
        "SARIF fingerprints repeat"
    );
    let gitlab = output::gitlab::render(&report);
    let g: serde_json::Value =
        serde_json::from_str(&gitlab).unwrap_or_else(|e| panic!("GitLab: {e}"));
    assert!(g.is_array());
    let _ = output::github::render(&report);
    let junit = output::junit::render(&report);
    assert!(junit.starts_with("<?xml"));
    // Same input, same bytes.
    assert_eq!(json, output::json::render(&report));
});

fn split<'a>(data: &'a [u8], sep: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while let Some(i) = rest.windows(sep.len()).position(|w| w == sep) {
        out.push(&rest[..i]);
        rest = &rest[i + sep.len()..];
    }
    out.push(rest);
    out
}
