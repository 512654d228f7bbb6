//! Engine major versions and their support dates, for DB005
//! (`engine-version-support`).
//!
//! One row per engine and major version: the community end of life and the
//! last day of RDS (or, for Aurora, Aurora) standard support. For MySQL,
//! PostgreSQL, Aurora MySQL and Aurora PostgreSQL, paid RDS Extended Support
//! starts the day after; RDS for MariaDB has no Extended Support, and RDS
//! upgrades a MariaDB database past its end of standard support to a newer
//! major version by itself ([`has_extended_support`]). Each row carries its
//! source and the date it was last checked against it. Where a calendar
//! gives only a month ("April 2026"), the row uses the last day of that
//! month and says so. To update: edit [`MAJOR_VERSIONS`] (and [`CHECKED`]
//! for rows you re-read); the unit tests check that every date exists,
//! every row is unique and names its source.
//!
//! Sources (the keys used in each row's `source`):
//! - PG: <https://www.postgresql.org/support/versioning/> ("Final Release")
//! - RDS-PG: <https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html>
//! - APG: <https://docs.aws.amazon.com/AmazonRDS/latest/AuroraPostgreSQLReleaseNotes/aurorapostgresql-release-calendar.html>
//! - RDS-MY: <https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/MySQL.Concepts.VersionMgmt.html#MySQL.Concepts.VersionMgmt.ReleaseCalendar>
//! - AMY: <https://docs.aws.amazon.com/AmazonRDS/latest/AuroraMySQLReleaseNotes/AuroraMySQL.release-calendars.html>
//! - RDS-MA: <https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/MariaDB.Concepts.VersionMgmt.html#MariaDB.Concepts.VersionMgmt.ReleaseCalendar>
//! - MA: <https://mariadb.org/about/#maintenance-policy> (community end of life per release series)
//! - OR: Oracle Lifetime Support Policy for MySQL (gives months only)
//! - EXT: <https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/extended-support.html>
//!   (the engines Extended Support covers)
//!
//! The AWS calendars were read through endoflife.date's scrapes of them
//! (`amazon-rds-postgresql`, `amazon-aurora-postgresql`, `amazon-rds-mysql`,
//! `amazon-rds-mariadb`, `postgresql`, `mariadb`, `mysql`; revisions of
//! August 2026), which copy the calendar tables verbatim. Rows marked
//! "unconfirmed" could not be matched against a copy of the calendar.

use reelnet_spec::types::{Engine, Version};

use crate::date::Date;

/// One major version of one engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MajorVersion {
    pub engine: Engine,
    /// The major version as RDS numbers it (`14`, `8.0`, `10.6`); for Aurora
    /// MySQL, the MySQL version it is compatible with.
    pub major: &'static str,
    /// How findings name it.
    pub name: &'static str,
    /// The community's end of life: no more fixes from upstream after it.
    pub community_eol: Date,
    /// The last day of RDS (Aurora) standard support.
    pub standard_support_end: Date,
    /// Whether a calendar gives `standard_support_end`; false when the
    /// date stands in for one no calendar gives yet, and findings do not
    /// quote it.
    pub end_confirmed: bool,
    /// Where both dates come from (keys of the module documentation).
    pub source: &'static str,
    /// When the row was last checked against its source.
    pub checked: Date,
}

const fn d(year: i32, month: u8, day: u8) -> Date {
    Date { year, month, day }
}

/// The day every row below was last checked against its source.
pub const CHECKED: Date = d(2026, 11, 29);

const fn row(
    engine: Engine,
    major: &'static str,
    name: &'static str,
    community_eol: Date,
    standard_support_end: Date,
    source: &'static str,
) -> MajorVersion {
    MajorVersion {
        engine,
        major,
        name,
        community_eol,
        standard_support_end,
        end_confirmed: true,
        source,
        checked: CHECKED,
    }
}

/// Whether RDS Extended Support covers this major version. It covers RDS for
/// MySQL 5.7 and later, RDS for PostgreSQL 11 and later, Aurora MySQL
/// version 2 (5.7) and later and Aurora PostgreSQL 11 and later; not RDS for
/// MariaDB, and not the versions whose standard support ended before
/// Extended Support began (MySQL 5.6, PostgreSQL 9.6 and 10, Aurora MySQL
/// version 1), which RDS upgraded by itself (source EXT; checked
/// 2026-11-29). Past its end of standard support such a database is
/// upgraded by RDS in a maintenance window.
#[must_use]
pub fn has_extended_support(version: &MajorVersion) -> bool {
    match version.engine {
        Engine::Mariadb => false,
        Engine::Mysql | Engine::AuroraMysql => version.major != "5.6",
        Engine::Postgres | Engine::AuroraPostgresql => !matches!(version.major, "9.6" | "10"),
    }
}

