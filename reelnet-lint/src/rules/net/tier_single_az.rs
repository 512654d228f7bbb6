use std::collections::BTreeSet;

use reelnet_spec::Spec;
use reelnet_spec::types::Tier;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a subnet tier (public or private) that has a single subnet, or
    /// whose subnets are all in one availability zone. Shorthand subnets are
    /// placed round-robin over `availability_zones`; when a tier's zones are
    /// unknown (no `az` and no `availability_zones`) the rule says so, at
    /// the subnet without a zone. A finding about the whole tier is reported
    /// at the tier's key (`public_subnets:`), with a label on each subnet (the
    /// first ten): a suppression comment goes on the key's line.
    ///
    /// ## Why is this bad?
    /// An availability zone can fail as a unit. A tier in one zone takes every
    /// load balancer, task or database of that tier down with it.
    ///
    /// ## Example
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    ///   private_subnets:
    ///     - { cidr: 10.0.3.0/24, az: us-east-1a }
    ///     - { cidr: 10.0.4.0/24, az: us-east-1a }
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    ///   private_subnets:
    ///     - { cidr: 10.0.3.0/24, az: us-east-1a }
    ///     - { cidr: 10.0.4.0/24, az: us-east-1b }
    /// ```
    ///
    /// ## References
    /// - [AWS Well-Architected, REL10-BP01: Deploy the workload to multiple locations](https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_fault_isolation_multiaz_region_system.html)
    pub struct TierSingleAz {
        code: "NET006",
        name: "tier-single-az",
        severity: Warning,
        summary: "a tier (public/private) has all its subnets in one AZ, or a single subnet",
    }
    impl Rule;
}

/// How many subnets of a tier get a label of their own: enough to show the
/// zone, and a report that stays fast to render on a tier of thousands.
const MAX_MEMBER_LABELS: usize = 10;

impl TierSingleAz {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(vpc) = &spec.vpc else { return };
        for tier in [Tier::Public, Tier::Private] {
            let subnets = vpc.tier(tier);
            let Some(first) = subnets.first() else {
                continue;
            };
            // A finding about the whole tier is anchored on its key
            // (`public_subnets:`), where a suppression comment can sit,
            // with a label on each member.
            let list = vpc.tier_loc(tier);
            if subnets.len() == 1 {
                let message = format!(
                    "the {tier} tier has a single subnet ({}): it lives in one availability zone",
                    first.cidr
                );
                let help = format!("add a {tier} subnet in a second availability zone");
                let finding = match list {
                    Some(list) => Finding::new(list, message)
                        .label(format!("{tier} tier"))
                        .related(first.loc, "the only subnet of the tier"),
                    None => Finding::new(first.loc, message).label("only subnet of the tier"),
                };
                cx.report(finding.help(help));
                continue;
            }
            if let Some(unknown) = subnets.iter().find(|s| s.zone.is_none()) {
                cx.report(
                    Finding::new(unknown.loc, format!("the zone of {tier} subnet {} is unknown, so the tier's spread over zones cannot be checked", unknown.cidr))
                        .label("no zone")
                        .help("give the subnet an `az`, or list `availability_zones` to place shorthand subnets round-robin"),
                );
                continue;
            }
            let zones: BTreeSet<&str> = subnets.iter().filter_map(|s| s.zone.as_deref()).collect();
            if zones.len() == 1 {
                let zone = zones.first().copied().unwrap_or_default();
                let message = format!("all {} {tier} subnets are in {zone}", subnets.len());
                let (mut f, members) = match list {
                    Some(list) => (
                        Finding::new(list, message).label(format!("{tier} tier")),
                        subnets,
                    ),
                    None => (
                        Finding::new(subnets[subnets.len() - 1].loc, message)
                            .label(format!("also in {zone}")),
                        &subnets[..subnets.len() - 1],
                    ),
                };
                // The first MAX_MEMBER_LABELS members (the finding's identity
                // covers the whole list through its key's node).
                for s in members.iter().take(MAX_MEMBER_LABELS) {
                    f = f.related(s.loc, format!("in {zone}"));
                }
                cx.report(f.help(format!(
                    "place the {tier} subnets in at least two availability zones"
                )));
            }
        }
    }
}
