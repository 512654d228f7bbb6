//! SPEC: the document itself.

pub mod dangling_reference;
pub mod duplicate_key;
pub mod duplicate_section;
pub mod invalid_value;
pub mod numeric_version;
pub mod unknown_field;
pub mod yaml_syntax;
