//! `reelnet-lint show PATH`: the model as JSON, byte for byte what Python's
//! `json.dumps(spec.to_dict(), indent=2, ensure_ascii=False) + "\n"` gives.
//!
//! `Spec.to_dict()` is `json.loads` of the model's compact serde JSON (see
//! bindings/python/src/convert.rs, `plain`), so the Python side is run here
//! with the system `python3` on that same JSON.

mod common;

use std::io::Write;
use std::process::{Command as Process, Output, Stdio};

use assert_cmd::Command;
use proptest::prelude::*;
use reelnet_spec::Loader;

fn bin() -> Command {
    let mut c = Command::cargo_bin("reelnet-lint").unwrap_or_else(|e| panic!("{e}"));
    c.current_dir(common::root()).env("NO_COLOR", "1");
    c
}

fn show(path: &std::path::Path) -> Output {
    bin()
        .arg("show")
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// What Python prints for each compact JSON document (one per line).
fn python_dumps(compact: &[String]) -> Vec<String> {
    let script = "import json, sys\n\
        out = [json.dumps(json.loads(line), indent=2, ensure_ascii=False) + '\\n' for line in sys.stdin.read().split('\\n') if line]\n\
        sys.stdout.write('\\x00'.join(out))\n";
    let mut child = Process::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("python3: {e}"));
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(compact.join("\n").as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success(), "python3 failed");
    String::from_utf8(out.stdout)
        .unwrap_or_else(|e| panic!("{e}"))
        .split('\0')
        .map(str::to_owned)
        .collect()
}

fn write(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("show");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path
}

#[test]
fn seed_model_matches_python_to_dict() {
    let path = common::root().join("examples/reelnet.yaml");
    let out = show(&path);
    assert!(out.status.success(), "{out:?}");
    let spec = Loader::default()
        .load_path(&path)
        .unwrap_or_else(|e| panic!("{e}"));
    let compact = serde_json::to_string(&spec.model).unwrap_or_else(|e| panic!("{e}"));
    let python = python_dumps(&[compact]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), python[0]);
    // Defaults filled in and shorthand subnets placed in zones.
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert!(v["vpc"]["public_subnets"][0]["az"].is_string(), "{v}");
}

#[test]
fn the_referenced_files_are_shown_after_the_sections() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("show-containers");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let put = |name: &str, text: &str| {
        std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{e}"));
    };
    put(
        "reelnet.yaml",
        "name: t\ncompute:\n  services:\n    - { name: web, image: 'reelnet/web:1.0.0', dockerfile: web.Dockerfile, manifests: [web.yaml] }\n",
    );
    put(
        "web.Dockerfile",
        "ARG V=24\nFROM node:${V}-alpine AS app\nHEALTHCHECK\nCMD [\"node\", \"é.js\"]\n",
    );
    put(
        "web.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers: [{ name: web, image: 'reelnet/web:1.0.0' }]\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n",
    );
    let path = dir.join("reelnet.yaml");
    let out = show(&path);
    assert!(out.status.success(), "{out:?}");
    let spec = Loader::default()
        .load_path(&path)
        .unwrap_or_else(|e| panic!("{e}"));
    let compact = serde_json::to_string(&spec.model).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        python_dumps(&[compact])[0]
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    // The last two top-level keys, after the format's sections.
    let text = String::from_utf8_lossy(&out.stdout);
    let at = |key: &str| text.find(&format!("\n  \"{key}\": ")).unwrap_or(0);
    assert!(
        at("disaster_recovery") < at("dockerfiles") && at("dockerfiles") < at("manifests"),
        "{text}"
    );
    assert!(text.ends_with("]\n}\n"), "{text}");
    let d = &v["dockerfiles"][0];
    assert!(
        d["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("web.Dockerfile")),
        "{d}"
    );
    assert_eq!(d["problem"], serde_json::Value::Null);
    assert_eq!(
        d["instructions"][3],
        serde_json::json!({"keyword": "CMD", "flags": [], "arguments": ["node", "é.js"], "form": "exec", "stage": 0})
    );
    assert_eq!(d["instructions"][2]["keyword"], "HEALTHCHECK");
    assert_eq!(d["stages"][0]["image"], "node:${V}-alpine");
    assert_eq!(d["stages"][0]["name"], "app");
    let m = &v["manifests"][0];
    assert_eq!(
        m["documents"][0]["object"]["match_labels"],
        serde_json::json!({"app": "web"})
    );
    assert_eq!(
        m["documents"][0]["object"]["containers"][0]["image"],
        "reelnet/web:1.0.0"
    );
    assert_eq!(m["documents"][1]["kind"], "ConfigMap");
    assert_eq!(m["documents"][1]["object"], serde_json::Value::Null);
    assert_eq!(m["problems"], serde_json::json!([]));
}

#[test]
fn a_spec_that_does_not_load_fails() {
    let path = write(
        "bad.yaml",
        "name: x\nvpc: { cidr: 10.0.0.0/16, colour: red }\n",
    );
    let out = show(&path);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("SPEC001"), "{err}");
    let out = show(std::path::Path::new("no/such/spec.yaml"));
    assert_eq!(out.status.code(), Some(2));
}

fn spec_text(name: &str, threshold: f64, up: f64, gib: u64) -> String {
    // A JSON string is a YAML double-quoted scalar.
    let name = serde_json::to_string(name).unwrap_or_default();
    format!(
        "name: {name}\n\
         availability_zones: [a, b]\n\
         vpc: {{ cidr: 10.0.0.0/16, public_subnets: [10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24] }}\n\
         database: {{ storage: {gib}, engine: postgres, version: \"16.4\" }}\n\
         auto_scaling: {{ min_size: 1, max_size: 3, scale_up_threshold: {up:?} }}\n\
         alarms:\n  {name}: {{ threshold: {threshold:?} }}\n"
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any floats (Python's `repr` spelling), any text (unescaped
    /// non-ASCII, escaped control characters) print as Python prints them.
    #[test]
    fn any_model_matches_python(
        specs in prop::collection::vec(
            ("[a-zA-Zé日\\t\\u{1}\"\\\\ ]{1,12}", any::<f64>().prop_filter("finite", |f| f.is_finite()), 0.0f64..100.0, 1u64..1 << 20),
            4,
        )
    ) {
        let mut compact = Vec::new();
        let mut shown = Vec::new();
        for (i, (name, threshold, up, gib)) in specs.iter().enumerate() {
            let text = spec_text(name, *threshold, *up, *gib);
            let spec = Loader::default().load_str("p.yaml", &text);
            prop_assert!(spec.is_ok(), "{}\n{:?}", text, spec.err().map(|e| e.to_string()));
            let Ok(spec) = spec else { continue };
            compact.push(serde_json::to_string(&spec.model).unwrap_or_default());
            let out = show(&write(&format!("p{i}.yaml"), &text));
            prop_assert!(out.status.success());
            shown.push(String::from_utf8_lossy(&out.stdout).into_owned());
        }
        if !compact.is_empty() {
            prop_assert_eq!(python_dumps(&compact), shown);
        }
    }
}
