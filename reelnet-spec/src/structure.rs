//! What each derived model struct declares of its structure beyond its
//! fields' types: the rules `#[from_node(...)]` adds
//! (`required`, `required_in_list`, `one_of`). The loader (`convert`)
//! enforces them; the JSON Schema (`schema`) states them from here, so the
//! two agree.

/// What a derived struct declares of its structure: the
/// rules that are not a single field's type (from `#[from_node(...)]`).
/// The loader enforces them; the JSON Schema states them from here.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Declaration {
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
