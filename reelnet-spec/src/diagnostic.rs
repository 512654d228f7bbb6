//! Diagnostics: what the loader and the rules report.

use std::borrow::Cow;
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
            path: sources.pointer(loc),
            message: message.into(),
        }
    }

    /// A label at a value as written, a mapping or list too (not at its
    /// key): for a value of the wrong type.
    #[must_use]
    pub fn at_value(sources: &Sources, loc: Loc, message: impl Into<String>) -> Self {
        Self {
            file: loc.file,
            range: sources.highlight_value(loc),
            path: sources.pointer(loc),
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
            path: sources.pointer(loc),
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

/// How many characters of a value a message quotes before cutting it.
pub const QUOTE_MAX_CHARS: usize = 80;

/// Shorten every backtick-quoted span of a message or help longer than
/// [`QUOTE_MAX_CHARS`] characters to its first [`QUOTE_MAX_CHARS`], `…` and
/// the value's length: `` `aaaa…` (20000 characters) ``. Messages quote
/// input between backticks; a 20,000-character value is not repeated
/// whole. Shorter spans (every real name, CIDR block or duration) are left
/// as they are. O(n) in the message's length.
#[must_use]
pub fn shorten_quotes(text: &str) -> Cow<'_, str> {
    let parts: Vec<&str> = text.split('`').collect();
    let long = |p: &str| p.chars().nth(QUOTE_MAX_CHARS).is_some();
    // Odd-numbered parts lie between a pair of backticks.
    let quoted = |i: usize| i % 2 == 1 && i + 1 < parts.len();
    if !parts.iter().enumerate().any(|(i, p)| quoted(i) && long(p)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().min(4 * 1024));
    let mut closed = false;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 && !closed {
            out.push('`');
        }
        closed = false;
        if quoted(i) && long(part) {
            let n = part.chars().count();
            out.extend(part.chars().take(QUOTE_MAX_CHARS));
            out.push_str(&format!("…` ({n} characters)"));
            closed = true;
        } else {
            out.push_str(part);
        }
    }
    Cow::Owned(out)
}

impl Diagnostic {
    /// Shorten the input quoted in its message, help and labels
    /// ([`shorten_quotes`]).
    pub fn shorten_quotes(&mut self) {
        let cut = |s: &mut String| {
            if let Cow::Owned(short) = shorten_quotes(s) {
                *s = short;
            }
        };
        cut(&mut self.message);
        if let Some(help) = &mut self.help {
            cut(help);
        }
        cut(&mut self.primary.message);
        for label in &mut self.related {
            cut(&mut label.message);
        }
    }

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

/// Declares [`SpecCode`]: each variant's doc comment is the rule's
/// documentation (what `reelnet-lint explain` prints and SARIF embeds), then
/// its code, catalogue name, severity and one-line summary.
macro_rules! spec_codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $code:literal, $name:literal, $severity:ident, $summary:literal;)+) => {
        /// The document-level checks SPEC000–SPEC008, declared once: the
        /// loader reports SPEC000–SPEC005, the linter SPEC006–SPEC008, and the
        /// linter's catalogue entries for all of them come from here.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum SpecCode {
            $($(#[doc = $doc])* $variant,)+
        }

        impl SpecCode {
            /// Every code, in code order.
            pub const ALL: &'static [SpecCode] = &[$(Self::$variant),+];

            /// The code (`SPEC004`).
            #[must_use]
            pub const fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }

            /// The catalogue name (`invalid-value`).
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self { $(Self::$variant => $name),+ }
            }

            /// The severity it is reported with.
            #[must_use]
            pub const fn severity(self) -> Severity {
                match self { $(Self::$variant => Severity::$severity),+ }
            }

            /// One line: when it fires.
            #[must_use]
            pub const fn summary(self) -> &'static str {
                match self { $(Self::$variant => $summary),+ }
            }

            /// The rule's documentation: its doc comment, verbatim (one
            /// line per `///` line, each with its leading space).
            #[must_use]
            pub const fn raw_doc(self) -> &'static str {
                match self { $(Self::$variant => concat!($($doc, "\n"),*)),+ }
            }
        }
    };
}

