use reelnet_spec::Spec;

use super::{at, describe};
use crate::rule::{Checker, Finding};
use crate::rules::containers::all_containers;

crate::declare_rule! {
    /// ## What it does
    /// Reports a container of a Deployment or StatefulSet with no
    /// `readinessProbe`, or no `livenessProbe`.
    ///
    /// ## Why is this bad?
    /// Without a readiness probe a pod receives traffic as soon as its
    /// process starts, before it can answer: every rollout drops requests.
    /// Without a liveness probe a hung process is never restarted.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: { name: backend }
    /// spec:
    ///   selector: { matchLabels: { app: backend } }
    ///   template:
    ///     metadata: { labels: { app: backend } }
    ///     spec:
    ///       containers:
    ///         - { name: backend, image: "reelnet/backend:1.4.2" }
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: { name: backend }
    /// spec:
    ///   selector: { matchLabels: { app: backend } }
    ///   template:
    ///     metadata: { labels: { app: backend } }
    ///     spec:
    ///       containers:
    ///         - name: backend
    ///           image: "reelnet/backend:1.4.2"
    ///           readinessProbe: { httpGet: { path: /health, port: 8080 } }
    ///           livenessProbe: { httpGet: { path: /health, port: 8080 } }
    /// ```
    ///
    /// ## References
    /// - [Configure liveness, readiness and startup probes](https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/)
    pub struct MissingProbes {
        code: "K8S002",
        name: "missing-probes",
        severity: Warning,
        summary: "a Deployment/StatefulSet container without a readiness or a liveness probe",
    }
    impl Rule;
}

impl MissingProbes {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for (d, _, c) in all_containers(spec) {
            let kind = d.kind.as_ref().map_or("", |k| k.value.as_str());
            if !matches!(kind, "Deployment" | "StatefulSet") {
                continue;
            }
            let mut missing = Vec::new();
            if c.readiness_probe.is_none() {
                missing.push("readinessProbe");
            }
            if c.liveness_probe.is_none() {
                missing.push("livenessProbe");
            }
            if missing.is_empty() {
                continue;
            }
            cx.report(
                Finding::new(at(c), format!("{} has no {}", describe(d, c), missing.join(" and ")))
                    .label("no probe")
                    .help("add `readinessProbe` and `livenessProbe` (an `httpGet` on the spec's `health_check` path)"),
            );
        }
    }
}
