use reelnet_spec::Spec;

use super::describe;
use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a database whose `multi_az` is false or absent (RDS creates a
    /// single-AZ instance unless told otherwise).
    ///
    /// ## Why is this bad?
    /// A single-AZ instance lives in one availability zone: a zone outage,
    /// a host failure or a storage fault takes the database down until it is
    /// restored from a backup, with the data written since that backup lost.
    /// A Multi-AZ deployment keeps a synchronous standby in another zone and
    /// fails over to it automatically, usually within a minute or two.
    ///
    /// ## Example
    /// ```yaml
    /// database:
    ///   engine: postgres
    ///   version: "16.4"
    ///   multi_az: false
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// database:
    ///   engine: postgres
    ///   version: "16.4"
    ///   multi_az: true
    /// ```
    ///
    /// ## References
    /// - [Amazon RDS User Guide: Configuring and managing a Multi-AZ deployment](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html)
    /// - [AWS Well-Architected, REL10-BP01: Deploy the workload to multiple locations](https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_fault_isolation_multiaz_region_system.html)
    pub struct DatabaseSingleAz {
        code: "DB001",
        name: "database-single-az",
        severity: Error,
        summary: "`multi_az` is false or absent",
    }
    impl Rule;
}

impl DatabaseSingleAz {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for db in &spec.database {
            if db.multi_az.value {
                continue;
            }
            let what = describe(db);
            let finding = if db.multi_az.explicit {
                Finding::new(
                    db.multi_az.loc,
                    format!("{what} runs in a single availability zone (`multi_az: false`)"),
                )
                .label("single-AZ")
                .help("set `multi_az: true`: RDS then keeps a synchronous standby in a second availability zone and fails over to it")
            } else {
                Finding::new(
                    db.multi_az.loc,
                    format!("{what} runs in a single availability zone: `multi_az` is absent and RDS defaults to false"),
                )
                .label("no `multi_az` here")
                .help("add `multi_az: true`: RDS then keeps a synchronous standby in a second availability zone and fails over to it")
            };
            cx.report(finding);
        }
    }
}
