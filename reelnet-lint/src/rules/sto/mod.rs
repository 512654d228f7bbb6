//! STO: see RULES.md.
