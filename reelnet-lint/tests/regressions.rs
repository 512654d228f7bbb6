//! Inputs that once broke something (found by fuzzing, property tests or
//! review), each pinned by a test, and the loader limits through the
//! linter's API.

mod common;

use reelnet_lint::{Linter, Report, output};
use reelnet_spec::{Limits, Loader};

/// Lint `text` with every rule and render every format: no panic, and the
/// machine-readable formats stay well-formed.
fn lint_all_formats(text: &str) -> Report {
    let linter = common::linter(&["ALL"]);
    let report = Report::new(vec![linter.check_str("input.yaml", text)]);
    let _ = output::human::render(&report, false);
    let json: serde_json::Value = serde_json::from_str(&output::json::render(&report))
        .unwrap_or_else(|e| panic!("JSON: {e}"));
    assert_eq!(json["version"], 1);
    let sarif: serde_json::Value = serde_json::from_str(&output::sarif::render(&report))
        .unwrap_or_else(|e| panic!("SARIF: {e}"));
    assert_eq!(sarif["version"], "2.1.0");
    let _ = output::github::render(&report);
    assert!(output::junit::render(&report).starts_with("<?xml"));
    report
}

fn codes(report: &Report) -> Vec<&str> {
    report
        .resolved()
        .iter()
        .map(|r| r.diagnostic.code)
        .collect()
}

#[test]
fn limits_reach_the_linter() {
    let loader = Loader::new(Limits {
        max_depth: 2,
        ..Limits::default()
    });
    let linter = Linter::builtin().with_loader(loader);
    let report = Report::new(vec![
        linter.check_str("deep.yaml", "name: x\nvpc: { peers: [[]] }\n"),
    ]);
    let r = report.resolved();
    let first = r.first().unwrap_or_else(|| panic!("no finding"));
    assert_eq!(first.diagnostic.code, "SPEC000");
    assert_eq!(
        first.diagnostic.message,
        "the YAML nests deeper than 2 levels of mappings and lists"
    );
    // At `peers` list: the root, `vpc`, then the list is the third level.
    assert_eq!((first.position.line, first.position.column), (2, 15));
    // The default loader reads it.
    let report = Report::new(vec![
        Linter::builtin().check_str("deep.yaml", "name: x\nvpc: { peers: [[]] }\n"),
    ]);
    assert!(!codes(&report).contains(&"SPEC000"));
}

/// A directory spec need not repeat `name` in every file (found by the
/// limit tests: the schema required it per file).
#[test]
fn directory_spec_files_need_not_repeat_name() {
    let linter = common::linter(&["SPEC"]);
    let report = Report::new(vec![linter.check_texts(
        "infra",
        vec![
            ("infra/main.yaml".into(), "name: x\n".into()),
            (
                "infra/net.yaml".into(),
                "vpc: { cidr: 10.0.0.0/16 }\n".into(),
            ),
        ],
    )]);
    assert!(codes(&report).is_empty(), "{:?}", codes(&report));
    // Without `name` anywhere, one finding, in the first file.
    let report = Report::new(vec![linter.check_texts(
        "infra",
        vec![
            ("infra/a.yaml".into(), "region: r\n".into()),
            ("infra/b.yaml".into(), "vpc: { cidr: 10.0.0.0/16 }\n".into()),
        ],
    )]);
    let r = report.resolved();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].diagnostic.message, "missing required field `name`");
    assert_eq!(r[0].position.file, "infra/a.yaml");
}

