use reelnet_spec::Spec;

use crate::rule::{Checker, Finding, Rule, RuleMeta};
use crate::rules::support::number;

crate::declare_rule! {
    /// ## What it does
    /// Reports an alarm on a percentage metric (a metric whose name ends in
    /// `Utilization`, written as `metric` or derived from the alarm's name:
    /// `disk_utilization` → `DiskUtilization`) whose `threshold` is below 0 or
    /// above 100. The bounds themselves are allowed.
    ///
    /// ## Why is this bad?
    /// A utilization metric never leaves 0–100, so an alarm above 100 can
    /// never fire and one below 0 is always in alarm. Either way the alarm
    /// gives no signal; the usual cause is a threshold written as a ratio
    /// or a value meant for another metric.
    ///
    /// ## Example
    /// ```yaml
    /// alarms:
    ///   cpu_utilization:
    ///     threshold: 800
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// alarms:
    ///   cpu_utilization:
    ///     threshold: 80
    /// ```
    ///
    /// ## References
    /// - [Amazon EC2: CloudWatch metrics for your instances (`CPUUtilization` is a percentage)](https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/viewing_metrics_with_cloudwatch.html)
    /// - [Amazon ECS: CloudWatch metrics (`CPUUtilization`, `MemoryUtilization` in percent)](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/available-metrics.html)
    pub struct AlarmThresholdOutOfRange {
        code: "MON001",
        name: "alarm-threshold-out-of-range",
        severity: Error,
        summary: "a percent metric's threshold (metrics named `*Utilization`) outside 0–100",
    }
}

/// Whether a metric is a percentage, by CloudWatch's naming.
#[must_use]
pub fn is_percent_metric(metric: &str) -> bool {
    metric.ends_with("Utilization")
}

impl Rule for AlarmThresholdOutOfRange {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for alarm in &spec.alarms {
            let metric = &alarm.metric;
            let threshold = alarm.threshold.value;
            if !is_percent_metric(&metric.value) || (0.0..=100.0).contains(&threshold) {
                continue;
            }
            let t = number(threshold);
            let arithmetic = if threshold < 0.0 {
                format!("{t} < 0")
            } else {
                format!("{t} > 100")
            };
            let mut finding = Finding::new(
                alarm.threshold.loc,
                format!(
                    "alarm `{}` has threshold {t} on {}, a percentage: outside 0–100 ({arithmetic})",
                    alarm.name.value, metric.value
                ),
            )
            .label(format!("threshold {t}"))
            .help("use a threshold from 0 to 100 (percent), e.g. 80");
            finding = if metric.explicit {
                finding.related(metric.loc, "a percentage metric")
            } else {
                finding.related_key(
                    alarm.loc,
                    format!("watches {} (from the alarm's name)", metric.value),
                )
            };
            cx.report(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_percent_metric;

    #[test]
    fn utilization_metrics_are_percentages() {
        assert!(is_percent_metric("CPUUtilization"));
        assert!(is_percent_metric("MemoryUtilization"));
        assert!(!is_percent_metric("NetworkIn"));
        assert!(!is_percent_metric("utilization"));
        assert!(!is_percent_metric("CPUUtilizationRatio"));
    }
}
