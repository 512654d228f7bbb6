//! Reports: the diagnostics of one or more specs, sorted, with positions.

use std::path::PathBuf;

use reelnet_spec::{Diagnostic, Label, Severity, Sources};
use serde::Serialize;

use crate::baseline_entry::StaleEntry;

/// How a finding was hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SuppressionKind {
    /// By a `# reelnet-lint: ignore[...]` comment in the spec.
    InSource,
    /// By a baseline file.
    External,
}

impl SuppressionKind {
    /// The SARIF name: `inSource` or `external`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::InSource => "inSource",
            Self::External => "external",
        }
    }
}

/// A finding hidden by a suppression comment or a baseline: still reported
/// (SARIF carries it with its suppression), never counted as a failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppressed {
    /// The finding, as the rule reported it.
    pub diagnostic: Diagnostic,
    /// What hid it: a comment or a baseline.
    pub kind: SuppressionKind,
    /// The reason the comment gives, or the baseline it came from.
    pub justification: String,
    /// The suppression comment, for in-source suppressions.
    pub comment: Option<Label>,
}

/// The findings for one spec (a file or a directory).
#[derive(Clone, Debug)]
pub struct SpecReport {
    /// The path as given.
    pub path: String,
    /// The files of the spec (texts, source maps, comments), for positions.
    pub sources: Sources,
    /// Sorted by file, position, code.
    pub diagnostics: Vec<Diagnostic>,
    /// Findings hidden by suppressions or a baseline, sorted like `diagnostics`.
    pub suppressed: Vec<Suppressed>,
    /// Whether the spec loaded and the rules ran (false after a syntax or
    /// schema error): then its errors cannot be suppressed.
    pub linted: bool,
    /// Referenced files (Dockerfiles, manifests, as shown) that could not be
    /// parsed, so no rule checked them: their DKR000/K8S000 syntax errors
    /// are reported whatever the selection, cannot be suppressed, and fail
    /// the run (the spec counts in [`Report::unchecked`]).
    pub unparsed: Vec<String>,
    /// Findings past the cap ([`Report::cap`]): counted, not kept.
    pub omitted: Omitted,
    /// What the walks of `manifests` globs skipped without failing
    /// (symbolic links to an ancestor directory: file system loops), each
    /// `FILE:LINE:COLUMN: message` at the reference in the spec. Notes,
    /// not findings ([`walk_notes`]).
    pub walk_notes: Vec<String>,
}

/// The findings a cap left out of a spec's report, by severity. They still
/// count in the summary and in [`Report::fails`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Omitted {
    /// Errors left out.
    pub errors: usize,
    /// Warnings left out.
    pub warnings: usize,
    /// Infos left out.
    pub infos: usize,
}

impl Omitted {
    /// How many findings were left out.
    #[must_use]
    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// The most severe finding left out, if any.
    #[must_use]
    pub fn max_severity(&self) -> Option<Severity> {
        if self.errors > 0 {
            Some(Severity::Error)
        } else if self.warnings > 0 {
            Some(Severity::Warning)
        } else if self.infos > 0 {
            Some(Severity::Info)
        } else {
            None
        }
    }

    fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }
}

/// How many findings a spec's report shows by default ([`Report::cap`]):
/// enough for any real spec, and a bound on the work and memory of
/// rendering a hostile one (a million duplicate keys).
pub const DEFAULT_MAX_FINDINGS: usize = 1_000;

impl SpecReport {
    /// A spec's report from its diagnostics, sorted by file, position and
    /// code, exact duplicates dropped, quoted input shortened
    /// ([`reelnet_spec::shorten_quotes`]); nothing suppressed, nothing omitted.
    #[must_use]
    pub fn new(path: String, sources: Sources, mut diagnostics: Vec<Diagnostic>) -> Self {
        // Input quoted in a message is cut to a readable length.
        diagnostics.iter_mut().for_each(Diagnostic::shorten_quotes);
        diagnostics.sort_by(|a, b| a.sort_key(&sources).cmp(&b.sort_key(&sources)));
        diagnostics.dedup();
        Self {
            path,
            sources,
            diagnostics,
            suppressed: Vec::new(),
            linted: true,
            unparsed: Vec::new(),
            omitted: Omitted::default(),
            walk_notes: Vec::new(),
        }
    }

