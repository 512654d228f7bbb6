//! DR: see RULES.md.
