use reelnet_spec::Spec;

use crate::rule::{Checker, Finding, Rule, RuleMeta};
use crate::rules::containers::containers_of;

crate::declare_rule! {
    /// ## What it does
    /// Reports a manifest container of a service whose `image` differs from
    /// the service's `image` (repository or tag). A container belongs to the
    /// service when its image repository equals the service's, else when its
    /// name equals the service's name.
    ///
    /// ## Why is this bad?
    /// The spec says which build runs; the manifest decides it. A different
    /// tag means the reviewed architecture is not what is deployed (the seed
    /// pins `:latest` in its Deployment).
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
    ///         - { name: backend, image: "reelnet/backend:1.3.0" }
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
    /// - The spec format (CONTAINERS.md): matching containers to services
    /// - [Kubernetes: images](https://kubernetes.io/docs/concepts/containers/images/)
    pub struct ImageDrift {
        code: "XREF002",
        name: "image-drift",
        severity: Error,
        summary: "a manifest container's image differs from the service's `image`",
    }
}

impl Rule for ImageDrift {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for service in spec.services() {
            for p in containers_of(spec, service) {
                let Some(image) = &p.container.image else {
                    continue;
                };
                if image.value == service.image.value {
                    continue;
                }
                cx.report(
                    Finding::new(
                        image.loc,
                        format!(
                            "{}: container `{}` runs `{}`, but service `{}` declares `{}`",
                            p.manifest.path,
                            p.container.name.as_ref().map_or("", |n| n.value.as_str()),
                            image.value,
                            service.name,
                            service.image.value
                        ),
                    )
                    .label("differs from the spec")
                    .related(service.image.loc, "the spec's image")
                    .help(format!(
                        "deploy `{}`, or change the spec",
                        service.image.value
                    )),
                );
            }
        }
    }
}
