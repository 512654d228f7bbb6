use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};
use crate::rules::containers::Containers;

crate::declare_rule! {
    /// ## What it does
    /// Reports a service whose `port` is not a `containerPort` of its
    /// manifest container, or is not `EXPOSE`d by the final stage of its
    /// Dockerfile (when the stage exposes any port).
    ///
    /// ## Why is this bad?
    /// The load balancer, the security groups and the health checks are
    /// built for the spec's port. A container listening elsewhere receives
    /// no traffic and fails every health check.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: { name: backend }
    /// spec:
    ///   replicas: 3
    ///   selector: { matchLabels: { app: backend } }
    ///   template:
    ///     metadata: { labels: { app: backend } }
    ///     spec:
    ///       containers:
    ///         - name: backend
    ///           image: "reelnet/backend:1.4.2"
    ///           ports: [{ containerPort: 9090 }]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: { name: backend }
    /// spec:
    ///   replicas: 3
    ///   selector: { matchLabels: { app: backend } }
    ///   template:
    ///     metadata: { labels: { app: backend } }
    ///     spec:
    ///       containers:
    ///         - name: backend
    ///           image: "reelnet/backend:1.4.2"
    ///           ports: [{ containerPort: 8080 }]
    /// ```
    ///
    /// ## References
    /// - The spec format (CONTAINERS.md): a service's `port`
    /// - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    pub struct PortDrift {
        code: "XREF003",
        name: "port-drift",
        severity: Error,
        summary: "the service's `port` is not a containerPort of its container, or not EXPOSEd by its Dockerfile",
    }
    impl Rule;
}

impl PortDrift {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let containers = Containers::new(spec);
        for service in spec.services() {
            let Some(port) = &service.port else { continue };
            let want = i64::from(port.value);
            for p in containers.of(service) {
                // An unreadable port is K8S000's: the list is incomplete.
                if p.container.ports_invalid || p.container.ports.iter().any(|cp| cp.value == want)
                {
                    continue;
                }
                let listed: Vec<String> = p
                    .container
                    .ports
                    .iter()
                    .map(|cp| cp.value.to_string())
                    .collect();
                let loc = p.container.ports.first().map_or(
                    p.container.name.as_ref().map_or(p.container.loc, |n| n.loc),
                    |cp| cp.loc,
                );
                cx.report(
                    Finding::new(
                        loc,
                        format!(
                            "{}: container `{}` declares containerPort {}, but service `{}` listens on {want}",
                            p.manifest.path,
                            p.container.name.as_ref().map_or("", |n| n.value.as_str()),
                            if listed.is_empty() { "none".to_owned() } else { listed.join(", ") },
                            service.name
                        ),
                    )
                    .label("port differs from the spec")
                    .related(port.loc, "the spec's port")
                    .help(format!("add `ports: [{{ containerPort: {want} }}]`, or change the spec")),
                );
            }
            let Some(reference) = &service.dockerfile else {
                continue;
            };
            let Some(d) = spec.containers.dockerfile(reference) else {
                continue;
            };
            let Some(stage) = d.final_stage() else {
                continue;
            };
            let exposes: Vec<_> = d
                .stage_instructions(stage)
                .iter()
                .filter(|i| i.keyword == "EXPOSE")
                .flat_map(|i| i.arguments.iter())
                .collect();
            if exposes.is_empty() {
                continue;
            }
            let matches = exposes.iter().any(|e| {
                let number = e.value.split('/').next().unwrap_or("");
                number.parse::<i64>().ok() == Some(want)
            });
            if !matches {
                let shown: Vec<&str> = exposes.iter().map(|e| e.value.as_str()).collect();
                cx.report(
                    Finding::new(
                        exposes[0].loc,
                        format!(
                            "{}: the image exposes {}, but service `{}` listens on {want}",
                            d.path,
                            shown.join(", "),
                            service.name
                        ),
                    )
                    .label("port differs from the spec")
                    .related(port.loc, "the spec's port")
                    .help(format!("`EXPOSE {want}`, or change the spec")),
                );
            }
        }
    }
}
