use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports an `auto_scaling` group whose `min_size` is under 2.
    ///
    /// ## Why is this bad?
    /// When load is low the group scales in to `min_size`. With one instance
    /// (or none) left, a single instance failure, a deployment or an
    /// availability-zone outage takes every service on the group down until a
    /// replacement has launched and passed its health checks. Two instances,
    /// spread over two zones, keep the services up through either.
    ///
    /// ## Example
    /// ```yaml
    /// auto_scaling:
    ///   min_size: 1
    ///   max_size: 10
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// auto_scaling:
    ///   min_size: 2
    ///   max_size: 10
    /// ```
    ///
    /// ## References
    /// - [Amazon EC2 Auto Scaling: Set scaling limits for your Auto Scaling group](https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-capacity-limits.html)
    /// - [AWS Well-Architected, REL10-BP01: Deploy the workload to multiple locations](https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_fault_isolation_multiaz_region_system.html)
    pub struct SingleInstanceMinimum {
        code: "SCALE003",
        name: "single-instance-minimum",
        severity: Warning,
        summary: "`min_size` < 2",
    }
    impl Rule;
}

impl SingleInstanceMinimum {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(a) = &spec.auto_scaling else { return };
        let min = a.min_size.value;
        let what = match min {
            0 => "lets the group scale in to no instances",
            1 => "leaves a single instance when the group scales in",
            _ => return,
        };
        cx.report(
            Finding::new(
                a.min_size.loc,
                format!("min_size {min} {what} ({min} < 2): one failure takes the services down"),
            )
            .label(format!("min_size {min}"))
            .help("set min_size to at least 2, so that an instance stays up in a second availability zone"),
        );
    }
}
