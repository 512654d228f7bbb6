//! The rules, one file each, grouped by area. The registry
//! ([`crate::registry::RULES`]) lists them in catalogue order.

pub(crate) mod containers;
pub mod ctr;
pub mod db;
pub mod dkr;
pub mod dr;
pub mod edge;
pub mod k8s;
pub mod mon;
pub mod net;
pub mod pipe;
pub mod scale;
pub mod spec;
pub mod sto;
pub(crate) mod support;
pub mod xref;
