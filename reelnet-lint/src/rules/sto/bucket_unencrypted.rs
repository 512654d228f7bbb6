use reelnet_spec::Spec;
use reelnet_spec::types::Encryption;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a bucket with `encryption: none`. (Leaving `encryption` out
    /// means `s3`, S3's own default, and passes.)
    ///
    /// ## Why is this bad?
    /// Since 5 January 2023 S3 encrypts every new object with S3-managed
    /// keys (SSE-S3) as the base level of encryption for every bucket, and
    /// removing a bucket's default encryption configuration resets it to
    /// SSE-S3: a bucket cannot be set to store objects unencrypted. So
    /// `encryption: none` describes a bucket that cannot exist; the
    /// deployed bucket uses SSE-S3, and anything that trusts the spec (a
    /// review, a compliance report, a tool that maps it to a template) is
    /// wrong about it. Say which encryption is meant: `s3` for what S3
    /// applies anyway, or `kms` when the data needs key-level access control
    /// and an audit trail of every decryption (SSE-KMS).
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
    /// - [Amazon S3: Setting default server-side encryption behavior for buckets (SSE-S3 for every bucket since January 2023; deleting the configuration resets to SSE-S3)](https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html)
    /// - [Amazon S3: Default encryption FAQ](https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html)
    /// - [Amazon S3: Protecting data with encryption](https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingEncryption.html)
    pub struct BucketUnencrypted {
        code: "STO005",
        name: "bucket-unencrypted",
        severity: Error,
        summary: "`encryption: none`, which S3 no longer offers (every new object is encrypted with SSE-S3 since January 2023)",
    }
    impl Rule;
}

impl BucketUnencrypted {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for bucket in spec.buckets() {
            if bucket.encryption.value != Encryption::None {
                continue;
            }
            cx.report(
                Finding::new(
                    bucket.encryption.loc,
                    format!(
                        "bucket `{}` says `encryption: none`, but S3 encrypts every new object with SSE-S3 since January 2023 and cannot be set to store them unencrypted: the spec does not describe the deployed bucket",
                        bucket.name.value
                    ),
                )
                .label("encryption: none")
                .help("write `encryption: s3` (SSE-S3, what S3 applies anyway), or `encryption: kms` (SSE-KMS) for key-level access control and an audit trail"),
            );
        }
    }
}