    /// Keep at most `max` findings, the most severe first (then in report
    /// order); count the rest in [`SpecReport::omitted`]. O(n log n).
    pub fn cap(&mut self, max: usize) {
        if self.diagnostics.len() <= max {
            return;
        }
        let mut order: Vec<usize> = (0..self.diagnostics.len()).collect();
        // Stable: equal severities keep report order.
        order.sort_by_key(|&i| std::cmp::Reverse(self.diagnostics[i].severity));
        let mut keep = vec![false; self.diagnostics.len()];
        for &i in &order[..max] {
            keep[i] = true;
        }
        let all = std::mem::take(&mut self.diagnostics);
        for (d, k) in all.into_iter().zip(keep) {
            if k {
                self.diagnostics.push(d);
            } else {
                self.omitted.add(d.severity);
            }
        }
    }

    /// This spec's diagnostics with positions, sorted by file, line, column, code.
    #[must_use]
    pub fn resolved(&self) -> Vec<Resolved<'_>> {
        let mut out: Vec<Resolved<'_>> = self
            .diagnostics
            .iter()
            .map(|d| resolve(&self.sources, d))
            .collect();
        sort_resolved(&mut out);
        out
    }

    /// This spec's suppressed findings with positions, sorted.
    #[must_use]
    pub fn resolved_suppressed(&self) -> Vec<Resolved<'_>> {
        let mut out: Vec<Resolved<'_>> = self
            .suppressed
            .iter()
            .map(|s| resolve_suppressed(&self.sources, s))
            .collect();
        sort_resolved(&mut out);
        out
    }
}

/// A place, resolved to 1-based line and column (end exclusive).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    /// The file as named in the report (for a directory spec, the file
    /// within it).
    pub file: String,
    /// 1-based line of the start.
    pub line: u32,
    /// 1-based column of the start, in characters.
    pub column: u32,
    /// 1-based line of the end.
    pub end_line: u32,
    /// 1-based column just past the end, in characters.
    pub end_column: u32,
    /// JSON Pointer of the node.
    pub path: String,
}

impl Position {
    /// The position of a label's range (line 1, column 1 when its file is
    /// not in `sources`).
    #[must_use]
    pub fn of(sources: &Sources, label: &Label) -> Self {
        let Some(file) = sources.get(label.file) else {
            return Self {
                file: String::new(),
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 1,
                path: label.path.clone(),
            };
        };
        let start = file.line_col(label.range.start);
        let end = file.line_col(label.range.end);
        Self {
            file: file.name.clone(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            path: label.path.clone(),
        }
    }
}

/// A diagnostic with its positions resolved: what every output format shows.
#[derive(Clone, Debug)]
pub struct Resolved<'a> {
    /// The finding.
    pub diagnostic: &'a Diagnostic,
    /// The files of its spec.
    pub sources: &'a Sources,
    /// Where its primary label points.
    pub position: Position,
    /// Where its related labels point, with their messages.
    pub related: Vec<(Position, &'a str)>,
    /// How it was hidden, for a suppressed finding.
    pub suppression: Option<&'a Suppressed>,
}

/// Counts for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Specs checked.
    pub specs: usize,
    /// Error findings shown or left out by the cap (suppressed ones not counted).
    pub errors: usize,
    /// Warning findings, counted the same way.
    pub warnings: usize,
    /// Info findings, counted the same way.
    pub infos: usize,
    /// Findings hidden by suppression comments or a baseline.
    pub suppressed: usize,
}

/// The findings of one run over any number of specs.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// One report per spec, in the order they were given.
    pub specs: Vec<SpecReport>,
    /// Baseline entries that matched no finding (the problem was fixed or
    /// the spec moved): a note, never a failure.
    pub stale_baseline: Vec<StaleEntry>,
    /// The project root (see [`crate::root`]): the CI formats (SARIF,
    /// GitHub, GitLab) show files relative to it. None: files as named.
    pub root: Option<PathBuf>,
}

impl Report {
    /// A report over `specs`, with no stale baseline entries and no root
    /// (files shown as named).
    #[must_use]
    pub fn new(specs: Vec<SpecReport>) -> Self {
        Self {
            specs,
            stale_baseline: Vec::new(),
            root: None,
        }
    }

