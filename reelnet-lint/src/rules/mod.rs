//! The rules, one file each, grouped by area. The registry
//! ([`crate::registry::RULES`]) lists them in code order.

pub mod net;
pub mod spec;
