use std::cmp::Reverse;

use reelnet_spec::Spec;
use reelnet_spec::model::Subnet;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports two subnets (of any tier) whose address ranges overlap or are
    /// equal, naming both.
    ///
    /// ## Why is this bad?
    /// AWS rejects a subnet whose CIDR overlaps another subnet of the VPC: the
    /// deployment fails half-way. Equal ranges are usually a copy-paste slip
    /// that leaves one tier without the subnet it was meant to have.
    ///
    /// ## Example
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    ///   public_subnets: [10.0.1.0/24]
    ///   private_subnets: [10.0.1.128/25]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    ///   public_subnets: [10.0.1.0/24]
    ///   private_subnets: [10.0.2.0/24]
    /// ```
    ///
    /// ## References
    /// - [Amazon VPC: Subnet CIDR blocks](https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html)
    pub struct SubnetOverlap {
        code: "NET001",
        name: "subnet-overlap",
        severity: Error,
        summary: "two subnets (any tiers) overlap or are equal",
    }
    impl Rule;
}

/// Every overlapping pair, found by sorting and sweeping (O(n log n)).
///
/// CIDR blocks are either nested or disjoint, so a block overlaps an
/// earlier one (in address order) exactly when it lies inside the block
/// reaching furthest so far. Each overlapping subnet is paired with that
/// block; the pair is `(later in the file, earlier in the file)`.
#[must_use]
pub fn overlapping_pairs<'a>(subnets: &[&'a Subnet]) -> Vec<(&'a Subnet, &'a Subnet)> {
    let mut order: Vec<usize> = (0..subnets.len()).collect();
    // Equal ranges are ordered by what they are (as written, tier, name),
    // not by their place in the lists, so that shuffling the lists pairs
    // the same subnets.
    let key = |i: usize| {
        let s = subnets[i];
        let (start, end) = s.cidr.bounds();
        let name = s.name.as_ref().map(|n| n.value.as_str());
        (
            !s.cidr.is_ipv4(),
            start,
            Reverse(end),
            s.cidr.value,
            s.tier,
            name,
            i,
        )
    };
    order.sort_by_key(|&i| key(i));
    let mut pairs = Vec::new();
    let mut reach: Option<(bool, u128, usize)> = None; // (ipv4, end, index)
    for &i in &order {
        let s = subnets[i];
        let (start, end) = s.cidr.bounds();
        let v4 = s.cidr.is_ipv4();
        match reach {
            Some((rv4, rend, j)) if rv4 == v4 && start <= rend => {
                let (a, b) = if i > j {
                    (s, subnets[j])
                } else {
                    (subnets[j], s)
                };
                pairs.push((a, b));
                if end > rend {
                    reach = Some((v4, end, i));
                }
            }
            _ => reach = Some((v4, end, i)),
        }
    }
    pairs
}

fn describe(s: &Subnet) -> String {
    let tier = s.tier.as_str();
    match &s.name {
        Some(n) => format!("{tier} subnet `{}` ({})", n.value, s.cidr),
        None => format!("{tier} subnet {}", s.cidr),
    }
}

impl SubnetOverlap {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(vpc) = &spec.vpc else { return };
        let subnets: Vec<&Subnet> = spec.subnets().collect();
        let mut pairs = overlapping_pairs(&subnets);
        pairs.sort_by_key(|(a, b)| (a.cidr.loc, b.cidr.loc));
        for (later, earlier) in pairs {
            let verb = if later.cidr.network() == earlier.cidr.network() {
                "is the same range as"
            } else {
                "overlaps"
            };
            cx.report(
                Finding::new(
                    later.cidr.loc,
                    format!("subnet {} {verb} {}", later.cidr, describe(earlier)),
                )
                .label(format!("{} subnet {}", later.tier, later.cidr))
                .related(earlier.cidr.loc, "overlapping subnet")
                .help(format!(
                    "give each subnet its own range inside {}",
                    vpc.cidr.network()
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use reelnet_spec::Loc;
    use reelnet_spec::model::{Spanned, Subnet};
    use reelnet_spec::types::{Cidr, Tier};

    use super::overlapping_pairs;

    fn subnet(index: usize, addr: u32, prefix: u8) -> Subnet {
        let net = reelnet_spec::ipnet::Ipv4Net::new(std::net::Ipv4Addr::from(addr), prefix)
            .map(|n| n.trunc())
            .unwrap_or_default();
        let loc = Loc {
            file: reelnet_spec::FileId(0),
            node: u32::try_from(index).unwrap_or(0),
        };
        Subnet {
            loc,
            cidr: Spanned::new(Cidr(reelnet_spec::ipnet::IpNet::V4(net)), loc),
            az: None,
            name: None,
            tier: Tier::Private,
            index,
            zone: None,
        }
    }

    proptest! {
        /// Against a brute-force oracle: every reported pair overlaps, and the
        /// subnets named in some pair are exactly those overlapping another.
        #[test]
        fn sweep_matches_brute_force(blocks in prop::collection::vec((0u32..4096, 20u8..=28), 0..60)) {
            let subnets: Vec<Subnet> = blocks
                .iter()
                .enumerate()
                .map(|(i, (hi, p))| subnet(i, 0x0A00_0000 | (hi << 8), *p))
                .collect();
            let refs: Vec<&Subnet> = subnets.iter().collect();
            let pairs = overlapping_pairs(&refs);
            for (a, b) in &pairs {
                prop_assert!(a.cidr.overlaps(&b.cidr));
                prop_assert!(a.index > b.index);
            }
            let mut named: Vec<usize> = pairs.iter().flat_map(|(a, b)| [a.index, b.index]).collect();
            named.sort_unstable();
            named.dedup();
            let mut oracle: Vec<usize> = (0..subnets.len())
                .filter(|&i| (0..subnets.len()).any(|j| j != i && subnets[i].cidr.overlaps(&subnets[j].cidr)))
                .collect();
            oracle.sort_unstable();
            prop_assert_eq!(named, oracle);
        }

        /// Overlap and containment agree with address arithmetic.
        #[test]
        fn overlap_is_shared_address(a in (any::<u32>(), 0u8..=32), b in (any::<u32>(), 0u8..=32)) {
            let x = subnet(0, a.0, a.1);
            let y = subnet(1, b.0, b.1);
            let (x0, x1) = x.cidr.bounds();
            let (y0, y1) = y.cidr.bounds();
            let shared = x0.max(y0) <= x1.min(y1);
            prop_assert_eq!(x.cidr.overlaps(&y.cidr), shared);
            prop_assert_eq!(x.cidr.contains(&y.cidr), x0 <= y0 && y1 <= x1);
            // CIDR blocks are nested or disjoint.
            prop_assert!(!shared || x.cidr.contains(&y.cidr) || y.cidr.contains(&x.cidr));
        }
    }
}
