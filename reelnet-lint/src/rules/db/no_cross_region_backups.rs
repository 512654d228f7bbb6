use reelnet_spec::Spec;

use super::describe;
use crate::rule::{Checker, Finding, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Reports a database with no `cross_region_backups` (the region its
    /// automated backups are replicated to). When the spec names a
    /// `dr_region`, the help suggests it.
    ///
    /// ## Why is this bad?
    /// Automated backups and snapshots live in the database's own region. A
    /// regional outage, or an account-level incident in that region, takes
    /// the backups with the database; the architecture's disaster-recovery
    /// strategy needs a copy in a second region to restore from.
    ///
    /// ## Example
    /// ```yaml
    /// region: us-east-1
    /// dr_region: us-west-2
    /// database:
    ///   engine: postgres
    ///   version: "16.4"
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// region: us-east-1
    /// dr_region: us-west-2
    /// database:
    ///   engine: postgres
    ///   version: "16.4"
    ///   cross_region_backups: us-west-2
    /// ```
    ///
    /// ## References
    /// - [Amazon RDS User Guide: Replicating automated backups to another AWS Region](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html)
    /// - [AWS Well-Architected, REL13-BP02: Use defined recovery strategies to meet the recovery objectives (backup and restore into the recovery Region)](https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_planning_for_recovery_disaster_recovery.html)
    pub struct NoCrossRegionBackups {
        code: "DB006",
        name: "no-cross-region-backups",
        severity: Warning,
        summary: "no `cross_region_backups`",
    }
}

impl Rule for NoCrossRegionBackups {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for db in &spec.database {
            if db.cross_region_backups.is_some() {
                continue;
            }
            let mut finding = Finding::new(
                db.loc,
                format!("{} has no `cross_region_backups`: its automated backups stay in the database's own region", describe(db)),
            )
            .label("no `cross_region_backups` here");
            finding = match &spec.dr_region {
                Some(dr) => finding
                    .related(dr.loc, "the spec's disaster-recovery region")
                    .help(format!(
                        "add `cross_region_backups: {}` (the spec's `dr_region`)",
                        dr.value
                    )),
                None => finding.help(match &spec.region {
                    Some(r) => format!(
                        "add `cross_region_backups: REGION` naming a region other than {}",
                        r.value
                    ),
                    None => "add `cross_region_backups: REGION` naming a second region".to_owned(),
                }),
            };
            cx.report(finding);
        }
    }
}
