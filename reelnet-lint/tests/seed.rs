//! The seed architecture reports its real problems; the clean variant none;
//! each example under examples/ lints on its own.

mod common;

use assert_cmd::Command;

fn check(path: &str, format: &str) -> (Option<i32>, String) {
    let out = Command::cargo_bin("reelnet-lint")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(common::root())
        .env("NO_COLOR", "1")
        .args(["check", path, "--format", format, "--as-of", common::AS_OF])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// What RULES.md and CONTAINERS.md mark "Seed".
const SEED_FINDINGS: [&str; 15] = [
    "DB003", "DB005", "DB006", "EDGE003", "CTR001", "PIPE003", "DKR001", "DKR002", "DKR004",
    "DKR005", "K8S000", "K8S001", "K8S002", "K8S003", "K8S004",
];

#[test]
fn seed_reports_the_catalogue_findings() {
    let (code, json) = check("examples/reelnet.yaml", "json");
    assert_eq!(code, Some(1));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .map(|a| a.iter().filter_map(|d| d["code"].as_str()).collect())
        .unwrap_or_default();
    for expected in SEED_FINDINGS {
        assert!(
            codes.contains(&expected),
            "the seed does not report {expected}: {codes:?}"
        );
    }
    // Both services run `:latest`, and so does the backend's Deployment.
    assert_eq!(codes.iter().filter(|c| **c == "CTR001").count(), 3);
    // Both Dockerfiles: Node.js 18 past its end, `openjdk` withdrawn.
    assert_eq!(codes.iter().filter(|c| **c == "DKR001").count(), 2);
    insta::assert_snapshot!("seed_json", json);
    let (_, human) = check("examples/reelnet.yaml", "human");
    insta::assert_snapshot!("seed_human", human);
}

#[test]
fn clean_variant_reports_nothing() {
    let (code, human) = check("examples/clean/reelnet.yaml", "human");
    assert_eq!(human, "No findings in 1 spec.\n");
    assert_eq!(code, Some(0));
    let (_, json) = check("examples/clean/reelnet.yaml", "json");
    insta::assert_snapshot!("clean_json", json);
}

/// `check examples/` is the seed alone (a directory spec merges only the
/// YAML files directly in it), and `check examples/clean/` is the clean
/// variant alone: no example's sections clash with another's (SPEC005).
#[test]
fn each_example_directory_is_one_spec() {
    let (code, dir) = check("examples/", "json");
    let (_, file) = check("examples/reelnet.yaml", "json");
    assert_eq!(code, Some(1));
    let codes = |json: &str| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"));
        v["diagnostics"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|d| d["code"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert!(!codes(&dir).iter().any(|c| c == "SPEC005"), "{dir}");
    assert_eq!(codes(&dir), codes(&file));
    let (code, human) = check("examples/clean/", "human");
    assert_eq!(human, "No findings in 1 spec.\n");
    assert_eq!(code, Some(0));
}
