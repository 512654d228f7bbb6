//! CTR: see RULES.md.