/// How a finding names what Extended Support does not cover: the engine
/// for MariaDB, else the major version.
#[must_use]
pub fn not_covered(version: &MajorVersion) -> &'static str {
    match version.engine {
        Engine::Mariadb => "MariaDB",
        _ => version.name,
    }
}

use Engine::{AuroraMysql, AuroraPostgresql, Mariadb, Mysql, Postgres};

const PG: &str = "community: PG; standard support: RDS-PG";
const APG: &str = "community: PG; standard support: APG";
const MY: &str = "community: OR; standard support: RDS-MY";
const AMY: &str = "community: OR; standard support: AMY";
const MA: &str = "community: MA; standard support: RDS-MA";

/// Every known engine major version, oldest first within an engine.
pub static MAJOR_VERSIONS: &[MajorVersion] = &[
    // --- RDS for PostgreSQL.
    // RDS-PG gives 30 April 2022 for 9.6 (deprecated).
    row(
        Postgres,
        "9.6",
        "PostgreSQL 9.6",
        d(2021, 11, 11),
        d(2022, 4, 30),
        PG,
    ),
    // RDS-PG gives only "April 2023" for 10 (deprecated): last day of April used.
    row(
        Postgres,
        "10",
        "PostgreSQL 10",
        d(2022, 11, 10),
        d(2023, 4, 30),
        PG,
    ),
    row(
        Postgres,
        "11",
        "PostgreSQL 11",
        d(2023, 11, 9),
        d(2024, 2, 29),
        PG,
    ),
    // PG: 12.22, the final release of 12, came out on 21 November 2024.
    row(
        Postgres,
        "12",
        "PostgreSQL 12",
        d(2024, 11, 21),
        d(2025, 2, 28),
        PG,
    ),
    row(
        Postgres,
        "13",
        "PostgreSQL 13",
        d(2025, 11, 13),
        d(2026, 2, 28),
        PG,
    ),
    row(
        Postgres,
        "14",
        "PostgreSQL 14",
        d(2026, 11, 12),
        d(2027, 2, 28),
        PG,
    ),
    row(
        Postgres,
        "15",
        "PostgreSQL 15",
        d(2027, 11, 11),
        d(2028, 2, 29),
        PG,
    ),
    row(
        Postgres,
        "16",
        "PostgreSQL 16",
        d(2028, 11, 9),
        d(2029, 2, 28),
        PG,
    ),
    row(
        Postgres,
        "17",
        "PostgreSQL 17",
        d(2029, 11, 8),
        d(2030, 2, 28),
        PG,
    ),
    row(
        Postgres,
        "18",
        "PostgreSQL 18",
        d(2030, 11, 14),
        d(2031, 2, 28),
        PG,
    ),
    // --- Aurora PostgreSQL. APG lists no 9.6 or 10 rows any more: no entry
    // (no finding).
    row(
        AuroraPostgresql,
        "11",
        "Aurora PostgreSQL 11",
        d(2023, 11, 9),
        d(2024, 2, 29),
        APG,
    ),
    row(
        AuroraPostgresql,
        "12",
        "Aurora PostgreSQL 12",
        d(2024, 11, 21),
        d(2025, 2, 28),
        APG,
    ),
    row(
        AuroraPostgresql,
        "13",
        "Aurora PostgreSQL 13",
        d(2025, 11, 13),
        d(2026, 2, 28),
        APG,
    ),
    row(
        AuroraPostgresql,
        "14",
        "Aurora PostgreSQL 14",
        d(2026, 11, 12),
        d(2027, 2, 28),
        APG,
    ),
    row(
        AuroraPostgresql,
        "15",
        "Aurora PostgreSQL 15",
        d(2027, 11, 11),
        d(2028, 2, 29),
        APG,
    ),
    row(
        AuroraPostgresql,
        "16",
        "Aurora PostgreSQL 16",
        d(2028, 11, 9),
        d(2029, 2, 28),
        APG,
    ),
    row(
        AuroraPostgresql,
        "17",
        "Aurora PostgreSQL 17",
        d(2029, 11, 8),
        d(2030, 2, 28),
        APG,
    ),
    // APG added 18 (released on Aurora 26 February 2026) with 28 February 2031.
    row(
        AuroraPostgresql,
        "18",
        "Aurora PostgreSQL 18",
        d(2030, 11, 14),
        d(2031, 2, 28),
        APG,
    ),
    // --- RDS for MySQL. OR gives months only: the last day of the month is used.
    // 5.6: OR "February 2021"; RDS-MY (deprecated versions) 1 March 2022.
    row(Mysql, "5.6", "MySQL 5.6", d(2021, 2, 28), d(2022, 3, 1), MY),
    // 5.7: OR "October 2023"; RDS-MY 29 February 2024.
    row(
        Mysql,
        "5.7",
        "MySQL 5.7",
        d(2023, 10, 31),
        d(2024, 2, 29),
        MY,
    ),
    // 8.0: OR "April 2026"; RDS-MY 31 July 2026.
    row(
        Mysql,
        "8.0",
        "MySQL 8.0",
        d(2026, 4, 30),
        d(2026, 7, 31),
        MY,
    ),
    // 8.4: OR "April 2032"; RDS-MY 31 July 2029.
    row(
        Mysql,
        "8.4",
        "MySQL 8.4",
        d(2032, 4, 30),
        d(2029, 7, 31),
        MY,
    ),
    // --- Aurora MySQL (Aurora major version = MySQL major it is compatible with).
    // Version 1: AMY and its release notes give 28 February 2023.
    row(
        AuroraMysql,
        "5.6",
        "Aurora MySQL version 1 (MySQL 5.6)",
        d(2021, 2, 28),
        d(2023, 2, 28),
        AMY,
    ),
    // Version 2: end of standard support 31 October 2024 (AMY, version 2 release notes).
    row(
        AuroraMysql,
        "5.7",
        "Aurora MySQL version 2 (MySQL 5.7)",
        d(2023, 10, 31),
        d(2024, 10, 31),
        AMY,
    ),
    // Version 3: 30 April 2028 from AMY as read in 2025; unconfirmed in 2026
    // (no copy of the calendar could be read).
    row(
        AuroraMysql,
        "8.0",
        "Aurora MySQL version 3 (MySQL 8.0)",
        d(2026, 4, 30),
        d(2028, 4, 30),
        AMY,
    ),
    // Aurora MySQL 8.4 exists (Aurora User Guide, AuroraMySQL.MySQL84); its end
    // of standard support is unconfirmed: the community end ("April 2032",
    // last day used) stands in for it.
    MajorVersion {
        end_confirmed: false,
        ..row(
            AuroraMysql,
            "8.4",
            "Aurora MySQL 8.4",
            d(2032, 4, 30),
            d(2032, 4, 30),
            AMY,
        )
    },
    // --- RDS for MariaDB (no Extended Support: see `has_extended_support`).
    row(
        Mariadb,
        "10.3",
        "MariaDB 10.3",
        d(2023, 5, 25),
        d(2023, 10, 23),
        MA,
    ),
    row(
        Mariadb,
        "10.4",
        "MariaDB 10.4",
        d(2024, 6, 18),
        d(2025, 2, 28),
        MA,
    ),
    row(
        Mariadb,
        "10.5",
        "MariaDB 10.5",
        d(2025, 6, 24),
        d(2026, 8, 31),
        MA,
    ),
    row(
        Mariadb,
        "10.6",
        "MariaDB 10.6",
        d(2026, 7, 6),
        d(2026, 12, 31),
        MA,
    ),
    row(
        Mariadb,
        "10.11",
        "MariaDB 10.11",
        d(2028, 2, 16),
        d(2028, 2, 29),
        MA,
    ),
    row(
        Mariadb,
        "11.4",
        "MariaDB 11.4",
        d(2029, 5, 29),
        d(2029, 5, 31),
        MA,
    ),
    // 11.8: the first LTS with 3 years of community support (MA).
    row(
        Mariadb,
        "11.8",
        "MariaDB 11.8",
        d(2028, 6, 4),
        d(2028, 6, 30),
        MA,
    ),
    // 12.3: on RDS since 7 August 2026 (RDS-MA); community LTS to 12 June 2029 (MA).
    row(
        Mariadb,
        "12.3",
        "MariaDB 12.3",
        d(2029, 6, 12),
        d(2029, 6, 30),
        MA,
    ),
];

