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
use serde_json::value::RawValue;

use crate::baseline_entry::Key;
pub use crate::baseline_entry::{BaselineEntry, StaleEntry, StaleReason};
use crate::identity::Memo;
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

/// Why a baseline file cannot be used (the CLI exits 2).
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
    /// The file is not a baseline this version reads as a whole (such as a
    /// version outside [`MIN_VERSION`]..=[`VERSION`]).
    #[error("{} is not a reelnet-lint baseline: {message}", path.display())]
    #[diagnostic(
        code(reelnet::baseline_invalid),
        help("rewrite it with `reelnet-lint check --write-baseline FILE`")
    )]
    Invalid {
        /// The baseline file, as given.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Every problem found in the file ([`Baseline::parse`]), each at its
    /// line and column: bad JSON, a wrong type, an unknown key, a missing
    /// field, a malformed fingerprint, severity or JSON Pointer, an unknown
    /// rule code ([`Baseline::load_with`]). Input text in the messages is
    /// escaped ([`crate::sanitize::escape`]).
    #[error("{}", ProblemList(path, problems))]
    #[diagnostic(
        code(reelnet::baseline_invalid),
        help(
            "fix the entries named, or rewrite the file with `reelnet-lint check --write-baseline FILE`"
        )
    )]
    Problems {
        /// The baseline file, as given.
        path: PathBuf,
        /// Every problem, in file order.
        problems: Vec<BaselineProblem>,
    },
}

/// One problem of a baseline file, at its 1-based line and column (columns
/// count characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaselineProblem {
    /// 1-based line in the baseline file.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// What is wrong (input text escaped and cut at 60 characters).
    pub message: String,
}

struct ProblemList<'a>(&'a Path, &'a [BaselineProblem]);

impl std::fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.1.len();
        let file = self.0.display().to_string();
        let file = crate::sanitize::escape(&file);
        write!(
            f,
            "{file} is not a reelnet-lint baseline ({n} problem{})",
            if n == 1 { "" } else { "s" }
        )?;
        for p in self.1 {
            write!(f, "\n{file}:{}:{}: {}", p.line, p.column, p.message)?;
        }
        Ok(())
    }
}

/// Input text quoted in a problem message: escaped, and cut at 60
/// characters (a 20,000-character value is not repeated whole).
fn quoted(text: &str) -> String {
    const MAX: usize = 60;
    let cut: String = text.chars().take(MAX).collect();
    let more = if cut.len() < text.len() { "…" } else { "" };
    format!("`{}{more}`", crate::sanitize::escape(&cut))
}

/// What kind of JSON value `raw` is, for "found …".
fn kind(raw: &RawValue) -> &'static str {
    match raw.get().as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// Whether `s` is a JSON Pointer (RFC 6901): empty, or `/`-prefixed
/// reference tokens in which `~` is followed by `0` or `1`.
fn is_json_pointer(s: &str) -> bool {
    (s.is_empty() || s.starts_with('/'))
        && s.split('~')
            .skip(1)
            .all(|t| t.starts_with('0') || t.starts_with('1'))
}

/// Whether `s` is a fingerprint as reelnet-lint writes it: 16 lowercase
/// hexadecimal digits ([`crate::identity::fingerprint`]).
fn is_fingerprint(s: &str) -> bool {
    s.len() == 16
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The problems of one baseline file, by byte offset.
struct Check<'t> {
    text: &'t str,
    problems: Vec<(usize, String)>,
}

impl<'t> Check<'t> {
    /// Where `raw` (a slice of the text) starts.
    fn at(&self, raw: &RawValue) -> usize {
        raw.get()
            .as_ptr()
            .addr()
            .saturating_sub(self.text.as_ptr().addr())
            .min(self.text.len())
    }

    fn problem(&mut self, at: usize, message: String) {
        self.problems.push((at, message));
    }

