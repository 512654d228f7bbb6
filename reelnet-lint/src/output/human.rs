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
use reelnet_spec::source::LineIndex;
use reelnet_spec::{Diagnostic, FileId, Severity, SourceFile, Sources, TextRange};

use crate::report::Report;
use crate::sanitize;

/// A file's text under its name, for miette.
struct Named<'a> {
    file: &'a SourceFile,
    /// The file's text with its control characters replaced, same length.
    text: &'a str,
    /// The file as snippets show it, its lines too long to show whole
    /// clipped ([`Shown`]); None when every line is short.
    shown: Option<&'a Shown>,
    name: String,
    file_id: FileId,
    /// Set when the snippet is one clipped line ([`Clip`]).
    clip: Option<Clip>,
}

/// A stretch of one line too long to show whole ([`MAX_SNIPPET_BYTES`]):
/// the text around a label, [`CLIP_CONTEXT_CHARS`] characters each side,
/// with `…` where the line goes on. Miette sees only this text; spans are
/// moved into it ([`Named::span`]) and the header still gives the line and
/// column in the file.
struct Clip {
    /// What is shown: `… ` (when the line starts earlier), the stretch, ` …`
    /// (when it goes on).
    shown: String,
    /// The stretch's byte range in the file.
    range: TextRange,
    /// The length of the leading marker in `shown`.
    lead: usize,
    /// The 0-based line of the stretch.
    line: usize,
}

