use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a bucket that has `replication` but not `versioning: true`.
    /// (STO001 warns about every bucket without versioning; this is the
    /// case S3 refuses outright.)
    ///
    /// ## Why is this bad?
    /// S3 replication requires versioning on both the source and the
    /// destination bucket: `PutBucketReplication` fails on a bucket without
    /// it, so the replication the spec describes is never set up and the
    /// copy in the other region does not exist.
    ///
    /// ## Example
    /// ```yaml
    /// storage:
    ///   buckets:
    ///     - name: reelnet-videos
    ///       replication: { region: us-west-2 }
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// storage:
    ///   buckets:
    ///     - name: reelnet-videos
    ///       versioning: true
    ///       replication: { region: us-west-2 }
    /// ```
    ///
    /// ## References
    /// - [Amazon S3: Requirements and considerations for replication (versioning on source and destination)](https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-requirements.html)
    /// - [Amazon S3 API Reference: PutBucketReplication](https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketReplication.html)
    pub struct ReplicationWithoutVersioning {
        code: "STO008",
        name: "replication-without-versioning",
        severity: Error,
        summary: "a bucket has `replication` but not `versioning: true` (S3 refuses the replication rule)",
    }
    impl Rule;
}

impl ReplicationWithoutVersioning {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for bucket in spec.buckets() {
            let Some(replication) = &bucket.replication else {
                continue;
            };
            let versioning = &bucket.versioning;
            if versioning.value {
                continue;
            }
            let name = &bucket.name.value;
            let how = if versioning.explicit {
                "`versioning: false`"
            } else {
                "no `versioning` (disabled by default)"
            };
            let mut finding = Finding::new(
                replication.loc,
                format!(
                    "bucket `{name}` replicates to {} but has {how}: S3 refuses a replication rule on a bucket without versioning",
                    replication.region.value
                ),
            )
            .label("replication needs versioning")
            .help("set `versioning: true` on the bucket (and on the destination bucket)");
            finding = if versioning.explicit {
                finding.related(versioning.loc, "versioning disabled here")
            } else {
                finding.related_key(
                    bucket.name.loc,
                    format!("bucket `{name}` has no `versioning`"),
                )
            };
            cx.report(finding);
        }
    }
}
