//! The crates as a library: load, walk the model, add a rule of your own.

mod common;

use reelnet_lint::{Checker, Finding, LintOptions, Linter, Report, Rule, RuleMeta, Spec};

reelnet_lint::declare_rule! {
    /// ## What it does
    /// Requires every service name to start with the team prefix `rn-`.
    ///
    /// ## Why is this bad?
    /// Dashboards group services by prefix.
    ///
    /// ## Example
    /// ```yaml
    /// compute: { services: [{ name: backend, image: "x:1" }] }
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// compute: { services: [{ name: rn-backend, image: "x:1" }] }
    /// ```
    ///
    /// ## References
    /// - The team's naming guide
    struct TeamPrefix {
        code: "ORG001",
        name: "team-prefix",
        severity: Warning,
        summary: "a service name lacks the team prefix",
    }
}

impl Rule for TeamPrefix {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for s in spec.services() {
            if !s.name.value.starts_with("rn-") {
                cx.report(
                    Finding::new(
                        s.name.loc,
                        format!("service `{}` lacks the `rn-` prefix", s.name),
                    )
                    .help(format!("rename it to `rn-{}`", s.name)),
                );
            }
        }
    }
}

/// A rule that tries to take a built-in rule's code.
#[derive(Debug)]
struct FakeSubnetOverlap;

static FAKE_NET001: RuleMeta = RuleMeta {
    code: "net001",
    name: "my-overlap",
    ..TeamPrefix::META
};

impl Rule for FakeSubnetOverlap {
    fn meta(&self) -> &RuleMeta {
        &FAKE_NET001
    }
    fn check(&self, _: &Spec, _: &mut Checker<'_>) {}
}

/// A rule that tries to take a built-in rule's name.
#[derive(Debug)]
struct SameName;

static SAME_NAME: RuleMeta = RuleMeta {
    code: "ORG002",
    name: "subnet-overlap",
    ..TeamPrefix::META
};

impl Rule for SameName {
    fn meta(&self) -> &RuleMeta {
        &SAME_NAME
    }
    fn check(&self, _: &Spec, _: &mut Checker<'_>) {}
}

#[test]
fn load_and_walk_the_model() {
    let spec = reelnet_spec::load_path(common::root().join("examples/reelnet.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let vpc = spec.vpc.as_ref().unwrap_or_else(|| panic!("no vpc"));
    assert_eq!(vpc.cidr.to_string(), "10.0.0.0/16");
    let zones: Vec<_> = vpc.public_subnets.iter().map(|s| s.zone.clone()).collect();
    assert_eq!(
        zones,
        vec![Some("us-east-1a".to_owned()), Some("us-east-1b".to_owned())]
    );
    assert_eq!(spec.database.len(), 1);
    assert!(spec.database[0].multi_az.value);
    assert!(!spec.database[0].encrypted.value && !spec.database[0].encrypted.explicit);
    assert_eq!(spec.database[0].name.value, "database");
    assert_eq!(spec.alarms[0].metric.value, "CPUUtilization");
    // Every value knows where it is written.
    let cidr = spec.sources.file(vpc.cidr.loc.file);
    assert_eq!(spec.sources.pointer(vpc.cidr.loc), "/vpc/cidr");
    assert_eq!(
        cidr.line_col(spec.sources.highlight(vpc.cidr.loc).start)
            .line,
        12
    );
}

#[test]
fn a_rule_of_your_own() {
    let linter = Linter::builtin()
        .with_rule(TeamPrefix)
        .unwrap_or_else(|e| panic!("{e}"))
        .configure(&LintOptions {
            select: vec!["ORG".into()],
            ..LintOptions::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let report = Report::new(vec![
        linter
            .check_path(&common::root().join("examples/reelnet.yaml"))
            .unwrap_or_else(|e| panic!("{e}")),
    ]);
    let found: Vec<String> = report
        .resolved()
        .iter()
        .map(|r| {
            format!(
                "{} {}:{} {}",
                r.diagnostic.code, r.position.line, r.position.column, r.diagnostic.message
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            "ORG001 61:13 service `backend` lacks the `rn-` prefix".to_owned(),
            "ORG001 73:13 service `frontend` lacks the `rn-` prefix".to_owned(),
        ]
    );
    assert!(TeamPrefix::META.doc().starts_with("## What it does"));
}

/// A rule of your own cannot take a code or a name another rule has.
#[test]
fn a_rule_cannot_take_a_code_or_name_twice() {
    let linter = Linter::builtin()
        .with_rule(TeamPrefix)
        .unwrap_or_else(|e| panic!("{e}"));
    let again = linter.clone().with_rule(TeamPrefix);
    let err = again
        .err()
        .unwrap_or_else(|| panic!("a second ORG001 was accepted"));
    assert_eq!(err.what, "code");
    assert_eq!(err.taken_by, "ORG001");
    assert_eq!(
        err.to_string(),
        "rule ORG001 (team-prefix) clashes with rule ORG001: code `ORG001` is taken"
    );
    let builtin = Linter::builtin().with_rule(FakeSubnetOverlap);
    let err = builtin
        .err()
        .unwrap_or_else(|| panic!("NET001 was taken twice"));
    assert_eq!((err.what, err.taken_by.as_str()), ("code", "NET001"));
    let by_name = Linter::builtin().with_rule(SameName);
    let err = by_name
        .err()
        .unwrap_or_else(|| panic!("a name was taken twice"));
    assert_eq!((err.what, err.value.as_str()), ("name", "subnet-overlap"));
}