/// The major version `version` belongs to on `engine`, as the table numbers
/// it, or None when the text names none.
///
/// PostgreSQL 10 and later: the first component (`14.5` → `14`); before 10,
/// the first two (`9.6.24` → `9.6`). MySQL and MariaDB: the first two
/// (`8.0.35` → `8.0`, `10.6.14` → `10.6`). Aurora MySQL: `1.x`, `2.x`, `3.x`
/// are MySQL 5.6, 5.7, 8.0; otherwise the first two components
/// (`8.0.mysql_aurora.3.04.0` → `8.0`).
#[must_use]
pub fn major_of(engine: Engine, version: &Version) -> Option<String> {
    let c = version.components();
    let first = *c.first()?;
    let two = || c.get(1).map(|minor| format!("{first}.{minor}"));
    match engine {
        Engine::Postgres | Engine::AuroraPostgresql => {
            if first >= 10 {
                Some(first.to_string())
            } else {
                two()
            }
        }
        Engine::Mysql | Engine::Mariadb => two(),
        Engine::AuroraMysql => match first {
            1 => Some("5.6".to_owned()),
            2 => Some("5.7".to_owned()),
            3 => Some("8.0".to_owned()),
            _ => two(),
        },
    }
}

/// The table's row for this engine and version, if any.
#[must_use]
pub fn lookup(engine: Engine, version: &Version) -> Option<&'static MajorVersion> {
    let major = major_of(engine, version)?;
    MAJOR_VERSIONS
        .iter()
        .find(|m| m.engine == engine && m.major == major)
}