impl Named<'_> {
    /// A label's span in what miette reads: the file's offsets, or for a
    /// clipped line, offsets into the clip (None when the label lies
    /// outside it).
    fn span(&self, l: &reelnet_spec::Label) -> Option<SourceSpan> {
        let Some(clip) = &self.clip else {
            let Some(shown) = self.shown else {
                return Some(l.range.into());
            };
            let start = shown.to_shown(l.range.start)?;
            let end = shown.to_shown(l.range.end)?;
            return (end.checked_sub(start) == Some(l.range.len()))
                .then(|| SourceSpan::new((start as usize).into(), l.range.len() as usize));
        };
        if l.file != self.file_id
            || l.range.start < clip.range.start
            || l.range.end > clip.range.end
        {
            return None;
        }
        let at = clip.lead + (l.range.start - clip.range.start) as usize;
        Some(SourceSpan::new(at.into(), l.range.len() as usize))
    }

    /// What miette reads of a clipped line: the clip, with the line number
    /// and the column of the span in the file.
    fn read_clip<'b>(
        &'b self,
        clip: &'b Clip,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = clip.shown.as_str().read_span(span, before, after)?;
        let column = if before == 0 {
            let in_file = (span.offset().saturating_sub(clip.lead)).min(clip.range.len() as usize)
                + clip.range.start as usize;
            (self
                .file
                .line_col(u32::try_from(in_file).unwrap_or(u32::MAX))
                .column as usize)
                .saturating_sub(1)
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + clip.line,
            column,
            inner.line_count() + clip.line,
        )))
    }

    /// The text the snippets of an unclipped source read (the file, or
    /// the file as [`Shown`] when some of its lines are too long), and its
    /// line index.
    fn snippet_text(&self) -> (&str, &LineIndex) {
        match self.shown {
            Some(shown) => (&shown.text, &shown.lines),
            None => (self.text, &self.file.lines),
        }
    }

    /// The file offset of an offset in [`Self::snippet_text`].
    fn to_file(&self, at: usize) -> u32 {
        let at = u32::try_from(at).unwrap_or(u32::MAX);
        self.shown.map_or(at, |shown| shown.to_file(at))
    }

    /// The lines around `span` (`before` and `after` more, and one of slack
    /// each side): miette reads only these, not the file from its start,
    /// so a report with many findings on a large file stays linear.
    fn window(&self, span: &SourceSpan, before: usize, after: usize) -> Option<(usize, usize)> {
        let (text, lines) = self.snippet_text();
        let start = u32::try_from(span.offset()).ok()?;
        let end = u32::try_from(span.offset().checked_add(span.len())?).ok()?;
        if end as usize > text.len() {
            return None;
        }
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
        if let Some(clip) = &self.clip {
            return self.read_clip(clip, span, before, after);
        }
        let (text, _) = self.snippet_text();
        let (from, to) = self.window(span, before, after).unwrap_or((0, text.len()));
        let window = text.get(from..to).unwrap_or(text);
        let from = if window.len() == text.len() { 0 } else { from };
        let local = SourceSpan::new((span.offset() - from).into(), span.len());
        let inner = window.read_span(&local, before, after)?;
        let first_line = if from == 0 {
            0
        } else {
            (self.file.line_col(self.to_file(from)).line as usize).saturating_sub(1)
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
                (self.file.line_col(self.to_file(span.offset())).column as usize).saturating_sub(1)
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

/// A report's file as snippets read it, computed once per file.
struct Text<'a> {
    /// The file's text, sanitised ([`sanitize::same_length`]).
    text: Cow<'a, str>,
    /// The text with its lines too long to show whole clipped, when it has
    /// any.
    shown: Option<Shown>,
}

/// The sanitised texts of a report's files, computed once per file.
type Texts<'a> = HashMap<FileId, Text<'a>>;

/// A file's text as the snippets of its short lines show it: each line
/// longer than [`MAX_SNIPPET_BYTES`] cut after its first
/// [`CONTEXT_LINE_CHARS`] characters and marked ` …`, so a context line
/// next to a finding (the flow list of 100,000 subnets under a VPC's
/// `cidr`) is never printed whole. Every line is kept, so line numbers
/// stay; an offset moves by the bytes cut before it ([`Self::to_shown`]).
/// Built once per file, in one pass.
struct Shown {
    text: String,
    lines: LineIndex,
    /// The cuts, in order.
    cuts: Vec<Cut>,
}

/// One cut of [`Shown`]: the file's `from..to` (the end of a long line)
/// is shown as ` …` at `shown_from..shown_to`.
#[derive(Clone, Copy)]
struct Cut {
    from: u32,
    to: u32,
    shown_from: u32,
    shown_to: u32,
}

/// How many characters of a line too long to show whole a context line
/// (one without a label of the snippet) keeps.
pub const CONTEXT_LINE_CHARS: usize = 2 * CLIP_CONTEXT_CHARS;

impl Shown {
    /// `text` with its long lines cut, or None when it has none.
    fn new(text: &str, lines: &LineIndex) -> Option<Self> {
        // Most files have no line that long, and a few probes show it. A
        // line over the limit covers a whole block of half the limit
        // (blocks counted from the file's start): so when every such block
        // holds a line feed (in its first bytes, for short lines), no line
        // is over it. (A line ends at a line feed or before, at a lone
        // carriage return.) Otherwise the exact pass below decides.
        let half = MAX_SNIPPET_BYTES as usize / 2;
        if text
            .as_bytes()
            .chunks_exact(half)
            .all(|block| block.contains(&b'\n'))
        {
            return None;
        }
        let mut shown = String::new();
        let mut cuts = Vec::new();
        let mut kept = 0usize;
        let mut start = 0usize;
        while start < text.len() {
            let range = lines.line_range(text, u32::try_from(start).ok()?);
            let (ls, le) = (range.start as usize, range.end as usize);
            if range.len() > MAX_SNIPPET_BYTES {
                let line = text.get(ls..le)?;
                let keep = line
                    .char_indices()
                    .nth(CONTEXT_LINE_CHARS)
                    .map_or(line.len(), |(i, _)| i);
                shown.push_str(text.get(kept..ls + keep)?);
                let shown_from = shown.len();
                shown.push_str(" …");
                kept = le;
                cuts.push(Cut {
                    from: u32::try_from(ls + keep).ok()?,
                    to: range.end,
                    shown_from: u32::try_from(shown_from).ok()?,
                    shown_to: u32::try_from(shown.len()).ok()?,
                });
            }
            start = next_line(text, le);
        }
        if cuts.is_empty() {
            return None;
        }
        shown.push_str(text.get(kept..)?);
        let lines = LineIndex::new(&shown);
        Some(Self {
            text: shown,
            lines,
            cuts,
        })
    }

    /// Where a file offset is in the shown text; None when the text there
    /// is cut. O(log cuts).
    fn to_shown(&self, at: u32) -> Option<u32> {
        let i = self.cuts.partition_point(|c| c.from <= at);
        match i.checked_sub(1).and_then(|i| self.cuts.get(i)) {
            None => Some(at),
            Some(c) if at < c.to => None,
            Some(c) => Some(at - c.to + c.shown_to),
        }
    }

    /// The file offset of an offset in the shown text (in a ` …` marker:
    /// where its cut starts). O(log cuts).
    fn to_file(&self, at: u32) -> u32 {
        let i = self.cuts.partition_point(|c| c.shown_from <= at);
        match i.checked_sub(1).and_then(|i| self.cuts.get(i)) {
            None => at,
            Some(c) if at < c.shown_to => c.from,
            Some(c) => at - c.shown_to + c.to,
        }
    }
}

/// Longest stretch of source (from the start of a label's first line to the
/// end of its last) shown as a snippet whole. Past it (a 700 KB line of
/// suppression codes, a flow list of 100,000 subnets) a label on one line
/// is shown in a clipped snippet ([`CLIP_CONTEXT_CHARS`] characters each
/// side, `…` where the line goes on), and a longer or multi-line one
/// without a snippet, its position in the message: rendering stays linear
/// in the report, not in findings times line length.
pub const MAX_SNIPPET_BYTES: u32 = 16 * 1024;

/// How many characters of a line too long to show whole a clipped snippet
/// keeps on each side of its label.
pub const CLIP_CONTEXT_CHARS: usize = 40;

/// The longest label (in bytes) a clipped snippet shows; a longer one is
/// shown without a snippet.
pub const MAX_CLIPPED_LABEL_BYTES: u32 = 1024;

/// The file of `label` as a snippet source: whole, clipped to the label's
/// stretch of a long line, or None when its lines are too long to show
/// ([`MAX_SNIPPET_BYTES`]).
fn named<'a>(
    sources: &'a Sources,
    texts: &'a Texts<'a>,
    label: &reelnet_spec::Label,
) -> Option<Named<'a>> {
    let entry = texts.get(&label.file)?;
    let text: &str = &entry.text;
    let file = sources.get(label.file)?;
    let first = file.lines.line_range(&file.text, label.range.start);
    let last = file.lines.line_range(&file.text, label.range.end);
    let clip = if last.end.saturating_sub(first.start) <= MAX_SNIPPET_BYTES {
        None
    } else if first == last && label.range.len() <= MAX_CLIPPED_LABEL_BYTES {
        Some(clip(
            text,
            first,
            label.range,
            file.line_col(first.start).line,
        )?)
    } else {
        return None;
    };
    Some(Named {
        file,
        text,
        shown: entry.shown.as_ref(),
        name: sanitize::escape(&file.name).into_owned(),
        file_id: label.file,
        clip,
    })
}

