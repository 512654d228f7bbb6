use reelnet_spec::Spec;
use reelnet_spec::types::TimeUnit;

use crate::rule::{Checker, Finding, Rule, RuleMeta};
use crate::rules::support::number;

/// The shortest retention, in days, that keeps a week of logs for an
/// incident found after a weekend.
pub const MIN_DAYS: u64 = 7;

crate::declare_rule! {
    /// ## What it does
    /// Reports a `logging` section without `retention_days` (unbounded
    /// retention), or with `retention_days` under 7 days. A spec that runs
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
    /// of an incident noticed after a weekend are already gone.
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
    /// - [AWS Config rule cw-loggroup-retention-period-check](https://docs.aws.amazon.com/config/latest/developerguide/cw-loggroup-retention-period-check.html)
    pub struct LogRetentionUnset {
        code: "MON005",
        name: "log-retention-unset",
        severity: Warning,
        summary: "no `logging.retention_days` (unbounded retention), or under 7",
    }
}

/// A retention in days as a reader wants it: `6 days`, `1 day`, or for a
/// part-day duration as written, `36h (1.5 days)`.
fn shown_days(seconds: u64, written: &str) -> String {
    let day = TimeUnit::Days.seconds();
    if seconds.is_multiple_of(day) {
        let n = seconds / day;
        format!("{n} day{}", if n == 1 { "" } else { "s" })
    } else {
        #[allow(clippy::cast_precision_loss)]
        let days = seconds as f64 / day as f64;
        format!("{written} ({} days)", number(days))
    }
}

impl Rule for LogRetentionUnset {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

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
                let shown = shown_days(days.value.seconds, cx.text(days.loc).trim());
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
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::shown_days;

    #[test]
    fn days_read_naturally() {
        assert_eq!(shown_days(0, "0"), "0 days");
        assert_eq!(shown_days(86_400, "1"), "1 day");
        assert_eq!(shown_days(6 * 86_400, "6"), "6 days");
        assert_eq!(shown_days(129_600, "36h"), "36h (1.5 days)");
    }
}
