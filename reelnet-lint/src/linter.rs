//! The linter: which rules run, at what severity, on what date.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use reelnet_spec::{Diagnostic, LoadError, Loaded, Loader, Severity, Spec};

use crate::date::Date;
use crate::registry::RULES;
use crate::report::SpecReport;
use crate::rule::{Checker, Rule, RuleMeta};

/// Options of a lint run, as the CLI and the config file set them.
#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    /// Codes, names or code prefixes to run, or `ALL` (the default when empty).
    pub select: Vec<String>,
    /// Codes, names or code prefixes not to run.
    pub ignore: Vec<String>,
    /// Severity overrides by code or name.
    pub severity: HashMap<String, Severity>,
    /// The date date-dependent rules use (default: today).
    pub as_of: Option<Date>,
}

/// A selector that matches no rule.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule selector `{selector}`: not a rule code, name or code prefix{}", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
pub struct UnknownSelector {
    pub selector: String,
    pub suggestion: Option<String>,
}

/// Whether `selector` (code, name, code prefix or `ALL`) matches a rule.
#[must_use]
pub fn selector_matches(selector: &str, meta: &RuleMeta) -> bool {
    selector.eq_ignore_ascii_case("ALL")
        || meta.name.eq_ignore_ascii_case(selector)
        || (!selector.is_empty()
            && meta
                .code
                .get(..selector.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(selector)))
}

/// Runs the selected rules over specs.
#[derive(Clone)]
pub struct Linter {
    rules: Vec<Arc<dyn Rule>>,
    enabled: Vec<bool>,
    severity: Vec<Option<Severity>>,
    as_of: Date,
    loader: Loader,
}

impl std::fmt::Debug for Linter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linter")
            .field(
                "rules",
                &self.rules.iter().map(|r| r.meta().code).collect::<Vec<_>>(),
            )
            .field("as_of", &self.as_of)
            .finish_non_exhaustive()
    }
}

struct Static(&'static dyn Rule);

impl Rule for Static {
    fn meta(&self) -> &RuleMeta {
        self.0.meta()
    }
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        self.0.check(spec, cx);
    }
}

impl Default for Linter {
    fn default() -> Self {
        Self::builtin()
    }
}

impl Linter {
    /// Every built-in rule at its default severity, as of today.
    #[must_use]
    pub fn builtin() -> Self {
        let rules: Vec<Arc<dyn Rule>> = RULES
            .iter()
            .map(|r| Arc::new(Static(*r)) as Arc<dyn Rule>)
            .collect();
        let n = rules.len();
        Self {
            rules,
            enabled: vec![true; n],
            severity: vec![None; n],
            as_of: Date::today(),
            loader: Loader::default(),
        }
    }

    /// The built-in rules configured by `options`.
    ///
    /// # Errors
    /// [`UnknownSelector`] for a selector that matches no rule.
    pub fn new(options: &LintOptions) -> Result<Self, UnknownSelector> {
        Self::builtin().configure(options)
    }

    /// Add a rule of your own (selection and overrides apply to it from the
    /// next [`Linter::configure`]).
    #[must_use]
    pub fn with_rule(mut self, rule: impl Rule + 'static) -> Self {
        self.rules.push(Arc::new(rule));
        self.enabled.push(true);
        self.severity.push(None);
        self
    }

    /// Use these loader limits.
    #[must_use]
    pub fn with_loader(mut self, loader: Loader) -> Self {
        self.loader = loader;
        self
    }

