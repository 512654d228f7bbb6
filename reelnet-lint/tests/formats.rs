//! The output formats through the real binary: a snapshot of each (paths
//! are relative to a throwaway project, so nothing machine-specific is in
//! them), SARIF validated against the official 2.1.0 schema, `--output`.

mod project;

use project::{AS_OF, Project};

const CONFIG: &str = r#"select = ["NET", "SPEC"]
as_of = "2026-11-26"

[severity]
tier-single-az = "info"
"#;

/// Before: a third public subnet that overlaps the first, and duplicated
/// private subnets (both recorded in the baseline).
const BEFORE: &str = "name: formats
availability_zones: [a, b]
vpc:
  cidr: 10.0.0.0/16
  public_subnets:
    - 10.0.1.0/24
    - 10.0.1.0/25  # reelnet-lint: ignore[NET001] legacy range, freed with the old NAT (INFRA-42)
    - 10.0.1.192/26
  private_subnets:
    - { cidr: 10.0.3.0/24, az: a }
    - { cidr: 10.0.3.0/24, az: a }
    - { cidr: 10.0.4.0/24, az: b }
";

/// After: the third public subnet is another range (a new finding at the
/// same path: not absorbed; its old entry is stale), a comment line above
/// shifts every line, the private tier loses its subnet in zone b (a new
/// NET006, an info here) and an unused suppression appears.
const AFTER: &str = "# the network of the formats test
name: formats
availability_zones: [a, b]
vpc:
  cidr: 10.0.0.0/16
  public_subnets:
    - 10.0.1.0/24
    - 10.0.1.0/25  # reelnet-lint: ignore[NET001] legacy range <INFRA-42> & \"old NAT\", 100% gone in Q3
    - 10.0.1.128/25
  private_subnets:
    - { cidr: 10.0.3.0/24, az: a }
    - { cidr: 10.0.3.0/24, az: a }  # reelnet-lint: ignore[NET002] nothing is outside the VPC
";

/// A project (named for its test: tests run in parallel) linted once
/// before (to write the baseline) and left in its "after" state.
fn project(name: &str) -> Project {
    let p = Project::new(name);
    p.write("reelnet-lint.toml", CONFIG)
        .write("infra/reelnet.yaml", BEFORE);
    let w = p.run(&[
        "check",
        "infra/reelnet.yaml",
        "--write-baseline",
        "baseline.json",
    ]);
    assert_eq!(w.code, Some(0), "{}", w.stderr);
    p.write("infra/reelnet.yaml", AFTER);
    p
}

fn render(p: &Project, format: &str) -> String {
    let out = p.run(&[
        "check",
        "infra/reelnet.yaml",
        "--baseline",
        "baseline.json",
        "--format",
        format,
    ]);
    assert_eq!(out.code, Some(1), "{format}: {}", out.stderr);
    out.stdout
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({ snapshot_path => "snapshots/formats", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn every_format_snapshot() {
    let p = project("every-format-snapshot");
    for format in ["human", "json", "github", "junit", "gitlab"] {
        snapshot(format, &render(&p, format));
    }
    // The catalogue is checked rule by rule in the schema test; leave it out
    // so that adding a rule does not change this snapshot.
    let mut sarif: serde_json::Value =
        serde_json::from_str(&render(&p, "sarif")).unwrap_or_else(|e| panic!("{e}"));
    sarif["runs"][0]["tool"]["driver"]["rules"] = serde_json::json!("(the catalogue)");
    // The project root is machine-specific.
    let root = &mut sarif["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"];
    let dir = format!("/every-format-snapshot-{}/", std::process::id());
    assert!(
        root.as_str()
            .is_some_and(|u| u.starts_with("file:///") && u.ends_with(&dir)),
        "{root}"
    );
    *root = serde_json::json!("file:///(project)/");
    snapshot(
        "sarif",
        &serde_json::to_string_pretty(&sarif).unwrap_or_default(),
    );
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let p = project("sarif-is-valid-against-the-official-schema");
    let sarif: serde_json::Value =
        serde_json::from_str(&render(&p, "sarif")).unwrap_or_else(|e| panic!("{e}"));
    let schema_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-2.1.0.schema.json");
    let text = std::fs::read_to_string(&schema_path).unwrap_or_else(|e| panic!("{e}"));
    // The official schema's `language` pattern has a lone `]`, a literal in
    // ECMA-262 regexes but an error for Rust's engines: escape it (same
    // meaning). The file itself stays byte-identical to the published one.
    let quirk = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(
        text.contains(quirk),
        "the schema changed: revisit the pattern fix"
    );
    let text = text.replace(quirk, r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#);
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        schema["$id"],
        "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
    );
    let validator = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{e}"));
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));

    // The schema accepts much; check what GitHub code scanning relies on.
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(rules.len(), reelnet_lint::RULES.len());
    for (rule, r) in rules.iter().zip(reelnet_lint::RULES) {
        let m = r.meta();
        assert_eq!(rule["id"], m.code);
        assert_eq!(rule["name"], m.name);
        assert_eq!(rule["shortDescription"]["text"], m.summary);
        assert_eq!(rule["help"]["markdown"], m.doc());
        assert_eq!(rule["fullDescription"]["text"], m.doc());
    }
    let results = run["results"].as_array().cloned().unwrap_or_default();
    let kinds: Vec<(String, String)> = results
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap_or("").to_owned(),
                r["suppressions"][0]["kind"]
                    .as_str()
                    .unwrap_or("-")
                    .to_owned(),
            )
        })
        .collect();
    // Suppressed findings are carried, with their kind: never as failures.
    assert!(
        kinds.contains(&("NET001".into(), "inSource".into())),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("NET001".into(), "external".into())),
        "{kinds:?}"
    );
    assert!(kinds.contains(&("NET001".into(), "-".into())), "{kinds:?}");
    for r in &results {
        let id = r["ruleId"].as_str().unwrap_or("");
        let index = r["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
        assert_eq!(rules[index]["id"], id, "ruleIndex of {r}");
        let region = &r["locations"][0]["physicalLocation"]["region"];
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64().is_some_and(|v| v >= 1), "{key} in {r}");
        }
        assert!(r["partialFingerprints"]["reelnetIdentity/v2"].is_string());
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"],
            serde_json::json!({ "uri": "infra/reelnet.yaml", "uriBaseId": "%SRCROOT%" })
        );
    }
    let mut fingerprints: Vec<&str> = results
        .iter()
        .filter_map(|r| r["partialFingerprints"]["reelnetIdentity/v2"].as_str())
        .collect();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(
        fingerprints.len(),
        results.len(),
        "fingerprints are distinct"
    );
    // The visible overlap: 10.0.1.128/25 on line 9, columns 7..20 (exclusive end).
    let visible = results
        .iter()
        .find(|r| r["ruleId"] == "NET001" && r.get("suppressions").is_none())
        .cloned()
        .unwrap_or_default();
    let region = &visible["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            region["startLine"].as_u64(),
            region["startColumn"].as_u64(),
            region["endLine"].as_u64(),
            region["endColumn"].as_u64()
        ),
        (Some(9), Some(7), Some(9), Some(20))
    );
    assert_eq!(
        visible["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        7
    );
    // The stale baseline entry is a notification, not a result.
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0]["message"]["text"]
            .as_str()
            .unwrap_or("")
            .contains("/vpc/public_subnets/2")
    );
}

