//! The rules, one file each, grouped by area. The registry
//! ([`crate::registry::RULES`]) lists them in catalogue order.

pub mod ctr;
pub mod db;
pub mod dr;
pub mod edge;
pub mod mon;
pub mod net;
pub mod pipe;
pub mod scale;
pub mod spec;
pub mod sto;
