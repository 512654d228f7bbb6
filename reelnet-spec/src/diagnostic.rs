//! Diagnostics: what the loader and the rules report.

use std::fmt;

use serde::Serialize;

use crate::source::{FileId, Loc, Sources, TextRange};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run by default.
    Info,
    /// Likely wrong; fails a run at `--fail-on warning` (the default).
    Warning,
    /// Wrong: AWS refuses it, or it breaks what the spec is for.
    Error,
}

impl Severity {
    /// The lower-case name used in reports and configuration.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }

    /// Read a lower-case name (`info`, `warning`, `error`).
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "info" => Some(Self::Info),
            "warning" => Some(Self::Warning),
            "error" => Some(Self::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in a file, with what it has to do with the finding.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Label {
    /// The file it is in.
    pub file: FileId,
    /// Byte range of the text underlined.
    pub range: TextRange,
    /// JSON Pointer of the node, in the spec as written.
    pub path: String,
    /// What this place has to do with the finding ("overlaps this one").
    pub message: String,
}

impl Label {
    /// A label at a model location: underlines the value (or the key of a container).
    #[must_use]
    pub fn at(sources: &Sources, loc: Loc, message: impl Into<String>) -> Self {
        Self {
            file: loc.file,
            range: sources.highlight(loc),
            path: sources.pointer(loc).to_owned(),
            message: message.into(),
        }
    }

    /// A label at the key of a mapping entry (falls back to the value).
    #[must_use]
    pub fn at_key(sources: &Sources, loc: Loc, message: impl Into<String>) -> Self {
        let entry = sources.get(loc.file).and_then(|f| f.map.entry(loc.node));
        let range = entry
            .and_then(|e| e.key)
            .unwrap_or_else(|| sources.highlight(loc));
        Self {
            file: loc.file,
            range,
            path: sources.pointer(loc).to_owned(),
            message: message.into(),
        }
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// The rule's code (`NET001`, `SPEC004`).
    pub code: &'static str,
    /// The rule's kebab-case name.
    pub name: &'static str,
    /// How serious it is (the rule's default unless overridden).
    pub severity: Severity,
    /// What is wrong, with the actual values.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The text to change.
    pub primary: Label,
    /// Other places involved.
    pub related: Vec<Label>,
}

impl Diagnostic {
    /// Sort key: file name, position, code, message.
    #[must_use]
    pub fn sort_key<'a>(&'a self, sources: &'a Sources) -> (&'a str, u32, u32, &'a str, &'a str) {
        let file = sources
            .get(self.primary.file)
            .map_or("", |f| f.name.as_str());
        (
            file,
            self.primary.range.start,
            self.primary.range.end,
            self.code,
            &self.message,
        )
    }
}

/// The document-level checks the loader performs, with their catalogue names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpecCode {
    /// SPEC000: the YAML cannot be parsed (or is over a loader limit).
    YamlSyntax,
    /// SPEC001: a key the format does not define.
    UnknownField,
    /// SPEC002: a mapping repeats a key.
    DuplicateKey,
    /// SPEC003: a version is an unquoted number.
    NumericVersion,
    /// SPEC004: a value of the wrong type, form or range.
    InvalidValue,
    /// SPEC005: a top-level section defined in two files of one spec.
    DuplicateSection,
}

impl SpecCode {
    /// The code (`SPEC004`).
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::YamlSyntax => "SPEC000",
            Self::UnknownField => "SPEC001",
            Self::DuplicateKey => "SPEC002",
            Self::NumericVersion => "SPEC003",
            Self::InvalidValue => "SPEC004",
            Self::DuplicateSection => "SPEC005",
        }
    }

    /// The catalogue name (`invalid-value`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::YamlSyntax => "yaml-syntax",
            Self::UnknownField => "unknown-field",
            Self::DuplicateKey => "duplicate-key",
            Self::NumericVersion => "numeric-version",
            Self::InvalidValue => "invalid-value",
            Self::DuplicateSection => "duplicate-section",
        }
    }

    /// The severity the loader reports it with.
    #[must_use]
    pub const fn severity(self) -> Severity {
        match self {
            Self::NumericVersion => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// A diagnostic of this kind.
    #[must_use]
    pub fn diagnostic(self, primary: Label, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: self.code(),
            name: self.name(),
            severity: self.severity(),
            message: message.into(),
            help: None,
            primary,
            related: Vec::new(),
        }
    }
}
