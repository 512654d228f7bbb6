use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a VPC whose `cidr` is an IPv6 block, so that the VPC has no
    /// IPv4 CIDR.
    ///
    /// ## Why is this bad?
    /// Every VPC has a primary IPv4 CIDR block: `CreateVpc` needs one (or an
    /// IPv4 IPAM pool), and an IPv6 block is only ever associated beside it.
    /// A spec that gives the VPC only an IPv6 block describes a VPC AWS
    /// cannot create. (Subnets may be IPv6-only; the VPC may not.)
    ///
    /// ## Example
    /// ```yaml
    /// vpc:
    ///   cidr: 2600:1f18:4000::/56
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    /// ```
    ///
    /// ## References
    /// - [Amazon VPC: VPC CIDR blocks (a VPC has a primary IPv4 CIDR block; IPv6 blocks are associated with it)](https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html)
    /// - [Amazon EC2 API Reference: CreateVpc](https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpc.html)
    pub struct VpcWithoutIpv4 {
        code: "NET009",
        name: "vpc-without-ipv4",
        severity: Error,
        summary: "the VPC has no IPv4 CIDR (AWS requires one; IPv6 is added beside it)",
    }
    impl Rule;
}

impl VpcWithoutIpv4 {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(vpc) = &spec.vpc else { return };
        if vpc.cidr.is_ipv4() {
            return;
        }
        cx.report(
            Finding::new(
                vpc.cidr.loc,
                format!(
                    "the VPC's only CIDR is the IPv6 block {}: AWS requires an IPv4 CIDR on every VPC",
                    vpc.cidr
                ),
            )
            .label("IPv6 only")
            .help("give the VPC an IPv4 `cidr` such as 10.0.0.0/16; IPv6 is associated beside it"),
        );
    }
}
