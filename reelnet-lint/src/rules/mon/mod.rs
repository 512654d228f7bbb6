//! MON: see RULES.md.