#[test]
fn github_escapes_and_levels() {
    let p = project("github-escapes-and-levels");
    let text = render(&p, "github");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.iter().any(|l| l.starts_with("::error file=infra/reelnet.yaml,line=9,col=7,endLine=9,endColumn=20,title=NET001 subnet-overlap::")), "{text}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::warning ") && l.contains("title=SPEC007 unused-suppression")),
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::notice ") && l.contains("title=NET006 tier-single-az")),
        "{text}"
    );
    // Multi-line messages stay on one line.
    assert!(lines.iter().all(|l| !l.starts_with("help:")), "{text}");
    assert!(text.contains("%0Ahelp: "), "{text}");
}

#[test]
fn junit_is_well_formed_and_escaped() {
    let p = project("junit-is-well-formed-and-escaped");
    let xml = render(&p, "junit");
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "));
    assert!(xml.contains("<testsuite name=\"infra/reelnet.yaml\""));
    assert!(
        xml.contains(
            "suppressed: legacy range &lt;INFRA-42&gt; &amp; &quot;old NAT&quot;, 100% gone in Q3"
        ),
        "{xml}"
    );
    // Every opened element is closed, in order.
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if tag.starts_with('?') {
        } else if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "{xml}");
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap_or("").to_owned());
        }
        rest = &rest[end..];
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    let failures = xml.matches("<failure ").count();
    let skipped = xml.matches("<skipped ").count();
    assert_eq!((failures, skipped), (3, 2), "{xml}");
}

#[test]
fn output_file_for_every_format() {
    let p = project("output-file-for-every-format");
    for format in ["human", "json", "sarif", "github", "junit", "gitlab"] {
        let file = format!("out/report.{format}");
        std::fs::create_dir_all(p.path("out")).unwrap_or_else(|e| panic!("{e}"));
        let out = p.run(&[
            "check",
            "infra/reelnet.yaml",
            "--baseline",
            "baseline.json",
            "--format",
            format,
            "--output",
            &file,
        ]);
        assert_eq!(out.code, Some(1), "{}", out.stderr);
        assert!(out.stdout.is_empty(), "{format}: {}", out.stdout);
        assert_eq!(p.read(&file), render(&p, format), "{format}");
    }
    // An unwritable output is exit 2.
    let out = p.run(&[
        "check",
        "infra/reelnet.yaml",
        "--output",
        "no/such/dir/report.txt",
    ]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("cannot write"), "{}", out.stderr);
}

#[test]
fn clean_spec_in_every_format() {
    let p = Project::new("formats-clean");
    p.write(
        "reelnet.yaml",
        "name: clean\navailability_zones: [a, b]\nvpc:\n  cidr: 10.0.0.0/16\n  public_subnets: [10.0.1.0/24, 10.0.2.0/24]\n",
    );
    for format in ["human", "json", "sarif", "github", "junit", "gitlab"] {
        let out = p.run(&[
            "check", "--select", "NET", "--as-of", AS_OF, "--format", format,
        ]);
        assert_eq!(out.code, Some(0), "{format}: {}{}", out.stdout, out.stderr);
    }
    let junit = p
        .run(&["check", "--select", "NET", "--format", "junit"])
        .stdout;
    assert!(
        junit.contains("<testcase name=\"reelnet-lint\" classname=\"reelnet.yaml\"/>"),
        "{junit}"
    );
    let sarif = p
        .run(&["check", "--select", "NET", "--format", "sarif"])
        .json();
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    let gitlab = p
        .run(&["check", "--select", "NET", "--format", "gitlab"])
        .json();
    assert_eq!(gitlab, serde_json::json!([]));
}
