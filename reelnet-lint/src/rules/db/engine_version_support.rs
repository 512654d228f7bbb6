use reelnet_spec::Severity;
use reelnet_spec::Spec;
use reelnet_spec::types::Engine;

use super::{describe, engine_support};
use crate::rule::{Checker, Finding};

/// Warn this many days before standard support ends.
const WARN_DAYS: i64 = 180;

crate::declare_rule! {
    /// ## What it does
    /// Looks the database's engine major version up in a table of support
    /// dates (`rules/db/engine_support.rs`: community end of life and end of
    /// RDS or Aurora standard support, each with its source) and, on the lint
    /// date (`--as-of` or the config's `as_of`, else today), reports:
    ///
    /// - a warning when standard support ends within 180 days, or the
    ///   community end of life has passed;
    /// - an error when standard support has ended: RDS then runs a MySQL,
    ///   PostgreSQL or Aurora database on paid Extended Support, and
    ///   upgrades a database Extended Support does not cover (MariaDB, and
    ///   MySQL 5.6, PostgreSQL 9.6 and 10 and Aurora MySQL version 1, whose
    ///   standard support ended before Extended Support began) to a newer
    ///   major version by itself.
    ///
    /// The major version is the first component for PostgreSQL 10 and later
    /// (`14.5` → 14), the first two for MySQL and MariaDB (`8.0.35` → 8.0,
    /// `10.6.14` → 10.6); Aurora MySQL `2.x` and `3.x` are MySQL 5.7 and 8.0
    /// (`8.0.mysql_aurora.3.04.0` works too). A major version older than
    /// every row of its engine (PostgreSQL 9.5, MySQL 5.5, Aurora
    /// PostgreSQL 10: the calendars drop versions some years after their
    /// end) is an error too: its standard support ended before the oldest
    /// row's. A newer major version the table does not know yet, or a
    /// database without `engine` or `version`, gives no finding.
    ///
    /// ## Why is this bad?
    /// After the community end of life no more security fixes come from
    /// upstream. After the end of RDS standard support, RDS enrolls a MySQL,
    /// PostgreSQL or Aurora database in Extended Support, billed per
    /// vCPU-hour on top of the instance, and upgrades it by force when that
    /// ends (Extended Support covers MySQL 5.7, PostgreSQL 11, Aurora MySQL
    /// version 2 and Aurora PostgreSQL 11 and later); RDS for MariaDB has no
    /// Extended Support, so RDS upgrades the database in a maintenance
    /// window soon after the date. A major-version
    /// upgrade needs testing and a maintenance window: it has to be planned
    /// months ahead, not discovered on the bill.
    ///
    /// ## Example
    /// ```yaml
    /// database:
    ///   engine: postgres
    ///   version: "13.20"
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// database:
    ///   engine: postgres
    ///   version: "17.6"
    /// ```
    ///
    /// ## References
    /// - [Release calendar for Amazon RDS for PostgreSQL](https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html)
    /// - [Release calendar for Aurora PostgreSQL](https://docs.aws.amazon.com/AmazonRDS/latest/AuroraPostgreSQLReleaseNotes/aurorapostgresql-release-calendar.html)
    /// - [Supported MySQL major versions on Amazon RDS](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/MySQL.Concepts.VersionMgmt.html)
    /// - [Release calendars for Aurora MySQL](https://docs.aws.amazon.com/AmazonRDS/latest/AuroraMySQLReleaseNotes/AuroraMySQL.release-calendars.html)
    /// - [Supported MariaDB major versions on Amazon RDS](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/MariaDB.Concepts.VersionMgmt.html)
    /// - [Using Amazon RDS Extended Support (MySQL, PostgreSQL, Aurora MySQL, Aurora PostgreSQL)](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/extended-support.html)
    /// - [PostgreSQL versioning policy](https://www.postgresql.org/support/versioning/)
    /// - [MariaDB maintenance policy](https://mariadb.org/about/#maintenance-policy)
    pub struct EngineVersionSupport {
        code: "DB005",
        name: "engine-version-support",
        severity: Warning,
        summary: "the engine major version is within 180 days of its end of RDS standard support, or past its community end of life; error past end of RDS standard support",
    }
    impl Rule;
}

