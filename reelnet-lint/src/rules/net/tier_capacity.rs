use reelnet_spec::Spec;

use reelnet_spec::types::Tier;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Compares the private tier's usable addresses with what the services
    /// need at full scale:
    ///
    /// usable = Σ over private subnets of (addresses − 5 reserved by AWS)
    ///
    /// needed = `auto_scaling.max_size` + Σ services' `replicas` ×
    /// ⌈`max_size` / `desired_capacity`⌉
    ///
    /// and reports the tier when usable < needed. The message shows the
    /// arithmetic. Without `auto_scaling`, needed is Σ `replicas`. Only
    /// services with `subnets: private` (the default) count: a service in
    /// the public tier takes public addresses. The finding is reported at
    /// `private_subnets:`, with labels on `max_size`, `desired_capacity` (or
    /// `min_size`, its default, when it is not set) and
    /// each counted service's `replicas` (the first ten; with more, one label
    /// on `services:` stands for the rest).
    ///
    /// ## Why is this bad?
    /// Each instance and each task (awsvpc networking) takes an address. When
    /// the tier runs out, scale-out fails exactly when the load is highest.
    ///
    /// ## Example
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    ///   private_subnets: [10.0.3.0/28]
    /// auto_scaling: { min_size: 2, max_size: 10, desired_capacity: 2 }
    /// compute:
    ///   services:
    ///     - { name: backend, image: "reelnet/backend:1.4.2", replicas: 3 }
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    ///   private_subnets: [10.0.3.0/24]
    /// auto_scaling: { min_size: 2, max_size: 10, desired_capacity: 2 }
    /// compute:
    ///   services:
    ///     - { name: backend, image: "reelnet/backend:1.4.2", replicas: 3 }
    /// ```
    ///
    /// ## References
    /// - [Amazon VPC: Subnet CIDR reservations (five reserved addresses)](https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html)
    /// - [Amazon ECS task networking (awsvpc): one ENI per task](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html)
    pub struct TierCapacity {
        code: "NET008",
        name: "tier-capacity",
        severity: Warning,
        summary: "the private tier's usable addresses are fewer than max_size + Σ replicas (of services in the private tier) × ⌈max_size / desired_capacity⌉",
    }
    impl Rule;
}

/// How many services get a label of their own.
const MAX_SERVICE_LABELS: usize = 10;

impl TierCapacity {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(vpc) = &spec.vpc else { return };
        let Some(first) = vpc.private_subnets.first() else {
            return;
        };
        let usable: u128 = vpc
            .private_subnets
            .iter()
            .map(|s| s.cidr.size().saturating_sub(5))
            .fold(0, u128::saturating_add);
        // Only the services that run in the private tier take its addresses.
        let private: Vec<_> = spec
            .services()
            .iter()
            .filter(|s| s.subnets.value == Tier::Private)
            .collect();
        let replicas: u128 = private.iter().map(|s| u128::from(s.replicas.value)).sum();
        let (max_size, factor, formula) = match &spec.auto_scaling {
            Some(a) => {
                let max = u128::from(a.max_size.value);
                let desired = u128::from(a.desired_capacity.value).max(1);
                let factor = max.div_ceil(desired);
                (
                    max,
                    factor,
                    format!(
                        "max_size {max} + replicas {replicas} × ⌈{max}/{desired}⌉ = {max} + {replicas} × {factor}"
                    ),
                )
            }
            None => (0, 1, format!("replicas {replicas}")),
        };
        let needed = max_size + replicas * factor;
        if usable >= needed {
            return;
        }
        // Each subnet's share, or (for many subnets) a count per size, so
        // that the message stays short on a large spec.
        let per_subnet: Vec<String> = if vpc.private_subnets.len() <= 8 {
            vpc.private_subnets
                .iter()
                .map(|s| format!("({} − 5)", s.cidr.size()))
                .collect()
        } else {
            let mut sizes: std::collections::BTreeMap<std::cmp::Reverse<u128>, usize> =
                std::collections::BTreeMap::new();
            for s in &vpc.private_subnets {
                *sizes.entry(std::cmp::Reverse(s.cidr.size())).or_default() += 1;
            }
            sizes
                .iter()
                .map(|(size, n)| format!("{n} × ({} − 5)", size.0))
                .collect()
        };
        // About the whole tier: anchored on `private_subnets:` (labels on
        // what the need is computed from).
        let anchor = vpc.private_subnets_loc.unwrap_or(first.loc);
        let mut f = Finding::new(
            anchor,
            format!(
                "the private tier has {usable} usable addresses ({} = {usable}), fewer than the {needed} needed at full scale ({formula} = {needed})",
                per_subnet.join(" + ")
            ),
        )
        .label("private tier")
        .help(format!("widen the private subnets or add more: they need at least {needed} usable addresses"));
        if let Some(a) = &spec.auto_scaling {
            f = f.related(a.max_size.loc, format!("max_size {max_size}"));
            // The desired capacity the need is computed from: where it is
            // written, else `min_size` (its default), so that either one is
            // part of the finding's identity.
            f = if a.desired_capacity.explicit {
                f.related(
                    a.desired_capacity.loc,
                    format!("desired_capacity {}", a.desired_capacity.value),
                )
            } else {
                f.related(
                    a.min_size.loc,
                    format!(
                        "desired_capacity {} (unset: min_size)",
                        a.desired_capacity.value
                    ),
                )
            };
        }
        // A label on each counted service's `replicas`, up to MAX_SERVICE_LABELS
        // (a report stays readable, and fast to render, on a spec with
        // thousands of services); beyond that, one label on `services:`,
        // whose text then carries every service into the finding's identity.
        for s in private.iter().take(MAX_SERVICE_LABELS) {
            let loc = if s.replicas.explicit {
                s.replicas.loc
            } else {
                s.name.loc
            };
            f = f.related(
                loc,
                format!(
                    "`{}`: {} replicas in the private tier",
                    s.name.value, s.replicas.value
                ),
            );
        }
        if private.len() > MAX_SERVICE_LABELS
            && let Some(services) = spec
                .compute
                .as_ref()
                .and_then(|compute| compute.services_loc)
        {
            f = f.related(
                services,
                format!(
                    "and {} more services in the private tier",
                    private.len() - MAX_SERVICE_LABELS
                ),
            );
        }
        cx.report(f);
    }
}
