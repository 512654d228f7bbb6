//! Human output: miette snippets with the offending text underlined, and a
//! one-line summary. Every text that came from input (messages, labels,
//! file names, source lines, notes) goes through [`crate::sanitize`] first,
//! so that no input reaches the terminal as a control sequence.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use reelnet_spec::{Diagnostic, FileId, Severity, SourceFile, Sources};

use crate::report::Report;
use crate::sanitize;

/// A file's text under its name, for miette.
struct Named<'a> {
    file: &'a SourceFile,
    /// The file's text with its control characters replaced, same length.
    text: &'a str,
    name: String,
}

impl Named<'_> {
    /// The lines around `span` (`before` and `after` more, and one of slack
    /// each side): miette reads only these, not the file from its start,
    /// so a report with many findings on a large file stays linear.
    fn window(&self, span: &SourceSpan, before: usize, after: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let start = u32::try_from(span.offset()).ok()?;
        let end = u32::try_from(span.offset().checked_add(span.len())?).ok()?;
        if end as usize > text.len() {
            return None;
        }
        let lines = &self.file.lines;
        let mut from = lines.line_range(text, start).start;
        for _ in 0..=before {
            if from == 0 {
                break;
            }
            from = lines.line_range(text, from - 1).start;
        }
        let mut to = lines.line_range(text, end).end;
        for _ in 0..=after {
            let next = next_line(text, to as usize);
            if next >= text.len() {
                to = u32::try_from(text.len()).ok()?;
                break;
            }
            to = lines.line_range(text, u32::try_from(next).ok()?).end;
        }
        Some((from as usize, next_line(text, to as usize)))
    }
}

/// The offset after the line break at or after `at` (the text's end if none).
fn next_line(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |i| at + i + 1)
}

impl SourceCode for Named<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text = self.text;
        let (from, to) = self.window(span, before, after).unwrap_or((0, text.len()));
        let window = text.get(from..to).unwrap_or(text);
        let from = if window.len() == text.len() { 0 } else { from };
        let local = SourceSpan::new((span.offset() - from).into(), span.len());
        let inner = window.read_span(&local, before, after)?;
        let first_line = if from == 0 {
            0
        } else {
            (self.file.line_col(u32::try_from(from).unwrap_or(0)).line as usize).saturating_sub(1)
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + from).into(), inner.span().len()),
            inner.line() + first_line,
            // miette counts the column in bytes (and counts a byte order
            // mark); the header shows the column in characters, as every
            // other format does. miette asks for the column only with no
            // lines of context (0 otherwise).
            if before == 0 && inner.column() != 0 {
                (self
                    .file
                    .line_col(u32::try_from(span.offset()).unwrap_or(u32::MAX))
                    .column as usize)
                    .saturating_sub(1)
            } else {
                inner.column()
            },
            // miette counts the lines from the start of the text.
            inner.line_count() + first_line,
        )))
    }
}

/// One diagnostic (or one of its related places in another file) for miette.
struct View<'a> {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<Cow<'a, str>>,
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
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
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

/// Related places at most this many lines from the finding share its snippet
/// (with the context lines, a snippet spans at most about a dozen lines).
const NEAR_LINES: u32 = 8;

/// The sanitised texts of a report's files, computed once per file.
type Texts<'a> = HashMap<FileId, Cow<'a, str>>;

/// Longest stretch of source (from the start of a label's first line to the
/// end of its last) shown as a snippet. Past it (a 700 KB line of
/// suppression codes, a minified document) the finding is shown without a
/// snippet, with its position in the message: rendering stays linear in
/// the report, not in findings times line length.
pub const MAX_SNIPPET_BYTES: u32 = 16 * 1024;

/// The file of `label` as a snippet source, or None when its lines are too
/// long to show ([`MAX_SNIPPET_BYTES`]).
fn named<'a>(
    sources: &'a Sources,
    texts: &'a Texts<'a>,
    label: &reelnet_spec::Label,
) -> Option<Named<'a>> {
    let text = texts.get(&label.file)?;
    let file = sources.get(label.file)?;
    let first = file.lines.line_range(&file.text, label.range.start);
    let last = file.lines.line_range(&file.text, label.range.end);
    if last.end.saturating_sub(first.start) > MAX_SNIPPET_BYTES {
        return None;
    }
    Some(Named {
        file,
        text,
        name: sanitize::escape(&file.name).into_owned(),
    })
}

/// ` (at file:line:column)`, for a finding shown without its snippet.
fn place(sources: &Sources, label: &reelnet_spec::Label) -> String {
    sources.get(label.file).map_or_else(String::new, |f| {
        let at = f.line_col(label.range.start);
        format!(
            " (at {}:{}:{}; the line is too long to show)",
            sanitize::escape(&f.name),
            at.line,
            at.column
        )
    })
}

