use reelnet_spec::Severity;
use reelnet_spec::Spec;
use reelnet_spec::types::{Duration, TimeUnit};

use super::describe;
use crate::rule::{Checker, Finding, Rule, RuleMeta};

/// The shortest retention the rule accepts, in days.
const MIN_DAYS: u64 = 7;

/// A retention as people say it: in days, else hours, else seconds.
fn spoken(d: Duration) -> String {
    let unit = [TimeUnit::Days, TimeUnit::Hours, TimeUnit::Minutes]
        .into_iter()
        .find(|u| d.seconds.is_multiple_of(u.seconds()))
        .unwrap_or(TimeUnit::Seconds);
    let n = d.in_unit(unit);
    format!("{n} {}{}", unit.name(), if n == 1 { "" } else { "s" })
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a database whose `backup_retention` is under 7 days (a
    /// warning), or 0, which turns automated backups off (an error). An
    /// absent `backup_retention` is RDS's default of 1 day, and is reported
    /// as such.
    ///
    /// ## Why is this bad?
    /// The retention period bounds point-in-time recovery: a corruption or a
    /// bad migration noticed after the window has closed cannot be undone
    /// from automated backups. A week covers a problem found after a
    /// weekend; with retention 0 there are no automated backups and no
    /// point-in-time recovery at all.
    ///
    /// ## Example
    /// ```yaml
    /// database:
    ///   engine: postgres
    ///   version: "16.4"
    ///   backup_retention: 3
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// database:
    ///   engine: postgres
    ///   version: "16.4"
    ///   backup_retention: 14
    /// ```
    ///
    /// ## References
    /// - [Amazon RDS User Guide: Backup retention period (0-35 days; 0 disables automated backups)](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.BackupRetention.html)
    /// - [AWS Well-Architected, REL09-BP01: Identify and back up all data that needs to be backed up](https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_backing_up_data_identified_backups_data.html)
    pub struct BackupRetentionShort {
        code: "DB002",
        name: "backup-retention-short",
        severity: Warning,
        summary: "`backup_retention` 1–6 days; error at 0 (automated backups off)",
    }
}

impl Rule for BackupRetentionShort {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let min = MIN_DAYS * TimeUnit::Days.seconds();
        for db in &spec.database {
            let retention = &db.backup_retention;
            if retention.seconds >= min {
                continue;
            }
            let what = describe(db);
            let finding = if retention.seconds == 0 {
                Finding::new(
                    retention.loc,
                    format!("automated backups of {what} are off (`backup_retention: 0`): there is no point-in-time recovery"),
                )
                .label("backups off")
                .help(format!("set `backup_retention` to at least {MIN_DAYS} days (RDS allows up to 35)"))
                .severity(Severity::Error)
            } else if retention.explicit {
                Finding::new(
                    retention.loc,
                    format!(
                        "{what} keeps automated backups for {}, under {MIN_DAYS} days",
                        spoken(retention.value)
                    ),
                )
                .label(format!("{} of backups", spoken(retention.value)))
                .help(format!(
                    "set `backup_retention` to at least {MIN_DAYS} days (RDS allows up to 35)"
                ))
            } else {
                Finding::new(
                    retention.loc,
                    format!("{what} keeps automated backups for {}, under {MIN_DAYS} days: `backup_retention` is absent and RDS defaults to 1 day", spoken(retention.value)),
                )
                .label("no `backup_retention` here")
                .help(format!("add `backup_retention: {MIN_DAYS}` or more (RDS allows up to 35 days)"))
            };
            cx.report(finding);
        }
    }
}
