use reelnet_spec::Spec;

use crate::rule::Checker;

crate::declare_rule! {
    /// SPEC000 `yaml-syntax`: its catalogue entry and documentation are declared
    /// once, in [`reelnet_spec::SpecCode::YamlSyntax`].
    pub struct YamlSyntax = SpecCode::YamlSyntax { origin: Loader }
    impl Rule;
}

impl YamlSyntax {
    /// Reported by the loader (`reelnet_spec::Loader`), not on the model.
    fn check(&self, _spec: &Spec, _cx: &mut Checker<'_>) {}
}
