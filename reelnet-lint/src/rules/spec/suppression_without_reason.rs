use reelnet_spec::Spec;

use crate::rule::Checker;

crate::declare_rule! {
    /// SPEC008 `suppression-without-reason`: its catalogue entry and documentation are declared
    /// once, in [`reelnet_spec::SpecCode::SuppressionWithoutReason`].
    pub struct SuppressionWithoutReason = SpecCode::SuppressionWithoutReason { origin: Suppression }
    impl Rule;
}

impl SuppressionWithoutReason {
    /// Reported while applying suppression comments (`crate::suppress`).
    fn check(&self, _spec: &Spec, _cx: &mut Checker<'_>) {}
}
