use reelnet_spec::{Severity, Spec};

use crate::date::Date;
use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reads the base image of a Dockerfile's final stage (following
    /// `FROM <stage>` and global `ARG` defaults) and looks its runtime up in
    /// a dated table (runtime, version, end of support, source). As of the
    /// lint date (`--as-of`, like DB005) it reports:
    /// - a warning when support ends within 180 days;
    /// - an error when support has ended, or the image is deprecated or
    ///   withdrawn by its publisher (`openjdk`).
    ///
    /// The table covers the Docker Official Images `node`, `python`,
    /// `golang`, `eclipse-temurin`, `amazoncorretto` (also as
    /// `public.ecr.aws/amazoncorretto/amazoncorretto`) and `openjdk`. The help
    /// names the supported tag to move to, keeping the tag's variant
    /// (`-alpine`, `-slim`).
    ///
    /// ## Why is this bad?
    /// A runtime past its end of life gets no security fixes: every CVE found
    /// after that date stays in the image. A withdrawn image is worse: its
    /// tags are gone, so the Dockerfile cannot even be built again.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:18-alpine
    /// USER node
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:24-alpine
    /// USER node
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## References
    /// - [Node.js releases](https://nodejs.org/en/about/previous-releases)
    /// - [Python: status of versions](https://devguide.python.org/versions/)
    /// - [Go release policy](https://go.dev/doc/devel/release#policy)
    /// - [Eclipse Temurin support roadmap](https://adoptium.net/support/)
    /// - [Amazon Corretto support calendar](https://aws.amazon.com/corretto/faqs/)
    /// - [The `openjdk` image is deprecated](https://hub.docker.com/_/openjdk)
    pub struct BaseImageUnsupported {
        code: "DKR001",
        name: "base-image-unsupported",
        severity: Warning,
        summary: "the final stage's base image runs a runtime near or past its end of life, or is withdrawn",
    }
    impl Rule;
}

/// Warn this many days before support ends.
const WARN_DAYS: i64 = 180;

/// One row of the table: a runtime version and when its support ends.
struct Row {
    /// Image repositories (Docker Hub official names and mirrors).
    images: &'static [&'static str],
    runtime: &'static str,
    /// The version the tag starts with (`18`, `3.9`, `1.22`); `*` for all.
    version: &'static str,
    /// Last day of support (YYYY-MM-DD); empty for a withdrawn image.
    end: &'static str,
    /// The tag version to move to (the newest supported release line).
    replacement: &'static str,
}

const NODE: &[&str] = &["node", "library/node"];
const PYTHON: &[&str] = &["python", "library/python"];
const GO: &[&str] = &["golang", "library/golang"];
const TEMURIN: &[&str] = &["eclipse-temurin", "library/eclipse-temurin"];
const CORRETTO: &[&str] = &[
    "amazoncorretto",
    "library/amazoncorretto",
    "public.ecr.aws/amazoncorretto/amazoncorretto",
];

