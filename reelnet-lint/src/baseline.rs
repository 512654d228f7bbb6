//! Baselines: record today's findings, then hide exactly those.
//!
//! A finding's identity is its code, its file (relative to the baseline
//! file's directory), its JSON Pointer and a fingerprint of the offending
//! value: the source text of the node the pointer names, with comments
//! removed and whitespace collapsed. The line is not part of it, so edits
//! elsewhere in the file do not resurface a recorded finding; a new
//! violation at another path, in another file, or a changed value at the
//! same path is never absorbed. Entries count findings, so a second
//! identical finding at the same node is new.

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

use reelnet_spec::{Diagnostic, FileId, Sources, TextRange};
use serde::{Deserialize, Serialize};

use crate::comments;
use crate::report::{Report, Suppressed, SuppressionKind};

/// The baseline file format version.
pub const VERSION: u32 = 1;

/// One recorded finding identity, with how many findings share it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub code: String,
    /// The file, relative to the baseline file's directory, `/`-separated.
    pub file: String,
    /// JSON Pointer of the offending node.
    pub path: String,
    /// Hash of the node's normalised source text (see [`fingerprint`]).
    pub fingerprint: String,
    /// How many findings have this identity.
    pub count: usize,
    /// The message when it was recorded (for readers; not part of the identity).
    #[serde(default)]
    pub message: String,
}

/// The identity of a finding: code, file, path, fingerprint.
type Key = (String, String, String, String);

impl BaselineEntry {
    fn key(&self) -> Key {
        (
            self.code.clone(),
            self.file.clone(),
            self.path.clone(),
            self.fingerprint.clone(),
        )
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    tool: String,
    entries: Vec<BaselineEntry>,
}

/// Why a baseline file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read baseline {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write baseline {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{} is not a reelnet-lint baseline: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}

/// Why a baseline entry hid nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StaleReason {
    /// Its file was linted and has no such finding any more.
    Fixed,
    /// Its file no longer exists.
    FileGone,
    /// The configuration makes its rule unignorable.
    Unignorable,
    /// Its finding is an error of a spec that does not load: not hidden,
    /// since no rule could check that spec.
    NotLoaded,
}

/// A baseline entry that hid nothing in this run: a note, never a failure.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StaleEntry {
    pub entry: BaselineEntry,
    pub reason: StaleReason,
}

impl StaleEntry {
    /// One line for humans.
    #[must_use]
    pub fn note(&self) -> String {
        let e = &self.entry;
        let at = if e.path.is_empty() {
            e.file.clone()
        } else {
            format!("{} {}", e.file, e.path)
        };
        match self.reason {
            StaleReason::Fixed => format!(
                "baseline entry {} at {at} matched no finding (fixed?); rewrite the baseline with --write-baseline",
                e.code
            ),
            StaleReason::FileGone => format!(
                "baseline entry {} at {at}: the file no longer exists; rewrite the baseline with --write-baseline",
                e.code
            ),
            StaleReason::Unignorable => format!(
                "baseline entry {} at {at} is not applied: the configuration makes {} unignorable",
                e.code, e.code
            ),
            StaleReason::NotLoaded => format!(
                "baseline entry {} at {at} is not applied: the spec does not load, so its errors cannot be hidden",
                e.code
            ),
        }
    }
}

/// A set of recorded findings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    /// Sorted by code, file, path, fingerprint.
    pub entries: Vec<BaselineEntry>,
    /// The directory entry files are relative to (the baseline file's).
    pub base: PathBuf,
}

