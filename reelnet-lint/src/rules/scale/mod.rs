//! SCALE: capacity.

pub mod alarm_below_scale_up;
pub mod replicas_below_two;
pub mod scaling_bounds_invalid;
pub mod scaling_thresholds_inverted;
pub mod single_instance_minimum;