    /// Apply selection, severity overrides and the date.
    ///
    /// # Errors
    /// [`UnknownSelector`] for a selector that matches no rule.
    pub fn configure(mut self, options: &LintOptions) -> Result<Self, UnknownSelector> {
        let metas: Vec<RuleMeta> = self.rules.iter().map(|r| *r.meta()).collect();
        let check = |sel: &String| {
            if metas.iter().any(|m| selector_matches(sel, m)) {
                Ok(())
            } else {
                let names: Vec<&str> = metas.iter().flat_map(|m| [m.code, m.name]).collect();
                Err(UnknownSelector {
                    selector: sel.clone(),
                    suggestion: reelnet_spec::suggest(sel, &names).map(str::to_owned),
                })
            }
        };
        for sel in options
            .select
            .iter()
            .chain(&options.ignore)
            .chain(options.severity.keys())
        {
            check(sel)?;
        }
        for (i, m) in metas.iter().enumerate() {
            let selected =
                options.select.is_empty() || options.select.iter().any(|s| selector_matches(s, m));
            let ignored = options.ignore.iter().any(|s| selector_matches(s, m));
            self.enabled[i] = selected && !ignored;
            // The most specific override wins: code or name, then prefixes by length.
            self.severity[i] = options
                .severity
                .iter()
                .filter(|(sel, _)| selector_matches(sel, m))
                .max_by_key(|(sel, _)| {
                    let exact =
                        sel.eq_ignore_ascii_case(m.code) || sel.eq_ignore_ascii_case(m.name);
                    (exact, sel.len())
                })
                .map(|(_, sev)| *sev);
        }
        if let Some(d) = options.as_of {
            self.as_of = d;
        }
        Ok(self)
    }

    /// The date date-dependent rules use.
    #[must_use]
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// Metadata of every rule this linter knows, enabled or not.
    pub fn rules(&self) -> impl Iterator<Item = &RuleMeta> {
        self.rules.iter().map(|r| r.meta())
    }

    /// Whether the rule with this code runs.
    #[must_use]
    pub fn is_enabled(&self, code: &str) -> bool {
        self.index_of(code).is_some_and(|i| self.enabled[i])
    }

    fn index_of(&self, code: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.meta().code == code)
    }

    /// Run the enabled rules over a loaded spec.
    #[must_use]
    pub fn lint(&self, spec: &Spec) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (i, rule) in self.rules.iter().enumerate() {
            if !self.enabled[i] {
                continue;
            }
            let mut cx = Checker {
                spec,
                meta: rule.meta(),
                severity_override: self.severity[i],
                as_of: self.as_of,
                out: &mut out,
            };
            rule.check(spec, &mut cx);
        }
        out
    }

    /// Apply selection and severity overrides to the loader's diagnostics.
    fn filter_loaded(&self, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diags
            .into_iter()
            .filter_map(|mut d| match self.index_of(d.code) {
                Some(i) if !self.enabled[i] => None,
                Some(i) => {
                    if let Some(sev) = self.severity[i] {
                        d.severity = sev;
                    }
                    Some(d)
                }
                None => Some(d),
            })
            .collect()
    }

    /// Lint what the loader read: its problems, then (if it has a model)
    /// the rules' findings.
    #[must_use]
    pub fn check_loaded(&self, path: &str, loaded: Loaded) -> SpecReport {
        let Loaded {
            sources,
            diagnostics,
            model,
        } = loaded;
        let mut diagnostics = self.filter_loaded(diagnostics);
        let sources = match model {
            Some(model) => {
                let spec = Spec {
                    model,
                    sources,
                    warnings: Vec::new(),
                };
                diagnostics.extend(self.lint(&spec));
                spec.sources
            }
            None => sources,
        };
        SpecReport::new(path.to_owned(), sources, diagnostics)
    }

    /// Load and lint a spec (a file or a directory).
    ///
    /// # Errors
    /// [`LoadError::Io`] when the path cannot be read.
    pub fn check_path(&self, path: &Path) -> Result<SpecReport, LoadError> {
        let loaded = self.loader.read_path(path)?;
        Ok(self.check_loaded(&path.to_string_lossy(), loaded))
    }

    /// Lint a spec given as text.
    #[must_use]
    pub fn check_str(&self, name: &str, text: &str) -> SpecReport {
        self.check_loaded(name, self.loader.read_str(name, text))
    }

    /// Lint a spec made of several named texts (as a directory spec is).
    #[must_use]
    pub fn check_texts(&self, path: &str, files: Vec<(String, String)>) -> SpecReport {
        self.check_loaded(path, self.loader.read_texts(files))
    }

    /// Lint an already loaded spec (its loader warnings included).
    #[must_use]
    pub fn check_spec(&self, path: &str, spec: &Spec) -> SpecReport {
        let mut diagnostics = self.filter_loaded(spec.warnings.clone());
        diagnostics.extend(self.lint(spec));
        SpecReport::new(path.to_owned(), spec.sources.clone(), diagnostics)
    }
}
