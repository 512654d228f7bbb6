//! Many specs at once: linted in parallel, one report, deterministic order.

mod project;

use project::Project;

fn spec(i: usize) -> String {
    // Every third spec overlaps; every spec has a single-AZ private tier.
    let second = if i.is_multiple_of(3) {
        "10.0.1.0/25"
    } else {
        "10.0.2.0/24"
    };
    format!(
        "name: s{i}\navailability_zones: [a, b]\nvpc:\n  cidr: 10.0.0.0/16\n  public_subnets: [10.0.1.0/24, {second}]\n  private_subnets: [{{ cidr: 10.0.3.0/24, az: a }}]\n"
    )
}

fn project(name: &str, n: usize) -> (Project, Vec<String>) {
    let p = Project::new(name);
    let mut names = Vec::new();
    for i in 0..n {
        let name = format!("specs/team-{i:02}.yaml");
        p.write(&name, &spec(i));
        names.push(name);
    }
    (p, names)
}

#[test]
fn one_report_for_all_in_a_stable_order() {
    let (p, names) = project("parallel-order", 12);
    let run = |paths: &[String]| {
        // Paths first: `--select` takes every value that follows it.
        let mut args: Vec<&str> = vec!["check"];
        args.extend(paths.iter().map(String::as_str));
        args.extend(["--select", "NET", "--format", "json"]);
        p.run(&args)
    };
    let forward = run(&names);
    assert_eq!(forward.code, Some(1));
    assert_eq!(forward.summary("specs"), 12);
    let mut reversed = names.clone();
    reversed.reverse();
    // The order of the paths does not change the report; neither do reruns.
    for _ in 0..3 {
        assert_eq!(run(&reversed).stdout, forward.stdout);
        assert_eq!(run(&names).stdout, forward.stdout);
    }
    // The same findings as linting each spec alone, sorted by file.
    let mut expected: Vec<String> = Vec::new();
    for name in &names {
        let alone = run(std::slice::from_ref(name));
        expected.extend(alone.found());
    }
    assert_eq!(forward.found(), expected);
    assert_eq!(forward.summary("errors"), 4);
    assert_eq!(forward.summary("warnings"), 12);
    // Every format is one document for all the specs.
    let junit = p.run(
        &[
            &["check"][..],
            &names.iter().map(String::as_str).collect::<Vec<_>>(),
            &["--select", "NET", "--format", "junit"],
        ]
        .concat(),
    );
    assert_eq!(junit.stdout.matches("<testsuite ").count(), 12);
    assert_eq!(junit.stdout.matches("<testsuites ").count(), 1);
}

#[test]
fn a_repeated_path_is_linted_once_and_a_missing_one_fails() {
    let (p, names) = project("parallel-errors", 4);
    let out = p.run(&[
        "check", &names[0], &names[1], &names[0], "--select", "NET", "--format", "json",
    ]);
    assert_eq!(out.summary("specs"), 2);
    let out = p.run(&[
        "check",
        &names[0],
        "specs/missing.yaml",
        &names[2],
        "--select",
        "NET",
    ]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("specs/missing.yaml"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}
