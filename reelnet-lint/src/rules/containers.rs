//! Shared readings of the container layer: which manifest container belongs
//! to which service (CONTAINERS.md), and Kubernetes quantities.

use std::collections::{HashMap, HashSet};

use reelnet_spec::container::{Container, Document, Manifest, Workload};
use reelnet_spec::model::Service;
use reelnet_spec::types::ImageRef;
use reelnet_spec::{Loc, Spec};

/// A container of a workload, with its workload, document and file.
#[derive(Clone, Copy)]
pub(crate) struct Placed<'a> {
    pub manifest: &'a Manifest,
    pub document: &'a Document,
    pub workload: &'a Workload,
    pub container: &'a Container,
}

/// The repository a container's image names, when it can be read.
fn container_repository(container: &Container) -> Option<String> {
    container
        .image_ref
        .as_ref()
        .and_then(|r| r.as_ref().ok())
        .map(ImageRef::name)
}

/// The containers of a spec's manifests, indexed once per rule run by
/// image repository and by name, and its manifests by the references that
/// read them: finding every service's containers costs what they are, not
/// services × containers (8,000 services sharing one manifest of 8,000
/// Deployments took 9.7 s).
pub(crate) struct Containers<'a> {
    manifests: &'a [Manifest],
    /// Every container with its manifest's index, in file, workload and
    /// container order.
    all: Vec<(usize, Placed<'a>)>,
    by_repository: HashMap<String, Vec<usize>>,
    by_name: HashMap<&'a str, Vec<usize>>,
    by_reference: HashMap<Loc, Vec<usize>>,
}

impl<'a> Containers<'a> {
    pub(crate) fn new(spec: &'a Spec) -> Self {
        let manifests = spec.containers.manifests.as_slice();
        let mut out = Self {
            manifests,
            all: Vec::new(),
            by_repository: HashMap::new(),
            by_name: HashMap::new(),
            by_reference: HashMap::new(),
        };
        for (m, manifest) in manifests.iter().enumerate() {
            for &r in &manifest.references {
                out.by_reference.entry(r).or_default().push(m);
            }
            for (document, workload) in manifest.workloads() {
                for container in &workload.containers {
                    let i = out.all.len();
                    if let Some(repository) = container_repository(container) {
                        out.by_repository.entry(repository).or_default().push(i);
                    }
                    if let Some(name) = &container.name {
                        out.by_name.entry(name.value.as_str()).or_default().push(i);
                    }
                    out.all.push((
                        m,
                        Placed {
                            manifest,
                            document,
                            workload,
                            container,
                        },
                    ));
                }
            }
        }
        out
    }

    /// The indexes of the manifests a service references, in file order.
    fn manifest_indexes(&self, service: &Service) -> Vec<usize> {
        let mut out: Vec<usize> = service
            .manifests
            .iter()
            .filter_map(|r| self.by_reference.get(&r.loc))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The manifests a service references, in file order
    /// (`Containers::manifests` of the spec).
    pub(crate) fn manifests_of(&self, service: &Service) -> Vec<&'a Manifest> {
        self.manifest_indexes(service)
            .into_iter()
            .filter_map(|m| self.manifests.get(m))
            .collect()
    }

    /// The containers of a service's manifests that belong to it (same
    /// image repository, or else same name), in file, workload and
    /// container order.
    pub(crate) fn of(&self, service: &Service) -> Vec<Placed<'a>> {
        let manifests = self.manifest_indexes(service);
        let repository = service.image.value.name();
        let mut found: Vec<usize> = self
            .by_repository
            .get(&repository)
            .into_iter()
            .chain(self.by_name.get(service.name.value.as_str()))
            .flatten()
            .copied()
            .filter(|&i| {
                self.all
                    .get(i)
                    .is_some_and(|(m, _)| manifests.binary_search(m).is_ok())
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found
            .into_iter()
            .filter_map(|i| self.all.get(i).map(|&(_, p)| p))
            .collect()
    }
}

/// Whether a container belongs to some service of the spec (same image
/// repository, or else same name), by the services' repositories and names
/// read once.
pub(crate) fn claimed_by_a_service(spec: &Spec) -> impl Fn(&Container) -> bool {
    let repositories: HashSet<String> = spec
        .services()
        .iter()
        .map(|s| s.image.value.name())
        .collect();
    let names: HashSet<String> = spec
        .services()
        .iter()
        .map(|s| s.name.value.clone())
        .collect();
    move |c: &Container| {
        container_repository(c).is_some_and(|r| repositories.contains(&r))
            || c.name.as_ref().is_some_and(|n| names.contains(&n.value))
    }
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
