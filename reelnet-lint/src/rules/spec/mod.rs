//! SPEC: the document itself.

pub mod dangling_reference;
pub mod duplicate_key;
pub mod duplicate_section;
pub mod invalid_value;
pub mod numeric_version;
pub mod suppression_without_reason;
pub mod unknown_field;
pub mod unused_suppression;
pub mod yaml_syntax;
