use reelnet_spec::Spec;

use crate::rule::{Checker, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Reports a mapping key that the spec format does not define, with the
    /// closest known key as a suggestion (`mutli_az` → `multi_az`).
    ///
    /// ## Why is this bad?
    /// A misspelt key is silently a different setting: `mutli_az: true` leaves
    /// the database single-AZ while its author believes otherwise.
    ///
    /// ## Example
    /// ```yaml
    /// database:
    ///   mutli_az: true
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// database:
    ///   multi_az: true
    /// ```
    ///
    /// ## References
    /// - The spec format (FORMAT.md) and its JSON Schema (`reelnet-lint schema`)
    pub struct UnknownField {
        code: "SPEC001",
        name: "unknown-field",
        severity: Error,
        summary: "a key the format does not define",
        origin: Loader,
    }
}

impl Rule for UnknownField {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    /// Reported by the loader (`reelnet_spec::Loader`), not on the model.
    fn check(&self, _spec: &Spec, _cx: &mut Checker<'_>) {}
}
