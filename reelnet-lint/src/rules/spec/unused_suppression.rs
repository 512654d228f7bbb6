use reelnet_spec::Spec;

use crate::rule::Checker;

crate::declare_rule! {
    /// SPEC007 `unused-suppression`: its catalogue entry and documentation are declared
    /// once, in [`reelnet_spec::SpecCode::UnusedSuppression`].
    pub struct UnusedSuppression = SpecCode::UnusedSuppression { origin: Suppression }
    impl Rule;
}

impl UnusedSuppression {
    /// Reported while applying suppression comments (`crate::suppress`).
    fn check(&self, _spec: &Spec, _cx: &mut Checker<'_>) {}
}