fn days(n: i64) -> String {
    if n.abs() == 1 {
        format!("{} day", n.abs())
    } else {
        format!("{} days", n.abs())
    }
}

/// "(in 94 days)", "(today)", "(14 days ago)".
fn relative(n: i64) -> String {
    match n {
        0 => "(today)".to_owned(),
        n if n > 0 => format!("(in {})", days(n)),
        n => format!("({} ago)", days(n)),
    }
}

/// A version older than every row of its engine: its standard support ended
/// before the oldest row's did.
fn report_older(
    db: &reelnet_spec::model::Database,
    engine: &reelnet_spec::Spanned<Engine>,
    version: &reelnet_spec::Spanned<reelnet_spec::types::Version>,
    oldest: &engine_support::MajorVersion,
    cx: &mut Checker<'_>,
) {
    let support = match engine.value {
        Engine::AuroraPostgresql | Engine::AuroraMysql => "Aurora standard support",
        _ => "RDS standard support",
    };
    let help = match engine_support::newest(engine.value) {
        Some(next) => format!(
            "upgrade to a supported major version, e.g. {}, tested with a restored snapshot first",
            next.name
        ),
        None => "upgrade to a major version RDS supports".to_owned(),
    };
    cx.report(
        Finding::new(
            version.loc,
            format!(
                "{} runs version {} of {}, older than {}, whose {support} ended on {}: its own {support} ended earlier still",
                describe(db),
                version.value,
                engine.value.as_str(),
                oldest.name,
                oldest.standard_support_end
            ),
        )
        .label(format!("older than {}", oldest.name))
        .related(engine.loc, "engine")
        .help(help)
        .severity(Severity::Error),
    );
}

