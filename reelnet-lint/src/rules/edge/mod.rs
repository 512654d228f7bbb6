//! EDGE: see RULES.md.
