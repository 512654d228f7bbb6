//! [`Spanned`]: a value with its place in the source, the unit every
//! layer (the spec's model, the container layer) is built from.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};

use crate::source::Loc;

/// A value with its place in the source.
///
/// Equality compares values only: two specs that say the same thing are
/// equal wherever they say it.
#[derive(Clone, Debug)]
pub struct Spanned<T> {
    /// The value, converted from the YAML scalar or the documented default.
    pub value: T,
    /// Where the value is written, or (when `explicit` is false) the
    /// mapping that leaves it to its default.
    pub loc: Loc,
    /// False when the value is the documented default, not written.
    pub explicit: bool,
}

impl<T> Spanned<T> {
    /// A value written in the spec at `loc`.
    #[must_use]
    pub const fn new(value: T, loc: Loc) -> Self {
        Self {
            value,
            loc,
            explicit: true,
        }
    }

    /// A documented default, not written: `loc` is the mapping that
    /// leaves it out (findings about it point there).
    #[must_use]
    pub const fn default_at(value: T, loc: Loc) -> Self {
        Self {
            value,
            loc,
            explicit: false,
        }
    }
}

impl<T> Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: fmt::Display> fmt::Display for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}
