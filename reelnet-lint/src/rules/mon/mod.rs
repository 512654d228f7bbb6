//! MON: monitoring and logs.

pub mod alarm_period_invalid;
pub mod alarm_threshold_out_of_range;
pub mod alarm_window_too_long;
pub mod log_retention_unset;
pub mod missing_alarm;
