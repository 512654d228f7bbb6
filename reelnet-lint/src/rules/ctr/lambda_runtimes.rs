//! Lambda managed runtimes and their deprecation dates, for CTR006
//! (`function-runtime-deprecated`).
//!
//! One row per runtime identifier: the deprecation date (no more security
//! patches, no technical support), the date from which functions using it
//! can no longer be created, and the date from which they can no longer be
//! updated. Each row carries its source and the date it was last checked.
//! To update: edit [`RUNTIMES`] (and [`CHECKED`]); the unit tests check that
//! every date exists, that the dates are in order and that every row is
//! unique.
//!
//! Source (key LR): the Lambda runtimes page,
//! <https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html>
//! ("Supported runtimes" and "Deprecated runtimes" tables). The page itself
//! could not be read whole here; its tables were read through two verbatim
//! copies made from it: cfn-lint's `LmbdRuntimeLifecycle.json` ("Update
//! Lambda runtime lifecycle dates from AWS docs", June 2026) and
//! endoflife.date's `aws-lambda` scrape (August 2026, deprecation and
//! block-update dates), which agree on every row both have; the Python and
//! Java rows were also matched against the Lambda Python and Java pages.
//! Rows marked "unconfirmed" say which date could not be matched.

use crate::date::Date;

/// One Lambda runtime.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Runtime {
    /// The identifier as `runtime` takes it, e.g. `python3.12`.
    pub id: &'static str,
    /// How findings name it.
    pub name: &'static str,
    /// Deprecation: no more patches or support from this day.
    pub deprecation: Date,
    /// From this day new functions cannot use it (None: not scheduled or
    /// not confirmed).
    pub block_create: Option<Date>,
    /// From this day existing functions using it cannot be updated (None:
    /// not scheduled).
    pub block_update: Option<Date>,
    /// Where the dates come from.
    pub source: &'static str,
    /// When the row was last checked against its source.
    pub checked: Date,
}

const fn d(year: i32, month: u8, day: u8) -> Date {
    Date { year, month, day }
}

/// The day every row below was last checked against its source.
pub const CHECKED: Date = d(2026, 11, 29);

const LR: &str = "LR";

const fn rt(
    id: &'static str,
    name: &'static str,
    dep: Date,
    create: Date,
    update: Date,
) -> Runtime {
    Runtime {
        id,
        name,
        deprecation: dep,
        block_create: Some(create),
        block_update: Some(update),
        source: LR,
        checked: CHECKED,
    }
}

