use reelnet_spec::Spec;

use super::describe;
use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a database whose `encrypted` is false or absent (RDS creates
    /// unencrypted storage unless encryption is requested).
    ///
    /// ## Why is this bad?
    /// Without encryption at rest, the database's storage, its automated
    /// backups, snapshots and read replicas are all unencrypted. Encryption
    /// can only be chosen when an instance is created: turning it on later
    /// means restoring an encrypted copy of a snapshot, with downtime.
    ///
    /// ## Example
    /// ```yaml
    /// database:
    ///   engine: postgres
    ///   version: "16.4"
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// database:
    ///   engine: postgres
    ///   version: "16.4"
    ///   encrypted: true
    /// ```
    ///
    /// ## References
    /// - [Amazon RDS User Guide: Encrypting Amazon RDS resources](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html)
    /// - [AWS Security Hub, RDS.3: RDS DB instances should have encryption at-rest enabled](https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-3)
    pub struct DatabaseUnencrypted {
        code: "DB003",
        name: "database-unencrypted",
        severity: Error,
        summary: "`encrypted` false or absent (RDS default is unencrypted)",
    }
    impl Rule;
}

impl DatabaseUnencrypted {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        const WHY: &str = "encryption is chosen at creation: an existing instance is encrypted by restoring an encrypted copy of a snapshot";
        for db in &spec.database {
            if db.encrypted.value {
                continue;
            }
            let what = describe(db);
            let finding = if db.encrypted.explicit {
                Finding::new(
                    db.encrypted.loc,
                    format!("the storage of {what} is not encrypted at rest (`encrypted: false`)"),
                )
                .label("unencrypted")
                .help(format!("set `encrypted: true`; {WHY}"))
            } else {
                Finding::new(
                    db.encrypted.loc,
                    format!("the storage of {what} is not encrypted at rest: `encrypted` is absent and RDS defaults to unencrypted"),
                )
                .label("no `encrypted` here")
                .help(format!("add `encrypted: true`; {WHY}"))
            };
            cx.report(finding);
        }
    }
}
