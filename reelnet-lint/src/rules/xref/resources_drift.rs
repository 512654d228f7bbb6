use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};
use crate::rules::containers::{Containers, mebibytes, millicores};

crate::declare_rule! {
    /// ## What it does
    /// Reports a manifest container whose CPU or memory request differs from
    /// its service's `cpu` (CPU units: 1024 = 1 vCPU = `1000m`) or `memory`
    /// (MiB = `Mi`). A container without requests is K8S001's.
    ///
    /// ## Why is this bad?
    /// The spec's sizes are what capacity and cost were planned with. A pod
    /// requesting less is packed too densely and throttled; more, and the
    /// cluster runs out of room before the plan says it should.
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
    ///           resources: { requests: { cpu: 250m, memory: 512Mi } }
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
    ///           resources: { requests: { cpu: 1000m, memory: 2048Mi } }
    /// ```
    ///
    /// ## References
    /// - The spec format (FORMAT.md): a service's `cpu` (units) and `memory` (MiB)
    /// - [Resource units in Kubernetes](https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#resource-units-in-kubernetes)
    pub struct ResourcesDrift {
        code: "XREF005",
        name: "resources-drift",
        severity: Warning,
        summary: "a container's CPU/memory requests differ from the service's `cpu`/`memory`",
    }
    impl Rule;
}

impl ResourcesDrift {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let containers = Containers::new(spec);
        for service in spec.services() {
            for p in containers.of(service) {
                let r = &p.container.resources;
                if let (Some(cpu), Some(req)) = (&service.cpu, r.requests_cpu.value()) {
                    let want = f64::from(cpu.value) * 1000.0 / 1024.0;
                    if millicores(&req.value).is_none_or(|have| (have - want).abs() > 0.5) {
                        cx.report(
                            Finding::new(req.loc, format!("{}: CPU request `{}` differs from service `{}`'s cpu {} (= {}m)", p.manifest.path, req.value, service.name, cpu.value, want.round()))
                                .label("differs from the spec")
                                .related(cpu.loc, "the spec's cpu")
                                .help(format!("request `cpu: {}m`, or change the spec", want.round())),
                        );
                    }
                }
                if let (Some(mem), Some(req)) = (&service.memory, r.requests_memory.value()) {
                    let want = f64::from(mem.value);
                    if mebibytes(&req.value).is_none_or(|have| (have - want).abs() > 0.5) {
                        cx.report(
                            Finding::new(req.loc, format!("{}: memory request `{}` differs from service `{}`'s memory {} MiB", p.manifest.path, req.value, service.name, mem.value))
                                .label("differs from the spec")
                                .related(mem.loc, "the spec's memory")
                                .help(format!("request `memory: {}Mi`, or change the spec", mem.value)),
                        );
                    }
                }
            }
        }
    }
}
