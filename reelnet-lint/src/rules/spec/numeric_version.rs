use reelnet_spec::Spec;

use crate::rule::Checker;

crate::declare_rule! {
    /// SPEC003 `numeric-version`: its catalogue entry and documentation are declared
    /// once, in [`reelnet_spec::SpecCode::NumericVersion`].
    pub struct NumericVersion = SpecCode::NumericVersion { origin: Loader }
    impl Rule;
}

impl NumericVersion {
    /// Reported by the loader (`reelnet_spec::Loader`), not on the model.
    fn check(&self, _spec: &Spec, _cx: &mut Checker<'_>) {}
}
