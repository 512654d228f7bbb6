use reelnet_spec::types::Cidr;
use reelnet_spec::{Severity, Spec};

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports an IPv4 VPC CIDR outside the ranges meant for private
    /// networks: RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16), the
    /// shared address space of RFC 6598 (100.64.0.0/10) and 198.19.0.0/16,
    /// which AWS also permits for VPCs. A warning for public address space;
    /// an **error** for a block that overlaps a range AWS refuses for VPCs:
    /// 0.0.0.0/8 ("this network"), 127.0.0.0/8 (loopback), 169.254.0.0/16
    /// (link-local) and 224.0.0.0/4 (multicast).
    ///
    /// ## Why is this bad?
    /// A VPC on public address space shadows the real owners of those
    /// addresses: instances cannot reach those hosts on the internet, and
    /// the range cannot be peered or routed to on-premises safely. A VPC in
    /// a refused range cannot be created at all.
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
    /// - [Amazon VPC: VPC CIDR blocks (permitted and restricted IPv4 ranges)](https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html)
    /// - [RFC 1918, Address Allocation for Private Internets](https://www.rfc-editor.org/rfc/rfc1918)
    /// - [RFC 6598, Shared Address Space](https://www.rfc-editor.org/rfc/rfc6598)
    /// - [RFC 6890, Special-Purpose IP Address Registries (0/8, 127/8, 169.254/16, 224/4)](https://www.rfc-editor.org/rfc/rfc6890)
    pub struct VpcCidrNotPrivate {
        code: "NET005",
        name: "vpc-cidr-not-private",
        severity: Warning,
        summary: "an IPv4 VPC CIDR outside RFC 1918, RFC 6598 (100.64/10) and 198.19.0.0/16; error for the ranges AWS refuses (0/8, 127/8, 169.254/16, 224/4)",
    }
    impl Rule;
}

/// IPv4 ranges a VPC may use without shadowing public addresses (Amazon VPC
/// User Guide, "VPC CIDR blocks", checked 2026-11-29).
pub const PRIVATE: [&str; 5] = [
    "10.0.0.0/8",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "100.64.0.0/10",
    "198.19.0.0/16",
];

/// IPv4 ranges AWS refuses for a VPC, with what they are (Amazon VPC User
/// Guide, "VPC CIDR blocks"; names from RFC 6890), checked 2026-11-29.
pub const REFUSED: [(&str, &str); 4] = [
    ("0.0.0.0/8", "\"this network\""),
    ("127.0.0.0/8", "loopback"),
    ("169.254.0.0/16", "link-local"),
    ("224.0.0.0/4", "multicast"),
];

fn parse(range: &str) -> Option<Cidr> {
    range.parse::<Cidr>().ok()
}

impl VpcCidrNotPrivate {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(vpc) = &spec.vpc else { return };
        if !vpc.cidr.is_ipv4() {
            return;
        }
        let help = "use a range inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10 or 198.19.0.0/16";
        let refused = REFUSED
            .iter()
            .find(|(range, _)| parse(range).is_some_and(|r| r.overlaps(&vpc.cidr)));
        if let Some((range, what)) = refused {
            cx.report(
                Finding::new(
                    vpc.cidr.loc,
                    format!(
                        "VPC CIDR {} overlaps {range} ({what}), a range AWS refuses for VPCs",
                        vpc.cidr
                    ),
                )
                .label(format!("{what} range"))
                .help(help)
                .severity(Severity::Error),
            );
            return;
        }
        let private = PRIVATE
            .iter()
            .filter_map(|p| parse(p))
            .any(|range| range.contains(&vpc.cidr));
        if !private {
            cx.report(
                Finding::new(
                    vpc.cidr.loc,
                    format!("VPC CIDR {} is not private address space", vpc.cidr),
                )
                .label("public range")
                .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{PRIVATE, REFUSED, parse};

    #[test]
    fn tables_parse_and_do_not_overlap() {
        for p in PRIVATE {
            let p = parse(p).unwrap_or_else(|| panic!("{p}"));
            for (r, _) in REFUSED {
                let r = parse(r).unwrap_or_else(|| panic!("{r}"));
                assert!(!p.overlaps(&r), "{p} overlaps {r}");
            }
        }
    }
}
