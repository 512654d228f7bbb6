use reelnet_spec::Spec;
use reelnet_spec::types::Tier;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a service with `subnets: public` (the default is `private`).
    ///
    /// ## Why is this bad?
    /// Tasks in public subnets need public IP addresses to reach anything
    /// outside the VPC, so they are one security-group rule away from being
    /// reachable from the internet, bypassing the load balancer, the API
    /// gateway, the CDN and their WAF. Services belong in private subnets,
    /// reached through those entry points and leaving through NAT.
    ///
    /// ## Example
    /// ```yaml
    /// compute:
    ///   services:
    ///     - name: backend
    ///       image: reelnet/backend:1.4.2
    ///       subnets: public
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// compute:
    ///   services:
    ///     - name: backend
    ///       image: reelnet/backend:1.4.2
    ///       subnets: private
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS best practices: Connect Amazon ECS applications to the internet (private subnets and NAT)](https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/networking-outbound.html)
    /// - [AWS Security Hub: [ECS.2] ECS services should not have public IP addresses assigned to them automatically](https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-2)
    pub struct ServiceInPublicSubnet {
        code: "CTR002",
        name: "service-in-public-subnet",
        severity: Warning,
        summary: "a service runs in public subnets",
    }
    impl Rule;
}

impl ServiceInPublicSubnet {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for service in spec.services() {
            if service.subnets.value != Tier::Public {
                continue;
            }
            cx.report(
                Finding::new(
                    service.subnets.loc,
                    format!(
                        "service `{}` runs in public subnets, where its tasks are one security-group rule away from the internet",
                        service.name.value
                    ),
                )
                .label("subnets: public")
                .help("set `subnets: private` and reach the service through a load balancer, the API gateway or the CDN"),
            );
        }
    }
}
