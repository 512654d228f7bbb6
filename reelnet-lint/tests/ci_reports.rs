//! Findings precise wherever CI reads them, through the real binary: paths
//! from the project root, one fingerprint per finding, baselined findings
//! that get worse come back, GitLab Code Quality, and the `--select` /
//! `--ignore` lists.

mod project;

use std::collections::BTreeSet;

use project::{AS_OF, Project};
use serde_json::Value;

/// Overlapping public subnets (NET001).
const OVERLAP: &str = "name: ci
availability_zones: [a, b]
vpc:
  cidr: 10.0.0.0/16
  public_subnets: [10.0.1.0/24, 10.0.1.0/25]
";

fn sarif_results(sarif: &Value) -> Vec<Value> {
    sarif["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn fingerprints(sarif: &Value) -> Vec<String> {
    sarif_results(sarif)
        .iter()
        .map(|r| {
            r["partialFingerprints"]["reelnetIdentity/v2"]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect()
}

fn assert_distinct(fps: &[String], what: &str) {
    let set: BTreeSet<&String> = fps.iter().collect();
    assert_eq!(set.len(), fps.len(), "{what}: fingerprints repeat: {fps:?}");
    assert!(fps.iter().all(|f| f.len() == 16), "{what}: {fps:?}");
}

/// The official SARIF 2.1.0 schema (checked in), compiled.
fn sarif_validator() -> jsonschema::Validator {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-2.1.0.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    // The same ECMA-262 quirk as in tests/formats.rs (a lone `]`).
    let text = text.replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#,
    );
    let schema: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{e}"))
}

fn assert_valid_sarif(validator: &jsonschema::Validator, sarif: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: invalid SARIF:\n{}",
        errors.join("\n")
    );
}

// --- 1. Paths from the project root ------------------------------------

#[test]
fn ci_formats_use_paths_from_the_config_directory_wherever_check_runs() {
    let p = Project::new("ci-root-config");
    p.write(
        "reelnet-lint.toml",
        "specs = [\"infra/\"]\nselect = [\"NET\"]\nas_of = \"2026-11-26\"\n",
    )
    .write("infra/reelnet.yaml", OVERLAP);
    for dir in [".", "infra", "infra/deep/er"] {
        std::fs::create_dir_all(p.path(dir)).unwrap_or_else(|e| panic!("{e}"));
        let sarif = p.run_in(dir, &["check", "--format", "sarif"]);
        assert_eq!(sarif.code, Some(1), "{}", sarif.stderr);
        let log = sarif.json();
        let run = &log["runs"][0];
        let root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .unwrap_or("");
        assert!(
            root.starts_with("file:///")
                && root.ends_with(&format!("/ci-root-config-{}/", std::process::id())),
            "{dir}: {root}"
        );
        for r in sarif_results(&log) {
            let artifact = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            assert_eq!(
                *artifact,
                serde_json::json!({ "uri": "infra/reelnet.yaml", "uriBaseId": "%SRCROOT%" }),
                "{dir}"
            );
            for rel in r["relatedLocations"].as_array().into_iter().flatten() {
                assert_eq!(
                    rel["physicalLocation"]["artifactLocation"]["uri"],
                    "infra/reelnet.yaml"
                );
            }
        }
        let github = p.run_in(dir, &["check", "--format", "github"]).stdout;
        assert!(
            github.starts_with("::error file=infra/reelnet.yaml,line=5,"),
            "{dir}: {github}"
        );
        let gitlab = p.run_in(dir, &["check", "--format", "gitlab"]).json();
        assert_eq!(gitlab[0]["location"]["path"], "infra/reelnet.yaml", "{dir}");
        // Human output stays relative to the working directory.
        let human = p.run_in(dir, &["check"]).stdout;
        let shown = if dir == "." {
            "infra/reelnet.yaml:5:".to_owned()
        } else {
            format!(
                "{}infra/reelnet.yaml:5:",
                "../".repeat(dir.split('/').count())
            )
        };
        assert!(human.contains(&shown), "{dir}: {shown} in {human}");
    }
}

#[test]
fn without_a_config_paths_are_from_the_repository_root() {
    let p = Project::new("ci-root-repo");
    p.write("services/video/infra/reelnet.yaml", OVERLAP);
    let out = p.run_in(
        "services/video",
        &[
            "check",
            "infra/reelnet.yaml",
            "--select",
            "NET",
            "--format",
            "github",
        ],
    );
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("::error file=services/video/infra/reelnet.yaml,line=5,"),
        "{}",
        out.stdout
    );
    let sarif = p
        .run_in(
            "services/video",
            &[
                "check",
                "infra/reelnet.yaml",
                "--select",
                "NET",
                "--format",
                "sarif",
            ],
        )
        .json();
    assert_eq!(
        sarif_results(&sarif)[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "services/video/infra/reelnet.yaml"
    );
    // A configuration in a subdirectory is the project root there (SARIF's
    // %SRCROOT%), but GitHub and GitLab read paths from the repository root.
    p.write("services/video/reelnet-lint.toml", "select = [\"NET\"]\n");
    let gitlab = p
        .run_in(
            "services/video/infra",
            &["check", "reelnet.yaml", "--format", "gitlab"],
        )
        .json();
    assert_eq!(
        gitlab[0]["location"]["path"],
        "services/video/infra/reelnet.yaml"
    );
}

#[test]
fn in_a_monorepo_github_and_gitlab_paths_are_from_the_repository_root() {
    let p = Project::new("ci-root-monorepo");
    p.write(
        "services/video/reelnet-lint.toml",
        "specs = [\"infra/\"]\nselect = [\"NET\"]\nas_of = \"2026-11-26\"\n",
    )
    .write("services/video/infra/reelnet.yaml", OVERLAP);
    for dir in ["services/video", "services/video/infra"] {
        let github = p.run_in(dir, &["check", "--format", "github"]);
        assert_eq!(github.code, Some(1), "{}", github.stderr);
        assert!(
            github
                .stdout
                .starts_with("::error file=services/video/infra/reelnet.yaml,line=5,"),
            "{dir}: {}",
            github.stdout
        );
        let gitlab = p.run_in(dir, &["check", "--format", "gitlab"]).json();
        assert_eq!(
            gitlab[0]["location"]["path"], "services/video/infra/reelnet.yaml",
            "{dir}"
        );
        // SARIF keeps %SRCROOT% (the configuration's directory), said so.
        let sarif = p.run_in(dir, &["check", "--format", "sarif"]).json();
        let run = &sarif["runs"][0];
        assert!(
            run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
                .as_str()
                .is_some_and(|u| u.ends_with("/services/video/")),
            "{run}"
        );
        assert_eq!(
            sarif_results(&sarif)[0]["locations"][0]["physicalLocation"]["artifactLocation"],
            serde_json::json!({ "uri": "infra/reelnet.yaml", "uriBaseId": "%SRCROOT%" })
        );
    }
}

// --- 2. One fingerprint per finding ------------------------------------

#[test]
fn a_subnet_overlapping_four_others_gives_four_fingerprints() {
    let p = Project::new("ci-four-overlaps");
    p.write(
        "reelnet.yaml",
        "name: ci
availability_zones: [a, b]
vpc:
  cidr: 10.0.0.0/16
  public_subnets: [10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24]
  private_subnets: [10.0.0.0/21, 10.0.8.0/21]
",
    );
    let sarif = p
        .run(&["check", "--select", "NET001", "--format", "sarif"])
        .json();
    let results = sarif_results(&sarif);
    assert_eq!(results.len(), 4, "{sarif}");
    // All four at the /21 (line 6), one per subnet it overlaps.
    for r in &results {
        assert_eq!(
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            6
        );
    }
    assert_distinct(&fingerprints(&sarif), "four overlaps");
    let gitlab = p
        .run(&["check", "--select", "NET001", "--format", "gitlab"])
        .json();
    let gl: Vec<String> = gitlab
        .as_array()
        .into_iter()
        .flatten()
        .map(|i| i["fingerprint"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(
        gl.iter().collect::<BTreeSet<_>>(),
        fingerprints(&sarif).iter().collect::<BTreeSet<_>>(),
        "GitLab and SARIF carry the same identities"
    );
    // Stable across line moves: a comment and a blank line above.
    p.write(
        "reelnet.yaml",
        &format!("# the network\n\n{}", p.read("reelnet.yaml")),
    );
    let moved = p
        .run(&["check", "--select", "NET001", "--format", "sarif"])
        .json();
    assert_eq!(
        fingerprints(&moved).iter().collect::<BTreeSet<_>>(),
        fingerprints(&sarif).iter().collect::<BTreeSet<_>>()
    );
}

/// Every fixture case of every rule, linted by the binary (one run per
/// fixture, its cases as separate specs): valid SARIF, and every result
/// with its own fingerprint.
#[test]
fn every_fixture_gives_valid_sarif_with_distinct_fingerprints() {
    let validator = sarif_validator();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let p = Project::new("ci-fixtures");
    let mut results = 0;
    for rule in reelnet_lint::RULES {
        let code = rule.meta().code;
        let text = std::fs::read_to_string(fixtures.join(format!("{code}.yaml")))
            .unwrap_or_else(|e| panic!("{code}: {e}"));
        let mut targets = Vec::new();
        for (i, doc) in text.split("\n---\n").enumerate() {
            let dir = format!("{code}/{i}");
            let mut files = Vec::new();
            if doc.lines().any(|l| l.starts_with("# file: ")) {
                let mut current: Option<(String, String)> = None;
                for l in doc.lines() {
                    if let Some(name) = l.strip_prefix("# file: ") {
                        files.extend(current.take());
                        current = Some((name.trim().to_owned(), String::new()));
                    } else if let Some((_, t)) = current.as_mut() {
                        t.push_str(l);
                        t.push('\n');
                    }
                }
                files.extend(current);
            } else {
                files.push(("reelnet.yaml".to_owned(), format!("{doc}\n")));
            }
            for (name, body) in &files {
                p.write(&format!("{dir}/{name}"), body);
            }
            targets.push(if files.len() == 1 {
                format!("{dir}/{}", files[0].0)
            } else {
                // The directory the files are in (`# file: infra/a.yaml`).
                let parent = std::path::Path::new(&files[0].0)
                    .parent()
                    .map(|d| d.to_string_lossy().into_owned())
                    .unwrap_or_default();
                format!("{dir}/{parent}")
            });
        }
        let mut args = vec!["check", "--as-of", AS_OF, "--format", "sarif"];
        args.extend(targets.iter().map(String::as_str));
        let out = p.run(&args);
        assert!(matches!(out.code, Some(0 | 1)), "{code}: {}", out.stderr);
        let sarif = out.json();
        assert_valid_sarif(&validator, &sarif, code);
        let fps = fingerprints(&sarif);
        assert_distinct(&fps, code);
        results += fps.len();
    }
    assert!(results > 100, "only {results} results over the fixtures");
}

// --- 3. Baselined findings that get worse come back ---------------------

fn baseline_project(name: &str, spec: &str) -> Project {
    let p = Project::new(name);
    p.write("reelnet.yaml", spec);
    let w = p.run(&[
        "check",
        "--as-of",
        AS_OF,
        "--write-baseline",
        "reelnet-baseline.json",
    ]);
    assert_eq!(w.code, Some(0), "{}", w.stderr);
    p
}

fn with_baseline(p: &Project, extra: &[&str]) -> project::Run {
    let mut args = vec![
        "check",
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--baseline",
        "reelnet-baseline.json",
    ];
    args.extend_from_slice(extra);
    p.run(&args)
}

const SCALING: &str = "name: ci
auto_scaling:
  min_size: 2
  max_size: 10
  scale_down_threshold: 60
  scale_up_threshold: 75
";

#[test]
fn a_baselined_warning_that_becomes_an_error_resurfaces() {
    let p = baseline_project("ci-worse-scale", SCALING);
    let quiet = with_baseline(&p, &["--select", "SCALE002", "--fail-on", "error"]);
    assert_eq!(quiet.code, Some(0), "{}", quiet.stdout);
    assert_eq!(quiet.summary("suppressed"), 1);
    // 60 ≥ 50: inverted thresholds, an error now.
    p.write(
        "reelnet.yaml",
        &SCALING.replace("scale_up_threshold: 75", "scale_up_threshold: 50"),
    );
    let worse = with_baseline(&p, &["--select", "SCALE002", "--fail-on", "error"]);
    assert_eq!(worse.code, Some(1), "{}", worse.stdout);
    let doc = worse.json();
    assert_eq!(doc["diagnostics"][0]["code"], "SCALE002");
    assert_eq!(doc["diagnostics"][0]["severity"], "error");
    // Its old entry is a note saying the finding changed.
    assert!(
        doc["notes"][0]
            .as_str()
            .is_some_and(|n| n.contains("SCALE002") && n.contains("changed")),
        "{doc}"
    );
    // A sibling: the other threshold moves, the severity stays a warning,
    // the values that make the finding changed: it comes back too.
    p.write(
        "reelnet.yaml",
        &SCALING.replace("scale_up_threshold: 75", "scale_up_threshold: 70"),
    );
    let changed = with_baseline(&p, &["--select", "SCALE002"]);
    assert_eq!(changed.codes(), ["SCALE002"], "{}", changed.stdout);
    // An unrelated edit keeps it hidden.
    p.write(
        "reelnet.yaml",
        &format!("# scaling\n{SCALING}region: us-east-1\n"),
    );
    let same = with_baseline(&p, &["--select", "SCALE002"]);
    assert_eq!(same.codes(), Vec::<String>::new(), "{}", same.stdout);
}

const CAPACITY: &str = "name: ci
availability_zones: [a, b]
vpc:
  cidr: 10.0.0.0/16
  private_subnets: [10.0.3.0/28, 10.0.4.0/28]
auto_scaling: { min_size: 2, max_size: 10, desired_capacity: 3 }
compute:
  services:
    - { name: backend, image: \"reelnet/backend:1.4.2\", replicas: 3 }
    - { name: frontend, image: \"reelnet/frontend:1.4.2\", replicas: 3 }
";

#[test]
fn a_growing_capacity_shortfall_resurfaces() {
    let p = baseline_project("ci-worse-capacity", CAPACITY);
    let quiet = with_baseline(&p, &["--select", "NET008"]);
    assert_eq!(quiet.code, Some(0), "{}", quiet.stdout);
    // 34 needed becomes 10 + 396 × 4 = 1,594: the same finding, worse.
    p.write(
        "reelnet.yaml",
        &CAPACITY.replace(
            "replicas: 3 }\n    - { name: frontend",
            "replicas: 393 }\n    - { name: frontend",
        ),
    );
    let worse = with_baseline(&p, &["--select", "NET008"]);
    assert_eq!(worse.codes(), ["NET008"], "{}", worse.stdout);
    assert_eq!(worse.code, Some(1));
    // So does a larger scaling group (max_size is labelled too).
    p.write(
        "reelnet.yaml",
        &CAPACITY.replace("max_size: 10", "max_size: 40"),
    );
    let bigger = with_baseline(&p, &["--select", "NET008"]);
    assert_eq!(bigger.codes(), ["NET008"], "{}", bigger.stdout);
}

#[test]
fn a_shortfall_grown_through_the_default_desired_capacity_resurfaces() {
    let p = Project::new("ci-worse-min-size");
    let spec = "name: ci
availability_zones: [a, b]
vpc:
  cidr: 10.0.0.0/16
  private_subnets: [10.0.3.0/26, 10.0.3.64/26]
auto_scaling: { min_size: 40, max_size: 80 }
compute:
  services:
    - { name: backend, image: \"reelnet/backend:1.4.2\", replicas: 20 }
";
    p.write("reelnet.yaml", spec);
    let w = p.run(&["check", "--select", "NET008", "--write-baseline", "nb.json"]);
    assert_eq!(w.code, Some(0), "{}", w.stderr);
    let run = |p: &Project| {
        p.run(&[
            "check",
            "--select",
            "NET008",
            "--baseline",
            "nb.json",
            "--format",
            "json",
        ])
    };
    let quiet = run(&p);
    assert_eq!(quiet.codes(), Vec::<String>::new(), "{}", quiet.stdout);
    // No desired_capacity: it is min_size. 80 + 20 × ⌈80/40⌉ = 120 needed
    // becomes 80 + 20 × 80 = 1,680: the same finding, much worse.
    p.write("reelnet.yaml", &spec.replace("min_size: 40", "min_size: 1"));
    let worse = run(&p);
    assert_eq!(worse.codes(), ["NET008"], "{}", worse.stdout);
    let doc = worse.json();
    assert!(
        doc["diagnostics"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("1680 needed")),
        "{doc}"
    );
    let related = doc["diagnostics"][0]["related"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        related.iter().any(|r| r["path"] == "/auto_scaling/min_size"
            && r["message"] == "desired_capacity 1 (unset: min_size)"),
        "{related:?}"
    );
    // A sibling: an explicit desired_capacity is what counts then.
    p.write(
        "reelnet.yaml",
        &spec.replace("max_size: 80 }", "max_size: 80, desired_capacity: 40 }"),
    );
    p.run(&["check", "--select", "NET008", "--write-baseline", "nb.json"]);
    p.write(
        "reelnet.yaml",
        &spec.replace("max_size: 80 }", "max_size: 80, desired_capacity: 2 }"),
    );
    assert_eq!(run(&p).codes(), ["NET008"]);
}

#[test]
fn baseline_entries_record_severity_and_version_2() {
    let p = baseline_project("ci-baseline-v2", SCALING);
    let doc: Value =
        serde_json::from_str(&p.read("reelnet-baseline.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc["version"], 2);
    let entry = doc["entries"]
        .as_array()
        .and_then(|e| e.iter().find(|e| e["code"] == "SCALE002"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(entry["severity"], "warning", "{doc}");
    assert_eq!(entry["path"], "/auto_scaling/scale_down_threshold");
    // An unknown version is refused, naming the versions read.
    p.write(
        "future.json",
        "{\"version\": 3, \"tool\": \"reelnet-lint\", \"entries\": []}",
    );
    let out = p.run(&["check", "--baseline", "future.json"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("reads versions 1 to 2"),
        "{}",
        out.stderr
    );
}

// --- 4. GitLab Code Quality ---------------------------------------------

#[test]
fn gitlab_code_quality_report() {
    let p = Project::new("ci-gitlab");
    p.write(
        "reelnet.yaml",
        "name: ci
vpc:
  cidr: 10.0.0.0/16
  public_subnets: [10.0.1.0/24, 10.0.1.0/25]  # reelnet-lint: ignore[NET001] legacy range
  private_subnets: [10.0.3.0/24, 10.0.3.0/25]
storage:
  buckets:
    - { name: media, versioning: true, replication: { region: us-west-2 } }
",
    );
    let args = [
        "check",
        "--select",
        "NET001,NET006,STO003",
        "--as-of",
        AS_OF,
    ];
    let out = p.run(&[&args[..], &["--format", "gitlab"]].concat());
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let issues = out.json();
    let issues = issues.as_array().cloned().unwrap_or_default();
    // Suppressed findings are not issues; every issue has the fields GitLab reads.
    let checks: Vec<(&str, &str, u64)> = issues
        .iter()
        .map(|i| {
            (
                i["check_name"].as_str().unwrap_or(""),
                i["severity"].as_str().unwrap_or(""),
                i["location"]["lines"]["begin"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        checks,
        [
            ("NET006", "minor", 4),
            ("NET006", "minor", 5),
            ("NET001", "critical", 5),
            ("STO003", "info", 8)
        ],
        "{issues:?}"
    );
    for i in &issues {
        assert!(i["description"].as_str().is_some_and(|d| !d.is_empty()));
        assert_eq!(i["location"]["path"], "reelnet.yaml");
    }
    // The same fingerprints as SARIF's (for the findings not suppressed).
    let sarif = p.run(&[&args[..], &["--format", "sarif"]].concat()).json();
    let shown: BTreeSet<String> = sarif_results(&sarif)
        .iter()
        .filter(|r| r.get("suppressions").is_none())
        .map(|r| {
            r["partialFingerprints"]["reelnetIdentity/v2"]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    let gitlab: BTreeSet<String> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(shown, gitlab);
}

// --- 10. --select / --ignore --------------------------------------------

#[test]
fn select_and_ignore_are_comma_separated_repeatable_and_trimmed() {
    let p = Project::new("ci-select");
    p.write(
        "reelnet.yaml",
        "name: ci
availability_zones: [a, b]
vpc:
  cidr: 10.0.0.0/16
  public_subnets: [10.0.1.0/24, 10.0.1.0/25]
database:
  engine: postgres
  version: \"16.4\"
",
    );
    let codes = |args: &[&str]| -> BTreeSet<String> {
        let mut a = vec!["check", "--format", "json", "--as-of", AS_OF];
        a.extend_from_slice(args);
        let out = p.run(&a);
        assert!(matches!(out.code, Some(0 | 1)), "{args:?}: {}", out.stderr);
        out.codes().into_iter().collect()
    };
    let comma = codes(&["--select", "NET,DB001"]);
    assert_eq!(comma, BTreeSet::from(["NET001".into(), "DB001".into()]));
    assert_eq!(codes(&["--select", "NET, DB001"]), comma);
    assert_eq!(codes(&["--select", " NET ,DB001 "]), comma);
    assert_eq!(codes(&["--select", "NET", "--select", "DB001"]), comma);
    assert_eq!(codes(&["--select=NET", "--select=db001"]), comma);
    let ignored = codes(&[
        "--select",
        "NET,DB",
        "--ignore",
        "DB002, DB003",
        "--ignore",
        "DB005,DB006",
    ]);
    assert!(ignored.contains("DB001"), "{ignored:?}");
    for gone in ["DB002", "DB003", "DB005", "DB006"] {
        assert!(!ignored.contains(gone), "{gone} in {ignored:?}");
    }
    // A value after the list is a path, as for every option of one value.
    let path = p.run(&["check", "--select", "NET", "DB001"]);
    assert_eq!(path.code, Some(2));
    assert!(path.stderr.contains("DB001"), "{}", path.stderr);
    // An empty selector is a usage error.
    let empty = p.run(&["check", "--select", "NET,"]);
    assert_eq!(empty.code, Some(2));
    assert!(
        empty.stderr.contains("an empty rule selector"),
        "{}",
        empty.stderr
    );
}

// --- 5–9. Findings users can act on ---------------------------------------

fn lint_json(p: &Project, select: &str) -> Value {
    let out = p.run(&[
        "check", "--select", select, "--as-of", AS_OF, "--format", "json",
    ]);
    assert!(matches!(out.code, Some(0 | 1)), "{}", out.stderr);
    out.json()
}

fn diagnostics(doc: &Value) -> Vec<Value> {
    doc["diagnostics"].as_array().cloned().unwrap_or_default()
}

#[test]
fn edge003_checks_the_certificate_a_distribution_names() {
    let p = Project::new("ci-edge003");
    let spec = "name: ci
cdn:
  distributions:
    - name: main
      aliases: [www.reelnet.com]
      certificate: api.reelnet.com
certificates:
  - domain: api.reelnet.com
  - domain: \"*.reelnet.com\"
";
    p.write("reelnet.yaml", spec);
    let d = diagnostics(&lint_json(&p, "EDGE003"));
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["path"], "/cdn/distributions/0/aliases/0");
    assert!(
        d[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("`api.reelnet.com`")),
        "{}",
        d[0]
    );
    assert!(
        d[0]["help"].as_str().is_some_and(
            |h| h.contains("the `*.reelnet.com` certificate, which covers `www.reelnet.com`")
        ),
        "{}",
        d[0]
    );
    // Naming the certificate that covers it: clean.
    p.write(
        "reelnet.yaml",
        &spec.replace(
            "certificate: api.reelnet.com",
            "certificate: \"*.reelnet.com\"",
        ),
    );
    assert!(diagnostics(&lint_json(&p, "EDGE003")).is_empty());
    // A sibling: the named certificate covers the alias through an alternative name.
    p.write(
        "reelnet.yaml",
        &spec.replace(
            "  - domain: api.reelnet.com\n",
            "  - domain: api.reelnet.com\n    alternative_names: [www.reelnet.com]\n",
        ),
    );
    assert!(diagnostics(&lint_json(&p, "EDGE003")).is_empty());
}

#[test]
fn edge003_finds_the_certificate_a_distribution_names_by_an_alternative_name() {
    let p = Project::new("ci-edge003-san");
    let spec = "name: ci
cdn:
  distributions:
    - name: main
      aliases: [www.reelnet.com]
      certificate: api2.reelnet.com
certificates:
  - domain: \"*.reelnet.com\"
    alternative_names: [reelnet.com]
  - domain: api.reelnet.com
    alternative_names: [api2.reelnet.com]
";
    p.write("reelnet.yaml", spec);
    // `api2.reelnet.com` names the second certificate, which CloudFront
    // attaches alone: it does not cover the alias.
    let d = diagnostics(&lint_json(&p, "EDGE003,SPEC006"));
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["code"], "EDGE003");
    assert_eq!(d[0]["path"], "/cdn/distributions/0/aliases/0");
    assert!(
        d[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains(
                "the certificate it names, `api.reelnet.com` (named by its alternative name `api2.reelnet.com`)"
            )),
        "{}",
        d[0]
    );
    // A sibling: naming the wildcard certificate by its alternative name
    // (`reelnet.com`) attaches the certificate that covers the alias.
    p.write(
        "reelnet.yaml",
        &spec.replace("certificate: api2.reelnet.com", "certificate: reelnet.com"),
    );
    let d = diagnostics(&lint_json(&p, "EDGE003,SPEC006"));
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn net008_counts_only_services_in_the_private_tier() {
    let p = Project::new("ci-net008");
    let spec = "name: ci
vpc:
  cidr: 10.0.0.0/16
  public_subnets: [10.0.1.0/24]
  private_subnets: [10.0.3.0/28]
compute:
  services:
    - { name: edge, image: \"reelnet/edge:1.4.2\", subnets: public, replicas: 20 }
";
    p.write("reelnet.yaml", spec);
    // 20 public replicas against 11 private addresses: not a shortfall.
    assert!(diagnostics(&lint_json(&p, "NET008")).is_empty());
    // A sibling: the same service in the private tier (the default) is one.
    p.write("reelnet.yaml", &spec.replace("subnets: public, ", ""));
    let d = diagnostics(&lint_json(&p, "NET008"));
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["path"], "/vpc/private_subnets");
    assert_eq!(d[0]["line"], 5);
    // Thirty services: ten labelled, one label on `services:` for the rest
    // (a report that stays readable, and fast to render, at any size).
    let many: String = (0..30)
        .map(|i| format!("    - {{ name: s{i}, image: \"reelnet/s:1.0.0\", replicas: 2 }}\n"))
        .collect();
    p.write(
        "reelnet.yaml",
        &format!(
            "{}{many}",
            spec.split("    - { name: edge").next().unwrap_or("")
        ),
    );
    let d = diagnostics(&lint_json(&p, "NET008"));
    let related = d[0]["related"].as_array().cloned().unwrap_or_default();
    assert_eq!(related.len(), 11, "{related:?}");
    assert_eq!(related[10]["path"], "/compute/services");
    assert_eq!(
        related[10]["message"],
        "and 20 more services in the private tier"
    );
    // The rest still make the finding: one more replica resurfaces it.
    p.run(&["check", "--select", "NET008", "--write-baseline", "b.json"]);
    p.write(
        "reelnet.yaml",
        &p.read("reelnet.yaml").replace(
            "name: s29, image: \"reelnet/s:1.0.0\", replicas: 2",
            "name: s29, image: \"reelnet/s:1.0.0\", replicas: 3",
        ),
    );
    let out = p.run(&[
        "check",
        "--select",
        "NET008",
        "--baseline",
        "b.json",
        "--format",
        "json",
    ]);
    assert_eq!(out.codes(), ["NET008"], "{}", out.stdout);
}

#[test]
fn tier_findings_are_suppressed_where_the_tier_is_declared() {
    let p = Project::new("ci-net006");
    let spec = "name: ci
vpc:
  cidr: 10.0.0.0/16
  public_subnets:  # reelnet-lint: ignore[NET006] a sandbox, one zone on purpose
    - { cidr: 10.0.1.0/24, az: a }
    - { cidr: 10.0.2.0/24, az: a }
";
    p.write("reelnet.yaml", spec);
    let doc = lint_json(&p, "NET006,SPEC007");
    assert!(diagnostics(&doc).is_empty(), "{doc}");
    assert_eq!(doc["summary"]["suppressed"], 1);
    // A standalone comment above the key works too (a sibling).
    p.write(
        "reelnet.yaml",
        &spec.replace(
            "  public_subnets:  # reelnet-lint: ignore[NET006] a sandbox, one zone on purpose\n",
            "  # reelnet-lint: ignore[tier-single-az] a sandbox, one zone on purpose\n  public_subnets:\n",
        ),
    );
    assert!(diagnostics(&lint_json(&p, "NET006,SPEC007")).is_empty());
    // On a member: SPEC007 says on which line the finding is.
    p.write(
        "reelnet.yaml",
        &spec
            .replace("  # reelnet-lint: ignore[NET006] a sandbox, one zone on purpose", "")
            .replace(
                "az: a }\n    - { cidr: 10.0.2.0/24, az: a }",
                "az: a }\n    - { cidr: 10.0.2.0/24, az: a }  # reelnet-lint: ignore[NET006] sandbox",
            ),
    );
    let d = diagnostics(&lint_json(&p, "NET006,SPEC007"));
    let spec007: Vec<&Value> = d.iter().filter(|d| d["code"] == "SPEC007").collect();
    assert_eq!(spec007.len(), 1, "{d:?}");
    assert!(
        spec007[0]["message"]
            .as_str()
            .is_some_and(|m| m
                .ends_with("no NET006 finding on line 6; the nearest NET006 finding is on line 4")),
        "{}",
        spec007[0]
    );
    assert_eq!(spec007[0]["related"][0]["line"], 4);
}

#[test]
fn near_miss_suppressions_are_reported() {
    let p = Project::new("ci-near-miss");
    for (comment, expected) in [
        (
            "# reelnet-lint ignore[DB001] reason",
            "a colon is missing after `reelnet-lint`",
        ),
        (
            "# Reelnet-Lint: ignore[DB001] reason",
            "`Reelnet-Lint` is not the directive prefix",
        ),
        (
            "# reelnet_lint: ignore[DB001] reason",
            "`reelnet_lint` is not the directive prefix",
        ),
        (
            "## reelnet-lint: ignore[DB001] reason",
            "a suppression comment starts with a single `#`",
        ),
        (
            "# reelnet-lint-ignore[DB001] reason",
            "`reelnet-lint-ignore` is not a directive",
        ),
        (
            "# reelnet-lint-disable DB001 reason",
            "`reelnet-lint-disable` is not a directive",
        ),
        (
            "# reelnet-lint disable[DB001] reason",
            "a colon is missing after `reelnet-lint`",
        ),
        (
            "# reelnet\u{2010}lint: ignore[DB001] reason",
            "`reelnet\u{2010}lint` is not the directive prefix: write `reelnet-lint:` with the ASCII hyphen-minus",
        ),
        (
            "# reelnet\u{2013}lint: ignore[DB001] reason",
            "`reelnet\u{2013}lint` is not the directive prefix",
        ),
        (
            "# reelnet-lint\u{ff1a}ignore[DB001] reason",
            "full-width colon",
        ),
        (
            "# reelnet: ignore[DB001] reason",
            "`reelnet` is not the directive prefix: the directive prefix is the whole name",
        ),
    ] {
        p.write(
            "reelnet.yaml",
            &format!("name: ci\ndatabase:\n  engine: postgres\n  multi_az: false  {comment}\n"),
        );
        let d = diagnostics(&lint_json(&p, "DB001,SPEC007"));
        let codes: Vec<&str> = d.iter().filter_map(|d| d["code"].as_str()).collect();
        // The finding is not hidden, and the comment is reported.
        assert_eq!(codes, ["DB001", "SPEC007"], "{comment}: {d:?}");
        let message = d[1]["message"].as_str().unwrap_or("");
        assert!(
            message.starts_with("malformed suppression comment: ") && message.contains(expected),
            "{comment}: {message}"
        );
        assert_eq!(d[1]["line"], 4);
    }
    // Prose that mentions the tool is not a suppression.
    for prose in [
        "# reelnet-lint flags this; see ADR-7",
        "# reelnet-lint ignores sandboxes only with a reason",
        "# reelnet: the platform this database serves",
        "# # reelnet-lint: ignore[DB001] commented out",
    ] {
        p.write(
            "reelnet.yaml",
            &format!("name: ci\ndatabase:\n  engine: postgres\n  multi_az: false  {prose}\n"),
        );
        let d = diagnostics(&lint_json(&p, "DB001,SPEC007"));
        assert_eq!(d.len(), 1, "{prose}: {d:?}");
    }
}

#[test]
fn db006_fires_for_backups_in_the_database_own_region() {
    let p = Project::new("ci-db006");
    let spec = "name: ci
region: us-east-1
dr_region: us-west-2
database:
  engine: postgres
  cross_region_backups: us-east-1
";
    p.write("reelnet.yaml", spec);
    let d = diagnostics(&lint_json(&p, "DB006"));
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["path"], "/database/cross_region_backups");
    assert!(
        d[0]["help"]
            .as_str()
            .is_some_and(|h| h.contains("cross_region_backups: us-west-2")),
        "{}",
        d[0]
    );
    // A sibling: written in another case, still the same region.
    p.write(
        "reelnet.yaml",
        &spec.replace("backups: us-east-1", "backups: US-EAST-1"),
    );
    assert_eq!(diagnostics(&lint_json(&p, "DB006")).len(), 1);
    // The DR region: clean.
    p.write(
        "reelnet.yaml",
        &spec.replace("backups: us-east-1", "backups: us-west-2"),
    );
    assert!(diagnostics(&lint_json(&p, "DB006")).is_empty());
    // An empty or blank value names no region: reported where it is written.
    for blank in ["\"\"", "\"  \""] {
        p.write(
            "reelnet.yaml",
            &spec.replace("backups: us-east-1", &format!("backups: {blank}")),
        );
        let d = diagnostics(&lint_json(&p, "DB006"));
        assert_eq!(d.len(), 1, "{blank}: {d:?}");
        assert_eq!(d[0]["path"], "/database/cross_region_backups");
        assert!(
            d[0]["message"]
                .as_str()
                .is_some_and(|m| m.contains("an empty `cross_region_backups`")),
            "{}",
            d[0]
        );
    }
    // Aurora: the help says how Aurora copies backups across regions.
    p.write(
        "reelnet.yaml",
        "name: ci\nregion: us-east-1\ndatabase:\n  engine: aurora-postgresql\n",
    );
    let d = diagnostics(&lint_json(&p, "DB006"));
    assert!(
        d[0]["help"]
            .as_str()
            .is_some_and(|h| h.contains("Aurora does not replicate automated backups")),
        "{d:?}"
    );
}
