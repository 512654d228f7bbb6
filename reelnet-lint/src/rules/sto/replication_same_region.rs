use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a bucket whose `replication.region` is the spec's own `region`
    /// (compared without regard to case), pointing at both. A bucket lives in
    /// the spec's `region`; without one the rule cannot tell and stays silent.
    ///
    /// ## Why is this bad?
    /// Same-region replication copies objects within the region that holds
    /// the source bucket: a regional outage takes both copies down. When the
    /// replica is meant for disaster recovery, as replication is here, it
    /// must be in another region.
    ///
    /// ## Example
    /// ```yaml
    /// region: us-east-1
    /// storage:
    ///   buckets:
    ///     - name: reelnet-videos
    ///       versioning: true
    ///       replication: { region: us-east-1 }
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// region: us-east-1
    /// storage:
    ///   buckets:
    ///     - name: reelnet-videos
    ///       versioning: true
    ///       replication: { region: us-west-2 }
    /// ```
    ///
    /// ## References
    /// - [Amazon S3: Replicating objects within and across Regions (CRR and SRR)](https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html)
    /// - [AWS whitepaper: Disaster recovery of workloads on AWS, Disaster recovery options in the cloud](https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html)
    pub struct ReplicationSameRegion {
        code: "STO007",
        name: "replication-same-region",
        severity: Error,
        summary: "a bucket replicates to its own `region`",
    }
    impl Rule;
}

impl ReplicationSameRegion {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(region) = &spec.region else { return };
        let home = region.value.trim();
        let dr = spec
            .dr_region
            .as_ref()
            .filter(|dr| !dr.value.trim().eq_ignore_ascii_case(home));
        for bucket in spec.buckets() {
            let Some(replication) = &bucket.replication else {
                continue;
            };
            let target = &replication.region;
            if !target.value.trim().eq_ignore_ascii_case(home) {
                continue;
            }
            let help = match dr {
                Some(dr) => format!(
                    "replicate to another region, e.g. `replication: {{ region: {} }}` (the spec's dr_region)",
                    dr.value
                ),
                None => format!("replicate to a region other than {home}"),
            };
            cx.report(
                Finding::new(
                    target.loc,
                    format!(
                        "bucket `{}` replicates to {}, the region it lives in: a regional outage takes both copies",
                        bucket.name.value, target.value
                    ),
                )
                .label(format!("replica in {}", target.value))
                .related(region.loc, "the bucket's region (the spec's `region`)")
                .help(help),
            );
        }
    }
}
