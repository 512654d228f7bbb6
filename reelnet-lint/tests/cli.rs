//! The real binary: output formats, exit codes, and hostile input.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

fn bin() -> Command {
    let mut c = Command::cargo_bin("reelnet-lint").unwrap_or_else(|e| panic!("{e}"));
    c.current_dir(common::root()).env("NO_COLOR", "1");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap_or_else(|e| panic!("{e}"))
}

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir.join(name)
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let p = tmp(name);
    std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("{e}"));
    p
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn seed_json_report_is_valid_and_deterministic() {
    let a = run(&[
        "check",
        "examples/reelnet.yaml",
        "--format",
        "json",
        "--as-of",
        common::AS_OF,
    ]);
    let b = run(&[
        "check",
        "examples/reelnet.yaml",
        "--format",
        "json",
        "--as-of",
        common::AS_OF,
    ]);
    assert_eq!(a.stdout, b.stdout, "same input, different report");
    let v = json(&a);
    assert_eq!(v["version"], 1);
    assert_eq!(v["tool"]["name"], "reelnet-lint");
    assert_eq!(v["summary"]["specs"], 1);
    let diags = v["diagnostics"].as_array().cloned().unwrap_or_default();
    for d in &diags {
        for key in [
            "code",
            "name",
            "severity",
            "message",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "path",
            "help",
            "related",
        ] {
            assert!(d.get(key).is_some(), "diagnostic lacks `{key}`: {d}");
        }
        // The spec, or a Dockerfile or manifest its services reference.
        let file = d["file"].as_str().unwrap_or_default();
        assert!(
            file == "examples/reelnet.yaml"
                || file.starts_with("examples/docker/")
                || file.starts_with("examples/k8s/"),
            "unexpected file {file}"
        );
    }
    let expected_exit = if diags.is_empty() { 0 } else { 1 };
    assert_eq!(a.status.code(), Some(expected_exit));
}

