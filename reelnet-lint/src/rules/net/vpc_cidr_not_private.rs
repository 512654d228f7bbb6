use reelnet_spec::Spec;
use reelnet_spec::types::Cidr;

use crate::rule::{Checker, Finding, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Reports an IPv4 VPC CIDR that is not inside the private ranges of
    /// RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) or the shared
    /// address space of RFC 6598 (100.64.0.0/10).
    ///
    /// ## Why is this bad?
    /// A VPC on public address space shadows the real owners of those
    /// addresses: instances cannot reach those hosts on the internet, and
    /// the range cannot be peered or routed to on-premises safely.
    ///
    /// ## Example
    /// ```yaml
    /// vpc:
    ///   cidr: 54.10.0.0/16
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    /// ```
    ///
    /// ## References
    /// - [RFC 1918, Address Allocation for Private Internets](https://www.rfc-editor.org/rfc/rfc1918)
    /// - [RFC 6598, Shared Address Space](https://www.rfc-editor.org/rfc/rfc6598)
    /// - [Amazon VPC: VPC CIDR blocks](https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html)
    pub struct VpcCidrNotPrivate {
        code: "NET005",
        name: "vpc-cidr-not-private",
        severity: Warning,
        summary: "an IPv4 VPC CIDR outside RFC 1918 and RFC 6598",
    }
}

const PRIVATE: [&str; 4] = [
    "10.0.0.0/8",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "100.64.0.0/10",
];

impl Rule for VpcCidrNotPrivate {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(vpc) = &spec.vpc else { return };
        if !vpc.cidr.is_ipv4() {
            return;
        }
        let private = PRIVATE
            .iter()
            .filter_map(|p| p.parse::<Cidr>().ok())
            .any(|range| range.contains(&vpc.cidr));
        if !private {
            cx.report(
                Finding::new(
                    vpc.cidr.loc,
                    format!("VPC CIDR {} is not private address space", vpc.cidr),
                )
                .label("public or reserved range")
                .help(
                    "use a range inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10",
                ),
            );
        }
    }
}
