//! Output that fits: human output, `rules` and `--help` at the terminal's
//! width (`COLUMNS`), help that lists formats and exit codes, a mistyped
//! command's suggestion, the summary on stderr with `--output`, and the
//! no-spec-yet case of the pre-commit hook.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

fn bin(columns: Option<&str>) -> Command {
    let mut c = Command::cargo_bin("reelnet-lint").unwrap_or_else(|e| panic!("{e}"));
    c.current_dir(common::root())
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS");
    if let Some(n) = columns {
        c.env("COLUMNS", n);
    }
    c
}

fn run(columns: Option<&str>, args: &[&str]) -> Output {
    bin(columns)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The lines wider than `width` characters, other than quoted source lines
/// (` 12 │ text`) and the labels under them (`╰── text`), which are shown
/// whole (they hang from a column of the source line).
fn too_wide(text: &str, width: usize) -> Vec<String> {
    text.lines()
        .filter(|l| l.chars().count() > width)
        .filter(|l| {
            let t = l.trim_start();
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            let source_line = digits > 0 && t[digits..].starts_with(" │");
            let label = l.contains("──");
            !source_line && !label
        })
        .map(str::to_owned)
        .collect()
}

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("terminal")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

#[test]
fn human_output_at_80_columns() {
    let out = run(
        Some("80"),
        &["check", "examples/reelnet.yaml", "--as-of", common::AS_OF],
    );
    assert_eq!(out.status.code(), Some(1));
    let human = text(&out.stdout);
    assert_eq!(too_wide(&human, 80), Vec::<String>::new());
    // Wrapped at word boundaries: no word split across lines.
    assert!(human.contains("certificate"), "{human}");
    assert!(!human.contains("certific\n"), "{human}");
    insta::assert_snapshot!("seed_human_80_columns", human);
    // Wider terminals get longer lines; pipes without COLUMNS get 100.
    let wide = text(
        &run(
            Some("160"),
            &["check", "examples/reelnet.yaml", "--as-of", common::AS_OF],
        )
        .stdout,
    );
    assert!(wide.lines().count() <= human.lines().count());
    let default = text(
        &run(
            None,
            &["check", "examples/reelnet.yaml", "--as-of", common::AS_OF],
        )
        .stdout,
    );
    assert_eq!(too_wide(&default, 100), Vec::<String>::new());
}

/// A related place far from the finding gets its own snippet, after the
/// finding's: the primary place comes first.
#[test]
fn far_labels_get_their_own_snippet_primary_first() {
    let out = run(
        None,
        &[
            "check",
            "examples/reelnet.yaml",
            "--select",
            "DB006,EDGE003",
            "--as-of",
            common::AS_OF,
        ],
    );
    let human = text(&out.stdout);
    let db006 = human
        .find("DB006(")
        .map(|i| &human[i..])
        .unwrap_or_else(|| panic!("no DB006:\n{human}"));
    // The first snippet is the database's (`database:`), the related
    // `dr_region` (line 7) comes after it.
    let headers: Vec<&str> = db006
        .match_indices("─[examples/reelnet.yaml:")
        .map(|(i, _)| &db006[i..])
        .take(2)
        .collect();
    assert_eq!(headers.len(), 2, "{db006}");
    assert!(
        !headers[0].starts_with("─[examples/reelnet.yaml:7:")
            && headers[1].starts_with("─[examples/reelnet.yaml:7:"),
        "the finding's own snippet must come first:\n{db006}"
    );
    // No snippet spans more than a dozen lines.
    for block in human.split("\n\n") {
        let lines = block
            .lines()
            .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
            .count();
        assert!(lines <= 12, "a snippet of {lines} lines:\n{block}");
    }
}

#[test]
fn rules_and_help_fit_80_columns() {
    for args in [
        &["rules"][..],
        &["--help"],
        &["check", "--help"],
        &["explain", "--help"],
    ] {
        let out = run(Some("80"), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let stdout = text(&out.stdout);
        assert_eq!(too_wide(&stdout, 80), Vec::<String>::new(), "{args:?}");
    }
    // Every rule is still listed, one code per entry.
    let rules = text(&run(Some("80"), &["rules"]).stdout);
    for m in reelnet_lint::registry::metas() {
        assert!(rules.contains(&format!("{} ", m.code)), "{}", m.code);
    }
}

#[test]
fn check_help_lists_formats_and_exit_codes() {
    let help = text(&run(Some("100"), &["check", "--help"]).stdout);
    for name in reelnet_lint::output::Format::ALL.iter().map(|(n, _)| *n) {
        assert!(
            help.contains(name),
            "--help lacks the format {name}:\n{help}"
        );
    }
    assert!(help.contains("possible values"), "{help}");
    assert!(help.contains("Exit codes:"), "{help}");
    for code in ["  0  ", "  1  ", "  2  "] {
        assert!(help.contains(code), "{help}");
    }
}

#[test]
fn mistyped_command_suggests_the_closest_first() {
    let out = run(None, &["chek"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("unknown command `chek` (did you mean `check`?)"),
        "{err}"
    );
    assert!(!err.contains("schema`?"), "{err}");
}

#[test]
fn output_file_keeps_the_summary_on_stderr() {
    let dir = tmp("output");
    let file = dir.join("report.json");
    let out = run(
        None,
        &[
            "check",
            "examples/reelnet.yaml",
            "--format",
            "json",
            "--as-of",
            common::AS_OF,
            "--output",
            file.to_str().unwrap_or_default(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.starts_with("Found ") && err.contains(" in 1 spec"),
        "{err}"
    );
    assert!(std::fs::read_to_string(&file).is_ok_and(|s| s.contains("\"version\": 1")));
}

#[test]
fn no_spec_yet_passes_only_when_allowed() {
    let dir = tmp("no-spec");
    std::fs::create_dir_all(dir.join(".git")).unwrap_or_else(|e| panic!("{e}"));
    let mut allowed = bin(None);
    let out = allowed
        .current_dir(&dir)
        .args(["check", "--allow-no-spec"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("no spec to lint yet"));
    let mut plain = bin(None);
    let out = plain
        .current_dir(&dir)
        .arg("check")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    // A configuration's `specs` that do not exist are an error even so.
    std::fs::write(dir.join("reelnet-lint.toml"), "specs = [\"infra/\"]\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut configured = bin(None);
    let out = configured
        .current_dir(&dir)
        .args(["check", "--allow-no-spec"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
}

/// Review R4: `explain` fits 80 columns too: prose and reference lines are
/// broken at spaces; only code blocks and single words wider than the
/// terminal (a long URL) stay whole.
#[test]
fn explain_fits_80_columns_outside_code_and_long_words() {
    for m in reelnet_lint::registry::metas() {
        let out = run(Some("80"), &["explain", m.code]);
        assert_eq!(out.status.code(), Some(0), "{}", m.code);
        let page = text(&out.stdout);
        let mut in_code = false;
        for line in page.lines() {
            if line.trim_start().starts_with("```") {
                in_code = !in_code;
                continue;
            }
            if in_code || line.chars().count() <= 80 {
                continue;
            }
            let body = line.trim_start().trim_start_matches("- ");
            assert!(
                !body.contains(' '),
                "{}: a line wider than 80 columns with a space to break at:\n{line}\n\n{page}",
                m.code
            );
        }
        // Nothing is lost: every word of the doc is still there.
        let words = |s: &str| {
            s.split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert!(words(&page).contains(&words(&m.doc())), "{}", m.code);
    }
}
