use reelnet_spec::Spec;

use crate::rule::Checker;

crate::declare_rule! {
    /// SPEC001 `unknown-field`: its catalogue entry and documentation are declared
    /// once, in [`reelnet_spec::SpecCode::UnknownField`].
    pub struct UnknownField = SpecCode::UnknownField { origin: Loader }
    impl Rule;
}

impl UnknownField {
    /// Reported by the loader (`reelnet_spec::Loader`), not on the model.
    fn check(&self, _spec: &Spec, _cx: &mut Checker<'_>) {}
}
