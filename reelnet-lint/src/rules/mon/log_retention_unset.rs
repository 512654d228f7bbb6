use reelnet_spec::Spec;
use reelnet_spec::types::{Duration, TimeUnit};

use crate::rule::{Checker, Finding};

/// The shortest retention, in days, that keeps a week of logs for an
/// incident found after a weekend.
pub const MIN_DAYS: u64 = 7;

/// The retention periods CloudWatch Logs accepts, in days
/// (`PutRetentionPolicy`, `retentionInDays`; checked 2026-11-29): any other
/// number is refused by the API.
pub const RETENTION_DAYS: [u64; 22] = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

/// The accepted retentions nearest to `days`: the largest below and the
/// smallest above (either may be absent at the ends of the list).
#[must_use]
pub fn nearest_retentions(days: u64) -> (Option<u64>, Option<u64>) {
    let below = RETENTION_DAYS.iter().rev().find(|d| **d < days).copied();
    let above = RETENTION_DAYS.iter().find(|d| **d > days).copied();
    (below, above)
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a `logging` section without `retention_days` (unbounded
    /// retention), with `retention_days` under 7 days, or with a number of
    /// days CloudWatch Logs does not accept: only 1, 3, 5, 7, 14, 30, 60,
    /// 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    /// 3288 and 3653 days are valid retention periods. A spec that runs
    /// compute (services, functions or an auto scaling group) and has no
    /// `logging` section at all is reported too: nothing bounds its logs.
    /// A spec without compute and without `logging` (e.g. an empty spec, or
    /// one that only describes a network) has no logs to retain: the rule
    /// stays silent.
    ///
    /// ## Why is this bad?
    /// A CloudWatch Logs group keeps its events forever unless a retention is
    /// set, so storage costs grow every month and personal data outlives any
    /// retention policy. Too short a retention is the opposite failure: logs
    /// of an incident noticed after a weekend are already gone. And a
    /// retention CloudWatch Logs does not offer (10 or 45 days, say) is
    /// refused when the log group is configured, so the deployment fails.
    ///
    /// ## Example
    /// ```yaml
    /// compute:
    ///   services:
    ///     - { name: backend, image: "reelnet/backend:1.4.2", replicas: 2 }
    /// logging:
    ///   stack: elk
    ///   rotation: daily
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// compute:
    ///   services:
    ///     - { name: backend, image: "reelnet/backend:1.4.2", replicas: 2 }
    /// logging:
    ///   stack: elk
    ///   rotation: daily
    ///   retention_days: 30
    /// ```
    ///
    /// ## References
    /// - [Amazon CloudWatch Logs: Change log data retention (default: never expire)](https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention)
    /// - [Amazon CloudWatch Logs API Reference: PutRetentionPolicy (the accepted `retentionInDays` values)](https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html)
    /// - [AWS Config rule cw-loggroup-retention-period-check](https://docs.aws.amazon.com/config/latest/developerguide/cw-loggroup-retention-period-check.html)
    pub struct LogRetentionUnset {
        code: "MON005",
        name: "log-retention-unset",
        severity: Warning,
        summary: "no `logging.retention_days` (unbounded retention), under 7, or not one of the retention periods CloudWatch Logs accepts",
    }
    impl Rule;
}

/// A retention in days as a reader wants it: `6 days`, `1 day`. The loader
/// refuses a part-day `retention_days` (`36h`), so it is a whole number of
/// days.
fn shown_days(days: Duration) -> String {
    let n = days.in_unit(TimeUnit::Days);
    format!("{n} day{}", if n == 1 { "" } else { "s" })
}

impl LogRetentionUnset {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let help = format!(
            "set `retention_days` under `logging` to {MIN_DAYS} days or more, e.g. `retention_days: 30`"
        );
        let Some(logging) = &spec.logging else {
            let mut sources = Vec::new();
            if !spec.services().is_empty() {
                sources.push("services");
            }
            if !spec.functions().is_empty() {
                sources.push("functions");
            }
            if spec.auto_scaling.is_some() {
                sources.push("instances");
            }
            let compute = spec
                .compute
                .as_ref()
                .filter(|c| !c.services.is_empty() || !c.functions.is_empty());
            let Some(primary) = compute
                .map(|c| c.loc)
                .or(spec.auto_scaling.as_ref().map(|a| a.loc))
            else {
                return;
            };
            let sources = match sources.as_slice() {
                [.., last] if sources.len() > 1 => {
                    format!("{} and {last}", sources[..sources.len() - 1].join(", "))
                }
                _ => sources.join(""),
            };
            cx.report(
                Finding::new(
                    primary,
                    format!("no `logging` section, so nothing sets a log retention: the logs of the {sources} are kept forever"),
                )
                .label("its logs have no retention")
                .help("add `logging: { retention_days: 30 }` (7 days or more)"),
            );
            return;
        };
        match &logging.retention_days {
            None => cx.report(
                Finding::new(
                    logging.loc,
                    "`logging` has no `retention_days`: logs are kept forever (unbounded retention)",
                )
                .label("`retention_days` absent")
                .help(help),
            ),
            Some(days) if days.value.seconds < MIN_DAYS * TimeUnit::Days.seconds() => {
                let shown = shown_days(days.value);
                cx.report(
                    Finding::new(
                        days.loc,
                        format!(
                            "logging.retention_days is {shown}, under {MIN_DAYS} days: an incident found after a weekend has no logs left"
                        ),
                    )
                    .label(format!("{shown} of logs"))
                    .help(help),
                );
            }
            Some(days) => {
                let day = TimeUnit::Days.seconds();
                let seconds = days.value.seconds;
                if seconds.is_multiple_of(day) && RETENTION_DAYS.contains(&(seconds / day)) {
                    return;
                }
                let shown = shown_days(days.value);
                let whole = seconds / day;
                let choices = match nearest_retentions(whole) {
                    (Some(b), Some(a)) => format!("`retention_days: {b}` or `retention_days: {a}`"),
                    (Some(n), None) | (None, Some(n)) => format!("`retention_days: {n}`"),
                    (None, None) => "`retention_days: 30`".to_owned(),
                };
                cx.report(
                    Finding::new(
                        days.loc,
                        format!(
                            "logging.retention_days is {shown}, which CloudWatch Logs does not accept: a log group's retention is one of {} days",
                            RETENTION_DAYS.map(|d| d.to_string()).join(", ")
                        ),
                    )
                    .label("not a CloudWatch Logs retention period")
                    .help(format!("use a retention period CloudWatch Logs accepts, e.g. {choices}")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use reelnet_spec::types::{Duration, TimeUnit};

    use super::{RETENTION_DAYS, nearest_retentions, shown_days};

    /// The doc lists `RETENTION_DAYS`; the list must stay a copy of it.
    #[test]
    fn doc_lists_the_accepted_retentions() {
        let doc = super::LogRetentionUnset::META
            .doc()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let (init, last) = RETENTION_DAYS.split_at(RETENTION_DAYS.len() - 1);
        let listed = format!(
            "{} and {} days",
            init.iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            last[0]
        );
        assert!(doc.contains(&listed), "doc lacks {listed}");
    }

    #[test]
    fn accepted_retentions() {
        assert!(RETENTION_DAYS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(nearest_retentions(10), (Some(7), Some(14)));
        assert_eq!(nearest_retentions(45), (Some(30), Some(60)));
        assert_eq!(nearest_retentions(5000), (Some(3653), None));
        assert_eq!(nearest_retentions(0), (None, Some(1)));
    }

    #[test]
    fn days_read_naturally() {
        let days = |n| shown_days(Duration::new(n, TimeUnit::Days));
        assert_eq!(days(0), "0 days");
        assert_eq!(days(1), "1 day");
        assert_eq!(days(6), "6 days");
        let hours = Duration::parse("48h", TimeUnit::Days).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(shown_days(hours), "2 days");
    }
}
