//! Baselines: record today's findings, then hide exactly those.
//!
//! A finding's identity (docs/baselines.md) is its code, its file
//! (relative to the baseline file's directory), its JSON Pointer, its
//! severity and a fingerprint of the values that make it: the source text
//! of the node it is about and of every node its labels point at, with
//! comments removed and whitespace collapsed. The line is not part of it,
//! so edits elsewhere in the file do not resurface a recorded finding; a
//! new violation at another path, in another file, a changed value, or a
//! finding whose severity rose is never absorbed. Entries count findings,
//! so a second identical finding at the same node is new.
//!
//! Version 2 files (written since identities cover severity and every
//! labelled value) record the severity; version 1 files are still read,
//! their entries matched by the identity of version 1 (code, file, path
//! and the primary node's text), until the baseline is rewritten.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use reelnet_spec::{Diagnostic, Sources};
use serde::{Deserialize, Serialize};

use crate::baseline_entry::Key;
pub use crate::baseline_entry::{BaselineEntry, StaleEntry, StaleReason};
use crate::identity::{fingerprint, fingerprint_v1};
use crate::paths::{normalize, relative_to};
use crate::report::{Report, Suppressed, SuppressionKind};

/// The baseline file format version this reelnet-lint writes.
pub const VERSION: u32 = 2;

/// The oldest version it reads.
pub const MIN_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    tool: String,
    entries: Vec<BaselineEntry>,
}

/// Why a baseline file cannot be used.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum BaselineError {
    /// The baseline file cannot be read (missing, unreadable, not a
    /// regular file).
    #[error("cannot read baseline {}: {source}", path.display())]
    #[diagnostic(
        code(reelnet::baseline_read),
        help("write one with `reelnet-lint check --write-baseline FILE`")
    )]
    Read {
        /// The baseline file, as given.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The baseline cannot be written (its temporary file or the rename
    /// over the target failed; the previous file, if any, is intact).
    #[error("cannot write baseline {}: {source}", path.display())]
    #[diagnostic(code(reelnet::baseline_write))]
    Write {
        /// The target file.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not a baseline this version reads: not JSON, an unknown
    /// key, a version outside [`MIN_VERSION`]..=[`VERSION`], or a missing
    /// field.
    #[error("{} is not a reelnet-lint baseline: {message}", path.display())]
    #[diagnostic(
        code(reelnet::baseline_invalid),
        help("rewrite it with `reelnet-lint check --write-baseline FILE`")
    )]
    Invalid {
        /// The baseline file, as given.
        path: PathBuf,
        /// What is wrong, with the JSON parser's line and column when it has them.
        message: String,
    },
}

/// A set of recorded findings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    /// Sorted by code, file, path, fingerprint.
    pub entries: Vec<BaselineEntry>,
    /// The directory entry files are relative to (the baseline file's).
    pub base: PathBuf,
}

fn file_key(sources: &Sources, d: &Diagnostic, base: &Path) -> String {
    let name = sources.get(d.primary.file).map_or("", |f| f.name.as_str());
    relative_to(&normalize(Path::new(name)), base)
}

/// A finding's identity, relative to `base`.
fn identity_key(sources: &Sources, d: &Diagnostic, base: &Path) -> Key {
    (
        d.code.to_owned(),
        file_key(sources, d, base),
        d.primary.path.clone(),
        Some(d.severity.as_str().to_owned()),
        fingerprint(sources, d),
    )
}

/// A finding's identity as version 1 had it (no severity; the primary
/// node's text only), to match the entries of a version-1 file.
fn key_v1(sources: &Sources, d: &Diagnostic, base: &Path) -> Key {
    (
        d.code.to_owned(),
        file_key(sources, d, base),
        d.primary.path.clone(),
        None,
        fingerprint_v1(sources, d),
    )
}

