use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};
use crate::rules::containers::Containers;

crate::declare_rule! {
    /// ## What it does
    /// Reports a manifest container of a service whose `image` differs from
    /// the service's `image` (repository or tag). A container belongs to the
    /// service when its image repository equals the service's, else when its
    /// name equals the service's name. For the service's Dockerfile (which
    /// the spec declares builds `image`), it reports an OCI label of the
    /// final stage that names another image: `org.opencontainers.image.version`
    /// other than the image's tag, or `org.opencontainers.image.ref.name`
    /// other than the tag or the whole reference.
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
    impl Rule;
}

/// `KEY=VALUE` pairs of a LABEL instruction's text (quotes removed).
fn labels(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else { break };
        let key = rest[..eq].trim().trim_matches('"').to_owned();
        let after = &rest[eq + 1..];
        let (value, next) = if let Some(q) = after.strip_prefix('"') {
            let end = q.find('"').unwrap_or(q.len());
            (q[..end].to_owned(), q.get(end + 1..).unwrap_or(""))
        } else {
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            (after[..end].to_owned(), &after[end..])
        };
        out.push((key, value));
        rest = next.trim_start();
    }
    out
}

impl ImageDrift {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let containers = Containers::new(spec);
        for service in spec.services() {
            let tag = service.image.value.tag.as_deref().unwrap_or("latest");
            let declared = service.image.value.to_string();
            if let Some(d) = service
                .dockerfile
                .as_ref()
                .and_then(|r| spec.containers.dockerfile(r))
                && let Some(stage) = d.final_stage()
            {
                for i in d
                    .stage_instructions(stage)
                    .iter()
                    .filter(|i| i.keyword == "LABEL")
                {
                    let Some(arg) = i.arguments.first() else {
                        continue;
                    };
                    for (key, value) in labels(&arg.value) {
                        let differs = match key.as_str() {
                            "org.opencontainers.image.version" => value != tag,
                            "org.opencontainers.image.ref.name" => {
                                value != tag && value != declared
                            }
                            _ => false,
                        };
                        if differs {
                            cx.report(
                                Finding::new(
                                    arg.loc,
                                    format!(
                                        "{}: label `{key}={value}` says the image is not `{}`, which service `{}` declares this Dockerfile builds",
                                        d.path, service.image.value, service.name
                                    ),
                                )
                                .label("differs from the spec")
                                .related(service.image.loc, "the spec's image")
                                .help(format!("set the label to `{tag}`, or change the spec")),
                            );
                        }
                    }
                }
            }
            for p in containers.of(service) {
                let Some(image) = &p.container.image else {
                    continue;
                };
                if p.container
                    .image_ref
                    .as_ref()
                    .is_some_and(|r| r.as_ref() == Ok(&service.image.value))
                {
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

#[cfg(test)]
mod tests {
    #[test]
    fn label_pairs() {
        assert_eq!(
            super::labels(r#"a=1 "b"="two words" c=3"#),
            vec![
                ("a".to_owned(), "1".to_owned()),
                ("b".to_owned(), "two words".to_owned()),
                ("c".to_owned(), "3".to_owned())
            ]
        );
    }
}