#[test]
fn exit_codes() {
    let clean = write("clean.yaml", b"name: ok\navailability_zones: [a, b]\nvpc:\n  cidr: 10.0.0.0/16\n  public_subnets: [10.0.1.0/24, 10.0.2.0/24]\n");
    let clean = clean.to_string_lossy().into_owned();
    assert_eq!(
        run(&["check", &clean, "--select", "NET"]).status.code(),
        Some(0)
    );
    let broken = write("overlap.yaml", b"name: x\navailability_zones: [a, b]\nvpc:\n  cidr: 10.0.0.0/16\n  public_subnets: [10.0.1.0/24, 10.0.1.0/25]\n");
    let broken = broken.to_string_lossy().into_owned();
    let out = run(&["check", &broken, "--select", "NET"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("NET001"), "{text}");
    assert!(text.contains("Found 1 error in 1 spec."), "{text}");
    // Below the threshold: exit 0.
    let single = write(
        "single.yaml",
        b"name: x\nvpc:\n  cidr: 10.0.0.0/16\n  public_subnets: [10.0.1.0/24]\n",
    );
    let single = single.to_string_lossy().into_owned();
    assert_eq!(
        run(&["check", &single, "--select", "NET006"]).status.code(),
        Some(1)
    );
    assert_eq!(
        run(&["check", &single, "--select", "NET006", "--fail-on", "error"])
            .status
            .code(),
        Some(0)
    );
    // Usage errors and unreadable paths: exit 2.
    assert_eq!(
        run(&["check", "does/not/exist.yaml"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["check", &clean, "--select", "NET999"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["check", &clean, "--format", "xml"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["check", &clean, "--as-of", "2026-13-01"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["explain", "NOPE001"]).status.code(), Some(2));
}

#[test]
fn output_file_and_subcommands() {
    let out_file = tmp("report.json");
    let out = run(&[
        "check",
        "examples/reelnet.yaml",
        "--format",
        "json",
        "--output",
        &out_file.to_string_lossy(),
    ]);
    assert!(out.stdout.is_empty());
    let written = std::fs::read(&out_file).unwrap_or_default();
    assert!(serde_json::from_slice::<serde_json::Value>(&written).is_ok());

    let rules = run(&["rules", "--format", "json"]);
    assert_eq!(rules.status.code(), Some(0));
    let list = json(&rules);
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(reelnet_lint::RULES.len())
    );

    let table = String::from_utf8_lossy(&run(&["rules"]).stdout).into_owned();
    for rule in reelnet_lint::RULES {
        let m = rule.meta();
        assert!(table.contains(m.code) && table.contains(m.name));
        for key in [m.code, m.name] {
            let ex = run(&["explain", key]);
            assert_eq!(ex.status.code(), Some(0));
            assert!(String::from_utf8_lossy(&ex.stdout).contains("## What it does"));
        }
    }

    let schema = run(&["schema"]);
    let on_disk =
        std::fs::read(common::root().join("schemas/reelnet.schema.json")).unwrap_or_default();
    assert_eq!(schema.stdout, on_disk);
}

/// Hostile input ends with a located diagnostic and exit 1 (or 2 for an
/// unreadable path): never a panic, a hang or a blow-up.
fn hostile(name: &str, bytes: &[u8], code: &str) -> serde_json::Value {
    let p = write(name, bytes);
    let out = run(&["check", &p.to_string_lossy(), "--format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
    let v = json(&out);
    let d = v["diagnostics"]
        .as_array()
        .and_then(|a| a.iter().find(|d| d["code"] == code).cloned())
        .unwrap_or_else(|| panic!("{name}: no {code} in {v}"));
    assert!(d["line"].as_u64().unwrap_or(0) >= 1, "{name}: {d}");
    assert!(d["column"].as_u64().unwrap_or(0) >= 1, "{name}: {d}");
    d
}

#[test]
fn malformed_yaml() {
    let d = hostile(
        "malformed.yaml",
        b"name: x\nvpc: {cidr: 10.0.0.0/16\n",
        "SPEC000",
    );
    assert!(d["line"].as_u64() >= Some(2), "{d}");
}

#[test]
fn alias_bomb() {
    let mut y = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let prev = (b'a' + i - 1) as char;
        let cur = (b'a' + i) as char;
        y.push_str(&format!("{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    hostile("bomb.yaml", y.as_bytes(), "SPEC000");
}

/// Aliases that copy few values but long text: a 20,000-character string
/// or key copied by 49,000 aliases (a 216 KB file) took 2 GB. The text
/// aliases copy is bounded by the largest file read (64 MiB).
#[test]
fn alias_bomb_of_long_text() {
    let long = "k".repeat(20_000);
    let aliases = vec!["*a"; 49_000].join(", ");
    let string = format!("name: x\na: &a \"{long}\"\nb: [{aliases}]\n");
    let d = hostile("bomb-string.yaml", string.as_bytes(), "SPEC000");
    assert!(
        d["message"]
            .as_str()
            .is_some_and(|m| m.contains("bytes of text")),
        "{d}"
    );
    let key = format!("name: x\na: &a\n  ? {long}\n  : 1\nb: [{aliases}]\n");
    hostile("bomb-key.yaml", key.as_bytes(), "SPEC000");
}

/// The siblings of [`alias_bomb_of_long_text`] that copy a long text
/// without copying a value: an alias used as a mapping key (`{*a : 1}`)
/// and a merge key (`<<: *a`) bringing in a long key. Each 500 KB file
/// took 2 to 3 GB and 10 to 15 s before they counted against the budget.
#[test]
fn alias_bomb_of_long_keys_through_keys_and_merges() {
    let long = "k".repeat(20_000);
    for (name, item, anchored) in [
        ("bomb-alias-key.yaml", "{*a : 1}", format!("\"{long}\"")),
        (
            "bomb-merge-key.yaml",
            "{<<: *a}",
            format!("\n  ? {long}\n  : 1"),
        ),
    ] {
        let items = vec![item; 49_000].join(", ");
        let text = format!("name: x\na: &a {anchored}\nb: [{items}]\n");
        let d = hostile(name, text.as_bytes(), "SPEC000");
        assert!(
            d["message"]
                .as_str()
                .is_some_and(|m| m.contains("bytes of text")),
            "{name}: {d}"
        );
        // At an alias of `b`, the last line.
        assert_eq!(d["line"], text.lines().count(), "{name}: {d}");
    }
}

#[test]
fn deep_nesting_flow_and_block() {
    let depth = 100_000;
    let flow = format!("name: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    hostile("deep-flow.yaml", flow.as_bytes(), "SPEC000");
    let flow_map = format!("name: {}{}\n", "{a: ".repeat(depth), "}".repeat(depth));
    hostile("deep-flow-map.yaml", flow_map.as_bytes(), "SPEC000");
    // Block nesting on one line: `- - - … x` is 100,000 nested sequences.
    let seq = format!(
        "name: x\nvpc:\n  public_subnets:\n    {}x\n",
        "- ".repeat(depth)
    );
    hostile("deep-block-seq.yaml", seq.as_bytes(), "SPEC000");
    // Indented block mappings grow quadratically in size; 2,000 levels is
    // already far past the depth limit.
    let mut block = String::new();
    for i in 0..2_000 {
        block.push_str(&" ".repeat(i));
        block.push_str("a:\n");
    }
    hostile("deep-block-map.yaml", block.as_bytes(), "SPEC000");
}

#[test]
fn invalid_utf8_and_binary() {
    let d = hostile("latin1.yaml", b"name: caf\xe9\nvpc: {}\n", "SPEC000");
    assert_eq!(d["line"], 1);
    assert_eq!(d["column"], 10);
    hostile("binary.yaml", b"\x00\x01\x02ELF\x00\x00", "SPEC000");
}

#[test]
fn empty_and_wrong_top_level() {
    hostile("empty.yaml", b"", "SPEC004");
    hostile("blank.yaml", b"\n# only a comment\n", "SPEC004");
    hostile("list.yaml", b"- name: x\n", "SPEC004");
    hostile("scalar.yaml", b"just a string\n", "SPEC004");
}

#[test]
fn wrong_types_huge_numbers_nan_bad_cidr() {
    let d = hostile(
        "types.yaml",
        b"name: x\nauto_scaling: { min_size: two, max_size: 3 }\n",
        "SPEC004",
    );
    assert_eq!(d["path"], "/auto_scaling/min_size");
    let d = hostile(
        "huge.yaml",
        b"name: x\nauto_scaling: { min_size: 123456789012345678901234567890, max_size: 3 }\n",
        "SPEC004",
    );
    assert_eq!(d["path"], "/auto_scaling/min_size");
    let d = hostile(
        "nan.yaml",
        b"name: x\nalarms:\n  cpu_utilization: { threshold: .nan }\n",
        "SPEC004",
    );
    assert_eq!(d["path"], "/alarms/cpu_utilization/threshold");
    let d = hostile(
        "cidr.yaml",
        b"name: x\nvpc: { cidr: 10.0.0.0/33 }\n",
        "SPEC004",
    );
    assert_eq!(d["path"], "/vpc/cidr");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(14))
    );
}

#[test]
fn directory_with_a_broken_file() {
    let dir = tmp("spec-dir");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("main.yaml"), "name: x\n").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("net.yaml"), "vpc: [\n").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("notes.txt"), "not yaml: [").unwrap_or_else(|e| panic!("{e}"));
    let out = run(&["check", &dir.to_string_lossy(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "SPEC000");
    assert!(
        d["file"].as_str().unwrap_or("").ends_with("net.yaml"),
        "{d}"
    );
}

#[cfg(unix)]
#[test]
fn directory_with_a_symlink_loop() {
    let dir = tmp("loop-dir");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("main.yaml"), "name: x\n").unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(dir.join("loop.yaml"), dir.join("loop.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let out = run(&["check", &dir.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("loop.yaml"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn directory_spec_merges_sections() {
    let dir = tmp("split-spec");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.join("main.yaml"),
        "name: split\navailability_zones: [a, b]\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.join("network.yml"),
        "vpc:\n  cidr: 10.0.0.0/16\n  public_subnets: [10.0.1.0/24, 10.0.1.0/24]\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = run(&[
        "check",
        &dir.to_string_lossy(),
        "--format",
        "json",
        "--select",
        "SPEC,NET",
    ]);
    let v = json(&out);
    let found: Vec<(String, String)> = v["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    (
                        d["code"].as_str().unwrap_or("").to_owned(),
                        d["file"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    // Only the overlap, reported in the file that holds it: `name` in main.yaml
    // serves the whole spec, and zones from main.yaml place network.yml's subnets.
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "NET001");
    assert!(found[0].1.ends_with("network.yml"), "{found:?}");
}

#[cfg(unix)]
#[test]
fn fifo_and_devices_are_refused_not_read() {
    let fifo = tmp("spec.fifo.yaml");
    let _ = std::fs::remove_file(&fifo);
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let out = run(&["check", &fifo.to_string_lossy()]);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
    }
    let out = run(&["check", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
}