    /// The same report, with files shown relative to `root` in the CI formats.
    #[must_use]
    pub fn with_root(mut self, root: PathBuf) -> Self {
        self.root = Some(root);
        self
    }

    /// Every diagnostic with positions, sorted by file, line, column, code.
    #[must_use]
    pub fn resolved(&self) -> Vec<Resolved<'_>> {
        let mut out: Vec<Resolved<'_>> = self.specs.iter().flat_map(SpecReport::resolved).collect();
        sort_resolved(&mut out);
        out
    }

    /// Suppressed diagnostics with positions, sorted.
    #[must_use]
    pub fn resolved_suppressed(&self) -> Vec<Resolved<'_>> {
        let mut out: Vec<Resolved<'_>> = self
            .specs
            .iter()
            .flat_map(SpecReport::resolved_suppressed)
            .collect();
        sort_resolved(&mut out);
        out
    }

    /// The counts of the summary line: omitted findings included,
    /// suppressed ones counted apart.
    #[must_use]
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            specs: self.specs.len(),
            ..Summary::default()
        };
        for d in self.specs.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        for o in self.specs.iter().map(|r| r.omitted) {
            s.errors += o.errors;
            s.warnings += o.warnings;
            s.infos += o.infos;
        }
        s.suppressed = self.specs.iter().map(|r| r.suppressed.len()).sum();
        s
    }

    /// The most severe finding, if any (those a cap left out included).
    #[must_use]
    pub fn max_severity(&self) -> Option<Severity> {
        self.specs
            .iter()
            .flat_map(|r| &r.diagnostics)
            .map(|d| d.severity)
            .chain(self.specs.iter().filter_map(|r| r.omitted.max_severity()))
            .max()
    }

    /// Cap every spec's findings at `max` ([`SpecReport::cap`]); the report
    /// then says "and N more" for each spec that had more. The CLI and the
    /// Python binding cap at [`DEFAULT_MAX_FINDINGS`] (after applying a
    /// baseline; never when writing one).
    pub fn cap(&mut self, max: usize) {
        for s in &mut self.specs {
            s.cap(max);
        }
    }

    /// Whether the run fails: a spec did not load or a file it references
    /// cannot be parsed (whatever `threshold`: no rule checked it), or a
    /// finding is at or above `threshold`.
    #[must_use]
    pub fn fails(&self, threshold: Severity) -> bool {
        !self.unchecked().is_empty() || self.max_severity().is_some_and(|s| s >= threshold)
    }

    /// The specs that did not load, or reference a file that cannot be
    /// parsed ([`SpecReport::unparsed`]), so that no rule checked them (or it).
    #[must_use]
    pub fn unchecked(&self) -> Vec<&SpecReport> {
        self.specs
            .iter()
            .filter(|s| !s.linted || !s.unparsed.is_empty())
            .collect()
    }
}

