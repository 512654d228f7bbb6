use reelnet_spec::Spec;

use crate::rule::{Checker, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Reports a suppression comment with nothing after its bracket:
    /// `# reelnet-lint: ignore[DB001]`. An `until=YYYY-MM-DD` expiry and
    /// leading punctuation (`:`, `-`) do not count as a reason. The
    /// suppression still works; this finding asks for the why.
    ///
    /// ## Why is this bad?
    /// An exception to a policy is a decision. Without its reason the next
    /// reader cannot tell a deliberate trade-off (a single-AZ analytics
    /// replica) from a shortcut taken to get a build green, and cannot know
    /// when it stops being true. The reason is what a reviewer approves.
    ///
    /// ## Example
    /// ```yaml
    /// database:
    ///   engine: postgres
    ///   multi_az: false  # reelnet-lint: ignore[DB001]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// database:
    ///   engine: postgres
    ///   multi_az: false  # reelnet-lint: ignore[DB001] analytics replica, rebuilt from S3 in 1h (ADR-12)
    /// ```
    ///
    /// ## References
    /// - [ESLint: disable comments with descriptions (eslint-comments/require-description)](https://eslint-community.github.io/eslint-plugin-eslint-comments/rules/require-description.html)
    /// - [Checkov: suppressing and skipping policies (a comment with a reason)](https://www.checkov.io/2.Basics/Suppressing%20and%20Skipping%20Policies.html)
    pub struct SuppressionWithoutReason {
        code: "SPEC008",
        name: "suppression-without-reason",
        severity: Warning,
        summary: "a suppression comment with no reason after its bracket",
        origin: Suppression,
    }
}

impl Rule for SuppressionWithoutReason {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    /// Reported while applying suppression comments (`crate::suppress`).
    fn check(&self, _spec: &Spec, _cx: &mut Checker<'_>) {}
}
