use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a bucket without `replication`. When the spec names a
    /// `dr_region` other than its `region`, the help suggests it and the
    /// finding points at it.
    ///
    /// ## Why is this bad?
    /// S3 stores a bucket's objects in one region. A regional outage, or a
    /// deletion that versioning cannot undo (the whole bucket), leaves no
    /// copy to recover from; cross-region replication keeps one in another
    /// region.
    ///
    /// ## Example
    /// ```yaml
    /// region: us-east-1
    /// dr_region: us-west-2
    /// storage:
    ///   buckets:
    ///     - name: reelnet-videos
    ///       versioning: true
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// region: us-east-1
    /// dr_region: us-west-2
    /// storage:
    ///   buckets:
    ///     - name: reelnet-videos
    ///       versioning: true
    ///       replication: { region: us-west-2 }
    /// ```
    ///
    /// ## References
    /// - [Amazon S3: Replicating objects within and across Regions](https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html)
    /// - [AWS Security Hub: [S3.7] S3 general purpose buckets should use cross-Region replication](https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-7)
    pub struct BucketNoReplication {
        code: "STO002",
        name: "bucket-no-replication",
        severity: Warning,
        summary: "no `replication`",
    }
    impl Rule;
}

impl BucketNoReplication {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let region = spec.region.as_ref();
        let dr = spec.dr_region.as_ref().filter(|dr| {
            region.is_none_or(|r| !r.value.trim().eq_ignore_ascii_case(dr.value.trim()))
        });
        for bucket in spec.buckets() {
            if bucket.replication.is_some() {
                continue;
            }
            let name = &bucket.name.value;
            let place = region.map_or_else(
                || "one region".to_owned(),
                |r| format!("one region ({})", r.value),
            );
            let mut finding = Finding::new(
                bucket.loc,
                format!("bucket `{name}` has no `replication`: its objects exist in {place} only"),
            )
            .label(format!("bucket `{name}`: `replication` absent"));
            finding = match dr {
                Some(dr) => finding
                    .related(dr.loc, "the spec's DR region")
                    .help(format!(
                        "add `replication: {{ region: {} }}` to the bucket",
                        dr.value
                    )),
                None => finding.help(
                    "add `replication: { region: REGION }` to the bucket, naming a region other than the spec's",
                ),
            };
            cx.report(finding);
        }
    }
}
