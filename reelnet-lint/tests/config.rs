//! Configuration through the real binary: discovery, overrides, every key,
//! and errors with their file, line and column.

mod project;

use project::{AS_OF, Project};

/// Two overlapping public subnets (NET001, error) and a private tier in one
/// zone (NET006, warning).
const SPEC: &str = "name: cfg
availability_zones: [a, b]
vpc:
  cidr: 10.0.0.0/16
  public_subnets: [10.0.1.0/24, 10.0.1.0/25]
  private_subnets:
    - { cidr: 10.0.3.0/24, az: a }
    - { cidr: 10.0.4.0/24, az: a }
";

#[test]
fn found_upward_and_specs_relative_to_it() {
    let p = Project::new("cfg-upward");
    p.write(
        "reelnet-lint.toml",
        "specs = [\"infra/\"]\nselect = [\"NET\"]\nas_of = \"2026-11-26\"\n",
    )
    .write("infra/reelnet.yaml", SPEC)
    .write("infra/sub/readme.txt", "");
    let at_root = p.run(&["check", "--format", "json"]);
    assert_eq!(at_root.code, Some(1), "{}", at_root.stderr);
    assert_eq!(
        at_root.found(),
        ["NET001@infra/reelnet.yaml:5", "NET006@infra/reelnet.yaml:6"]
    );
    // From a subdirectory: the same config, paths shown relative to here.
    let below = p.run_in("infra/sub", &["check", "--format", "json"]);
    assert_eq!(
        below.found(),
        [
            "NET001@../../infra/reelnet.yaml:5",
            "NET006@../../infra/reelnet.yaml:6"
        ]
    );
}

#[test]
fn pyproject_only_with_its_table_and_nearest_wins() {
    let p = Project::new("cfg-pyproject");
    p.write("reelnet-lint.toml", "select = [\"NET001\"]\n")
        .write("reelnet.yaml", SPEC)
        // Mentions reelnet-lint but has no [tool.reelnet-lint]: passed over.
        .write(
            "plain/pyproject.toml",
            "[project]\nname = \"x\" # uses reelnet-lint in CI\n[tool.maturin]\nbindings = \"bin\"\n",
        )
        .write("plain/reelnet.yaml", SPEC)
        .write(
            "tooled/pyproject.toml",
            "[project]\nname = \"y\"\n\n[tool.reelnet-lint]\nselect = [\"NET006\"]\n",
        )
        .write("tooled/reelnet.yaml", SPEC);
    let codes = |dir: &str| p.run_in(dir, &["check", "--format", "json"]).codes();
    assert_eq!(codes("."), ["NET001"]);
    assert_eq!(codes("plain"), ["NET001"]);
    assert_eq!(codes("tooled"), ["NET006"]);
}

