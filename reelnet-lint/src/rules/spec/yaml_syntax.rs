use reelnet_spec::Spec;

use crate::rule::{Checker, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Reports a file that is not well-formed YAML, or that the loader refuses
    /// to read: invalid UTF-8, a binary file, more than one document, or a
    /// document over the loader's limits (nesting depth, node count, alias
    /// expansion, file size).
    ///
    /// ## Why is this bad?
    /// Nothing else can be checked in a file that cannot be parsed. The limits
    /// exist so that a hostile or broken file (a "billion laughs" alias bomb,
    /// 100,000 nested brackets) ends with a diagnostic instead of a hang.
    ///
    /// ## Example
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    ///    public_subnets: [10.0.1.0/24]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    ///   public_subnets: [10.0.1.0/24]
    /// ```
    ///
    /// ## References
    /// - [YAML 1.2.2 specification](https://yaml.org/spec/1.2.2/)
    pub struct YamlSyntax {
        code: "SPEC000",
        name: "yaml-syntax",
        severity: Error,
        summary: "the YAML cannot be parsed",
        origin: Loader,
    }
}

impl Rule for YamlSyntax {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    /// Reported by the loader (`reelnet_spec::Loader`), not on the model.
    fn check(&self, _spec: &Spec, _cx: &mut Checker<'_>) {}
}
