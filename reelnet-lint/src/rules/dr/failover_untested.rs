use reelnet_spec::Spec;
use reelnet_spec::types::FailoverTesting;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a `disaster_recovery` section whose `failover_testing` is
    /// absent or `never`. A spec with no `disaster_recovery` at all is
    /// DR001's finding, not this rule's.
    ///
    /// ## Why is this bad?
    /// A recovery procedure that has never run is a hypothesis. Failover
    /// depends on DNS changes, replicas, credentials, runbooks and people,
    /// any of which drifts; the recovery time objective means something only
    /// once a failover has been timed. Regular tests (game days) find the
    /// gaps while nothing is on fire.
    ///
    /// ## Example
    /// ```yaml
    /// disaster_recovery:
    ///   strategy: warm-standby
    ///   rto_minutes: 30
    ///   rpo_minutes: 5
    ///   failover_testing: never
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// disaster_recovery:
    ///   strategy: warm-standby
    ///   rto_minutes: 30
    ///   rpo_minutes: 5
    ///   failover_testing: quarterly
    /// ```
    ///
    /// ## References
    /// - [AWS Well-Architected, REL13-BP03: Test disaster recovery implementation to validate the implementation](https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_planning_for_recovery_dr_tested.html)
    /// - [AWS Well-Architected, REL12-BP04: Test resiliency using chaos engineering (game days)](https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_testing_resiliency_failure_injection_resiliency.html)
    pub struct FailoverUntested {
        code: "DR002",
        name: "failover-untested",
        severity: Warning,
        summary: "`failover_testing` absent or `never`",
    }
    impl Rule;
}

impl FailoverUntested {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(dr) = &spec.disaster_recovery else {
            return;
        };
        let mut finding = match &dr.failover_testing {
            Some(t) if t.value != FailoverTesting::Never => return,
            Some(t) => Finding::new(t.loc, "failover is never tested (`failover_testing: never`): the recovery procedure has not been shown to work")
                .label("never tested")
                .help("test failover on a schedule: set `failover_testing` to `quarterly` (or `monthly`, `yearly`)"),
            None => Finding::new(dr.loc, "`disaster_recovery` has no `failover_testing`: nothing says the recovery procedure is ever exercised")
                .label("no `failover_testing` here")
                .help("add `failover_testing: quarterly` (or `monthly`, `yearly`) and run the failover on that schedule"),
        };
        if let Some(rto) = &dr.rto_minutes {
            finding = finding.related(
                rto.loc,
                format!(
                    "a recovery time objective of {} that no test has measured",
                    rto.value
                ),
            );
        }
        cx.report(finding);
    }
}
