use reelnet_spec::Spec;

use crate::rule::{Checker, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Reports a key that appears twice in one mapping, pointing at both.
    ///
    /// ## Why is this bad?
    /// YAML forbids duplicate keys; many parsers silently keep the last one, so
    /// the file says two different things and only one of them takes effect.
    ///
    /// ## Example
    /// ```yaml
    /// database:
    ///   multi_az: true
    ///   multi_az: false
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// database:
    ///   multi_az: true
    /// ```
    ///
    /// ## References
    /// - [YAML 1.2.2, 3.2.1.1 Nodes: mapping keys are unique](https://yaml.org/spec/1.2.2/#3211-nodes)
    pub struct DuplicateKey {
        code: "SPEC002",
        name: "duplicate-key",
        severity: Error,
        summary: "a mapping repeats a key",
        origin: Loader,
    }
}

impl Rule for DuplicateKey {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    /// Reported by the loader (`reelnet_spec::Loader`), not on the model.
    fn check(&self, _spec: &Spec, _cx: &mut Checker<'_>) {}
}
