use std::fmt::Display;

use reelnet_spec::Spec;
use reelnet_spec::model::Spanned;
use reelnet_spec::types::Cidr;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a CIDR (VPC, subnet or peer) with host bits set, such as
    /// `10.0.1.5/24`, and names the network it stands for.
    ///
    /// ## Why is this bad?
    /// `10.0.1.5/24` stands for the network 10.0.1.0/24 (RFC 4632), but a
    /// reader (and some tools) take it for a different range. EC2 does not
    /// refuse it: it silently rewrites the block to its network address, so
    /// the VPC or subnet that is deployed is not the text the spec holds, and
    /// a later diff against AWS shows a change nobody made. Writing the
    /// network address says what is deployed. (A peer range is not created
    /// by the spec; it is reported for the ambiguity alone.)
    ///
    /// ## Example
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    ///   public_subnets: [10.0.1.5/24]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    ///   public_subnets: [10.0.1.0/24]
    /// ```
    ///
    /// ## References
    /// - [RFC 4632, Classless Inter-domain Routing, section 3.1](https://www.rfc-editor.org/rfc/rfc4632#section-3.1)
    /// - [Amazon VPC: VPC CIDR blocks](https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html)
    pub struct CidrHostBits {
        code: "NET003",
        name: "cidr-host-bits",
        severity: Warning,
        summary: "a CIDR has host bits set (`10.0.1.5/24`): EC2 silently rewrites it to the network address",
    }
    impl Rule;
}

/// `deployed`: whether EC2 creates the block (a VPC or subnet CIDR, which
/// EC2 rewrites to its network address), or it only names a range (a peer:
/// a peered VPC or on-premises network, which this spec does not create).
/// `what` is written only into a finding, so a subnet's is not formatted
/// unless it has one.
fn check_one(cidr: &Spanned<Cidr>, what: &dyn Display, deployed: bool, cx: &mut Checker<'_>) {
    if cidr.has_host_bits() {
        let net = cidr.network();
        let why = if deployed {
            format!(
                "EC2 rewrites it to its network address {net}, so the spec says something other than what is deployed"
            )
        } else {
            format!("it stands for the network {net}, and a reader may take it for another range")
        };
        cx.report(
            Finding::new(
                cidr.loc,
                format!("{what} {} has host bits set: {why}", cidr.value),
            )
            .label("host bits set")
            .help(format!("write `{net}`")),
        );
    }
}

impl CidrHostBits {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(vpc) = &spec.vpc else { return };
        check_one(&vpc.cidr, &"VPC CIDR", true, cx);
        for s in spec.subnets() {
            check_one(&s.cidr, &format_args!("{} subnet", s.tier), true, cx);
        }
        for p in &vpc.peers {
            check_one(p, &"peer CIDR", false, cx);
        }
    }
}
