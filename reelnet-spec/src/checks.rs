//! Checks of single values that the model declares on its fields
//! (`#[from_node(validate = "...")]`), beyond what the type and the
//! schema check. A failed check is SPEC004 at the value.

use crate::types::{Duration, TimeUnit};

/// Why a value failed its field's check.
#[derive(Debug)]
pub(crate) struct Invalid {
    pub message: String,
    pub help: Option<String>,
}

/// A Lambda function's timeout: at least 1 second (Lambda's range is 1 to
/// 900 seconds).
pub(crate) fn lambda_timeout(t: &Duration, key: &str) -> Result<(), Invalid> {
    if t.seconds >= 1 {
        return Ok(());
    }
    Err(Invalid {
        message: format!("`{key}` is {t}: a Lambda function's timeout is at least 1 second"),
        help: Some("use 1 to 900 seconds (Lambda's range; default 3)".into()),
    })
}

/// RDS automated backups: kept 0 to 35 days.
pub(crate) fn backup_retention(d: &Duration, key: &str) -> Result<(), Invalid> {
    if d.seconds <= 35 * TimeUnit::Days.seconds() {
        return Ok(());
    }
    Err(Invalid {
        message: format!("`{key}` is {d}: RDS keeps automated backups for 0 to 35 days"),
        help: Some("use a value from 0 to 35".into()),
    })
}
