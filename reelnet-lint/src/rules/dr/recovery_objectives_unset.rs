use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a spec with no `disaster_recovery` section, or one whose
    /// `disaster_recovery` lacks `rto_minutes` (recovery time objective) or
    /// `rpo_minutes` (recovery point objective).
    ///
    /// ## Why is this bad?
    /// The recovery objectives are the measure every disaster-recovery choice
    /// is made against: the strategy, the backup frequency, cross-region
    /// replication, the cost. Without them nobody can say whether the
    /// architecture recovers fast enough, or loses too much data, until a
    /// disaster answers the question.
    ///
    /// ## Example
    /// ```yaml
    /// disaster_recovery:
    ///   strategy: pilot-light
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// disaster_recovery:
    ///   strategy: pilot-light
    ///   rto_minutes: 60
    ///   rpo_minutes: 15
    /// ```
    ///
    /// ## References
    /// - [AWS Well-Architected, REL13-BP01: Define recovery objectives for downtime and data loss](https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_planning_for_recovery_objective_defined_recovery.html)
    /// - [Disaster Recovery of Workloads on AWS: Recovery objectives (RTO and RPO)](https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/business-continuity-plan-bcp.html)
    pub struct RecoveryObjectivesUnset {
        code: "DR001",
        name: "recovery-objectives-unset",
        severity: Warning,
        summary: "no `disaster_recovery`, or no `rto_minutes`/`rpo_minutes`",
    }
    impl Rule;
}

impl RecoveryObjectivesUnset {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(dr) = &spec.disaster_recovery else {
            let Some(doc) = spec.document_loc else {
                return;
            };
            cx.report(
                Finding::new(
                    doc,
                    "the spec has no `disaster_recovery` section: it sets no recovery time objective and no recovery point objective",
                )
                .label("no `disaster_recovery` section in this spec")
                .help("add `disaster_recovery:` with `rto_minutes` (the longest outage the business accepts) and `rpo_minutes` (the most data, in minutes of writes, it accepts to lose)"),
            );
            return;
        };
        let missing: Vec<&str> = [
            ("rto_minutes", dr.rto_minutes.is_none()),
            ("rpo_minutes", dr.rpo_minutes.is_none()),
        ]
        .into_iter()
        .filter_map(|(key, absent)| absent.then_some(key))
        .collect();
        let (message, help) = match missing.as_slice() {
            [] => return,
            ["rto_minutes"] => (
                "`disaster_recovery` has no `rto_minutes`: the recovery time objective is unset",
                "add `rto_minutes`: the longest outage the business accepts",
            ),
            ["rpo_minutes"] => (
                "`disaster_recovery` has no `rpo_minutes`: the recovery point objective is unset",
                "add `rpo_minutes`: the most data, in minutes of writes, the business accepts to lose",
            ),
            _ => (
                "`disaster_recovery` has neither `rto_minutes` nor `rpo_minutes`: no recovery objective is set",
                "add `rto_minutes` (the longest outage the business accepts) and `rpo_minutes` (the most data, in minutes of writes, it accepts to lose)",
            ),
        };
        let mut finding = Finding::new(dr.loc, message)
            .label(format!(
                "no {} here",
                missing
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ))
            .help(help);
        if let Some(strategy) = &dr.strategy {
            finding = finding.related(
                strategy.loc,
                "a strategy without the objective it must meet",
            );
        }
        cx.report(finding);
    }
}
