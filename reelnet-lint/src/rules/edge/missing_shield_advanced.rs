use reelnet_spec::Spec;

use super::entry_points;
use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a spec that has public entry points (CDN distributions or API
    /// gateways) while `security.shield.advanced` is not true. The finding
    /// points at `advanced` when it is written, else at the mapping that
    /// lacks it (`shield`, `security`, or the document), and at every entry
    /// point.
    ///
    /// ## Why is this bad?
    /// Shield Standard absorbs common network and transport-layer floods, but
    /// only Shield Advanced adds application-layer DDoS detection and
    /// automatic mitigation, the Shield Response Team, and credits for the
    /// scaling charges an attack causes. A video platform's CDN and API are
    /// exactly what such attacks target.
    ///
    /// ## Example
    /// ```yaml
    /// cdn:
    ///   distributions:
    ///     - name: main
    /// security:
    ///   shield:
    ///     advanced: false
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// cdn:
    ///   distributions:
    ///     - name: main
    /// security:
    ///   shield:
    ///     advanced: true
    /// ```
    ///
    /// ## References
    /// - [AWS Shield Advanced overview](https://docs.aws.amazon.com/waf/latest/developerguide/ddos-advanced-summary.html)
    /// - [AWS Best Practices for DDoS Resiliency](https://docs.aws.amazon.com/whitepapers/latest/aws-best-practices-ddos-resiliency/aws-best-practices-ddos-resiliency.html)
    pub struct MissingShieldAdvanced {
        code: "EDGE002",
        name: "missing-shield-advanced",
        severity: Warning,
        summary: "public entry points exist and `security.shield.advanced` is not true",
    }
    impl Rule;
}

impl MissingShieldAdvanced {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let entries = entry_points(spec);
        if entries.is_empty() {
            return;
        }
        let shield = spec.security.as_ref().and_then(|s| s.shield.as_ref());
        if shield.is_some_and(|s| s.advanced.value) {
            return;
        }
        let count = match entries.len() {
            1 => "1 public entry point".to_owned(),
            n => format!("{n} public entry points"),
        };
        let names: Vec<&str> = entries.iter().map(|e| e.what.as_str()).collect();
        let exposed = format!("{count} ({})", names.join(", "));
        let (loc, message, label, help) = match (spec.security.as_ref(), shield) {
            (_, Some(s)) if s.advanced.explicit => (
                s.advanced.loc,
                format!(
                    "the spec has {exposed} but Shield Advanced is off (`shield.advanced: false`)"
                ),
                "Shield Advanced off",
                "set `advanced: true`",
            ),
            (_, Some(s)) => (
                s.advanced.loc,
                format!(
                    "the spec has {exposed} but Shield Advanced is off: `shield.advanced` is absent and defaults to false"
                ),
                "no `advanced` here",
                "add `advanced: true` under `shield`",
            ),
            (Some(security), None) => (
                security.loc,
                format!(
                    "the spec has {exposed} but Shield Advanced is off: `security` has no `shield`"
                ),
                "no `shield` here",
                "add `shield: { advanced: true }` under `security`",
            ),
            (None, None) => {
                let Some(doc) = spec.document_loc else {
                    return;
                };
                (
                    doc,
                    format!(
                        "the spec has {exposed} but Shield Advanced is off: there is no `security` section"
                    ),
                    "no `security` section in this spec",
                    "add `security: { shield: { advanced: true } }`",
                )
            }
        };
        let mut finding = Finding::new(loc, message).label(label).help(help);
        for ep in &entries {
            finding = finding.related(ep.loc, format!("public entry point: {}", ep.what));
        }
        cx.report(finding);
    }
}
