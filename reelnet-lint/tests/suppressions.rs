//! Inline suppressions through the real binary.

mod project;

use project::Project;

const HEAD: &str = "name: sup
availability_zones: [a, b]
vpc:
  cidr: 10.0.0.0/16
";

fn check(p: &Project, extra: &[&str]) -> project::Run {
    let mut args = vec![
        "check",
        "reelnet.yaml",
        "--select",
        "NET,SPEC",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    p.run(&args)
}

#[test]
fn a_suppressed_finding_no_longer_fails_the_run() {
    let p = Project::new("sup-basic");
    p.write(
        "reelnet.yaml",
        &format!("{HEAD}  public_subnets:\n    - 10.0.1.0/24\n    - 10.0.1.0/25  # reelnet-lint: ignore[Subnet-Overlap] legacy range (INFRA-42)\n"),
    );
    let out = check(&p, &[]);
    assert_eq!(out.code, Some(0), "{}", out.stdout);
    assert_eq!(out.codes(), Vec::<String>::new());
    assert_eq!(out.summary("suppressed"), 1);
    let human = p.run(&["check", "reelnet.yaml", "--select", "NET,SPEC"]);
    assert!(
        human
            .stdout
            .contains("No findings in 1 spec (1 suppressed)."),
        "{}",
        human.stdout
    );
    // SARIF carries it, as suppressed in source, with the reason.
    let sarif = p
        .run(&[
            "check",
            "reelnet.yaml",
            "--select",
            "NET,SPEC",
            "--format",
            "sarif",
        ])
        .json();
    let s = &sarif["runs"][0]["results"][0]["suppressions"][0];
    assert_eq!(s["kind"], "inSource");
    assert_eq!(s["justification"], "legacy range (INFRA-42)");
}

#[test]
fn the_line_before_and_stacked_comments() {
    let p = Project::new("sup-line-before");
    p.write(
        "reelnet.yaml",
        &format!(
            "{HEAD}  public_subnets:\n    - 10.0.1.0/24\n    # reelnet-lint: ignore[NET001] legacy range\n    # reelnet-lint: ignore[NET002] outside on purpose, peered range\n    - 10.1.1.0/24\n"
        ),
    );
    // 10.1.1.0/24 is outside the VPC (NET002) and overlaps nothing: NET001 is unused.
    let out = check(&p, &[]);
    assert_eq!(out.found(), ["SPEC007@reelnet.yaml:7"]);
    assert_eq!(out.summary("suppressed"), 1);
}

#[test]
fn expiry_against_the_lint_date() {
    let p = Project::new("sup-expiry");
    p.write(
        "reelnet.yaml",
        &format!("{HEAD}  public_subnets:\n    - 10.0.1.0/24\n    - 10.0.1.0/25  # reelnet-lint: ignore[NET001] until=2026-12-31 freed in December\n"),
    );
    let before = check(&p, &["--as-of", "2026-12-31"]);
    assert_eq!(before.code, Some(0), "{}", before.stdout);
    let after = check(&p, &["--as-of", "2027-01-01"]);
    assert_eq!(
        after.found(),
        ["NET001@reelnet.yaml:7", "SPEC007@reelnet.yaml:7"]
    );
    let msg = after.json()["diagnostics"][1]["message"].clone();
    assert_eq!(
        msg,
        "suppression expired on 2026-12-31 (linting as of 2027-01-01); it no longer hides anything"
    );
    // The date can come from the configuration too.
    p.write("reelnet-lint.toml", "as_of = \"2027-02-01\"\n");
    assert_eq!(check(&p, &[]).code, Some(1));
}

#[test]
fn comments_are_told_from_text() {
    let p = Project::new("sup-quotes");
    // Directives inside quoted scalars are text; the real comment applies.
    p.write(
        "reelnet.yaml",
        "name: \"sup # reelnet-lint: ignore[NET006] not a comment\"\navailability_zones: [a, b]\nvpc:\n  cidr: 10.0.0.0/16\n  public_subnets:\n    - 10.0.1.0/24\n    - '10.0.1.0/25'  # reelnet-lint: ignore[NET001] it's a 'quoted' value: still a comment\n",
    );
    let out = check(&p, &[]);
    assert_eq!(out.codes(), Vec::<String>::new(), "{}", out.stdout);
    assert_eq!(out.summary("suppressed"), 1);
}

#[test]
fn several_specs_and_spec008() {
    let p = Project::new("sup-several");
    p.write("main.yaml", &format!("{HEAD}  public_subnets: [10.0.1.0/24, 10.0.1.0/25]  # reelnet-lint: ignore[NET001]\n"))
        .write(
            "db.yaml",
            "name: db\ndatabase:\n  engine: postgres\n  multi_az: false  # reelnet-lint: ignore[NET099] typo\n",
        );
    let args = ["check", "main.yaml", "db.yaml", "--select", "NET,SPEC"];
    let out = p.run(&[&args[..], &["--format", "json"]].concat());
    assert_eq!(
        out.found(),
        ["SPEC007@db.yaml:4", "SPEC008@main.yaml:5"],
        "{}",
        out.stdout
    );
    assert_eq!(
        out.summary("suppressed"),
        1,
        "a suppression without reason still works"
    );
    // SPEC008 is a warning: the default --fail-on fails; it can be lowered.
    assert_eq!(out.code, Some(1));
    let lenient = p.run(&[&args[..], &["--fail-on", "error"]].concat());
    assert_eq!(lenient.code, Some(0), "{}", lenient.stdout);
    // Turning SPEC007/SPEC008 off in the configuration works; a comment cannot.
    let off = p.run(&[
        "check",
        "main.yaml",
        "db.yaml",
        "--select",
        "NET",
        "--format",
        "json",
    ]);
    assert_eq!(off.codes(), Vec::<String>::new());
    assert_eq!(off.summary("suppressed"), 1);
}

#[test]
fn selection_decides_what_is_judged_unused() {
    let p = Project::new("sup-selection");
    p.write(
        "reelnet.yaml",
        &format!("{HEAD}  public_subnets:\n    - 10.0.1.0/24\n    - 10.0.2.0/24  # reelnet-lint: ignore[NET001] legacy\n"),
    );
    // NET001 runs and finds nothing there: unused.
    assert_eq!(check(&p, &[]).codes(), ["SPEC007"]);
    // NET001 does not run: the suppression is not judged.
    let out = p.run(&[
        "check",
        "reelnet.yaml",
        "--select",
        "SPEC,NET002",
        "--format",
        "json",
    ]);
    assert_eq!(out.codes(), Vec::<String>::new());
    // A spec that does not load: nothing ran, nothing is judged unused.
    p.write(
        "broken.yaml",
        "name: [unclosed\n# reelnet-lint: ignore[NET001] legacy\nvpc: {}\n",
    );
    let out = p.run(&[
        "check",
        "broken.yaml",
        "--select",
        "NET,SPEC",
        "--format",
        "json",
    ]);
    assert_eq!(out.codes(), ["SPEC000"]);
}

#[test]
fn errors_of_a_spec_that_does_not_load_stay() {
    let p = Project::new("sup-unloaded");
    // SPEC001 stops the model: hiding it would pass a spec no rule checked.
    p.write(
        "reelnet.yaml",
        &format!("{HEAD}  public_subnets: [10.0.1.0/24, 10.0.1.0/25]\n  pubic_subnets: []  # reelnet-lint: ignore[SPEC001] typo kept for now\n"),
    );
    let out = check(&p, &[]);
    assert_eq!(out.code, Some(1));
    assert_eq!(out.codes(), ["SPEC001", "SPEC007"], "{}", out.stdout);
    assert_eq!(
        out.json()["diagnostics"][1]["message"],
        "the spec does not load, so no rule ran: its SPEC001 (unknown-field) error cannot be suppressed"
    );
    // A warning of the loader (SPEC003) can be, in a spec that loads.
    p.write(
        "reelnet.yaml",
        &format!("{HEAD}  public_subnets: [10.0.1.0/24, 10.0.2.0/24]\ndatabase:\n  engine: postgres\n  version: 14.10  # reelnet-lint: ignore[SPEC003] the pipeline quotes it\n"),
    );
    let out = check(&p, &[]);
    assert_eq!(out.codes(), Vec::<String>::new(), "{}", out.stdout);
    assert_eq!(out.summary("suppressed"), 1);
}

/// Comments are the YAML parser's own: a suppression inside a multi-line
/// flow collection hides the finding on its line (alone on its line, the
/// next one). (That a `#` inside a quoted flow item is text is checked
/// on every fixture by tests/comments.rs.)
#[test]
fn comments_inside_flow_collections_are_the_parsers() {
    let p = Project::new("sup-flow");
    p.write(
        "reelnet.yaml",
        &format!(
            "{HEAD}  public_subnets: [\n    10.0.1.0/24,\n    10.0.1.0/25,  # reelnet-lint: ignore[NET001] legacy range (INFRA-42)\n    # reelnet-lint: ignore[NET001] second legacy range (INFRA-43)\n    10.0.1.0/26,\n  ]\n"
        ),
    );
    let out = check(&p, &[]);
    let json = out.json();
    let suppressed = out.summary("suppressed");
    let paths: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    (
                        d["code"].as_str().unwrap_or("").to_owned(),
                        d["path"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(suppressed, 2, "{}", out.stdout);
    // The overlaps of the list's second and third items are hidden.
    assert!(
        !paths.iter().any(|(c, p)| c == "NET001"
            && (p == "/vpc/public_subnets/1" || p == "/vpc/public_subnets/2")),
        "{paths:?}"
    );
    assert!(
        !paths.iter().any(|(c, _)| c == "SPEC007" || c == "SPEC008"),
        "{paths:?}"
    );
}

/// Past a second document (a spec file holds one) the parser still
/// reports comments: a malformed suppression there is SPEC007 beside the
/// SPEC000 error, as before the loader read comments from the parser.
#[test]
fn comments_after_a_second_document_are_still_read() {
    let p = Project::new("sup-second-doc");
    p.write(
        "reelnet.yaml",
        &format!("{HEAD}---\nname: other  # reelnet-lint ignore[NET001] missing colon\n"),
    );
    let out = check(&p, &[]);
    let codes = out.codes();
    assert!(codes.contains(&"SPEC000".to_owned()), "{}", out.stdout);
    assert!(codes.contains(&"SPEC007".to_owned()), "{}", out.stdout);
}

/// An unused suppression below a long explicit key names the node it
/// targets by its whole pointer, escapes included; the pointer is built
/// for that line only (building one per line of the file cost the key's
/// length per line: 1 GB for a 20,000-character key above 50,000 lines,
/// `scripts/bench-hostile.sh` shape `longkey-suppressed`).
#[test]
fn an_unused_suppression_below_a_long_key_names_its_whole_pointer() {
    let p = Project::new("sup-long-key");
    let key = format!("a/~{}", "k".repeat(20_000));
    p.write(
        "reelnet.yaml",
        &format!(
            "{HEAD}pipeline:\n  environments:\n    ? {key}\n    :\n      # reelnet-lint: ignore[NET001] nothing here\n      domain: x.example.com\n"
        ),
    );
    let json = check(&p, &[]).json();
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "SPEC007", "{json}");
    assert_eq!(d["line"], 9, "{json}");
    let want = format!("/pipeline/environments/a~1~0{}/domain", "k".repeat(20_000));
    assert_eq!(d["path"].as_str(), Some(want.as_str()));
}
