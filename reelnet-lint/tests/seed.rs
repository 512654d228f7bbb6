//! The seed architecture reports its real problems; the clean variant none.

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
    let (code, human) = check("examples/reelnet-clean.yaml", "human");
    assert_eq!(human, "No findings in 1 spec.\n");
    assert_eq!(code, Some(0));
    let (_, json) = check("examples/reelnet-clean.yaml", "json");
    insta::assert_snapshot!("clean_json", json);
}
