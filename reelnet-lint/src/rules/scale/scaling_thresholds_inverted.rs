use reelnet_spec::{Severity, Spec};

use crate::rule::{Checker, Finding};
use crate::rules::support::{number, round6};

crate::declare_rule! {
    /// ## What it does
    /// Compares the CPU thresholds of `auto_scaling` (when both are written):
    /// an **error** when `scale_down_threshold` ≥ `scale_up_threshold`, and a
    /// **warning** when one scale-out from `min_size` would already trigger
    /// the scale-in.
    ///
    /// Adding one instance to n spreads the same load over n + 1: an average
    /// utilisation U becomes U·n/(n+1). With n = `min_size` (the fewest
    /// instances, where one more makes the biggest difference) and U =
    /// `scale_up_threshold`, the rule warns when U·n/(n+1) is at or below
    /// `scale_down_threshold` (and `max_size` leaves room to scale out).
    /// The message shows the arithmetic: with
    /// `min_size: 2`, up at 75 and down at 55, one scale-out brings the
    /// average to 75·2/3 = 50 ≤ 55.
    ///
    /// ## Why is this bad?
    /// With the thresholds inverted, the group scales in and out on the same
    /// load: both policies fire, and capacity swings at every evaluation.
    /// When one scale-out lowers the average below the scale-in threshold,
    /// the group removes the instance it just added, the load goes back
    /// above the scale-out threshold, and it keeps oscillating ("flapping"),
    /// paying for every launch and draining connections at every removal.
    ///
    /// ## Example
    /// ```yaml
    /// auto_scaling:
    ///   min_size: 2
    ///   max_size: 10
    ///   scale_up_threshold: 75
    ///   scale_down_threshold: 55
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// auto_scaling:
    ///   min_size: 2
    ///   max_size: 10
    ///   scale_up_threshold: 75
    ///   scale_down_threshold: 40
    /// ```
    ///
    /// ## References
    /// - [Amazon EC2 Auto Scaling: Step and simple scaling policies](https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-simple-step.html)
    /// - [Amazon EC2 Auto Scaling: Target tracking scaling policies (keep scale-in conservative to avoid fluctuation)](https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html)
    pub struct ScalingThresholdsInverted {
        code: "SCALE002",
        name: "scaling-thresholds-inverted",
        severity: Error,
        summary: "`scale_down_threshold` ≥ `scale_up_threshold`; warning when one scale-out from `min_size` n at `scale_up_threshold` U brings average utilisation to U·n/(n+1), at or below `scale_down_threshold` (flapping)",
    }
    impl Rule;
}

/// The average utilisation after one scale-out from `n` instances at `up`:
/// the same load over n + 1 instances, `up`·n/(n+1). `n` is at least 1.
#[must_use]
pub fn after_scale_out(up: f64, n: u32) -> f64 {
    let n = f64::from(n.max(1));
    up * n / (n + 1.0)
}

/// The smallest `min_size` at which one scale-out from `up` stays above
/// `down`: n/(n+1) > down/up, i.e. n > down/(up − down). None when `down`
/// is not below `up`.
#[must_use]
pub fn min_size_without_flapping(up: f64, down: f64) -> Option<u32> {
    if down >= up || up <= 0.0 {
        return None;
    }
    let bound = (down.max(0.0) / (up - down)).floor() + 1.0;
    // Thresholds are percentages, so the bound is finite and small in
    // practice; cap it rather than overflow on absurd input.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Some(bound.min(f64::from(u32::MAX)) as u32)
}

impl ScalingThresholdsInverted {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(a) = &spec.auto_scaling else { return };
        let (Some(up), Some(down)) = (&a.scale_up_threshold, &a.scale_down_threshold) else {
            return;
        };
        let (u, d) = (number(up.value), number(down.value));
        if down.value >= up.value {
            let op = if round6(down.value) == round6(up.value) {
                "="
            } else {
                ">"
            };
            cx.report(
                Finding::new(
                    down.loc,
                    format!(
                        "scale_down_threshold {d} is not below scale_up_threshold {u} ({d} {op} {u}): the group scales in and out on the same load"
                    ),
                )
                .severity(Severity::Error)
                .label(format!("scale_down_threshold {d}"))
                .related(up.loc, format!("scale_up_threshold {u}"))
                .help("set scale_down_threshold well below scale_up_threshold, e.g. scale_up_threshold 75 and scale_down_threshold 40"),
            );
            return;
        }
        let n = a.min_size.value.max(1);
        if a.max_size.value <= n {
            // The group cannot grow past min_size: no scale-out, no flapping.
            return;
        }
        let after = round6(after_scale_out(up.value, n));
        if after > round6(down.value) {
            return;
        }
        let shown = number(after);
        let op = if after == round6(down.value) {
            "="
        } else {
            "<"
        };
        let mut help =
            format!("lower scale_down_threshold below {shown} (the average after one scale-out)");
        if let Some(m) = min_size_without_flapping(up.value, down.value)
            .filter(|m| *m <= a.max_size.value && *m > n)
        {
            help.push_str(&format!(", or raise min_size to {m}"));
        }
        cx.report(
            Finding::new(
                down.loc,
                format!(
                    "one scale-out from min_size {n} at scale_up_threshold {u} brings average utilisation to {u}·{n}/{} = {shown} {op} scale_down_threshold {d}: the group scales back in at once and flaps",
                    n + 1
                ),
            )
            .severity(Severity::Warning)
            .label(format!("at or above {shown}, the average after one scale-out"))
            .related(up.loc, format!("scale_up_threshold {u}"))
            .related(a.min_size.loc, format!("min_size {n}"))
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{after_scale_out, min_size_without_flapping};

    #[test]
    fn scale_out_arithmetic() {
        assert!((after_scale_out(75.0, 2) - 50.0).abs() < 1e-9);
        assert!((after_scale_out(80.0, 1) - 40.0).abs() < 1e-9);
        assert!((after_scale_out(80.0, 0) - 40.0).abs() < 1e-9);
        assert!((after_scale_out(90.0, 9) - 81.0).abs() < 1e-9);
    }

    #[test]
    fn smallest_min_size_that_stays_above_scale_down() {
        // 75·n/(n+1) > 55 ⇔ n > 2.75.
        assert_eq!(min_size_without_flapping(75.0, 55.0), Some(3));
        // 75·n/(n+1) > 50 ⇔ n > 2: n = 2 gives exactly 50 (flaps).
        assert_eq!(min_size_without_flapping(75.0, 50.0), Some(3));
        assert_eq!(min_size_without_flapping(75.0, 25.0), Some(1));
        assert_eq!(min_size_without_flapping(50.0, 50.0), None);
        for (up, down) in [(75.0, 55.0), (80.0, 70.0), (60.0, 10.0), (90.0, 89.5)] {
            let m = min_size_without_flapping(up, down).unwrap_or(0);
            assert!(after_scale_out(up, m) > down, "{up} {down} {m}");
            assert!(
                m <= 1 || after_scale_out(up, m - 1) <= down,
                "{up} {down} {m}"
            );
        }
    }
}
