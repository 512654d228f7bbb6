use reelnet_spec::Spec;
use reelnet_spec::types::Engine;

use super::describe;
use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a database with no `cross_region_backups` (the region its
    /// automated backups are replicated to; an empty or blank value counts
    /// as none), or whose `cross_region_backups`
    /// is the spec's own `region` (a copy in the same region is no disaster
    /// recovery). When the spec names a `dr_region`, the help suggests it.
    ///
    /// For Aurora engines (`aurora-postgresql`, `aurora-mysql`) the rule
    /// fires the same way, and `cross_region_backups` means the region the
    /// cluster's snapshots are copied to: Aurora does not replicate
    /// automated backups across regions the way RDS DB instances do, so the
    /// help points at cross-Region snapshot copies (AWS Backup, or a copy
    /// job) or an Aurora global database instead.
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
    /// - [Amazon Aurora User Guide: Copying a DB cluster snapshot (across AWS Regions)](https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-copy-snapshot.html)
    /// - [AWS Well-Architected, REL13-BP02: Use defined recovery strategies to meet the recovery objectives (backup and restore into the recovery Region)](https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_planning_for_recovery_disaster_recovery.html)
    pub struct NoCrossRegionBackups {
        code: "DB006",
        name: "no-cross-region-backups",
        severity: Warning,
        summary: "no `cross_region_backups`, or it names the spec's own `region`",
    }
    impl Rule;
}

impl NoCrossRegionBackups {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for db in &spec.database {
            let aurora = db
                .engine
                .as_ref()
                .is_some_and(|e| matches!(e.value, Engine::AuroraPostgresql | Engine::AuroraMysql));
            let how = if aurora {
                "; Aurora does not replicate automated backups across regions: copy the cluster's snapshots to that region (AWS Backup cross-Region copy) or add it to an Aurora global database"
            } else {
                ""
            };
            // An empty or blank `cross_region_backups` names no region: as
            // if it were absent, but reported where it is written.
            let blank = db
                .cross_region_backups
                .as_ref()
                .filter(|t| t.value.trim().is_empty());
            let finding = match db.cross_region_backups.as_ref().filter(|_| blank.is_none()) {
                Some(target) => {
                    let Some(region) = spec
                        .region
                        .as_ref()
                        .filter(|r| r.value.trim().eq_ignore_ascii_case(target.value.trim()))
                    else {
                        continue;
                    };
                    Finding::new(
                        target.loc,
                        format!(
                            "{} copies its backups to `{}`, its own region: a regional outage takes the copies with the database",
                            describe(db),
                            target.value
                        ),
                    )
                    .label("the database's own region")
                    .related(region.loc, "the spec's region")
                }
                None => Finding::new(
                    blank.map_or(db.loc, |b| b.loc),
                    format!(
                        "{} has {}: its {} stay in the database's own region",
                        describe(db),
                        if blank.is_some() {
                            "an empty `cross_region_backups`"
                        } else {
                            "no `cross_region_backups`"
                        },
                        if aurora {
                            "backups and snapshots"
                        } else {
                            "automated backups"
                        }
                    ),
                )
                .label(if blank.is_some() {
                    "an empty region"
                } else {
                    "no `cross_region_backups` here"
                }),
            };
            let finding = match &spec.dr_region {
                Some(dr) if spec.region.as_ref().is_none_or(|r| r.value != dr.value) => finding
                    .related(dr.loc, "the spec's disaster-recovery region")
                    .help(format!(
                        "set `cross_region_backups: {}` (the spec's `dr_region`){how}",
                        dr.value
                    )),
                _ => finding.help(match &spec.region {
                    Some(r) => format!(
                        "set `cross_region_backups` to a region other than {}{how}",
                        r.value
                    ),
                    None => format!("set `cross_region_backups` to a second region{how}"),
                }),
            };
            cx.report(finding);
        }
    }
}
