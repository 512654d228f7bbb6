//! The rule trait, rule metadata and the context a rule reports through.

use reelnet_spec::{Diagnostic, Label, Loc, Severity, Spec, TextRange};

use crate::date::Date;

/// Where a rule's findings come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Reported while loading the spec (syntax, schema, values).
    Loader,
    /// Checked on the typed model.
    Model,
    /// Reported while applying suppression comments.
    Suppression,
}

/// What the catalogue says of a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleMeta {
    /// Stable code, e.g. `NET001`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `subnet-overlap`.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One line: when it fires.
    pub summary: &'static str,
    /// The rule's doc comment, verbatim (see [`RuleMeta::doc`]).
    pub raw_doc: &'static str,
    /// Built in, or added by the embedding program.
    pub origin: Origin,
}

impl RuleMeta {
    /// The documentation (the rule's doc comment, de-indented).
    #[must_use]
    pub fn doc(&self) -> String {
        let mut out = String::with_capacity(self.raw_doc.len());
        for line in self.raw_doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_owned() + "\n"
    }
}

/// A check over the typed model.
///
/// Implement it to add a rule of your own (see the README's "Embedding");
/// register it with [`crate::Linter::with_rule`].
pub trait Rule: Send + Sync {
    /// The rule's code, name, default severity, summary and doc (usually
    /// the `META` constant `declare_rule!` generates).
    fn meta(&self) -> &RuleMeta;
    /// Report every finding through `cx`. Rules read the model only.
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>);
}

/// Declares a rule: its unit struct and its [`RuleMeta`] as `META`; with a
/// closing `impl Rule;`, also its [`Rule`] implementation, which returns
/// `META` and runs the struct's own `check` method (`fn check(&self, spec:
/// &Spec, cx: &mut Checker<'_>)`, written in an `impl` block beside the
/// declaration; a rule whose findings come from elsewhere, such as the
/// loader, has an empty one). Without `impl Rule;` you implement [`Rule`]
/// yourself, returning `&Self::META` from `meta`.
///
/// The doc comment is the rule's documentation, printed by `explain` and
/// embedded in SARIF (`## What it does`, `## Why is this bad?`,
/// `## Example`, `Use instead:`, `## References`). `origin` defaults to
/// [`Origin::Model`].
///
/// ```
/// use reelnet_lint::{Checker, Finding, Rule, Spec};
///
/// reelnet_lint::declare_rule! {
///     /// ## What it does
///     /// Requires every service name to start with `rn-`.
///     pub struct TeamPrefix {
///         code: "ORG001",
///         name: "team-prefix",
///         severity: Warning,
///         summary: "a service name lacks the team prefix",
///     }
///     impl Rule;
/// }
///
/// impl TeamPrefix {
///     fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
///         for service in spec.services() {
///             if !service.name.value.starts_with("rn-") {
///                 cx.report(Finding::new(service.name.loc, "no `rn-` prefix"));
///             }
///         }
///     }
/// }
///
/// assert_eq!(TeamPrefix.meta().code, "ORG001");
/// ```
///
/// The document-level rules SPEC000–SPEC008 take their metadata from the
/// loader's single declaration, [`reelnet_spec::SpecCode`]:
/// `pub struct InvalidValue = SpecCode::InvalidValue { origin: Loader }`.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            code: $code:literal,
            name: $rname:literal,
            severity: $sev:ident,
            summary: $summary:literal
            $(, origin: $origin:ident)? $(,)?
        }
        impl Rule;
    ) => {
        $crate::declare_rule! {
            $(#[doc = $doc])*
            $vis struct $name {
                code: $code,
                name: $rname,
                severity: $sev,
                summary: $summary
                $(, origin: $origin)?
            }
        }
        $crate::declare_rule!(@impl $name);
    };
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident = SpecCode::$variant:ident {
            origin: $origin:ident $(,)?
        }
        impl Rule;
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, Default)]
        $vis struct $name;

        impl $name {
            /// The rule's catalogue entry, from [`reelnet_spec::SpecCode`].
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                code: $crate::reelnet_spec::SpecCode::$variant.code(),
                name: $crate::reelnet_spec::SpecCode::$variant.name(),
                severity: $crate::reelnet_spec::SpecCode::$variant.severity(),
                summary: $crate::reelnet_spec::SpecCode::$variant.summary(),
                raw_doc: $crate::reelnet_spec::SpecCode::$variant.raw_doc(),
                origin: $crate::Origin::$origin,
            };
        }
        $crate::declare_rule!(@impl $name);
    };
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            code: $code:literal,
            name: $rname:literal,
            severity: $sev:ident,
            summary: $summary:literal
            $(, origin: $origin:ident)? $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, Default)]
        $vis struct $name;

        impl $name {
            /// The rule's catalogue entry.
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                code: $code,
                name: $rname,
                severity: $crate::Severity::$sev,
                summary: $summary,
                raw_doc: concat!($($doc, "\n"),*),
                origin: $crate::declare_rule!(@origin $($origin)?),
            };
        }
    };
    (@impl $name:ident) => {
        impl $crate::Rule for $name {
            fn meta(&self) -> &$crate::RuleMeta {
                &Self::META
            }

            fn check(&self, spec: &$crate::Spec, cx: &mut $crate::Checker<'_>) {
                // The struct's own `check` (inherent items take precedence).
                $name::check(self, spec, cx);
            }
        }
    };
    (@origin) => { $crate::Origin::Model };
    (@origin $origin:ident) => { $crate::Origin::$origin };
}

