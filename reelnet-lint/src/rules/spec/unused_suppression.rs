use reelnet_spec::Spec;

use crate::rule::{Checker, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Reports a suppression comment (`# reelnet-lint: ignore[...]`) that
    /// hides nothing:
    ///
    /// - a rule it names had no finding on the line it covers (its own line,
    ///   or the next line when the comment stands alone), although the rule
    ///   ran for that file (a rule turned off by `select`, `ignore` or
    ///   `[per-path-ignores]` is not judged);
    /// - it names no rule (a typo: the help suggests the closest code or name);
    /// - it expired: its `until=YYYY-MM-DD` is before the lint date
    ///   (`--as-of`, default today), so the findings it hid are reported again;
    /// - it names a rule the configuration lists as `unignorable`;
    /// - it names an error of a spec that does not load (no rule could run,
    ///   so the error stays);
    /// - it names SPEC007 or SPEC008, which only the configuration can turn off;
    /// - it starts with `reelnet-lint:` but does not parse.
    ///
    /// A suppression comment cannot hide this rule's findings.
    ///
    /// ## Why is this bad?
    /// A suppression outlives the finding it was written for: once the spec is
    /// fixed, a stale comment silently hides the next, unrelated problem on
    /// that line. A misspelt code hides nothing while looking as if it did,
    /// and an expired exception is exactly the deadline the team agreed to
    /// be reminded of.
    ///
    /// ## Example
    /// ```yaml
    /// database:
    ///   engine: postgres
    ///   multi_az: true  # reelnet-lint: ignore[DB001] single-AZ is fine for the replica
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// database:
    ///   engine: postgres
    ///   multi_az: true
    /// ```
    ///
    /// ## References
    /// - [ruff: unused-noqa (RUF100)](https://docs.astral.sh/ruff/rules/unused-noqa/)
    /// - [ESLint: reportUnusedDisableDirectives](https://eslint.org/docs/latest/use/configure/rules#report-unused-eslint-disable-comments)
    pub struct UnusedSuppression {
        code: "SPEC007",
        name: "unused-suppression",
        severity: Warning,
        summary: "a suppression comment that suppressed nothing (unused, unknown rule, expired, or unignorable)",
        origin: Suppression,
    }
}

impl Rule for UnusedSuppression {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    /// Reported while applying suppression comments (`crate::suppress`).
    fn check(&self, _spec: &Spec, _cx: &mut Checker<'_>) {}
}
