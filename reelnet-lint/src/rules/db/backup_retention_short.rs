use reelnet_spec::Severity;
use reelnet_spec::Spec;
use reelnet_spec::types::{Duration, Engine, TimeUnit};

use super::describe;
use crate::rule::{Checker, Finding};

/// The shortest retention the rule accepts, in days.
const MIN_DAYS: u64 = 7;
/// The longest backup retention RDS and Aurora allow, in days.
const MAX_DAYS: u64 = reelnet_spec::quotas::BACKUP_RETENTION_MAX_DAYS;
/// The retention RDS and Aurora keep when none is set, in days.
const DEFAULT_DAYS: u64 = reelnet_spec::quotas::BACKUP_RETENTION_DEFAULT_DAYS;

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
    /// warning), or 0 (an error). On RDS, 0 turns automated backups off; on
    /// Aurora (`aurora-mysql`, `aurora-postgresql`) automated backups cannot
    /// be turned off and the retention must be 1 to 35 days, so 0 is an
    /// invalid value that AWS refuses. An absent `backup_retention` is the
    /// default of 1 day (RDS and Aurora alike), and is reported as such.
    ///
    /// ## Why is this bad?
    /// The retention period bounds point-in-time recovery: a corruption or a
    /// bad migration noticed after the window has closed cannot be undone
    /// from automated backups. A week covers a problem found after a
    /// weekend; with retention 0 there are no automated backups and no
    /// point-in-time recovery at all; on Aurora the deployment fails instead.
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
    /// - [Amazon Aurora User Guide: Backups (retention 1-35 days; automated backups cannot be disabled)](https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Backups.html)
    /// - [AWS Well-Architected, REL09-BP01: Identify and back up all data that needs to be backed up](https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_backing_up_data_identified_backups_data.html)
    pub struct BackupRetentionShort {
        code: "DB002",
        name: "backup-retention-short",
        severity: Warning,
        summary: "`backup_retention` 1–6 days; error at 0 (automated backups off; on Aurora, 0 is not a valid retention)",
    }
    impl Rule;
}

impl BackupRetentionShort {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let min = MIN_DAYS * TimeUnit::Days.seconds();
        for db in &spec.database {
            let retention = &db.backup_retention;
            if retention.seconds >= min {
                continue;
            }
            let what = describe(db);
            let aurora = db
                .engine
                .as_ref()
                .filter(|e| matches!(e.value, Engine::AuroraMysql | Engine::AuroraPostgresql));
            let service = if aurora.is_some() { "Aurora" } else { "RDS" };
            let finding = if let (0, Some(engine)) = (retention.seconds, aurora) {
                Finding::new(
                    retention.loc,
                    format!("`backup_retention: 0` is not valid for {what} on {}: Aurora cannot turn automated backups off, its retention is 1 to {MAX_DAYS} days", engine.value),
                )
                .label("not a valid Aurora retention")
                .related(engine.loc, "an Aurora engine")
                .help(format!("set `backup_retention` to at least {MIN_DAYS} days (Aurora allows 1 to {MAX_DAYS})"))
                .severity(Severity::Error)
            } else if retention.seconds == 0 {
                Finding::new(
                    retention.loc,
                    format!("automated backups of {what} are off (`backup_retention: 0`): there is no point-in-time recovery"),
                )
                .label("backups off")
                .help(format!("set `backup_retention` to at least {MIN_DAYS} days ({service} allows up to {MAX_DAYS})"))
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
                    "set `backup_retention` to at least {MIN_DAYS} days ({service} allows up to {MAX_DAYS})"
                ))
            } else {
                Finding::new(
                    retention.loc,
                    format!("{what} keeps automated backups for {}, under {MIN_DAYS} days: `backup_retention` is absent and {service} defaults to {}", spoken(retention.value), spoken(Duration::new(DEFAULT_DAYS, TimeUnit::Days))),
                )
                .label("no `backup_retention` here")
                .help(format!("add `backup_retention: {MIN_DAYS}` or more ({service} allows up to {MAX_DAYS} days)"))
            };
            cx.report(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prose states the bounds and the default declared in
    /// `reelnet_spec::quotas`: it cannot drift from them.
    #[test]
    fn the_docs_state_the_declared_limits() {
        let doc = BackupRetentionShort::META
            .raw_doc
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for stated in [
            format!("under {MIN_DAYS} days"),
            format!("the retention must be 1 to {MAX_DAYS} days"),
            format!(
                "the default of {}",
                spoken(Duration::new(DEFAULT_DAYS, TimeUnit::Days))
            ),
            format!("Backup retention period (0-{MAX_DAYS} days;"),
            format!("(retention 1-{MAX_DAYS} days;"),
        ] {
            assert!(doc.contains(&stated), "the docs lack {stated:?}");
        }
        let summary = BackupRetentionShort::META.summary;
        assert!(
            summary.contains(&format!("1–{} days", MIN_DAYS - 1)),
            "{summary}"
        );
    }
}