    /// The members of an object, or a problem.
    fn object(&mut self, raw: &'t RawValue, what: &str) -> Option<BTreeMap<String, &'t RawValue>> {
        if let Ok(map) = serde_json::from_str(raw.get()) {
            return Some(map);
        }
        let found = kind(raw);
        self.problem(
            self.at(raw),
            format!("{what} must be an object, found {found}"),
        );
        None
    }

    fn string(&mut self, raw: &'t RawValue, what: &str) -> Option<String> {
        if let Ok(s) = serde_json::from_str::<String>(raw.get()) {
            return Some(s);
        }
        let found = kind(raw);
        self.problem(
            self.at(raw),
            format!("{what} must be a string, found {found}"),
        );
        None
    }

    fn into_problems(self) -> Vec<BaselineProblem> {
        let mut problems = self.problems;
        problems.sort_by_key(|(at, _)| *at);
        let offsets: Vec<usize> = problems.iter().map(|(at, _)| *at).collect();
        let positions = crate::config::line_cols(self.text, &offsets);
        problems
            .into_iter()
            .zip(positions)
            .map(|((_, message), (line, column))| BaselineProblem {
                line,
                column,
                message,
            })
            .collect()
    }
}

/// The keys of an entry, in the order --write-baseline writes them.
const ENTRY_KEYS: [&str; 7] = [
    "code",
    "file",
    "path",
    "severity",
    "fingerprint",
    "count",
    "message",
];

/// Check one entry; `rules` are the known rule codes (None: any code).
fn check_entry<'t>(
    cx: &mut Check<'t>,
    i: usize,
    raw: &'t RawValue,
    version: u32,
    rules: Option<&[&str]>,
) -> Option<BaselineEntry> {
    let what = format!("entries[{i}]");
    let fields = cx.object(raw, &what)?;
    let start = cx.at(raw);
    for (key, value) in &fields {
        if !ENTRY_KEYS.contains(&key.as_str()) {
            let at = cx.at(value);
            cx.problem(
                at,
                format!(
                    "{what}: unknown key {}; an entry has {}",
                    quoted(key),
                    ENTRY_KEYS.map(|k| format!("`{k}`")).join(", ")
                ),
            );
        }
    }
    let field = |cx: &mut Check<'t>, key: &str, required: bool| -> Option<(&'t RawValue, String)> {
        match fields.get(key) {
            Some(raw) => {
                let s = cx.string(raw, &format!("{what}.{key}"))?;
                Some((*raw, s))
            }
            None => {
                if required {
                    cx.problem(start, format!("{what}: missing `{key}`"));
                }
                None
            }
        }
    };
    let code = field(cx, "code", true);
    let file = field(cx, "file", true);
    let path = field(cx, "path", true);
    let severity = field(cx, "severity", version >= 2);
    let fingerprint = field(cx, "fingerprint", true);
    let message = field(cx, "message", false);
    let mut ok = true;
    if let Some((raw, c)) = &code
        && let Some(rules) = rules.filter(|r| !r.contains(&c.as_str()))
    {
        let hint = reelnet_spec::suggest(c, rules)
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        cx.problem(
            cx.at(raw),
            format!(
                "{what}.code: unknown rule {}{hint}; remove the entry, or rewrite the baseline with --write-baseline",
                quoted(c)
            ),
        );
        ok = false;
    }
    if let Some((raw, f)) = &file
        && f.is_empty()
    {
        cx.problem(
            cx.at(raw),
            format!("{what}.file: empty; expected the file, relative to the baseline's directory"),
        );
        ok = false;
    }
    if let Some((raw, p)) = &path
        && !is_json_pointer(p)
    {
        cx.problem(
            cx.at(raw),
            format!("{what}.path: {} is not a JSON Pointer (RFC 6901: empty, or `/`-separated tokens, `~` only as `~0` or `~1`)", quoted(p)),
        );
        ok = false;
    }
    if let Some((raw, s)) = &severity
        && !matches!(s.as_str(), "error" | "warning" | "info")
    {
        cx.problem(
            cx.at(raw),
            format!(
                "{what}.severity: {} is not a severity; expected `error`, `warning` or `info`",
                quoted(s)
            ),
        );
        ok = false;
    }
    if let Some((raw, f)) = &fingerprint
        && !is_fingerprint(f)
    {
        cx.problem(
            cx.at(raw),
            format!("{what}.fingerprint: {} is not a fingerprint; expected 16 lowercase hexadecimal digits, as --write-baseline writes", quoted(f)),
        );
        ok = false;
    }
    let count = match fields.get("count") {
        None => {
            cx.problem(start, format!("{what}: missing `count`"));
            None
        }
        Some(raw) => match serde_json::from_str::<usize>(raw.get()) {
            Ok(n) if n >= 1 => Some(n),
            _ => {
                let found = if kind(raw) == "a number" {
                    format!("`{}`", crate::sanitize::escape(raw.get()))
                } else {
                    kind(raw).to_owned()
                };
                cx.problem(
                    cx.at(raw),
                    format!("{what}.count: expected a positive whole number, found {found}"),
                );
                None
            }
        },
    };
    if !ok {
        return None;
    }
    Some(BaselineEntry {
        code: code?.1,
        file: file?.1,
        path: path?.1,
        severity: severity.map(|(_, s)| s),
        fingerprint: fingerprint?.1,
        count: count?,
        message: message.map(|(_, m)| m).unwrap_or_default(),
    })
}

