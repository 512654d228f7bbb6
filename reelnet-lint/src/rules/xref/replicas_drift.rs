use std::collections::{HashMap, HashSet};

use reelnet_spec::container::{Field, Hpa, Manifest};
use reelnet_spec::{Loc, Spec};

use crate::rule::{Checker, Finding};
use crate::rules::containers::Containers;

crate::declare_rule! {
    /// ## What it does
    /// Reports a workload whose `spec.replicas` differs from its service's
    /// `replicas` (a Deployment or StatefulSet without `replicas` runs 1),
    /// and a HorizontalPodAutoscaler of that workload (same file, by
    /// `scaleTargetRef`) whose `minReplicas`..`maxReplicas` excludes the
    /// service's `replicas`. A workload scaled by an autoscaler is only
    /// checked through the autoscaler.
    ///
    /// ## Why is this bad?
    /// The spec's replica count is what capacity, availability and cost were
    /// planned with; the manifest is what runs. When they differ, one of them
    /// is wrong, and nobody knows which.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: { name: backend }
    /// spec:
    ///   replicas: 1
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
    ///   replicas: 3
    ///   selector: { matchLabels: { app: backend } }
    ///   template:
    ///     metadata: { labels: { app: backend } }
    ///     spec:
    ///       containers:
    ///         - { name: backend, image: "reelnet/backend:1.4.2" }
    /// ```
    ///
    /// ## References
    /// - The spec format (CONTAINERS.md): a service's `replicas` and `manifests`
    /// - [Horizontal Pod Autoscaling](https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/)
    pub struct ReplicasDrift {
        code: "XREF001",
        name: "replicas-drift",
        severity: Warning,
        summary: "a workload's replicas (or its HPA's range) differ from the service's `replicas`",
    }
    impl Rule;
}

/// A manifest's autoscalers, read once per manifest (a file of thousands
/// of workloads is not scanned again for each): whether one has an
/// unreadable target, and the readable ones by target name, in document
/// order.
struct Autoscalers<'a> {
    unreadable: bool,
    by_target: HashMap<&'a str, Vec<&'a Hpa>>,
}

impl<'a> Autoscalers<'a> {
    fn of(manifest: &'a Manifest) -> Self {
        let mut out = Self {
            unreadable: false,
            by_target: HashMap::new(),
        };
        for (_, h) in manifest.autoscalers() {
            out.unreadable |= h.target_name.is_invalid() || h.target_kind.is_invalid();
            if let Some(t) = h.target_name.value() {
                out.by_target.entry(t.value.as_str()).or_default().push(h);
            }
        }
        out
    }

    /// The first autoscaler of the workload `kind`/`name`.
    fn of_workload(&self, kind: &str, name: &str) -> Option<&'a Hpa> {
        self.by_target
            .get(name)?
            .iter()
            .copied()
            .find(|h| h.target_kind.value().is_none_or(|k| k.value == kind))
    }
}

impl ReplicasDrift {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let mut scalers: HashMap<Loc, Autoscalers<'_>> = HashMap::new();
        let containers = Containers::new(spec);
        for service in spec.services() {
            let want = i64::from(service.replicas.value);
            let mut seen = HashSet::new();
            for p in containers.of(service) {
                if !seen.insert(p.document.loc) {
                    continue;
                }
                let kind = p.document.kind.as_ref().map_or("", |k| k.value.as_str());
                if kind == "DaemonSet" {
                    continue;
                }
                let name = p.document.name.as_ref().map_or("", |n| n.value.as_str());
                let scalers = scalers
                    .entry(p.manifest.loc)
                    .or_insert_with(|| Autoscalers::of(p.manifest));
                // An HPA whose target is unreadable (K8S000's) may scale
                // this workload: nothing is claimed.
                if scalers.unreadable {
                    continue;
                }
                let hpa = scalers.of_workload(kind, name);
                if let Some(h) = hpa {
                    // An unreadable bound is K8S000's: no drift is claimed.
                    if h.min_replicas.is_invalid() || h.max_replicas.is_invalid() {
                        continue;
                    }
                    let min = h.min_replicas.value();
                    let max = h.max_replicas.value();
                    let low = min.map_or(1, |m| m.value);
                    let bad = if want < low {
                        min.map(|m| (m.loc, format!("its HPA's minReplicas is {low}")))
                    } else {
                        max.filter(|m| want > m.value)
                            .map(|m| (m.loc, format!("its HPA's maxReplicas is {}", m.value)))
                    };
                    if let Some((loc, why)) = bad {
                        cx.report(
                            Finding::new(loc, format!("{}: service `{}` declares {want} replicas, but {why}", p.manifest.path, service.name))
                                .label("excludes the spec's replicas")
                                .related(service.replicas.loc, "the spec's replicas")
                                .help("make the autoscaler's range include the spec's `replicas`, or change the spec"),
                        );
                    }
                    continue;
                }
                // An unreadable `replicas` is K8S000's, not "the default".
                let (have, loc) = match &p.workload.replicas {
                    Field::Value(r) => (r.value, r.loc),
                    Field::Absent => (1, p.workload.loc),
                    Field::Invalid(_) => continue,
                };
                if have != want {
                    let f = Finding::new(
                        loc,
                        format!(
                            "{}: {kind} `{name}` runs {have} replica(s){}, but service `{}` declares {want}",
                            p.manifest.path,
                            if p.workload.replicas.is_absent() { " (no `replicas`: the default)" } else { "" },
                            service.name
                        ),
                    )
                    .label("differs from the spec")
                    .related(service.replicas.loc, "the spec's replicas")
                    .help(format!("set `replicas: {want}`, or change the spec"));
                    cx.report(if p.workload.replicas.is_absent() {
                        f.at_key()
                    } else {
                        f
                    });
                }
            }
        }
    }
}
