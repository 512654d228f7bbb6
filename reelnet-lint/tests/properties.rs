//! Properties of the loader and the engine over generated specs:
//! - what the model serialises loads back to the same model;
//! - every diagnostic points inside its file, at a node of its source map;
//! - linting is deterministic and does not depend on the order of list
//!   entries (subnets, services, buckets, databases).
//!
//! Specs are generated as JSON values and written out as block YAML (or as
//! JSON, which is YAML too). Case counts stay small: CI has two cores.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use proptest::prelude::*;
use reelnet_lint::{LintOptions, Linter, Report, SpecReport, output};
use serde_json::{Map, Value, json};

fn linter() -> Linter {
    Linter::new(&LintOptions {
        as_of: Some(common::as_of()),
        ..LintOptions::default()
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

// ---------------------------------------------------------------- YAML out

/// A scalar as YAML: plain when it reads back as the same string, else as
/// a JSON string (a double-quoted YAML scalar).
fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => {
            let plain = !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
                && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && !matches!(
                    s.as_str(),
                    "true"
                        | "false"
                        | "True"
                        | "False"
                        | "TRUE"
                        | "FALSE"
                        | "null"
                        | "Null"
                        | "NULL"
                );
            if plain {
                s.clone()
            } else {
                Value::String(s.clone()).to_string()
            }
        }
        other => other.to_string(),
    }
}

/// Block-style YAML for a JSON value.
fn yaml(v: &Value) -> String {
    let mut out = String::new();
    block(v, 0, &mut out);
    out
}

fn block(v: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (k, v) in m {
                let key = scalar(&Value::String(k.clone()));
                match v {
                    Value::Object(c) if !c.is_empty() => {
                        let _ = writeln!(out, "{pad}{key}:");
                        block(v, indent + 2, out);
                    }
                    Value::Array(c) if !c.is_empty() => {
                        let _ = writeln!(out, "{pad}{key}:");
                        block(v, indent + 2, out);
                    }
                    _ => {
                        let _ = writeln!(out, "{pad}{key}: {}", inline(v));
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for item in items {
                match item {
                    Value::Object(c) if !c.is_empty() => {
                        // `- ` then the mapping's entries, the first on the dash line.
                        let mut inner = String::new();
                        block(item, indent + 2, &mut inner);
                        let inner = inner.trim_start();
                        let _ = write!(out, "{pad}- {inner}");
                    }
                    _ => {
                        let _ = writeln!(out, "{pad}- {}", inline(item));
                    }
                }
            }
        }
        _ => {
            let _ = writeln!(out, "{pad}{}", inline(v));
        }
    }
}

/// Flow style for scalars and empty or nested containers.
fn inline(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let parts: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}: {}", scalar(&Value::String(k.clone())), inline(v)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(inline).collect();
            format!("[{}]", parts.join(", "))
        }
        other => scalar(other),
    }
}

// ---------------------------------------------------------------- strategies

fn ident(prefix: &'static str) -> impl Strategy<Value = String> {
    (0u32..6).prop_map(move |i| format!("{prefix}-{i}"))
}

fn zone() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["us-east-1a", "us-east-1b", "us-east-1c"]).prop_map(str::to_owned)
}

/// A subnet CIDR in a small space, so that overlaps happen.
fn cidr() -> impl Strategy<Value = String> {
    (
        0u32..8,
        prop::sample::select(vec![22u8, 24, 25, 26, 28]),
        any::<bool>(),
    )
        .prop_map(|(block, prefix, host_bits)| {
            let host = if host_bits { 5 } else { 0 };
            format!("10.0.{}.{host}/{prefix}", block * 2)
        })
}

fn subnet() -> impl Strategy<Value = Value> {
    (cidr(), zone(), prop::option::of(ident("net"))).prop_map(|(cidr, az, name)| {
        let mut m = Map::new();
        m.insert("cidr".into(), json!(cidr));
        m.insert("az".into(), json!(az));
        if let Some(n) = name {
            m.insert("name".into(), json!(n));
        }
        Value::Object(m)
    })
}

fn image() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("reelnet/api:latest".to_owned()),
        Just("reelnet/api".to_owned()),
        (1u32..20).prop_map(|v| format!("registry.example.com/reelnet/api:1.{v}.0")),
    ]
}

fn service() -> impl Strategy<Value = Value> {
    (
        ident("svc"),
        image(),
        prop::option::of(0u32..5),
        prop::option::of(prop::sample::select(vec!["public", "private"])),
        prop::option::of(Just("/health")),
        prop::option::of(1000u32..9000),
    )
        .prop_map(|(name, image, replicas, subnets, health, port)| {
            let mut m = Map::new();
            m.insert("name".into(), json!(name));
            m.insert("image".into(), json!(image));
            if let Some(r) = replicas {
                m.insert("replicas".into(), json!(r));
            }
            if let Some(s) = subnets {
                m.insert("subnets".into(), json!(s));
            }
            if let Some(h) = health {
                m.insert("health_check".into(), json!(h));
            }
            if let Some(p) = port {
                m.insert("port".into(), json!(p));
                m.insert("environment".into(), json!({ "PORT": p.to_string() }));
            }
            Value::Object(m)
        })
}

