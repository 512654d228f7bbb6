//! Shared readings of the container layer: which manifest container belongs
//! to which service (CONTAINERS.md), and Kubernetes quantities.

use reelnet_spec::Spec;
use reelnet_spec::container::{Container, Document, Manifest, Workload};
use reelnet_spec::model::Service;
use reelnet_spec::types::ImageRef;
/// Whether a manifest's container belongs to a service: same image
/// repository, else (when the repositories cannot be compared) same name.
pub(crate) fn belongs(service: &Service, container: &Container) -> bool {
    let service_repo = service.image.value.name();
    let container_repo = container
        .image_ref
        .as_ref()
        .and_then(|r| r.as_ref().ok())
        .map(ImageRef::name);
    match container_repo {
        Some(c) if c == service_repo => true,
        _ => container
            .name
            .as_ref()
            .is_some_and(|n| n.value == service.name.value),
    }
}

/// A container of a workload, with its workload, document and file.
pub(crate) struct Placed<'a> {
    pub manifest: &'a Manifest,
    pub document: &'a Document,
    pub workload: &'a Workload,
    pub container: &'a Container,
}

/// The containers of a service's manifests that belong to it.
pub(crate) fn containers_of<'a>(spec: &'a Spec, service: &'a Service) -> Vec<Placed<'a>> {
    let mut out = Vec::new();
    for manifest in spec.containers.manifests(&service.manifests) {
        for (document, workload) in manifest.workloads() {
            for container in &workload.containers {
                if belongs(service, container) {
                    out.push(Placed {
                        manifest,
                        document,
                        workload,
                        container,
                    });
                }
            }
        }
    }
    out
}

/// Every container of every workload of every manifest.
pub(crate) fn all_containers(
    spec: &Spec,
) -> impl Iterator<Item = (&Document, &Workload, &Container)> {
    spec.containers.manifests.iter().flat_map(|m| {
        m.workloads()
            .flat_map(|(d, w)| w.containers.iter().map(move |c| (d, w, c)))
    })
}

/// CPU in millicores from a Kubernetes quantity (`500m`, `1`, `0.5`).
pub(crate) fn millicores(q: &str) -> Option<f64> {
    let q = q.trim();
    if let Some(m) = q.strip_suffix('m') {
        return m.parse::<f64>().ok().filter(|v| v.is_finite());
    }
    q.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|v| v * 1000.0)
}

/// Memory in MiB from a Kubernetes quantity (`512Mi`, `1Gi`, `1G`, bytes).
pub(crate) fn mebibytes(q: &str) -> Option<f64> {
    const UNITS: [(&str, f64); 10] = [
        ("Ki", 1024.0),
        ("Mi", 1024.0 * 1024.0),
        ("Gi", 1024.0 * 1024.0 * 1024.0),
        ("Ti", 1024.0 * 1024.0 * 1024.0 * 1024.0),
        ("k", 1e3),
        ("K", 1e3),
        ("M", 1e6),
        ("G", 1e9),
        ("T", 1e12),
        ("", 1.0),
    ];
    let q = q.trim();
    UNITS.iter().find_map(|(suffix, factor)| {
        let number = q.strip_suffix(suffix)?;
        let v = number.parse::<f64>().ok().filter(|v| v.is_finite())?;
        Some(v * factor / (1024.0 * 1024.0))
    })
}

#[cfg(test)]
mod tests {
    use super::{mebibytes, millicores};

    #[test]
    fn quantities() {
        assert_eq!(millicores("500m"), Some(500.0));
        assert_eq!(millicores("1"), Some(1000.0));
        assert_eq!(millicores("0.25"), Some(250.0));
        assert_eq!(mebibytes("512Mi"), Some(512.0));
        assert_eq!(mebibytes("2Gi"), Some(2048.0));
        assert_eq!(mebibytes("1048576"), Some(1.0));
        assert_eq!(millicores("lots"), None);
    }
}
