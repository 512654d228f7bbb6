//! Baselines through the real binary: identity by code, file, JSON path and
//! value; never by line; never absorbing a new violation.

mod project;

use project::Project;

/// NET001 at /vpc/public_subnets/1 and NET006 for the private tier.
const SPEC: &str = "name: base
availability_zones: [a, b]
vpc:
  cidr: 10.0.0.0/16
  public_subnets:
    - 10.0.1.0/24
    - 10.0.1.0/25
  private_subnets:
    - { cidr: 10.0.3.0/24, az: a }
    - { cidr: 10.0.4.0/24, az: a }
";

fn setup(name: &str) -> Project {
    let p = Project::new(name);
    p.write("reelnet-lint.toml", "select = [\"NET\"]\n")
        .write("infra/reelnet.yaml", SPEC);
    let w = p.run(&[
        "check",
        "infra/reelnet.yaml",
        "--write-baseline",
        "reelnet-baseline.json",
    ]);
    assert_eq!(w.code, Some(0), "writing a baseline exits 0: {}", w.stderr);
    assert!(
        w.stderr
            .contains("recorded 2 findings in reelnet-baseline.json"),
        "{}",
        w.stderr
    );
    p
}

fn with_baseline(p: &Project, dir: &str, args: &[&str]) -> project::Run {
    let baseline = if dir == "." {
        "reelnet-baseline.json".to_owned()
    } else {
        format!(
            "{}reelnet-baseline.json",
            "../".repeat(dir.split('/').count())
        )
    };
    let mut a = vec!["check", "--format", "json", "--baseline", &baseline];
    a.extend_from_slice(args);
    p.run_in(dir, &a)
}

#[test]
fn the_file_is_sorted_relative_and_deterministic() {
    let p = setup("base-file");
    let first = p.read("reelnet-baseline.json");
    let v: serde_json::Value = serde_json::from_str(&first).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["version"], 2);
    let entries = v["entries"].as_array().cloned().unwrap_or_default();
    let keys: Vec<String> = entries
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {} {}",
                e["code"], e["file"], e["path"], e["severity"], e["count"]
            )
        })
        .collect();
    assert_eq!(
        keys,
        [
            "\"NET001\" \"infra/reelnet.yaml\" \"/vpc/public_subnets/1\" \"error\" 1",
            "\"NET006\" \"infra/reelnet.yaml\" \"/vpc/private_subnets\" \"warning\" 1"
        ]
    );
    for e in &entries {
        assert!(
            e["fingerprint"].as_str().is_some_and(|f| f.len() == 16),
            "{e}"
        );
    }
    // Same findings, from another directory: byte-identical file.
    let w = p.run_in(
        "infra",
        &[
            "check",
            "reelnet.yaml",
            "--write-baseline",
            "../reelnet-baseline.json",
        ],
    );
    assert_eq!(w.code, Some(0), "{}", w.stderr);
    assert_eq!(p.read("reelnet-baseline.json"), first);
}

#[test]
fn hides_exactly_the_recorded_findings() {
    let p = setup("base-hides");
    let out = with_baseline(&p, ".", &["infra/reelnet.yaml"]);
    assert_eq!(out.code, Some(0), "{}", out.stdout);
    assert_eq!(out.codes(), Vec::<String>::new());
    assert_eq!(out.summary("suppressed"), 2);
    assert!(out.json().get("notes").is_none());
    // From a subdirectory, with paths relative to it: still the same files.
    let inside = with_baseline(&p, "infra", &["reelnet.yaml"]);
    assert_eq!(inside.codes(), Vec::<String>::new(), "{}", inside.stdout);
}