/// A set of recorded findings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    /// Sorted by code, file, path, fingerprint.
    pub entries: Vec<BaselineEntry>,
    /// The directory entry files are relative to (the baseline file's).
    pub base: PathBuf,
}

/// Each file of a spec relative to `base`, by [`reelnet_spec::FileId`]:
/// worked out once per file, not once per finding (a relative name made
/// absolute asks the system for the working directory).
fn file_keys(sources: &Sources, base: &Path) -> Vec<String> {
    sources
        .iter()
        .map(|(_, f)| relative_to(&normalize(Path::new(&f.name)), base))
        .collect()
}

fn file_key(keys: &[String], d: &Diagnostic) -> String {
    keys.get(d.primary.file.0 as usize)
        .cloned()
        .unwrap_or_default()
}

/// A finding's identity, its file relative to the baseline's directory
/// ([`file_keys`]).
fn identity_key(sources: &Sources, keys: &[String], d: &Diagnostic, memo: &mut Memo) -> Key {
    (
        d.code.to_owned(),
        file_key(keys, d),
        d.primary.path.clone(),
        Some(d.severity.as_str().to_owned()),
        memo.fingerprint(sources, d),
    )
}

/// A finding's identity as version 1 had it (no severity; the primary
/// node's text only), to match the entries of a version-1 file.
fn key_v1(sources: &Sources, keys: &[String], d: &Diagnostic, memo: &mut Memo) -> Key {
    (
        d.code.to_owned(),
        file_key(keys, d),
        d.primary.path.clone(),
        None,
        memo.fingerprint_v1(sources, d),
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
            let keys = file_keys(&spec.sources, &base);
            let mut memo = Memo::default();
            for r in spec.resolved() {
                let d = r.diagnostic;
                if unignorable(d.code) {
                    continue;
                }
                let key = identity_key(&spec.sources, &keys, d, &mut memo);
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
    /// Any rule code is accepted ([`Baseline::parse_with`] checks them).
    ///
    /// # Errors
    /// [`BaselineError::Problems`] with every problem found when it is not
    /// a baseline of a version this reelnet-lint reads ([`MIN_VERSION`] to
    /// [`VERSION`]).
    pub fn parse(text: &str, path: &Path, base: &Path) -> Result<Self, BaselineError> {
        Self::parse_checked(text, path, base, None)
    }

    /// [`Baseline::parse`], and each entry's `code` must be one of `rules`
    /// (the codes of the linter that applies it: [`crate::Linter::rules`]).
    ///
    /// # Errors
    /// [`BaselineError::Problems`] as [`Baseline::parse`], and for each
    /// entry of an unknown rule.
    pub fn parse_with(
        text: &str,
        path: &Path,
        base: &Path,
        rules: &[&str],
    ) -> Result<Self, BaselineError> {
        Self::parse_checked(text, path, base, Some(rules))
    }

    fn parse_checked(
        text: &str,
        path: &Path,
        base: &Path,
        rules: Option<&[&str]>,
    ) -> Result<Self, BaselineError> {
        let fail = |problems: Vec<BaselineProblem>| BaselineError::Problems {
            path: path.to_owned(),
            problems,
        };
        let root: &RawValue = serde_json::from_str(text).map_err(|e| {
            fail(vec![BaselineProblem {
                line: u32::try_from(e.line()).unwrap_or(u32::MAX).max(1),
                column: u32::try_from(e.column()).unwrap_or(u32::MAX).max(1),
                message: {
                    // serde_json's message ends with the position, given already.
                    let m = e.to_string();
                    let m = m
                        .rfind(" at line ")
                        .map_or(m.as_str(), |i| &m[..i])
                        .to_owned();
                    format!("not valid JSON: {m}")
                },
            }])
        })?;
        let mut cx = Check {
            text,
            problems: Vec::new(),
        };
        let entries = Self::check_file(&mut cx, root, rules);
        match entries {
            Some(mut entries) if cx.problems.is_empty() => {
                entries.sort();
                Ok(Self {
                    entries,
                    base: normalize(base),
                })
            }
            _ => Err(fail(cx.into_problems())),
        }
    }

    /// The entries of a baseline document, with every problem in `cx`.
    fn check_file<'t>(
        cx: &mut Check<'t>,
        root: &'t RawValue,
        rules: Option<&[&str]>,
    ) -> Option<Vec<BaselineEntry>> {
        let top = cx.object(
            root,
            "a baseline (`{\"version\": 2, \"tool\": \"reelnet-lint\", \"entries\": [...]}`)",
        )?;
        let start = cx.at(root);
        for (key, value) in &top {
            if !["version", "tool", "entries"].contains(&key.as_str()) {
                let at = cx.at(value);
                cx.problem(
                    at,
                    format!(
                        "unknown key {}; a baseline has `version`, `tool` and `entries`",
                        quoted(key)
                    ),
                );
            }
        }
        let version = match top.get("version") {
            None => {
                cx.problem(start, "missing `version`".to_owned());
                None
            }
            Some(raw) => match serde_json::from_str::<u32>(raw.get()) {
                Ok(v) if (MIN_VERSION..=VERSION).contains(&v) => Some(v),
                _ => {
                    cx.problem(
                        cx.at(raw),
                        format!(
                            "version {} is not one this reelnet-lint reads (it reads versions {MIN_VERSION} to {VERSION}); rewrite the baseline with --write-baseline",
                            quoted(raw.get())
                        ),
                    );
                    None
                }
            },
        };
        match top.get("tool") {
            None => cx.problem(start, "missing `tool`".to_owned()),
            Some(raw) => {
                if let Some(tool) = cx.string(raw, "`tool`")
                    && tool != "reelnet-lint"
                {
                    cx.problem(
                        cx.at(raw),
                        format!("written by {}, not reelnet-lint", quoted(&tool)),
                    );
                }
            }
        }
        let Some(raw) = top.get("entries") else {
            cx.problem(start, "missing `entries`".to_owned());
            return None;
        };
        let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(raw.get()) else {
            let found = kind(raw);
            cx.problem(
                cx.at(raw),
                format!("`entries` must be an array, found {found}"),
            );
            return None;
        };
        // Entries are checked whatever the version says (as the current
        // one when it is unusable), so that every problem is reported.
        let entries: Vec<Option<BaselineEntry>> = items
            .into_iter()
            .enumerate()
            .map(|(i, item)| check_entry(cx, i, item, version.unwrap_or(VERSION), rules))
            .collect();
        version?;
        entries.into_iter().collect()
    }

    /// Read a baseline file (entries relative to its directory): a regular
    /// file of at most [`crate::files::MAX_BASELINE_BYTES`]. Any rule code
    /// is accepted ([`Baseline::load_with`] checks them).
    ///
    /// # Errors
    /// [`BaselineError`] when it cannot be read or parsed.
    pub fn load(path: &Path) -> Result<Self, BaselineError> {
        Self::load_checked(path, None)
    }

    /// [`Baseline::load`], and each entry's `code` must be one of `rules`
    /// (the codes of the linter that applies it, custom rules included):
    /// an entry of an unknown rule would otherwise hide nothing, silently.
    ///
    /// # Errors
    /// [`BaselineError`] when it cannot be read or parsed, or names a rule
    /// not in `rules`.
    pub fn load_with(path: &Path, rules: &[&str]) -> Result<Self, BaselineError> {
        Self::load_checked(path, Some(rules))
    }

    fn load_checked(path: &Path, rules: Option<&[&str]>) -> Result<Self, BaselineError> {
        let text =
            crate::files::read_text(path, crate::files::MAX_BASELINE_BYTES).map_err(|source| {
                BaselineError::Read {
                    path: path.to_owned(),
                    source,
                }
            })?;
        let base = path.parent().unwrap_or(Path::new(""));
        Self::parse_checked(&text, path, base, rules)
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
            let keys = file_keys(&spec.sources, &self.base);
            let mut memo = Memo::default();
            linted_files.extend(keys.iter().cloned());
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
                let mut key = identity_key(&spec.sources, &keys, d, &mut memo);
                if has_v1 && remaining.get(&key).is_none_or(|n| *n == 0) {
                    key = key_v1(&spec.sources, &keys, d, &mut memo);
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
                        file_key(&keys, &d),
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
            crate::identity::fingerprint_v1(&spec.sources, d)
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
