//! XREF: the spec against the Dockerfiles and manifests it references
//! (CONTAINERS.md). Each finding points at the file that differs (primary)
//! and at the spec's value (related).
//!
//! The doc examples are manifests for this service of the spec:
//! `{ name: backend, image: reelnet/backend:1.4.2, port: 8080, replicas: 3,
//! cpu: 1024, memory: 2048, health_check: /health }`.

pub mod health_check_drift;
pub mod image_drift;
pub mod port_drift;
pub mod replicas_drift;
pub mod resources_drift;
pub mod unmatched_manifest;
