use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a subnet whose range is not entirely inside the VPC's CIDR.
    ///
    /// ## Why is this bad?
    /// A subnet's CIDR must be a subset of its VPC's CIDR; AWS refuses to
    /// create it otherwise, so the deployment fails.
    ///
    /// ## Example
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    ///   private_subnets: [10.1.3.0/24]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    ///   private_subnets: [10.0.3.0/24]
    /// ```
    ///
    /// ## References
    /// - [Amazon VPC: Subnet CIDR blocks](https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html)
    pub struct SubnetOutsideVpc {
        code: "NET002",
        name: "subnet-outside-vpc",
        severity: Error,
        summary: "a subnet is not inside the VPC CIDR",
    }
    impl Rule;
}

impl SubnetOutsideVpc {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(vpc) = &spec.vpc else { return };
        for s in spec.subnets() {
            if vpc.cidr.contains(&s.cidr) {
                continue;
            }
            let how = if vpc.cidr.overlaps(&s.cidr) {
                "extends beyond"
            } else {
                "is outside"
            };
            cx.report(
                Finding::new(
                    s.cidr.loc,
                    format!("{} subnet {} {how} the VPC's {}", s.tier, s.cidr, vpc.cidr),
                )
                .label("not inside the VPC")
                .related(vpc.cidr.loc, "the VPC's range")
                .help(format!(
                    "choose a range inside {}, or widen the VPC",
                    vpc.cidr.network()
                )),
            );
        }
    }
}
