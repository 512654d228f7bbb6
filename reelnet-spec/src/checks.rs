//! Checks of single values that the model declares on its fields
//! (`#[from_node(validate = "...")]`), beyond what the type and the
//! schema check. A failed check is SPEC004 at the value.
//!
//! A check is its [`Bounds`] (data) and the message for a value outside
//! them: the loader tests the bounds, and the generated JSON Schema states
//! the same bounds for the field ([`crate::types::Duration::field_schema`]),
//! so that the two cannot drift.

use crate::types::{Duration, TimeUnit};

/// Why a value failed its field's check.
#[derive(Debug)]
pub(crate) struct Invalid {
    pub message: String,
    pub help: Option<String>,
}

/// The values a field takes, inclusive, in the value's measure
/// ([`Measured`]: seconds for a duration).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Bounds {
    pub min: u64,
    pub max: u64,
}

impl Bounds {
    /// No bounds beyond the type's own.
    pub const ANY: Self = Self {
        min: 0,
        max: u64::MAX,
    };
}

/// A value a check bounds: its measure.
pub(crate) trait Measured {
    fn measure(&self) -> u64;
}

impl Measured for Duration {
    /// In seconds.
    fn measure(&self) -> u64 {
        self.seconds
    }
}

/// A field's check: its bounds, and what to say about a value outside
/// them (`fn(value, key)`).
pub(crate) struct Check<T> {
    pub bounds: Bounds,
    pub outside: fn(&T, &str) -> Invalid,
}

impl<T: Measured> Check<T> {
    /// `Ok` when `value` is within the bounds.
    pub(crate) fn check(&self, value: &T, key: &str) -> Result<(), Invalid> {
        if (self.bounds.min..=self.bounds.max).contains(&value.measure()) {
            Ok(())
        } else {
            Err((self.outside)(value, key))
        }
    }
}

/// A Lambda function's timeout: at least 1 second (Lambda's range is 1 to
/// 900 seconds; above 900 is a finding, not a load error).
pub(crate) const LAMBDA_TIMEOUT: Check<Duration> = Check {
    bounds: Bounds {
        min: 1,
        max: u64::MAX,
    },
    outside: |t, key| Invalid {
        message: format!("`{key}` is {t}: a Lambda function's timeout is at least 1 second"),
        help: Some("use 1 to 900 seconds (Lambda's range; default 3)".into()),
    },
};

/// RDS automated backups: kept 0 to 35 days (RDS User Guide, "Backup
/// retention period").
pub(crate) const BACKUP_RETENTION: Check<Duration> = Check {
    bounds: Bounds {
        min: 0,
        max: 35 * TimeUnit::Days.seconds(),
    },
    outside: |d, key| Invalid {
        message: format!("`{key}` is {d}: RDS keeps automated backups for 0 to 35 days"),
        help: Some("use a value from 0 to 35".into()),
    },
};
