//! STO: buckets, file systems, backups.

pub mod bucket_no_lifecycle;
pub mod bucket_no_replication;
pub mod bucket_public;
pub mod bucket_unencrypted;
pub mod bucket_versioning_disabled;
pub mod filesystem_unencrypted;
pub mod lifecycle_transition_too_early;
pub mod replication_same_region;
pub mod replication_without_versioning;
