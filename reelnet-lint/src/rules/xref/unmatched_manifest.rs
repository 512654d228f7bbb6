use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};
use crate::rules::containers::{Containers, all_containers, claimed_by_a_service};

crate::declare_rule! {
    /// ## What it does
    /// Reports a manifest a service references that has no container for
    /// that service (none has its image repository or its name), and a
    /// workload container in a referenced manifest that belongs to no
    /// service of the spec.
    ///
    /// ## Why is this bad?
    /// The cross-checks (XREF001-005) cannot compare what they cannot match:
    /// the reference is wrong, the container was renamed, or the manifest
    /// deploys something the architecture does not know about.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata: { name: api }
    /// spec:
    ///   replicas: 3
    ///   selector: { matchLabels: { app: api } }
    ///   template:
    ///     metadata: { labels: { app: api } }
    ///     spec:
    ///       containers:
    ///         - { name: api, image: "reelnet/api:1.4.2" }
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
    /// - The spec format (CONTAINERS.md): "A manifest referenced by a service with no matching container is a finding, not a guess"
    pub struct UnmatchedManifest {
        code: "XREF006",
        name: "unmatched-manifest",
        severity: Warning,
        summary: "a referenced manifest has no container for its service, or a container matches no service",
    }
    impl Rule;
}

impl UnmatchedManifest {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let containers = Containers::new(spec);
        for service in spec.services() {
            let own = containers.of(service);
            for m in containers.manifests_of(service) {
                let has = own.iter().any(|p| std::ptr::eq(p.manifest, m));
                if has {
                    continue;
                }
                let Some(reference) = service
                    .manifests
                    .iter()
                    .find(|r| m.references.contains(&r.loc))
                else {
                    continue;
                };
                cx.report(
                    Finding::new(reference.loc, format!("{} has no container for service `{}` (image repository of `{}`, or name `{}`)", m.path, service.name, service.image.value, service.name))
                        .label("no matching container")
                        .help("reference the manifest that deploys this service, or fix the container's image or name"),
                );
            }
        }
        let claimed = claimed_by_a_service(spec);
        for (d, _, c) in all_containers(spec) {
            if claimed(c) {
                continue;
            }
            cx.report(
                Finding::new(c.name.as_ref().map_or(c.loc, |n| n.loc), format!(
                    "{} `{}`: container `{}` (`{}`) belongs to no service of the spec",
                    d.kind.as_ref().map_or("object", |k| k.value.as_str()),
                    d.name.as_ref().map_or("", |n| n.value.as_str()),
                    c.name.as_ref().map_or("", |n| n.value.as_str()),
                    c.image.as_ref().map_or("", |i| i.value.as_str())
                ))
                .label("no service")
                .help("add the service to the spec's `compute.services`, or give the container the service's image or name"),
            );
        }
    }
}