impl Baseline {
    /// The findings of a report (those still shown: not suppressed, not of
    /// an `unignorable` rule), relative to `base`.
    #[must_use]
    pub fn from_report(report: &Report, base: &Path, unignorable: &dyn Fn(&str) -> bool) -> Self {
        let base = normalize(base);
        let mut map: BTreeMap<Key, (usize, String)> = BTreeMap::new();
        for spec in &report.specs {
            for r in spec.resolved() {
                let d = r.diagnostic;
                if unignorable(d.code) {
                    continue;
                }
                let key = identity_key(&spec.sources, d, &base);
                map.entry(key).or_insert_with(|| (0, d.message.clone())).0 += 1;
            }
        }
        Self {
            entries: map
                .into_iter()
                .map(
                    |((code, file, path, severity, fingerprint), (count, message))| BaselineEntry {
                        code,
                        file,
                        path,
                        severity,
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
    /// A baseline read from a version-1 file (entries without a severity)
    /// is written back as version 1, so that it reads back the same.
    #[must_use]
    pub fn to_json(&self) -> String {
        let version = if self.entries.iter().any(|e| e.severity.is_none()) {
            MIN_VERSION
        } else {
            VERSION
        };
        let doc = BaselineFile {
            version,
            tool: "reelnet-lint".to_owned(),
            entries: self.entries.clone(),
        };
        let mut s = crate::sanitize::to_json_pretty(&doc).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Write the baseline to `path` (its entries must be relative to the
    /// directory of `path`: build it with that directory as `base`),
    /// atomically ([`crate::files::write_atomic`]): the old file stays
    /// whole until the new one replaces it.
    ///
    /// # Errors
    /// [`BaselineError::Write`] when the file cannot be written.
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        crate::files::write_atomic(path, self.to_json().as_bytes()).map_err(|source| {
            BaselineError::Write {
                path: path.to_owned(),
                source,
            }
        })
    }

    /// Parse a baseline file's text; entry files are relative to `base`.
    ///
    /// # Errors
    /// [`BaselineError::Invalid`] when it is not a baseline of a version
    /// this reelnet-lint reads ([`MIN_VERSION`] to [`VERSION`]).
    pub fn parse(text: &str, path: &Path, base: &Path) -> Result<Self, BaselineError> {
        let invalid = |message: String| BaselineError::Invalid {
            path: path.to_owned(),
            message,
        };
        let doc: BaselineFile = serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?;
        if !(MIN_VERSION..=VERSION).contains(&doc.version) {
            return Err(invalid(format!(
                "version {} (this reelnet-lint reads versions {MIN_VERSION} to {VERSION})",
                doc.version
            )));
        }
        if doc.version >= 2 && doc.entries.iter().any(|e| e.severity.is_none()) {
            return Err(invalid(
                "an entry of a version-2 baseline has no `severity`".to_owned(),
            ));
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

    /// Read a baseline file (entries relative to its directory): a regular
    /// file of at most [`crate::files::MAX_BASELINE_BYTES`].
    ///
    /// # Errors
    /// [`BaselineError`] when it cannot be read or parsed.
    pub fn load(path: &Path) -> Result<Self, BaselineError> {
        let text =
            crate::files::read_text(path, crate::files::MAX_BASELINE_BYTES).map_err(|source| {
                BaselineError::Read {
                    path: path.to_owned(),
                    source,
                }
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
    /// `ran` tells whether a rule ran in this run: an entry of a rule that
    /// did not (`--select`, `--ignore`) is neither matched nor stale.
    pub fn apply(
        &self,
        report: &mut Report,
        justification: &str,
        unignorable: &dyn Fn(&str) -> bool,
        ran: &dyn Fn(&str) -> bool,
    ) {
        let mut remaining: HashMap<Key, usize> = HashMap::new();
        for e in &self.entries {
            *remaining.entry(e.key()).or_insert(0) += e.count;
        }
        let has_v1 = self.entries.iter().any(|e| e.severity.is_none());
        let mut linted_files = std::collections::HashSet::new();
        let mut not_loaded: BTreeMap<Key, usize> = BTreeMap::new();
        // (code, file, path) of the findings left shown, to tell a changed
        // finding from a fixed one.
        let mut shown: BTreeSet<(String, String, String)> = BTreeSet::new();
        for spec in &mut report.specs {
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
                let mut key = identity_key(&spec.sources, d, &self.base);
                if has_v1 && remaining.get(&key).is_none_or(|n| *n == 0) {
                    key = key_v1(&spec.sources, d, &self.base);
                }
                if let Some(n) = remaining.get_mut(&key)
                    && *n > 0
                {
                    *n -= 1;
                    if (!spec.linted || !spec.unparsed.is_empty())
                        && d.severity == reelnet_spec::Severity::Error
                    {
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
                    shown.insert((
                        d.code.to_owned(),
                        file_key(&spec.sources, &d, &self.base),
                        d.primary.path.clone(),
                    ));
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
            } else if !ran(&e.code) {
                // Its rule did not run: nothing to say about it.
                continue;
            } else if shown.contains(&(e.code.clone(), e.file.clone(), e.path.clone())) {
                StaleReason::Changed
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
    use crate::rule::{Checker, Finding};

    crate::declare_rule! {
        /// Reports the VPC CIDR once per public subnet: findings that share one identity.
        struct PerSubnet {
            code: "TEST001",
            name: "per-subnet",
            severity: Warning,
            summary: "test rule",
        }
        impl Rule;
    }

    impl PerSubnet {
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
            .unwrap_or_else(|e| panic!("{e}"))
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
        recorded.apply(&mut report, "b", &|_| false, &|_| true);
        assert_eq!(report.specs[0].suppressed.len(), 1);
        assert_eq!(report.specs[0].diagnostics.len(), 1);
        assert!(report.stale_baseline.is_empty());
        // Recorded twice, found once: one is stale.
        let twice = Baseline::from_report(&lint("10.0.1.0/24, 10.0.2.0/24"), &base, &|_| false);
        assert_eq!(twice.entries[0].count, 2);
        let mut report = lint("10.0.1.0/24");
        twice.apply(&mut report, "b", &|_| false, &|_| true);
        assert!(report.specs[0].diagnostics.is_empty());
        assert_eq!(report.stale_baseline.len(), 1);
        assert_eq!(report.stale_baseline[0].entry.count, 1);
    }

    #[test]
    fn version_1_files_are_read_by_the_old_identity() {
        let linter = crate::Linter::new(&crate::LintOptions {
            select: vec!["NET001".into()],
            ..crate::LintOptions::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
        let text =
            "name: x\nvpc:\n  cidr: 10.0.0.0/16\n  public_subnets: [10.0.1.0/24, 10.0.1.0/25]\n";
        let base = std::env::temp_dir();
        let name = base.join("v1.yaml").to_string_lossy().into_owned();
        let lint = || crate::Report::new(vec![linter.check_str(&name, text)]);
        let report = lint();
        let spec = &report.specs[0];
        let d = &spec.diagnostics[0];
        let v1 = format!(
            r#"{{"version": 1, "tool": "reelnet-lint", "entries": [{{"code": "NET001", "file": "v1.yaml", "path": "{}", "fingerprint": "{}", "count": 1, "message": "m"}}]}}"#,
            d.primary.path,
            fingerprint_v1(&spec.sources, d)
        );
        let baseline =
            Baseline::parse(&v1, Path::new("b.json"), &base).unwrap_or_else(|e| panic!("{e}"));
        let mut report = lint();
        baseline.apply(&mut report, "b", &|_| false, &|_| true);
        assert!(report.specs[0].diagnostics.is_empty());
        assert!(report.stale_baseline.is_empty());
        // A version-2 file must say each entry's severity.
        let v2 = v1.replace(r#""version": 1"#, r#""version": 2"#);
        assert!(Baseline::parse(&v2, Path::new("b.json"), &base).is_err());
        // Written back, a version-1 baseline stays version 1 and reads back
        // the same (found by the baseline fuzz target's seed).
        let again = Baseline::parse(&baseline.to_json(), Path::new("b.json"), &base)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again.to_json(), baseline.to_json());
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
            r.diagnostics
                .iter()
                .map(|d| {
                    (
                        d.code,
                        d.primary.path.clone(),
                        crate::identity::fingerprint(&r.sources, d),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert!(!fp(&a).is_empty());
        assert_eq!(fp(&a), fp(&b));
    }
}
