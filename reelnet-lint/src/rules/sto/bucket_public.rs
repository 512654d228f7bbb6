use reelnet_spec::Spec;
use reelnet_spec::types::PublicAccess;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a bucket with `public_access: public`. When a CDN distribution
    /// already serves the bucket (`origins: [storage/NAME]`), the finding
    /// points at that origin too.
    ///
    /// ## Why is this bad?
    /// A public bucket serves (and, with a careless policy, accepts) objects
    /// for anyone on the internet, bypassing the CDN's WAF, TLS policy and
    /// caching: public buckets are a leading cause of data leaks. Keep S3
    /// Block Public Access on and let CloudFront read the bucket through
    /// origin access control.
    ///
    /// ## Example
    /// ```yaml
    /// storage:
    ///   buckets:
    ///     - name: reelnet-videos
    ///       public_access: public
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// storage:
    ///   buckets:
    ///     - name: reelnet-videos
    ///       public_access: blocked
    /// ```
    ///
    /// ## References
    /// - [Amazon S3: Blocking public access to your Amazon S3 storage](https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html)
    /// - [Amazon CloudFront: Restricting access to an Amazon S3 origin (origin access control)](https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html)
    pub struct BucketPublic {
        code: "STO004",
        name: "bucket-public",
        severity: Error,
        summary: "`public_access: public`",
    }
    impl Rule;
}

impl BucketPublic {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for bucket in spec.buckets() {
            if bucket.public_access.value != PublicAccess::Public {
                continue;
            }
            let name = &bucket.name.value;
            let origin = format!("storage/{name}");
            let mut finding = Finding::new(
                bucket.public_access.loc,
                format!("bucket `{name}` is public: anyone on the internet can read its objects, bypassing the CDN"),
            )
            .label("public_access: public")
            .help("set `public_access: blocked` and serve the objects through a CloudFront distribution with origin access control");
            for d in spec.distributions() {
                for o in d.origins.iter().filter(|o| o.value == origin) {
                    finding = finding.related(
                        o.loc,
                        format!("distribution `{}` already serves it", d.name.value),
                    );
                }
            }
            cx.report(finding);
        }
    }
}