/// The dated table. Each date's source is in the comment beside it;
/// checked 2026-11-29. `replacement` is the line to move to: the newest
/// long-term line with a dated end (Node.js 24: 26 entered LTS only on
/// 2026-10-27; Corretto 21: 25 has no published end in the FAQ as read).
const TABLE: &[Row] = &[
    // Node.js: end of life of each major, https://nodejs.org/en/about/previous-releases
    // and https://github.com/nodejs/Release#release-schedule (its schedule.json
    // gives each "end"; re-checked 2026-11-29: 14 2023-04-30, 16 2023-09-11,
    // 18 2025-04-30, 19 2023-06-01, 20 2026-04-30, 21 2024-06-01, 22 2027-04-30,
    // 23 2025-06-01, 24 2028-04-30, 25 2026-06-01, 26 2029-04-30).
    Row {
        images: NODE,
        runtime: "Node.js",
        version: "14",
        end: "2023-04-30",
        replacement: "24",
    },
    Row {
        images: NODE,
        runtime: "Node.js",
        version: "16",
        end: "2023-09-11",
        replacement: "24",
    },
    Row {
        images: NODE,
        runtime: "Node.js",
        version: "18",
        end: "2025-04-30",
        replacement: "24",
    },
    Row {
        images: NODE,
        runtime: "Node.js",
        version: "19",
        end: "2023-06-01",
        replacement: "24",
    },
    Row {
        images: NODE,
        runtime: "Node.js",
        version: "20",
        end: "2026-04-30",
        replacement: "24",
    },
    Row {
        images: NODE,
        runtime: "Node.js",
        version: "21",
        end: "2024-06-01",
        replacement: "24",
    },
    Row {
        images: NODE,
        runtime: "Node.js",
        version: "22",
        end: "2027-04-30",
        replacement: "24",
    },
    Row {
        images: NODE,
        runtime: "Node.js",
        version: "23",
        end: "2025-06-01",
        replacement: "24",
    },
    Row {
        images: NODE,
        runtime: "Node.js",
        version: "24",
        end: "2028-04-30",
        replacement: "24",
    },
    Row {
        images: NODE,
        runtime: "Node.js",
        version: "25",
        end: "2026-06-01",
        replacement: "24",
    },
    Row {
        images: NODE,
        runtime: "Node.js",
        version: "26",
        end: "2029-04-30",
        replacement: "24",
    },
    // Python: end of life of each minor, https://devguide.python.org/versions/
    // (its release-cycle.json; a month for lines still supported, read as the
    // month's last day: 3.10 "2026-10", 3.11 "2027-10", 3.12 "2028-10",
    // 3.13 "2029-10", 3.14 "2030-10"; ended lines have the day: 3.7
    // 2023-06-27, 3.8 2024-10-07, 3.9 2025-10-31). Re-checked 2026-11-29.
    Row {
        images: PYTHON,
        runtime: "Python",
        version: "3.7",
        end: "2023-06-27",
        replacement: "3.14",
    },
    Row {
        images: PYTHON,
        runtime: "Python",
        version: "3.8",
        end: "2024-10-07",
        replacement: "3.14",
    },
    Row {
        images: PYTHON,
        runtime: "Python",
        version: "3.9",
        end: "2025-10-31",
        replacement: "3.14",
    },
    Row {
        images: PYTHON,
        runtime: "Python",
        version: "3.10",
        end: "2026-10-31",
        replacement: "3.14",
    },
    Row {
        images: PYTHON,
        runtime: "Python",
        version: "3.11",
        end: "2027-10-31",
        replacement: "3.14",
    },
    Row {
        images: PYTHON,
        runtime: "Python",
        version: "3.12",
        end: "2028-10-31",
        replacement: "3.14",
    },
    Row {
        images: PYTHON,
        runtime: "Python",
        version: "3.13",
        end: "2029-10-31",
        replacement: "3.14",
    },
    Row {
        images: PYTHON,
        runtime: "Python",
        version: "3.14",
        end: "2030-10-31",
        replacement: "3.14",
    },
    // Go: "Each major Go release is supported until there are two newer
    // major releases", https://go.dev/doc/devel/release#policy; so each line
    // ends on the release date of the second one after it, from the same
    // page's release history: go1.22.0 2024-02-06 (ends 1.20), go1.23.0
    // 2024-08-13 (1.21), go1.24.0 2025-02-11 (1.22), go1.25.0 2025-08-12
    // (1.23), go1.26.0 2026-02-10 (1.24), go1.27.0 2026-08-19 (1.25).
    // 1.26 and 1.27 end with go1.28.0 and go1.29.0, not yet dated.
    // Re-checked 2026-11-29.
    Row {
        images: GO,
        runtime: "Go",
        version: "1.20",
        end: "2024-02-06",
        replacement: "1.27",
    },
    Row {
        images: GO,
        runtime: "Go",
        version: "1.21",
        end: "2024-08-13",
        replacement: "1.27",
    },
    Row {
        images: GO,
        runtime: "Go",
        version: "1.22",
        end: "2025-02-11",
        replacement: "1.27",
    },
    Row {
        images: GO,
        runtime: "Go",
        version: "1.23",
        end: "2025-08-12",
        replacement: "1.27",
    },
    Row {
        images: GO,
        runtime: "Go",
        version: "1.24",
        end: "2026-02-10",
        replacement: "1.27",
    },
    Row {
        images: GO,
        runtime: "Go",
        version: "1.25",
        end: "2026-08-19",
        replacement: "1.27",
    },
    // Eclipse Temurin: "at least until" dates of the Adoptium support
    // roadmap, https://adoptium.net/support/, read as the month's last day:
    // 8 "November 2026", 11 "October 2027", 17 "October 2027", 21 "December
    // 2029", 25 "September 2031". Re-checked 2026-11-29 (11, 21 and 25 as
    // Adoptium states them in its release descriptions; 8 and 17 as the
    // roadmap gave them when this table was written).
    Row {
        images: TEMURIN,
        runtime: "Java (Eclipse Temurin)",
        version: "8",
        end: "2026-11-30",
        replacement: "25",
    },
    Row {
        images: TEMURIN,
        runtime: "Java (Eclipse Temurin)",
        version: "11",
        end: "2027-10-31",
        replacement: "25",
    },
    Row {
        images: TEMURIN,
        runtime: "Java (Eclipse Temurin)",
        version: "17",
        end: "2027-10-31",
        replacement: "25",
    },
    Row {
        images: TEMURIN,
        runtime: "Java (Eclipse Temurin)",
        version: "21",
        end: "2029-12-31",
        replacement: "25",
    },
    Row {
        images: TEMURIN,
        runtime: "Java (Eclipse Temurin)",
        version: "25",
        end: "2031-09-30",
        replacement: "25",
    },
    // Amazon Corretto: end of support of each LTS, https://aws.amazon.com/corretto/faqs/
    // (Corretto 8: December 2030, 11: January 2032, 17: October 2029, 21: October 2030;
    // read as the month's last day). 8 and 11 re-checked 2026-11-29 against
    // AWS's notice "Extension of EOL Dates for Amazon Corretto 8 and 11"
    // (was April 2026 and September 2027). Corretto 25 has no date in the
    // FAQ as read, so it has no row (no finding, rather than a guess).
    Row {
        images: CORRETTO,
        runtime: "Java (Amazon Corretto)",
        version: "8",
        end: "2030-12-31",
        replacement: "21",
    },
    Row {
        images: CORRETTO,
        runtime: "Java (Amazon Corretto)",
        version: "11",
        end: "2032-01-31",
        replacement: "21",
    },
    Row {
        images: CORRETTO,
        runtime: "Java (Amazon Corretto)",
        version: "17",
        end: "2029-10-31",
        replacement: "21",
    },
    Row {
        images: CORRETTO,
        runtime: "Java (Amazon Corretto)",
        version: "21",
        end: "2030-10-31",
        replacement: "21",
    },
    // openjdk: deprecated since July 2022 (https://hub.docker.com/_/openjdk,
    // https://github.com/docker-library/openjdk/issues/505); its floating
    // tags were withdrawn from Docker Hub in November 2025.
    Row {
        images: &["openjdk", "library/openjdk"],
        runtime: "Java (openjdk image)",
        version: "*",
        end: "",
        replacement: "eclipse-temurin",
    },
];

