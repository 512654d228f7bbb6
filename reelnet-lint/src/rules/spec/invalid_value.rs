use reelnet_spec::Spec;

use crate::rule::{Checker, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Reports a value of the wrong type or form: a string where a number is
    /// expected, an unparsable CIDR, size, duration or domain, a number out of
    /// the field's range, an unknown keyword, a missing required field, or
    /// `yes`/`no`/`on`/`off` where a boolean is expected.
    ///
    /// ## Why is this bad?
    /// The spec cannot mean what it says. Under YAML 1.2 `yes` is the string
    /// "yes", not true; a tool that reads it as a boolean and one that does
    /// not will disagree about the architecture.
    ///
    /// ## Example
    /// ```yaml
    /// database:
    ///   multi_az: yes
    ///   storage: lots
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// database:
    ///   multi_az: true
    ///   storage: 100GB
    /// ```
    ///
    /// ## References
    /// - [YAML 1.2.2, 10.2 JSON schema: booleans are true and false](https://yaml.org/spec/1.2.2/#1021-tags)
    /// - The spec format (FORMAT.md), "Scalar types"
    pub struct InvalidValue {
        code: "SPEC004",
        name: "invalid-value",
        severity: Error,
        summary: "wrong type, unparsable CIDR/size/domain, out of range, or yes/no for a boolean",
        origin: Loader,
    }
}

impl Rule for InvalidValue {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    /// Reported by the loader (`reelnet_spec::Loader`), not on the model.
    fn check(&self, _spec: &Spec, _cx: &mut Checker<'_>) {}
}