#[test]
fn unrelated_edits_do_not_resurface_findings() {
    let p = setup("base-edits");
    // Lines shift, comments and layout change, a section is added.
    let edited = format!(
        "# ReelNet production network\n# owner: platform team\n\n{}",
        SPEC.replace(
            "    - 10.0.1.0/25\n",
            "    - 10.0.1.0/25      # the legacy range\n"
        )
        .replace(
            "{ cidr: 10.0.4.0/24, az: a }",
            "{ cidr: 10.0.4.0/24,   az: a }"
        )
    ) + "cdn:\n  distributions: []\n";
    p.write("infra/reelnet.yaml", &edited);
    let out = with_baseline(&p, ".", &["infra/reelnet.yaml"]);
    assert_eq!(out.codes(), Vec::<String>::new(), "{}", out.stdout);
    assert_eq!(out.summary("suppressed"), 2);
}

#[test]
fn new_violations_are_never_absorbed() {
    let p = setup("base-new");
    // Another path in the same file: a third public subnet overlapping.
    p.write(
        "infra/reelnet.yaml",
        &SPEC.replace(
            "    - 10.0.1.0/25\n",
            "    - 10.0.1.0/25\n    - 10.0.1.128/25\n",
        ),
    );
    let out = with_baseline(&p, ".", &["infra/reelnet.yaml"]);
    assert_eq!(
        out.found(),
        ["NET001@infra/reelnet.yaml:8"],
        "{}",
        out.stdout
    );
    assert_eq!(out.code, Some(1));
    // The same violation in another file: not absorbed either.
    p.write("infra/reelnet.yaml", SPEC)
        .write("other/reelnet.yaml", SPEC);
    let out = with_baseline(&p, ".", &["infra/reelnet.yaml", "other/reelnet.yaml"]);
    assert_eq!(
        out.found(),
        ["NET001@other/reelnet.yaml:7", "NET006@other/reelnet.yaml:8"],
        "{}",
        out.stdout
    );
    // (Counting: two findings with one identity where one was recorded
    // leave one shown; see the unit test in src/baseline.rs.)
}

#[test]
fn a_changed_value_resurfaces_and_its_entry_is_stale() {
    let p = setup("base-changed");
    // Same path, another overlapping range: a different finding.
    p.write(
        "infra/reelnet.yaml",
        &SPEC.replace("    - 10.0.1.0/25\n", "    - 10.0.1.128/25\n"),
    );
    let out = with_baseline(&p, ".", &["infra/reelnet.yaml"]);
    assert_eq!(
        out.found(),
        ["NET001@infra/reelnet.yaml:7"],
        "{}",
        out.stdout
    );
    let notes = out.json()["notes"].clone();
    assert_eq!(
        notes,
        serde_json::json!([
            "baseline entry NET001 at infra/reelnet.yaml /vpc/public_subnets/1 no longer matches: the finding there changed (a value, or its severity) and is reported again; fix it, or rewrite the baseline with --write-baseline"
        ])
    );
    // Fixed entirely: exit 0, the stale entry is a note (human output too).
    p.write(
        "infra/reelnet.yaml",
        &SPEC.replace("    - 10.0.1.0/25\n", "    - 10.0.2.0/24\n"),
    );
    let human = p.run(&[
        "check",
        "infra/reelnet.yaml",
        "--baseline",
        "reelnet-baseline.json",
    ]);
    assert_eq!(human.code, Some(0), "{}", human.stdout);
    assert!(
        human.stdout.contains("note: baseline entry NET001 at infra/reelnet.yaml /vpc/public_subnets/1 matched no finding"),
        "{}",
        human.stdout
    );
    // A file that no longer exists: its entries are stale too; a file that
    // exists but was not linted in this run is left alone.
    p.write("lone.yaml", "name: lone\n");
    let out = with_baseline(&p, ".", &["lone.yaml"]);
    assert!(out.json().get("notes").is_none(), "{}", out.stdout);
    std::fs::remove_dir_all(p.path("infra")).unwrap_or_else(|e| panic!("{e}"));
    let out = with_baseline(&p, ".", &["lone.yaml"]);
    let notes = out.json()["notes"].to_string();
    assert!(notes.contains("the file no longer exists"), "{notes}");
}