/// Every known runtime, grouped by language, newest first.
pub static RUNTIMES: &[Runtime] = &[
    // Node.js
    rt(
        "nodejs24.x",
        "Node.js 24",
        d(2028, 4, 30),
        d(2028, 6, 1),
        d(2028, 7, 1),
    ),
    rt(
        "nodejs22.x",
        "Node.js 22",
        d(2027, 4, 30),
        d(2027, 6, 1),
        d(2027, 7, 1),
    ),
    rt(
        "nodejs20.x",
        "Node.js 20",
        d(2026, 4, 30),
        d(2027, 2, 1),
        d(2027, 3, 3),
    ),
    rt(
        "nodejs18.x",
        "Node.js 18",
        d(2025, 9, 1),
        d(2027, 2, 1),
        d(2027, 3, 3),
    ),
    rt(
        "nodejs16.x",
        "Node.js 16",
        d(2024, 6, 12),
        d(2027, 2, 1),
        d(2027, 3, 3),
    ),
    rt(
        "nodejs14.x",
        "Node.js 14",
        d(2023, 12, 4),
        d(2024, 1, 9),
        d(2027, 3, 3),
    ),
    rt(
        "nodejs12.x",
        "Node.js 12",
        d(2023, 3, 31),
        d(2023, 3, 31),
        d(2023, 4, 30),
    ),
    rt(
        "nodejs10.x",
        "Node.js 10",
        d(2021, 7, 30),
        d(2021, 7, 30),
        d(2022, 2, 14),
    ),
    // Python
    rt(
        "python3.14",
        "Python 3.14",
        d(2029, 6, 30),
        d(2029, 7, 31),
        d(2029, 8, 31),
    ),
    rt(
        "python3.13",
        "Python 3.13",
        d(2029, 6, 30),
        d(2029, 7, 31),
        d(2029, 8, 31),
    ),
    rt(
        "python3.12",
        "Python 3.12",
        d(2028, 10, 31),
        d(2028, 11, 30),
        d(2029, 1, 10),
    ),
    rt(
        "python3.11",
        "Python 3.11",
        d(2027, 6, 30),
        d(2027, 7, 31),
        d(2027, 8, 31),
    ),
    rt(
        "python3.10",
        "Python 3.10",
        d(2026, 10, 31),
        d(2027, 2, 1),
        d(2027, 3, 3),
    ),
    rt(
        "python3.9",
        "Python 3.9",
        d(2025, 12, 15),
        d(2027, 2, 1),
        d(2027, 3, 3),
    ),
    rt(
        "python3.8",
        "Python 3.8",
        d(2024, 10, 14),
        d(2027, 2, 1),
        d(2027, 3, 3),
    ),
    rt(
        "python3.7",
        "Python 3.7",
        d(2023, 12, 4),
        d(2024, 1, 9),
        d(2027, 3, 3),
    ),
    rt(
        "python3.6",
        "Python 3.6",
        d(2022, 7, 18),
        d(2022, 7, 18),
        d(2022, 8, 29),
    ),
    rt(
        "python2.7",
        "Python 2.7",
        d(2021, 7, 15),
        d(2021, 7, 15),
        d(2022, 5, 30),
    ),
    // Java. The AL2 runtimes were extended to 30 June 2027 when Lambda added
    // Java 8, 11 and 17 on Amazon Linux 2023 (31 July 2026).
    rt(
        "java25",
        "Java 25",
        d(2029, 6, 30),
        d(2029, 7, 31),
        d(2029, 8, 31),
    ),
    rt(
        "java21",
        "Java 21",
        d(2029, 6, 30),
        d(2029, 7, 31),
        d(2029, 8, 31),
    ),
    // The three AL2023 Java runtimes: block-create date unconfirmed (only
    // the deprecation and block-update dates were matched).
    Runtime {
        block_create: None,
        ..rt(
            "java17.al2023",
            "Java 17 (Amazon Linux 2023)",
            d(2029, 6, 30),
            d(2029, 7, 31),
            d(2029, 8, 31),
        )
    },
    rt(
        "java17",
        "Java 17",
        d(2027, 6, 30),
        d(2027, 7, 31),
        d(2027, 8, 31),
    ),
    Runtime {
        block_create: None,
        ..rt(
            "java11.al2023",
            "Java 11 (Amazon Linux 2023)",
            d(2029, 6, 30),
            d(2029, 7, 31),
            d(2029, 8, 31),
        )
    },
    rt(
        "java11",
        "Java 11",
        d(2027, 6, 30),
        d(2027, 7, 31),
        d(2027, 8, 31),
    ),
    Runtime {
        block_create: None,
        ..rt(
            "java8.al2023",
            "Java 8 (Amazon Linux 2023)",
            d(2029, 6, 30),
            d(2029, 7, 31),
            d(2029, 8, 31),
        )
    },
    rt(
        "java8.al2",
        "Java 8 (Amazon Linux 2)",
        d(2027, 6, 30),
        d(2027, 7, 31),
        d(2027, 8, 31),
    ),
    rt(
        "java8",
        "Java 8 (Amazon Linux)",
        d(2024, 1, 8),
        d(2024, 2, 8),
        d(2027, 3, 3),
    ),
    // .NET
    rt(
        "dotnet10",
        ".NET 10",
        d(2028, 11, 14),
        d(2028, 12, 14),
        d(2029, 1, 15),
    ),
    // .NET 9 is for container images only: LR schedules no blocks.
    Runtime {
        block_create: None,
        block_update: None,
        ..rt(
            "dotnet9",
            ".NET 9",
            d(2026, 11, 10),
            d(2026, 11, 10),
            d(2026, 11, 10),
        )
    },
    rt(
        "dotnet8",
        ".NET 8",
        d(2026, 11, 10),
        d(2027, 2, 1),
        d(2027, 3, 3),
    ),
    rt(
        "dotnet6",
        ".NET 6",
        d(2024, 12, 20),
        d(2027, 2, 1),
        d(2027, 3, 3),
    ),
    rt(
        "dotnetcore3.1",
        ".NET Core 3.1",
        d(2023, 4, 3),
        d(2023, 4, 3),
        d(2023, 5, 3),
    ),
    // Ruby
    rt(
        "ruby4.0",
        "Ruby 4.0",
        d(2029, 3, 31),
        d(2029, 4, 30),
        d(2029, 5, 31),
    ),
    rt(
        "ruby3.4",
        "Ruby 3.4",
        d(2028, 3, 31),
        d(2028, 4, 30),
        d(2028, 5, 31),
    ),
    rt(
        "ruby3.3",
        "Ruby 3.3",
        d(2027, 3, 31),
        d(2027, 4, 30),
        d(2027, 5, 31),
    ),
    rt(
        "ruby3.2",
        "Ruby 3.2",
        d(2026, 3, 31),
        d(2027, 2, 1),
        d(2027, 3, 3),
    ),
    rt(
        "ruby2.7",
        "Ruby 2.7",
        d(2023, 12, 7),
        d(2024, 1, 9),
        d(2027, 3, 3),
    ),
    // OS-only runtimes (Go, Rust and custom runtimes)
    rt(
        "provided.al2023",
        "OS-only runtime (Amazon Linux 2023)",
        d(2029, 6, 30),
        d(2029, 7, 31),
        d(2029, 8, 31),
    ),
    rt(
        "provided.al2",
        "OS-only runtime (Amazon Linux 2)",
        d(2026, 7, 31),
        d(2027, 2, 1),
        d(2027, 3, 3),
    ),
    rt(
        "provided",
        "OS-only runtime (Amazon Linux)",
        d(2024, 1, 8),
        d(2024, 2, 8),
        d(2027, 3, 3),
    ),
    rt(
        "go1.x",
        "Go 1.x",
        d(2024, 1, 8),
        d(2024, 2, 8),
        d(2027, 3, 3),
    ),
];

