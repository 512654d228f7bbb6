use reelnet_spec::Spec;
use reelnet_spec::types::Tier;

use super::describe;
use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a database with `publicly_accessible: true`, or one placed in
    /// the public subnets (`subnets: public`). When both hold, one finding
    /// points at both.
    ///
    /// ## Why is this bad?
    /// A publicly accessible instance gets a DNS name that resolves to a
    /// public address; in public subnets it is routed to the internet
    /// gateway. Either way the database port is one security-group mistake
    /// away from the whole internet, and exposed to credential stuffing and
    /// engine vulnerabilities. Databases belong in private subnets, reached
    /// only by the services that use them.
    ///
    /// ## Example
    /// ```yaml
    /// database:
    ///   engine: postgres
    ///   version: "16.4"
    ///   publicly_accessible: true
    ///   subnets: public
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// database:
    ///   engine: postgres
    ///   version: "16.4"
    ///   publicly_accessible: false
    ///   subnets: private
    /// ```
    ///
    /// ## References
    /// - [Amazon RDS User Guide: Hiding a DB instance in a VPC from the internet](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding)
    /// - [AWS Security Hub, RDS.2: RDS DB instances should prohibit public access](https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2)
    pub struct DatabasePublic {
        code: "DB004",
        name: "database-public",
        severity: Error,
        summary: "`publicly_accessible: true`, or the database is in public subnets",
    }
    impl Rule;
}

impl DatabasePublic {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for db in &spec.database {
            let public = db.publicly_accessible.value;
            let in_public = db.subnets.value == Tier::Public;
            let what = describe(db);
            let finding = match (public, in_public) {
                (false, false) => continue,
                (true, true) => Finding::new(
                    db.publicly_accessible.loc,
                    format!("{what} is publicly accessible (`publicly_accessible: true`) and placed in the public subnets"),
                )
                .label("reachable from the internet")
                .related(db.subnets.loc, "in the public subnets")
                .help("set `publicly_accessible: false` and `subnets: private`"),
                (true, false) => Finding::new(
                    db.publicly_accessible.loc,
                    format!("{what} is publicly accessible (`publicly_accessible: true`): RDS gives it a public address"),
                )
                .label("reachable from the internet")
                .help("set `publicly_accessible: false`; services reach it from the private subnets"),
                (false, true) => Finding::new(
                    db.subnets.loc,
                    format!("{what} is placed in the public subnets (`subnets: public`), which route to the internet gateway"),
                )
                .label("public subnets")
                .help("set `subnets: private`"),
            };
            cx.report(finding);
        }
    }
}