/// The version a tag starts with: its leading digits and dots (`18` of
/// `18-alpine`, `3.9.18` of `3.9.18-slim`).
fn tag_version(tag: &str) -> &str {
    let end = tag
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(tag.len());
    tag[..end].trim_end_matches('.')
}

/// Whether `version` (`3.9.18`) is in the release line `line` (`3.9`).
fn in_line(version: &str, line: &str) -> bool {
    version == line
        || version
            .strip_prefix(line)
            .is_some_and(|r| r.starts_with('.'))
}

fn lookup(repository: &str, tag: &str) -> Option<&'static Row> {
    let version = tag_version(tag);
    TABLE.iter().find(|r| {
        r.images.contains(&repository) && (r.version == "*" || in_line(version, r.version))
    })
}

/// The supported tag to move to, keeping the variant of `tag`.
fn replacement(row: &Row, repository: &str, tag: &str) -> String {
    let variant = &tag[tag_version(tag).len()..];
    if row.version == "*" {
        // openjdk:17-jdk-slim → eclipse-temurin:17-jre (Temurin has no -slim).
        let major = tag_version(tag).split('.').next().unwrap_or("");
        let major = if major.is_empty() { "21" } else { major };
        return format!("eclipse-temurin:{major}-jre");
    }
    format!("{repository}:{}{variant}", row.replacement)
}

