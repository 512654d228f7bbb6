//! PIPE: see RULES.md.
