use reelnet_spec::Spec;
use reelnet_spec::model::Spanned;
use reelnet_spec::types::Cidr;

use crate::rule::{Checker, Finding, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Reports an IPv4 VPC or subnet whose prefix is outside /16 to /28, an
    /// IPv6 VPC that is not a /56, or an IPv6 subnet that is not a /64.
    ///
    /// ## Why is this bad?
    /// These are AWS limits: a VPC or subnet outside them cannot be created.
    ///
    /// ## Example
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/8
    ///   private_subnets: [10.0.3.0/30]
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
    /// - [Amazon VPC: VPC CIDR blocks](https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html)
    /// - [Amazon VPC: Subnet CIDR blocks](https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html)
    pub struct CidrSizeOutOfRange {
        code: "NET004",
        name: "cidr-size-out-of-range",
        severity: Error,
        summary: "an IPv4 VPC or subnet prefix outside /16-/28; IPv6: VPC not /56, subnet not /64",
    }
}

fn check_one(cidr: &Spanned<Cidr>, vpc: bool, what: &str, cx: &mut Checker<'_>) {
    let p = cidr.prefix_len();
    let (ok, allowed) = match (cidr.is_ipv4(), vpc) {
        (true, _) => ((16..=28).contains(&p), "/16 to /28 for IPv4"),
        (false, true) => (p == 56, "/56 for an IPv6 VPC"),
        (false, false) => (p == 64, "/64 for an IPv6 subnet"),
    };
    if !ok {
        cx.report(
            Finding::new(
                cidr.loc,
                format!("{what} {} is a /{p}; AWS allows {allowed}", cidr.value),
            )
            .label(format!("/{p}"))
            .help(format!("use a prefix of {allowed}")),
        );
    }
}

impl Rule for CidrSizeOutOfRange {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(vpc) = &spec.vpc else { return };
        check_one(&vpc.cidr, true, "VPC CIDR", cx);
        for s in spec.subnets() {
            check_one(&s.cidr, false, &format!("{} subnet", s.tier), cx);
        }
    }
}
