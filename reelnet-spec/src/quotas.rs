//! AWS limits and defaults that both the model (its defaults and load
//! checks) and the lint rules state: each is declared once, here, and the
//! messages that mention it are built from it.

/// Lambda's shortest timeout, in seconds (Lambda quotas, "Function
/// timeout": 1-900 seconds; checked 2026-11-29).
pub const LAMBDA_TIMEOUT_MIN_SECONDS: u64 = 1;
/// Lambda's longest timeout for a standard function, in seconds (15
/// minutes; Lambda quotas, checked 2026-11-29).
pub const LAMBDA_TIMEOUT_MAX_SECONDS: u64 = 900;
/// Lambda's timeout when none is set, in seconds (Lambda Developer Guide,
/// "Configuring function timeout"; checked 2026-11-29).
pub const LAMBDA_TIMEOUT_DEFAULT_SECONDS: u64 = 3;
/// Lambda's smallest memory, in MiB (Lambda quotas, "Function memory
/// allocation": 128-10,240 MB; checked 2026-11-29). It is also Lambda's
/// default memory.
pub const LAMBDA_MEMORY_MIN_MIB: u32 = 128;
/// Lambda's largest memory, in MiB (Lambda quotas, checked 2026-11-29).
pub const LAMBDA_MEMORY_MAX_MIB: u32 = 10_240;
/// The longest automated-backup retention RDS and Aurora allow, in days
/// (RDS User Guide, "Backup retention period": 0-35 for RDS, 1-35 for
/// Aurora; checked 2026-11-29).
pub const BACKUP_RETENTION_MAX_DAYS: u64 = 35;
/// RDS's and Aurora's automated-backup retention when none is set, in days
/// (RDS User Guide, "Backup retention period"; checked 2026-11-29).
pub const BACKUP_RETENTION_DEFAULT_DAYS: u64 = 1;
