//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice`
//! annotation per finding, shown on the pull request's diff. Files are
//! relative to the repository root ([`crate::root::repository_root`]):
//! GitHub resolves `file=` from it,
//! whatever the step's working directory or the configuration's directory.

use reelnet_spec::Severity;

use crate::report::{Report, baseline_notes_capped, omitted_notes, unchecked_notes, walk_notes};

/// Escape a command's message (`%`, CR, LF), per GitHub's workflow-command rules.
#[must_use]
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a command property's value: as data, plus `:` and `,`.
#[must_use]
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Input-derived text with its control characters escaped visibly
/// ([`crate::sanitize`]): a newline in a file name must not start a line
/// that the runner would execute as a workflow command.
fn clean(s: &str) -> String {
    crate::sanitize::escape(s).into_owned()
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The report as workflow commands, then the summary as a plain line.
/// Suppressed findings are not annotated.
#[must_use]
pub fn render(report: &Report) -> String {
    let base = crate::identity::repository_base(report);
    let mut out = String::new();
    for r in report.resolved() {
        let d = r.diagnostic;
        let p = &r.position;
        let message = match &d.help {
            Some(h) => format!("{}\nhelp: {}", clean(&d.message), clean(h)),
            None => clean(&d.message),
        };
        out.push_str(&format!(
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            command(d.severity),
            escape_property(&clean(&crate::identity::relative_or_as_named(
                base.as_deref(),
                &p.file,
            ))),
            p.line,
            p.column,
            p.end_line,
            p.end_column,
            escape_property(&clean(&format!("{} {}", d.code, d.name))),
            escape_data(&message),
        ));
    }
    for n in unchecked_notes(report) {
        out.push_str(&format!(
            "::error title=reelnet-lint spec not checked::{}\n",
            escape_data(&clean(&n))
        ));
    }
    for n in omitted_notes(report) {
        out.push_str(&format!(
            "::notice title=reelnet-lint more findings::{}\n",
            escape_data(&clean(&n))
        ));
    }
    for n in walk_notes(report) {
        out.push_str(&format!(
            "::notice title=reelnet-lint manifests glob::{}\n",
            escape_data(&clean(&n))
        ));
    }
    for n in baseline_notes_capped(report, crate::report::MAX_NOTES_PER_REASON) {
        out.push_str(&format!(
            "::notice title=reelnet-lint baseline::{}\n",
            escape_data(&clean(&n))
        ));
    }
    out.push_str(&crate::report::summary_line(report));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