/// A major version as numbers for ordering (`9.6` → (9, 6), `14` → (14, 0)).
fn numeric(major: &str) -> Option<(u32, u32)> {
    let mut parts = major.split('.');
    let first = parts.next()?.parse().ok()?;
    let second = match parts.next() {
        Some(p) => p.parse().ok()?,
        None => 0,
    };
    Some((first, second))
}

/// The engine's oldest major version in the table, when `version` is older
/// still: a version whose end of standard support came before that of every
/// row (the calendars drop rows some years after their end), or None.
#[must_use]
pub fn older_than_table(engine: Engine, version: &Version) -> Option<&'static MajorVersion> {
    let asked = numeric(&major_of(engine, version)?)?;
    let oldest = MAJOR_VERSIONS
        .iter()
        .filter(|m| m.engine == engine)
        .min_by_key(|m| numeric(m.major))?;
    (asked < numeric(oldest.major)?).then_some(oldest)
}

/// The engine's major version with the latest end of standard support.
#[must_use]
pub fn newest(engine: Engine) -> Option<&'static MajorVersion> {
    MAJOR_VERSIONS
        .iter()
        .filter(|m| m.engine == engine)
        .max_by_key(|m| m.standard_support_end)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use reelnet_spec::types::{Engine, Version};

    use super::{MAJOR_VERSIONS, has_extended_support, lookup, major_of, newest};
    use crate::date::Date;

    fn v(text: &str) -> Version {
        Version { text: text.into() }
    }

    #[test]
    fn every_date_exists_and_every_row_is_unique() {
        let mut seen = HashSet::new();
        for m in MAJOR_VERSIONS {
            for date in [m.community_eol, m.standard_support_end] {
                assert_eq!(
                    Date::new(date.year, date.month, date.day),
                    Some(date),
                    "{}: {date} is not a date",
                    m.name
                );
            }
            assert!(seen.insert((m.engine, m.major)), "{} twice", m.name);
            assert!(!m.source.is_empty(), "{} names no source", m.name);
            assert!(
                m.checked <= super::CHECKED,
                "{} checked in the future",
                m.name
            );
        }
    }

    #[test]
    fn extended_support_engines_and_versions() {
        let covered = |e, t| lookup(e, &v(t)).map(has_extended_support);
        assert_eq!(covered(Engine::Postgres, "11.22"), Some(true));
        assert_eq!(covered(Engine::AuroraMysql, "2.11.2"), Some(true));
        assert_eq!(covered(Engine::Mysql, "5.7.44"), Some(true));
        assert_eq!(covered(Engine::Mariadb, "10.5.20"), Some(false));
        // Standard support ended before Extended Support began (2024).
        assert_eq!(covered(Engine::Mysql, "5.6.51"), Some(false));
        assert_eq!(covered(Engine::Postgres, "9.6.24"), Some(false));
        assert_eq!(covered(Engine::Postgres, "10.23"), Some(false));
        assert_eq!(covered(Engine::AuroraMysql, "1.23.4"), Some(false));
        for m in MAJOR_VERSIONS {
            if !has_extended_support(m) && m.engine != Engine::Mariadb {
                assert!(
                    m.standard_support_end
                        < Date {
                            year: 2024,
                            month: 1,
                            day: 1
                        },
                    "{} is not covered but its standard support ended after 2023",
                    m.name
                );
            }
        }
    }

    #[test]
    fn mariadb_rows_match_the_calendar() {
        let end = |t| lookup(Engine::Mariadb, &v(t)).map(|m| m.standard_support_end.to_string());
        assert_eq!(end("10.5.20"), Some("2026-08-31".into()));
        assert_eq!(end("10.6.14"), Some("2026-12-31".into()));
        assert_eq!(end("11.8.2"), Some("2028-06-30".into()));
        assert_eq!(end("12.3.1"), Some("2029-06-30".into()));
        let pg12 = lookup(Engine::Postgres, &v("12.22")).map(|m| m.community_eol.to_string());
        assert_eq!(pg12, Some("2024-11-21".into()));
    }

    #[test]
    fn major_versions() {
        let major = |e, t| major_of(e, &v(t));
        assert_eq!(major(Engine::Postgres, "14.5"), Some("14".into()));
        assert_eq!(major(Engine::Postgres, "14"), Some("14".into()));
        assert_eq!(major(Engine::Postgres, "9.6.24"), Some("9.6".into()));
        assert_eq!(major(Engine::Postgres, "9"), None);
        assert_eq!(major(Engine::Postgres, "latest"), None);
        assert_eq!(major(Engine::AuroraPostgresql, "15.4"), Some("15".into()));
        assert_eq!(major(Engine::Mysql, "8.0.35"), Some("8.0".into()));
        assert_eq!(major(Engine::Mysql, "8"), None);
        assert_eq!(major(Engine::Mariadb, "10.6.14"), Some("10.6".into()));
        assert_eq!(major(Engine::Mariadb, "10.11"), Some("10.11".into()));
        assert_eq!(major(Engine::AuroraMysql, "3.04.0"), Some("8.0".into()));
        assert_eq!(major(Engine::AuroraMysql, "2.11.2"), Some("5.7".into()));
        assert_eq!(major(Engine::AuroraMysql, "1.23"), Some("5.6".into()));
        assert_eq!(
            major(Engine::AuroraMysql, "8.0.mysql_aurora.3.04.0"),
            Some("8.0".into())
        );
        assert_eq!(
            major(Engine::AuroraMysql, "5.7.mysql_aurora.2.11.2"),
            Some("5.7".into())
        );
        assert_eq!(major(Engine::AuroraMysql, "8.4.7"), Some("8.4".into()));
    }

    #[test]
    fn versions_older_than_the_table() {
        let older = |e, t| super::older_than_table(e, &v(t)).map(|m| m.name);
        assert_eq!(older(Engine::Postgres, "9.5.25"), Some("PostgreSQL 9.6"));
        assert_eq!(older(Engine::Postgres, "9.6.24"), None);
        assert_eq!(older(Engine::Postgres, "19.1"), None);
        assert_eq!(older(Engine::Mysql, "5.5.62"), Some("MySQL 5.6"));
        assert_eq!(older(Engine::Mariadb, "10.2.44"), Some("MariaDB 10.3"));
        assert_eq!(older(Engine::Mariadb, "10.11.6"), None);
        assert_eq!(
            older(Engine::AuroraPostgresql, "10.21"),
            Some("Aurora PostgreSQL 11")
        );
        assert_eq!(older(Engine::AuroraMysql, "3.04.0"), None);
        assert_eq!(older(Engine::Postgres, "latest"), None);
    }

    #[test]
    fn lookups() {
        let found = |e, t| lookup(e, &v(t)).map(|m| m.name);
        assert_eq!(found(Engine::Postgres, "14.5"), Some("PostgreSQL 14"));
        assert_eq!(
            found(Engine::AuroraMysql, "3.04.0"),
            Some("Aurora MySQL version 3 (MySQL 8.0)")
        );
        assert_eq!(found(Engine::Mariadb, "10.6.14"), Some("MariaDB 10.6"));
        // Unknown majors and majors of another engine have no row.
        assert_eq!(found(Engine::Postgres, "8.4.22"), None);
        assert_eq!(found(Engine::Postgres, "99.1"), None);
        assert_eq!(found(Engine::AuroraPostgresql, "10.21"), None);
        assert_eq!(found(Engine::Mysql, "10.6"), None);
        let pg14 = lookup(Engine::Postgres, &v("14.5"));
        assert_eq!(
            pg14.map(|m| (
                m.community_eol.to_string(),
                m.standard_support_end.to_string()
            )),
            Some(("2026-11-12".into(), "2027-02-28".into()))
        );
        assert_eq!(newest(Engine::Postgres).map(|m| m.major), Some("18"));
        assert_eq!(newest(Engine::Mysql).map(|m| m.major), Some("8.4"));
        assert_eq!(newest(Engine::Mariadb).map(|m| m.major), Some("12.3"));
    }
}
