//! A finding's identity: what makes a finding of today "the same" as one
//! recorded earlier (baselines) or uploaded earlier (SARIF
//! `partialFingerprints`, GitLab Code Quality `fingerprint`).
//!
//! The identity of a finding is
//!
//! - its rule **code**;
//! - its **file** (relative to the baseline's directory for baselines, to
//!   the project root for SARIF and GitLab);
//! - its **JSON Pointer** (the node it is about);
//! - its **severity**: a warning that became an error is a new finding;
//! - the **values that make it**: the source text of the node the finding
//!   is about and of every node its labels point at (the other subnet of
//!   an overlap, the `max_size` of a capacity shortfall, the threshold a
//!   threshold is compared with), each with comments removed and
//!   whitespace collapsed, together with the JSON Pointer (and, in another
//!   file of the spec, the file) of each labelled node.
//!
//! Lines and columns are not part of it: adding lines, comments or
//! sections elsewhere changes no identity. Changing any value a finding is
//! computed from does.

use std::collections::HashMap;
use std::path::Path;

use reelnet_spec::{Diagnostic, FileId, Label, Sources, TextRange};

use crate::paths::{normalize, relative_to};
use crate::report::Report;

/// FNV-1a, 64 bits: a stable hash (std's hasher may change between releases).
#[must_use]
pub fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0xff;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        for b in part.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The ranges whose text is a label's value: the node at its JSON
/// Pointer (plus its underlined text when that lies outside the node, as
/// for a comment). Two labels with the same ranges have the same text
/// (findings underlining different commands of one `RUN`).
fn label_ranges(sources: &Sources, label: &Label) -> (FileId, Vec<TextRange>) {
    let Some(file) = sources.get(label.file) else {
        return (label.file, Vec::new());
    };
    let node = file.map.lookup(&label.path).and_then(|n| file.map.entry(n));
    let mut ranges = Vec::new();
    match node {
        Some(e) => {
            ranges.push(e.value);
            let inside = |r: TextRange| r.start >= e.value.start && r.end <= e.value.end;
            let on_key = e.key.is_some_and(|k| k == label.range);
            if !inside(label.range) && !on_key {
                ranges.push(label.range);
            }
        }
        None => ranges.push(label.range),
    }
    (label.file, ranges)
}

/// The text of one label's node, normalised: the source text of the node
/// at its JSON Pointer (plus its underlined text when that lies outside the
/// node, as for a comment), comments removed, whitespace runs collapsed.
fn label_text(sources: &Sources, label: &Label) -> String {
    ranges_text(sources, &label_ranges(sources, label))
}

