//! The linter: which rules run, at what severity, on what date.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use reelnet_spec::{Diagnostic, FileId, LoadError, Loaded, Loader, Severity, Sources, Spec};

use crate::date::Date;
use crate::glob::Glob;
use crate::paths::{normalize, relative_to};
use crate::registry::RULES;
use crate::report::SpecReport;
use crate::rule::{Checker, Rule, RuleMeta};
use crate::suppress::{self, Policy};

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
    /// Rules not run for the files a glob matches (`[per-path-ignores]`).
    pub per_path_ignores: Vec<(Glob, Vec<String>)>,
    /// The directory the globs are relative to (default: the current one).
    pub path_base: Option<PathBuf>,
    /// Rules no suppression comment or baseline may hide.
    pub unignorable: Vec<String>,
}

/// A selector that matches no rule.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
#[error("unknown rule selector `{}`: not a rule code, name or code prefix{}", crate::sanitize::escape(selector), suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
#[diagnostic(
    code(reelnet::unknown_selector),
    help("`reelnet-lint rules` lists every code and name")
)]
pub struct UnknownSelector {
    /// The selector as given.
    pub selector: String,
    /// The closest code or name, if one is close.
    pub suggestion: Option<String>,
}

/// A rule added with [`Linter::with_rule`] whose code or name another rule
/// of the linter already has: selectors, suppressions and reports name
/// rules by them, so each must be unique.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
#[error("rule {code} ({name}) clashes with rule {taken_by}: {what} `{value}` is taken")]
#[diagnostic(
    code(reelnet::duplicate_rule),
    help("give the rule a code and a name of its own (retired codes are never reused either)")
)]
pub struct DuplicateRule {
    /// The code of the rule that was refused.
    pub code: String,
    /// The name of the rule that was refused.
    pub name: String,
    /// `code` or `name`: which of the two is taken.
    pub what: &'static str,
    /// The code or name that is taken.
    pub value: String,
    /// The code of the rule that has it.
    pub taken_by: String,
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
    /// Per-path ignores: a glob and the rules (by index) it turns off.
    path_ignores: Vec<(Glob, Vec<bool>)>,
    /// Absolute directory the globs are relative to.
    path_base: Option<PathBuf>,
    unignorable: Vec<bool>,
    /// Set from outside to stop a run early (see [`Linter::with_cancel`]).
    cancel: Option<Arc<AtomicBool>>,
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
            path_ignores: Vec::new(),
            path_base: None,
            unignorable: vec![false; n],
            cancel: None,
        }
    }

    /// A cooperative cancellation hook: once `flag` is set (from another
    /// thread, e.g. on Ctrl-C), the run stops at its next check (before
    /// loading, between rules) and returns what it has. A cancelled run's
    /// report is partial: discard it. The Python binding uses this to make
    /// `lint_path` interruptible.
    #[must_use]
    pub fn with_cancel(mut self, flag: Arc<AtomicBool>) -> Self {
        self.cancel = Some(flag);
        self
    }

    /// Whether the run was cancelled ([`Linter::with_cancel`]).
    #[must_use]
    pub fn is_cancelled(&self) -> bool {
        self.cancel
            .as_ref()
            .is_some_and(|c| c.load(Ordering::Relaxed))
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
    ///
    /// # Errors
    /// [`DuplicateRule`] when its code or name is another rule's
    /// (compared case-insensitively, as selectors are).
    pub fn with_rule(mut self, rule: impl Rule + 'static) -> Result<Self, DuplicateRule> {
        let new = *rule.meta();
        for r in &self.rules {
            let m = r.meta();
            let clash = if m.code.eq_ignore_ascii_case(new.code) {
                Some(("code", new.code))
            } else if m.name.eq_ignore_ascii_case(new.name) {
                Some(("name", new.name))
            } else {
                None
            };
            if let Some((what, value)) = clash {
                return Err(DuplicateRule {
                    code: new.code.to_owned(),
                    name: new.name.to_owned(),
                    what,
                    value: value.to_owned(),
                    taken_by: m.code.to_owned(),
                });
            }
        }
        self.rules.push(Arc::new(rule));
        self.enabled.push(true);
        self.severity.push(None);
        self.unignorable.push(false);
        Ok(self)
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
            .chain(options.per_path_ignores.iter().flat_map(|(_, s)| s))
            .chain(&options.unignorable)
        {
            check(sel)?;
        }
        let mask = |sels: &[String]| -> Vec<bool> {
            metas
                .iter()
                .map(|m| sels.iter().any(|s| selector_matches(s, m)))
                .collect()
        };
        self.path_ignores = options
            .per_path_ignores
            .iter()
            .map(|(g, sels)| (g.clone(), mask(sels)))
            .collect();
        self.path_base = if self.path_ignores.is_empty() {
            None
        } else {
            Some(normalize(
                options.path_base.as_deref().unwrap_or(Path::new(".")),
            ))
        };
        self.unignorable = mask(&options.unignorable);
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

    /// Whether no suppression comment or baseline may hide this rule's findings.
    #[must_use]
    pub fn is_unignorable(&self, code: &str) -> bool {
        self.index_of(code).is_some_and(|i| self.unignorable[i])
    }

    /// For each file of a spec, the rules `[per-path-ignores]` turn off there.
    fn path_masks(&self, sources: &Sources) -> HashMap<FileId, Vec<bool>> {
        let Some(base) = &self.path_base else {
            return HashMap::new();
        };
        sources
            .iter()
            .filter_map(|(id, f)| {
                let rel = relative_to(&normalize(Path::new(&f.name)), base);
                if rel.starts_with("../") || rel == ".." || Path::new(&rel).is_absolute() {
                    return None;
                }
                let mut mask = vec![false; self.rules.len()];
                for (glob, rules) in &self.path_ignores {
                    if glob.matches(&rel) {
                        for (m, r) in mask.iter_mut().zip(rules) {
                            *m |= *r;
                        }
                    }
                }
                mask.iter().any(|m| *m).then_some((id, mask))
            })
            .collect()
    }

    /// Per-path ignores, then suppression comments: the spec's report.
    fn finish(
        &self,
        path: &str,
        sources: Sources,
        diagnostics: Vec<Diagnostic>,
        rules_ran: bool,
        unparsed: Vec<String>,
    ) -> SpecReport {
        // The syntax errors of referenced files that cannot be parsed: no
        // rule checked those files, so neither a per-path ignore nor a
        // suppression comment hides them (as for a spec that does not load).
        let (forced, diagnostics): (Vec<Diagnostic>, Vec<Diagnostic>) =
            diagnostics.into_iter().partition(|d| {
                matches!(d.code, "DKR000" | "K8S000")
                    && d.severity == Severity::Error
                    && sources
                        .get(d.primary.file)
                        .is_some_and(|f| unparsed.contains(&f.name))
            });
        let masks = self.path_masks(&sources);
        let diagnostics: Vec<Diagnostic> = if masks.is_empty() {
            diagnostics
        } else {
            diagnostics
                .into_iter()
                .filter(|d| {
                    // The errors that stopped a spec from loading are never ignored.
                    if !rules_ran && d.severity == Severity::Error {
                        return true;
                    }
                    let ignored = masks.get(&d.primary.file).zip(self.index_of(d.code));
                    !ignored.is_some_and(|(mask, i)| mask[i])
                })
                .collect()
        };
        let policy = RunPolicy {
            linter: self,
            masks: &masks,
        };
        let (mut kept, mut suppressed) = suppress::apply(&policy, &sources, diagnostics, rules_ran);
        kept.extend(forced);
        suppressed.sort_by(|a, b| {
            a.diagnostic
                .sort_key(&sources)
                .cmp(&b.diagnostic.sort_key(&sources))
        });
        let mut report = SpecReport::new(path.to_owned(), sources, kept);
        report.suppressed = suppressed;
        report.linted = rules_ran;
        report.unparsed = unparsed;
        report
    }

    /// Run the enabled rules over a loaded spec.
    #[must_use]
    pub fn lint(&self, spec: &Spec) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (i, rule) in self.rules.iter().enumerate() {
            if !self.enabled[i] {
                continue;
            }
            if self.is_cancelled() {
                break;
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
        // Referenced files that cannot be parsed: reported whatever the
        // selection and severity overrides say (see `SpecReport::unparsed`).
        let forced: [(&RuleMeta, Report); 2] = [
            (
                &crate::rules::dkr::dockerfile_syntax::DockerfileSyntax::META,
                crate::rules::dkr::dockerfile_syntax::report_unparsed,
            ),
            (
                &crate::rules::k8s::manifest_invalid::ManifestInvalid::META,
                crate::rules::k8s::manifest_invalid::report_unparsed,
            ),
        ];
        for (meta, report) in forced {
            let mut cx = Checker {
                spec,
                meta,
                severity_override: None,
                as_of: self.as_of,
                out: &mut out,
            };
            report(spec, &mut cx);
        }
        out
    }

    /// Apply selection and severity overrides to the loader's diagnostics.
    /// When the spec did not load (`loaded` false), its errors pass
    /// untouched: no selection, ignore or severity override may hide or
    /// soften them, since no rule checked the spec.
    fn filter_loaded(&self, diags: Vec<Diagnostic>, loaded: bool) -> Vec<Diagnostic> {
        diags
            .into_iter()
            .filter_map(|mut d| match self.index_of(d.code) {
                _ if !loaded && d.severity == Severity::Error => Some(d),
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
        let ran = model.is_some();
        let mut diagnostics = self.filter_loaded(diagnostics, ran);
        let mut unparsed = Vec::new();
        let mut notes = Vec::new();
        let sources = match model {
            Some(model) => {
                unparsed = model
                    .containers
                    .unparsed()
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                notes = walk_notes(&sources, &model.containers.notes);
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
        let mut report = self.finish(path, sources, diagnostics, ran, unparsed);
        report.walk_notes = notes;
        report
    }

    /// Load and lint a spec (a file or a directory).
    ///
    /// # Errors
    /// [`LoadError::Io`] when the path cannot be read.
    pub fn check_path(&self, path: &Path) -> Result<SpecReport, LoadError> {
        let loaded = self.loader.read_path(path)?;
        Ok(self.check_loaded(&path.to_string_lossy(), loaded))
    }

    /// Load and lint several specs in parallel (one thread per core at
    /// most); the results are in the order of `paths`.
    #[must_use]
    pub fn check_paths(&self, paths: &[PathBuf]) -> Vec<Result<SpecReport, LoadError>> {
        let workers = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(paths.len());
        if workers <= 1 {
            return paths.iter().map(|p| self.check_path(p)).collect();
        }
        let next = AtomicUsize::new(0);
        let mut done: Vec<(usize, Result<SpecReport, LoadError>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    scope.spawn(|| {
                        let mut out = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(p) = paths.get(i) else {
                                break;
                            };
                            out.push((i, self.check_path(p)));
                        }
                        out
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        done.sort_by_key(|(i, _)| *i);
        done.into_iter().map(|(_, r)| r).collect()
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
        let mut diagnostics = self.filter_loaded(spec.warnings.clone(), true);
        diagnostics.extend(self.lint(spec));
        let unparsed = spec
            .model
            .containers
            .unparsed()
            .into_iter()
            .map(str::to_owned)
            .collect();
        let mut report = self.finish(path, spec.sources.clone(), diagnostics, true, unparsed);
        report.walk_notes = walk_notes(&spec.sources, &spec.model.containers.notes);
        report
    }
}

/// The notes of the walks of `manifests` globs (symbolic links skipped as
/// loops), each `FILE:LINE:COLUMN: message` at its reference.
fn walk_notes(sources: &Sources, notes: &[reelnet_spec::container::WalkNote]) -> Vec<String> {
    notes
        .iter()
        .map(|n| {
            let file = sources.file(n.loc.file);
            let at = file.line_col(file.highlight(n.loc.node).start);
            format!("{}:{}:{}: {}", file.name, at.line, at.column, n.message)
        })
        .collect()
}

/// A function reporting findings of one rule over a spec.
type Report = fn(&Spec, &mut Checker<'_>);

/// What suppression comments need to know about a run over one spec.
struct RunPolicy<'a> {
    linter: &'a Linter,
    masks: &'a HashMap<FileId, Vec<bool>>,
}

impl Policy for RunPolicy<'_> {
    fn rules(&self, named: &str) -> Vec<(&'static str, &'static str)> {
        self.linter
            .rules
            .iter()
            .map(|r| r.meta())
            .filter(|m| m.code.eq_ignore_ascii_case(named) || m.name.eq_ignore_ascii_case(named))
            .map(|m| (m.code, m.name))
            .collect()
    }

    fn names(&self) -> Vec<&'static str> {
        self.linter
            .rules
            .iter()
            .flat_map(|r| [r.meta().code, r.meta().name])
            .collect()
    }

    fn ran(&self, code: &str, file: FileId) -> bool {
        self.linter
            .index_of(code)
            .is_some_and(|i| self.linter.enabled[i] && !self.masks.get(&file).is_some_and(|m| m[i]))
    }

    fn unignorable(&self, code: &str) -> bool {
        self.linter.is_unignorable(code)
    }

    fn severity_of(&self, code: &str, file: FileId) -> Option<Severity> {
        let i = self.linter.index_of(code)?;
        self.ran(code, file)
            .then(|| self.linter.severity[i].unwrap_or(self.linter.rules[i].meta().severity))
    }

    fn as_of(&self) -> Date {
        self.linter.as_of
    }
}
