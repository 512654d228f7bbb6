use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a CIDR in `vpc.peers` (a peered VPC or an on-premises range)
    /// that overlaps the VPC's own CIDR.
    ///
    /// ## Why is this bad?
    /// VPC peering cannot be created between VPCs with overlapping CIDRs, and
    /// routes to an overlapping on-premises range are ambiguous: traffic for
    /// those addresses never leaves the VPC.
    ///
    /// ## Example
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    ///   peers: [10.0.128.0/20]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    ///   peers: [10.1.0.0/16]
    /// ```
    ///
    /// ## References
    /// - [VPC peering limitations: overlapping CIDR blocks](https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations)
    pub struct VpcPeerOverlap {
        code: "NET007",
        name: "vpc-peer-overlap",
        severity: Error,
        summary: "the VPC CIDR overlaps a CIDR in vpc.peers",
    }
    impl Rule;
}

impl VpcPeerOverlap {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(vpc) = &spec.vpc else { return };
        for peer in &vpc.peers {
            if vpc.cidr.overlaps(peer) {
                cx.report(
                    Finding::new(
                        peer.loc,
                        format!("peer range {} overlaps the VPC's {}", peer.value, vpc.cidr),
                    )
                    .label("overlaps the VPC")
                    .related(vpc.cidr.loc, "the VPC's range")
                    .help("re-address one side: peered and routed ranges must be disjoint"),
                );
            }
        }
    }
}
