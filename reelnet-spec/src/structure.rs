//! What each derived model struct declares of its structure beyond its
//! fields' types: its keys, and the rules `#[from_node(...)]` adds
//! (`required`, `required_in_list`, `one_of`). The loader (`convert`)
//! enforces them; the JSON Schema (`schema`) states them from here, so the
//! two agree.

use std::collections::BTreeMap;

use crate::spanned::Spanned;

/// What a derived struct declares of its structure: its keys and the
/// rules that are not a single field's type (from `#[from_node(...)]`).
/// The loader enforces them; the JSON Schema states them from here.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Declaration {
    /// The keys its loader reads, in declaration order.
    #[cfg_attr(not(test), allow(dead_code))]
    pub keys: &'static [&'static str],
    /// `#[from_node(required)]`: required in the spec as a whole.
    pub required: &'static [&'static str],
    /// `#[from_node(required_in_list)]`: required in an item of a list.
    pub required_in_list: &'static [&'static str],
    /// `#[from_node(one_of(...))]`: at least one of these holds a value.
    pub one_of: &'static [&'static str],
}

/// A derived struct's [`Declaration`].
pub(crate) trait Structure {
    const DECLARATION: Declaration;
}

/// Derived struct name (its schema name) → its declaration.
pub(crate) type Declarations = BTreeMap<&'static str, Declaration>;

/// The derived structs a type of the model reaches: a derived struct
/// records its declaration, then walks its loaded fields' types; a
/// container walks what it holds. Walking `Model` lists every derived
/// struct, so neither the schema nor the tests can miss one.
pub(crate) trait Declared {
    fn declare(out: &mut Declarations);
}

impl<T> Declared for Spanned<T> {
    fn declare(_: &mut Declarations) {}
}

impl<T: Declared> Declared for Option<T> {
    fn declare(out: &mut Declarations) {
        T::declare(out);
    }
}

impl<T: Declared> Declared for Vec<T> {
    fn declare(out: &mut Declarations) {
        T::declare(out);
    }
}

impl<T: Declared> Declared for BTreeMap<String, T> {
    fn declare(out: &mut Declarations) {
        T::declare(out);
    }
}
