//! The entries of a baseline: the finding identities it records, and the
//! entries that hid nothing in a run (which a [`crate::Report`] carries as
//! notes). Kept apart from [`crate::baseline`] so that the report does not
//! depend on the module that applies baselines to it.

use serde::{Deserialize, Serialize};

/// One recorded finding identity, with how many findings share it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct BaselineEntry {
    /// The rule code of the finding (`DB001`).
    pub code: String,
    /// The file, relative to the baseline file's directory, `/`-separated.
    pub file: String,
    /// JSON Pointer of the offending node.
    pub path: String,
    /// The finding's severity (`error`, `warning`, `info`); absent in
    /// version-1 files, whose entries match findings of any severity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    /// Hash of the values that make the finding (docs/baselines.md;
    /// version 1: of the node's text), 16 hex digits.
    pub fingerprint: String,
    /// How many findings have this identity.
    pub count: usize,
    /// The message when it was recorded (for readers; not part of the identity).
    #[serde(default)]
    pub message: String,
}

/// The identity of a finding: code, file, path, severity, fingerprint.
pub(crate) type Key = (String, String, String, Option<String>, String);

impl BaselineEntry {
    /// The entry's identity, for matching findings.
    pub(crate) fn key(&self) -> Key {
        (
            self.code.clone(),
            self.file.clone(),
            self.path.clone(),
            self.severity.clone(),
            self.fingerprint.clone(),
        )
    }
}

/// Why a baseline entry hid nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StaleReason {
    /// Its file was linted and has no such finding any more.
    Fixed,
    /// Its file has a finding of that rule at that path, but it changed: a
    /// value it is computed from, or its severity (that finding is shown).
    Changed,
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
    /// The entry, its `count` the findings it did not hide.
    pub entry: BaselineEntry,
    /// Why it hid nothing.
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
            StaleReason::Changed => format!(
                "baseline entry {} at {at} no longer matches: the finding there changed (a value, or its severity) and is reported again; fix it, or rewrite the baseline with --write-baseline",
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