fn date(s: &str) -> Option<Date> {
    s.parse().ok()
}

impl BaseImageUnsupported {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let today = cx.as_of();
        for d in &spec.containers.dockerfiles {
            let Some(stage) = d.final_stage() else {
                continue;
            };
            let Some(r) = d.base_image(stage) else {
                continue;
            };
            let image = r.to_string();
            let repository = r.name();
            let tag = r.tag.as_deref().unwrap_or("latest");
            let Some(row) = lookup(&repository, tag) else {
                continue;
            };
            let fix = replacement(row, &repository, tag);
            let shown = if image == stage.image.value {
                format!("`{image}`")
            } else {
                format!("`{}` (`{image}`)", stage.image.value)
            };
            let Some(end) = date(row.end) else {
                cx.report(
                    Finding::new(
                        stage.image.loc,
                        format!(
                            "{}: the final stage's base image {shown} is deprecated by its publisher and its tags were withdrawn from Docker Hub: the image cannot be built",
                            d.path
                        ),
                    )
                    .label("withdrawn image")
                    .help(format!("use `{fix}`, a maintained build of the same Java release"))
                    .severity(Severity::Error),
                );
                continue;
            };
            let left = today.days_until(end);
            if left > WARN_DAYS {
                continue;
            }
            let version = tag_version(tag);
            let (severity, when) = if left < 0 {
                (
                    Severity::Error,
                    format!("ended on {end} ({} days ago)", -left),
                )
            } else {
                (Severity::Warning, format!("ends on {end} (in {left} days)"))
            };
            cx.report(
                Finding::new(
                    stage.image.loc,
                    format!(
                        "{}: the final stage's base image {shown} runs {} {version}, whose support {when}",
                        d.path, row.runtime
                    ),
                )
                .label(if left < 0 { "past end of life" } else { "end of life near" })
                .help(format!("move to `{fix}`"))
                .severity(severity),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_and_replacements() {
        assert_eq!(tag_version("18-alpine"), "18");
        assert_eq!(tag_version("3.9.18-slim"), "3.9.18");
        assert!(in_line("3.9.18", "3.9"));
        assert!(!in_line("3.10", "3.1"));
        let row = lookup("node", "18-alpine").map(|r| r.end);
        assert_eq!(row, Some("2025-04-30"));
        let row = lookup("node", "18-alpine");
        let fix = row.map(|r| replacement(r, "node", "18-alpine"));
        assert_eq!(fix.as_deref(), Some("node:24-alpine"));
        let row = lookup("openjdk", "17-jdk-slim");
        let fix = row.map(|r| replacement(r, "openjdk", "17-jdk-slim"));
        assert_eq!(fix.as_deref(), Some("eclipse-temurin:17-jre"));
        assert!(lookup("nginx", "1.27").is_none());
    }

    #[test]
    fn every_date_parses() {
        for r in TABLE {
            assert!(r.end.is_empty() || date(r.end).is_some(), "{}", r.end);
        }
    }
}
