use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports an alarm whose `period` is not 10, 20, 30 or a (non-zero)
    /// multiple of 60 seconds, and suggests the nearest valid periods.
    ///
    /// ## Why is this bad?
    /// CloudWatch rejects any other period: the alarm cannot be created and
    /// the deployment fails. (10, 20 and 30 seconds make a high-resolution
    /// alarm, which only gets data from metrics published at one-second
    /// resolution.)
    ///
    /// ## Example
    /// ```yaml
    /// alarms:
    ///   cpu_utilization:
    ///     threshold: 80
    ///     period: 90
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// alarms:
    ///   cpu_utilization:
    ///     threshold: 80
    ///     period: 60
    /// ```
    ///
    /// ## References
    /// - [Amazon CloudWatch API: PutMetricAlarm, `Period`](https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html)
    pub struct AlarmPeriodInvalid {
        code: "MON002",
        name: "alarm-period-invalid",
        severity: Error,
        summary: "`period` not 10, 20, 30 or a multiple of 60",
    }
    impl Rule;
}

/// Whether CloudWatch accepts `seconds` as an alarm period.
#[must_use]
pub fn is_valid_period(seconds: u64) -> bool {
    matches!(seconds, 10 | 20 | 30) || (seconds > 0 && seconds.is_multiple_of(60))
}

/// The valid periods just below and just above an invalid one.
#[must_use]
pub fn neighbours(seconds: u64) -> (Option<u64>, u64) {
    match seconds {
        0..=9 => (None, 10),
        11..=19 => (Some(10), 20),
        21..=29 => (Some(20), 30),
        31..=59 => (Some(30), 60),
        _ => {
            let below = seconds / 60 * 60;
            (Some(below), below.saturating_add(60))
        }
    }
}

impl AlarmPeriodInvalid {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for alarm in &spec.alarms {
            let period = &alarm.period;
            let seconds = period.value.seconds;
            if is_valid_period(seconds) {
                continue;
            }
            let help = match neighbours(seconds) {
                (Some(below), above) => format!("use {below} or {above} seconds"),
                (None, above) => format!("use {above} seconds or more"),
            };
            let shown = if period.value.unit.seconds() == 1 {
                period.value.to_string()
            } else {
                format!("{} ({seconds} seconds)", period.value)
            };
            cx.report(
                Finding::new(
                    period.loc,
                    format!(
                        "alarm `{}` has a period of {shown}; CloudWatch accepts only 10, 20, 30 or a multiple of 60 seconds",
                        alarm.name.value
                    ),
                )
                .label(format!("period {seconds} s"))
                .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{is_valid_period, neighbours};

    #[test]
    fn valid_periods() {
        for ok in [10, 20, 30, 60, 120, 300, 3600, 86_400] {
            assert!(is_valid_period(ok), "{ok}");
        }
        for bad in [0, 1, 5, 15, 40, 45, 59, 61, 90, 301] {
            assert!(!is_valid_period(bad), "{bad}");
        }
    }

    #[test]
    fn neighbours_are_valid_and_bracket_the_period() {
        assert_eq!(neighbours(0), (None, 10));
        assert_eq!(neighbours(5), (None, 10));
        assert_eq!(neighbours(15), (Some(10), 20));
        assert_eq!(neighbours(25), (Some(20), 30));
        assert_eq!(neighbours(45), (Some(30), 60));
        assert_eq!(neighbours(90), (Some(60), 120));
        assert_eq!(neighbours(301), (Some(300), 360));
        for p in (0..2000).filter(|p| !is_valid_period(*p)) {
            let (below, above) = neighbours(p);
            assert!(is_valid_period(above) && above > p, "{p}");
            assert!(below.is_none_or(|b| is_valid_period(b) && b < p), "{p}");
            // Nothing valid lies strictly between them.
            let from = below.map_or(0, |b| b + 1);
            assert!((from..above).all(|q| !is_valid_period(q)), "{p}");
        }
    }
}
