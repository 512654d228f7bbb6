//! Human output: miette snippets with the offending text underlined, and a
//! one-line summary.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use reelnet_spec::{Diagnostic, FileId, Severity, Sources};

use crate::report::Report;

/// A file's text under its name, for miette.
struct Named<'a> {
    name: &'a str,
    text: &'a str,
}

impl SourceCode for Named<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_owned(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// One diagnostic (or one of its related places in another file) for miette.
struct View<'a> {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<&'a str>,
    source: Option<Named<'a>>,
    labels: Vec<LabeledSpan>,
    related: Vec<View<'a>>,
}

impl fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for View<'_> {}

impl miette::Diagnostic for View<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}

fn named(sources: &Sources, file: FileId) -> Option<Named<'_>> {
    sources.get(file).map(|f| Named {
        name: &f.name,
        text: &f.text,
    })
}

fn view<'a>(sources: &'a Sources, d: &'a Diagnostic) -> View<'a> {
    let severity = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let label = |l: &reelnet_spec::Label, primary: bool| {
        let text = (!l.message.is_empty()).then(|| l.message.clone());
        if primary {
            LabeledSpan::new_primary_with_span(text, l.range)
        } else {
            LabeledSpan::new_with_span(text, l.range)
        }
    };
    let mut labels = vec![label(&d.primary, true)];
    let mut related = Vec::new();
    for r in &d.related {
        if r.file == d.primary.file {
            labels.push(label(r, false));
        } else {
            related.push(View {
                message: r.message.clone(),
                code: None,
                severity: miette::Severity::Advice,
                help: None,
                source: named(sources, r.file),
                labels: vec![label(r, true)],
                related: Vec::new(),
            });
        }
    }
    View {
        message: d.message.clone(),
        code: Some(format!("{}({})", d.code, d.name)),
        severity,
        help: d.help.as_deref(),
        source: named(sources, d.primary.file),
        labels,
        related,
    }
}

/// The report as miette snippets and a summary line.
#[must_use]
pub fn render(report: &Report, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(100);
    let mut out = String::new();
    for r in report.resolved() {
        let v = view(r.sources, r.diagnostic);
        if handler.render_report(&mut out, &v).is_err() {
            out.push_str(&format!(
                "{}:{}:{}: {} {}\n",
                r.position.file,
                r.position.line,
                r.position.column,
                r.diagnostic.code,
                r.diagnostic.message
            ));
        }
        out.push('\n');
    }
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}

/// `Found 2 errors, 1 warning in 1 spec.` or `No findings in 1 spec.`
#[must_use]
pub fn summary_line(report: &Report) -> String {
    let s = report.summary();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let specs = plural(s.specs, "spec", "specs");
    let mut parts = Vec::new();
    if s.errors > 0 {
        parts.push(plural(s.errors, "error", "errors"));
    }
    if s.warnings > 0 {
        parts.push(plural(s.warnings, "warning", "warnings"));
    }
    if s.infos > 0 {
        parts.push(plural(s.infos, "info", "infos"));
    }
    let suppressed = if s.suppressed > 0 {
        format!(" ({} suppressed)", s.suppressed)
    } else {
        String::new()
    };
    if parts.is_empty() {
        format!("No findings in {specs}{suppressed}.")
    } else {
        format!("Found {} in {specs}{suppressed}.", parts.join(", "))
    }
}
