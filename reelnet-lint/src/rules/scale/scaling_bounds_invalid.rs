use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Checks the bounds of `auto_scaling`: reports `min_size` > `max_size`,
    /// and otherwise a `desired_capacity` outside [`min_size`, `max_size`].
    /// `desired_capacity` defaults to `min_size` (as on EC2 Auto Scaling), so
    /// only a written one can be out of range. When `min_size` > `max_size`
    /// no capacity can satisfy both, so only that is reported.
    ///
    /// ## Why is this bad?
    /// EC2 Auto Scaling rejects a group whose minimum exceeds its maximum, or
    /// whose desired capacity lies outside them: the deployment fails, or a
    /// later update of one bound is refused.
    ///
    /// ## Example
    /// ```yaml
    /// auto_scaling:
    ///   min_size: 2
    ///   max_size: 10
    ///   desired_capacity: 12
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// auto_scaling:
    ///   min_size: 2
    ///   max_size: 12
    ///   desired_capacity: 12
    /// ```
    ///
    /// ## References
    /// - [Amazon EC2 Auto Scaling: Set scaling limits for your Auto Scaling group](https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-capacity-limits.html)
    pub struct ScalingBoundsInvalid {
        code: "SCALE001",
        name: "scaling-bounds-invalid",
        severity: Error,
        summary: "`min_size` > `max_size`, or `desired_capacity` outside [min, max]",
    }
    impl Rule;
}

impl ScalingBoundsInvalid {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(a) = &spec.auto_scaling else { return };
        let (min, max) = (a.min_size.value, a.max_size.value);
        if min > max {
            cx.report(
                Finding::new(
                    a.min_size.loc,
                    format!("min_size {min} is greater than max_size {max} ({min} > {max})"),
                )
                .label(format!("min_size {min}"))
                .related(a.max_size.loc, format!("max_size {max}"))
                .help(format!(
                    "make min_size at most max_size: lower min_size to {max} or less, or raise max_size to {min} or more"
                )),
            );
            return;
        }
        let desired = &a.desired_capacity;
        if !desired.explicit {
            return;
        }
        let d = desired.value;
        let (bound_loc, bound, arithmetic, moved) = if d < min {
            (
                a.min_size.loc,
                format!("min_size {min}"),
                format!("{d} < {min}"),
                format!("lower min_size to {d}"),
            )
        } else if d > max {
            (
                a.max_size.loc,
                format!("max_size {max}"),
                format!("{d} > {max}"),
                format!("raise max_size to {d}"),
            )
        } else {
            return;
        };
        cx.report(
            Finding::new(
                desired.loc,
                format!(
                    "desired_capacity {d} is outside [min_size {min}, max_size {max}] ({arithmetic})"
                ),
            )
            .label(format!("desired_capacity {d}"))
            .related(bound_loc, bound)
            .help(format!(
                "set desired_capacity between {min} and {max}, or {moved}"
            )),
        );
    }
}
