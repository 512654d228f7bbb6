//! JUnit XML, for GitLab's and Jenkins' test reports: one `testsuite` per
//! spec, one failing `testcase` per finding, a skipped one per suppressed
//! finding, and one passing `testcase` for a spec without findings.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::report::{Report, Resolved, SpecReport};

/// Escape text for an XML attribute or element; characters XML 1.0 cannot
/// carry at all (most control characters) become U+FFFD.
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if u32::from(c) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Input-derived text with its control characters escaped visibly
/// ([`crate::sanitize`]), before XML escaping: a CI log that prints the
/// report must not receive them.
fn clean(s: &str) -> Cow<'_, str> {
    crate::sanitize::escape(s)
}

fn case_name(r: &Resolved<'_>) -> String {
    let p = &r.position;
    clean(&format!(
        "{} {} at {}:{}:{}",
        r.diagnostic.code, r.diagnostic.name, p.file, p.line, p.column
    ))
    .into_owned()
}

fn details(r: &Resolved<'_>) -> String {
    let d = r.diagnostic;
    let p = &r.position;
    let mut text = format!(
        "{}:{}:{}: {} {} ({}): {}",
        clean(&p.file),
        p.line,
        p.column,
        d.severity,
        clean(d.code),
        clean(d.name),
        clean(&d.message)
    );
    if !p.path.is_empty() {
        let _ = write!(text, "\npath: {}", clean(&p.path));
    }
    for (rp, msg) in &r.related {
        let _ = write!(
            text,
            "\n{}:{}:{}: {}",
            clean(&rp.file),
            rp.line,
            rp.column,
            clean(msg)
        );
    }
    if let Some(h) = &d.help {
        let _ = write!(text, "\nhelp: {}", clean(h));
    }
    text
}

fn suite(out: &mut String, spec: &SpecReport) {
    let found = spec.resolved();
    let hidden = spec.resolved_suppressed();
    let tests = (found.len() + hidden.len()).max(1);
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">",
        escape(&clean(&spec.path)),
        found.len(),
        hidden.len()
    );
    let classname = escape(&clean(&spec.path));
    if found.is_empty() && hidden.is_empty() {
        let _ = writeln!(
            out,
            "    <testcase name=\"reelnet-lint\" classname=\"{classname}\"/>"
        );
    }
    let mut all: Vec<(bool, &Resolved<'_>)> = found
        .iter()
        .map(|r| (false, r))
        .chain(hidden.iter().map(|r| (true, r)))
        .collect();
    all.sort_by(|(sa, a), (sb, b)| {
        (
            &a.position.file,
            a.position.line,
            a.position.column,
            a.diagnostic.code,
            sa,
        )
            .cmp(&(
                &b.position.file,
                b.position.line,
                b.position.column,
                b.diagnostic.code,
                sb,
            ))
    });
    for (skipped, r) in all {
        let _ = writeln!(
            out,
            "    <testcase name=\"{}\" classname=\"{classname}\" file=\"{}\" line=\"{}\">",
            escape(&case_name(r)),
            escape(&clean(&r.position.file)),
            r.position.line
        );
        if skipped {
            let why = r.suppression.map_or("", |s| s.justification.as_str());
            let _ = writeln!(
                out,
                "      <skipped message=\"{}\"/>",
                escape(&clean(&format!("suppressed: {why}")))
            );
        } else {
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                escape(&clean(&r.diagnostic.message)),
                escape(r.diagnostic.severity.as_str()),
                escape(&details(r))
            );
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n");
}

/// The report as a JUnit XML document.
#[must_use]
pub fn render(report: &Report) -> String {
    let summary = report.summary();
    let failures = summary.errors + summary.warnings + summary.infos;
    let tests: usize = report
        .specs
        .iter()
        .map(|s| (s.diagnostics.len() + s.suppressed.len()).max(1))
        .sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"reelnet-lint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{}\">",
        summary.suppressed
    );
    for spec in &report.specs {
        suite(&mut out, spec);
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>\u{1}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\u{FFFD}"
        );
    }
}
