//! The rule registry: one table from code to rule, in code order.
//!
//! A code appears here and in its rule's file name, nowhere else. Retired
//! codes are listed in [`REMOVED`] and never reused.

use crate::rule::{Rule, RuleMeta};
#[allow(unused_imports)]
use crate::rules::{ctr, db, dr, edge, mon, net, pipe, scale, spec, sto};

/// Every built-in rule, in code order.
pub static RULES: &[&dyn Rule] = &[
    // SPEC: the document itself
    &spec::yaml_syntax::YamlSyntax,
    &spec::unknown_field::UnknownField,
    &spec::duplicate_key::DuplicateKey,
    &spec::numeric_version::NumericVersion,
    &spec::invalid_value::InvalidValue,
    &spec::duplicate_section::DuplicateSection,
    &spec::dangling_reference::DanglingReference,
    // NET: addressing
    &net::subnet_overlap::SubnetOverlap,
    &net::subnet_outside_vpc::SubnetOutsideVpc,
    &net::cidr_host_bits::CidrHostBits,
    &net::cidr_size_out_of_range::CidrSizeOutOfRange,
    &net::vpc_cidr_not_private::VpcCidrNotPrivate,
    &net::tier_single_az::TierSingleAz,
    &net::vpc_peer_overlap::VpcPeerOverlap,
    &net::tier_capacity::TierCapacity,
    // DB: databases
    // EDGE: entry points, TLS, certificates
    // SCALE: capacity
    // MON: monitoring and logs
    // STO: buckets, file systems, backups
    // CTR: services and functions
    // PIPE: delivery
    // DR: disaster recovery
];

/// Codes that were retired: never reuse them.
pub static REMOVED: &[&str] = &[];

/// The rule with this code or name (case-insensitive).
#[must_use]
pub fn find(code_or_name: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| {
        let m = r.meta();
        m.code.eq_ignore_ascii_case(code_or_name) || m.name.eq_ignore_ascii_case(code_or_name)
    })
}

/// Metadata of every built-in rule, in code order.
pub fn metas() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|r| r.meta())
}
