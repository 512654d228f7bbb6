//! Every rule: a fixture with passing cases before failing ones, a snapshot
//! of its rendered diagnostics, and a well-formed registry.

mod common;

use std::collections::HashSet;
use std::fmt::Write as _;

use reelnet_lint::output;
use reelnet_lint::registry::{self, RULES};

const DOC_SECTIONS: [&str; 5] = [
    "## What it does",
    "## Why is this bad?",
    "## Example",
    "Use instead:",
    "## References",
];

fn fixture_path(code: &str) -> std::path::PathBuf {
    common::root()
        .join("reelnet-lint/tests/fixtures")
        .join(format!("{code}.yaml"))
}

#[test]
fn registry_is_well_formed() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    const AREAS: [&str; 13] = [
        "SPEC", "NET", "DB", "EDGE", "SCALE", "MON", "STO", "CTR", "PIPE", "DR", "DKR", "K8S",
        "XREF",
    ];
    let mut previous = (0, String::new());
    for rule in RULES {
        let m = rule.meta();
        assert!(codes.insert(m.code), "code {} appears twice", m.code);
        // A name appears twice only when the contract fixes it for several
        // rules, listed in SHARED_NAMES (the one name selects all of them).
        let shared = registry::SHARED_NAMES
            .iter()
            .find(|(n, _)| *n == m.name)
            .map(|(_, codes)| *codes);
        match shared {
            Some(sharing) => assert!(
                sharing.contains(&m.code),
                "{} shares the name {} without being listed in SHARED_NAMES",
                m.code,
                m.name
            ),
            None => assert!(names.insert(m.name), "name {} appears twice", m.name),
        }
        assert!(
            !registry::REMOVED.contains(&m.code),
            "{} reuses a removed code",
            m.code
        );
        let prefix = m.code.trim_end_matches(|c: char| c.is_ascii_digit());
        let area = AREAS.iter().position(|a| *a == prefix);
        assert!(area.is_some(), "{} has an unknown area prefix", m.code);
        // Catalogue order: areas as RULES.md lists them, then by number.
        let key = (area.unwrap_or(0), m.code.to_owned());
        assert!(
            key > previous,
            "{} is out of catalogue order (after {})",
            m.code,
            previous.1
        );
        previous = key;
        assert!(
            m.name.starts_with(|c: char| c.is_ascii_lowercase())
                && m.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{} is not kebab-case",
            m.name
        );
        let doc = m.doc();
        let mut at = 0;
        for section in DOC_SECTIONS {
            let found = doc[at..].find(section);
            assert!(
                found.is_some(),
                "{} doc lacks `{section}` (in order)",
                m.code
            );
            at += found.unwrap_or(0);
        }
        assert!(
            doc.contains("```yaml") || doc.contains("```dockerfile"),
            "{} doc has no YAML or Dockerfile example",
            m.code
        );
        let references = doc.split("## References").nth(1).unwrap_or("");
        assert!(
            references.lines().any(|l| l.trim_start().starts_with("- ")),
            "{} doc names no reference",
            m.code
        );
        assert!(fixture_path(m.code).exists(), "{} has no fixture", m.code);
    }
}

