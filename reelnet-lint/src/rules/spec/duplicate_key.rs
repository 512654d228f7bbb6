use reelnet_spec::Spec;

use crate::rule::Checker;

crate::declare_rule! {
    /// SPEC002 `duplicate-key`: its catalogue entry and documentation are declared
    /// once, in [`reelnet_spec::SpecCode::DuplicateKey`].
    pub struct DuplicateKey = SpecCode::DuplicateKey { origin: Loader }
    impl Rule;
}

impl DuplicateKey {
    /// Reported by the loader (`reelnet_spec::Loader`), not on the model.
    fn check(&self, _spec: &Spec, _cx: &mut Checker<'_>) {}
}