/// The clip of `line` (a byte range of `text`) around `range`, on the
/// 1-based line `line_number`. O([`CLIP_CONTEXT_CHARS`] + label length).
fn clip(text: &str, line: TextRange, range: TextRange, line_number: u32) -> Option<Clip> {
    let (ls, le) = (line.start as usize, line.end as usize);
    let (s, e) = (range.start as usize, range.end as usize);
    let before = text.get(ls..s)?;
    let start = before
        .char_indices()
        .rev()
        .take(CLIP_CONTEXT_CHARS)
        .last()
        .map_or(s, |(i, _)| ls + i);
    let after = text.get(e..le)?;
    let end = after
        .char_indices()
        .nth(CLIP_CONTEXT_CHARS)
        .map_or(le, |(i, _)| e + i);
    let lead = if start > ls { "… " } else { "" };
    let trail = if end < le { " …" } else { "" };
    Some(Clip {
        shown: format!("{lead}{}{trail}", text.get(start..end)?),
        range: TextRange::new(u32::try_from(start).ok()?, u32::try_from(end).ok()?),
        lead: lead.len(),
        line: (line_number as usize).saturating_sub(1),
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
    let label = |l: &reelnet_spec::Label, span: SourceSpan, primary: bool| {
        let text = (!l.message.is_empty()).then(|| clean(&l.message));
        if primary {
            LabeledSpan::new_primary_with_span(text, span)
        } else {
            LabeledSpan::new_with_span(text, span)
        }
    };
    let source = named(sources, texts, &d.primary);
    let mut labels = Vec::new();
    let mut related = Vec::new();
    if let Some(span) = source.as_ref().and_then(|s| s.span(&d.primary)) {
        labels.push(label(&d.primary, span, true));
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
        // On a clipped line, only a place inside the clip shares it.
        let shared = match &source {
            Some(s) if s.clip.is_some() => s.span(r),
            Some(s) if named(sources, texts, r).is_some_and(|n| n.clip.is_none()) => s.span(r),
            _ => None,
        };
        if let (true, Some(span)) = (near, shared) {
            labels.push(label(r, span, false));
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
                labels: source
                    .as_ref()
                    .and_then(|s| s.span(r))
                    .map(|span| label(r, span, true))
                    .into_iter()
                    .collect(),
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
                .map(|(id, f)| {
                    let text = sanitize::same_length(&f.text);
                    let shown = Shown::new(&text, &f.lines);
                    (id, Text { text, shown })
                })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A clip holds the label and 40 characters each side, whatever the
    /// length of its line: the work per finding does not grow with it.
    #[test]
    fn a_clip_does_not_grow_with_its_line() {
        for n in [100, 100_000] {
            let text = format!("{}[x]{}", "a".repeat(n), "é".repeat(n));
            let line = TextRange::new(0, u32::try_from(text.len()).unwrap_or(u32::MAX));
            let x = u32::try_from(n + 1).unwrap_or(u32::MAX);
            let c =
                clip(&text, line, TextRange::new(x, x + 1), 7).unwrap_or_else(|| panic!("no clip"));
            assert_eq!(
                c.shown,
                format!("… {}[x]{} …", "a".repeat(39), "é".repeat(39))
            );
            assert_eq!((c.lead, c.line), ("… ".len(), 6));
            assert_eq!(c.range.start as usize, n - 39);
        }
        // At the line's ends: no marker.
        let text = "[x]";
        let c = clip(text, TextRange::new(0, 3), TextRange::new(1, 2), 1)
            .unwrap_or_else(|| panic!("no clip"));
        assert_eq!((c.shown.as_str(), c.lead), ("[x]", 0));
    }

    /// A long line is cut after 80 characters (on a character boundary,
    /// before its `\r\n`); offsets around it move by the bytes cut, and
    /// one inside the cut has no place.
    #[test]
    fn shown_cuts_long_lines_and_maps_offsets() {
        let long = "é\t".repeat(10_000);
        let text = format!("a: 1\r\n{long}\r\nb: 2\r\n");
        let lines = LineIndex::new(&text);
        let shown = Shown::new(&text, &lines).unwrap_or_else(|| panic!("no cut"));
        let kept: String = long.chars().take(CONTEXT_LINE_CHARS).collect();
        assert_eq!(shown.text, format!("a: 1\r\n{kept} …\r\nb: 2\r\n"));
        let b = u32::try_from(text.find("b: 2").unwrap_or(0)).unwrap_or(0);
        let shown_b = u32::try_from(shown.text.find("b: 2").unwrap_or(0)).unwrap_or(0);
        assert_eq!(shown.to_shown(b), Some(shown_b));
        assert_eq!(shown.to_file(shown_b), b);
        assert_eq!((shown.to_shown(2), shown.to_file(2)), (Some(2), 2));
        assert_eq!(shown.to_shown(b - 100), None);
        assert!(Shown::new("a: 1\n", &LineIndex::new("a: 1\n")).is_none());
        // Short lines: nothing to cut, however long the file, whether its
        // lines end in line feeds or in lone carriage returns.
        for text in [
            "a: 1\n".repeat(10_000),
            format!("{}\n", "a: 1\r".repeat(10_000)),
        ] {
            assert!(Shown::new(&text, &LineIndex::new(&text)).is_none());
        }
        // A line of exactly the limit is shown whole; one byte more is cut,
        // wherever it starts and whether or not a line break ends it.
        let max = MAX_SNIPPET_BYTES as usize;
        for lead in [0, 1, 100, max / 2 - 1, max / 2, max - 1] {
            for end in ["", "\n", "\r\n", "\rb: 2\n"] {
                let head = "a\n".repeat(lead);
                let fits = format!("{head}{}{end}", "x".repeat(max));
                assert!(Shown::new(&fits, &LineIndex::new(&fits)).is_none());
                let over = format!("{head}{}{end}", "x".repeat(max + 1));
                assert!(Shown::new(&over, &LineIndex::new(&over)).is_some());
            }
        }
    }
}
