use reelnet_spec::Spec;

use crate::rule::{Checker, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Reports a `version` written as an unquoted number.
    ///
    /// ## Why is this bad?
    /// YAML reads `14.10` as the number 14.1 and `8.0` as 8: the version that
    /// reaches the tool is not the one written. The spec keeps the text as
    /// written, but other tools reading the same file will not.
    ///
    /// ## Example
    /// ```yaml
    /// database:
    ///   version: 14.10
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// database:
    ///   version: "14.10"
    /// ```
    ///
    /// ## References
    /// - [YAML 1.2.2, 10.3.2 Core schema tag resolution](https://yaml.org/spec/1.2.2/#1032-tag-resolution)
    pub struct NumericVersion {
        code: "SPEC003",
        name: "numeric-version",
        severity: Warning,
        summary: "a version is an unquoted number",
        origin: Loader,
    }
}

impl Rule for NumericVersion {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    /// Reported by the loader (`reelnet_spec::Loader`), not on the model.
    fn check(&self, _spec: &Spec, _cx: &mut Checker<'_>) {}
}