/// The examples in each rule's doc: the failing one fires, the fixed one does not.
#[test]
fn doc_examples_behave() {
    for rule in RULES {
        let m = rule.meta();
        if m.origin != reelnet_lint::Origin::Model {
            continue;
        }
        let doc = m.doc();
        let dockerfile = doc.contains("```dockerfile");
        let blocks: Vec<&str> = doc
            .split(if dockerfile {
                "```dockerfile"
            } else {
                "```yaml"
            })
            .skip(1)
            .filter_map(|b| b.split("```").next())
            .collect();
        assert!(
            blocks.len() >= 2,
            "{} doc needs a failing and a fixed example",
            m.code
        );
        let linter = common::linter(&[m.code]);
        let container = dockerfile || blocks.first().is_some_and(|b| b.contains("apiVersion:"));
        if container {
            let fired = |text: &str| {
                let report = if dockerfile {
                    common::lint_container_example(&linter, Some(text), None)
                } else {
                    common::lint_container_example(&linter, None, Some(text))
                };
                report
                    .resolved()
                    .iter()
                    .filter(|r| r.diagnostic.code == m.code)
                    .count()
            };
            assert!(
                fired(blocks[0]) > 0,
                "{}: the doc's failing example does not fire",
                m.code
            );
            assert_eq!(
                fired(blocks[1]),
                0,
                "{}: the doc's fixed example fires",
                m.code
            );
            continue;
        }
        let count = |yaml: &str| {
            let text = if yaml.contains("\nname:") || yaml.starts_with("name:") {
                yaml.to_owned()
            } else {
                format!("name: example\n{yaml}")
            };
            let report = common::lint_text(&linter, "example.yaml", &text);
            let loader_errors: Vec<String> = report
                .resolved()
                .iter()
                .filter(|r| r.diagnostic.code.starts_with("SPEC") && r.diagnostic.code != m.code)
                .map(|r| r.diagnostic.message.clone())
                .collect();
            assert!(
                loader_errors.is_empty(),
                "{} doc example does not load: {loader_errors:?}",
                m.code
            );
            report
                .resolved()
                .iter()
                .filter(|r| r.diagnostic.code == m.code)
                .count()
        };
        assert!(
            count(blocks[0]) > 0,
            "{}: the doc's failing example does not fire",
            m.code
        );
        assert_eq!(
            count(blocks[1]),
            0,
            "{}: the doc's fixed example fires",
            m.code
        );
    }
}

#[test]
fn fixtures_fire_and_stay_silent() {
    for rule in RULES {
        let m = rule.meta();
        let path = fixture_path(m.code);
        let fixture =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = format!("reelnet-lint/tests/fixtures/{}.yaml", m.code);
        let cases = common::cases(&fixture, &name);
        assert!(
            cases.iter().any(|c| c.expect_pass),
            "{}: fixture has no passing case",
            m.code
        );
        assert!(
            cases.iter().any(|c| !c.expect_pass),
            "{}: fixture has no failing case",
            m.code
        );
        let first_fail = cases.iter().position(|c| !c.expect_pass).unwrap_or(0);
        assert!(
            cases[first_fail..].iter().all(|c| !c.expect_pass),
            "{}: passing cases must come before failing ones",
            m.code
        );
        // Suppression rules report on what the other rules found: run NET
        // too, so that their fixtures can suppress real findings.
        let linter = if m.origin == reelnet_lint::Origin::Suppression {
            common::linter(&[m.code, "NET"])
        } else {
            common::linter(&[m.code])
        };
        let mut snapshot = String::new();
        for case in &cases {
            let report = common::lint_case(&linter, case);
            let fired = report
                .resolved()
                .iter()
                .filter(|r| r.diagnostic.code == m.code)
                .count();
            if case.expect_pass {
                assert_eq!(fired, 0, "{}: passing case `{}` fires", m.code, case.title);
            } else {
                assert!(
                    fired > 0,
                    "{}: failing case `{}` does not fire",
                    m.code,
                    case.title
                );
                let _ = writeln!(
                    snapshot,
                    "=== {}\n{}",
                    case.title,
                    output::human::render(&report, false)
                );
            }
        }
        insta::with_settings!({ snapshot_path => "snapshots/rules", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(m.code, snapshot);
        });
    }
}

#[test]
fn shared_names_are_exactly_the_rules_that_share_them() {
    for (name, codes) in registry::SHARED_NAMES {
        let found: Vec<&str> = registry::find_all(name)
            .iter()
            .map(|r| r.meta().code)
            .collect();
        assert_eq!(found, *codes, "{name}");
        assert!(codes.len() > 1, "{name} is not shared");
    }
}
