use reelnet_spec::{Severity, Spec};

use super::lambda_runtimes::{self, Runtime};
use crate::date::Date;
use crate::rule::{Checker, Finding};

/// Warn this many days before a runtime's deprecation.
const WARN_DAYS: i64 = 180;

crate::declare_rule! {
    /// ## What it does
    /// Looks each function's `runtime` up in a table of Lambda runtimes
    /// (`rules/ctr/lambda_runtimes.rs`: deprecation, block-create and
    /// block-update dates, each row with its source) and, on the lint date
    /// (`--as-of` or the config's `as_of`, else today), reports:
    ///
    /// - a warning from 180 days before the runtime's deprecation, through
    ///   the deprecation and the day new functions can no longer use it;
    /// - an error once functions using it can no longer be updated.
    ///
    /// A runtime the table does not know (or a function without `runtime`)
    /// gives no finding.
    ///
    /// ## Why is this bad?
    /// After its deprecation Lambda no longer patches a runtime and AWS
    /// Support no longer helps with functions on it. Some weeks later Lambda
    /// refuses to create functions with it, then to update them: a fix
    /// cannot be deployed at all until the function moves to a supported
    /// runtime, which means a language upgrade to test first.
    ///
    /// ## Example
    /// ```yaml
    /// compute:
    ///   functions:
    ///     - name: video-processing
    ///       runtime: python3.9
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// compute:
    ///   functions:
    ///     - name: video-processing
    ///       runtime: python3.13
    /// ```
    ///
    /// ## References
    /// - [AWS Lambda: Lambda runtimes (supported and deprecated runtimes, with deprecation, block-create and block-update dates)](https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html)
    /// - [AWS Lambda: Runtime deprecation policy](https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html)
    pub struct FunctionRuntimeDeprecated {
        code: "CTR006",
        name: "function-runtime-deprecated",
        severity: Warning,
        summary: "a function's `runtime` is within 180 days of its Lambda deprecation; error once function updates are blocked",
    }
    impl Rule;
}

fn days(n: i64) -> String {
    let n = n.abs();
    format!("{n} day{}", if n == 1 { "" } else { "s" })
}

/// "on 2027-06-30 (in 94 days)", "on 2026-04-30 (210 days ago)", "today".
fn when(today: Date, date: Date) -> String {
    let n = today.days_until(date);
    match n {
        0 => format!("today ({date})"),
        n if n > 0 => format!("on {date} (in {})", days(n)),
        n => format!("on {date} ({} ago)", days(n)),
    }
}

/// The runtime's dates as a reader needs them on `today`, most pressing first.
fn facts(r: &Runtime, today: Date) -> Vec<String> {
    let mut out = Vec::new();
    let past = |date: Date| today >= date;
    if let Some(update) = r.block_update.filter(|u| past(*u)) {
        out.push(format!(
            "Lambda has blocked updating functions on it {}",
            when(today, update)
        ));
    }
    let deprecation = if past(r.deprecation) {
        format!("it was deprecated {}", when(today, r.deprecation))
    } else {
        format!("it is deprecated {}", when(today, r.deprecation))
    };
    out.push(deprecation);
    let update = r
        .block_update
        .filter(|u| !past(*u))
        .map(|u| format!(" and updating them {}", when(today, u)));
    match (r.block_create, update) {
        (Some(create), update) => {
            let verb = if past(create) {
                "has blocked"
            } else {
                "blocks"
            };
            let and = update.map(|u| format!(",{u}")).unwrap_or_default();
            out.push(format!(
                "Lambda {verb} creating functions on it {}{and}",
                when(today, create)
            ));
        }
        (None, Some(update)) => out.push(format!("Lambda blocks{update}")),
        (None, None) => {}
    }
    out
}

impl FunctionRuntimeDeprecated {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        let today = cx.as_of();
        for function in spec.functions() {
            let Some(runtime) = &function.runtime else {
                continue;
            };
            let Some(r) = lambda_runtimes::lookup(&runtime.value) else {
                continue;
            };
            let blocked = r.block_update.is_some_and(|u| today >= u);
            if !blocked && today.days_until(r.deprecation) > WARN_DAYS {
                continue;
            }
            let mut targets = Vec::new();
            let next = lambda_runtimes::successor(r).filter(|n| n.id != r.id);
            if let Some(next) = next {
                targets.push(format!(
                    "`{}` ({}, deprecated on {})",
                    next.id, next.name, next.deprecation
                ));
            }
            // Named once: the successor may itself be the AL2023 variant
            // (`provided.al2` → `provided.al2023`).
            if let Some(same) =
                lambda_runtimes::al2023_variant(r).filter(|s| next.is_none_or(|n| n.id != s.id))
            {
                targets.push(format!(
                    "`{}` (the same language version on Amazon Linux 2023, deprecated on {})",
                    same.id, same.deprecation
                ));
            }
            let help = if targets.is_empty() {
                "move the function to a runtime Lambda still supports".to_owned()
            } else {
                format!(
                    "move the function to {}, and test it there first",
                    targets.join(" or ")
                )
            };
            let label = if blocked {
                format!("{}: updates blocked", r.name)
            } else if today >= r.deprecation {
                format!("{}: deprecated", r.name)
            } else {
                format!(
                    "{}: deprecated in {}",
                    r.name,
                    days(today.days_until(r.deprecation))
                )
            };
            let mut finding = Finding::new(
                runtime.loc,
                format!(
                    "function `{}` runs on {} (`{}`): {}",
                    function.name.value,
                    r.name,
                    r.id,
                    facts(r, today).join("; ")
                ),
            )
            .label(label)
            .help(help);
            if blocked {
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

    fn severity_on(runtime: &str, as_of: &str) -> Option<Severity> {
        let linter = Linter::new(&LintOptions {
            select: vec!["CTR006".into()],
            as_of: as_of.parse::<Date>().ok(),
            ..LintOptions::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
        let text =
            format!("name: t\ncompute:\n  functions:\n    - {{ name: f, runtime: {runtime} }}\n");
        let report = linter.check_str("t.yaml", &text);
        let found: Vec<Severity> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "CTR006")
            .map(|d| d.severity)
            .collect();
        assert!(found.len() <= 1, "{found:?}");
        found.first().copied()
    }

    #[test]
    fn warns_from_180_days_before_deprecation_and_errs_once_updates_are_blocked() {
        // java17: deprecated 2027-06-30, creates blocked 2027-07-31, updates 2027-08-31.
        assert_eq!(severity_on("java17", "2026-12-31"), None);
        assert_eq!(severity_on("java17", "2027-01-01"), Some(Severity::Warning));
        assert_eq!(severity_on("java17", "2027-08-30"), Some(Severity::Warning));
        assert_eq!(severity_on("java17", "2027-08-31"), Some(Severity::Error));
    }

    #[test]
    fn silent_for_unknown_or_current_runtimes() {
        assert_eq!(severity_on("cobol85", "2030-01-01"), None);
        assert_eq!(severity_on("python3.13", "2026-11-29"), None);
        // .NET 9 (container images) has no block dates: never an error.
        assert_eq!(
            severity_on("dotnet9", "2030-01-01"),
            Some(Severity::Warning)
        );
    }
}