fn sort_resolved(out: &mut [Resolved<'_>]) {
    out.sort_by(|a, b| {
        (
            &a.position.file,
            a.position.line,
            a.position.column,
            a.diagnostic.code,
            &a.diagnostic.message,
        )
            .cmp(&(
                &b.position.file,
                b.position.line,
                b.position.column,
                b.diagnostic.code,
                &b.diagnostic.message,
            ))
    });
}

/// Resolve one diagnostic's positions.
#[must_use]
pub fn resolve<'a>(sources: &'a Sources, d: &'a Diagnostic) -> Resolved<'a> {
    Resolved {
        diagnostic: d,
        sources,
        position: Position::of(sources, &d.primary),
        related: d
            .related
            .iter()
            .map(|l| (Position::of(sources, l), l.message.as_str()))
            .collect(),
        suppression: None,
    }
}

/// Resolve one suppressed finding's positions.
#[must_use]
pub fn resolve_suppressed<'a>(sources: &'a Sources, s: &'a Suppressed) -> Resolved<'a> {
    Resolved {
        suppression: Some(s),
        ..resolve(sources, &s.diagnostic)
    }
}

/// Notes for the end of a report: the specs that were not checked (see
/// [`unchecked_notes`]), the findings a cap left out, then the baseline
/// entries that hid nothing.
#[must_use]
pub fn notes(report: &Report) -> Vec<String> {
    let mut out = unchecked_notes(report);
    out.extend(omitted_notes(report));
    out.extend(walk_notes(report));
    out.extend(baseline_notes(report));
    out
}

/// One note per spec whose findings a cap cut: "and N more".
#[must_use]
pub fn omitted_notes(report: &Report) -> Vec<String> {
    report
        .specs
        .iter()
        .filter(|s| s.omitted.total() > 0)
        .map(|s| {
            let o = s.omitted;
            format!(
                "spec {}: and {} more findings not shown ({} errors, {} warnings, {} infos; the report shows {} per spec, the most severe first)",
                s.path,
                o.total(),
                o.errors,
                o.warnings,
                o.infos,
                s.diagnostics.len()
            )
        })
        .collect()
}

/// One note per spec that did not load: it was not checked, and the run fails.
#[must_use]
pub fn unchecked_notes(report: &Report) -> Vec<String> {
    report
        .unchecked()
        .iter()
        .flat_map(|s| {
            let spec = (!s.linted).then(|| {
                format!(
                    "spec {} was not checked: it does not load, so no rule ran on it; fix its errors (the run fails whatever select, ignore, severity or fail_on say)",
                    s.path
                )
            });
            let files = s.unparsed.iter().map(move |f| {
                format!(
                    "{f} (referenced by spec {}) was not checked: it cannot be parsed, so no rule ran on it; fix its errors (the run fails whatever select, ignore, severity or fail_on say)",
                    s.path
                )
            });
            spec.into_iter().chain(files)
        })
        .collect()
}

/// One note per thing a `manifests` glob's walk skipped (a symbolic link
/// looping back to an ancestor directory), at the reference.
#[must_use]
pub fn walk_notes(report: &Report) -> Vec<String> {
    report
        .specs
        .iter()
        .flat_map(|s| s.walk_notes.iter().cloned())
        .collect()
}

/// Notes for the baseline entries that hid nothing.
#[must_use]
pub fn baseline_notes(report: &Report) -> Vec<String> {
    report.stale_baseline.iter().map(StaleEntry::note).collect()
}

/// How many baseline notes of one reason the human-read formats (human,
/// github) show; the JSON report lists them all.
pub const MAX_NOTES_PER_REASON: usize = 50;

/// [`baseline_notes`] with at most `max` of each [`crate::baseline::StaleReason`]
/// (in order), then one line per capped reason with the count of the rest:
/// a baseline of 40,000 entries that a refactoring left stale does not print
/// 40,000 lines.
#[must_use]
pub fn baseline_notes_capped(report: &Report, max: usize) -> Vec<String> {
    let mut counts: std::collections::BTreeMap<crate::baseline_entry::StaleReason, usize> =
        std::collections::BTreeMap::new();
    let mut out = Vec::new();
    for e in &report.stale_baseline {
        let n = counts.entry(e.reason).or_insert(0);
        *n += 1;
        if *n <= max {
            out.push(e.note());
        }
    }
    for (reason, n) in counts {
        if n > max {
            let why = match reason {
                crate::baseline_entry::StaleReason::Fixed => "matched no finding",
                crate::baseline_entry::StaleReason::Changed => "no longer match",
                crate::baseline_entry::StaleReason::FileGone => "name a file that no longer exists",
                crate::baseline_entry::StaleReason::Unignorable => "are of unignorable rules",
                crate::baseline_entry::StaleReason::NotLoaded => "are of a spec that does not load",
            };
            out.push(format!(
                "… and {} more baseline entries that {why}; --format json lists them all",
                n - max
            ));
        }
    }
    out
}

/// [`notes`] with the baseline notes capped ([`baseline_notes_capped`] at
/// [`MAX_NOTES_PER_REASON`]): the notes of the human-read formats.
#[must_use]
pub fn notes_capped(report: &Report) -> Vec<String> {
    let mut out = unchecked_notes(report);
    out.extend(omitted_notes(report));
    out.extend(walk_notes(report));
    out.extend(baseline_notes_capped(report, MAX_NOTES_PER_REASON));
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
