//! CTR: services and functions.

pub mod fargate_task_size_invalid;
pub mod function_limits;
pub mod function_runtime_deprecated;
pub mod image_latest_tag;
pub mod lambda_runtimes;
pub mod missing_health_check;
pub mod service_in_public_subnet;
