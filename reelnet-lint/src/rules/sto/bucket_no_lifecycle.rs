use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a bucket without `lifecycle` rules: no `lifecycle`, or an empty
    /// list.
    ///
    /// ## Why is this bad?
    /// Without lifecycle rules every object stays in S3 Standard forever:
    /// rarely read media is billed at the hottest tier, and with versioning
    /// on, noncurrent versions accumulate without bound. Transitions (to
    /// `STANDARD_IA`, `GLACIER`) and expirations keep the cost in line with
    /// how the data is used. This is advice, hence `info`.
    ///
    /// ## Example
    /// ```yaml
    /// storage:
    ///   buckets:
    ///     - name: reelnet-videos
    ///       versioning: true
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// storage:
    ///   buckets:
    ///     - name: reelnet-videos
    ///       versioning: true
    ///       lifecycle:
    ///         - { after_days: 30, transition: STANDARD_IA }
    ///         - { after_days: 180, transition: GLACIER }
    /// ```
    ///
    /// ## References
    /// - [Amazon S3: Managing the lifecycle of objects](https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html)
    /// - [AWS Well-Architected, COST04-BP05: Enforce data retention policies](https://docs.aws.amazon.com/wellarchitected/latest/cost-optimization-pillar/cost_decomissioning_resources_data_retention.html)
    pub struct BucketNoLifecycle {
        code: "STO003",
        name: "bucket-no-lifecycle",
        severity: Info,
        summary: "no `lifecycle` rules",
    }
    impl Rule;
}

impl BucketNoLifecycle {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        const HELP: &str = "add lifecycle rules, e.g. `lifecycle: [{ after_days: 30, transition: STANDARD_IA }]`, or `expire: true` for data with an end of life";
        for bucket in spec.buckets() {
            let name = &bucket.name.value;
            let finding = match &bucket.lifecycle {
                Some(rules) if !rules.is_empty() => continue,
                Some(_) => Finding::new(
                    bucket.lifecycle_loc.unwrap_or(bucket.loc),
                    format!("bucket `{name}` has an empty `lifecycle` list: its objects stay in S3 Standard forever"),
                )
                .label("no rules"),
                None => Finding::new(
                    bucket.loc,
                    format!("bucket `{name}` has no `lifecycle` rules: its objects stay in S3 Standard forever"),
                )
                .label(format!("bucket `{name}`: `lifecycle` absent")),
            };
            cx.report(finding.help(HELP));
        }
    }
}