#[test]
fn bad_baselines_are_usage_errors() {
    let p = setup("base-bad");
    let missing = p.run(&["check", "infra/reelnet.yaml", "--baseline", "nope.json"]);
    assert_eq!(missing.code, Some(2));
    assert!(
        missing.stderr.contains("cannot read baseline nope.json"),
        "{}",
        missing.stderr
    );
    p.write("junk.json", "{\"entries\": 3}");
    let junk = p.run(&["check", "infra/reelnet.yaml", "--baseline", "junk.json"]);
    assert_eq!(junk.code, Some(2));
    assert!(
        junk.stderr
            .contains("junk.json is not a reelnet-lint baseline"),
        "{}",
        junk.stderr
    );
    let both = p.run(&[
        "check",
        "infra/reelnet.yaml",
        "--baseline",
        "reelnet-baseline.json",
        "--write-baseline",
        "x.json",
    ]);
    assert_eq!(both.code, Some(2));
    let unwritable = p.run(&[
        "check",
        "infra/reelnet.yaml",
        "--write-baseline",
        "no/dir/b.json",
    ]);
    assert_eq!(unwritable.code, Some(2));
}

/// A baseline's entries are checked, each problem located (file, line,
/// column) with exit 2: an entry that cannot match (unknown rule, malformed
/// fingerprint or path, wrong type) would otherwise hide nothing, silently.
#[test]
fn baseline_entries_are_validated_with_their_position() {
    let p = setup("base-validated");
    let entry = |fields: &str| {
        format!(
            "{{\"version\": 2, \"tool\": \"reelnet-lint\", \"entries\": [\n  {{{fields}}}\n]}}\n"
        )
    };
    let good = r#""code": "NET001", "file": "infra/reelnet.yaml", "path": "/vpc", "severity": "error", "fingerprint": "0123456789abcdef", "count": 1"#;
    // Each case: the first field replaced; its message expected at line 2.
    let cases: &[(&str, &str, &str)] = &[
        (
            "code",
            r#""code": "NET01""#,
            ":2:12: entries[0].code: unknown rule `NET01` (did you mean `NET001`?); remove the entry, or rewrite the baseline with --write-baseline",
        ),
        (
            "code",
            r#""code": "net-overlap""#,
            ":2:12: entries[0].code: unknown rule `net-overlap`",
        ),
        (
            "fingerprint",
            r#""fingerprint": "0123456789ABCDEF""#,
            ":2:19: entries[0].fingerprint: `0123456789ABCDEF` is not a fingerprint; expected 16 lowercase hexadecimal digits",
        ),
        (
            "fingerprint",
            r#""fingerprint": "0""#,
            ":2:19: entries[0].fingerprint: `0` is not a fingerprint",
        ),
        (
            "fingerprint",
            r#""fingerprint": 81985529216486895"#,
            ":2:19: entries[0].fingerprint must be a string, found a number",
        ),
        (
            "path",
            r#""path": "vpc/cidr""#,
            ":2:12: entries[0].path: `vpc/cidr` is not a JSON Pointer",
        ),
        (
            "severity",
            r#""severity": "fatal""#,
            ":2:16: entries[0].severity: `fatal` is not a severity; expected `error`, `warning` or `info`",
        ),
        (
            "count",
            r#""count": "1""#,
            ":2:13: entries[0].count: expected a positive whole number, found a string",
        ),
        (
            "count",
            r#""count": 0"#,
            ":2:13: entries[0].count: expected a positive whole number, found `0`",
        ),
        (
            "file",
            r#""file": ["infra/reelnet.yaml"]"#,
            ":2:12: entries[0].file must be a string, found an array",
        ),
    ];
    for (key, field, expected) in cases {
        let others: Vec<&str> = good
            .split(", ")
            .filter(|f| !f.starts_with(&format!("\"{key}\"")))
            .collect();
        p.write("b.json", &entry(&format!("{field}, {}", others.join(", "))));
        let out = p.run(&["check", "infra/reelnet.yaml", "--baseline", "b.json"]);
        assert_eq!(out.code, Some(2), "{field}: {}", out.stderr);
        assert!(
            out.stderr
                .contains("b.json is not a reelnet-lint baseline (1 problem)"),
            "{field}: {}",
            out.stderr
        );
        assert!(
            out.stderr
                .contains(&format!("reelnet-lint: b.json{expected}")),
            "{field}: wanted b.json{expected} in:\n{}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "{field}: {}", out.stdout);
    }
    // The good entry itself is accepted.
    p.write("b.json", &entry(good));
    let ok = p.run(&["check", "infra/reelnet.yaml", "--baseline", "b.json"]);
    assert_eq!(ok.code, Some(1), "{}", ok.stderr);
    // Every problem of a file at once, in file order; whole-file ones too.
    p.write(
        "b.json",
        "{\"version\": 3, \"tool\": \"other\", \"extra\": 1,\n \"entries\": [\n  {\"code\": \"NOPE\"},\n  7\n]}\n",
    );
    let all = p.run(&["check", "infra/reelnet.yaml", "--baseline", "b.json"]);
    assert_eq!(all.code, Some(2));
    let expected = [
        "b.json is not a reelnet-lint baseline (10 problems)",
        "b.json:1:13: version `3` is not one this reelnet-lint reads (it reads versions 1 to 2)",
        "b.json:1:24: written by `other`, not reelnet-lint",
        "b.json:1:42: unknown key `extra`",
        "b.json:3:3: entries[0]: missing `file`",
        "b.json:3:3: entries[0]: missing `path`",
        "b.json:3:3: entries[0]: missing `severity`",
        "b.json:3:3: entries[0]: missing `fingerprint`",
        "b.json:3:3: entries[0]: missing `count`",
        "b.json:3:12: entries[0].code: unknown rule `NOPE`",
        "b.json:4:3: entries[1] must be an object, found a number",
    ];
    let mut at = 0;
    for e in expected {
        let found = all.stderr[at..].find(e);
        assert!(found.is_some(), "{e} (in order) in:\n{}", all.stderr);
        at += found.unwrap_or(0);
    }
    // Not JSON at all: where the parser stopped.
    p.write("b.json", "{\"version\": 2,\n \"entries\": [\n");
    let broken = p.run(&["check", "infra/reelnet.yaml", "--baseline", "b.json"]);
    assert_eq!(broken.code, Some(2));
    assert!(
        broken
            .stderr
            .contains("b.json:3:1: not valid JSON: EOF while parsing"),
        "{}",
        broken.stderr
    );
}

#[test]
fn errors_of_a_spec_that_does_not_load_are_not_hidden() {
    let p = Project::new("base-unloaded");
    p.write("reelnet-lint.toml", "select = [\"NET\", \"SPEC\"]\n")
        .write("reelnet.yaml", &format!("{SPEC}  pubic_subnets: []\n"));
    // The CLI refuses to record a spec that does not load (exit 1, nothing
    // written); a baseline holding its error can still come from elsewhere.
    let w = p.run(&["check", "--write-baseline", "reelnet-baseline.json"]);
    assert_eq!(w.code, Some(1), "{}", w.stderr);
    assert!(!p.path("reelnet-baseline.json").exists());
    let linter = reelnet_lint::Linter::builtin();
    let report = reelnet_lint::Report::new(vec![
        linter
            .check_path(&p.path("reelnet.yaml"))
            .unwrap_or_else(|e| panic!("{e}")),
    ]);
    reelnet_lint::baseline::Baseline::from_report(&report, &p.dir, &|_| false)
        .write(&p.path("reelnet-baseline.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(p.read("reelnet-baseline.json").contains("SPEC001"));
    let out = with_baseline(&p, ".", &[]);
    assert_eq!(out.code, Some(1));
    assert_eq!(out.codes(), ["SPEC001"]);
    let notes = out.json()["notes"].to_string();
    assert!(
        notes.contains("baseline entry SPEC001 at reelnet.yaml /vpc/pubic_subnets is not applied: the spec does not load"),
        "{notes}"
    );
}
