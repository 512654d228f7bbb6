use std::fmt::Display;

use reelnet_spec::Spec;
use reelnet_spec::model::Spanned;
use reelnet_spec::types::Cidr;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports an IPv4 VPC or subnet whose prefix is outside /16 to /28, an
    /// IPv6 VPC whose prefix is outside /44 to /60, or an IPv6 subnet whose
    /// prefix is outside /44 to /64, and an IPv6 prefix that is not a
    /// multiple of 4 (/44, /48, /52, /56, /60, /64).
    ///
    /// ## Why is this bad?
    /// These are AWS limits: a VPC or subnet outside them cannot be created.
    /// An IPv4 VPC or subnet is /16 to /28. An IPv6 VPC block is /44 to /60
    /// and an IPv6 subnet /44 to /64, in steps of 4 (an Amazon-provided
    /// block without IPAM is a /56; blocks from IPAM pools or your own
    /// addresses may be any of these sizes).
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
    /// - [Amazon VPC: IPv6 VPC CIDR blocks (/44 to /60 in increments of /4)](https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html#vpc-sizing-ipv6)
    pub struct CidrSizeOutOfRange {
        code: "NET004",
        name: "cidr-size-out-of-range",
        severity: Error,
        summary: "an IPv4 VPC or subnet prefix outside /16–/28; an IPv6 VPC prefix outside /44–/60 or a subnet outside /44–/64, or not a multiple of 4 (AWS limits)",
    }
    impl Rule;
}

/// AWS's IPv4 VPC and subnet prefix range (Amazon VPC User Guide, "VPC CIDR
/// blocks" and "Subnet CIDR blocks"; checked 2026-11-29).
pub const IPV4: (u8, u8) = (16, 28);
/// AWS's IPv6 VPC prefix range, in steps of [`IPV6_STEP`] (Amazon VPC User
/// Guide, "IPv6 VPC CIDR blocks"; checked 2026-11-29).
pub const IPV6_VPC: (u8, u8) = (44, 60);
/// AWS's IPv6 subnet prefix range, in steps of [`IPV6_STEP`] (Amazon VPC
/// User Guide, "Subnet CIDR blocks"; checked 2026-11-29).
pub const IPV6_SUBNET: (u8, u8) = (44, 64);
/// IPv6 VPC and subnet prefixes are multiples of 4.
pub const IPV6_STEP: u8 = 4;

/// Whether AWS accepts a prefix of `p` bits for an IPv4 or IPv6, VPC or
/// subnet block; and the allowed sizes, for messages.
#[must_use]
pub fn allowed(ipv4: bool, vpc: bool, p: u8) -> (bool, &'static str) {
    match (ipv4, vpc) {
        (true, _) => ((IPV4.0..=IPV4.1).contains(&p), "/16 to /28 for IPv4"),
        (false, true) => (
            (IPV6_VPC.0..=IPV6_VPC.1).contains(&p) && p.is_multiple_of(IPV6_STEP),
            "/44 to /60 in steps of 4 (/44, /48, /52, /56, /60) for an IPv6 VPC",
        ),
        (false, false) => (
            (IPV6_SUBNET.0..=IPV6_SUBNET.1).contains(&p) && p.is_multiple_of(IPV6_STEP),
            "/44 to /64 in steps of 4 (/44, /48, ... /60, /64) for an IPv6 subnet",
        ),
    }
}

/// `what` is written only into a finding, so a subnet's is not formatted
/// unless it has one.
fn check_one(cidr: &Spanned<Cidr>, vpc: bool, what: &dyn Display, cx: &mut Checker<'_>) {
    let p = cidr.prefix_len();
    let (ok, allowed) = allowed(cidr.is_ipv4(), vpc, p);
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

impl CidrSizeOutOfRange {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(vpc) = &spec.vpc else { return };
        check_one(&vpc.cidr, true, &"VPC CIDR", cx);
        for s in spec.subnets() {
            check_one(&s.cidr, false, &format_args!("{} subnet", s.tier), cx);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::allowed;

    #[test]
    fn aws_prefix_limits() {
        let ok = |v4, vpc, p| allowed(v4, vpc, p).0;
        assert!(
            !ok(true, true, 15) && ok(true, true, 16) && ok(true, true, 28) && !ok(true, true, 29)
        );
        assert!(
            !ok(true, false, 15)
                && ok(true, false, 16)
                && ok(true, false, 28)
                && !ok(true, false, 29)
        );
        for p in 0..=128u8 {
            let vpc = (44..=60).contains(&p) && p % 4 == 0;
            let subnet = (44..=64).contains(&p) && p % 4 == 0;
            assert_eq!(ok(false, true, p), vpc, "IPv6 VPC /{p}");
            assert_eq!(ok(false, false, p), subnet, "IPv6 subnet /{p}");
        }
    }
}