impl EngineVersionSupport {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let today = cx.as_of();
        for db in &spec.database {
            let (Some(engine), Some(version)) = (&db.engine, &db.version) else {
                continue;
            };
            let Some(major) = engine_support::lookup(engine.value, &version.value) else {
                // Only once the oldest row's standard support has ended too
                // (an earlier `--as-of` cannot tell).
                if let Some(oldest) = engine_support::older_than_table(engine.value, &version.value)
                    .filter(|o| today.days_until(o.standard_support_end) < 0)
                {
                    report_older(db, engine, version, oldest, cx);
                }
                continue;
            };
            let to_end = today.days_until(major.standard_support_end);
            let to_eol = today.days_until(major.community_eol);
            let past_end = to_end < 0;
            let past_eol = to_eol < 0;
            if !past_end && !past_eol && to_end > WARN_DAYS {
                continue;
            }
            let support = match engine.value {
                Engine::AuroraPostgresql | Engine::AuroraMysql => "Aurora standard support",
                _ => "RDS standard support",
            };
            let end = major.standard_support_end;
            let eol = major.community_eol;
            let extended = engine_support::has_extended_support(major);
            let standard = if past_end && extended {
                format!(
                    "{support} ended on {end} {}, so it runs on paid RDS Extended Support",
                    relative(to_end)
                )
            } else if past_end {
                format!(
                    "{support} ended on {end} {}, and RDS Extended Support does not cover {}: RDS upgrades the database to a newer major version in a maintenance window",
                    relative(to_end),
                    engine_support::not_covered(major)
                )
            } else {
                format!("{support} ends on {end} {}", relative(to_end))
            };
            let community = if past_eol {
                format!("community end of life was {eol} {}", relative(to_eol))
            } else {
                format!("community end of life is {eol} {}", relative(to_eol))
            };
            // Lead with what made it a finding.
            let facts = if past_eol && !past_end {
                [community, standard]
            } else {
                [standard, community]
            };
            let label = if past_end {
                format!("{}: past end of standard support", major.name)
            } else if to_end <= WARN_DAYS {
                format!(
                    "{}: standard support ends {}",
                    major.name,
                    relative(to_end).trim_matches(['(', ')'])
                )
            } else {
                format!("{}: past community end of life", major.name)
            };
            // The target's end of standard support, when a calendar gives it.
            let until = |next: &engine_support::MajorVersion| {
                if next.end_confirmed {
                    format!(" (standard support until {})", next.standard_support_end)
                } else {
                    String::new()
                }
            };
            let help = match engine_support::newest(engine.value) {
                Some(next) if next.major != major.major && past_end && !extended => format!(
                    "upgrade before RDS does it for you: e.g. to {}{}, tested with a blue/green deployment or a restored snapshot first",
                    next.name,
                    until(next)
                ),
                Some(next) if next.major != major.major => format!(
                    "plan the major version upgrade: e.g. to {}{}, tested with a blue/green deployment or a restored snapshot first",
                    next.name,
                    until(next)
                ),
                _ => {
                    let service = if support.starts_with("Aurora") {
                        "Aurora"
                    } else {
                        "RDS"
                    };
                    if past_end {
                        format!(
                            "upgrade to the next major version as soon as {service} supports one"
                        )
                    } else {
                        format!(
                            "plan the upgrade to the next major version {service} supports before {end}"
                        )
                    }
                }
            };
            let mut finding = Finding::new(
                version.loc,
                format!(
                    "{} runs {}, version {}: {}",
                    describe(db),
                    major.name,
                    version.value,
                    facts.join("; ")
                ),
            )
            .label(label)
            .related(engine.loc, "engine")
            .help(help);
            if past_end {
                finding = finding.severity(Severity::Error);
            }
            cx.report(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use reelnet_spec::Severity;

    use crate::{Date, LintOptions, Linter};

    /// DB005's severity for the spec `text` linted on `as_of`, or None.
    fn severity_on(text: &str, as_of: &str) -> Option<Severity> {
        let linter = Linter::new(&LintOptions {
            select: vec!["DB005".into()],
            as_of: as_of.parse::<Date>().ok(),
            ..LintOptions::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
        let report = linter.check_str("t.yaml", text);
        let found: Vec<Severity> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "DB005")
            .map(|d| d.severity)
            .collect();
        assert!(found.len() <= 1, "{found:?}");
        found.first().copied()
    }

    /// Standard support ends 2027-02-28; community end of life 2026-11-12.
    const PG14: &str = "name: t\ndatabase: { engine: postgres, version: \"14.5\" }\n";

    #[test]
    fn warns_from_180_days_before_the_end_and_errs_after_it() {
        // 2027-02-28 minus 181 days is 2026-08-31, before the community EOL.
        assert_eq!(severity_on(PG14, "2026-08-31"), None);
        assert_eq!(severity_on(PG14, "2026-09-01"), Some(Severity::Warning));
        assert_eq!(severity_on(PG14, "2027-02-28"), Some(Severity::Warning));
        assert_eq!(severity_on(PG14, "2027-03-01"), Some(Severity::Error));
    }

    #[test]
    fn warns_past_community_end_of_life_alone() {
        // Aurora MySQL 3: community EOL 2026-04-30, standard support to
        // 2028-04-30 (far more than 180 days later).
        let aurora = "name: t\ndatabase: { engine: aurora-mysql, version: \"3.08.0\" }\n";
        assert_eq!(severity_on(aurora, "2026-04-30"), None);
        assert_eq!(severity_on(aurora, "2026-05-01"), Some(Severity::Warning));
    }

    #[test]
    fn mariadb_10_6_is_a_warning_until_the_end_of_2026() {
        // Standard support ends 2026-12-31 (RDS-MA); community EOL 2026-07-06.
        let maria = "name: t\ndatabase: { engine: mariadb, version: \"10.6.14\" }\n";
        assert_eq!(severity_on(maria, "2026-11-29"), Some(Severity::Warning));
        assert_eq!(severity_on(maria, "2026-12-31"), Some(Severity::Warning));
        assert_eq!(severity_on(maria, "2027-01-01"), Some(Severity::Error));
    }

    #[test]
    fn silent_without_engine_or_known_version() {
        assert_eq!(
            severity_on("name: t\ndatabase: { version: \"9.6\" }\n", "2030-01-01"),
            None
        );
        assert_eq!(
            severity_on(
                "name: t\ndatabase: { engine: postgres, version: \"42\" }\n",
                "2030-01-01"
            ),
            None
        );
    }
}