/// A finding before it is placed in the source.
#[derive(Clone, Debug)]
pub struct Finding {
    loc: Loc,
    at_key: bool,
    /// The text to underline when it is part of `loc`'s value.
    within: Option<TextRange>,
    label: String,
    message: String,
    help: Option<String>,
    related: Vec<(Loc, bool, String)>,
    severity: Option<Severity>,
}

impl Finding {
    /// A finding at `loc` (the value there is underlined).
    #[must_use]
    pub fn new(loc: Loc, message: impl Into<String>) -> Self {
        Self {
            loc,
            at_key: false,
            within: None,
            label: String::new(),
            message: message.into(),
            help: None,
            related: Vec::new(),
            severity: None,
        }
    }

    /// Underline the key of the entry instead of its value.
    #[must_use]
    pub fn at_key(mut self) -> Self {
        self.at_key = true;
        self
    }

    /// Underline `range` (byte offsets in the file, inside the value at
    /// the finding's location) rather than the whole value: the command at
    /// fault inside a `RUN`'s script. The finding keeps its location's
    /// JSON Pointer (suppressions, baselines and identities see the node).
    #[must_use]
    pub fn within(mut self, range: TextRange) -> Self {
        self.within = Some(range);
        self
    }

    /// The primary label's text.
    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// What to do about it.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Another place involved.
    #[must_use]
    pub fn related(mut self, loc: Loc, message: impl Into<String>) -> Self {
        self.related.push((loc, false, message.into()));
        self
    }

    /// Another place involved, at its key.
    #[must_use]
    pub fn related_key(mut self, loc: Loc, message: impl Into<String>) -> Self {
        self.related.push((loc, true, message.into()));
        self
    }

    /// A severity other than the rule's default (e.g. DB002 at 0 days).
    #[must_use]
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }
}

/// What a rule reports through.
#[derive(Debug)]
pub struct Checker<'a> {
    pub(crate) spec: &'a Spec,
    pub(crate) meta: &'a RuleMeta,
    /// Set by configuration: replaces the rule's severities.
    pub(crate) severity_override: Option<Severity>,
    pub(crate) as_of: Date,
    pub(crate) out: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    /// The date date-dependent rules evaluate against.
    #[must_use]
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// The source text at a location (for messages that quote the input).
    #[must_use]
    pub fn text(&self, loc: Loc) -> &str {
        self.spec.sources.text(loc)
    }

    /// Record a finding: its locations become labels (file, byte range,
    /// JSON Pointer), its severity the rule's configured one unless the
    /// finding sets its own.
    pub fn report(&mut self, finding: Finding) {
        let sources = &self.spec.sources;
        let label = |loc: Loc, key: bool, msg: String| {
            if key {
                Label::at_key(sources, loc, msg)
            } else {
                Label::at(sources, loc, msg)
            }
        };
        let severity = self
            .severity_override
            .or(finding.severity)
            .unwrap_or(self.meta.severity);
        let mut primary = label(finding.loc, finding.at_key, finding.label);
        if let Some(r) = finding.within {
            primary.range = r;
        }
        let related = finding
            .related
            .into_iter()
            .map(|(loc, key, msg)| label(loc, key, msg))
            .collect();
        self.out.push(Diagnostic {
            code: self.meta.code,
            name: self.meta.name,
            severity,
            message: finding.message,
            help: finding.help,
            primary,
            related,
        });
    }
}
