use std::collections::BTreeSet;

use reelnet_spec::Spec;
use reelnet_spec::types::Tier;

use crate::rule::{Checker, Finding, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Reports a subnet tier (public or private) that has a single subnet, or
    /// whose subnets are all in one availability zone. Shorthand subnets are
    /// placed round-robin over `availability_zones`; when a tier's zones are
    /// unknown (no `az` and no `availability_zones`) the rule says so.
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
}

impl Rule for TierSingleAz {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(vpc) = &spec.vpc else { return };
        for tier in [Tier::Public, Tier::Private] {
            let subnets = vpc.tier(tier);
            let Some(first) = subnets.first() else {
                continue;
            };
            if subnets.len() == 1 {
                cx.report(
                    Finding::new(first.loc, format!("the {tier} tier has a single subnet ({}): it lives in one availability zone", first.cidr))
                        .label("only subnet of the tier")
                        .help(format!("add a {tier} subnet in a second availability zone")),
                );
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
                let mut f = Finding::new(
                    subnets[subnets.len() - 1].loc,
                    format!("all {} {tier} subnets are in {zone}", subnets.len()),
                )
                .label(format!("also in {zone}"))
                .help(format!(
                    "place the {tier} subnets in at least two availability zones"
                ));
                for s in &subnets[..subnets.len() - 1] {
                    f = f.related(s.loc, format!("in {zone}"));
                }
                cx.report(f);
            }
        }
    }
}
