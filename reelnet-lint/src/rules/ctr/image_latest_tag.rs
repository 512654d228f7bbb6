use reelnet_spec::container::BaseImage;
use reelnet_spec::types::ImageRef;
use reelnet_spec::{Loc, Spec};

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a service image that is not pinned: its tag is `latest`, or it
    /// has neither a tag nor a digest (which pulls `latest`). The reference is
    /// parsed as `[registry[:port]/]path[:tag][@digest]`: the tag follows the
    /// last `:` of the last path component only, so `registry:5000/repo` has
    /// no tag. A digest (`@sha256:…`) pins the image whatever its tag says.
    /// A reference that does not parse (an uppercase repository, an empty tag,
    /// a malformed digest) is reported too, with the reason, since what it
    /// pins cannot be known.
    ///
    /// Every image reference counts (CONTAINERS.md): a service's `image`, each
    /// `FROM` of the Dockerfiles the services reference (not a stage name,
    /// `scratch` or a `$VARIABLE`), and each container `image` of their
    /// Kubernetes manifests.
    ///
    /// ## Why is this bad?
    /// `latest` is whatever was pushed last. Two tasks of one service can run
    /// different code, a restart can deploy an untested build, and a rollback
    /// has nothing to roll back to. A release tag (or, stricter, a digest)
    /// makes every deployment reproducible.
    ///
    /// ## Example
    /// ```yaml
    /// compute:
    ///   services:
    ///     - name: backend
    ///       image: reelnet/backend:latest
    ///       replicas: 3
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// compute:
    ///   services:
    ///     - name: backend
    ///       image: reelnet/backend:1.4.2
    ///       replicas: 3
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS task definition parameters: `image`](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_image)
    /// - [Amazon ECR: Preventing image tags from being overwritten (tag immutability)](https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html)
    /// - [The image reference grammar of distribution/reference](https://github.com/distribution/reference/blob/main/reference.go)
    pub struct ImageLatestTag {
        code: "CTR001",
        name: "image-latest-tag",
        severity: Warning,
        summary: "an image has tag `latest` or no tag and no digest",
    }
    impl Rule;
}

impl ImageLatestTag {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for service in spec.services() {
            let owner = format!("service `{}`", service.name.value);
            if let Some(f) = unpinned(&owner, &service.image.value, service.image.loc) {
                cx.report(f);
            }
        }
        // Every image reference of the container layer (CONTAINERS.md).
        for d in &spec.containers.dockerfiles {
            for stage in &d.stages {
                let owner = format!("{}: `FROM`", d.path);
                let f = match &stage.base {
                    BaseImage::Image(r) => unpinned(&owner, r, stage.image.loc),
                    BaseImage::Invalid(why) => {
                        Some(invalid(&owner, &stage.image.value, why, stage.image.loc))
                    }
                    BaseImage::Scratch | BaseImage::Stage(_) | BaseImage::Templated(_) => None,
                };
                if let Some(f) = f {
                    cx.report(f);
                }
            }
        }
        // A manifest's malformed image is a K8S000 problem of the load.
        for m in &spec.containers.manifests {
            for (doc, w) in m.workloads() {
                for c in &w.containers {
                    let (Some(image), Some(Ok(r))) = (&c.image, &c.image_ref) else {
                        continue;
                    };
                    let owner = format!(
                        "{}: {} `{}`, container `{}`,",
                        m.path,
                        doc.kind.as_ref().map_or("", |k| k.value.as_str()),
                        doc.name.as_ref().map_or("", |n| n.value.as_str()),
                        c.name.as_ref().map_or("", |n| n.value.as_str())
                    );
                    if let Some(f) = unpinned(&owner, r, image.loc) {
                        cx.report(f);
                    }
                }
            }
        }
    }
}

/// The finding for a `FROM` that is not an image reference.
fn invalid(owner: &str, text: &str, why: &str, loc: Loc) -> Finding {
    Finding::new(
        loc,
        format!(
            "{owner} has image `{text}`, which is not a valid image reference ({why}): what it pins cannot be checked"
        ),
    )
    .label("invalid image reference")
    .help("write it as `[registry[:port]/]repository[:tag][@sha256:digest]`, e.g. `reelnet/backend:1.4.2`")
}

/// The finding for one image reference of `owner`, if it is not pinned.
fn unpinned(owner: &str, r: &ImageRef, loc: Loc) -> Option<Finding> {
    if !r.is_mutable() {
        return None;
    }
    let repo = r.name();
    let help = format!("pin a release tag (`{repo}:1.4.2`) or a digest (`{repo}@sha256:…`)");
    let finding = if r.tag.is_some() {
        Finding::new(
            loc,
            format!("{owner} runs `{r}`: `latest` is whatever was pushed last, so deployments are not reproducible"),
        )
        .label("mutable `latest` tag")
    } else {
        Finding::new(
            loc,
            format!("{owner} runs `{r}`, with no tag and no digest: it pulls `latest`, whatever was pushed last"),
        )
        .label("no tag: pulls `latest`")
    };
    Some(finding.help(help))
}
