//! K8S: Kubernetes manifests a service references (CONTAINERS.md).

pub mod manifest_invalid;
pub mod missing_probes;
pub mod missing_resources;
pub mod privilege_escalation;
pub mod runs_as_root;

use reelnet_spec::container::{Container, Document};

/// How a container is named in messages: `Deployment backend-service, container backend`.
pub(crate) fn describe(d: &Document, c: &Container) -> String {
    format!(
        "{} `{}`, container `{}`",
        d.kind.as_ref().map_or("object", |k| k.value.as_str()),
        d.name.as_ref().map_or("", |n| n.value.as_str()),
        c.name.as_ref().map_or("", |n| n.value.as_str())
    )
}

/// Where to point for a container: its name, else its mapping.
pub(crate) fn at(c: &Container) -> reelnet_spec::Loc {
    c.name.as_ref().map_or(c.loc, |n| n.loc)
}
