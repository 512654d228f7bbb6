//! The fuzz targets' checks, as functions: `fuzz_targets/*.rs` hand them
//! libFuzzer's input (`scripts/fuzz.sh`, feature `fuzzing`), and the tests
//! below run every committed seed through them, so the checks are compiled,
//! linted and exercised by the workspace's ordinary test run.

use std::path::Path;

use reelnet_lint::baseline::Baseline;
use reelnet_lint::config::{Config, ConfigError};
use reelnet_lint::suppress::parse;
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
        ..Limits::default()
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

/// Load a spec from arbitrary bytes: never a panic, a hang or a blow-up, and
/// every diagnostic points inside its file at a node of its source map.
pub fn load(data: &[u8]) {
    let loader = loader();

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
}

/// Load, lint and render every output format: never a panic, and the
/// machine-readable formats stay well-formed. The input is one file, or
/// several separated by a line `#%file` (a directory spec, so that sections
/// can clash across files).
pub fn lint(data: &[u8]) {
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
}

/// Parse a configuration from arbitrary text (as `reelnet-lint.toml` and as
/// `pyproject.toml`): never a panic or a blow-up, and every problem is
/// located inside the text.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = u32::try_from(text.split('\n').count()).unwrap_or(u32::MAX);
    for name in ["reelnet-lint.toml", "pyproject.toml"] {
        match Config::parse(text, Path::new(name)) {
            Ok(_) | Err(ConfigError::Io { .. }) => {}
            Err(ConfigError::Invalid { problems, .. }) => {
                assert!(!problems.is_empty());
                for p in problems {
                    assert!(p.line >= 1 && p.line <= lines, "{p:?}");
                    assert!(p.column >= 1, "{p:?}");
                }
            }
        }
    }
}

/// Parse a baseline from arbitrary text and apply it to a report: never a
/// panic or a blow-up; what parses writes back to a file that parses.
pub fn baseline(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(baseline) = Baseline::parse(text, Path::new("b.json"), Path::new("/fuzz")) else {
        return;
    };
    let again = Baseline::parse(&baseline.to_json(), Path::new("b.json"), Path::new("/fuzz"));
    assert!(again.is_ok(), "{again:?}");
    let linter = Linter::builtin();
    let mut report = Report::new(vec![linter.check_str(
        "/fuzz/s.yaml",
        "name: x\nvpc:\n  cidr: 10.0.0.0/16\n  public_subnets: [10.0.1.0/24, 10.0.1.0/25]\n",
    )]);
    baseline.apply(&mut report, "fuzz", &|_| false, &|_| true);
    let _ = reelnet_lint::report::notes(&report);
}

/// Parse suppression comments from arbitrary text, then lint it: never a
/// panic or a blow-up; every directive and malformed comment lies inside
/// the text, on a char boundary.
pub fn suppress(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let inside = |start: u32, end: u32| {
        start <= end
            && (end as usize) <= text.len()
            && text.is_char_boundary(start as usize)
            && text.is_char_boundary(end as usize)
    };
    // The comments are the YAML parser's, recorded by the loader.
    let loaded = loader().read_str("fuzz.yaml", text);
    let Some((_, file)) = loaded.sources.iter().next() else {
        return;
    };
    let parsed = parse(file);
    for d in &parsed.directives {
        assert!(inside(d.comment.start, d.comment.end), "{d:?}");
        assert!(inside(d.head.start, d.head.end), "{d:?}");
        for n in &d.rules {
            assert!(inside(n.range.start, n.range.end), "{d:?}");
        }
    }
    for m in &parsed.malformed {
        assert!(inside(m.range.start, m.range.end), "{m:?}");
    }
    let _ = Linter::builtin().check_str("fuzz.yaml", text);
}

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

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The committed seeds of a target (`fuzz/corpus/TARGET/seed-*`), at
    /// least `min` of them.
    fn seeds(target: &str, min: usize) -> Vec<(String, Vec<u8>)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(target);
        let mut out = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.starts_with("seed-") {
                let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
                out.push((name, data));
            }
        }
        assert!(out.len() >= min, "too few seeds in {}", dir.display());
        out
    }

    #[test]
    fn every_load_seed_passes_the_load_checks() {
        for (name, data) in seeds("load", 50) {
            let result = std::panic::catch_unwind(|| super::load(&data));
            assert!(result.is_ok(), "seed {name}");
        }
    }

    #[test]
    fn every_lint_seed_passes_the_lint_checks() {
        for (name, data) in seeds("lint", 50) {
            let result = std::panic::catch_unwind(|| super::lint(&data));
            assert!(result.is_ok(), "seed {name}");
        }
    }

    #[test]
    fn every_config_seed_passes_the_config_checks() {
        for (name, data) in seeds("config", 2) {
            eprintln!("{name}");
            super::config(&data);
        }
    }

    #[test]
    fn every_baseline_seed_passes_the_baseline_checks() {
        for (name, data) in seeds("baseline", 1) {
            eprintln!("{name}");
            super::baseline(&data);
        }
    }

    #[test]
    fn every_suppress_seed_passes_the_suppress_checks() {
        for (name, data) in seeds("suppress", 1) {
            eprintln!("{name}");
            super::suppress(&data);
        }
    }
}
