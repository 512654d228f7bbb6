//! DB: databases.

pub mod backup_retention_short;
pub mod database_public;
pub mod database_single_az;
pub mod database_unencrypted;
pub mod engine_support;
pub mod engine_version_support;
pub mod no_cross_region_backups;

use reelnet_spec::model::Database;

/// How findings name a database: "database `main`", or "the database" when
/// it has no `name`.
pub(crate) fn describe(db: &Database) -> String {
    if db.name.explicit {
        format!("database `{}`", db.name.value)
    } else {
        "the database".to_owned()
    }
}