/// The normalised text of `ranges` of a file ([`label_text`]).
fn ranges_text(sources: &Sources, (id, ranges): &(FileId, Vec<TextRange>)) -> String {
    let Some(file) = sources.get(*id) else {
        return String::new();
    };
    // The comments the YAML parser reported, from the source map.
    let comments = file.comments();
    let mut out = String::new();
    for &r in ranges {
        let mut text = String::new();
        let mut at = r.start;
        // Comments are sorted and disjoint: start at the first that ends after r.start.
        let first = comments.partition_point(|c| c.range.end <= r.start);
        for c in comments[first..]
            .iter()
            .map(|c| c.range)
            .take_while(|c| c.start < r.end)
        {
            if c.start > at {
                text.push_str(file.slice(TextRange::new(at, c.start)));
            }
            at = at.max(c.end);
            // A comment inside the range: the range is the comment itself (SPEC007).
            if c.start <= r.start && c.end >= r.end {
                text = file.slice(r).to_owned();
                at = r.end;
            }
        }
        if at < r.end {
            text.push_str(file.slice(TextRange::new(at, r.end)));
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    out
}

/// The offending value of a finding: its primary node's normalised text
/// (what identity version 1 fingerprinted).
#[must_use]
pub fn offending_text(sources: &Sources, d: &Diagnostic) -> String {
    label_text(sources, &d.primary)
}

/// The values that make a finding, as one string: the primary node's
/// normalised text, then, sorted, `file`, pointer and normalised text of
/// every labelled node (`file` empty when it is the primary's file, else
/// relative to the primary file's directory).
#[must_use]
pub fn values(sources: &Sources, d: &Diagnostic) -> String {
    let mut out = offending_text(sources, d);
    if d.related.is_empty() {
        return out;
    }
    // Only for a label in another file of the spec (rare): the primary
    // file's directory.
    let primary_dir = || {
        sources
            .get(d.primary.file)
            .map(|f| normalize(Path::new(&f.name)))
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_default()
    };
    let mut related: Vec<String> = d
        .related
        .iter()
        .map(|l| {
            let file = if l.file == d.primary.file {
                String::new()
            } else {
                sources.get(l.file).map_or_else(String::new, |f| {
                    relative_to(&normalize(Path::new(&f.name)), &primary_dir())
                })
            };
            format!("{file}\u{1f}{}\u{1f}{}", l.path, label_text(sources, l))
        })
        .collect();
    related.sort_unstable();
    for r in related {
        out.push('\u{1e}');
        out.push_str(&r);
    }
    out
}

/// The fingerprint of what makes a finding (severity and values, see the
/// module doc): 16 hex digits. Code, file and path are kept beside it in a
/// baseline entry.
#[must_use]
pub fn fingerprint(sources: &Sources, d: &Diagnostic) -> String {
    format!(
        "{:016x}",
        fnv1a(&[d.severity.as_str(), &values(sources, d)])
    )
}

/// What a finding's values are computed from (see [`values`]): the
/// ranges of its primary label, then the file, pointer and ranges of each
/// related label. Findings with one key have the same values.
type ValuesKey = (
    (FileId, Vec<TextRange>),
    Vec<(FileId, String, (FileId, Vec<TextRange>))>,
);

fn values_key(sources: &Sources, d: &Diagnostic) -> ValuesKey {
    (
        label_ranges(sources, &d.primary),
        d.related
            .iter()
            .map(|l| (l.file, l.path.clone(), label_ranges(sources, l)))
            .collect(),
    )
}

/// Identities of the findings of one spec, each hashed once per distinct
/// node: findings about one large node (thousands of commands of one
/// `RUN`) cost its text once, not once each. Use one per [`Sources`].
#[derive(Default)]
pub(crate) struct Memo {
    fingerprints: HashMap<(&'static str, ValuesKey), String>,
    v1: HashMap<(FileId, Vec<TextRange>), String>,
    whole: HashMap<(&'static str, String, String, &'static str, ValuesKey), u64>,
}

impl Memo {
    /// [`fingerprint`], memoised.
    pub(crate) fn fingerprint(&mut self, sources: &Sources, d: &Diagnostic) -> String {
        self.fingerprints
            .entry((d.severity.as_str(), values_key(sources, d)))
            .or_insert_with(|| fingerprint(sources, d))
            .clone()
    }

    /// [`fingerprint_v1`], memoised.
    pub(crate) fn fingerprint_v1(&mut self, sources: &Sources, d: &Diagnostic) -> String {
        self.v1
            .entry(label_ranges(sources, &d.primary))
            .or_insert_with(|| fingerprint_v1(sources, d))
            .clone()
    }

    /// The hash of code, `file`, pointer, severity and values.
    fn whole(&mut self, sources: &Sources, d: &Diagnostic, file: &str) -> u64 {
        let key = (
            d.code,
            file.to_owned(),
            d.primary.path.clone(),
            d.severity.as_str(),
            values_key(sources, d),
        );
        *self.whole.entry(key).or_insert_with(|| {
            let values = values(sources, d);
            fnv1a(&[d.code, file, &d.primary.path, d.severity.as_str(), &values])
        })
    }
}

/// Identity version 1's fingerprint (the primary node's text only), to
/// read baselines written by earlier versions.
#[must_use]
pub fn fingerprint_v1(sources: &Sources, d: &Diagnostic) -> String {
    format!("{:016x}", fnv1a(&[&offending_text(sources, d)]))
}

/// A file's name relative to the report's root (`/`-separated), as SARIF
/// (under `%SRCROOT%`) and the fingerprints show it.
#[must_use]
pub fn root_relative(report: &Report, name: &str) -> String {
    relative_or_as_named(report.root.as_deref(), name)
}

/// The directory the `github` and `gitlab` formats show files relative to:
/// the repository root (the nearest directory at or above the report's
/// root holding `.git`), else the report's root. GitHub resolves a workflow
/// command's `file=` from the repository root, and GitLab a Code Quality
/// `location.path` from the project (repository) root, whatever the
/// directory of the configuration. None when the report has no root.
#[must_use]
pub fn repository_base(report: &Report) -> Option<std::path::PathBuf> {
    let root = report.root.as_deref()?;
    Some(crate::root::repository_root(root).unwrap_or_else(|| normalize(root)))
}

/// A file's name relative to `base` (`/`-separated), or as named (with
/// `/` separators) when there is no base.
#[must_use]
pub fn relative_or_as_named(base: Option<&Path>, name: &str) -> String {
    match base {
        Some(base) => relative_to(&normalize(Path::new(name)), &normalize(base)),
        None => name.replace('\\', "/"),
    }
}

/// The whole identity of every finding of a report (shown and hidden), as
/// SARIF's `partialFingerprints` and GitLab's `fingerprint` carry it: a
/// hash of code, root-relative file, JSON Pointer, severity and values.
/// Should two findings still share one (a rule reporting one thing twice),
/// the second and later get their rank hashed in, so that every fingerprint
/// of a report is distinct.
#[derive(Debug, Default)]
pub struct Fingerprints {
    map: HashMap<*const Diagnostic, String>,
}

impl Fingerprints {
    /// Compute the fingerprints of a report.
    #[must_use]
    pub fn of(report: &Report) -> Self {
        // (identity hash, position for a stable rank, the finding)
        type Row<'a> = (
            String,
            (&'a str, u32, u32, &'a str, &'a str),
            *const Diagnostic,
        );
        let mut all: Vec<Row<'_>> = Vec::new();
        for spec in &report.specs {
            // Each file's root-relative name, once.
            let names: HashMap<FileId, String> = spec
                .sources
                .iter()
                .map(|(id, f)| (id, root_relative(report, &f.name)))
                .collect();
            let diagnostics = spec
                .diagnostics
                .iter()
                .chain(spec.suppressed.iter().map(|s| &s.diagnostic));
            let mut memo = Memo::default();
            for d in diagnostics {
                let file = names.get(&d.primary.file).map_or("", String::as_str);
                let hash = memo.whole(&spec.sources, d, file);
                all.push((
                    format!("{hash:016x}"),
                    d.sort_key(&spec.sources),
                    std::ptr::from_ref(d),
                ));
            }
        }
        all.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        let mut map = HashMap::with_capacity(all.len());
        let mut previous: Option<(String, usize)> = None;
        for (hash, _, d) in all {
            let rank = match &previous {
                Some((h, n)) if *h == hash => n + 1,
                _ => 0,
            };
            let fp = if rank == 0 {
                hash.clone()
            } else {
                format!("{:016x}", fnv1a(&[&hash, &rank.to_string()]))
            };
            map.insert(d, fp);
            previous = Some((hash, rank));
        }
        Self { map }
    }

    /// The fingerprint of one of the report's findings ("" for another).
    #[must_use]
    pub fn get(&self, d: &Diagnostic) -> &str {
        self.map
            .get(&std::ptr::from_ref(d))
            .map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::{Memo, fingerprint, fingerprint_v1, values_key};

    /// A memoised identity is the identity: for every finding, and for a
    /// finding underlining another part of the same node (one key).
    #[test]
    fn memoised_identities_are_the_identities() {
        let linter = crate::Linter::builtin();
        let r = linter.check_str(
            "x.yaml",
            "name: x\nvpc:\n  cidr: 10.0.0.0/16\n  public_subnets: [10.0.1.0/24, 10.0.1.0/25, 10.9.0.0/24]\n",
        );
        assert!(r.diagnostics.len() > 1);
        let mut memo = Memo::default();
        for d in &r.diagnostics {
            assert_eq!(memo.fingerprint(&r.sources, d), fingerprint(&r.sources, d));
            assert_eq!(
                memo.fingerprint_v1(&r.sources, d),
                fingerprint_v1(&r.sources, d)
            );
            let mut inner = d.clone();
            inner.primary.range.end = inner.primary.range.start;
            if values_key(&r.sources, &inner) == values_key(&r.sources, d) {
                assert_eq!(fingerprint(&r.sources, &inner), fingerprint(&r.sources, d));
            }
        }
    }
}
