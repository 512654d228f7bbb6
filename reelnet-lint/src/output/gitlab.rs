//! GitLab Code Quality (`artifacts:reports:codequality`): the report GitLab
//! shows in the merge request widget and beside the changed lines of its
//! diff. A JSON array with one issue per finding (suppressed findings are
//! left out): `description` (message and help), `check_name` (the rule
//! code), `fingerprint` (the finding's identity, the same value as SARIF's
//! `partialFingerprints`, see docs/baselines.md), `severity` and
//! `location` (`path` relative to the repository root,
//! [`crate::root::repository_root`], as GitLab resolves it, and
//! `lines.begin`).
//!
//! Severities map to GitLab's levels: error → `critical`, warning →
//! `minor`, info → `info`.
//!
//! Format: <https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format>

use reelnet_spec::Severity;
use serde_json::{Value, json};

use crate::identity::{Fingerprints, relative_or_as_named, repository_base};
use crate::report::Report;

/// GitLab's severity for ours.
#[must_use]
pub const fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "critical",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// The report as a GitLab Code Quality JSON array: pretty JSON with a
/// trailing newline.
#[must_use]
pub fn render(report: &Report) -> String {
    let fingerprints = Fingerprints::of(report);
    let base = repository_base(report);
    let issues: Vec<Value> = report
        .resolved()
        .iter()
        .map(|r| {
            let d = r.diagnostic;
            let description = match &d.help {
                Some(h) => format!("{}\nhelp: {h}", d.message),
                None => d.message.clone(),
            };
            json!({
                "description": description,
                "check_name": d.code,
                "fingerprint": fingerprints.get(d),
                "severity": severity(d.severity),
                "location": {
                    "path": relative_or_as_named(base.as_deref(), &r.position.file),
                    "lines": { "begin": r.position.line },
                },
            })
        })
        .collect();
    let mut s = crate::sanitize::to_json_pretty(&issues).unwrap_or_default();
    s.push('\n');
    s
}