fn clean(s: &str) -> String {
    sanitize::escape(s).into_owned()
}

fn view<'a>(sources: &'a Sources, texts: &'a Texts<'a>, d: &'a Diagnostic) -> View<'a> {
    let severity = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let label = |l: &reelnet_spec::Label, primary: bool| {
        let text = (!l.message.is_empty()).then(|| clean(&l.message));
        if primary {
            LabeledSpan::new_primary_with_span(text, l.range)
        } else {
            LabeledSpan::new_with_span(text, l.range)
        }
    };
    let source = named(sources, texts, &d.primary);
    let mut labels = Vec::new();
    let mut related = Vec::new();
    if source.is_some() {
        labels.push(label(&d.primary, true));
    }
    let line =
        |l: &reelnet_spec::Label| sources.get(l.file).map(|f| f.line_col(l.range.start).line);
    let primary_line = line(&d.primary);
    for r in &d.related {
        // A place near the finding shares its snippet; one further away gets
        // a snippet of its own, after the finding's (the primary place comes
        // first, and no snippet spans dozens of unrelated lines).
        let near = r.file == d.primary.file
            && match (primary_line, line(r)) {
                (Some(a), Some(b)) => a.abs_diff(b) <= NEAR_LINES,
                _ => false,
            };
        if near && source.is_some() && named(sources, texts, r).is_some() {
            labels.push(label(r, false));
        } else {
            let source = named(sources, texts, r);
            let message = match source {
                Some(_) => clean(&r.message),
                None => format!("{}{}", clean(&r.message), place(sources, r)),
            };
            related.push(View {
                message: if message.is_empty() {
                    "related place".to_owned()
                } else {
                    message
                },
                code: None,
                severity: miette::Severity::Advice,
                help: None,
                labels: if source.is_some() {
                    vec![label(r, true)]
                } else {
                    Vec::new()
                },
                source,
                related: Vec::new(),
            });
        }
    }
    let message = match source {
        Some(_) => clean(&d.message),
        None => format!("{}{}", clean(&d.message), place(sources, &d.primary)),
    };
    View {
        message,
        code: Some(clean(&format!("{}({})", d.code, d.name))),
        severity,
        help: d.help.as_deref().map(sanitize::escape),
        source,
        labels,
        related,
    }
}

/// The width [`render`] wraps at: the CLI's when it writes to a pipe or a
/// file and `COLUMNS` is unset.
pub const DEFAULT_WIDTH: usize = 100;

/// The narrowest width [`render_width`] wraps at (narrower requests are
/// raised to it: the gutter and the labels need some room).
pub const MIN_WIDTH: usize = 40;

/// The report as miette snippets and a summary line, wrapped at
/// [`DEFAULT_WIDTH`] columns.
#[must_use]
pub fn render(report: &Report, color: bool) -> String {
    render_width(report, color, DEFAULT_WIDTH)
}

/// The report as miette snippets and a summary line, with messages, labels
/// and help wrapped at word boundaries to `width` columns (at least
/// [`MIN_WIDTH`]), breaking at spaces only. Source lines and the labels
/// hanging under them are shown whole. The CLI passes the terminal's width
/// (or `COLUMNS`).
#[must_use]
pub fn render_width(report: &Report, color: bool, width: usize) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(width.max(MIN_WIDTH))
        .with_break_words(false)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::new();
    // Each spec's files, sanitised once (keyed by the spec's `Sources`).
    let texts: HashMap<*const Sources, Texts<'_>> = report
        .specs
        .iter()
        .map(|spec| {
            let texts = spec
                .sources
                .iter()
                .map(|(id, f)| (id, sanitize::same_length(&f.text)))
                .collect();
            (std::ptr::from_ref(&spec.sources), texts)
        })
        .collect();
    let no_texts = Texts::new();
    for r in report.resolved() {
        let texts = texts
            .get(&std::ptr::from_ref(r.sources))
            .unwrap_or(&no_texts);
        let v = view(r.sources, texts, r.diagnostic);
        if handler.render_report(&mut out, &v).is_err() {
            out.push_str(&format!(
                "{}:{}:{}: {} {}\n",
                sanitize::escape(&r.position.file),
                r.position.line,
                r.position.column,
                r.diagnostic.code,
                sanitize::escape(&r.diagnostic.message)
            ));
        }
        out.push('\n');
    }
    for note in crate::report::notes_capped(report) {
        out.push_str("note: ");
        out.push_str(&sanitize::escape(&note));
        out.push('\n');
    }
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}

/// `Found 2 errors, 1 warning in 1 spec.` or `No findings in 1 spec.`
#[must_use]
pub fn summary_line(report: &Report) -> String {
    crate::report::summary_line(report)
}
