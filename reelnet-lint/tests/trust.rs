//! Issue #9 through the real binary: an unloadable spec always fails, no
//! write destroys data, work stays bounded, output carries no control
//! sequences, and no configuration or file is silently ignored or leaked.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

fn bin(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("reelnet-lint").unwrap_or_else(|e| panic!("{e}"));
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}

fn run(dir: &Path, args: &[&str]) -> Output {
    bin(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A fresh project directory (with `.git`, so no configuration above it is found).
fn project(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("trust")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".git")).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(&p, text).unwrap_or_else(|e| panic!("{e}"));
    p
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const GOOD: &str = "name: ok\nvpc:\n  cidr: 10.0.0.0/16\n";
const TYPO: &str = "name: typo\ndatabase:\n  engine: postgres\n  mutli_az: false\n";

// ---- 1. A spec that does not load always fails the run -------------------

/// Every kind of load failure, crossed with every way to silence it.
#[test]
fn unloadable_spec_fails_whatever_the_configuration() {
    let specs: &[(&str, &str)] = &[
        ("typo.yaml", TYPO),
        ("syntax.yaml", "name: x\nvpc: [\n"),
        ("dup.yaml", "name: x\nname: y\n"),
        ("type.yaml", "name: x\nvpc:\n  cidr: 12\n"),
    ];
    let configs: &[(&[&str], &str)] = &[
        (&["--select", "DB"], ""),
        (&["--ignore", "SPEC"], ""),
        (&["--fail-on", "error"], ""),
        (&[], "select = [\"DB\"]\n"),
        (&[], "[per-path-ignores]\n\"*.yaml\" = [\"SPEC\"]\n"),
        (
            &[],
            "fail_on = \"error\"\n[severity]\nSPEC001 = \"info\"\nSPEC002 = \"info\"\nSPEC004 = \"info\"\nSPEC005 = \"info\"\n",
        ),
    ];
    for (name, text) in specs {
        for (i, (args, config)) in configs.iter().enumerate() {
            let dir = project(&format!("unloadable-{i}-{name}"));
            write(&dir, name, text);
            if !config.is_empty() {
                write(&dir, "reelnet-lint.toml", config);
            }
            let mut all = vec!["check", name];
            all.extend_from_slice(args);
            let out = run(&dir, &all);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{name} {args:?} {config:?}: {}{}",
                stdout(&out),
                stderr(&out)
            );
            assert!(
                stdout(&out).contains("was not checked"),
                "{name} {args:?}: {}",
                stdout(&out)
            );
            assert!(!stdout(&out).contains("No findings"), "{}", stdout(&out));
        }
    }
}

