//! Values the loader parses into types (image references, CloudFront
//! security policies): a malformed one is SPEC004 at its exact place, from
//! the real binary, whatever rules are selected or ignored.

mod common;

use std::path::PathBuf;
use std::process::Output;

use assert_cmd::Command;

fn write(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("typed_values");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path
}

fn run(path: &PathBuf, extra: &[&str]) -> Output {
    let mut c = Command::cargo_bin("reelnet-lint").unwrap_or_else(|e| panic!("{e}"));
    c.current_dir(common::root()).env("NO_COLOR", "1");
    c.arg("check")
        .arg(path)
        .args(["--format", "json", "--as-of", common::AS_OF])
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The diagnostics of a JSON report as (code, line, column, pointer, message).
fn findings(out: &Output) -> Vec<(String, u64, u64, String, String)> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    let mut found = Vec::new();
    for d in v["diagnostics"].as_array().cloned().unwrap_or_default() {
        found.push((
            d["code"].as_str().unwrap_or_default().to_owned(),
            d["line"].as_u64().unwrap_or(0),
            d["column"].as_u64().unwrap_or(0),
            d["path"].as_str().unwrap_or_default().to_owned(),
            d["message"].as_str().unwrap_or_default().to_owned(),
        ));
    }
    found
}

#[test]
fn a_malformed_image_is_spec004_even_with_ctr001_ignored() {
    let path = write(
        "image.yaml",
        "name: t\ncompute:\n  services:\n    - { name: api, image: \"reelnet/Backend:1.0\" }\n",
    );
    for extra in [&[][..], &["--ignore", "CTR001"], &["--select", "NET"]] {
        let out = run(&path, extra);
        assert_eq!(out.status.code(), Some(1), "{extra:?}");
        let found = findings(&out);
        assert_eq!(found.len(), 1, "{extra:?}: {found:?}");
        let (code, line, column, pointer, message) = &found[0];
        assert_eq!(
            (code.as_str(), *line, *column, pointer.as_str()),
            ("SPEC004", 4, 27, "/compute/services/0/image"),
            "{extra:?}"
        );
        assert!(
            message.contains("repository names must be lowercase (`Backend`)"),
            "{message}"
        );
    }
}

#[test]
fn an_unknown_security_policy_is_spec004_with_the_policy_meant() {
    let path = write(
        "tls.yaml",
        "name: t\ncdn:\n  distributions:\n    - { name: main, aliases: [reelnet.com], min_tls: TLSv1.3 }\n",
    );
    let out = run(&path, &["--ignore", "EDGE006"]);
    assert_eq!(out.status.code(), Some(1));
    let found = findings(&out);
    assert_eq!(found.len(), 1, "{found:?}");
    let (code, line, column, pointer, message) = &found[0];
    assert_eq!(
        (code.as_str(), *line, *column, pointer.as_str()),
        ("SPEC004", 4, 54, "/cdn/distributions/0/min_tls")
    );
    assert!(
        message.contains("not a CloudFront security policy"),
        "{message}"
    );
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        v["diagnostics"][0]["help"], "did you mean `TLSv1.3_2025`?",
        "{v}"
    );
}

/// A well-formed image and policy load, and the rules read them typed:
/// `latest` is CTR001, an old policy EDGE006.
#[test]
fn typed_values_reach_the_rules() {
    let path = write(
        "typed.yaml",
        "name: t\ncompute:\n  services:\n    - { name: api, image: \"registry:5000/reelnet/api:latest\" }\ncdn:\n  distributions:\n    - { name: main, aliases: [reelnet.com], min_tls: TLSv1.1_2016 }\n",
    );
    let out = run(&path, &["--select", "CTR001,EDGE006"]);
    let codes: Vec<(String, u64)> = findings(&out)
        .into_iter()
        .map(|(code, line, ..)| (code, line))
        .collect();
    assert_eq!(codes, [("CTR001".to_owned(), 4), ("EDGE006".to_owned(), 7)]);
}