#[test]
fn search_stops_at_the_repository_root() {
    let p = Project::new("cfg-git-root");
    // A broken config above the repository must not be read.
    p.write("reelnet-lint.toml", "this is = not [valid\n")
        .write("repo/.git/HEAD", "ref: refs/heads/main\n")
        .write("repo/reelnet.yaml", SPEC);
    let out = p.run_in("repo", &["check", "--format", "json", "--select", "NET001"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(out.codes(), ["NET001"]);
    // A `.git` file (a worktree or submodule) is a root too.
    p.write("wt/.git", "gitdir: ../repo/.git\n")
        .write("wt/reelnet.yaml", SPEC);
    let out = p.run_in("wt", &["check", "--format", "json", "--select", "NET001"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    // Above the repository, the broken file is found and reported.
    let out = p.run(&["check", "repo/reelnet.yaml"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("reelnet-lint.toml:1:"),
        "{}",
        out.stderr
    );
}

#[test]
fn config_flag_overrides_discovery_and_flags_override_config() {
    let p = Project::new("cfg-overrides");
    p.write(
        "reelnet-lint.toml",
        "select = [\"NET001\"]\nfail_on = \"error\"\n",
    )
    .write(
        "ci/strict.toml",
        "select = [\"NET006\"]\nfail_on = \"warning\"\n",
    )
    .write("reelnet.yaml", SPEC);
    assert_eq!(p.run(&["check", "--format", "json"]).codes(), ["NET001"]);
    let strict = p.run(&["check", "--config", "ci/strict.toml", "--format", "json"]);
    assert_eq!(strict.codes(), ["NET006"]);
    assert_eq!(
        strict.code,
        Some(1),
        "a warning fails under fail_on = warning"
    );
    // --select replaces the config's select; --fail-on its fail_on.
    let only_warning = p.run(&["check", "--select", "NET006", "--format", "json"]);
    assert_eq!(only_warning.codes(), ["NET006"]);
    assert_eq!(only_warning.code, Some(0), "config: fail_on = error");
    let cli = p.run(&["check", "--select", "NET006", "--fail-on", "warning"]);
    assert_eq!(cli.code, Some(1));
    // A missing --config file is exit 2.
    let missing = p.run(&["check", "--config", "nope.toml"]);
    assert_eq!(missing.code, Some(2));
    assert!(missing.stderr.contains("nope.toml"), "{}", missing.stderr);
    // A pyproject.toml given with --config must have the table.
    p.write("other/pyproject.toml", "[project]\nname = \"z\"\n");
    let no_table = p.run(&["check", "--config", "other/pyproject.toml"]);
    assert_eq!(no_table.code, Some(2));
    assert!(
        no_table.stderr.contains("no [tool.reelnet-lint] table"),
        "{}",
        no_table.stderr
    );
}

#[test]
fn severity_ignore_and_as_of() {
    let p = Project::new("cfg-keys");
    p.write(
        "reelnet-lint.toml",
        "select = [\"NET\"]\nignore = [\"subnet-overlap\"]\nas_of = 2026-11-26\n\n[severity]\nNET006 = \"error\"\n",
    )
    .write("reelnet.yaml", SPEC);
    let out = p.run(&["check", "--format", "json"]);
    assert_eq!(out.codes(), ["NET006"]);
    assert_eq!(out.json()["diagnostics"][0]["severity"], "error");
    // --ignore replaces the config's ignore.
    let out = p.run(&["check", "--ignore", "NET006", "--format", "json"]);
    assert_eq!(out.codes(), ["NET001"]);
}

#[test]
fn per_path_ignores_are_relative_to_the_config() {
    let p = Project::new("cfg-per-path");
    p.write(
        "reelnet-lint.toml",
        "select = [\"NET\"]\n\n[per-path-ignores]\n\"infra/sandbox/**\" = [\"NET001\"]\n\"*.dev.yaml\" = [\"tier-single-az\"]\n",
    )
    .write("infra/prod/reelnet.yaml", SPEC)
    .write("infra/sandbox/reelnet.yaml", SPEC)
    .write("infra/prod/x.dev.yaml", SPEC);
    let run = |dir: &str, args: &[&str]| {
        let mut a = vec!["check", "--format", "json"];
        a.extend_from_slice(args);
        p.run_in(dir, &a).found()
    };
    // Sorted by file, then line.
    let expected = [
        "NET001@infra/prod/reelnet.yaml:5",
        "NET006@infra/prod/reelnet.yaml:6",
        "NET001@infra/prod/x.dev.yaml:5",
        "NET006@infra/sandbox/reelnet.yaml:6",
    ];
    let found = run(
        ".",
        &[
            "infra/prod/reelnet.yaml",
            "infra/sandbox/reelnet.yaml",
            "infra/prod/x.dev.yaml",
        ],
    );
    assert_eq!(found, expected);
    // The same from inside infra/: globs stay relative to the config.
    let inside = run("infra", &["prod/reelnet.yaml", "sandbox/reelnet.yaml"]);
    assert_eq!(
        inside,
        [
            "NET001@prod/reelnet.yaml:5",
            "NET006@prod/reelnet.yaml:6",
            "NET006@sandbox/reelnet.yaml:6"
        ]
    );
}

#[test]
fn unignorable_rules_cannot_be_hidden() {
    let p = Project::new("cfg-unignorable");
    // A baseline written where the rule is not unignorable...
    p.write("loose.toml", "select = [\"NET\"]\n")
        .write("reelnet.yaml", SPEC);
    let w = p.run(&[
        "check",
        "--config",
        "loose.toml",
        "--write-baseline",
        "loose.json",
    ]);
    assert_eq!(w.code, Some(0), "{}", w.stderr);
    assert!(p.read("loose.json").contains("NET001"));
    p.write(
        "reelnet-lint.toml",
        "select = [\"NET\", \"SPEC\"]\nunignorable = [\"subnet-overlap\"]\n",
    )
    .write(
        "reelnet.yaml",
        &SPEC.replace(
            "  public_subnets: [10.0.1.0/24, 10.0.1.0/25]",
            "  public_subnets: [10.0.1.0/24, 10.0.1.0/25]  # reelnet-lint: ignore[NET001, NET006] legacy",
        ),
    );
    let out = p.run(&["check", "--format", "json", "--as-of", AS_OF]);
    let v = out.json();
    let diags = v["diagnostics"].as_array().cloned().unwrap_or_default();
    let messages: Vec<String> = diags
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                d["code"].as_str().unwrap_or(""),
                d["message"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert!(
        messages.iter().any(|m| m.starts_with("NET001 ")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m
            .starts_with("SPEC007 the configuration makes NET001 (subnet-overlap) unignorable")),
        "{messages:?}"
    );
    // NET006 is not unignorable, but its finding is on line 8: that part is unused.
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("SPEC007 suppression of NET006")),
        "{messages:?}"
    );
    assert_eq!(out.summary("suppressed"), 0);

    // Nor can a baseline hide it; its entry is a note.
    let w = p.run(&[
        "check",
        "--select",
        "NET",
        "--write-baseline",
        "baseline.json",
    ]);
    assert_eq!(w.code, Some(0), "{}", w.stderr);
    let recorded = p.read("baseline.json");
    assert!(
        !recorded.contains("NET001"),
        "unignorable findings are not recorded: {recorded}"
    );
    assert!(recorded.contains("NET006"), "{recorded}");
    // ...is not applied to it.
    let out = p.run(&[
        "check",
        "--select",
        "NET",
        "--baseline",
        "loose.json",
        "--format",
        "json",
    ]);
    assert_eq!(out.codes(), ["NET001"]);
    let notes = out.json()["notes"].to_string();
    assert!(
        notes.contains("is not applied: the configuration makes NET001 unignorable"),
        "{notes}"
    );
}

#[test]
fn errors_name_the_file_line_and_column() {
    let p = Project::new("cfg-errors");
    p.write("reelnet.yaml", SPEC);
    let cases: &[(&str, &[&str])] = &[
        (
            "slect = [\"NET\"]\n",
            &["reelnet-lint.toml:1:1: unknown key `slect` (did you mean `select`?)"],
        ),
        (
            "select = [\"NET\", \"subnet-overlpa\"]\n",
            &[
                "reelnet-lint.toml:1:18: `select`: unknown rule `subnet-overlpa`",
                "did you mean `subnet-overlap`?",
            ],
        ),
        (
            "[per-path-ignores]\n\"infra/[ab/*.yaml\" = [\"NET\"]\n",
            &[
                "reelnet-lint.toml:2:1: [per-path-ignores]: bad glob `infra/[ab/*.yaml`: unclosed character class",
            ],
        ),
        (
            "fail_on = \"fatal\"\n",
            &["reelnet-lint.toml:1:11: `fail_on` must be \"error\", \"warning\" or \"info\""],
        ),
        (
            "unignorable = \"NET001\"\n",
            &["reelnet-lint.toml:1:15: `unignorable` must be an array of strings, found string"],
        ),
        (
            "[severity]\nNET999 = \"error\"\n",
            &["reelnet-lint.toml:2:1: [severity]: unknown rule `NET999`"],
        ),
        (
            "select = [\"NET\"\n",
            &["reelnet-lint.toml:", "not valid TOML"],
        ),
    ];
    for (text, expected) in cases {
        p.write("reelnet-lint.toml", text);
        let out = p.run(&["check"]);
        assert_eq!(out.code, Some(2), "{text}: {}", out.stderr);
        for e in *expected {
            assert!(
                out.stderr.contains(e),
                "{text}: expected `{e}` in\n{}",
                out.stderr
            );
        }
        assert!(out.stdout.is_empty(), "{}", out.stdout);
    }
    // Every problem at once.
    p.write("reelnet-lint.toml", "slect = 1\nfail_on = 2\n");
    let out = p.run(&["check"]);
    assert!(
        out.stderr.contains("bad configuration (2 problems)"),
        "{}",
        out.stderr
    );
    // A bad [tool.reelnet-lint] table in pyproject.toml: its real lines.
    std::fs::remove_file(p.path("reelnet-lint.toml")).unwrap_or_else(|e| panic!("{e}"));
    p.write(
        "pyproject.toml",
        "[project]\nname = \"x\"\n\n[tool.reelnet-lint]\nselect = [\"NET\"]\nfail-on = \"error\"\n",
    );
    let out = p.run(&["check"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .contains("pyproject.toml:6:1: unknown key `fail-on` (did you mean `fail_on`?)"),
        "{}",
        out.stderr
    );
    // Our table as a `reelnet-lint` key of `[tool]`, in a file with a
    // syntax error elsewhere: not skipped, the error located.
    for key in ["reelnet-lint", "\"reelnet-lint\""] {
        p.write(
            "pyproject.toml",
            &format!(
                "[project]\nname = \"x\"\n\n[tool]\n{key} = {{ unignorable = [\"DB001\"] }}\n\n[other]\nbroken = [\n"
            ),
        );
        let out = p.run(&["check"]);
        assert_eq!(out.code, Some(2), "{key}: {}", out.stderr);
        assert!(out.stderr.contains("pyproject.toml:"), "{}", out.stderr);
    }
}

/// Text of the configuration (a key, a `[severity]` key, a pattern's rule,
/// a selector on the command line) holding a newline: every stderr line
/// still begins with `reelnet-lint: ` and no input text starts a line of
/// its own (a CI log reads `::error ...` at a line's start as a command).
#[test]
fn config_text_cannot_start_a_line() {
    let p = Project::new("cfg-newline");
    p.write("reelnet.yaml", SPEC).write(
        "reelnet-lint.toml",
        "\"k\\n::error title=Spoofed::x\" = 1\n[severity]\n\"N\\r\\n::error x\" = \"info\"\n\
         [per-path-ignores]\n\"a\" = [\"X\\n::error y\"]\n",
    );
    let lines_ok = |stderr: &str| {
        assert!(!stderr.is_empty());
        for line in stderr.lines() {
            assert!(line.starts_with("reelnet-lint: "), "{stderr}");
            assert!(
                !line["reelnet-lint: ".len()..].starts_with("::"),
                "{stderr}"
            );
        }
    };
    let out = p.run(&["check"]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    lines_ok(&out.stderr);
    assert!(
        out.stderr
            .contains("unknown key `k\\n::error title=Spoofed::x`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("`N\\r\\n::error x`"), "{}", out.stderr);
    std::fs::remove_file(p.path("reelnet-lint.toml")).unwrap_or_else(|e| panic!("{e}"));
    let out = p.run(&["check", "--select", "NET\n::error title=Spoofed::x"]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    lines_ok(&out.stderr);
}