fn bucket() -> impl Strategy<Value = Value> {
    (
        ident("bucket"),
        prop::option::of(any::<bool>()),
        prop::option::of(prop::sample::select(vec!["none", "s3", "kms"])),
        prop::option::of(prop::sample::select(vec!["blocked", "public"])),
        prop::option::of(prop::sample::select(vec!["us-east-1", "us-west-2"])),
        prop::option::of((1u32..400, any::<bool>())),
    )
        .prop_map(
            |(name, versioning, encryption, access, replication, lifecycle)| {
                let mut m = Map::new();
                m.insert("name".into(), json!(name));
                if let Some(v) = versioning {
                    m.insert("versioning".into(), json!(v));
                }
                if let Some(e) = encryption {
                    m.insert("encryption".into(), json!(e));
                }
                if let Some(a) = access {
                    m.insert("public_access".into(), json!(a));
                }
                if let Some(r) = replication {
                    m.insert("replication".into(), json!({ "region": r }));
                }
                if let Some((days, expire)) = lifecycle {
                    let rule = if expire {
                        json!({ "after_days": days, "expire": true })
                    } else {
                        json!({ "after_days": format!("{days}d"), "transition": "GLACIER" })
                    };
                    m.insert("lifecycle".into(), json!([rule]));
                }
                Value::Object(m)
            },
        )
}

/// A size in any accepted spelling, fractions included.
fn size() -> impl Strategy<Value = Value> {
    prop_oneof![
        (1u64..2000).prop_map(|g| json!(g)),
        (1u32..2000).prop_map(|g| json!(format!("{g}GB"))),
        (1u32..4096).prop_map(|m| json!(format!("{m}MB"))),
        (1u32..9, 1u32..9999).prop_map(|(a, b)| json!(format!("{a}.{b}GB"))),
        (1u32..5).prop_map(|t| json!(format!("{t} TiB"))),
    ]
}

/// A duration in days, in any accepted spelling (a day field takes whole
/// days: hours come in multiples of 24).
fn days() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0u64..36).prop_map(|d| json!(d)),
        (0u64..36).prop_map(|d| json!(format!("{d}d"))),
        (1u64..36).prop_map(|d| json!(format!("{}h", d * 24))),
    ]
}

fn database() -> impl Strategy<Value = Value> {
    (
        ident("db"),
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
        prop::option::of(days()),
        prop::option::of(size()),
        prop::option::of(prop::sample::select(vec![
            ("postgres", "16.4"),
            ("postgres", "11.22"),
            ("mysql", "8.0.39"),
            ("aurora-postgresql", "15.6"),
        ])),
        prop::option::of(any::<bool>()),
    )
        .prop_map(
            |(name, multi_az, encrypted, retention, storage, engine, public)| {
                let mut m = Map::new();
                m.insert("name".into(), json!(name));
                if let Some(v) = multi_az {
                    m.insert("multi_az".into(), json!(v));
                }
                if let Some(v) = encrypted {
                    m.insert("encrypted".into(), json!(v));
                }
                if let Some(v) = retention {
                    m.insert("backup_retention".into(), v);
                }
                if let Some(v) = storage {
                    m.insert("storage".into(), v);
                }
                if let Some((engine, version)) = engine {
                    m.insert("engine".into(), json!(engine));
                    m.insert("version".into(), json!(version));
                }
                if let Some(v) = public {
                    m.insert("publicly_accessible".into(), json!(v));
                }
                Value::Object(m)
            },
        )
}

fn alarm() -> impl Strategy<Value = Value> {
    (
        0.0f64..150.0,
        prop::option::of(prop::sample::select(vec![10u32, 20, 60, 300, 45, 3600])),
        prop::option::of(1u32..30),
    )
        .prop_map(|(threshold, period, evaluations)| {
            let mut m = Map::new();
            m.insert("threshold".into(), json!((threshold * 4.0).round() / 4.0));
            if let Some(p) = period {
                m.insert("period".into(), json!(p));
            }
            if let Some(e) = evaluations {
                m.insert("evaluation_periods".into(), json!(e));
            }
            Value::Object(m)
        })
}

