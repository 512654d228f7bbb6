//! The README's embedding example (`examples/custom_rule.rs`), compiled by
//! `cargo test` and run here: a rule of your own named by the configuration
//! (found by discovery), its doc in SARIF, human output, a baseline, and
//! every format.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The example's binary, built beside this test by `cargo test`.
fn example() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    // target/debug/deps/custom_rule-HASH -> target/debug/examples/custom_rule
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .unwrap_or_else(|| panic!("no target dir above {}", exe.display()));
    dir.join("examples")
        .join(format!("custom_rule{}", std::env::consts::EXE_SUFFIX))
}

/// A repository with a configuration naming ORG001 and a spec with one
/// service lacking the prefix, one having it.
fn project(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("custom_rule")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".git")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(dir.join("infra")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.join("reelnet-lint.toml"),
        "specs = [\"infra/\"]\nselect = [\"ORG\", \"CTR001\"]\nas_of = \"2026-11-26\"\n\n\
         [severity]\nteam-prefix = \"error\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.join("infra/reelnet.yaml"),
        "name: demo\ncompute:\n  services:\n    - name: backend\n      image: \"x:1\"\n    \
         - name: rn-frontend\n      image: \"y:2\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    let exe = example();
    assert!(
        exe.is_file(),
        "{} is not built (cargo test builds the examples)",
        exe.display()
    );
    Command::new(exe)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_readme_shows_the_example_verbatim() {
    let readme =
        std::fs::read_to_string(common::root().join("README.md")).unwrap_or_else(|e| panic!("{e}"));
    let example =
        std::fs::read_to_string(common::root().join("reelnet-lint/examples/custom_rule.rs"))
            .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        readme.contains(&format!("```rust\n{example}```")),
        "README.md must show reelnet-lint/examples/custom_rule.rs verbatim in a ```rust block"
    );
}

#[test]
fn configured_rule_in_every_format() {
    let dir = project("formats");
    let human = run(&dir, &[]);
    assert_eq!(human.status.code(), Some(1), "{human:?}");
    let text = stdout(&human);
    assert!(text.contains("ORG001(team-prefix)"), "{text}");
    assert!(
        text.contains("service `backend` lacks the `rn-` prefix"),
        "{text}"
    );
    assert!(text.contains("infra/reelnet.yaml:4:13"), "{text}");
    assert!(!text.contains("rn-frontend`"), "{text}");

    let json: serde_json::Value = serde_json::from_str(&stdout(&run(&dir, &["--format", "json"])))
        .unwrap_or_else(|e| panic!("{e}"));
    let codes: Vec<(&str, &str)> = json["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|d| Some((d["code"].as_str()?, d["severity"].as_str()?)))
                .collect()
        })
        .unwrap_or_default();
    // `[severity]` named the rule by its name; `select` by its prefix.
    assert!(codes.contains(&("ORG001", "error")), "{codes:?}");
    assert!(
        codes.iter().all(|(c, _)| *c == "ORG001" || *c == "CTR001"),
        "{codes:?}"
    );

    let sarif: serde_json::Value =
        serde_json::from_str(&stdout(&run(&dir, &["--format", "sarif"])))
            .unwrap_or_else(|e| panic!("{e}"));
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let org = rules
        .iter()
        .find(|r| r["id"] == "ORG001")
        .unwrap_or_else(|| panic!("no ORG001 rule in SARIF"));
    assert_eq!(
        org["shortDescription"]["text"],
        "a service name lacks the team prefix"
    );
    let help = org["help"]["markdown"].as_str().unwrap_or_default();
    assert!(
        help.contains("## Why is this bad?") && help.contains("rn-backend"),
        "{help}"
    );

    let github = stdout(&run(&dir, &["--format", "github"]));
    assert!(github.contains("title=ORG001 team-prefix::"), "{github}");
    let junit = stdout(&run(&dir, &["--format", "junit"]));
    assert!(
        junit.starts_with("<?xml") && junit.contains("ORG001"),
        "{junit}"
    );
}

#[test]
fn baseline_hides_recorded_findings_of_the_own_rule() {
    let dir = project("baseline");
    let written = run(&dir, &["--write-baseline", "baseline.json"]);
    assert_eq!(written.status.code(), Some(0), "{written:?}");
    let recorded =
        std::fs::read_to_string(dir.join("baseline.json")).unwrap_or_else(|e| panic!("{e}"));
    assert!(recorded.contains("\"ORG001\""), "{recorded}");
    let out = run(&dir, &["--baseline", "baseline.json", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        json["diagnostics"].as_array().map(Vec::len),
        Some(0),
        "{json}"
    );
}

#[test]
fn unknown_rule_in_the_configuration_is_still_an_error() {
    let dir = project("unknown");
    std::fs::write(dir.join("reelnet-lint.toml"), "select = [\"ORG002\"]\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let out = run(&dir, &[]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown rule `ORG002`") && err.contains("ORG001"),
        "{err}"
    );
}