#[test]
fn section_in_two_files_fails_and_sarif_notifies() {
    let dir = project("two-files");
    write(&dir, "spec/a.yaml", "name: x\nvpc:\n  cidr: 10.0.0.0/16\n");
    write(&dir, "spec/b.yaml", "vpc:\n  cidr: 10.1.0.0/16\n");
    let out = run(
        &dir,
        &["check", "spec", "--select", "DB", "--format", "sarif"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let notes = &v["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notes[0]["level"], "error", "{v}");
    assert!(
        notes[0]["message"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("spec was not checked") || t.contains("was not checked")),
        "{notes}"
    );
}

// ---- 2. No write destroys data -------------------------------------------

#[test]
fn outputs_never_replace_an_input() {
    let dir = project("inputs");
    let spec = write(&dir, "s.yaml", GOOD);
    let config = write(&dir, "reelnet-lint.toml", "select = [\"NET\"]\n");
    let cases: &[&[&str]] = &[
        &["check", "s.yaml", "--output", "s.yaml"],
        &["check", "s.yaml", "--output", "./sub/../s.yaml"],
        &["check", "s.yaml", "--write-baseline", "s.yaml"],
        &["check", "s.yaml", "--write-baseline", "reelnet-lint.toml"],
        &["check", "s.yaml", "--output", "link.yaml"],
        &["check", "s.yaml", "--output", "hard.yaml"],
    ];
    #[cfg(unix)]
    std::os::unix::fs::symlink(&spec, dir.join("link.yaml")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::hard_link(&spec, dir.join("hard.yaml")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(dir.join("sub")).unwrap_or_else(|e| panic!("{e}"));
    for args in cases {
        let out = run(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("refusing to write"),
            "{}",
            stderr(&out)
        );
        assert_eq!(read(&spec), GOOD, "{args:?} changed the spec");
        assert_eq!(read(&config), "select = [\"NET\"]\n");
    }
    // The baseline read is an input too.
    let out = run(&dir, &["check", "s.yaml", "--write-baseline", "b.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recorded = read(&dir.join("b.json"));
    let out = run(
        &dir,
        &[
            "check",
            "s.yaml",
            "--baseline",
            "b.json",
            "--output",
            "b.json",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(read(&dir.join("b.json")), recorded);
}

/// A device or pipe as `--output` is written in place (no temporary file
/// and rename); a missing directory is named as such, not through the
/// temporary file's name.
#[cfg(target_os = "linux")]
#[test]
fn output_to_a_device_or_a_missing_directory() {
    let dir = project("output-device");
    write(&dir, "s.yaml", GOOD);
    let out = run(&dir, &["check", "s.yaml", "--output", "/dev/null"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    assert!(
        stderr(&out).starts_with("Found 1 warning"),
        "{}",
        stderr(&out)
    );
    // Standard output is a pipe here.
    let out = run(
        &dir,
        &[
            "check",
            "s.yaml",
            "--format",
            "json",
            "--output",
            "/dev/stdout",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    assert_eq!(v["version"], 1);
    // A baseline to /dev/null too.
    let out = run(&dir, &["check", "s.yaml", "--write-baseline", "/dev/null"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let out = run(&dir, &["check", "s.yaml", "--output", "nodir/sub/r.json"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("cannot write nodir/sub/r.json: the directory nodir/sub does not exist"),
        "{err}"
    );
    assert!(
        !err.contains(".tmp") && !err.contains(".reelnet-lint-"),
        "{err}"
    );
    // A directory as the target is refused with its kind.
    std::fs::create_dir_all(dir.join("d")).unwrap_or_else(|e| panic!("{e}"));
    let out = run(&dir, &["check", "s.yaml", "--output", "d"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot write d: a directory"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn baseline_is_not_replaced_by_a_run_that_does_not_load() {
    let dir = project("baseline-unloaded");
    let spec = write(
        &dir,
        "s.yaml",
        "name: x\nvpc:\n  cidr: 10.0.0.0/16\n  public_subnets: [10.0.1.0/24, 10.0.1.0/25]\n",
    );
    let out = run(&dir, &["check", "s.yaml", "--write-baseline", "b.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let good = read(&dir.join("b.json"));
    assert!(good.contains("NET001"), "{good}");
    std::fs::write(&spec, "name: x\nvpc: [\n").unwrap_or_else(|e| panic!("{e}"));
    let out = run(&dir, &["check", "s.yaml", "--write-baseline", "b.json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not writing the baseline"),
        "{}",
        stderr(&out)
    );
    assert_eq!(read(&dir.join("b.json")), good);
    // No temporary file is left behind by the writes.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn output_dash_is_stdout_and_write_baseline_conflicts() {
    let dir = project("dash");
    write(&dir, "s.yaml", GOOD);
    let out = run(
        &dir,
        &["check", "s.yaml", "--output", "-", "--format", "json"],
    );
    assert!(stdout(&out).contains("\"version\": 1"), "{}", stdout(&out));
    assert!(!dir.join("-").exists());
    for extra in [["--output", "r.txt"], ["--format", "json"]] {
        let mut args = vec!["check", "s.yaml", "--write-baseline", "b.json"];
        args.extend_from_slice(&extra);
        let out = run(&dir, &args);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {}", stderr(&out));
        assert!(!dir.join("b.json").exists());
        assert!(!dir.join("r.txt").exists());
    }
}

// ---- 3. Work and memory stay bounded -------------------------------------

#[test]
fn huge_names_get_no_suggestion_and_do_not_abort() {
    let dir = project("huge-names");
    let name = "w".repeat(20_000);
    let spec = format!(
        "name: x\nsecurity:\n  waf:\n    - name: {name}a\napi_gateway:\n  name: api\n  domain: api.example.com\n  waf: {name}b\n{name}c: 1\n"
    );
    write(&dir, "s.yaml", &spec);
    let out = run(&dir, &["check", "s.yaml", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!stdout(&out).contains("did you mean"));
}

#[test]
fn config_and_baseline_follow_the_file_policy() {
    let dir = project("file-policy");
    write(&dir, "s.yaml", GOOD);
    for flag in ["--config", "--baseline"] {
        let out = run(&dir, &["check", "s.yaml", flag, "/dev/zero"]);
        assert_eq!(out.status.code(), Some(2), "{flag}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("not a regular file"),
            "{}",
            stderr(&out)
        );
        #[cfg(unix)]
        {
            let fifo = dir.join(format!("fifo{flag}"));
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                let out = run(&dir, &["check", "s.yaml", flag, &fifo.to_string_lossy()]);
                assert_eq!(out.status.code(), Some(2), "{flag}: {}", stderr(&out));
            }
        }
    }
}

/// A configuration with 5,000 problems: all located; in the human-read
/// formats the first 50 of each kind on standard error and the count of the
/// rest, in the machine formats every one.
#[test]
fn many_config_problems_are_located() {
    let dir = project("config-problems");
    write(&dir, "s.yaml", GOOD);
    let mut config = String::from("[severity]\n");
    for i in 0..5_000 {
        config.push_str(&format!("NOPE{i} = \"info\"\n"));
    }
    config.push_str("[per-path-ignores]\n");
    for i in 0..60 {
        config.push_str(&format!("\"x{i}/**\" = [\"NOT{i}\"]\n"));
    }
    write(&dir, "reelnet-lint.toml", &config);
    for format in ["human", "github", "junit"] {
        let out = run(&dir, &["check", "s.yaml", "--format", format]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(
            err.starts_with("reelnet-lint: bad configuration (5060 problems)\n"),
            "{err}"
        );
        assert!(
            err.contains("reelnet-lint.toml:51:1: [severity]: unknown rule `NOPE49`"),
            "{err}"
        );
        assert!(!err.contains("`NOPE50`"), "{err}");
        assert!(
            err.contains("… and 4950 more problems of this kind ([severity]: unknown rule `…`: not a rule code, name or code prefix); run with --format json to list them all"),
            "{err}"
        );
        assert!(
            err.contains("… and 10 more problems of this kind (`…`: unknown rule `…`: not a rule code, name or code prefix)"),
            "{err}"
        );
        // 1 header, 50 + 50 problems, 2 counts.
        assert_eq!(err.lines().count(), 103, "{err}");
    }
    for format in ["json", "sarif", "gitlab"] {
        let out = run(&dir, &["check", "s.yaml", "--format", format]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(
            err.contains("reelnet-lint.toml:5001:1: [severity]: unknown rule `NOPE4999`"),
            "{format}: {}",
            err.lines().last().unwrap_or_default()
        );
        assert_eq!(err.lines().count(), 5_061, "{format}");
    }
}

/// A baseline with 5,000 bad entries: the same cap on standard error.
#[test]
fn many_baseline_problems_are_capped_on_stderr() {
    let dir = project("baseline-problems");
    write(&dir, "s.yaml", GOOD);
    let entries: Vec<String> = (0..5_000)
        .map(|i| {
            format!(
                "{{\"code\": \"NOPE{i}\", \"file\": \"s.yaml\", \"path\": \"\", \"severity\": \"error\", \"fingerprint\": \"0000000000000000\", \"count\": 1}}"
            )
        })
        .collect();
    write(
        &dir,
        "b.json",
        &format!(
            "{{\"version\": 2, \"tool\": \"reelnet-lint\", \"entries\": [\n{}\n]}}\n",
            entries.join(",\n")
        ),
    );
    let human = run(&dir, &["check", "s.yaml", "--baseline", "b.json"]);
    assert_eq!(human.status.code(), Some(2));
    let err = stderr(&human);
    assert_eq!(err.lines().count(), 52, "{err}");
    assert!(
        err.contains("b.json:51:10: entries[49].code: unknown rule `NOPE49`"),
        "{err}"
    );
    assert!(err.contains("… and 4950 more problems of this kind (entries[N].code: unknown rule `…`; remove the entry, or rewrite the baseline with --write-baseline)"), "{err}");
    let json = run(
        &dir,
        &[
            "check",
            "s.yaml",
            "--baseline",
            "b.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(json.status.code(), Some(2));
    assert_eq!(stderr(&json).lines().count(), 5_001);
}

/// `show` of a spec with 40,000 errors: 50 rendered, the rest counted.
#[test]
fn show_caps_a_flood_of_errors() {
    let dir = project("show-flood");
    let mut spec = String::from("name: x\n");
    for i in 0..40_000 {
        spec.push_str(&format!("bad{i}: 1\n"));
    }
    write(&dir, "s.yaml", &spec);
    let out = run(&dir, &["show", "s.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.lines().count() < 1_000, "{} lines", err.lines().count());
    assert!(
        err.contains("unknown section `bad49`") && !err.contains("`bad50`"),
        "{err}"
    );
    assert!(err.contains("and 39950 more findings not shown"), "{err}");
    assert!(err.contains("Found 40000 errors in 1 spec."), "{err}");
    assert!(
        err.contains("`reelnet-lint check s.yaml --format json` lists up to 1000 per spec"),
        "{err}"
    );
}

/// 3,000 baseline entries that hid nothing: 50 notes of each reason in the
/// human-read formats and the count of the rest; the JSON report lists all.
#[test]
fn stale_baseline_notes_are_capped_for_humans() {
    let dir = project("stale-notes");
    write(&dir, "s.yaml", GOOD);
    let entries: Vec<String> = (0..3_000)
        .map(|i| {
            let file = if i % 2 == 0 { "s.yaml" } else { "gone.yaml" };
            format!(
                "{{\"code\": \"NET001\", \"file\": \"{file}\", \"path\": \"/vpc/{i}\", \"severity\": \"error\", \"fingerprint\": \"0000000000000000\", \"count\": 1}}"
            )
        })
        .collect();
    write(
        &dir,
        "b.json",
        &format!(
            "{{\"version\": 2, \"tool\": \"reelnet-lint\", \"entries\": [\n{}\n]}}\n",
            entries.join(",\n")
        ),
    );
    let human = run(&dir, &["check", "s.yaml", "--baseline", "b.json"]);
    assert_ne!(human.status.code(), Some(2), "{}", stderr(&human));
    let text = stdout(&human);
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("note: baseline entry"))
            .count(),
        100,
        "{text}"
    );
    assert!(text.contains("note: … and 1450 more baseline entries that matched no finding; --format json lists them all"), "{text}");
    assert!(text.contains("note: … and 1450 more baseline entries that name a file that no longer exists; --format json lists them all"), "{text}");
    let github = run(
        &dir,
        &[
            "check",
            "s.yaml",
            "--baseline",
            "b.json",
            "--format",
            "github",
        ],
    );
    assert_eq!(
        stdout(&github)
            .lines()
            .filter(|l| l.starts_with("::notice title=reelnet-lint baseline::"))
            .count(),
        102
    );
    let json = run(
        &dir,
        &[
            "check",
            "s.yaml",
            "--baseline",
            "b.json",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value =
        serde_json::from_slice(&json.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["notes"].as_array().map(Vec::len), Some(3_000));
}

#[test]
fn stacked_suppressions_target_the_next_code_line() {
    let dir = project("stacked");
    let mut spec = String::from("name: x\nvpc:\n  cidr: 10.0.0.0/16\n");
    for _ in 0..2_000 {
        spec.push_str("  # reelnet-lint: ignore[NET001] overlap is intended\n");
    }
    spec.push_str("  public_subnets: [10.0.1.0/24, 10.0.1.0/25]\n");
    write(&dir, "s.yaml", &spec);
    let out = run(
        &dir,
        &["check", "s.yaml", "--select", "NET001", "--format", "json"],
    );
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        v["summary"]["suppressed"].as_u64().is_some_and(|n| n >= 1),
        "{v}"
    );
}

// ---- 4. Nothing from input reaches a terminal as control -----------------

fn has_control(s: &str) -> bool {
    s.chars()
        .any(|c| reelnet_lint::sanitize::is_control(c) && c != '\n')
}

#[test]
fn escape_sequences_in_keys_are_escaped() {
    let dir = project("escapes");
    write(
        &dir,
        "s.yaml",
        "name: x\n\"\\e]0;PWNED\\a\\e[8m\\u202e\\r\": 1\n",
    );
    for format in ["human", "github", "junit"] {
        let out = run(&dir, &["check", "s.yaml", "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{format}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(!has_control(&text), "{format}: {text:?}");
        assert!(text.contains("\\x1b]0;PWNED"), "{format}: {text}");
    }
}

#[cfg(unix)]
#[test]
fn file_names_cannot_start_a_workflow_command() {
    let dir = project("spoof");
    write(&dir, "spec/main.yaml", "name: x\n");
    write(&dir, "spec/a\n::error title=Spoofed::x.yaml", "bogus: 1\n");
    for format in ["human", "github", "junit"] {
        let out = run(&dir, &["check", "spec", "--format", format]);
        let text = stdout(&out);
        assert!(
            !text
                .lines()
                .any(|l| l.trim_start().starts_with("::error title=Spoofed")),
            "{format}: {text}"
        );
        assert!(!has_control(&text), "{format}: {text:?}");
    }
}

#[test]
fn baseline_codes_cannot_start_a_line() {
    let dir = project("baseline-note");
    write(&dir, "s.yaml", GOOD);
    write(
        &dir,
        "b.json",
        r#"{"version": 1, "tool": "reelnet-lint", "entries": [
            {"code": "DR001", "file": "gone\n::error title=Spoofed::y\u001b[8m.yaml", "path": "/x\r\n::error title=Spoofed::z", "fingerprint": "0000000000000000", "count": 1}
        ]}"#,
    );
    // An unknown code is an error (exit 2), quoted escaped on stderr.
    write(
        &dir,
        "bad.json",
        r#"{"version": 1, "tool": "reelnet-lint", "entries": [
            {"code": "X\n::error title=Spoofed::y\u001b[8m\u202e", "file": "s.yaml", "path": "", "fingerprint": "0000000000000000", "count": 1}
        ]}"#,
    );
    let bad = run(&dir, &["check", "s.yaml", "--baseline", "bad.json"]);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
    let text = stderr(&bad);
    assert!(
        text.contains("unknown rule `X\\n::error title=Spoofed::y\\x1b[8m\\u{202e}`"),
        "{text}"
    );
    assert!(!text.lines().any(|l| l.starts_with("::error")), "{text}");
    assert!(!has_control(&text), "{text:?}");
    for format in ["human", "github"] {
        let out = run(
            &dir,
            &[
                "check",
                "s.yaml",
                "--baseline",
                "b.json",
                "--format",
                format,
            ],
        );
        let text = stdout(&out);
        assert!(
            text.contains("\\n::error title=Spoofed"),
            "{format}: {text}"
        );
        assert!(
            !text.lines().any(|l| l.starts_with("::error title=Spoofed")),
            "{format}: {text}"
        );
        assert!(!has_control(&text), "{format}: {text:?}");
    }
}

/// Every control a terminal or CI log acts on: C0 (escape, bell, carriage
/// return, backspace), DEL, C1 (U+0085 NEL, U+009B CSI, U+009D OSC), the
/// bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069), U+061C, U+200E/U+200F and U+2028/U+2029.
const CONTROLS: &[char] = &[
    '\u{1b}', '\u{7}', '\r', '\u{8}', '\u{7f}', '\u{85}', '\u{9b}', '\u{9d}', '\u{202a}',
    '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    '\u{61c}', '\u{200e}', '\u{200f}', '\u{2028}', '\u{2029}',
];

/// `text` as a YAML double-quoted scalar, every non-ASCII-printable
/// character escaped (YAML forbids raw C1 controls in a stream).
fn yaml_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            c => out.push_str(&format!("\\u{:04x}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

/// The messages of a machine format's findings, decoded.
fn json_messages(format: &str, v: &serde_json::Value) -> Vec<String> {
    let texts: Vec<&serde_json::Value> = match format {
        "json" => v["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|d| &d["message"])
            .collect(),
        "sarif" => v["runs"][0]["results"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| &r["message"]["text"])
            .collect(),
        _ => v
            .as_array()
            .into_iter()
            .flatten()
            .map(|i| &i["description"])
            .collect(),
    };
    texts
        .into_iter()
        .filter_map(|t| t.as_str().map(str::to_owned))
        .collect()
}

/// Checks one spec key holding `key` in every format, on standard output
/// and through `--output`: no control or bidirectional character reaches
/// the output raw, and the machine formats (JSON escapes) decode back to
/// the key itself, so their meaning is kept.
fn check_inert(dir: &Path, key: &str) -> Result<(), String> {
    write(
        dir,
        "s.yaml",
        &format!("name: x\n{}: 1\n", yaml_quoted(key)),
    );
    for format in ["human", "github", "junit", "json", "sarif", "gitlab"] {
        let out = run(dir, &["check", "s.yaml", "--format", format]);
        if out.status.code() != Some(1) {
            return Err(format!("{format}: exit {:?}: {}", out.status, stderr(&out)));
        }
        let text = stdout(&out);
        if has_control(&text) || has_control(&stderr(&out)) {
            return Err(format!("{format}: a raw control in {text:?}"));
        }
        let report = dir.join(format!("report.{format}"));
        let file = run(
            dir,
            &[
                "check",
                "s.yaml",
                "--format",
                format,
                "--output",
                &report.to_string_lossy(),
            ],
        );
        if file.status.code() != Some(1) || read(&report) != text {
            return Err(format!("{format}: --output differs from standard output"));
        }
        if matches!(format, "json" | "sarif" | "gitlab") {
            let v: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| format!("{format}: {e}: {text}"))?;
            let wanted = format!("unknown section `{key}`");
            if !json_messages(format, &v)
                .iter()
                .any(|m| m.starts_with(&wanted))
            {
                return Err(format!(
                    "{format}: no message decodes to {wanted:?}: {text}"
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn machine_formats_escape_controls_and_keep_their_meaning() {
    let dir = project("inert-formats");
    let key: String = CONTROLS.iter().flat_map(|&c| [c, 'k']).collect();
    check_inert(&dir, &format!("\u{1b}]0;PWNED\u{7}{key}")).unwrap_or_else(|e| panic!("{e}"));
    // The escapes themselves, as JSON writes them.
    let out = run(&dir, &["check", "s.yaml", "--format", "json"]);
    let text = stdout(&out);
    for escaped in [
        r"\u001b]0;PWNED\u0007",
        r"\u009b",
        r"\u202e",
        r"\u2066",
        r"\u0085",
        r"\u007f",
    ] {
        assert!(text.contains(escaped), "{escaped}: {text}");
    }
}

/// `show` prints the model as JSON: input text in it is escaped too.
#[test]
fn show_escapes_controls_in_the_model() {
    let dir = project("inert-show");
    let name: String = CONTROLS.iter().flat_map(|&c| [c, 'n']).collect();
    write(&dir, "s.yaml", &format!("name: {}\n", yaml_quoted(&name)));
    let out = run(&dir, &["show", "s.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!has_control(&text), "{text:?}");
    assert!(
        text.contains(r"\u202e") && text.contains(r"\u009b"),
        "{text}"
    );
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["name"].as_str(), Some(name.as_str()));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(12))]
    /// Any mix of controls and text in a key, in every format.
    #[test]
    fn no_format_lets_a_control_through(
        key in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(CONTROLS.to_vec()),
                proptest::char::range('a', 'z'),
                proptest::char::range('\u{80}', '\u{a0}'),
                proptest::char::range('\u{2028}', '\u{2069}'),
            ],
            1..12,
        )
    ) {
        let key: String = std::iter::once('k').chain(key).collect();
        let dir = project("inert-property");
        check_inert(&dir, &key).map_err(proptest::test_runner::TestCaseError::fail)?;
    }
}

// ---- 5. Configuration and files are never silently ignored or leaked -----

#[test]
fn unusable_discovered_configuration_is_an_error() {
    let dir = project("config-dir");
    write(&dir, "s.yaml", GOOD);
    std::fs::create_dir_all(dir.join("reelnet-lint.toml")).unwrap_or_else(|e| panic!("{e}"));
    let out = run(&dir, &["check", "s.yaml"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("reelnet-lint.toml"),
        "{}",
        stderr(&out)
    );

    #[cfg(unix)]
    {
        let dir = project("config-broken-link");
        write(&dir, "s.yaml", GOOD);
        std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("reelnet-lint.toml"))
            .unwrap_or_else(|e| panic!("{e}"));
        let out = run(&dir, &["check", "s.yaml"]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    }

    let dir = project("pyproject-broken");
    write(&dir, "s.yaml", GOOD);
    write(
        &dir,
        "pyproject.toml",
        "[tool.reelnet-lint]\nignore = [\"NET\"]\n\n[project\nname = \"x\"\n",
    );
    let out = run(&dir, &["check", "s.yaml"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("pyproject.toml:4:"),
        "{}",
        stderr(&out)
    );

    // A broken pyproject.toml that is not ours is still passed over.
    let dir = project("pyproject-other");
    write(&dir, "s.yaml", GOOD);
    write(&dir, "pyproject.toml", "[project\nname = \"x\"\n");
    let out = run(&dir, &["check", "s.yaml"]);
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn links_out_of_a_spec_directory_are_not_followed() {
    let dir = project("links");
    let secret = write(&dir, "secret.env", "AWS_SECRET_ACCESS_KEY=hunter2\n");
    write(&dir, "spec/main.yaml", "name: x\n");
    std::os::unix::fs::symlink(&secret, dir.join("spec/leak.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    for format in ["human", "json", "github"] {
        let out = run(&dir, &["check", "spec", "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(!text.contains("hunter2"), "{format}: {text}");
        assert!(
            text.contains("leads outside the spec's directory"),
            "{text}"
        );
        assert!(text.contains("leak.yaml"), "{text}");
    }
    let out = run(
        &dir,
        &["check", "spec", "--follow-links", "--format", "json"],
    );
    assert!(stdout(&out).contains("leak.yaml"), "{}", stdout(&out));
    assert!(!stdout(&out).contains("leads outside"), "{}", stdout(&out));
    // `show` reads the same files as `check`: not the link by default, and
    // with `--follow-links` the spec `check --follow-links` lints.
    let out = run(&dir, &["show", "spec"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stderr(&out).contains("leads outside"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("hunter2"), "{}", stderr(&out));
    let with_region = write(&dir, "region.yaml", "region: eu-west-1\n");
    std::fs::remove_file(dir.join("spec/leak.yaml")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(&with_region, dir.join("spec/leak.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let out = run(&dir, &["show", "spec", "--follow-links"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("\"eu-west-1\""), "{}", stdout(&out));
    let out = run(
        &dir,
        &["check", "spec", "--follow-links", "--format", "json"],
    );
    assert!(!stdout(&out).contains("leads outside"), "{}", stdout(&out));
}

#[cfg(target_os = "linux")]
#[test]
fn failing_stderr_and_stdout_exit_2() {
    let dir = project("full");
    write(&dir, "s.yaml", GOOD);
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let exe = assert_cmd::cargo::cargo_bin("reelnet-lint");
    let status = std::process::Command::new(&exe)
        .current_dir(&dir)
        .args(["check", "nope.yaml"])
        .stderr(full())
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status.code(), Some(2));
    let status = std::process::Command::new(&exe)
        .current_dir(&dir)
        .args(["check", "s.yaml"])
        .stdout(full())
        .stderr(full())
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status.code(), Some(2));
    // A usage error (unknown command) with a failing standard error: exit
    // 2, no panic (101).
    let status = std::process::Command::new(&exe)
        .current_dir(&dir)
        .args(["chek"])
        .stderr(full())
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status.code(), Some(2));
    // The report goes to a file and the summary line to a failing standard
    // error: the report is written and the exit code is the verdict's (1:
    // the spec has a warning), not 2.
    let status = std::process::Command::new(&exe)
        .current_dir(&dir)
        .args(["check", "s.yaml", "--output", "r.txt"])
        .stderr(full())
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status.code(), Some(1));
    assert!(read(&dir.join("r.txt")).contains("s.yaml"));
    // `show` of a spec that does not load: its diagnostics on a failing
    // standard error, exit 1 still.
    write(&dir, "bad.yaml", "name: x\nvpc: [\n");
    let status = std::process::Command::new(&exe)
        .current_dir(&dir)
        .args(["show", "bad.yaml"])
        .stderr(full())
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status.code(), Some(1));
    // With no spec yet and `--allow-no-spec`, the note on a failing
    // standard error does not change the exit code either.
    let empty = project("full-empty");
    let status = std::process::Command::new(&exe)
        .current_dir(&empty)
        .args(["check", "--allow-no-spec"])
        .stderr(full())
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status.code(), Some(0));
}

#[test]
fn same_spec_in_any_spelling_is_one_spec_in_one_order() {
    let dir = project("spelling");
    write(&dir, "a/main.yaml", GOOD);
    write(&dir, "b/main.yaml", "name: b\n");
    let junit = |args: &[&str]| {
        let mut all = vec!["check", "--format", "junit"];
        all.extend_from_slice(args);
        run(&dir, &all).stdout
    };
    let one = junit(&["a", "b"]);
    assert_eq!(junit(&["./b/", "a"]), one);
    assert_eq!(junit(&["b", "./a", "a/", "a"]), one);
    let text = String::from_utf8_lossy(&one);
    assert_eq!(text.matches("<testsuite ").count(), 2, "{text}");
}

/// A symbolic link that spells a spec given too: the report names the
/// spec by the same spelling (the smallest) in whatever order the paths
/// are given.
#[cfg(unix)]
#[test]
fn a_link_spelling_does_not_depend_on_argument_order() {
    let dir = project("link-spelling");
    write(&dir, "a/main.yaml", GOOD);
    write(&dir, "b/main.yaml", "name: b\n");
    std::os::unix::fs::symlink("a", dir.join("la")).unwrap_or_else(|e| panic!("{e}"));
    let junit = |args: &[&str]| {
        let mut all = vec!["check", "--format", "junit"];
        all.extend_from_slice(args);
        run(&dir, &all).stdout
    };
    let one = junit(&["b", "la", "a"]);
    assert_eq!(junit(&["b", "a", "la"]), one);
    assert_eq!(junit(&["la", "b", "a"]), one);
    let text = String::from_utf8_lossy(&one);
    assert_eq!(text.matches("<testsuite ").count(), 2, "{text}");
    assert!(text.contains("name=\"a\""), "{text}");
    assert!(!text.contains("name=\"la\""), "{text}");
}

/// Many findings on one very long line: capped, and shown in snippets
/// clipped to the stretch around each (rendering stays linear).
#[test]
fn findings_are_capped_and_long_lines_clipped() {
    let dir = project("cap");
    let codes = vec!["NET001"; 5_000].join(",");
    write(
        &dir,
        "s.yaml",
        &format!("name: x\nvpc:\n  cidr: 10.0.0.0/16 # reelnet-lint: ignore[{codes}] why\n"),
    );
    let out = run(&dir, &["check", "s.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    // The first code of the bracket is at column 44 of line 3; the snippet
    // shows 40 characters each side of it, and `…` where the line goes on.
    assert!(
        text.contains("[s.yaml:3:44]")
            && text.contains(" 3 │ … idr: 10.0.0.0/16 # reelnet-lint: ignore[NET001,NET001,")
            && !text.contains("the line is too long to show"),
        "{}",
        &text[..2000.min(text.len())]
    );
    assert!(
        text.lines().all(|l| l.chars().count() < 200),
        "a clipped snippet line is short"
    );
    assert!(
        text.contains("and 4001 more findings not shown"),
        "{}",
        &text[text.len().saturating_sub(2000)..]
    );
    assert!(
        text.contains("Found 5001 warnings"),
        "{}",
        &text[text.len().saturating_sub(500)..]
    );
    let json = run(&dir, &["check", "s.yaml", "--format", "json"]);
    let v: serde_json::Value =
        serde_json::from_slice(&json.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["diagnostics"].as_array().map(Vec::len), Some(1_000));
    assert_eq!(v["summary"]["warnings"], 5_001);
}

/// The spec of the many-findings issue at 2,000 subnets: every one outside
/// the VPC, all in one flow list on one line, each after a non-ASCII name
/// (so that columns count characters, not bytes). Returns the spec and, for
/// each subnet, the 1-based columns of its range (start, end exclusive).
fn subnets_outside_the_vpc(n: usize) -> (String, Vec<(usize, usize)>) {
    let mut line = String::from("vpc: {cidr: 10.0.0.0/16, public_subnets: [");
    let mut columns = Vec::with_capacity(n);
    for i in 0..n {
        if i > 0 {
            line.push_str(", ");
        }
        let cidr = format!(
            "10.{}.{}.{}/28",
            1 + i / 4096,
            (i % 4096) / 16,
            (i % 16) * 16
        );
        line.push_str(&format!("{{name: sübnet-{i}, cidr: "));
        let start = line.chars().count() + 1;
        line.push_str(&cidr);
        columns.push((start, start + cidr.len()));
        line.push('}');
    }
    line.push_str("], private_subnets: [10.254.0.0/24]}\n");
    let spec =
        format!("name: x\nregion: us-east-1\navailability_zones: [us-east-1a, us-east-1b]\n{line}");
    (spec, columns)
}

/// Many findings on one line of 100 KB: each at its exact line and column
/// in every format (the 1,000 the report shows, and all 2,000 as SARIF
/// results once a baseline hides them), each human snippet clipped to the
/// stretch around its range.
#[test]
fn many_findings_on_one_line_are_placed_exactly() {
    let n = 2_000;
    let dir = project("one-line-findings");
    let (spec, columns) = subnets_outside_the_vpc(n);
    write(&dir, "s.yaml", &spec);
    let args = |extra: &[&'static str]| {
        let mut all = vec!["check", "s.yaml", "--as-of", "2026-11-26"];
        all.extend_from_slice(extra);
        all
    };

    // JSON: the first 1,000 subnets (the errors first, in report order).
    let out = run(&dir, &args(&["--format", "json"]));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let shown: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .map(|a| a.iter().filter(|d| d["code"] == "NET002").collect())
        .unwrap_or_default();
    assert_eq!(shown.len(), 1_000);
    // 2,000 public subnets and the private one.
    assert_eq!(v["summary"]["errors"], n + 1);
    for (i, d) in shown.iter().enumerate() {
        let (start, end) = columns[i];
        assert_eq!(
            (&d["line"], &d["column"], &d["end_line"], &d["end_column"]),
            (&4.into(), &start.into(), &4.into(), &end.into()),
            "subnet {i}"
        );
        assert_eq!(d["path"], format!("/vpc/public_subnets/{i}/cidr"));
    }

    // GitHub annotations at the same places.
    let github = stdout(&run(&dir, &args(&["--format", "github"])));
    for (i, (start, end)) in columns.iter().take(1_000).enumerate() {
        let at = format!("::error file=s.yaml,line=4,col={start},endLine=4,endColumn={end},");
        assert!(github.contains(&at), "subnet {i}: {at}");
    }

    // Human: one clipped snippet per finding, headed by its exact place.
    let human = stdout(&run(&dir, &args(&[])));
    assert!(!human.contains("too long to show"));
    assert!(human.lines().all(|l| l.chars().count() < 200));
    for (i, (start, _)) in columns.iter().take(1_000).enumerate() {
        assert!(
            human.contains(&format!("╭─[s.yaml:4:{start}]")),
            "subnet {i}"
        );
    }
    // The line shown is the 40 characters each side of the range, marked.
    let line: Vec<char> = spec.lines().nth(3).unwrap_or_default().chars().collect();
    for i in [0, 31, 999] {
        let (start, end) = columns[i];
        let from = (start - 1).saturating_sub(40);
        let to = (end - 1 + 40).min(line.len());
        let lead = if from > 0 { "… " } else { "" };
        let shown: String = line[from..to].iter().collect();
        let expected = format!(" 4 │ {lead}{shown} …\n");
        assert!(human.contains(&expected), "subnet {i}: {expected}");
    }

    // SARIF with every finding in a baseline: all 2,000 are results (with
    // an `external` suppression), each at its exact region.
    let out = run(&dir, &args(&["--write-baseline", "b.json"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(&dir, &args(&["--format", "sarif", "--baseline", "b.json"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let regions: Vec<(u64, u64)> = v["runs"][0]["results"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|r| r["ruleId"] == "NET002" && r["suppressions"][0]["kind"] == "external")
                .filter(|r| {
                    r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
                        .as_str()
                        .is_some_and(|p| p.starts_with("/vpc/public_subnets/"))
                })
                .map(|r| {
                    let region = &r["locations"][0]["physicalLocation"]["region"];
                    assert_eq!(
                        (&region["startLine"], &region["endLine"]),
                        (&4.into(), &4.into())
                    );
                    (
                        region["startColumn"].as_u64().unwrap_or(0),
                        region["endColumn"].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let expected: Vec<(u64, u64)> = columns.iter().map(|&(s, e)| (s as u64, e as u64)).collect();
    assert_eq!(regions, expected);
}

#[test]
fn as_of_takes_four_digit_years_only() {
    let dir = project("as-of");
    write(&dir, "s.yaml", GOOD);
    for bad in ["+202-11-26", "202-11-26", "2026-02-30", "20261126"] {
        let out = run(&dir, &["check", "s.yaml", "--as-of", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
    }
    let out = run(&dir, &["check", "s.yaml", "--as-of", "2028-02-29"]);
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// A spec whose line 4 is a flow list of `n` subnets outside the VPC (each
/// one NET002 finding, its related place the VPC's `cidr` on line 3), then
/// a comment of `pad` characters, `é` among them, with `eol` ending every
/// line. Returns the spec and each subnet's 1-based column.
fn subnets_before_a_long_comment(n: usize, pad: usize, eol: &str) -> (String, Vec<usize>) {
    let mut line = String::from("  public_subnets: [");
    let mut columns = Vec::with_capacity(n);
    for i in 0..n {
        if i > 0 {
            line.push_str(", ");
        }
        columns.push(line.chars().count() + 1);
        line.push_str(&format!("11.{}.{}.0/24", i / 256, i % 256));
    }
    line.push_str("] # ");
    line.push_str(&"aé".repeat(pad / 2));
    let spec = format!("name: x{eol}vpc:{eol}  cidr: 10.0.0.0/16{eol}{line}{eol}");
    (spec, columns)
}

/// The regression of the context-line fault: a finding's neighbouring line
/// (here the flow list under the VPC's `cidr`, shown in the snippet of the
/// related place) is clipped like a labelled one, in LF and CRLF files, and
/// every header keeps its exact line and column.
#[test]
fn long_context_lines_are_clipped() {
    let dir = project("context-lines");
    for eol in ["\n", "\r\n"] {
        let (spec, columns) = subnets_before_a_long_comment(30, 40_000, eol);
        write(&dir, "s.yaml", &spec);
        let out = run(&dir, &["check", "--select", "NET002", "s.yaml"]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let text = stdout(&out);
        let longest = text.lines().map(|l| l.chars().count()).max();
        assert!(longest < Some(200), "{longest:?}");
        assert!(!text.contains("too long to show"));
        for c in &columns {
            assert!(text.contains(&format!("╭─[s.yaml:4:{c}]")), "column {c}");
        }
        // Each finding's related place (the VPC's range) is on line 3, its
        // next line shown cut after 80 characters.
        assert_eq!(text.matches("╭─[s.yaml:3:9]").count(), columns.len());
        let first: String = spec
            .lines()
            .nth(3)
            .unwrap_or_default()
            .chars()
            .take(80)
            .collect();
        assert!(
            text.contains(&format!(" 4 │ {first} …\n")),
            "{}",
            &text[..2000.min(text.len())]
        );
    }
}

/// A finding on a short line whose next line is long, whatever that line
/// holds (ASCII here; a control character there used to be the only way
/// the line got clipped, as a finding of its own).
#[test]
fn a_short_finding_before_a_long_line_is_bounded() {
    let dir = project("short-before-long");
    let mut list: Vec<String> = Vec::new();
    for i in 0..2_500 {
        list.push(format!("10.0.{}.{}/28", i / 16, (i % 16) * 16));
    }
    let spec = format!(
        "name: x\nvpc:\n  cidr: 10.0.0.0/16\n  private_subnets: [12.0.0.0/24]\n  public_subnets: [{}]\n",
        list.join(", ")
    );
    assert!(spec.len() > 39_000);
    write(&dir, "s.yaml", &spec);
    let out = run(&dir, &["check", "--select", "NET002", "s.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("╭─[s.yaml:4:21]"), "{text}");
    // Line 5, not labelled, cut after its first 80 characters.
    let first: String = spec
        .lines()
        .nth(4)
        .unwrap_or_default()
        .chars()
        .take(80)
        .collect();
    assert!(text.contains(&format!(" 5 │ {first} …\n")), "{text}");
    assert!(text.lines().all(|l| l.chars().count() < 200), "{text}");
    assert!(text.len() < 2_000, "{}", text.len());
}

/// The human output of N findings on (and next to) a line of K bytes is
/// bounded by N times a constant: the same bytes for a line ten times
/// longer.
#[test]
fn human_output_does_not_grow_with_line_length() {
    let dir = project("output-bound");
    let n = 40;
    let mut sizes = Vec::new();
    for pad in [20_000, 200_000] {
        let (spec, _) = subnets_before_a_long_comment(n, pad, "\n");
        write(&dir, "s.yaml", &spec);
        let out = run(&dir, &["check", "--select", "NET002", "s.yaml"]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        sizes.push(out.stdout);
    }
    assert!(sizes[0].len() < n * 1_500, "{}", sizes[0].len());
    assert_eq!(sizes[0], sizes[1]);
}

/// The finding cap covers the findings reported as findings, not the
/// suppressed ones: with 1,500 findings in the baseline and 1,200 new ones,
/// JSON shows 1,000 (and counts 1,500 suppressed), SARIF has those 1,000
/// plus all 1,500 as suppressed results, JUnit 1,500 skipped test cases.
#[test]
fn the_finding_cap_covers_unsuppressed_findings_only() {
    let dir = project("cap-suppressed");
    let spec = |n: usize| {
        let items: String = (0..n)
            .map(|i| format!("    - 11.{}.{}.0/24\n", i / 256, i % 256))
            .collect();
        format!("name: x\nvpc:\n  cidr: 10.0.0.0/16\n  public_subnets:\n{items}")
    };
    write(&dir, "s.yaml", &spec(1_500));
    let out = run(
        &dir,
        &[
            "check",
            "--select",
            "NET002",
            "s.yaml",
            "--write-baseline",
            "b.json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    write(&dir, "s.yaml", &spec(2_700));
    let args = |format: &'static str| {
        vec![
            "check",
            "--select",
            "NET002",
            "s.yaml",
            "--baseline",
            "b.json",
            "--format",
            format,
        ]
    };
    let out = run(&dir, &args("json"));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["diagnostics"].as_array().map(Vec::len), Some(1_000));
    assert_eq!(v["summary"]["errors"], 1_200);
    assert_eq!(v["summary"]["suppressed"], 1_500);
    let out = run(&dir, &args("sarif"));
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let results = v["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let suppressed = results
        .iter()
        .filter(|r| r["suppressions"][0]["kind"] == "external")
        .count();
    assert_eq!((results.len(), suppressed), (2_500, 1_500));
    let junit = stdout(&run(&dir, &args("junit")));
    assert_eq!(junit.matches("<skipped").count(), 1_500);
    assert_eq!(junit.matches("<failure").count(), 1_000);
}