/// The lists a spec has, kept apart so that they can be shuffled.
#[derive(Clone, Debug)]
struct Parts {
    public: Vec<Value>,
    private: Vec<Value>,
    services: Vec<Value>,
    buckets: Vec<Value>,
    databases: Vec<Value>,
    alarms: BTreeMap<String, Value>,
    scaling: Option<(u32, u32, u32)>,
    cdn_waf: bool,
}

fn parts() -> impl Strategy<Value = Parts> {
    (
        prop::collection::vec(subnet(), 0..6),
        prop::collection::vec(subnet(), 0..6),
        prop::collection::vec(service(), 0..4),
        prop::collection::vec(bucket(), 0..4),
        prop::collection::vec(database(), 0..3),
        prop::collection::btree_map(
            prop::sample::select(vec!["cpu_utilization", "memory_utilization", "queue_depth"])
                .prop_map(str::to_owned),
            alarm(),
            0..3,
        ),
        prop::option::of((0u32..4, 1u32..12, 1u32..6)),
        any::<bool>(),
    )
        .prop_map(
            |(public, private, services, buckets, databases, alarms, scaling, cdn_waf)| Parts {
                public,
                private,
                services,
                buckets,
                databases,
                alarms,
                scaling,
                cdn_waf,
            },
        )
}

impl Parts {
    fn spec(&self) -> Value {
        let mut m = Map::new();
        m.insert("name".into(), json!("generated"));
        m.insert("region".into(), json!("us-east-1"));
        m.insert(
            "availability_zones".into(),
            json!(["us-east-1a", "us-east-1b"]),
        );
        m.insert(
            "vpc".into(),
            json!({
                "cidr": "10.0.0.0/16",
                "public_subnets": self.public,
                "private_subnets": self.private,
            }),
        );
        if !self.services.is_empty() {
            m.insert("compute".into(), json!({ "services": self.services }));
        }
        if !self.buckets.is_empty() {
            m.insert("storage".into(), json!({ "buckets": self.buckets }));
        }
        match self.databases.len() {
            0 => {}
            1 => {
                m.insert("database".into(), self.databases[0].clone());
            }
            _ => {
                m.insert("database".into(), json!(self.databases));
            }
        }
        if !self.alarms.is_empty() {
            m.insert("alarms".into(), json!(self.alarms));
        }
        if let Some((min, max, desired)) = self.scaling {
            m.insert(
                "auto_scaling".into(),
                json!({ "min_size": min, "max_size": max, "desired_capacity": desired }),
            );
        }
        let mut dist = json!({
            "name": "main",
            "aliases": ["reelnet.com", "www.reelnet.com"],
            "certificate": "*.reelnet.com",
            "viewer_protocol": "redirect-to-https",
        });
        if self.cdn_waf {
            dist["waf"] = json!("edge-acl");
            m.insert(
                "security".into(),
                json!({ "waf": [{ "name": "edge-acl" }] }),
            );
        }
        m.insert("cdn".into(), json!({ "distributions": [dist] }));
        m.insert("certificates".into(), json!({ "domain": "*.reelnet.com" }));
        Value::Object(m)
    }
}

// ---------------------------------------------------------------- checks

/// Every label lies inside its file, on character boundaries, and its path
/// resolves in the file's source map (when the file parsed).
fn check_labels(report: &SpecReport) -> Result<(), TestCaseError> {
    let suppressed = report.suppressed.iter().map(|s| &s.diagnostic);
    for d in report.diagnostics.iter().chain(suppressed) {
        for label in std::iter::once(&d.primary).chain(&d.related) {
            let file = report.sources.get(label.file);
            prop_assert!(file.is_some(), "{} points at no file", d.code);
            let Some(file) = file else { continue };
            let (start, end) = (label.range.start as usize, label.range.end as usize);
            prop_assert!(start <= end && end <= file.text.len(), "{d:?}");
            prop_assert!(
                file.text.is_char_boundary(start) && file.text.is_char_boundary(end),
                "{d:?}"
            );
            if !file.map.is_empty() {
                prop_assert!(
                    file.map.lookup(&label.path).is_some(),
                    "{} path `{}` is not in the source map",
                    d.code,
                    label.path
                );
            }
        }
    }
    Ok(())
}

/// A finding without its positions: code, severity, and the texts of all
/// the places it names (in any order).
fn identity(report: &SpecReport) -> Vec<(String, String, Vec<String>)> {
    let mut out: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut texts: Vec<String> = std::iter::once(&d.primary)
                .chain(&d.related)
                .map(|l| {
                    report
                        .sources
                        .get(l.file)
                        .map(|f| f.slice(l.range).to_owned())
                        .unwrap_or_default()
                })
                .collect();
            texts.sort();
            (d.code.to_owned(), d.severity.to_string(), texts)
        })
        .collect();
    out.sort();
    out
}

