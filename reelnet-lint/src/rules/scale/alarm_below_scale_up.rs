use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};
use crate::rules::support::{CPU_METRIC, number};

crate::declare_rule! {
    /// ## What it does
    /// Reports a CPU alarm (one whose `metric` is `CPUUtilization`, written or
    /// derived from the alarm's name, e.g. `cpu_utilization`) whose
    /// `threshold` is at or below `auto_scaling.scale_up_threshold`. Silent
    /// when there is no `auto_scaling` or it has no `scale_up_threshold`.
    ///
    /// ## Why is this bad?
    /// The alarm is meant to signal that scaling could not keep up. If it
    /// fires at or below the load at which the group starts to scale out, it
    /// fires on every ordinary scale-out, before the new instances can take
    /// load: people get paged for the system working as designed, and learn
    /// to ignore the alarm.
    ///
    /// ## Example
    /// ```yaml
    /// auto_scaling:
    ///   min_size: 2
    ///   max_size: 10
    ///   scale_up_threshold: 75
    ///   scale_down_threshold: 25
    /// alarms:
    ///   cpu_utilization:
    ///     threshold: 70
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// auto_scaling:
    ///   min_size: 2
    ///   max_size: 10
    ///   scale_up_threshold: 75
    ///   scale_down_threshold: 25
    /// alarms:
    ///   cpu_utilization:
    ///     threshold: 85
    /// ```
    ///
    /// ## References
    /// - [Amazon EC2 Auto Scaling: Step and simple scaling policies](https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-simple-step.html)
    /// - [Amazon CloudWatch: Using Amazon CloudWatch alarms](https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html)
    pub struct AlarmBelowScaleUp {
        code: "SCALE005",
        name: "alarm-below-scale-up",
        severity: Warning,
        summary: "a CPU alarm's threshold ≤ `scale_up_threshold`: it fires before scaling can react",
    }
    impl Rule;
}

/// What to change: raise the alarm above scale-up (while a percentage can
/// still be above it), or lower scale-up below the alarm (while it can go lower).
fn help(up: f64, threshold: f64) -> String {
    let (u, t) = (number(up), number(threshold));
    let example = (up + 10.0).min(100.0);
    let raise = (example > up).then(|| {
        format!(
            "raise the alarm's threshold above {u} (e.g. {})",
            number(example)
        )
    });
    let lower = (threshold > 0.0).then(|| format!("lower scale_up_threshold below {t}"));
    match (raise, lower) {
        (Some(r), Some(l)) => format!("{r}, or {l}"),
        (Some(r), None) => r,
        (None, Some(l)) => format!("{l}: CPU cannot exceed 100%"),
        (None, None) => "set the alarm's threshold above scale_up_threshold".to_owned(),
    }
}

impl AlarmBelowScaleUp {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let Some(up) = spec
            .auto_scaling
            .as_ref()
            .and_then(|a| a.scale_up_threshold.as_ref())
        else {
            return;
        };
        let u = number(up.value);
        for alarm in &spec.alarms {
            if alarm.metric.value != CPU_METRIC || alarm.threshold.value > up.value {
                continue;
            }
            let t = number(alarm.threshold.value);
            let op = if alarm.threshold.value < up.value {
                "<"
            } else {
                "="
            };
            let name = &alarm.name.value;
            let base = Finding::new(
                alarm.threshold.loc,
                format!(
                    "alarm `{name}` fires at {CPU_METRIC} {t}, not above scale_up_threshold {u} ({t} {op} {u}): it alarms before scaling can react"
                ),
            )
            .label(format!("alarm threshold {t}"))
            .related(up.loc, format!("scale_up_threshold {u}"))
            .help(help(up.value, alarm.threshold.value));
            let finding = if alarm.metric.explicit {
                base.related(alarm.metric.loc, "the CPU metric")
            } else {
                base.related_key(
                    alarm.loc,
                    format!("watches {CPU_METRIC} (from the alarm's name)"),
                )
            };
            cx.report(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::help;

    #[test]
    fn help_suggests_only_possible_changes() {
        assert_eq!(
            help(75.0, 70.0),
            "raise the alarm's threshold above 75 (e.g. 85), or lower scale_up_threshold below 70"
        );
        assert_eq!(
            help(95.0, 95.0),
            "raise the alarm's threshold above 95 (e.g. 100), or lower scale_up_threshold below 95"
        );
        assert_eq!(
            help(100.0, 90.0),
            "lower scale_up_threshold below 90: CPU cannot exceed 100%"
        );
        assert_eq!(
            help(50.0, 0.0),
            "raise the alarm's threshold above 50 (e.g. 60)"
        );
        assert_eq!(
            help(100.0, 0.0),
            "set the alarm's threshold above scale_up_threshold"
        );
    }
}
