//! The AWS facts the rules rely on (issue #14), through the real binary:
//! each example of the issue as a regression, and `explain` printing the
//! corrected documentation.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

fn run(args: &[&str]) -> Output {
    let mut c = Command::cargo_bin("reelnet-lint").unwrap_or_else(|e| panic!("{e}"));
    c.current_dir(common::root()).env("NO_COLOR", "1");
    c.args(args).output().unwrap_or_else(|e| panic!("{e}"))
}

fn write(name: &str, text: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("facts");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap_or_else(|e| panic!("{e}"));
    p
}

/// `(code, severity, message)` of every finding of `select` in `text`,
/// linted as of the date, 2026-11-29.
fn findings(name: &str, text: &str, select: &str) -> Vec<(String, String, String)> {
    let p = write(name, text);
    let out = run(&[
        "check",
        &p.to_string_lossy(),
        "--select",
        select,
        "--as-of",
        "2026-11-29",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    v["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    let s = |k: &str| d[k].as_str().unwrap_or_default().to_owned();
                    (s("code"), s("severity"), s("message"))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn one(name: &str, text: &str, select: &str) -> (String, String) {
    let found = findings(name, text, select);
    assert_eq!(found.len(), 1, "{name}: {found:?}");
    let (_, severity, message) = found.into_iter().next().unwrap_or_default();
    (severity, message)
}

#[test]
fn ipv6_vpc_sizes_and_ipv4_requirement() {
    let v48 =
        "name: t\nvpc:\n  cidr: 10.0.0.0/16\n  public_subnets: [\"2600:1f18:1234:5600::/60\"]\n";
    assert!(findings("v48.yaml", v48, "NET004").is_empty());
    let only6 = "name: t\nvpc: { cidr: \"2600:1f18:1234::/48\" }\n";
    assert!(findings("only6-size.yaml", only6, "NET004").is_empty());
    let (sev, msg) = one("only6.yaml", only6, "NET009");
    assert_eq!(sev, "error");
    assert!(msg.contains("IPv4"), "{msg}");
}

#[test]
fn vpc_ranges_aws_refuses_or_permits() {
    assert!(
        findings(
            "r19.yaml",
            "name: t\nvpc: { cidr: 198.19.0.0/16 }\n",
            "NET005"
        )
        .is_empty()
    );
    for cidr in [
        "0.1.0.0/16",
        "127.0.0.0/16",
        "169.254.0.0/16",
        "224.1.0.0/16",
    ] {
        let (sev, _) = one(
            "refused.yaml",
            &format!("name: t\nvpc: {{ cidr: {cidr} }}\n"),
            "NET005",
        );
        assert_eq!(sev, "error", "{cidr}");
    }
    let (sev, msg) = one(
        "host.yaml",
        "name: t\nvpc: { cidr: 10.0.0.5/16 }\n",
        "NET003",
    );
    assert_eq!(sev, "warning");
    assert!(msg.contains("rewrites"), "{msg}");
    // A peer range is not a block EC2 creates: no claim that EC2 rewrites it.
    let (sev, msg) = one(
        "peerhost.yaml",
        "name: t
vpc: { cidr: 10.0.0.0/16, peers: [192.168.1.1/24] }
",
        "NET003",
    );
    assert_eq!(sev, "warning");
    assert!(
        msg.contains("192.168.1.0/24") && !msg.contains("EC2"),
        "{msg}"
    );
}

#[test]
fn mariadb_rows_and_no_extended_support() {
    let db = |v: &str| format!("name: t\ndatabase: {{ engine: mariadb, version: \"{v}\" }}\n");
    let (sev, msg) = one("m106.yaml", &db("10.6.14"), "DB005");
    assert_eq!(sev, "warning");
    assert!(msg.contains("2026-12-31 (in 32 days)"), "{msg}");
    let (sev, msg) = one("m105.yaml", &db("10.5.29"), "DB005");
    assert_eq!(sev, "error");
    assert!(
        msg.contains("does not cover MariaDB") && !msg.contains("runs on paid"),
        "{msg}"
    );
    assert!(findings("m123.yaml", &db("12.3.2"), "DB005").is_empty());
    let pg12 = "name: t\ndatabase: { engine: postgres, version: \"12.22\" }\n";
    let (_, msg) = one("pg12.yaml", pg12, "DB005");
    assert!(msg.contains("2024-11-21"), "{msg}");
}

#[test]
fn aurora_backups_cannot_be_turned_off() {
    let aurora = "name: t\ndatabase: { engine: aurora-mysql, backup_retention: 0 }\n";
    let (sev, msg) = one("aurora0.yaml", aurora, "DB002");
    assert_eq!(sev, "error");
    assert!(
        msg.contains("not valid") && !msg.contains("are off"),
        "{msg}"
    );
}

#[test]
fn log_retention_must_be_a_cloudwatch_value() {
    for days in ["10", "45", "5000"] {
        let text = format!("name: t\nlogging: {{ retention_days: {days} }}\n");
        one(&format!("ret{days}.yaml"), &text, "MON005");
    }
    for days in ["7", "14", "731", "3653"] {
        let text = format!("name: t\nlogging: {{ retention_days: {days} }}\n");
        assert!(findings("ok.yaml", &text, "MON005").is_empty(), "{days}");
    }
}

#[test]
fn scale_out_arithmetic_in_the_message() {
    let text = "name: t\nauto_scaling: { min_size: 2, max_size: 10, scale_up_threshold: 75, scale_down_threshold: 55 }\n";
    let (sev, msg) = one("flap.yaml", text, "SCALE002");
    assert_eq!(sev, "warning");
    assert!(msg.contains("75·2/3 = 50"), "{msg}");
}

#[test]
fn storage_rules_s3_refuses() {
    let repl =
        "name: t\nstorage:\n  buckets:\n    - { name: b, replication: { region: us-west-2 } }\n";
    assert_eq!(one("repl.yaml", repl, "STO008").0, "error");
    let ia = "name: t\nstorage:\n  buckets:\n    - { name: b, lifecycle: [{ after_days: 29, transition: STANDARD_IA }] }\n";
    assert_eq!(one("ia.yaml", ia, "STO009").0, "error");
    let none = "name: t\nstorage:\n  buckets:\n    - { name: b, encryption: none }\n";
    let (_, msg) = one("none.yaml", none, "STO005");
    assert!(
        msg.contains("SSE-S3") && msg.contains("January 2023"),
        "{msg}"
    );
}

#[test]
fn fargate_sizes_and_lambda_runtimes() {
    for (cpu, mem) in [(1024, 512), (300, 700)] {
        let text = format!(
            "name: t\ncompute:\n  services:\n    - {{ name: s, image: \"a/b:1\", cpu: {cpu}, memory: {mem} }}\n"
        );
        assert_eq!(one("fargate.yaml", &text, "CTR005").0, "warning");
    }
    let f =
        |rt: &str| format!("name: t\ncompute:\n  functions:\n    - {{ name: f, runtime: {rt} }}\n");
    assert_eq!(one("py36.yaml", &f("python3.6"), "CTR006").0, "error");
    assert_eq!(one("node20.yaml", &f("nodejs20.x"), "CTR006").0, "warning");
    assert!(findings("java21.yaml", &f("java21"), "CTR006").is_empty());
}

#[test]
fn tls_without_aliases_is_reported() {
    let text = "name: t\ncdn:\n  distributions:\n    - { name: main, min_tls: TLSv1.2_2021 }\n";
    let (_, msg) = one("noalias.yaml", text, "EDGE006");
    assert!(
        msg.contains("cloudfront.net") && msg.contains("TLSv1"),
        "{msg}"
    );
}

#[test]
fn explain_prints_the_corrected_docs() {
    let explain =
        |code: &str| String::from_utf8_lossy(&run(&["explain", code]).stdout).into_owned();
    let cases = [
        ("EDGE004", "webmaster@"),
        ("EDGE004", "in use"),
        ("EDGE005", "in use by an AWS service"),
        ("EDGE006", "RFC 8996"),
        ("NET004", "/44 to /60"),
        ("NET003", "rewrites"),
        ("NET005", "198.19.0.0/16"),
        ("NET009", "IPv4"),
        ("DB005", "MariaDB"),
        ("MON001", "ECS"),
        ("MON005", "3653"),
        ("STO005", "January 2023"),
        ("CTR004", "Lambda Managed Instances"),
        ("CTR005", "122880"),
        ("CTR006", "block-update"),
        ("STO008", "versioning"),
        ("STO009", "30 days"),
        ("SCALE002", "U·n/(n+1)"),
    ];
    for (code, text) in cases {
        let doc = explain(code);
        assert!(
            doc.contains(text),
            "`explain {code}` lacks {text:?}:\n{doc}"
        );
    }
}

/// `help` of the only finding of `select` in `text`.
fn help_of(name: &str, text: &str, select: &str) -> String {
    let p = write(name, text);
    let out = run(&[
        "check",
        &p.to_string_lossy(),
        "--select",
        select,
        "--as-of",
        "2026-11-29",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    let all = v["diagnostics"].as_array().cloned().unwrap_or_default();
    assert_eq!(all.len(), 1, "{name}: {all:?}");
    all[0]["help"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn extended_support_covers_only_versions_it_covers() {
    let db = |e: &str, v: &str| format!("name: t\ndatabase: {{ engine: {e}, version: \"{v}\" }}\n");
    // Standard support of these ended before Extended Support began (2024):
    // RDS upgraded them; they never ran on Extended Support.
    for (engine, version, name) in [
        ("mysql", "5.6.51", "MySQL 5.6"),
        ("postgres", "10.23", "PostgreSQL 10"),
        ("postgres", "9.6.24", "PostgreSQL 9.6"),
        ("aurora-mysql", "1.23.4", "Aurora MySQL version 1"),
    ] {
        let (sev, msg) = one("old.yaml", &db(engine, version), "DB005");
        assert_eq!(sev, "error", "{engine} {version}");
        assert!(
            msg.contains(&format!("does not cover {name}")) && !msg.contains("runs on paid"),
            "{msg}"
        );
    }
    // No calendar gives Aurora MySQL 8.4's end of standard support yet: the
    // advice names the version without a date.
    let (_, msg) = one("amy3.yaml", &db("aurora-mysql", "3.05.2"), "DB005");
    let help = help_of("amy3.yaml", &db("aurora-mysql", "3.05.2"), "DB005");
    assert!(msg.contains("2028-04-30"), "{msg}");
    assert!(
        help.contains("Aurora MySQL 8.4,") && !help.contains("2032"),
        "{help}"
    );
    for (engine, version) in [("mysql", "5.7.44"), ("postgres", "11.22")] {
        let (_, msg) = one("ext.yaml", &db(engine, version), "DB005");
        assert!(msg.contains("runs on paid RDS Extended Support"), "{msg}");
    }
}

#[test]
fn versions_older_than_every_calendar_row_are_reported() {
    let db = |e: &str, v: &str| format!("name: t\ndatabase: {{ engine: {e}, version: \"{v}\" }}\n");
    for (engine, version, oldest) in [
        ("postgres", "9.5.25", "PostgreSQL 9.6"),
        ("mysql", "5.5.62", "MySQL 5.6"),
        ("mariadb", "10.2.44", "MariaDB 10.3"),
        ("aurora-postgresql", "10.21", "Aurora PostgreSQL 11"),
    ] {
        let (sev, msg) = one("older.yaml", &db(engine, version), "DB005");
        assert_eq!(sev, "error", "{engine} {version}");
        assert!(msg.contains(&format!("older than {oldest}")), "{msg}");
    }
    // A newer major version than the table knows is not reported.
    assert!(findings("newer.yaml", &db("postgres", "19.1"), "DB005").is_empty());
    // Before the oldest row's end of support, nothing can be said.
    let p = write("older-2015.yaml", &db("postgres", "9.5.25"));
    let out = run(&[
        "check",
        &p.to_string_lossy(),
        "--select",
        "DB005",
        "--as-of",
        "2021-01-01",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(v["diagnostics"].as_array().map(Vec::len), Some(0), "{v}");
}

#[test]
fn suggestions_name_each_target_once_and_fit_the_request() {
    let f =
        |rt: &str| format!("name: t\ncompute:\n  functions:\n    - {{ name: f, runtime: {rt} }}\n");
    let help = help_of("al2.yaml", &f("provided.al2"), "CTR006");
    assert_eq!(help.matches("`provided.al2023`").count(), 1, "{help}");
    let help = help_of("java8.yaml", &f("java8"), "CTR006");
    assert!(
        help.contains("`java8.al2023`") && help.contains("`java25`"),
        "{help}"
    );
    let svc = "name: t\ncompute:\n  services:\n    - { name: s, image: \"a/b:1\", cpu: 32768, memory: 65536 }\n";
    let help = help_of("big.yaml", svc, "CTR005");
    assert!(help.contains("`cpu: 16384`, `memory: 65536`"), "{help}");
}
