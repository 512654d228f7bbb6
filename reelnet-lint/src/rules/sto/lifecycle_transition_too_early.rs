use reelnet_spec::Spec;
use reelnet_spec::types::TimeUnit;

use crate::rule::{Checker, Finding};
use crate::rules::support::number;

/// The storage classes S3 will not transition objects to before they are
/// [`MIN_DAYS`] days old (Amazon S3 User Guide, "Transitioning objects using
/// Amazon S3 Lifecycle", constraints; checked 2026-11-29).
pub const INFREQUENT_ACCESS: [&str; 2] = ["STANDARD_IA", "ONEZONE_IA"];

/// The minimum age, in days, of an object moved to an infrequent-access
/// class.
pub const MIN_DAYS: u64 = 30;

crate::declare_rule! {
    /// ## What it does
    /// Reports a lifecycle rule that moves objects to `STANDARD_IA` or
    /// `ONEZONE_IA` (`transition`) before they are 30 days old
    /// (`after_days`).
    ///
    /// ## Why is this bad?
    /// S3 rejects such a lifecycle configuration: objects must be stored at
    /// least 30 days before they can move to S3 Standard-IA or S3 One
    /// Zone-IA, so `PutBucketLifecycleConfiguration` fails and none of the
    /// bucket's lifecycle rules take effect. (Other classes, such as
    /// `INTELLIGENT_TIERING` or `GLACIER`, have no such minimum.)
    ///
    /// ## Example
    /// ```yaml
    /// storage:
    ///   buckets:
    ///     - name: reelnet-videos
    ///       lifecycle:
    ///         - { after_days: 7, transition: STANDARD_IA }
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// storage:
    ///   buckets:
    ///     - name: reelnet-videos
    ///       lifecycle:
    ///         - { after_days: 30, transition: STANDARD_IA }
    /// ```
    ///
    /// ## References
    /// - [Amazon S3: Transitioning objects using Amazon S3 Lifecycle (objects must be stored at least 30 days before STANDARD_IA or ONEZONE_IA)](https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html)
    /// - [Amazon S3 API Reference: Transition, `Days` (words the minimum as "greater than 30"; the User Guide and its own examples use 30, which this rule accepts)](https://docs.aws.amazon.com/AmazonS3/latest/API/API_Transition.html)
    pub struct LifecycleTransitionTooEarly {
        code: "STO009",
        name: "lifecycle-transition-too-early",
        severity: Error,
        summary: "a lifecycle rule moves objects to `STANDARD_IA` or `ONEZONE_IA` before 30 days (S3 rejects it)",
    }
    impl Rule;
}

impl LifecycleTransitionTooEarly {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let day = TimeUnit::Days.seconds();
        let min = MIN_DAYS * day;
        for bucket in spec.buckets() {
            for rule in bucket.lifecycle.iter().flatten() {
                let Some(class) = &rule.transition else {
                    continue;
                };
                let Some(ia) = INFREQUENT_ACCESS
                    .iter()
                    .find(|c| c.eq_ignore_ascii_case(&class.value))
                else {
                    continue;
                };
                let after = &rule.after_days;
                if after.value.seconds >= min {
                    continue;
                }
                #[allow(clippy::cast_precision_loss)]
                let days = number(after.value.seconds as f64 / day as f64);
                cx.report(
                    Finding::new(
                        after.loc,
                        format!(
                            "bucket `{}` moves objects to {ia} after {days} days ({days} < {MIN_DAYS}): S3 rejects a transition to {ia} before {MIN_DAYS} days",
                            bucket.name.value
                        ),
                    )
                    .label(format!("{days} days"))
                    .related(class.loc, format!("transition to {ia}"))
                    .help(format!(
                        "set `after_days` to {MIN_DAYS} or more, or transition to INTELLIGENT_TIERING, which has no minimum age"
                    )),
                );
            }
        }
    }
}
