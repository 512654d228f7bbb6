use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a bucket with `versioning: false`, or without `versioning`
    /// (S3's default is disabled). When the bucket also has `replication`,
    /// the finding points at it too: S3 replication requires versioning
    /// (STO008 reports that case as an error, since S3 refuses it).
    ///
    /// ## Why is this bad?
    /// Without versioning, an overwrite or a delete (by a bug, a script or an
    /// attacker) destroys the only copy of an object. Versioning keeps prior
    /// versions recoverable, and it is a prerequisite of S3 replication.
    ///
    /// ## Example
    /// ```yaml
    /// storage:
    ///   buckets:
    ///     - name: reelnet-videos
    ///       versioning: false
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// storage:
    ///   buckets:
    ///     - name: reelnet-videos
    ///       versioning: true
    /// ```
    ///
    /// ## References
    /// - [Amazon S3: Retaining multiple versions of objects with S3 Versioning](https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html)
    /// - [Amazon S3: Requirements for replication (versioning on both buckets)](https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-requirements.html)
    pub struct BucketVersioningDisabled {
        code: "STO001",
        name: "bucket-versioning-disabled",
        severity: Warning,
        summary: "`versioning` false or absent",
    }
    impl Rule;
}

impl BucketVersioningDisabled {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for bucket in spec.buckets() {
            let versioning = &bucket.versioning;
            if versioning.value {
                continue;
            }
            let name = &bucket.name.value;
            let mut finding = if versioning.explicit {
                Finding::new(
                    versioning.loc,
                    format!("bucket `{name}` has versioning disabled: an overwrite or delete loses the object for good"),
                )
                .label("versioning: false")
                .help("set `versioning: true`")
            } else {
                Finding::new(
                    versioning.loc,
                    format!("bucket `{name}` has no `versioning`, so versioning is disabled (the S3 default): an overwrite or delete loses the object for good"),
                )
                .label(format!("bucket `{name}`: `versioning` absent"))
                .help("add `versioning: true` to the bucket")
            };
            if let Some(replication) = &bucket.replication {
                finding =
                    finding.related(replication.region.loc, "replication requires versioning");
            }
            cx.report(finding);
        }
    }
}
