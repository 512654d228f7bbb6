use reelnet_spec::Spec;

use crate::rule::Checker;

crate::declare_rule! {
    /// SPEC004 `invalid-value`: its catalogue entry and documentation are declared
    /// once, in [`reelnet_spec::SpecCode::InvalidValue`].
    pub struct InvalidValue = SpecCode::InvalidValue { origin: Loader }
    impl Rule;
}

impl InvalidValue {
    /// Reported by the loader (`reelnet_spec::Loader`), not on the model.
    fn check(&self, _spec: &Spec, _cx: &mut Checker<'_>) {}
}