/// `path` made absolute (against the current directory) and with `.` and
/// `..` removed, without touching the file system.
#[must_use]
pub fn normalize(path: &Path) -> PathBuf {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to `base` (both absolute and normalised), `/`-separated;
/// `..` steps when it is outside, the absolute path when no prefix is shared.
#[must_use]
pub fn relative_to(path: &Path, base: &Path) -> String {
    let p: Vec<Component<'_>> = path.components().collect();
    let b: Vec<Component<'_>> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return path.to_string_lossy().replace('\\', "/");
    }
    let mut parts: Vec<String> = vec!["..".to_owned(); b.len() - common];
    parts.extend(
        p[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// FNV-1a, 64 bits: a stable hash (std's hasher may change between releases).
fn fnv1a(parts: &[&str]) -> u64 {
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

/// Comment ranges of a spec's files, computed once per file on demand.
#[derive(Debug, Default)]
pub struct CommentCache {
    files: HashMap<FileId, Vec<TextRange>>,
}

impl CommentCache {
    fn comments(&mut self, sources: &Sources, file: FileId) -> &[TextRange] {
        self.files.entry(file).or_insert_with(|| {
            sources.get(file).map_or_else(Vec::new, |f| {
                comments::scan(&f.text).iter().map(|c| c.range).collect()
            })
        })
    }
}

/// The offending value of a finding, normalised: the source text of the
/// node at its JSON Pointer (plus its underlined text when that lies
/// outside the node, as for a comment), comments removed, whitespace runs
/// collapsed to one space.
#[must_use]
pub fn offending_text(sources: &Sources, d: &Diagnostic, cache: &mut CommentCache) -> String {
    let Some(file) = sources.get(d.primary.file) else {
        return String::new();
    };
    let node = file
        .map
        .lookup(&d.primary.path)
        .and_then(|n| file.map.entry(n));
    let mut ranges = Vec::new();
    match node {
        Some(e) => {
            ranges.push(e.value);
            let inside = |r: TextRange| r.start >= e.value.start && r.end <= e.value.end;
            let on_key = e.key.is_some_and(|k| k == d.primary.range);
            if !inside(d.primary.range) && !on_key {
                ranges.push(d.primary.range);
            }
        }
        None => ranges.push(d.primary.range),
    }
    let comments = cache.comments(sources, d.primary.file);
    let mut out = String::new();
    for r in ranges {
        let mut text = String::new();
        let mut at = r.start;
        for c in comments
            .iter()
            .filter(|c| c.start < r.end && c.end > r.start)
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

/// The fingerprint of a finding's offending value: 16 hex digits.
#[must_use]
pub fn fingerprint(sources: &Sources, d: &Diagnostic, cache: &mut CommentCache) -> String {
    format!("{:016x}", fnv1a(&[&offending_text(sources, d, cache)]))
}

/// A fingerprint of the whole identity but the file (code, path, value):
/// what SARIF's `partialFingerprints` carries.
#[must_use]
pub fn identity_hash(sources: &Sources, d: &Diagnostic, cache: &mut CommentCache) -> String {
    let value = offending_text(sources, d, cache);
    format!("{:016x}", fnv1a(&[d.code, &d.primary.path, &value]))
}

fn file_key(sources: &Sources, d: &Diagnostic, base: &Path) -> String {
    let name = sources.get(d.primary.file).map_or("", |f| f.name.as_str());
    relative_to(&normalize(Path::new(name)), base)
}

impl Baseline {
    /// The findings of a report (those still shown: not suppressed, not of
    /// an `unignorable` rule), relative to `base`.
    #[must_use]
    pub fn from_report(report: &Report, base: &Path, unignorable: &dyn Fn(&str) -> bool) -> Self {
        let base = normalize(base);
        let mut map: BTreeMap<(String, String, String, String), (usize, String)> = BTreeMap::new();
        for spec in &report.specs {
            let mut cache = CommentCache::default();
            for r in spec.resolved() {
                let d = r.diagnostic;
                if unignorable(d.code) {
                    continue;
                }
                let key = (
                    d.code.to_owned(),
                    file_key(&spec.sources, d, &base),
                    d.primary.path.clone(),
                    fingerprint(&spec.sources, d, &mut cache),
                );
                map.entry(key).or_insert_with(|| (0, d.message.clone())).0 += 1;
            }
        }
        Self {
            entries: map
                .into_iter()
                .map(
                    |((code, file, path, fingerprint), (count, message))| BaselineEntry {
                        code,
                        file,
                        path,
                        fingerprint,
                        count,
                        message,
                    },
                )
                .collect(),
            base,
        }
    }

    /// The baseline file's text: pretty JSON, entries sorted, a final newline.
    #[must_use]
    pub fn to_json(&self) -> String {
        let doc = BaselineFile {
            version: VERSION,
            tool: "reelnet-lint".to_owned(),
            entries: self.entries.clone(),
        };
        let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Write the baseline to `path` (its entries must be relative to the
    /// directory of `path`: build it with that directory as `base`).
    ///
    /// # Errors
    /// [`BaselineError::Write`] when the file cannot be written.
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        std::fs::write(path, self.to_json()).map_err(|source| BaselineError::Write {
            path: path.to_owned(),
            source,
        })
    }

    /// Parse a baseline file's text; entry files are relative to `base`.
    ///
    /// # Errors
    /// [`BaselineError::Invalid`] when it is not a version-1 baseline.
    pub fn parse(text: &str, path: &Path, base: &Path) -> Result<Self, BaselineError> {
        let invalid = |message: String| BaselineError::Invalid {
            path: path.to_owned(),
            message,
        };
        let doc: BaselineFile = serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?;
        if doc.version != VERSION {
            return Err(invalid(format!(
                "version {} (this reelnet-lint reads version {VERSION})",
                doc.version
            )));
        }
        if doc.tool != "reelnet-lint" {
            return Err(invalid(format!("written by `{}`", doc.tool)));
        }
        let mut entries = doc.entries;
        entries.sort();
        Ok(Self {
            entries,
            base: normalize(base),
        })
    }

    /// Read a baseline file (entries relative to its directory).
    ///
    /// # Errors
    /// [`BaselineError`] when it cannot be read or parsed.
    pub fn load(path: &Path) -> Result<Self, BaselineError> {
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Read {
            path: path.to_owned(),
            source,
        })?;
        let base = path.parent().unwrap_or(Path::new(""));
        Self::parse(&text, path, base)
    }

    /// The justification [`Baseline::apply`] gives hidden findings when the
    /// baseline was read from `path`: `recorded in baseline PATH` (with `/`).
    #[must_use]
    pub fn reason(path: &Path) -> String {
        format!(
            "recorded in baseline {}",
            path.to_string_lossy().replace('\\', "/")
        )
    }

    /// Hide the recorded findings (as `external` suppressions); entries that
    /// hid nothing go to `report.stale_baseline`. Findings of an
    /// `unignorable` rule are never hidden. `justification` names the file.
    pub fn apply(
        &self,
        report: &mut Report,
        justification: &str,
        unignorable: &dyn Fn(&str) -> bool,
    ) {
        let mut remaining: HashMap<Key, usize> = HashMap::new();
        for e in &self.entries {
            *remaining.entry(e.key()).or_insert(0) += e.count;
        }
        let mut linted_files = std::collections::HashSet::new();
        let mut not_loaded: BTreeMap<Key, usize> = BTreeMap::new();
        for spec in &mut report.specs {
            let mut cache = CommentCache::default();
            for (_, f) in spec.sources.iter() {
                linted_files.insert(relative_to(&normalize(Path::new(&f.name)), &self.base));
            }
            // Match in report order so that which of equal findings stays is stable.
            let mut order: Vec<usize> = (0..spec.diagnostics.len()).collect();
            order.sort_by(|&a, &b| {
                spec.diagnostics[a]
                    .sort_key(&spec.sources)
                    .cmp(&spec.diagnostics[b].sort_key(&spec.sources))
            });
            let mut hide = vec![false; spec.diagnostics.len()];
            for i in order {
                let d = &spec.diagnostics[i];
                if unignorable(d.code) {
                    continue;
                }
                let key = (
                    d.code.to_owned(),
                    file_key(&spec.sources, d, &self.base),
                    d.primary.path.clone(),
                    fingerprint(&spec.sources, d, &mut cache),
                );
                if let Some(n) = remaining.get_mut(&key)
                    && *n > 0
                {
                    *n -= 1;
                    if !spec.linted && d.severity == reelnet_spec::Severity::Error {
                        *not_loaded.entry(key).or_insert(0) += 1;
                    } else {
                        hide[i] = true;
                    }
                }
            }
            let diagnostics = std::mem::take(&mut spec.diagnostics);
            for (d, hidden) in diagnostics.into_iter().zip(hide) {
                if hidden {
                    spec.suppressed.push(Suppressed {
                        diagnostic: d,
                        kind: SuppressionKind::External,
                        justification: justification.to_owned(),
                        comment: None,
                    });
                } else {
                    spec.diagnostics.push(d);
                }
            }
            let sources = &spec.sources;
            spec.suppressed.sort_by(|a, b| {
                a.diagnostic
                    .sort_key(sources)
                    .cmp(&b.diagnostic.sort_key(sources))
            });
        }
        let mut stale = Vec::new();
        for e in &self.entries {
            if let Some(n) = not_loaded.remove(&e.key()) {
                stale.push(StaleEntry {
                    entry: BaselineEntry {
                        count: n,
                        ..e.clone()
                    },
                    reason: StaleReason::NotLoaded,
                });
            }
            let left = remaining.get(&e.key()).copied().unwrap_or(0);
            if left == 0 {
                continue;
            }
            // Count each key once even if the file lists it twice.
            remaining.insert(e.key(), 0);
            let reason = if unignorable(&e.code) {
                StaleReason::Unignorable
            } else if linted_files.contains(&e.file) {
                StaleReason::Fixed
            } else if !self.base.join(&e.file).exists() {
                StaleReason::FileGone
            } else {
                // A file this run did not lint: neither matched nor stale.
                continue;
            };
            stale.push(StaleEntry {
                entry: BaselineEntry {
                    count: left,
                    ..e.clone()
                },
                reason,
            });
        }
        report.stale_baseline.extend(stale);
        report.stale_baseline.sort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::{Checker, Finding, Rule, RuleMeta};

    crate::declare_rule! {
        /// Reports the VPC CIDR once per public subnet: findings that share one identity.
        struct PerSubnet {
            code: "TEST001",
            name: "per-subnet",
            severity: Warning,
            summary: "test rule",
        }
    }

    impl Rule for PerSubnet {
        fn meta(&self) -> &RuleMeta {
            &Self::META
        }
        fn check(&self, spec: &reelnet_spec::Spec, cx: &mut Checker<'_>) {
            if let Some(vpc) = &spec.vpc {
                for (i, _) in vpc.public_subnets.iter().enumerate() {
                    cx.report(Finding::new(vpc.cidr.loc, format!("subnet {i}")));
                }
            }
        }
    }

    #[test]
    fn entries_count_findings_with_one_identity() {
        let linter = crate::Linter::builtin()
            .with_rule(PerSubnet)
            .configure(&crate::LintOptions {
                select: vec!["TEST001".into()],
                ..crate::LintOptions::default()
            })
            .unwrap_or_else(|e| panic!("{e}"));
        let lint = |subnets: &str| {
            crate::Report::new(vec![linter.check_str(
                "count.yaml",
                &format!("name: x\nvpc:\n  cidr: 10.0.0.0/16\n  public_subnets: [{subnets}]\n"),
            )])
        };
        let base = std::env::temp_dir();
        let recorded = Baseline::from_report(&lint("10.0.1.0/24"), &base, &|_| false);
        assert_eq!(recorded.entries.len(), 1);
        assert_eq!(recorded.entries[0].count, 1);
        let mut report = lint("10.0.1.0/24, 10.0.2.0/24");
        recorded.apply(&mut report, "b", &|_| false);
        assert_eq!(report.specs[0].suppressed.len(), 1);
        assert_eq!(report.specs[0].diagnostics.len(), 1);
        assert!(report.stale_baseline.is_empty());
        // Recorded twice, found once: one is stale.
        let twice = Baseline::from_report(&lint("10.0.1.0/24, 10.0.2.0/24"), &base, &|_| false);
        assert_eq!(twice.entries[0].count, 2);
        let mut report = lint("10.0.1.0/24");
        twice.apply(&mut report, "b", &|_| false);
        assert!(report.specs[0].diagnostics.is_empty());
        assert_eq!(report.stale_baseline.len(), 1);
        assert_eq!(report.stale_baseline[0].entry.count, 1);
    }

    #[test]
    fn relative_paths() {
        let p = Path::new("/a/b/c/x.yaml");
        assert_eq!(relative_to(p, Path::new("/a/b")), "c/x.yaml");
        assert_eq!(relative_to(p, Path::new("/a/d")), "../b/c/x.yaml");
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }

    #[test]
    fn fingerprint_ignores_comments_and_layout() {
        let linter = crate::Linter::builtin();
        let a = linter.check_str(
            "x.yaml",
            "name: x\nvpc:\n  cidr: 10.0.0.0/16\n  public_subnets: [10.0.1.0/24,   10.0.1.0/25]\n",
        );
        let b = linter.check_str(
            "x.yaml",
            "# moved down\n\nname: x\nvpc:\n  cidr: 10.0.0.0/16\n  public_subnets: [10.0.1.0/24, 10.0.1.0/25] # note\n",
        );
        let fp = |r: &crate::SpecReport| {
            let mut cache = CommentCache::default();
            r.diagnostics
                .iter()
                .map(|d| {
                    (
                        d.code,
                        d.primary.path.clone(),
                        fingerprint(&r.sources, d, &mut cache),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert!(!fp(&a).is_empty());
        assert_eq!(fp(&a), fp(&b));
    }
}
