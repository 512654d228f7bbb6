//! DR: disaster recovery.

pub mod failover_untested;
pub mod recovery_objectives_unset;
