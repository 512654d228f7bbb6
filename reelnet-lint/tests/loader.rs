//! The loader's reading of YAML, through the linter and the real binary:
//! YAML 1.2 core scalars, tags, merge keys, explicit nulls, and the ranges
//! the loader refuses.

mod common;

use std::collections::BTreeSet;
use std::process::Output;

use assert_cmd::Command;
use proptest::prelude::*;
use reelnet_lint::Report;
use reelnet_spec::Loader;
use serde_json::{Map, Value as Json, json};

fn bin() -> Command {
    let mut c = Command::cargo_bin("reelnet-lint").unwrap_or_else(|e| panic!("{e}"));
    c.current_dir(common::root()).env("NO_COLOR", "1");
    c
}

/// `check --format json` on `text`, written to a temporary file.
fn check(name: &str, text: &str) -> (Output, Json) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("loader");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    let out = bin()
        .args(["check", "--format", "json", "--as-of", common::AS_OF])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (out, report)
}

/// The findings of a report with `code`: (message, line, column, text under it).
fn findings(report: &Json, code: &str) -> Vec<(String, u64, u64)> {
    report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"] == code)
        .map(|d| {
            (
                d["message"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or_default(),
                d["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

const HEAD: &str = "name: demo\n";

#[test]
fn leading_zeros_are_decimal() {
    // `010` and `07` are 10 and 7 (YAML 1.2 core), not "out of range".
    let text = format!(
        "{HEAD}compute:\n  services:\n    - name: web\n      image: web:1.0\n      replicas: 010\n      port: 07\n"
    );
    let (out, report) = check("zeros.yaml", &text);
    assert!(findings(&report, "SPEC004").is_empty(), "{report}");
    assert!(
        out.status.success() || out.status.code() == Some(1),
        "{out:?}"
    );
    let model = Loader::default()
        .load_str("zeros.yaml", &text)
        .unwrap_or_else(|e| panic!("{e}"));
    let service = &model.services()[0];
    assert_eq!(service.replicas.value, 10);
    assert_eq!(service.port.as_ref().map(|p| p.value), Some(7));
}

#[test]
fn yaml_1_1_integers_are_strings() {
    for (value, col) in [("0b11", 17), ("1_0", 17), ("3_6", 17)] {
        let text = format!(
            "{HEAD}compute:\n  services:\n    - name: web\n      image: web:1.0\n      replicas: {value}\n"
        );
        let (out, report) = check("binary.yaml", &text);
        assert_eq!(out.status.code(), Some(1), "{value}: {report}");
        let f = findings(&report, "SPEC004");
        assert_eq!(
            f,
            vec![(
                format!("expected a whole number, found a string `{value}`"),
                6,
                col
            )],
            "{value}"
        );
    }
}

#[test]
fn whole_float_in_an_integer_field() {
    for value in ["3.0", "1e3"] {
        let text = format!(
            "{HEAD}compute:\n  services:\n    - name: web\n      image: web:1.0\n      replicas: {value}\n"
        );
        let (out, report) = check("float.yaml", &text);
        assert_eq!(out.status.code(), Some(1), "{value}: {report}");
        assert_eq!(
            findings(&report, "SPEC004"),
            vec![(
                format!("expected a whole number, found the float {value}"),
                6,
                17
            )],
        );
    }
}

#[test]
fn foreign_tags_are_refused_at_the_tag() {
    let text = format!(
        "{HEAD}compute:\n  services:\n    - name: web\n      image: web:1.0\n      port: !!python/object:os.system 80\n      health_check: !Ref x\n"
    );
    let (out, report) = check("tags.yaml", &text);
    assert_eq!(out.status.code(), Some(1), "{report}");
    let f = findings(&report, "SPEC004");
    assert_eq!(f.len(), 2, "{report}");
    assert!(
        f[0].0
            .starts_with("tag `!!python/object:os.system` is not read")
    );
    assert_eq!((f[0].1, f[0].2), (6, 13));
    assert!(f[1].0.starts_with("tag `!Ref` is not read"));
    assert_eq!((f[1].1, f[1].2), (7, 21));
}

#[test]
fn core_tags_and_merge_tag_are_honoured() {
    let text = format!(
        "{HEAD}base: &base\n  multi_az: !!bool true\n  storage: !!int 100\ndatabase:\n  !!merge <<: *base\n  engine: !!str postgres\n  version: \"14.10\"\n"
    );
    // `base` is not a section: remove it from the check, keep the anchor.
    let text = text.replace("base: &base\n", "x-base: &base\n");
    let (_, report) = check("merge.yaml", &text);
    assert!(
        !findings(&report, "SPEC001")
            .iter()
            .any(|f| f.0.contains("`<<`")),
        "{report}"
    );
    let text = format!(
        "{HEAD}database:\n  <<: {{multi_az: true}}\n  !!merge <<: {{encrypted: true}}\n  engine: postgres\n"
    );
    let (out, report) = check("merge2.yaml", &text);
    assert_eq!(out.status.code(), Some(1), "{report}");
    let f = findings(&report, "SPEC002");
    assert_eq!(f.len(), 1, "{report}");
    assert_eq!(f[0].0, "merge key `<<` appears twice in one mapping");
    assert_eq!((f[0].1, f[0].2), (4, 11));
    let related = report["diagnostics"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["code"] == "SPEC002"))
        .map(|d| d["related"].clone())
        .unwrap_or_default();
    assert_eq!(related[0]["line"], 3, "{related}");
    // A list of merged mappings still works.
    let text = format!(
        "{HEAD}x-a: &a {{multi_az: true}}\nx-b: &b {{encrypted: true}}\ndatabase:\n  <<: [*a, *b]\n  engine: postgres\n"
    );
    let spec = Loader::default().read_str("m.yaml", &text);
    let unknown: Vec<_> = spec
        .diagnostics
        .iter()
        .filter(|d| d.code != "SPEC001")
        .collect();
    assert!(unknown.is_empty(), "{unknown:?}");
}

/// A diagnostic of a report: code, message, line, column.
type Finding = (String, String, u64, u64);

/// Every diagnostic of a report.
fn all_findings(report: &Json) -> Vec<Finding> {
    report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["message"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or_default(),
                d["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

/// A merged list holding a non-mapping (reviewer fault R4): SPEC004 at
/// that item, exactly, and nothing else. Before, the whole list was
/// underlined ("this value is a list") and the merge dropped, so a false
/// "missing required field `name`" followed.
#[test]
fn a_merged_list_item_that_is_not_a_mapping() {
    let text = "name: x\nregion: us-east-1\navailability_zones: [us-east-1a, us-east-1b]\nvpc: {cidr: 10.0.0.0/16}\ncompute:\n  services:\n    - &svc {name: a, image: \"nginx:1.25\"}\n    - <<: [*svc, 5]\n      port: 80\n";
    let (out, report) = check("merge-item.yaml", text);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert_eq!(
        all_findings(&report),
        [(
            "SPEC004".to_owned(),
            "a list after a merge key (`<<`) holds mappings only; this item is an integer"
                .to_owned(),
            8,
            18
        )],
        "{report}"
    );
    // The human output: the one error, at the `5`.
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("loader/merge-item.yaml");
    let human = bin()
        .args(["check", "--as-of", common::AS_OF])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&human.stdout);
    assert!(stdout.contains("merge-item.yaml:8:18]"), "{stdout}");
    assert!(stdout.contains("Found 1 error in 1 spec."), "{stdout}");
    assert!(!stdout.contains("missing"), "{stdout}");
}

/// The siblings: each value of `<<` through the binary, with the exact
/// place of every finding. `<<` takes a mapping or a list of mappings
/// (<https://yaml.org/type/merge.html>); what a valid mapping of it gives
/// (a service's required `name` and `image`) is never reported missing.
#[test]
fn merge_key_values() {
    type Expected = (&'static str, String, u64, u64);
    const SPEC4: &str = "SPEC004";
    let item = |kind: &str| {
        format!("a list after a merge key (`<<`) holds mappings only; this item is {kind}")
    };
    let value = |shown: &str, kind: &str| {
        format!("a merge key (`<<`) takes a mapping or a list of mappings; {shown} is {kind}")
    };
    // Anchors under unknown `x-` keys (their SPEC001 is left out below).
    let head = "name: x\nx-a: &a {name: a, image: \"nginx:1.25\"}\nx-b: &b {port: 80}\nx-s: &s 5\nx-l: &l [{name: c}, {image: \"redis:7\"}]\nx-bad: &bad [{name: d, image: \"redis:7\"}, 7]\ncompute:\n  services:\n";
    let own = "      name: s\n      image: \"redis:7\"\n";
    let cases: Vec<(String, Vec<Expected>)> = vec![
        (
            format!("    - <<: ~\n{own}"),
            vec![(SPEC4, value("this value", "null"), 9, 11)],
        ),
        (
            format!("    - <<: 5\n{own}"),
            vec![(SPEC4, value("this value", "an integer"), 9, 11)],
        ),
        (
            format!("    - <<: [5]\n{own}"),
            vec![(SPEC4, item("an integer"), 9, 12)],
        ),
        (format!("    - <<: []\n{own}"), vec![]),
        (format!("    - <<: {{}}\n{own}"), vec![]),
        (
            "    - <<: [*a, [*b]]\n".into(),
            vec![(SPEC4, item("a list"), 9, 16)],
        ),
        (
            "    - <<: [*b, ~, *a]\n".into(),
            vec![(SPEC4, item("null"), 9, 16)],
        ),
        (
            format!("    - <<: *s\n{own}"),
            vec![(SPEC4, value("`*s`", "an integer"), 9, 11)],
        ),
        // An alias to a list of mappings is a list of mappings.
        ("    - <<: *l\n".into(), vec![]),
        // The bad item of an aliased list: where the anchored list holds it.
        (
            "    - <<: *bad\n".into(),
            vec![(SPEC4, item("an integer"), 6, 43)],
        ),
        (
            "    - {<<: [*a, 5], port: 81}\n".into(),
            vec![(SPEC4, item("an integer"), 9, 17)],
        ),
        (
            "    - <<: *a\n      <<: *b\n".into(),
            vec![(
                "SPEC002",
                "merge key `<<` appears twice in one mapping".to_owned(),
                10,
                7,
            )],
        ),
    ];
    for (i, (service, want)) in cases.into_iter().enumerate() {
        let text = format!("{head}{service}");
        let (out, report) = check(&format!("merge-{i}.yaml"), &text);
        let got: Vec<Finding> = all_findings(&report)
            .into_iter()
            .filter(|f| !(f.0 == "SPEC001" && f.1.contains("`x-")))
            .collect();
        let want: Vec<Finding> = want
            .into_iter()
            .map(|(c, m, l, col)| (c.to_owned(), m, l, col))
            .collect();
        assert_eq!(got, want, "{service}");
        assert_eq!(out.status.code(), Some(1), "{service}: {report}");
    }
    // A valid merge loads: earlier mappings win, the host's keys over all.
    let text = "name: x\ncompute:\n  services:\n    - &a {name: a, image: \"nginx:1.25\", port: 80}\n    - &b {name: b, image: \"redis:7\", replicas: 3}\n    - <<: [*a, *b]\n      name: c\n";
    let loaded = Loader::default().read_str("m.yaml", text);
    let model = loaded
        .model
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
    let c = &model.services()[2];
    assert_eq!(c.name.value, "c");
    assert_eq!(c.image.value.to_string(), "nginx:1.25");
    assert_eq!(c.port.as_ref().map(|p| p.value), Some(80));
    assert_eq!(c.replicas.value, 3);
}

/// The spec's required `name` is checked as every required field is: a
/// `name` written but invalid is reported once, as invalid, never also as
/// missing (before, `name: 5` gave both); absent is missing, at the
/// top-level mapping; null is one error at the null (F6: never also
/// "missing").
#[test]
fn the_spec_name_is_required_like_any_field() {
    let missing = || {
        (
            "SPEC004".to_owned(),
            "missing required field `name`".to_owned(),
            1,
            1,
        )
    };
    let cases: [(&str, Vec<Finding>); 4] = [
        (
            "name: 5\nregion: us-east-1\n",
            vec![(
                "SPEC004".to_owned(),
                "expected a string, found an integer `5`".to_owned(),
                1,
                7,
            )],
        ),
        (
            "name: [a]\nregion: us-east-1\n",
            vec![(
                "SPEC004".to_owned(),
                "expected a string, found a list".to_owned(),
                1,
                7,
            )],
        ),
        (
            "name: ~\nregion: us-east-1\n",
            vec![(
                "SPEC004".to_owned(),
                "`name` is required: found null".to_owned(),
                1,
                7,
            )],
        ),
        ("region: us-east-1\n", vec![missing()]),
    ];
    for (text, want) in cases {
        let (out, report) = check("name.yaml", text);
        assert_eq!(all_findings(&report), want, "{text}");
        assert_eq!(out.status.code(), Some(1), "{text}");
    }
}

#[test]
fn explicit_nulls_load() {
    let text = format!(
        "{HEAD}database:\n  engine: postgres\n  multi_az:\n  backup_retention: ~\nstorage:\n  buckets:\n    - name: media\n      versioning: null\n"
    );
    let (_, report) = check("nulls.yaml", &text);
    let spec: Vec<&Json> = report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"].as_str().is_some_and(|c| c.starts_with("SPEC")))
        .collect();
    assert!(spec.is_empty(), "{report}");
}

#[test]
fn ranges_the_loader_refuses() {
    let cases = [
        (
            "alarms:\n  cpu_utilization:\n    threshold: 80\n    evaluation_periods: 0\n",
            "`0` is below the minimum of 1",
            5,
            25,
        ),
        (
            "compute:\n  functions:\n    - name: f\n      timeout: 0\n",
            "`timeout` is 0 seconds: a Lambda function's timeout is at least 1 second",
            5,
            16,
        ),
        (
            "compute:\n  functions:\n    - name: f\n      timeout: 0s\n",
            "`timeout` is 0 seconds: a Lambda function's timeout is at least 1 second",
            5,
            16,
        ),
        (
            "logging:\n  retention_days: 36h\n",
            "`retention_days` takes whole days; `36h` is 129600 seconds",
            3,
            19,
        ),
        (
            "database:\n  backup_retention: 12h\n",
            "`backup_retention` takes whole days; `12h` is 43200 seconds",
            3,
            21,
        ),
        (
            "storage:\n  buckets:\n    - name: b\n      lifecycle:\n        - after_days: 90m\n          expire: true\n",
            "`after_days` takes whole days; `90m` is 5400 seconds",
            6,
            23,
        ),
        // The reviewer's examples: the published schema refuses them too
        // (reelnet-spec/tests/schema.rs).
        (
            "database:\n  backup_retention: 90m\n",
            "`backup_retention` takes whole days; `90m` is 5400 seconds",
            3,
            21,
        ),
        (
            "database:\n  backup_retention: 36\n",
            "`backup_retention` is 36 days: RDS keeps automated backups for 0 to 35 days",
            3,
            21,
        ),
        (
            "database:\n  storage: 99999999999999999999GB\n",
            "size `99999999999999999999GB` is too large",
            3,
            12,
        ),
    ];
    for (body, message, line, column) in cases {
        let (out, report) = check("range.yaml", &format!("{HEAD}{body}"));
        assert_eq!(out.status.code(), Some(1), "{body}: {report}");
        assert_eq!(
            findings(&report, "SPEC004"),
            vec![(message.to_owned(), line, column)],
            "{body}"
        );
    }
    // The boundaries pass.
    for body in [
        "alarms:\n  cpu_utilization:\n    threshold: 80\n    evaluation_periods: 1\n",
        "compute:\n  functions:\n    - name: f\n      timeout: 1\n",
        "logging:\n  retention_days: 48h\n",
        "database:\n  backup_retention: 1w\n",
    ] {
        let loaded = Loader::default().read_str("ok.yaml", &format!("{HEAD}{body}"));
        assert!(loaded.model.is_some(), "{body}: {:?}", loaded.diagnostics);
    }
}

// ---------------------------------------------------------------------
// Explicit null is absence, for every optional field of the schema.
// ---------------------------------------------------------------------

/// A spec with every kind of mapping of the format (so that every object
/// schema is reached; a test below fails when one is not).
fn base() -> Json {
    json!({
        "name": "demo",
        "region": "us-east-1",
        "dr_region": "us-west-2",
        "availability_zones": ["us-east-1a", "us-east-1b"],
        "vpc": {
            "cidr": "10.0.0.0/16",
            "public_subnets": ["10.0.1.0/24", {"cidr": "10.0.2.0/24", "az": "us-east-1b", "name": "pub-b"}],
            "private_subnets": ["10.0.10.0/24"],
            "peers": ["10.1.0.0/16"]
        },
        "dns": {"zones": [{"name": "reelnet.com", "records": [{"name": "www.reelnet.com", "type": "CNAME", "target": "cdn/web"}]}]},
        "cdn": {"distributions": [{
            "name": "web", "aliases": ["www.reelnet.com"], "origins": ["storage/media"],
            "certificate": "reelnet.com", "waf": "edge", "viewer_protocol": "redirect-to-https", "min_tls": "TLSv1.2_2021"
        }]},
        "api_gateway": {"name": "api", "domain": "api.reelnet.com", "waf": "edge", "throttling": {"rate_limit": 100, "burst_limit": 200}},
        "security": {"waf": [{"name": "edge", "managed_rules": ["AWSManagedRulesCommonRuleSet"], "rate_limit": 2000}], "shield": {"advanced": true}},
        "certificates": [{"domain": "reelnet.com", "alternative_names": ["*.reelnet.com"], "validation": "DNS", "renewal": true}],
        "compute": {
            "services": [{"name": "web", "image": "registry.example.com/web:1.2.3", "port": 8080, "replicas": 2, "subnets": "private",
                          "cpu": 512, "memory": 1024, "health_check": "/health", "environment": {"LOG_LEVEL": "info"}}],
            "functions": [{"name": "thumbs", "runtime": "python3.12", "memory": 256, "timeout": 30, "trigger": "storage/media"}]
        },
        "auto_scaling": {"min_size": 2, "max_size": 6, "desired_capacity": 3, "scale_up_threshold": 70, "scale_down_threshold": 30},
        "storage": {
            "buckets": [{"name": "media", "versioning": true, "encryption": "kms", "public_access": "blocked",
                         "replication": {"region": "us-west-2"},
                         "lifecycle": [{"after_days": 30, "transition": "STANDARD_IA"}, {"after_days": 365, "expire": true}]}],
            "file_systems": [{"name": "shared", "encrypted": true, "subnets": "private"}]
        },
        "database": {"name": "main", "instance_type": "db.r6g.large", "storage": "100GB", "engine": "postgres", "version": "16.4",
                     "multi_az": true, "backup_retention": 7, "encrypted": true, "publicly_accessible": false, "subnets": "private",
                     "cross_region_backups": "us-west-2"},
        "alarms": {"cpu_utilization": {"metric": "CPUUtilization", "threshold": 80, "period": 60, "evaluation_periods": 3}},
        "logging": {"stack": "cloudwatch", "rotation": "daily", "retention_days": 30},
        "metrics": {"prometheus": true, "grafana": true},
        "pipeline": {"stages": [{"build": ["compile", "test"]}, {"deploy": ["staging", "production"]}],
                     "environments": {"staging": {"domain": "staging.reelnet.com", "approval": false}, "production": {"domain": "reelnet.com", "approval": true}}},
        "disaster_recovery": {"strategy": "pilot-light", "rto_minutes": 60, "rpo_minutes": 15, "failover_testing": "quarterly"}
    })
}

/// A schema's alternatives: `$ref` followed, `anyOf` branches flattened.
fn alternatives<'a>(
    root: &'a Json,
    s: &'a Json,
    seen: &mut BTreeSet<String>,
    out: &mut Vec<&'a Json>,
) {
    if let Some(r) = s.get("$ref").and_then(Json::as_str) {
        seen.insert(r.to_owned());
        if let Some(target) = r.strip_prefix('#').and_then(|p| root.pointer(p)) {
            alternatives(root, target, seen, out);
        }
    }
    if let Some(branches) = s.get("anyOf").and_then(Json::as_array) {
        for b in branches {
            alternatives(root, b, seen, out);
        }
    }
    out.push(s);
}

/// Every optional field of every mapping of `value`, as (JSON Pointer of
/// the mapping, field name); records the schema definitions reached.
fn optional_fields(
    root: &Json,
    schema: &Json,
    value: &Json,
    pointer: &str,
    seen: &mut BTreeSet<String>,
    out: &mut BTreeSet<(String, String)>,
) {
    let mut alts = Vec::new();
    alternatives(root, schema, seen, &mut alts);
    for s in alts {
        match value {
            Json::Object(map) => {
                if let Some(props) = s.get("properties").and_then(Json::as_object) {
                    let required: Vec<&str> = s
                        .get("required")
                        .and_then(Json::as_array)
                        .map(|r| r.iter().filter_map(Json::as_str).collect())
                        .unwrap_or_default();
                    for (name, prop) in props {
                        if !required.contains(&name.as_str()) {
                            out.insert((pointer.to_owned(), name.clone()));
                        }
                        if let Some(v) = map.get(name) {
                            optional_fields(root, prop, v, &format!("{pointer}/{name}"), seen, out);
                        }
                    }
                }
                if let Some(item) = s.get("additionalProperties").filter(|a| a.is_object()) {
                    for (k, v) in map {
                        optional_fields(root, item, v, &format!("{pointer}/{k}"), seen, out);
                    }
                }
            }
            Json::Array(items) => {
                if let Some(item) = s.get("items") {
                    for (i, v) in items.iter().enumerate() {
                        optional_fields(root, item, v, &format!("{pointer}/{i}"), seen, out);
                    }
                }
            }
            _ => {}
        }
    }
}

fn fields() -> Vec<(String, String)> {
    let schema = reelnet_spec::schema();
    let mut seen = BTreeSet::new();
    let mut out = BTreeSet::new();
    optional_fields(schema, schema, &base(), "", &mut seen, &mut out);
    out.into_iter().collect()
}

/// Block YAML for a JSON value; nulls written as `null_form`.
fn yaml(v: &Json, null_form: &str) -> String {
    fn scalar(v: &Json, null_form: &str) -> String {
        match v {
            Json::Null => null_form.to_owned(),
            Json::String(s) => serde_json::to_string(s).unwrap_or_default(),
            other => other.to_string(),
        }
    }
    fn map(m: &Map<String, Json>, indent: usize, null_form: &str, out: &mut String) {
        for (k, v) in m {
            out.push_str(&" ".repeat(indent));
            out.push_str(k);
            out.push(':');
            node(v, indent + 2, null_form, out);
        }
    }
    fn node(v: &Json, indent: usize, null_form: &str, out: &mut String) {
        match v {
            Json::Object(m) if !m.is_empty() => {
                out.push('\n');
                map(m, indent, null_form, out);
            }
            Json::Array(items) if !items.is_empty() => {
                out.push('\n');
                for item in items {
                    out.push_str(&" ".repeat(indent));
                    out.push('-');
                    match item {
                        Json::Object(m) if !m.is_empty() => {
                            let mut inner = String::new();
                            map(m, indent + 2, null_form, &mut inner);
                            out.push(' ');
                            out.push_str(inner.trim_start());
                        }
                        Json::Array(a) if !a.is_empty() => node(item, indent + 2, null_form, out),
                        _ => {
                            out.push(' ');
                            out.push_str(&item_scalar(item, null_form));
                            out.push('\n');
                        }
                    }
                }
            }
            Json::Object(_) => out.push_str(" {}\n"),
            Json::Array(_) => out.push_str(" []\n"),
            Json::Null if null_form.is_empty() => out.push('\n'),
            _ => {
                out.push(' ');
                out.push_str(&scalar(v, null_form));
                out.push('\n');
            }
        }
    }
    fn item_scalar(v: &Json, null_form: &str) -> String {
        match v {
            Json::Null if null_form.is_empty() => "~".to_owned(),
            _ => scalar(v, null_form),
        }
    }
    let mut out = String::new();
    if let Json::Object(m) = v {
        map(m, 0, null_form, &mut out);
    }
    out
}

/// Set (`Some(Null)`) or remove (`None`) the field `name` of the mapping at `pointer`.
fn edit(doc: &mut Json, pointer: &str, name: &str, null: bool) {
    if let Some(Json::Object(m)) = doc.pointer_mut(pointer) {
        if null {
            m.insert(name.to_owned(), Json::Null);
        } else {
            m.remove(name);
        }
    }
}

/// What a spec amounts to: its model (as `show` prints it) and every
/// finding of every rule (code, message, JSON Pointer), sorted (positions
/// differ between the texts compared, and findings are ordered by them).
fn outcome(text: &str) -> (Option<Json>, Vec<(String, String, String)>) {
    let loaded = Loader::default().read_str("spec.yaml", text);
    let model = loaded
        .model
        .as_ref()
        .map(|m| serde_json::to_value(m).unwrap_or_default());
    let linter = common::linter(&["ALL"]);
    let report = Report::new(vec![linter.check_str("spec.yaml", text)]);
    let mut found: Vec<_> = report
        .resolved()
        .iter()
        .map(|r| {
            (
                r.diagnostic.code.to_owned(),
                r.diagnostic.message.clone(),
                r.diagnostic.primary.path.clone(),
            )
        })
        .collect();
    found.sort();
    (model, found)
}

const NULLS: [&str; 5] = ["", "~", "null", "Null", "NULL"];

#[test]
fn every_object_schema_is_reached() {
    let schema = reelnet_spec::schema();
    let mut seen = BTreeSet::new();
    let mut out = BTreeSet::new();
    optional_fields(schema, schema, &base(), "", &mut seen, &mut out);
    let defs: Vec<String> = schema["$defs"]
        .as_object()
        .map(|d| {
            d.iter()
                .filter(|(_, s)| s.get("properties").is_some())
                .map(|(k, _)| format!("#/$defs/{k}"))
                .collect()
        })
        .unwrap_or_default();
    let missed: Vec<&String> = defs.iter().filter(|d| !seen.contains(*d)).collect();
    assert!(missed.is_empty(), "add these to base(): {missed:?}");
    // The base spec itself loads.
    let (model, _) = outcome(&yaml(&base(), "~"));
    assert!(model.is_some());
}

#[test]
fn null_is_absence_for_every_field() {
    let fields = fields();
    assert!(fields.len() > 60, "{}", fields.len());
    for (i, (pointer, name)) in fields.iter().enumerate() {
        let mut with_null = base();
        edit(&mut with_null, pointer, name, true);
        let mut without = base();
        edit(&mut without, pointer, name, false);
        let form = NULLS[i % NULLS.len()];
        let a = yaml(&with_null, form);
        let b = yaml(&without, form);
        let (ma, fa) = outcome(&a);
        let (mb, fb) = outcome(&b);
        assert!(
            ma.is_some() == mb.is_some(),
            "{pointer}/{name}:\n{a}\n{fa:?}"
        );
        assert_eq!(ma, mb, "{pointer}/{name}");
        assert_eq!(fa, fb, "{pointer}/{name} = `{form}`");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any set of optional fields nulled at once, in any null spelling,
    /// gives the model and findings of the spec without them.
    #[test]
    fn nulls_at_once_are_absences(picks in prop::collection::vec(any::<bool>(), 128), form in 0usize..NULLS.len()) {
        let fields = fields();
        let mut with_null = base();
        let mut without = base();
        // Deepest first, so that removing a mapping does not hide its fields.
        for ((pointer, name), pick) in fields.iter().rev().zip(picks.iter().cycle()) {
            if *pick {
                edit(&mut with_null, pointer, name, true);
                edit(&mut without, pointer, name, false);
            }
        }
        let a = yaml(&with_null, NULLS[form]);
        let b = yaml(&without, NULLS[form]);
        let (ma, fa) = outcome(&a);
        let (mb, fb) = outcome(&b);
        prop_assert_eq!(ma, mb, "\n{}", a);
        prop_assert_eq!(fa, fb, "\n{}", a);
    }
}

/// Review F3, F6, F7, F9c (#10): structure the schema now states
/// (`required_in_list`, `one_of`, a null named-map entry with a required
/// field, the spec's `name`), a required field written as null (one error,
/// at the null), a value of the wrong type (what is expected, in the
/// schema's words, with the key as written, at the value, never "has the
/// wrong shape").
#[test]
fn structure_and_wrong_types_are_reported_once_at_the_value() {
    let duration = "a whole number of days from 0 to 35, or a number with a unit (s, m, min, h, d or w) such as `7d`";
    type Want = Vec<(String, u64, u64)>;
    let cases: Vec<(&str, Want)> = vec![
        ("name: ~\n", vec![("`name` is required: found null".into(), 1, 7)]),
        (
            "name: t\nalarms:\n  cpu: ~\n",
            vec![("missing required field `threshold`".into(), 3, 8)],
        ),
        (
            "name: t\ndatabase: [{}]\n",
            vec![("missing required field `name`".into(), 2, 12)],
        ),
        (
            "name: t\ndatabase:\n  - name: a\n  - {}\n",
            vec![("missing required field `name`".into(), 4, 5)],
        ),
        (
            "name: t\ndatabase: [{name: ~}]\n",
            vec![("`name` is required: found null".into(), 2, 19)],
        ),
        (
            "name: t\napi_gateway: [{}]\n",
            vec![("missing required field `name`".into(), 2, 15)],
        ),
        (
            "name: t\nstorage:\n  buckets:\n    - name: b\n      lifecycle: [{after_days: 1}]\n",
            vec![(
                "missing required field `transition` or `expire`".into(),
                5,
                19,
            )],
        ),
        (
            "name: t\nvpc: {cidr: ~}\n",
            vec![("`cidr` is required: found null".into(), 2, 13)],
        ),
        (
            "name: t\ndatabase: {backup_retention: 1.5, storage: true}\n",
            vec![
                (
                    format!("`backup_retention`: expected {duration}, found a number `1.5`"),
                    2,
                    30,
                ),
                (
                    "`storage`: expected a size: an integer number of GiB, or a string such as 100GB, 100 GiB, 512MB, 1TB, found a boolean `true`".into(),
                    2,
                    44,
                ),
            ],
        ),
        (
            "name: t\ncdn:\n  distributions:\n    - {name: d, certificate: 5}\n",
            vec![(
                "`certificate`: expected a domain name such as reelnet.com, or a one-label wildcard such as *.reelnet.com, found an integer `5`".into(),
                4,
                30,
            )],
        ),
        (
            "name: t\ndatabase: {version: true}\n",
            vec![(
                "`version`: expected a version string, e.g. \"14.5\", found a boolean `true`"
                    .into(),
                2,
                21,
            )],
        ),
        (
            "name: t\nstorage: true\nvpc:\n  - 1\n",
            vec![
                (
                    "`storage`: expected a mapping, found a boolean `true`".into(),
                    2,
                    10,
                ),
                ("`vpc`: expected a mapping, found a list".into(), 4, 3),
            ],
        ),
        // F13: the units the loader and the schema accept are the ones
        // the message names (`1w`, `5min` load).
        (
            "name: t\ndatabase: {backup_retention: 3y}\n",
            vec![(
                "unknown duration unit `y` in `3y`; use s, m, min, h, d or w".into(),
                2,
                30,
            )],
        ),
        (
            "name: t\ndatabase: {backup_retention: 1w}\nalarms:\n  cpu: {threshold: 1, period: 5min}\n",
            vec![],
        ),
        (
            "name: t\ncompute: {services: [{name: s, image: x, replicas: {}}]}\n",
            vec![("expected a whole number, found a mapping".into(), 2, 52)],
        ),
    ];
    for (text, want) in cases {
        let (out, report) = check("structure.yaml", text);
        assert_eq!(findings(&report, "SPEC004"), want, "{text}");
        if !want.is_empty() {
            assert_eq!(out.status.code(), Some(1), "{text}");
        }
    }
}

/// A decimal part of a CIDR block with a leading zero (`010.0.0.0/16`):
/// `ipnet` reads it as decimal, `inet_aton` as octal, Python's `ipaddress`
/// refuses it. SPEC004 at the value, with the block to write, wherever a
/// CIDR is read (the VPC, both subnet forms, peers).
#[test]
fn cidr_leading_zeros_are_refused() {
    let text = format!(
        "{HEAD}vpc:\n  cidr: 010.0.0.0/16\n  public_subnets:\n    - 10.00.0.0/24\n    - {{ cidr: 10.0.1.010/24, az: us-east-1a }}\n  peers: [10.0.0.0/016, \"172.16.0.0/08\"]\n"
    );
    let (out, report) = check("cidr-zeros.yaml", &text);
    assert_eq!(out.status.code(), Some(1), "{report}");
    let spec004: Vec<(String, u64, u64, String)> = report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"] == "SPEC004")
        .map(|d| {
            (
                d["message"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or_default(),
                d["column"].as_u64().unwrap_or_default(),
                d["help"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let octal = "leading zeros in an IPv4 octet are read as octal by some tools (inet_aton) and rejected by others (Python ipaddress)";
    let prefix = "a prefix length is written without leading zeros, as every tool prints it";
    assert_eq!(
        spec004,
        vec![
            (
                "`010.0.0.0/16` has an IPv4 octet with a leading zero (`010`)".to_owned(),
                3,
                9,
                format!("write `10.0.0.0/16`: {octal}")
            ),
            (
                "`10.00.0.0/24` has an IPv4 octet with a leading zero (`00`)".to_owned(),
                5,
                7,
                format!("write `10.0.0.0/24`: {octal}")
            ),
            (
                "`10.0.1.010/24` has an IPv4 octet with a leading zero (`010`)".to_owned(),
                6,
                15,
                format!("write `10.0.1.10/24`: {octal}")
            ),
            (
                "`10.0.0.0/016` has a prefix length with a leading zero (`/016`)".to_owned(),
                7,
                11,
                format!("write `10.0.0.0/16`: {prefix}")
            ),
            (
                "`172.16.0.0/08` has a prefix length with a leading zero (`/08`)".to_owned(),
                7,
                25,
                format!("write `172.16.0.0/8`: {prefix}")
            ),
        ],
        "{report}"
    );
    // The human output points at the same place.
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("loader/cidr-zeros.yaml");
    let human = bin()
        .args(["check", "--as-of", common::AS_OF])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&human.stdout);
    assert!(stdout.contains("cidr-zeros.yaml:3:9"), "{stdout}");
    assert!(stdout.contains("write `10.0.0.0/16`"), "{stdout}");
    // Without the zeros, no SPEC004.
    let fixed = text
        .replace("010.0.0.0/16", "10.0.0.0/16")
        .replace("10.00.0.0", "10.0.0.0")
        .replace("10.0.1.010", "10.0.1.10")
        .replace("/016", "/16")
        .replace("/08", "/8");
    let (_, report) = check("cidr-fixed.yaml", &fixed);
    assert!(findings(&report, "SPEC004").is_empty(), "{report}");
}

/// Review F9a (#10): a lone CR is a line break (YAML 1.2.2 §5.4,
/// `b-break ::= CR LF | CR | LF`): the finding is at 3:13 in every
/// format, and the snippet shows the lines, not one long line.
#[test]
fn cr_only_line_breaks_count_as_lines() {
    let text = "name: t\rdatabase:\r  multi_az: false\r";
    let (_, report) = check("cr-only.yaml", text);
    let db001: Vec<(u64, u64)> = report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"] == "DB001")
        .map(|d| {
            (
                d["line"].as_u64().unwrap_or_default(),
                d["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(db001, [(3, 13)], "{report}");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("loader");
    let path = dir.join("cr-only.yaml");
    let human = bin()
        .args(["check", "--select", "DB001"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let out = String::from_utf8_lossy(&human.stdout);
    assert!(out.contains("cr-only.yaml:3:13]"), "{out}");
    assert!(out.contains(" 2 │ database:\n"), "{out}");
    assert!(out.contains(" 3 │   multi_az: false\n"), "{out}");
    let sarif = bin()
        .args(["check", "--select", "DB001", "--format", "sarif"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let v: Json = serde_json::from_slice(&sarif.stdout).unwrap_or_else(|e| panic!("{e}"));
    let region = &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(3), Some(13)),
        "{region}"
    );
    let github = bin()
        .args(["check", "--select", "DB001", "--format", "github"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(String::from_utf8_lossy(&github.stdout).contains(",line=3,col=13,"));
}

/// Review F9b, F9d (#10): an invalid escape in a double-quoted string is
/// reported at the escape (not the opening quote), with what to write; a
/// key's tag has the JSON Pointer of the key's entry (not "" or its
/// mapping's).
#[test]
fn escapes_and_key_tags_are_located_exactly() {
    let located = |report: &Json| -> Vec<(String, String, u64, u64)> {
        report["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|d| d["code"] == "SPEC000" || d["code"] == "SPEC004")
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or_default().to_owned(),
                    d["path"].as_str().unwrap_or_default().to_owned(),
                    d["line"].as_u64().unwrap_or_default(),
                    d["column"].as_u64().unwrap_or_default(),
                )
            })
            .collect()
    };
    for (text, line, column, escape) in [
        ("name: \"a\\qb\"\n", 1, 9, "\\q"),
        ("name: t\nregion: \"a\\tb\\\\c\\é\"\n", 2, 17, "\\é"),
        ("name: t\nregion: \"ok\\\"\\x41 \\%\"\n", 2, 19, "\\%"),
    ] {
        let (out, report) = check("escape.yaml", text);
        assert_eq!(out.status.code(), Some(1), "{text}");
        assert_eq!(
            located(&report),
            [("SPEC000".to_owned(), String::new(), line, column)],
            "{text}"
        );
        let d = &report["diagnostics"][0];
        assert_eq!(
            d["message"],
            format!("`{escape}` is not an escape of a double-quoted YAML string"),
            "{text}"
        );
        assert!(
            d["help"]
                .as_str()
                .is_some_and(|h| h.contains("single quotes"))
        );
    }
    let (_, report) = check(
        "key-tags.yaml",
        "!!int 5: x\nname: t\nvpc: {!custom cidr: 10.0.0.0/16}\n",
    );
    let tags: Vec<(String, String, u64, u64)> = located(&report)
        .into_iter()
        .filter(|(code, ..)| code == "SPEC004")
        .collect();
    assert_eq!(
        tags,
        [
            ("SPEC004".to_owned(), "/5".to_owned(), 1, 1),
            ("SPEC004".to_owned(), "/vpc/cidr".to_owned(), 3, 7),
        ]
    );
}

// ---------------------------------------------------------------------
// Keys, directory nulls, big integers, tag messages, null under a merge
// (reviewer faults F1, F2, F5, F8, F12).
// ---------------------------------------------------------------------

/// A SPEC diagnostic with its help: code, message, line, column, help.
type SpecFinding = (String, String, u64, u64, String);

/// A [`SpecFinding`] as a test table writes it.
type Want = (&'static str, &'static str, u64, u64, &'static str);

/// Every SPEC diagnostic of a report with its help.
fn with_help(report: &Json) -> Vec<SpecFinding> {
    report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"].as_str().is_some_and(|c| c.starts_with("SPEC")))
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["message"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or_default(),
                d["column"].as_u64().unwrap_or_default(),
                d["help"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn spec_finding(code: &str, message: &str, line: u64, column: u64, help: &str) -> SpecFinding {
    (
        code.to_owned(),
        message.to_owned(),
        line,
        column,
        help.to_owned(),
    )
}

/// F1: a plain key is resolved by the core schema like any scalar: an
/// integer, boolean or null key is SPEC004 at the key (a key of a spec is
/// a string), and keys are compared by their value, so `010` and `10`
/// are one key (SPEC002).
#[test]
fn keys_resolve_by_the_core_schema() {
    let text = "name: t\ncompute:\n  services:\n    - name: a\n      image: x/y:1\n      environment: {010: \"a\", 10: \"b\", true: \"c\", True: \"d\", ~: \"e\", null: \"f\"}\n";
    let (out, report) = check("keys.yaml", text);
    assert_eq!(out.status.code(), Some(1), "{report}");
    let not_string = |key: &str, what: &str, col| {
        spec_finding(
            "SPEC004",
            &format!(
                "key `{key}` is {what} in YAML 1.2, not a string: a key of a spec is a string"
            ),
            6,
            col,
            &format!("quote it: `\"{key}\"`"),
        )
    };
    let same = |key: &str, first: &str, what: &str, col| {
        spec_finding(
            "SPEC002",
            &format!(
                "key `{key}` is the same YAML key as `{first}`, {what}: a key appears once in a mapping"
            ),
            6,
            col,
            "keep one of the two entries",
        )
    };
    assert_eq!(
        with_help(&report),
        vec![
            not_string("010", "the integer 10", 21),
            same("10", "010", "the integer 10", 31),
            not_string("10", "the integer 10", 31),
            not_string("true", "the boolean true", 40),
            same("True", "true", "the boolean true", 51),
            not_string("True", "the boolean true", 51),
            not_string("~", "null", 62),
            same("null", "~", "null", 70),
            not_string("null", "null", 70),
        ]
    );
    // Quoted, the same keys are strings and load.
    let quoted = text
        .replace("{010:", "{\"010\":")
        .replace(" 10:", " \"10\":")
        .replace(" true:", " \"true\":")
        .replace(" True:", " \"True\":")
        .replace(" ~:", " \"~\":")
        .replace(" null:", " \"null\":");
    let model = Loader::default()
        .load_str("quoted.yaml", &quoted)
        .unwrap_or_else(|e| panic!("{e}"));
    let env: Vec<&str> = model.services()[0]
        .environment
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(env, ["010", "10", "True", "null", "true", "~"]);
}

/// F1, the siblings: every mapping of a spec (named maps, sections,
/// fields), every non-string form (floats, an empty key, an alias of a
/// non-string anchor, a tagged key), and duplicates across forms. A
/// mapping whose key is not read is not also "a stage of 0 keys".
#[test]
fn non_string_keys_everywhere() {
    let cases: [(&str, Vec<Want>); 6] = [
        (
            "pipeline:\n  stages:\n    - {~: [a]}\n",
            vec![(
                "SPEC004",
                "key `~` is null in YAML 1.2, not a string: a key of a spec is a string",
                4,
                8,
                "quote it: `\"~\"`",
            )],
        ),
        (
            "alarms: {~: {threshold: 1}}\n",
            vec![(
                "SPEC004",
                "key `~` is null in YAML 1.2, not a string: a key of a spec is a string",
                2,
                10,
                "quote it: `\"~\"`",
            )],
        ),
        (
            "? \n: 5\n",
            vec![(
                "SPEC004",
                "an empty key is null in YAML 1.2, not a string: a key of a spec is a string",
                3,
                1,
                "write the key's name, or remove the entry",
            )],
        ),
        (
            "database: {engine: postgres, 1.5: x, 1.50: y}\n",
            vec![
                (
                    "SPEC004",
                    "key `1.5` is the float 1.5 in YAML 1.2, not a string: a key of a spec is a string",
                    2,
                    30,
                    "quote it: `\"1.5\"`",
                ),
                (
                    "SPEC002",
                    "key `1.50` is the same YAML key as `1.5`, the float 1.5: a key appears once in a mapping",
                    2,
                    38,
                    "keep one of the two entries",
                ),
                (
                    "SPEC004",
                    "key `1.50` is the float 1.5 in YAML 1.2, not a string: a key of a spec is a string",
                    2,
                    38,
                    "quote it: `\"1.50\"`",
                ),
            ],
        ),
        (
            "compute: {services: [{name: a, image: x/y:1, environment: {&k 0x10: a, *k : b}}]}\n",
            vec![
                (
                    "SPEC004",
                    "key `0x10` is the integer 16 in YAML 1.2, not a string: a key of a spec is a string",
                    2,
                    63,
                    "quote it: `\"0x10\"`",
                ),
                (
                    "SPEC002",
                    "key `*k` is the same YAML key as `0x10`, the integer 16: a key appears once in a mapping",
                    2,
                    72,
                    "keep one of the two entries",
                ),
                (
                    "SPEC004",
                    "key `*k` is the integer 16 in YAML 1.2, not a string: a key of a spec is a string",
                    2,
                    72,
                    "quote the key where it is anchored",
                ),
            ],
        ),
        (
            "compute: {services: [{name: a, image: x/y:1, environment: {!!int 7: a, 0o7: b}}]}\n",
            vec![
                (
                    "SPEC004",
                    "key `7` is tagged `!!int`: a key of a spec is a plain string",
                    2,
                    60,
                    "remove the tag: the loader reads plain YAML values",
                ),
                (
                    "SPEC002",
                    "key `0o7` is the same YAML key as `7`, the integer 7: a key appears once in a mapping",
                    2,
                    72,
                    "keep one of the two entries",
                ),
                (
                    "SPEC004",
                    "key `0o7` is the integer 7 in YAML 1.2, not a string: a key of a spec is a string",
                    2,
                    72,
                    "quote it: `\"0o7\"`",
                ),
            ],
        ),
    ];
    for (body, want) in cases {
        let text = format!("name: t\n{body}");
        let (out, report) = check("keys2.yaml", &text);
        assert_eq!(out.status.code(), Some(1), "{text}\n{report}");
        let want: Vec<_> = want
            .into_iter()
            .map(|(c, m, l, col, h)| spec_finding(c, m, l, col, h))
            .collect();
        assert_eq!(with_help(&report), want, "{text}");
    }
}

/// `check --format json` on a directory spec of `files`.
fn check_dir(name: &str, files: &[(&str, &str)]) -> (Output, Json) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("loader-dirs")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap_or_else(|e| panic!("{e}"));
    }
    let out = bin()
        .args(["check", "--format", "json", "--as-of", common::AS_OF])
        .arg(&dir)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (out, report)
}

/// F2: in a directory spec an explicit null section is absence: no
/// SPEC005 against another file's value, and a null `name` in the first
/// file is not "missing" when another file names the spec.
#[test]
fn directory_null_sections_are_absent() {
    let cases: [(&str, &[(&str, &str)]); 3] = [
        (
            "null-section",
            &[
                ("a.yaml", "name: t\nvpc: {cidr: 10.0.0.0/16}\n"),
                ("b.yaml", "vpc: ~\n"),
            ],
        ),
        (
            "null-name-second",
            &[
                ("a.yaml", "name: t\n"),
                ("b.yaml", "name: ~\ndatabase: {multi_az: true}\n"),
            ],
        ),
        (
            "null-name-first",
            &[
                ("a.yaml", "name: ~\ndatabase: {multi_az: true}\n"),
                ("b.yaml", "name: t\n"),
            ],
        ),
    ];
    for (name, files) in cases {
        let (_, report) = check_dir(name, files);
        assert_eq!(with_help(&report), vec![], "{name}: {report}");
    }
    // Two values are still two definitions.
    let (out, report) = check_dir(
        "two-values",
        &[
            ("a.yaml", "name: t\nvpc: {cidr: 10.0.0.0/16}\n"),
            ("b.yaml", "vpc: {cidr: 10.1.0.0/16}\n"),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let f = findings(&report, "SPEC005");
    assert_eq!(f.len(), 1, "{report}");
    assert_eq!((f[0].1, f[0].2), (1, 1));
}

/// F5: an octal or hexadecimal integer is an integer whatever its size,
/// as a decimal one is: out of range where a number is wanted, a number
/// where a string is.
#[test]
fn big_octal_and_hex_are_integers() {
    let big = "0xFFFFFFFFFFFFFFFFFFFF";
    let text = format!(
        "name: t\ncompute: {{services: [{{name: a, image: x/y:1, replicas: {big}, environment: {{A: {big}, B: 0o7777777777777777777777777}}}}]}}\ndatabase: {{version: {big}, backup_retention: {big}}}\n"
    );
    let (out, report) = check("bighex.yaml", &text);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert_eq!(
        with_help(&report),
        vec![
            spec_finding(
                "SPEC004",
                &format!("`{big}` is above the maximum of 4294967295"),
                2,
                56,
                "use a value of 4294967295 or less"
            ),
            spec_finding(
                "SPEC004",
                &format!("expected a string, found a number `{big}`"),
                2,
                97,
                &format!("quote it: `\"{big}\"`")
            ),
            spec_finding(
                "SPEC004",
                "expected a string, found a number `0o7777777777777777777777777`",
                2,
                124,
                "quote it: `\"0o7777777777777777777777777\"`"
            ),
            spec_finding(
                "SPEC003",
                &format!(
                    "version {big} is an unquoted number: YAML reads it as an integer too large for 64 bits"
                ),
                3,
                21,
                &format!("quote it: \"{big}\"")
            ),
            spec_finding(
                "SPEC004",
                &format!(
                    "`{big}` is out of range: expected a whole number from 0 to 213503982334601"
                ),
                3,
                63,
                ""
            ),
        ]
    );
    // The same, decimal.
    let dec = "99999999999999999999";
    let (_, report) = check(
        "bigdec.yaml",
        &format!("name: t\ndatabase: {{backup_retention: {dec}}}\n"),
    );
    assert_eq!(
        findings(&report, "SPEC004"),
        vec![(
            format!("`{dec}` is out of range: expected a whole number from 0 to 213503982334601"),
            2,
            30
        )]
    );
}

/// F8: what made a value the wrong type is what the message and help
/// name: a tag (remove it), quotes (remove them), a handle a `%TAG`
/// directive redefines (named by what it resolves to), an empty value.
#[test]
fn tag_and_quote_messages_name_their_cause() {
    let text = "name: t\ndatabase:\n  - {name: a, version: !!int \"14\"}\n  - {name: b, version: !!float 14.5, multi_az: \"true\"}\ncompute: {services: [{name: s, image: x/y:1, replicas: !!float 5}]}\n";
    let (_, report) = check("tagmsg.yaml", text);
    assert_eq!(
        with_help(&report),
        vec![
            spec_finding(
                "SPEC003",
                "version \"14\" is tagged `!!int`: a number, which YAML reads as 14",
                3,
                30,
                "remove the tag `!!int`"
            ),
            spec_finding(
                "SPEC003",
                "version 14.5 is tagged `!!float`: a number, which YAML reads as 14.5",
                4,
                32,
                "remove the tag `!!float` and quote it: \"14.5\""
            ),
            spec_finding(
                "SPEC004",
                "expected a boolean, found a string `true`",
                4,
                48,
                "remove the quotes: `true`"
            ),
            spec_finding(
                "SPEC004",
                "expected a whole number, found the float 5 (tagged `!!float`)",
                5,
                64,
                "remove the tag `!!float`"
            ),
        ]
    );
    let cases = [
        (
            "%TAG !! tag:example.com,2000:\n---\nname: t\ndatabase: {backup_retention: !!int 7}\n",
            "tag `!!int` resolves to `tag:example.com,2000:int` (by this file's `%TAG` directive), which is not read: a spec is plain YAML, and only the core tags (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq`, `!!merge`) are honoured",
            4,
            30,
        ),
        (
            "name: t\ndatabase: {backup_retention: !!int ''}\n",
            "an empty value is tagged `!!int` but is not an integer",
            2,
            30,
        ),
        (
            "name: t\ndatabase: {multi_az: !!str true}\n",
            "expected a boolean, found a string `true`",
            2,
            28,
        ),
    ];
    for (text, message, line, column) in cases {
        let (out, report) = check("tagmsg2.yaml", text);
        assert_eq!(out.status.code(), Some(1), "{report}");
        assert_eq!(
            findings(&report, "SPEC004"),
            vec![(message.to_owned(), line, column)],
            "{text}"
        );
    }
    // `name: 010` (a plain number where any string fits): quote it.
    let (_, report) = check("quoteit.yaml", "name: 010\n");
    assert_eq!(
        with_help(&report),
        vec![spec_finding(
            "SPEC004",
            "expected a string, found an integer `010`",
            1,
            7,
            "quote it: `\"010\"`"
        )]
    );
}

/// F12: a null under a merge is absence too: the merged value shows
/// through, whichever source holds the null.
#[test]
fn null_does_not_hide_a_merged_value() {
    for body in [
        "database: {<<: {multi_az: true}, multi_az: ~}\n",
        "database: {<<: [{multi_az: null}, {multi_az: true}]}\n",
        "database: {<<: [{multi_az: ~}, {multi_az: true}], multi_az:}\n",
    ] {
        let text = format!("name: t\n{body}");
        let model = Loader::default()
            .load_str("merge-null.yaml", &text)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(model.database[0].multi_az.value, "{body}");
        let (_, report) = check("merge-null.yaml", &text);
        assert!(findings(&report, "DB001").is_empty(), "{body}: {report}");
    }
}

/// F2, the property: in a directory spec, a section written null in one
/// file and given in another (in either order, in any null spelling)
/// loads and lints as the single-file spec.
#[test]
fn directory_null_is_absence_for_every_section() {
    let base = base();
    let Some(sections) = base.as_object() else {
        panic!("base is a mapping")
    };
    let whole = outcome_files(vec![("spec.yaml".into(), yaml(&base, "~"))]);
    assert!(whole.0.is_some());
    for (i, name) in sections.keys().enumerate() {
        let form = NULLS[i % NULLS.len()];
        let null = format!("{name}:{}{form}\n", if form.is_empty() { "" } else { " " });
        let mut rest = base.clone();
        if let Some(m) = rest.as_object_mut() {
            m.remove(name);
        }
        let only = json!({ name.as_str(): base[name].clone() });
        // The null after the value, and before it.
        let after = vec![
            ("a.yaml".into(), yaml(&base, "~")),
            ("b.yaml".into(), null.clone()),
        ];
        let before = vec![
            ("a.yaml".into(), format!("{}{null}", yaml(&rest, "~"))),
            ("b.yaml".into(), yaml(&only, "~")),
        ];
        assert_eq!(outcome_files(after), whole, "`{null}` after the value");
        assert_eq!(outcome_files(before), whole, "`{null}` before the value");
    }
}

/// [`outcome`] of a spec made of several files.
fn outcome_files(files: Vec<(String, String)>) -> (Option<Json>, Vec<(String, String, String)>) {
    let loaded = Loader::default().read_texts(files.clone());
    let model = loaded
        .model
        .as_ref()
        .map(|m| serde_json::to_value(m).unwrap_or_default());
    let linter = common::linter(&["ALL"]);
    let report = Report::new(vec![linter.check_texts("spec", files)]);
    let mut found: Vec<_> = report
        .resolved()
        .iter()
        .map(|r| {
            (
                r.diagnostic.code.to_owned(),
                r.diagnostic.message.clone(),
                r.diagnostic.primary.path.clone(),
            )
        })
        .collect();
    found.sort();
    (model, found)
}

/// Spellings of one YAML value as a plain scalar: the integer `n`
/// (decimal, with leading zeros, signed, octal, hexadecimal in either
/// case), a boolean, or null.
fn spellings(n: u32) -> Vec<String> {
    vec![
        n.to_string(),
        format!("00{n}"),
        format!("+{n}"),
        format!("0o{n:o}"),
        format!("0x{n:x}"),
        format!("0x{n:X}"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// F1, the property: two keys of one mapping that spell the same
    /// integer, boolean or null are SPEC004 each (not a string) and
    /// SPEC002 at the second (one YAML key twice), wherever the mapping
    /// is; quoted, they are two distinct string keys and load.
    #[test]
    fn keys_are_compared_by_value(
        n in 0u32..100_000,
        pick in (0usize..9, 0usize..9),
        at in 0usize..3,
    ) {
        let mut forms = spellings(n);
        forms.extend(["true", "True", "TRUE"].map(str::to_owned));
        let (a, b) = (pick.0 % 6, pick.1 % 6);
        let (first, second) = if pick.0 >= 6 && pick.1 >= 6 {
            // Two spellings of the boolean true.
            (forms[6 + pick.0 % 3].clone(), forms[6 + (pick.0 + 1 + pick.1 % 2) % 3].clone())
        } else {
            (forms[a].clone(), forms[(a + 1 + b % 5) % 6].clone())
        };
        // `0x5` and `0X5`-style spellings may coincide as text.
        prop_assume!(first != second);
        let (head, indent, value) = [
            ("compute:\n  services:\n    - name: s\n      image: x/y:1\n      environment:\n", "        ", "v"),
            ("alarms:\n", "  ", "{threshold: 1}"),
            ("pipeline:\n  environments:\n", "    ", "{}"),
        ][at];
        let spec = |a: &str, b: &str| {
            format!("name: t\n{head}{indent}{a}: {value}\n{indent}{b}: {value}\n")
        };
        let text = spec(&first, &second);
        let loaded = Loader::default().read_str("k.yaml", &text);
        let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code).collect();
        prop_assert_eq!(codes, vec!["SPEC004", "SPEC004", "SPEC002"], "{}", text);
        prop_assert!(loaded.diagnostics[2].message.contains(&format!("`{first}`")), "{}", text);
        let quoted = spec(&format!("\"{first}\""), &format!("\"{second}\""));
        let loaded = Loader::default().read_str("q.yaml", &quoted);
        prop_assert!(loaded.model.is_some(), "{}\n{:?}", quoted, loaded.diagnostics);
    }
}

/// F1 with F5: integer keys past 64 bits are compared by their digits,
/// not by the float they round to: two different 30-digit keys are two
/// keys, one written with leading zeros or another case is the same key.
#[test]
fn big_integer_keys_are_compared_exactly() {
    let codes = |a: &str, b: &str| {
        let text = format!("name: t\nalarms:\n  {a}: {{threshold: 1}}\n  {b}: {{threshold: 1}}\n");
        Loader::default()
            .read_str("big-keys.yaml", &text)
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect::<Vec<_>>()
    };
    let a = "100000000000000000000000000000";
    let b = "100000000000000000000000000001"; // the same f64 as `a`
    assert_eq!(codes(a, b), ["SPEC004", "SPEC004"]);
    assert_eq!(
        codes(a, &format!("+000{a}")),
        ["SPEC004", "SPEC004", "SPEC002"]
    );
    let hex = "0xFFFFFFFFFFFFFFFFFFFF";
    assert_eq!(
        codes(hex, "0x00ffffffffffffffffffff"),
        ["SPEC004", "SPEC004", "SPEC002"]
    );
}
