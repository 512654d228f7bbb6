//! CTR: services and functions.

pub mod function_limits;
pub mod image_latest_tag;
pub mod missing_health_check;
pub mod service_in_public_subnet;
