use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};
use crate::rules::containers::Containers;

crate::declare_rule! {
    /// ## What it does
    /// Reports a service that declares a `health_check` path when its
    /// manifest container has no HTTP probe (`readinessProbe` or
    /// `livenessProbe` with `httpGet`) on that path.
    ///
    /// ## Why is this bad?
    /// The spec's health check is the endpoint the service was designed to
    /// be judged by. A container probed elsewhere (or not at all) is routed
    /// traffic and kept alive on a different signal than the one reviewed.
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
    ///           readinessProbe: { httpGet: { path: /ready, port: 8080 } }
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
    ///           readinessProbe: { httpGet: { path: /health, port: 8080 } }
    /// ```
    ///
    /// ## References
    /// - The spec format (CONTAINERS.md): a service's `health_check`
    /// - [Define a liveness HTTP request](https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-a-liveness-http-request)
    pub struct HealthCheckDrift {
        code: "XREF004",
        name: "health-check-drift",
        severity: Warning,
        summary: "the service's `health_check` path has no HTTP probe in its container",
    }
    impl Rule;
}

impl HealthCheckDrift {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let containers = Containers::new(spec);
        for service in spec.services() {
            let Some(path) = &service.health_check else {
                continue;
            };
            for p in containers.of(service) {
                let probes: Vec<_> = [&p.container.readiness_probe, &p.container.liveness_probe]
                    .into_iter()
                    .flatten()
                    .collect();
                // An unreadable path is K8S000's: no drift is claimed.
                if probes.iter().any(|pr| {
                    pr.http_path.is_invalid()
                        || pr.http_path.value().is_some_and(|h| h.value == path.value)
                }) {
                    continue;
                }
                let other = probes.iter().find_map(|pr| pr.http_path.value());
                let (loc, what) = match other {
                    Some(h) => (h.loc, format!("probes `{}`", h.value)),
                    None => (
                        p.container.name.as_ref().map_or(p.container.loc, |n| n.loc),
                        "has no HTTP probe".to_owned(),
                    ),
                };
                cx.report(
                    Finding::new(
                        loc,
                        format!(
                            "{}: container `{}` {what}, but service `{}` declares health check `{}`",
                            p.manifest.path,
                            p.container.name.as_ref().map_or("", |n| n.value.as_str()),
                            service.name,
                            path.value
                        ),
                    )
                    .label("not the spec's health check")
                    .related(path.loc, "the spec's health check")
                    .help(format!("probe it: `readinessProbe: {{ httpGet: {{ path: {}, port: {} }} }}`", path.value, service.port.as_ref().map_or(80, |p| p.value))),
                );
            }
        }
    }
}
