use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};
use crate::rules::support::thousands;

/// The longest evaluation window for a period under an hour: one day.
pub const SHORT_PERIOD_LIMIT: u128 = 86_400;
/// The longest evaluation window for any period: seven days.
pub const LIMIT: u128 = 604_800;
/// Periods from this many seconds on may use the seven-day window.
pub const LONG_PERIOD: u128 = 3_600;

crate::declare_rule! {
    /// ## What it does
    /// Reports an alarm whose evaluation window, `period` × `evaluation_periods`
    /// (in seconds), is over 86,400 s (one day) with a period under 3,600 s,
    /// or over 604,800 s (seven days) with any period. The message shows the
    /// product; the help gives the most evaluation periods that fit.
    ///
    /// ## Why is this bad?
    /// CloudWatch rejects such an alarm: it cannot be created and the
    /// deployment fails. Even where it could, an alarm that needs a day of
    /// breaching data before it fires reports an outage long after users did.
    ///
    /// ## Example
    /// ```yaml
    /// alarms:
    ///   cpu_utilization:
    ///     threshold: 80
    ///     period: 300
    ///     evaluation_periods: 300
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// alarms:
    ///   cpu_utilization:
    ///     threshold: 80
    ///     period: 300
    ///     evaluation_periods: 3
    /// ```
    ///
    /// ## References
    /// - [Amazon CloudWatch API: PutMetricAlarm, `Period` and `EvaluationPeriods`](https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html)
    pub struct AlarmWindowTooLong {
        code: "MON003",
        name: "alarm-window-too-long",
        severity: Error,
        summary: "`period` × `evaluation_periods` > 86,400 s when period < 3,600, or > 604,800 s",
    }
    impl Rule;
}

/// The window limit that applies to a period, in seconds.
#[must_use]
pub fn limit_for(period: u128) -> u128 {
    if period < LONG_PERIOD {
        SHORT_PERIOD_LIMIT
    } else {
        LIMIT
    }
}

impl AlarmWindowTooLong {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for alarm in &spec.alarms {
            let period = u128::from(alarm.period.value.seconds);
            let evaluations = u128::from(alarm.evaluation_periods.value);
            let window = period * evaluations;
            let limit = limit_for(period);
            if window <= limit {
                continue;
            }
            let why = if limit == SHORT_PERIOD_LIMIT {
                format!(
                    "CloudWatch's limit of {} s (1 day) for periods under {} s",
                    thousands(limit),
                    thousands(LONG_PERIOD)
                )
            } else {
                format!("CloudWatch's limit of {} s (7 days)", thousands(limit))
            };
            let plural = if evaluations == 1 { "" } else { "s" };
            let message = format!(
                "alarm `{}` evaluates {} s × {} period{plural} = {} s, over {why} ({} > {})",
                alarm.name.value,
                thousands(period),
                thousands(evaluations),
                thousands(window),
                thousands(window),
                thousands(limit)
            );
            let most = limit / period.max(1);
            let help = if most == 0 {
                format!("lower period to at most {} s", thousands(LIMIT))
            } else {
                let mut h = format!(
                    "lower evaluation_periods to at most {} ({} / {} = {})",
                    thousands(most),
                    thousands(limit),
                    thousands(period),
                    thousands(most)
                );
                if limit == SHORT_PERIOD_LIMIT {
                    h.push_str(&format!(
                        ", or use a period of {} s or more, which allows up to {} s",
                        thousands(LONG_PERIOD),
                        thousands(LIMIT)
                    ));
                }
                h
            };
            let evals = &alarm.evaluation_periods;
            let p = &alarm.period;
            let finding = if evals.explicit {
                let f = Finding::new(evals.loc, message)
                    .label(format!("{} period{plural}", thousands(evaluations)));
                if p.explicit {
                    f.related(p.loc, format!("period {} s", thousands(period)))
                } else {
                    f
                }
            } else {
                Finding::new(p.loc, message).label(format!("period {} s", thousands(period)))
            };
            cx.report(finding.help(help));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::limit_for;

    #[test]
    fn limit_depends_on_the_period() {
        assert_eq!(limit_for(60), 86_400);
        assert_eq!(limit_for(3_599), 86_400);
        assert_eq!(limit_for(3_600), 604_800);
        assert_eq!(limit_for(86_400), 604_800);
    }
}