/// A size that no unit divides serialises exactly (found by the round-trip
/// property: `1.2499GB` came back as `1.25GiB`, then `1280MiB`).
#[test]
fn sizes_serialise_exactly() {
    let spec = reelnet_spec::load_str("s.yaml", "name: x\ndatabase: { storage: 1.2499GB }\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut v = serde_json::to_value(&spec.model).unwrap_or_else(|e| panic!("{e}"));
    // The parsed referenced files are not spec sections.
    if let Some(sections) = v.as_object_mut() {
        sections.remove("dockerfiles");
        sections.remove("manifests");
    }
    let storage = v["database"][0]["storage"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(storage, "1342069905B");
    let again =
        reelnet_spec::load_str("again.yaml", &v.to_string()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        again.database[0].storage.as_ref().map(|s| s.bytes),
        Some(1_342_069_905)
    );
}

/// Equal ranges written differently pair the same way whatever their order
/// (found by the order-independence property).
#[test]
fn overlap_pairs_do_not_depend_on_list_order() {
    let spec = |a: &str, b: &str| {
        format!(
            "name: x\nvpc:\n  cidr: 10.0.0.0/16\n  public_subnets:\n    - {{ cidr: {a}, az: a }}\n    - {{ cidr: {b}, az: b }}\n    - {{ cidr: 10.0.4.0/25, az: a }}\n"
        )
    };
    let linter = common::linter(&["NET001"]);
    let related = |text: &str| {
        let report = Report::new(vec![linter.check_str("s.yaml", text)]);
        let mut pairs: Vec<Vec<String>> = report
            .resolved()
            .iter()
            .map(|r| {
                let mut p = vec![r.position.path.clone()];
                p.extend(r.related.iter().map(|(pos, _)| pos.path.clone()));
                p.iter()
                    .map(|path| {
                        let src = r.sources.get(r.diagnostic.primary.file);
                        src.and_then(|f| f.map.lookup(path).map(|n| (f, n)))
                            .and_then(|(f, n)| f.map.entry(n).map(|e| f.slice(e.value).to_owned()))
                            .unwrap_or_default()
                    })
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect()
            })
            .collect();
        pairs.sort();
        pairs
    };
    assert_eq!(
        related(&spec("10.0.6.0/22", "10.0.4.5/22")),
        related(&spec("10.0.4.5/22", "10.0.6.0/22"))
    );
}

/// Hostile YAML through every renderer.
#[test]
fn hostile_yaml_renders_in_every_format() {
    for text in [
        "a: &a [*a]\n",
        "name: x\nbase: &b 5\nvpc: { <<: *b }\n",
        "name: x\nvpc: { <<: [*nope] }\n",
        "? [a, b]\n: c\nname: x\n",
        "*a : 1\n",
        "name: !!int abc\n",
        "name: x\n---\nname: y\n",
        "\u{feff}name: x\n",
        "name: \"\\ud800\"\n",
        "name: x\r\nvpc:\r\n  cidr: 10.0.0.0/16\r\n",
        "name: x\nalarms: { cpu: { threshold: .inf } }\n",
    ] {
        let report = lint_all_formats(text);
        assert!(
            report.fails(reelnet_lint::Severity::Error)
                || codes(&report).iter().all(|c| !c.starts_with("SPEC00")),
            "{text:?}: {:?}",
            codes(&report)
        );
    }
}

/// A file whose YAML breaks after a duplicate key reports the syntax error
/// only: the duplicate's path pointed into a tree that was not kept
/// (fuzz/artifacts/load/crash-2a5fbd00…, minimised).
#[test]
fn fatal_error_after_a_duplicate_key() {
    let text = "name: a\npipeline: {}\nname: b\nvpc: [\n";
    let loaded = Loader::default().read_str("crash.yaml", text);
    let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["SPEC000"]);
    lint_all_formats(text);
}

/// Anchors on keys, and aliases to values that are not read.
#[test]
fn anchors_on_keys_and_on_discarded_values() {
    let loaded = Loader::default().read_str("k.yaml", "&n name: x\nregion: *n\n");
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(
        loaded.model.and_then(|m| m.region).map(|r| r.value),
        Some("name".to_owned())
    );
    let text = "name: x\nname: &d dup\nregion: *d\n";
    let loaded = Loader::default().read_str("d.yaml", text);
    let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["SPEC002", "SPEC004"]);
    let d = &loaded.diagnostics[1];
    assert_eq!(
        d.message,
        "alias `*d` refers to a value that is not read (that of a duplicate or complex key)"
    );
    assert_eq!(d.primary.path, "/region");
    lint_all_formats(text);
}

/// Messages stay short on large specs (the 100,000-subnet benchmark had a
/// 550 KB NET008 message spelling out every subnet).
#[test]
fn messages_stay_short_on_large_specs() {
    let mut text = String::from("name: x\nvpc:\n  cidr: 10.0.0.0/16\n  private_subnets:\n");
    for i in 0..40 {
        text.push_str(&format!("    - 10.0.{i}.0/28\n"));
    }
    text.push_str("auto_scaling: { min_size: 2, max_size: 5000, desired_capacity: 2 }\n");
    let report = Report::new(vec![
        common::linter(&["NET008"]).check_str("big.yaml", &text),
    ]);
    let r = report.resolved();
    assert_eq!(r.len(), 1);
    assert!(
        r[0].diagnostic.message.contains("(40 × (16 − 5) = 440)"),
        "{}",
        r[0].diagnostic.message
    );

    // A dangling reference names a few of the defined resources, not all.
    let mut text = String::from("name: x\nstorage:\n  buckets:\n");
    for i in 0..100 {
        text.push_str(&format!("    - name: b{i}\n"));
    }
    text.push_str("cdn:\n  distributions:\n    - { name: d, origins: [storage/nope] }\n");
    let report = Report::new(vec![
        common::linter(&["SPEC006"]).check_str("refs.yaml", &text),
    ]);
    let r = report.resolved();
    assert_eq!(r.len(), 1);
    let m = &r[0].diagnostic.message;
    assert!(m.ends_with("`b7` and 92 more"), "{m}");
}
