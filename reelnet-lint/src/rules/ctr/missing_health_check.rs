use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a service without a `health_check`, or with an empty one.
    ///
    /// ## Why is this bad?
    /// Without a health check the load balancer and the scheduler only notice
    /// a task whose process exits. A task that is up but cannot serve (stuck,
    /// out of connections, failing its dependencies) keeps receiving traffic,
    /// and a bad deployment is declared healthy and never rolled back.
    ///
    /// ## Example
    /// ```yaml
    /// compute:
    ///   services:
    ///     - name: backend
    ///       image: reelnet/backend:1.4.2
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// compute:
    ///   services:
    ///     - name: backend
    ///       image: reelnet/backend:1.4.2
    ///       health_check: /actuator/health
    /// ```
    ///
    /// ## References
    /// - [Elastic Load Balancing: Health checks for Application Load Balancer target groups](https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html)
    /// - [Amazon ECS: Determine task health using container health checks](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/healthcheck.html)
    pub struct MissingHealthCheck {
        code: "CTR003",
        name: "missing-health-check",
        severity: Warning,
        summary: "a service with no `health_check`",
    }
    impl Rule;
}

impl MissingHealthCheck {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for service in spec.services() {
            let name = &service.name.value;
            let finding = match &service.health_check {
                Some(h) if !h.value.trim().is_empty() => continue,
                Some(h) => Finding::new(
                    h.loc,
                    format!("service `{name}` has an empty `health_check`: only a task that exits is noticed"),
                )
                .label("empty health check")
                .help("write the path the service answers with 200 when it can serve, e.g. `health_check: /health`"),
                None => Finding::new(
                    service.loc,
                    format!("service `{name}` has no `health_check`: only a task that exits is noticed, not one that stops serving"),
                )
                .label(format!("service `{name}`: `health_check` absent"))
                .help("add `health_check: /health` (a path the service answers with 200 when it can serve)"),
            };
            cx.report(finding);
        }
    }
}