/// A size of 2^64 bytes or more does not fit: SPEC004 "too large", never
/// silently clamped to 18446744073709551615 bytes; and a byte count is
/// exact (no rounding through a float), so `show` reads back unchanged.
#[test]
fn a_size_past_u64_is_too_large_and_byte_counts_are_exact() {
    for (n, storage) in [
        "17179869184GiB",
        "17179869184",
        "18446744073709551616B",
        "16384PiB",
        "16777216TB",
    ]
    .into_iter()
    .enumerate()
    {
        let path = write(
            &format!("size_{n}.yaml"),
            &format!("name: t\ndatabase:\n  engine: postgres\n  storage: \"{storage}\"\n"),
        );
        let out = run(&path, &[]);
        assert_eq!(out.status.code(), Some(1), "{storage}");
        let found = findings(&out);
        let spec: Vec<_> = found.iter().filter(|f| f.0 == "SPEC004").collect();
        assert_eq!(spec.len(), 1, "{storage}: {found:?}");
        assert_eq!((spec[0].1, spec[0].2), (4, 12), "{storage}");
        assert!(spec[0].4.contains("too large"), "{storage}: {}", spec[0].4);
    }
    for (n, storage) in [
        "18446744073709551615B",
        "9007199254740993B",
        "17179869183GiB",
    ]
    .into_iter()
    .enumerate()
    {
        let path = write(
            &format!("size_ok_{n}.yaml"),
            &format!("name: t\ndatabase:\n  engine: postgres\n  storage: \"{storage}\"\n"),
        );
        let mut c = Command::cargo_bin("reelnet-lint").unwrap_or_else(|e| panic!("{e}"));
        let out = c
            .arg("show")
            .arg(&path)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.status.code(), Some(0), "{storage}");
        let v: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v["database"][0]["storage"], storage, "{storage}");
    }
}

/// A decimal integer too large for 64 bits is an integer of YAML 1.2 (§10.3.2
/// `[-+]?[0-9]+`): out of range, not "found the float" with a help that tells
/// the user to drop a fraction they never wrote.
#[test]
fn a_huge_integer_is_out_of_range_not_a_float() {
    for (n, value) in ["99999999999999999999", "+123456789012345678901234567890"]
        .into_iter()
        .enumerate()
    {
        let path = write(
            &format!("huge_int_{n}.yaml"),
            &format!("name: t\nlogging:\n  retention_days: {value}\n"),
        );
        let out = run(&path, &[]);
        assert_eq!(out.status.code(), Some(1), "{value}");
        let found = findings(&out);
        let spec: Vec<_> = found.iter().filter(|f| f.0 == "SPEC004").collect();
        assert_eq!(spec.len(), 1, "{value}: {found:?}");
        assert_eq!((spec[0].1, spec[0].2), (3, 19), "{value}");
        assert!(spec[0].4.contains("out of range"), "{value}: {}", spec[0].4);
        assert!(!spec[0].4.contains("float"), "{value}: {}", spec[0].4);
    }
    // A whole float the user tagged stays "found the float".
    let path = write(
        "tagged_float.yaml",
        "name: t\nlogging:\n  retention_days: !!float 60\n",
    );
    let found = findings(&run(&path, &[]));
    assert!(
        found
            .iter()
            .any(|f| f.0 == "SPEC004" && f.4.contains("expected a whole number, found the float")),
        "{found:?}"
    );
}

/// A number out of a field's range is quoted as written, never as the JSON
/// the schema check saw (`1e+20`), for the fields the schema bounds too.
#[test]
fn an_out_of_range_number_is_quoted_as_written() {
    for (n, (section, value)) in [
        (
            "auto_scaling:\n  max_size: 3\n  min_size:",
            "99999999999999999999",
        ),
        (
            "auto_scaling:\n  max_size: 3\n  min_size:",
            "-99999999999999999999",
        ),
        ("logging:\n  retention_days:", "-99999999999999999999"),
    ]
    .into_iter()
    .enumerate()
    {
        let path = write(
            &format!("range_{n}.yaml"),
            &format!("name: t\n{section} {value}\n"),
        );
        let out = run(&path, &[]);
        assert_eq!(out.status.code(), Some(1), "{value}");
        let found = findings(&out);
        let spec: Vec<_> = found.iter().filter(|f| f.0 == "SPEC004").collect();
        assert_eq!(spec.len(), 1, "{value}: {found:?}");
        assert!(
            spec[0].4.starts_with(&format!("`{value}` is ")),
            "{value}: {}",
            spec[0].4
        );
    }
}