spec_codes! {
    /// ## What it does
    /// Reports a file that is not well-formed YAML, or that the loader refuses
    /// to read: invalid UTF-8, a binary file, more than one document, or a
    /// document over the loader's limits (nesting depth, node count, alias
    /// expansion, file size).
    ///
    /// ## Why is this bad?
    /// Nothing else can be checked in a file that cannot be parsed. The limits
    /// exist so that a hostile or broken file (a "billion laughs" alias bomb,
    /// 100,000 nested brackets) ends with a diagnostic instead of a hang.
    ///
    /// ## Example
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    ///    public_subnets: [10.0.1.0/24]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// vpc:
    ///   cidr: 10.0.0.0/16
    ///   public_subnets: [10.0.1.0/24]
    /// ```
    ///
    /// ## References
    /// - [YAML 1.2.2 specification](https://yaml.org/spec/1.2.2/)
    YamlSyntax = "SPEC000", "yaml-syntax", Error, "the YAML cannot be parsed";
    /// ## What it does
    /// Reports a mapping key that the spec format does not define, with the
    /// closest known key as a suggestion (`mutli_az` → `multi_az`).
    ///
    /// ## Why is this bad?
    /// A misspelt key is silently a different setting: `mutli_az: true` leaves
    /// the database single-AZ while its author believes otherwise.
    ///
    /// ## Example
    /// ```yaml
    /// database:
    ///   mutli_az: true
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// database:
    ///   multi_az: true
    /// ```
    ///
    /// ## References
    /// - The spec format (FORMAT.md) and its JSON Schema (`reelnet-lint schema`)
    UnknownField = "SPEC001", "unknown-field", Error, "a key the format does not define";
    /// ## What it does
    /// Reports a key that appears twice in one mapping, pointing at both.
    ///
    /// ## Why is this bad?
    /// YAML forbids duplicate keys; many parsers silently keep the last one, so
    /// the file says two different things and only one of them takes effect.
    ///
    /// ## Example
    /// ```yaml
    /// database:
    ///   multi_az: true
    ///   multi_az: false
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// database:
    ///   multi_az: true
    /// ```
    ///
    /// ## References
    /// - [YAML 1.2.2, 3.2.1.1 Nodes: mapping keys are unique](https://yaml.org/spec/1.2.2/#3211-nodes)
    DuplicateKey = "SPEC002", "duplicate-key", Error, "a mapping repeats a key";
    /// ## What it does
    /// Reports a `version` written as an unquoted number.
    ///
    /// ## Why is this bad?
    /// YAML reads `14.10` as the number 14.1 and `8.0` as 8: the version that
    /// reaches the tool is not the one written. The spec keeps the text as
    /// written, but other tools reading the same file will not.
    ///
    /// ## Example
    /// ```yaml
    /// database:
    ///   version: 14.10
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// database:
    ///   version: "14.10"
    /// ```
    ///
    /// ## References
    /// - [YAML 1.2.2, 10.3.2 Core schema tag resolution](https://yaml.org/spec/1.2.2/#1032-tag-resolution)
    NumericVersion = "SPEC003", "numeric-version", Warning, "a version is an unquoted number";
    /// ## What it does
    /// Reports a value of the wrong type or form: a string where a number is
    /// expected, an unparsable CIDR, size, duration, domain or image
    /// reference, a number out of the field's range, an unknown keyword or
    /// CloudFront security policy, a missing required field, or
    /// `yes`/`no`/`on`/`off` where a boolean is expected.
    ///
    /// ## Why is this bad?
    /// The spec cannot mean what it says. Under YAML 1.2 `yes` is the string
    /// "yes", not true; a tool that reads it as a boolean and one that does
    /// not will disagree about the architecture.
    ///
    /// ## Example
    /// ```yaml
    /// database:
    ///   multi_az: yes
    ///   storage: lots
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// database:
    ///   multi_az: true
    ///   storage: 100GB
    /// ```
    ///
    /// ## References
    /// - [YAML 1.2.2, 10.2 JSON schema: booleans are true and false](https://yaml.org/spec/1.2.2/#1021-tags)
    /// - The spec format (FORMAT.md), "Scalar types"
    InvalidValue = "SPEC004", "invalid-value", Error, "wrong type, unparsable CIDR/size/domain, out of range, or yes/no for a boolean";
    /// ## What it does
    /// In a spec split across the YAML files of a directory, reports a
    /// top-level section defined in more than one file, naming both.
    ///
    /// ## Why is this bad?
    /// Sections are not merged key by key: which file wins would depend on
    /// file order, and a reader of one file would not see the other.
    ///
    /// ## Example
    /// ```yaml
    /// # network.yaml
    /// vpc: { cidr: 10.0.0.0/16 }
    /// # legacy.yaml
    /// vpc: { cidr: 10.1.0.0/16 }
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// # network.yaml
    /// vpc: { cidr: 10.0.0.0/16 }
    /// ```
    ///
    /// ## References
    /// - The spec format (FORMAT.md), "Files"
    DuplicateSection = "SPEC005", "duplicate-section", Error, "a top-level section defined in two files of one spec";
    /// ## What it does
    /// Reports a name that points nowhere: a `waf` naming no
    /// `security.waf[].name`, a CDN `certificate` matching no certificate's
    /// domain, an origin, DNS record target or function trigger naming a
    /// missing distribution, gateway or bucket (`cdn/NAME`, `api_gateway`,
    /// `storage/BUCKET`), a deploy step naming no pipeline environment, or a
    /// service's `dockerfile`/`manifests` entry naming a file that is
    /// missing or unreadable (or a glob matching none, or whose directory walk
    /// passes the `max_files`/`max_depth` bounds), relative to the spec file
    /// that names it, or resolving (symbolic links included) outside that
    /// file's directory tree: such a file is not read unless
    /// `--follow-links` is passed, so that its text never reaches a report.
    ///
    /// ## Why is this bad?
    /// A dangling reference is a resource that does not exist: the CDN would
    /// be deployed without the WAF its author attached, or the pipeline would
    /// deploy to an environment nobody defined.
    ///
    /// ## Example
    /// ```yaml
    /// cdn:
    ///   distributions:
    ///     - { name: main, waf: edge-acl }
    /// security:
    ///   waf: [{ name: edge-acl-v2 }]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// cdn:
    ///   distributions:
    ///     - { name: main, waf: edge-acl-v2 }
    /// security:
    ///   waf: [{ name: edge-acl-v2 }]
    /// ```
    ///
    /// ## References
    /// - The spec format (FORMAT.md): `waf` "names security.waf[].name", record targets
    DanglingReference = "SPEC006", "dangling-reference", Error, "a name that points nowhere (WAF, certificate, record target, origin, deploy step)";
    /// ## What it does
    /// Reports a suppression comment (`# reelnet-lint: ignore[...]`) that
    /// hides nothing:
    ///
    /// - a rule it names had no finding on the line it covers (its own line,
    ///   or the next line when the comment stands alone), although the rule
    ///   ran for that file (a rule turned off by `select`, `ignore` or
    ///   `[per-path-ignores]` is not judged);
    /// - it names no rule (a typo: the help suggests the closest code or name);
    /// - it expired: its `until=YYYY-MM-DD` is before the lint date
    ///   (`--as-of`, default today), so the findings it hid are reported again;
    /// - it names a rule the configuration lists as `unignorable`;
    /// - it names an error of a spec that does not load (no rule could run,
    ///   so the error stays);
    /// - it names SPEC007 or SPEC008, which only the configuration can turn off;
    /// - it starts with `reelnet-lint:` but does not parse.
    ///
    /// A suppression comment cannot hide this rule's findings.
    ///
    /// ## Why is this bad?
    /// A suppression outlives the finding it was written for: once the spec is
    /// fixed, a stale comment silently hides the next, unrelated problem on
    /// that line. A misspelt code hides nothing while looking as if it did,
    /// and an expired exception is exactly the deadline the team agreed to
    /// be reminded of.
    ///
    /// ## Example
    /// ```yaml
    /// database:
    ///   engine: postgres
    ///   multi_az: true  # reelnet-lint: ignore[DB001] single-AZ is fine for the replica
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// database:
    ///   engine: postgres
    ///   multi_az: true
    /// ```
    ///
    /// ## References
    /// - [ruff: unused-noqa (RUF100)](https://docs.astral.sh/ruff/rules/unused-noqa/)
    /// - [ESLint: reportUnusedDisableDirectives](https://eslint.org/docs/latest/use/configure/rules#report-unused-eslint-disable-comments)
    UnusedSuppression = "SPEC007", "unused-suppression", Warning, "a suppression comment that suppressed nothing (unused, unknown rule, expired, or unignorable)";
    /// ## What it does
    /// Reports a suppression comment with nothing after its bracket:
    /// `# reelnet-lint: ignore[DB001]`. An `until=YYYY-MM-DD` expiry and
    /// leading punctuation (`:`, `-`) do not count as a reason. The
    /// suppression still works; this finding asks for the why.
    ///
    /// ## Why is this bad?
    /// An exception to a policy is a decision. Without its reason the next
    /// reader cannot tell a deliberate trade-off (a single-AZ analytics
    /// replica) from a shortcut taken to get a build green, and cannot know
    /// when it stops being true. The reason is what a reviewer approves.
    ///
    /// ## Example
    /// ```yaml
    /// database:
    ///   engine: postgres
    ///   multi_az: false  # reelnet-lint: ignore[DB001]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// database:
    ///   engine: postgres
    ///   multi_az: false  # reelnet-lint: ignore[DB001] analytics replica, rebuilt from S3 in 1h (ADR-12)
    /// ```
    ///
    /// ## References
    /// - [ESLint: disable comments with descriptions (eslint-comments/require-description)](https://eslint-community.github.io/eslint-plugin-eslint-comments/rules/require-description.html)
    /// - [Checkov: suppressing and skipping policies (a comment with a reason)](https://www.checkov.io/2.Basics/Suppressing%20and%20Skipping%20Policies.html)
    SuppressionWithoutReason = "SPEC008", "suppression-without-reason", Warning, "a suppression comment with no reason after its bracket";
}

impl SpecCode {
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

#[cfg(test)]
mod tests {
    use super::{QUOTE_MAX_CHARS, shorten_quotes};

    #[test]
    fn long_quotes_are_cut_with_their_length_and_short_ones_kept() {
        let at_max = "é".repeat(QUOTE_MAX_CHARS);
        let text = format!("`{at_max}` is fine; `x` too");
        assert_eq!(shorten_quotes(&text), text);
        let long = "é".repeat(QUOTE_MAX_CHARS + 1);
        assert_eq!(
            shorten_quotes(&format!("domain `{long}` is bad; write `a.b`")),
            format!(
                "domain `{at_max}…` ({} characters) is bad; write `a.b`",
                QUOTE_MAX_CHARS + 1
            )
        );
        // An unpaired backtick quotes nothing: the text after it is prose.
        let prose = format!("a ` then {long}");
        assert_eq!(shorten_quotes(&prose), prose);
        // Two long values, each cut.
        let two = shorten_quotes(&format!("`{long}` and `{long}`")).into_owned();
        assert_eq!(two.matches("characters)").count(), 2, "{two}");
        assert!(two.chars().count() < 2 * QUOTE_MAX_CHARS + 60, "{two}");
    }
}
