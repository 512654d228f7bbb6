use reelnet_spec::Spec;

use super::{at, describe};
use crate::rule::{Checker, Finding};
use crate::rules::containers::all_containers;

crate::declare_rule! {
    /// ## What it does
    /// Reports a workload container without CPU and memory `requests` and a
    /// memory `limit`.
    ///
    /// ## Why is this bad?
    /// Without requests the scheduler places the pod as if it needed
    /// nothing: nodes get overcommitted and the pod is the first evicted
    /// under pressure (QoS class BestEffort). Without a memory limit one
    /// leaking container can take the node's memory from its neighbours.
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
    ///           resources:
    ///             requests: { cpu: 1000m, memory: 2048Mi }
    ///             limits: { memory: 2048Mi }
    /// ```
    ///
    /// ## References
    /// - [Resource management for pods and containers](https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/)
    /// - [Pod quality of service classes](https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/)
    pub struct MissingResources {
        code: "K8S001",
        name: "missing-resources",
        severity: Warning,
        summary: "a container without CPU/memory requests and a memory limit",
    }
    impl Rule;
}

impl MissingResources {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for (d, _, c) in all_containers(spec) {
            let r = &c.resources;
            let mut missing = Vec::new();
            if r.requests_cpu.is_absent() {
                missing.push("requests.cpu");
            }
            if r.requests_memory.is_absent() {
                missing.push("requests.memory");
            }
            if r.limits_memory.is_absent() {
                missing.push("limits.memory");
            }
            if missing.is_empty() {
                continue;
            }
            let loc = r.loc.unwrap_or_else(|| at(c));
            cx.report(
                Finding::new(
                    loc,
                    format!("{} sets no {}", describe(d, c), missing.join(", ")),
                )
                .at_key()
                .label("no resources")
                .help("set `resources.requests` (cpu, memory) and `resources.limits.memory`; the spec's `cpu`/`memory` give the values (1024 CPU units = 1000m, MiB = Mi)"),
            );
        }
    }
}