/// The row for a runtime identifier (as Lambda spells it, ignoring ASCII
/// case), if any.
#[must_use]
pub fn lookup(id: &str) -> Option<&'static Runtime> {
    RUNTIMES.iter().find(|r| r.id.eq_ignore_ascii_case(id))
}

/// The language family of a runtime identifier: its leading letters
/// (`python3.12` → `python`), with `go1.x` counted as `provided` (Go runs
/// on the OS-only runtime now).
fn family(id: &str) -> &str {
    let letters = id
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(id.len());
    match &id[..letters] {
        "go" => "provided",
        f => f,
    }
}

/// The runtime to move to from `runtime`: the one of its family with the
/// latest deprecation date (the first listed, the newest, among equals).
#[must_use]
pub fn successor(runtime: &Runtime) -> Option<&'static Runtime> {
    let fam = family(runtime.id);
    RUNTIMES.iter().filter(|r| family(r.id) == fam).fold(
        None,
        |best: Option<&'static Runtime>, r| match best {
            Some(b) if b.deprecation >= r.deprecation => Some(b),
            _ => Some(r),
        },
    )
}

/// The same language version on Amazon Linux 2023 (`java17` →
/// `java17.al2023`), when Lambda offers one.
#[must_use]
pub fn al2023_variant(runtime: &Runtime) -> Option<&'static Runtime> {
    let base = runtime.id.strip_suffix(".al2").unwrap_or(runtime.id);
    lookup(&format!("{base}.al2023")).filter(|r| r.id != runtime.id)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::{CHECKED, RUNTIMES, al2023_variant, lookup, successor};
    use crate::date::Date;

    #[test]
    fn every_row_is_well_formed() {
        let mut seen = HashSet::new();
        for r in RUNTIMES {
            let dates = [Some(r.deprecation), r.block_create, r.block_update];
            for date in dates.into_iter().flatten() {
                assert_eq!(
                    Date::new(date.year, date.month, date.day),
                    Some(date),
                    "{}",
                    r.id
                );
            }
            if let Some(update) = r.block_update {
                assert!(
                    r.deprecation <= update,
                    "{}: updates blocked before deprecation",
                    r.id
                );
                if let Some(create) = r.block_create {
                    assert!(create <= update, "{}: update blocked before create", r.id);
                }
            }
            assert!(seen.insert(r.id), "{} twice", r.id);
            assert!(!r.source.is_empty() && r.checked <= CHECKED, "{}", r.id);
        }
    }

    #[test]
    fn lookups_and_successors() {
        let java17 = lookup("java17").unwrap_or_else(|| panic!("java17"));
        assert_eq!(java17.deprecation.to_string(), "2027-06-30");
        assert_eq!(
            java17.block_update.map(|d| d.to_string()),
            Some("2027-08-31".into())
        );
        assert_eq!(successor(java17).map(|r| r.id), Some("java25"));
        assert_eq!(al2023_variant(java17).map(|r| r.id), Some("java17.al2023"));
        let java8 = lookup("java8.al2").unwrap_or_else(|| panic!("java8.al2"));
        assert_eq!(al2023_variant(java8).map(|r| r.id), Some("java8.al2023"));
        let py = lookup("Python3.9").unwrap_or_else(|| panic!("python3.9"));
        assert_eq!(successor(py).map(|r| r.id), Some("python3.14"));
        let go = lookup("go1.x").unwrap_or_else(|| panic!("go1.x"));
        assert_eq!(successor(go).map(|r| r.id), Some("provided.al2023"));
        assert_eq!(lookup("cobol85"), None);
    }
}
