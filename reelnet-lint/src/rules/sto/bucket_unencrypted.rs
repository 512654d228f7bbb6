use reelnet_spec::Spec;
use reelnet_spec::types::Encryption;

use crate::rule::{Checker, Finding, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Reports a bucket with `encryption: none`. (Leaving `encryption` out
    /// means `s3`, S3's own default, and passes.)
    ///
    /// ## Why is this bad?
    /// Objects stored without server-side encryption are readable by anyone
    /// who gets at the storage media or a mis-scoped copy, and fail most
    /// compliance regimes (PCI DSS, HIPAA, SOC 2). Encryption at rest costs
    /// nothing with S3-managed keys, and KMS keys add access control and an
    /// audit trail.
    ///
    /// ## Example
    /// ```yaml
    /// storage:
    ///   buckets:
    ///     - name: reelnet-videos
    ///       encryption: none
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// storage:
    ///   buckets:
    ///     - name: reelnet-videos
    ///       encryption: kms
    /// ```
    ///
    /// ## References
    /// - [Amazon S3: Setting default server-side encryption behavior for buckets](https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html)
    /// - [Amazon S3: Protecting data with encryption](https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingEncryption.html)
    pub struct BucketUnencrypted {
        code: "STO005",
        name: "bucket-unencrypted",
        severity: Error,
        summary: "`encryption: none`",
    }
}

impl Rule for BucketUnencrypted {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for bucket in spec.buckets() {
            if bucket.encryption.value != Encryption::None {
                continue;
            }
            cx.report(
                Finding::new(
                    bucket.encryption.loc,
                    format!(
                        "bucket `{}` stores its objects unencrypted (encryption: none)",
                        bucket.name.value
                    ),
                )
                .label("encryption: none")
                .help("set `encryption: kms` (SSE-KMS), or `encryption: s3` (SSE-S3)"),
            );
        }
    }
}
