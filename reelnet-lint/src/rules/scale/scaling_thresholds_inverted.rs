use reelnet_spec::{Severity, Spec};

use crate::rule::{Checker, Finding, Rule, RuleMeta};
use crate::rules::support::{number, round6};

/// The smallest gap, in percentage points, between the scale-down and the
/// scale-up threshold that does not risk flapping.
pub const MIN_GAP: f64 = 20.0;

crate::declare_rule! {
    /// ## What it does
    /// Compares the CPU thresholds of `auto_scaling` (when both are written):
    /// an **error** when `scale_down_threshold` ≥ `scale_up_threshold`, a
    /// **warning** when `scale_up_threshold` − `scale_down_threshold` is under
    /// 20 points. The message shows the arithmetic.
    ///
    /// ## Why is this bad?
    /// With the thresholds inverted, the group scales in and out on the same
    /// load: both policies fire, and capacity swings at every evaluation. With
    /// a narrow gap, adding one instance drops the average CPU below the
    /// scale-down threshold, so the group removes it again and keeps
    /// oscillating ("flapping"), paying for every launch and draining
    /// connections at every removal.
    ///
    /// ## Example
    /// ```yaml
    /// auto_scaling:
    ///   min_size: 2
    ///   max_size: 10
    ///   scale_up_threshold: 75
    ///   scale_down_threshold: 65
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// auto_scaling:
    ///   min_size: 2
    ///   max_size: 10
    ///   scale_up_threshold: 75
    ///   scale_down_threshold: 25
    /// ```
    ///
    /// ## References
    /// - [Amazon EC2 Auto Scaling: Step and simple scaling policies](https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-simple-step.html)
    /// - [Amazon EC2 Auto Scaling: Scaling cooldowns](https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-scaling-cooldowns.html)
    pub struct ScalingThresholdsInverted {
        code: "SCALE002",
        name: "scaling-thresholds-inverted",
        severity: Error,
        summary: "`scale_down_threshold` ≥ `scale_up_threshold`; warning when the gap is under 20 points (flapping)",
    }
}

/// What to change: lower the scale-down threshold to at least [`MIN_GAP`]
/// points below scale-up, else raise scale-up, else spread both.
fn help(up: f64, down: f64) -> String {
    let gap = number(MIN_GAP);
    let lowered = round6(up - MIN_GAP);
    let raised = round6(down + MIN_GAP);
    if lowered >= 0.0 {
        format!(
            "lower scale_down_threshold to at most {} ({gap} points below scale_up_threshold {})",
            number(lowered),
            number(up)
        )
    } else if raised <= 100.0 {
        format!(
            "raise scale_up_threshold to at least {} ({gap} points above scale_down_threshold {})",
            number(raised),
            number(down)
        )
    } else {
        format!(
            "keep the thresholds at least {gap} points apart, e.g. scale_up_threshold 75 and scale_down_threshold 25"
        )
    }
}

impl Rule for ScalingThresholdsInverted {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(a) = &spec.auto_scaling else { return };
        let (Some(up), Some(down)) = (&a.scale_up_threshold, &a.scale_down_threshold) else {
            return;
        };
        let (u, d) = (number(up.value), number(down.value));
        let gap = round6(up.value - down.value);
        let finding = if down.value >= up.value {
            let op = if round6(down.value) == round6(up.value) {
                "="
            } else {
                ">"
            };
            Finding::new(
                down.loc,
                format!(
                    "scale_down_threshold {d} is not below scale_up_threshold {u} ({d} {op} {u}): the group scales in and out on the same load"
                ),
            )
            .severity(Severity::Error)
            .label(format!("scale_down_threshold {d}"))
        } else if gap < MIN_GAP {
            Finding::new(
                down.loc,
                format!(
                    "scale_down_threshold {d} is only {} points below scale_up_threshold {u} ({u} − {d} = {} < {}): the group may flap",
                    number(gap),
                    number(gap),
                    number(MIN_GAP)
                ),
            )
            .severity(Severity::Warning)
            .label(format!("{} points below scale-up", number(gap)))
        } else {
            return;
        };
        cx.report(
            finding
                .related(up.loc, format!("scale_up_threshold {u}"))
                .help(help(up.value, down.value)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::help;

    #[test]
    fn help_moves_the_threshold_that_can_move() {
        assert_eq!(
            help(75.0, 65.0),
            "lower scale_down_threshold to at most 55 (20 points below scale_up_threshold 75)"
        );
        assert_eq!(
            help(20.0, 20.0),
            "lower scale_down_threshold to at most 0 (20 points below scale_up_threshold 20)"
        );
        assert_eq!(
            help(10.0, 5.0),
            "raise scale_up_threshold to at least 25 (20 points above scale_down_threshold 5)"
        );
        assert_eq!(
            help(10.0, 90.0),
            "keep the thresholds at least 20 points apart, e.g. scale_up_threshold 75 and scale_down_threshold 25"
        );
    }
}
