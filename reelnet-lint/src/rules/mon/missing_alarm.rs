use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};
use crate::rules::support::{CPU_METRIC, number};

crate::declare_rule! {
    /// ## What it does
    /// Reports a spec that runs services or an auto scaling group but has no
    /// alarm watching `CPUUtilization` (an alarm's `metric`, written or
    /// derived from its name: `cpu_utilization`). The finding points at the
    /// `alarms` section when there is one, else at what needs watching.
    /// Functions alone do not need it (Lambda scales without CPU alarms).
    ///
    /// ## Why is this bad?
    /// Auto scaling reacts to CPU load up to `max_size` and then stops. Without
    /// an alarm on CPU nobody learns that the group is saturated, that
    /// scaling has stalled, or that a service is burning CPU in a loop,
    /// until users report it.
    ///
    /// ## Example
    /// ```yaml
    /// auto_scaling:
    ///   min_size: 2
    ///   max_size: 10
    /// alarms:
    ///   memory_utilization:
    ///     threshold: 85
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// auto_scaling:
    ///   min_size: 2
    ///   max_size: 10
    /// alarms:
    ///   cpu_utilization:
    ///     threshold: 80
    ///     period: 300
    ///     evaluation_periods: 2
    ///   memory_utilization:
    ///     threshold: 85
    /// ```
    ///
    /// ## References
    /// - [Amazon CloudWatch: Using Amazon CloudWatch alarms](https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html)
    /// - [Amazon CloudWatch: Recommended alarms (EC2 and ECS `CPUUtilization`)](https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Best_Practice_Recommended_Alarms_AWS_Services.html)
    pub struct MissingAlarm {
        code: "MON004",
        name: "missing-alarm",
        severity: Warning,
        summary: "services or an auto scaling group exist and no alarm watches `CPUUtilization`",
    }
    impl Rule;
}

impl MissingAlarm {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let services = spec.services();
        let group = spec.auto_scaling.as_ref();
        if (services.is_empty() && group.is_none())
            || spec.alarms.iter().any(|a| a.metric.value == CPU_METRIC)
        {
            return;
        }
        let mut watched = Vec::new();
        if !services.is_empty() {
            let plural = if services.len() == 1 { "" } else { "s" };
            watched.push(format!("{} service{plural}", services.len()));
        }
        if group.is_some() {
            watched.push("an auto scaling group".to_owned());
        }
        let watched = watched.join(" and ");
        let services_loc = spec
            .compute
            .as_ref()
            .map(|c| c.services_loc.unwrap_or(c.loc))
            .filter(|_| !services.is_empty());
        let example = match group.and_then(|g| g.scale_up_threshold.as_ref()) {
            Some(up) if up.value >= 80.0 => (up.value + 10.0).min(100.0),
            _ => 80.0,
        };
        let help = format!(
            "add an alarm on {CPU_METRIC} under `alarms`, e.g. `cpu_utilization: {{ threshold: {}, period: 300, evaluation_periods: 2 }}`",
            number(example)
        );
        let (primary, message, label) = if let Some(loc) = spec.alarms_loc {
            let mut metrics: Vec<&str> = Vec::new();
            for a in &spec.alarms {
                if !metrics.contains(&a.metric.value.as_str()) {
                    metrics.push(&a.metric.value);
                }
            }
            let detail = if metrics.is_empty() {
                "the `alarms` section has none".to_owned()
            } else {
                format!("the alarms watch only {}", metrics.join(", "))
            };
            (
                loc,
                format!("no alarm watches {CPU_METRIC}, though the spec runs {watched}: {detail}"),
                format!("no {CPU_METRIC} alarm here"),
            )
        } else {
            let Some(loc) = group.map(|g| g.loc).or(services_loc) else {
                return;
            };
            (
                loc,
                format!("no `alarms` section: nothing watches the {CPU_METRIC} of {watched}"),
                "not watched by any alarm".to_owned(),
            )
        };
        let mut finding = Finding::new(primary, message).label(label);
        let involved = [
            (group.map(|g| g.loc), "auto scaling group"),
            (services_loc, "services"),
        ];
        for (loc, what) in involved {
            if let Some(loc) = loc.filter(|l| *l != primary) {
                finding = finding.related(loc, what);
            }
        }
        cx.report(finding.help(help));
    }
}
