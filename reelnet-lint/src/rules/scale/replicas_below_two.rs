use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a service whose `replicas` is under 2, including a service that
    /// leaves `replicas` out (the default is 1).
    ///
    /// ## Why is this bad?
    /// A service with one task is down whenever that task is: when it
    /// crashes, when its host is replaced, and at every deployment that stops
    /// the old task before the new one is healthy. With two or more tasks the
    /// scheduler spreads them over availability zones and replaces one while
    /// the others serve.
    ///
    /// ## Example
    /// ```yaml
    /// compute:
    ///   services:
    ///     - name: backend
    ///       image: reelnet/backend:1.4.2
    ///       replicas: 1
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// compute:
    ///   services:
    ///     - name: backend
    ///       image: reelnet/backend:1.4.2
    ///       replicas: 3
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS: Balancing an Amazon ECS service across Availability Zones](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-rebalancing.html)
    /// - [AWS Well-Architected, REL10-BP01: Deploy the workload to multiple locations](https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_fault_isolation_multiaz_region_system.html)
    pub struct ReplicasBelowTwo {
        code: "SCALE004",
        name: "replicas-below-two",
        severity: Warning,
        summary: "a service with `replicas` < 2",
    }
    impl Rule;
}

impl ReplicasBelowTwo {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for service in spec.services() {
            let replicas = &service.replicas;
            let n = replicas.value;
            if n >= 2 {
                continue;
            }
            let name = &service.name.value;
            let plural = if n == 1 { "" } else { "s" };
            let finding = if replicas.explicit {
                Finding::new(
                    replicas.loc,
                    format!("service `{name}` runs {n} replica{plural} ({n} < 2): one task failure or deployment takes it down"),
                )
                .label(format!("replicas {n}"))
                .help("set `replicas` to at least 2")
            } else {
                Finding::new(
                    replicas.loc,
                    format!("service `{name}` has no `replicas`, so it runs the default of {n} ({n} < 2): one task failure or deployment takes it down"),
                )
                .label(format!("service `{name}`: `replicas` absent"))
                .help("add `replicas: 2` (or more) to the service")
            };
            cx.report(finding);
        }
    }
}
