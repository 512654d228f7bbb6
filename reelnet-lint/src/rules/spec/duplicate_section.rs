use reelnet_spec::Spec;

use crate::rule::Checker;

crate::declare_rule! {
    /// SPEC005 `duplicate-section`: its catalogue entry and documentation are declared
    /// once, in [`reelnet_spec::SpecCode::DuplicateSection`].
    pub struct DuplicateSection = SpecCode::DuplicateSection { origin: Loader }
    impl Rule;
}

impl DuplicateSection {
    /// Reported by the loader (`reelnet_spec::Loader`), not on the model.
    fn check(&self, _spec: &Spec, _cx: &mut Checker<'_>) {}
}