/// Break a spec: a wrong type, an unknown key, or a duplicated key.
fn mutate(spec: &Value, seed: u64) -> String {
    let mut spec = spec.clone();
    let Some(sections) = spec.as_object_mut() else {
        return String::new();
    };
    let keys: Vec<String> = sections.keys().cloned().collect();
    let key = keys[(seed as usize) % keys.len()].clone();
    match seed % 4 {
        0 => {
            sections.insert(key, json!(["not", "this"]));
        }
        1 => {
            if let Some(Value::Object(inner)) = sections.get_mut(&key) {
                inner.insert("colour".into(), json!("blue"));
            } else {
                sections.insert("colour".into(), json!(1));
            }
        }
        2 => {
            sections.insert(key, json!(12.5));
        }
        _ => {
            // A key twice: written out by hand below.
            let text = yaml(&spec);
            let first = text.lines().next().unwrap_or("name: x");
            return format!("{text}{first}\n");
        }
    }
    yaml(&spec)
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(48))]

    /// What the model serialises loads back to the same model: serialising
    /// it again gives the same document, written as JSON or as YAML.
    #[test]
    fn serialised_model_loads_back(parts in parts(), as_json in any::<bool>()) {
        let spec = parts.spec();
        let text = if as_json { spec.to_string() } else { yaml(&spec) };
        let first = reelnet_spec::load_str("gen.yaml", &text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let once = serde_json::to_value(&first.model)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        // `dockerfiles` and `manifests` are the parsed files the services
        // reference (read from those files, not part of the format): the
        // spec part alone is what loads back.
        let mut spec_part = once.clone();
        if let Some(sections) = spec_part.as_object_mut() {
            sections.remove("dockerfiles");
            sections.remove("manifests");
        }
        for again_text in [spec_part.to_string(), yaml(&spec_part)] {
            let again = reelnet_spec::load_str("again.yaml", &again_text)
                .map_err(|e| TestCaseError::fail(format!("{e}\n{again_text}")))?;
            let twice = serde_json::to_value(&again.model)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&once, &twice, "\n{}", again_text);
            prop_assert_eq!(
                again.model.subnets().map(|s| (s.cidr.value, s.zone.clone())).collect::<Vec<_>>(),
                first.model.subnets().map(|s| (s.cidr.value, s.zone.clone())).collect::<Vec<_>>()
            );
        }
    }

    /// Every diagnostic, of valid and of broken specs, lies inside its file
    /// and names a node of its source map.
    #[test]
    fn diagnostics_point_into_their_file(parts in parts(), seed in any::<u64>(), broken in any::<bool>()) {
        let spec = parts.spec();
        let text = if broken { mutate(&spec, seed) } else { yaml(&spec) };
        let report = linter().check_str("gen.yaml", &text);
        check_labels(&report)?;
        // Same for a directory spec whose sections clash.
        let files = vec![
            ("a.yaml".to_owned(), text.clone()),
            ("b.yaml".to_owned(), "vpc: { cidr: 10.1.0.0/16 }\n".to_owned()),
        ];
        check_labels(&linter().check_texts("dir", files))?;
    }

    /// Linting twice gives byte-identical reports, and shuffling the
    /// subnets, services, buckets and databases gives the same findings.
    #[test]
    fn linting_is_deterministic_and_order_independent(
        (parts, shuffled) in parts().prop_flat_map(|p| {
            let shuffled = (
                Just(p.public.clone()).prop_shuffle(),
                Just(p.private.clone()).prop_shuffle(),
                Just(p.services.clone()).prop_shuffle(),
                Just(p.buckets.clone()).prop_shuffle(),
                Just(p.databases.clone()).prop_shuffle(),
            );
            (Just(p), shuffled)
        })
    ) {
        let linter = linter();
        let text = yaml(&parts.spec());
        let a = Report::new(vec![linter.check_str("gen.yaml", &text)]);
        let b = Report::new(vec![linter.check_str("gen.yaml", &text)]);
        prop_assert_eq!(output::json::render(&a), output::json::render(&b));
        let (public, private, services, buckets, databases) = shuffled;
        let other = Parts { public, private, services, buckets, databases, ..parts.clone() };
        let c = linter.check_str("gen.yaml", &yaml(&other.spec()));
        prop_assert_eq!(identity(&a.specs[0]), identity(&c), "\n{}", text);
    }
}

/// The fixtures and examples too: every label of every case is well placed.
#[test]
fn fixture_diagnostics_point_into_their_files() {
    let linter = linter();
    let dir = common::root().join("reelnet-lint/tests/fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    assert!(!paths.is_empty());
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let name = path.to_string_lossy().into_owned();
        for case in common::cases(&text, &name) {
            let report = linter.check_texts("fixture", case.files.clone());
            if let Err(e) = check_labels(&report) {
                panic!("{name}: {}: {e}", case.title);
            }
        }
    }
}
