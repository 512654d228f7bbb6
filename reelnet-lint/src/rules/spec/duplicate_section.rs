use reelnet_spec::Spec;

use crate::rule::{Checker, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// In a spec split across the YAML files of a directory, reports a
    /// top-level section defined in more than one file, naming both.
    ///
    /// ## Why is this bad?
    /// Sections are not merged key by key: which file wins would depend on
    /// file order, and a reader of one file would not see the other.
    ///
    /// ## Example
    /// ```yaml
    /// # network.yaml
    /// vpc: { cidr: 10.0.0.0/16 }
    /// # legacy.yaml
    /// vpc: { cidr: 10.1.0.0/16 }
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// # network.yaml
    /// vpc: { cidr: 10.0.0.0/16 }
    /// ```
    ///
    /// ## References
    /// - The spec format (FORMAT.md), "Files"
    pub struct DuplicateSection {
        code: "SPEC005",
        name: "duplicate-section",
        severity: Error,
        summary: "a top-level section defined in two files of one spec",
        origin: Loader,
    }
}

impl Rule for DuplicateSection {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    /// Reported by the loader (`reelnet_spec::Loader`), not on the model.
    fn check(&self, _spec: &Spec, _cx: &mut Checker<'_>) {}
}
