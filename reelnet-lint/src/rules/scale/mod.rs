//! SCALE: see RULES.md.
