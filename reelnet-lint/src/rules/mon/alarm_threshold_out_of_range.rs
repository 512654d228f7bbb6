use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};
use crate::rules::support::number;

crate::declare_rule! {
    /// ## What it does
    /// Reports an alarm on a percentage metric (a metric whose name ends in
    /// `Utilization`, written as `metric` or derived from the alarm's name:
    /// `disk_utilization` → `DiskUtilization`) whose `threshold` is outside
    /// the values the metric can take. The bounds themselves are allowed.
    ///
    /// Which metrics are bounded:
    /// - Every `*Utilization` metric is at least 0: a threshold below 0 is
    ///   always reported.
    /// - Most are at most 100 (EC2 and RDS `CPUUtilization`, EBS and EFS
    ///   `*Utilization`, ...): a threshold above 100 is reported.
    /// - Amazon ECS reports a service's `CPUUtilization` and
    ///   `MemoryUtilization` as a share of what its tasks reserve, and tasks
    ///   may use more than their reservation, so these go above 100. When
    ///   the spec has `compute.services` (ECS services), a threshold above
    ///   100 on these two metrics is not reported.
    ///
    /// ## Why is this bad?
    /// An alarm on a threshold its metric can never reach never fires, and
    /// one below 0 is always in alarm. Either way the alarm gives no signal;
    /// the usual cause is a threshold written as a ratio or a value meant
    /// for another metric.
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
    /// - [Amazon ECS: Service utilization metrics (CPU and memory used ÷ what the task definition specifies, so above 100% when tasks use more than they reserve)](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_utilization.html)
    /// - [Amazon ECS: CloudWatch metrics (`CPUUtilization`, `MemoryUtilization` in percent)](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/available-metrics.html)
    pub struct AlarmThresholdOutOfRange {
        code: "MON001",
        name: "alarm-threshold-out-of-range",
        severity: Error,
        summary: "a percent metric's threshold (metrics named `*Utilization`) outside 0–100; above 100 is allowed for ECS service `CPUUtilization`/`MemoryUtilization` when the spec has services",
    }
    impl Rule;
}

/// Whether a metric is a percentage, by CloudWatch's naming.
#[must_use]
pub fn is_percent_metric(metric: &str) -> bool {
    metric.ends_with("Utilization")
}

/// Metrics that Amazon ECS reports per service relative to the tasks'
/// reservation, which exceed 100 when tasks use more than they reserve
/// (Amazon ECS Developer Guide, "Service utilization", checked 2026-11-29).
pub const ECS_UNBOUNDED: [&str; 2] = ["CPUUtilization", "MemoryUtilization"];

/// The largest value `metric` can take, or None when it has no upper bound
/// (an ECS service metric, when the spec runs ECS services).
#[must_use]
pub fn upper_bound(metric: &str, has_ecs_services: bool) -> Option<f64> {
    if has_ecs_services && ECS_UNBOUNDED.contains(&metric) {
        None
    } else {
        Some(100.0)
    }
}

impl AlarmThresholdOutOfRange {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let ecs = !spec.services().is_empty();
        for alarm in &spec.alarms {
            let metric = &alarm.metric;
            let threshold = alarm.threshold.value;
            if !is_percent_metric(&metric.value) {
                continue;
            }
            let upper = upper_bound(&metric.value, ecs);
            let t = number(threshold);
            let (arithmetic, range) = if threshold < 0.0 {
                (format!("{t} < 0"), "below 0")
            } else if upper.is_some_and(|u| threshold > u) {
                (format!("{t} > 100"), "outside 0–100")
            } else {
                continue;
            };
            let mut finding = Finding::new(
                alarm.threshold.loc,
                format!(
                    "alarm `{}` has threshold {t} on {}, a percentage: {range} ({arithmetic})",
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
    use super::{is_percent_metric, upper_bound};

    #[test]
    fn utilization_metrics_are_percentages() {
        assert!(is_percent_metric("CPUUtilization"));
        assert!(is_percent_metric("MemoryUtilization"));
        assert!(!is_percent_metric("NetworkIn"));
        assert!(!is_percent_metric("utilization"));
        assert!(!is_percent_metric("CPUUtilizationRatio"));
    }

    #[test]
    fn ecs_service_metrics_are_unbounded_only_with_services() {
        assert_eq!(upper_bound("CPUUtilization", false), Some(100.0));
        assert_eq!(upper_bound("CPUUtilization", true), None);
        assert_eq!(upper_bound("MemoryUtilization", true), None);
        assert_eq!(upper_bound("DiskUtilization", true), Some(100.0));
    }
}
