//! DKR: Dockerfiles a service references (CONTAINERS.md).

pub mod base_image_unsupported;
pub mod copy_context_without_dockerignore;
pub mod dockerfile_syntax;
pub mod runs_as_root;
pub mod shell_form_entrypoint;
pub mod unlocked_dependency_install;
