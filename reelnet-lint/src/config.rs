//! Configuration: `reelnet-lint.toml`, or `[tool.reelnet-lint]` in
//! `pyproject.toml`.
//!
//! [`Config::discover`] searches from a directory upward: in each directory
//! it takes `reelnet-lint.toml`, else a `pyproject.toml` that has a
//! `[tool.reelnet-lint]` table (any other `pyproject.toml` is passed over);
//! the nearest wins. The search stops after the first directory that holds
//! `.git` (the repository root), so a checkout never picks up a file from
//! outside it. Paths in a configuration (`specs`, `[per-path-ignores]`) are
//! relative to the file's directory.
//!
//! Every problem (unknown key, unknown rule, bad glob, bad value) is reported
//! with its line and column; none is ignored.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use reelnet_spec::Severity;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::date::Date;
use crate::glob::Glob;
use crate::linter::{LintOptions, selector_matches};
use crate::paths::normalize;
use crate::registry;
use crate::rule::RuleMeta;

/// The configuration file's name.
pub const CONFIG_FILE: &str = "reelnet-lint.toml";
/// The Python project file that may hold a `[tool.reelnet-lint]` table.
pub const PYPROJECT: &str = "pyproject.toml";
/// The table of `pyproject.toml` that configures reelnet-lint.
pub const TOOL_TABLE: &str = "reelnet-lint";

/// The keys a configuration may have.
pub const KEYS: &[&str] = &[
    "specs",
    "select",
    "ignore",
    "fail_on",
    "as_of",
    "severity",
    "per-path-ignores",
    "unignorable",
];

/// A loaded configuration.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// The file, as found or given.
    pub path: PathBuf,
    /// Its directory, absolute: what `[per-path-ignores]` globs are relative to.
    pub base: PathBuf,
    /// What `check` lints with no path, joined with the file's directory.
    pub specs: Vec<PathBuf>,
    /// `select`: the rules to run (codes, names, code prefixes, `ALL`);
    /// None: every rule.
    pub select: Option<Vec<String>>,
    /// `ignore`: rules not to run, among the selected (same selectors).
    pub ignore: Option<Vec<String>>,
    /// `fail_on`: the lowest severity that fails the run (CLI exit 1);
    /// None: `warning`.
    pub fail_on: Option<Severity>,
    /// `as_of`: the date date-dependent rules use (end-of-life dates,
    /// suppression expiry); None: today at UTC−12.
    pub as_of: Option<Date>,
    /// Per-rule severities, by selector.
    pub severity: Vec<(String, Severity)>,
    /// Rules not run for files matching a glob.
    pub per_path_ignores: Vec<(Glob, Vec<String>)>,
    /// Rules no suppression comment or baseline may hide.
    pub unignorable: Vec<String>,
}

/// One problem of a configuration file, at its 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigProblem {
    /// 1-based line in the configuration file.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// What is wrong and what to write instead.
    pub message: String,
}

/// Why a configuration cannot be used (the CLI exits 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ConfigError {
    /// The configuration file cannot be read.
    #[error("cannot read configuration {}: {source}", crate::sanitize::escape(&path.display().to_string()))]
    #[diagnostic(code(reelnet::config_read))]
    Io {
        /// The configuration file.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The file was read but has problems: every one of them, located.
    #[error("{}", Problems(path, problems))]
    #[diagnostic(
        code(reelnet::config_invalid),
        help("the configuration reference is docs/configuration.md")
    )]
    Invalid {
        /// The configuration file.
        path: PathBuf,
        /// Every problem found, in file order.
        problems: Vec<ConfigProblem>,
    },
}

struct Problems<'a>(&'a Path, &'a [ConfigProblem]);

impl fmt::Display for Problems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.1.len();
        write!(
            f,
            "bad configuration ({n} problem{})",
            if n == 1 { "" } else { "s" }
        )?;
        for p in self.1 {
            write!(
                f,
                "\n{}:{}:{}: {}",
                crate::sanitize::escape(&self.0.display().to_string()),
                p.line,
                p.column,
                p.message
            )?;
        }
        Ok(())
    }
}

/// The built-in catalogue's metadata.
fn builtin_metas() -> Vec<RuleMeta> {
    registry::metas().copied().collect()
}

/// 1-based lines and columns (in characters) of byte offsets, in one pass
/// over the text (the offsets sorted first): linear in the text plus
/// n log n in the problems, however many there are on one line.
pub(crate) fn line_cols(text: &str, offsets: &[usize]) -> Vec<(u32, u32)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![(1, 1); offsets.len()];
    let (mut line, mut column) = (1usize, 1usize);
    let mut chars = text.char_indices().peekable();
    for i in order {
        let target = offsets[i].min(text.len());
        while let Some(&(pos, c)) = chars.peek() {
            if pos >= target {
                break;
            }
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
            chars.next();
        }
        out[i] = (
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        );
    }
    out
}

struct Cx<'a> {
    text: &'a str,
    metas: &'a [RuleMeta],
    problems: Vec<(usize, ConfigProblem)>,
}

impl Cx<'_> {
    /// A problem at `span`; its line and column are computed for all of
    /// them at once ([`Cx::into_problems`]).
    /// Record a problem. Its message quotes the file (keys, values,
    /// patterns, the TOML parser's words): every control character in it
    /// is escaped here, so no configuration text can start a line of a
    /// terminal or CI log (`"k\n::error ..." = 1`).
    fn problem(&mut self, span: Range<usize>, message: impl Into<String>) {
        let message: String = message.into();
        self.problems.push((
            span.start,
            ConfigProblem {
                line: 0,
                column: 0,
                message: crate::sanitize::escape(&message).into_owned(),
            },
        ));
    }

    /// The problems, sorted by position, with their lines and columns.
    fn into_problems(self) -> Vec<ConfigProblem> {
        let mut problems = self.problems;
        problems.sort_by_key(|(at, _)| *at);
        let offsets: Vec<usize> = problems.iter().map(|(at, _)| *at).collect();
        problems
            .into_iter()
            .zip(line_cols(self.text, &offsets))
            .map(|((_, p), (line, column))| ConfigProblem { line, column, ..p })
            .collect()
    }

    /// A selector (code, name, code prefix, `ALL`) that matches some rule.
    fn selector(&mut self, s: &Spanned<DeValue<'_>>, what: &str) -> Option<String> {
        let Some(text) = s.get_ref().as_str() else {
            self.problem(
                s.span(),
                format!(
                    "{what}: expected a rule code, name or prefix as a string, found {}",
                    s.get_ref().type_str()
                ),
            );
            return None;
        };
        self.check_selector(text, s.span(), what)
            .then(|| text.to_owned())
    }

    fn check_selector(&mut self, text: &str, span: Range<usize>, what: &str) -> bool {
        if self.metas.iter().any(|m| selector_matches(text, m)) {
            return true;
        }
        let names: Vec<&str> = self.metas.iter().flat_map(|m| [m.code, m.name]).collect();
        let hint = reelnet_spec::suggest(text, &names)
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        self.problem(
            span,
            format!("{what}: unknown rule `{text}`: not a rule code, name or code prefix{hint}"),
        );
        false
    }

    fn array<'v, 'i>(
        &mut self,
        v: &'v Spanned<DeValue<'i>>,
        key: &str,
    ) -> Option<&'v [Spanned<DeValue<'i>>]> {
        match v.get_ref() {
            DeValue::Array(a) => Some(a),
            other => {
                self.problem(
                    v.span(),
                    format!(
                        "`{key}` must be an array of strings, found {}",
                        other.type_str()
                    ),
                );
                None
            }
        }
    }

    fn selectors(&mut self, v: &Spanned<DeValue<'_>>, key: &str) -> Option<Vec<String>> {
        let items = self.array(v, key)?;
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for item in items {
            match self.selector(item, &format!("`{key}`")) {
                Some(s) => out.push(s),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn severity(&mut self, v: &Spanned<DeValue<'_>>, key: &str) -> Option<Severity> {
        let parsed = v.get_ref().as_str().and_then(Severity::parse);
        if parsed.is_none() {
            let found = v
                .get_ref()
                .as_str()
                .map_or_else(|| v.get_ref().type_str().to_owned(), |s| format!("`{s}`"));
            self.problem(
                v.span(),
                format!("`{key}` must be \"error\", \"warning\" or \"info\", found {found}"),
            );
        }
        parsed
    }

    fn table<'v, 'i>(&mut self, v: &'v Spanned<DeValue<'i>>, key: &str) -> Option<&'v DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                self.problem(
                    v.span(),
                    format!("`{key}` must be a table, found {}", other.type_str()),
                );
                None
            }
        }
    }
}

impl Config {
    /// Parse a configuration's text. `path` is the file (for messages and
    /// for the directory paths are relative to); a `pyproject.toml` is read
    /// from its `[tool.reelnet-lint]` table. Rules are checked against the
    /// built-in catalogue.
    ///
    /// # Errors
    /// [`ConfigError::Invalid`] with every problem found.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        Self::parse_with_rules(text, path, &builtin_metas())
    }

    /// [`Config::parse`] against a catalogue of your own (with added rules).
    ///
    /// # Errors
    /// [`ConfigError::Invalid`] with every problem found.
    pub fn parse_with_rules(
        text: &str,
        path: &Path,
        metas: &[RuleMeta],
    ) -> Result<Self, ConfigError> {
        let mut cx = Cx {
            text,
            metas,
            problems: Vec::new(),
        };
        let dir = path.parent().unwrap_or(Path::new(""));
        let mut config = Self {
            path: path.to_owned(),
            base: normalize(dir),
            ..Self::default()
        };
        let invalid = |cx: Cx<'_>| ConfigError::Invalid {
            path: path.to_owned(),
            problems: cx.into_problems(),
        };
        let root = match DeTable::parse(text) {
            Ok(root) => root,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                cx.problem(span, format!("not valid TOML: {}", e.message().trim()));
                return Err(invalid(cx));
            }
        };
        let is_pyproject = path.file_name().is_some_and(|n| n == PYPROJECT);
        let table = if is_pyproject {
            let tool = root
                .get_ref()
                .get("tool")
                .and_then(|t| t.get_ref().as_table())
                .and_then(|t| t.get(TOOL_TABLE));
            match tool {
                Some(t) => match cx.table(t, "tool.reelnet-lint") {
                    Some(t) => t,
                    None => return Err(invalid(cx)),
                },
                None => {
                    cx.problem(0..0, "no [tool.reelnet-lint] table");
                    return Err(invalid(cx));
                }
            }
        } else {
            root.get_ref()
        };
        for (key, value) in table {
            let k: &str = key.get_ref();
            match k {
                "specs" => {
                    if let Some(items) = cx.array(value, k) {
                        for item in items {
                            match item.get_ref().as_str() {
                                Some(s) if !s.trim().is_empty() => config.specs.push(dir.join(s)),
                                _ => cx.problem(
                                    item.span(),
                                    "`specs` entries must be non-empty paths (strings)",
                                ),
                            }
                        }
                    }
                }
                "select" => config.select = cx.selectors(value, k),
                "ignore" => config.ignore = cx.selectors(value, k),
                "unignorable" => config.unignorable = cx.selectors(value, k).unwrap_or_default(),
                "fail_on" => config.fail_on = cx.severity(value, k),
                "as_of" => {
                    let date = match value.get_ref() {
                        DeValue::String(s) => s.parse::<Date>().ok(),
                        DeValue::Datetime(d) if d.time.is_none() && d.offset.is_none() => {
                            d.to_string().parse::<Date>().ok()
                        }
                        _ => None,
                    };
                    if date.is_none() {
                        cx.problem(
                            value.span(),
                            "`as_of` must be a date, YYYY-MM-DD (e.g. \"2026-11-26\")",
                        );
                    }
                    config.as_of = date;
                }
                "severity" => {
                    if let Some(t) = cx.table(value, k) {
                        for (rule, sev) in t {
                            let ok = cx.check_selector(rule.get_ref(), rule.span(), "[severity]");
                            let sev = cx.severity(sev, &format!("severity.{}", rule.get_ref()));
                            if let (true, Some(sev)) = (ok, sev) {
                                config.severity.push((rule.get_ref().to_string(), sev));
                            }
                        }
                    }
                }
                "per-path-ignores" => {
                    if let Some(t) = cx.table(value, k) {
                        for (pattern, rules) in t {
                            let glob = match Glob::new(pattern.get_ref()) {
                                Ok(g) => Some(g),
                                Err(e) => {
                                    cx.problem(pattern.span(), format!("[per-path-ignores]: {e}"));
                                    None
                                }
                            };
                            let selectors = cx.selectors(
                                rules,
                                &format!("per-path-ignores.\"{}\"", pattern.get_ref()),
                            );
                            if let (Some(g), Some(s)) = (glob, selectors) {
                                config.per_path_ignores.push((g, s));
                            }
                        }
                    }
                }
                other => {
                    let hint = reelnet_spec::suggest(other, KEYS)
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default();
                    cx.problem(
                        key.span(),
                        format!(
                            "unknown key `{other}`{hint}; known keys: {}",
                            KEYS.join(", ")
                        ),
                    );
                }
            }
        }
        if cx.problems.is_empty() {
            Ok(config)
        } else {
            Err(invalid(cx))
        }
    }

    /// Read a configuration file (`pyproject.toml` by its name).
    ///
    /// # Errors
    /// [`ConfigError`] when it cannot be read or is invalid.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        Self::load_with_rules(path, &builtin_metas())
    }

    /// [`Config::load`] against a catalogue of your own (for instance
    /// `linter.rules()` of a [`crate::Linter`] with added rules), so that
    /// the configuration may name those rules.
    ///
    /// # Errors
    /// [`ConfigError`] when it cannot be read or is invalid.
    pub fn load_with_rules(path: &Path, metas: &[RuleMeta]) -> Result<Self, ConfigError> {
        let text = read_config(path).map_err(|source| ConfigError::Io {
            path: path.to_owned(),
            source,
        })?;
        Self::parse_with_rules(&text, path, metas)
    }

    /// Find the configuration for `start` (a directory, normally the current
    /// one): see the module docs. Paths in the result are relative to
    /// `start` when `start` is the current directory (`../reelnet-lint.toml`).
    ///
    /// # Errors
    /// [`ConfigError`] when the file found cannot be read or is invalid.
    pub fn discover(start: &Path) -> Result<Option<Self>, ConfigError> {
        Self::discover_with_rules(start, &builtin_metas())
    }

    /// [`Config::discover`] against a catalogue of your own (for instance
    /// `linter.rules()` of a [`crate::Linter`] with added rules).
    ///
    /// # Errors
    /// [`ConfigError`] when the file found cannot be read or is invalid.
    pub fn discover_with_rules(
        start: &Path,
        metas: &[RuleMeta],
    ) -> Result<Option<Self>, ConfigError> {
        let start = normalize(start);
        // Show paths relative to the current directory when searching from it.
        let relative = std::env::current_dir().is_ok_and(|c| normalize(&c) == start);
        let mut up = PathBuf::new();
        for dir in start.ancestors() {
            let shown = |name: &str| {
                if relative {
                    up.join(name)
                } else {
                    dir.join(name)
                }
            };
            // Anything by that name (a directory, a FIFO, a broken link
            // included) is a configuration: one that cannot be used is an
            // error, never skipped.
            let file = dir.join(CONFIG_FILE);
            if std::fs::symlink_metadata(&file).is_ok() {
                let text = read_config(&file).map_err(|source| ConfigError::Io {
                    path: shown(CONFIG_FILE),
                    source,
                })?;
                return Self::parse_with_rules(&text, &shown(CONFIG_FILE), metas).map(Some);
            }
            let py = dir.join(PYPROJECT);
            if std::fs::symlink_metadata(&py).is_ok() {
                let shown = shown(PYPROJECT);
                let text = read_config(&py).map_err(|source| ConfigError::Io {
                    path: shown.clone(),
                    source,
                })?;
                // Cheap test first: most pyproject.toml files never mention us.
                if text.contains(TOOL_TABLE) {
                    match DeTable::parse(&text) {
                        Ok(root) if tool_table(&root) => {
                            return Self::parse_with_rules(&text, &shown, metas).map(Some);
                        }
                        Ok(_) => {}
                        // Broken TOML that names our table: its error, located.
                        Err(_) if names_tool_table(&text) => {
                            return Self::parse_with_rules(&text, &shown, metas).map(Some);
                        }
                        Err(_) => {}
                    }
                }
            }
            if dir.join(".git").exists() {
                break;
            }
            up.push("..");
        }
        Ok(None)
    }

    /// The lint options this configuration sets (a command line may then
    /// override them).
    #[must_use]
    pub fn lint_options(&self) -> LintOptions {
        LintOptions {
            select: self.select.clone().unwrap_or_default(),
            ignore: self.ignore.clone().unwrap_or_default(),
            severity: self.severity.iter().cloned().collect(),
            as_of: self.as_of,
            per_path_ignores: self.per_path_ignores.clone(),
            path_base: Some(self.base.clone()),
            unignorable: self.unignorable.clone(),
        }
    }
}

/// Read a configuration file under the spec loader's file policy (a
/// regular file, at most [`crate::files::MAX_CONFIG_BYTES`], UTF-8).
fn read_config(path: &Path) -> std::io::Result<String> {
    crate::files::read_text(path, crate::files::MAX_CONFIG_BYTES)
}

/// Whether a parsed `pyproject.toml` has a `[tool.reelnet-lint]` table.
fn tool_table(root: &Spanned<DeTable<'_>>) -> bool {
    root.get_ref()
        .get("tool")
        .and_then(|t| t.get_ref().as_table())
        .is_some_and(|t| t.get(TOOL_TABLE).is_some())
}

/// Whether an unparsable `pyproject.toml` names our table (a
/// `[tool.reelnet-lint...]` header, a `tool.reelnet-lint` dotted key, or a
/// `reelnet-lint` key, bare or quoted, inside a `[tool]` table): then its
/// syntax error is ours to report. Any other broken `pyproject.toml` is
/// someone else's problem.
fn names_tool_table(text: &str) -> bool {
    let mut in_tool = false;
    text.lines().any(|l| {
        let l: String = l
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
            .collect();
        if l.starts_with('[') {
            in_tool = l == "[tool]" || l.starts_with("[tool]#");
        }
        let key_here = in_tool
            && l.strip_prefix("reelnet-lint")
                .is_some_and(|rest| rest.starts_with('=') || rest.starts_with('.'));
        l.starts_with("[tool.reelnet-lint") || l.starts_with("tool.reelnet-lint") || key_here
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match Config::parse(text, Path::new("reelnet-lint.toml")) {
            Ok(_) => Vec::new(),
            Err(ConfigError::Invalid { problems, .. }) => problems
                .iter()
                .map(|p| format!("{}:{}: {}", p.line, p.column, p.message))
                .collect(),
            Err(e) => vec![e.to_string()],
        }
    }

    #[test]
    fn reads_every_key() {
        let text = r#"
specs = ["infra/"]
select = ["ALL"]
ignore = ["NET005", "subnet-overlap"]
fail_on = "error"
as_of = 2026-11-26
unignorable = ["NET001"]

[severity]
NET006 = "error"

[per-path-ignores]
"infra/sandbox/**" = ["NET", "SPEC003"]
"#;
        let c = Config::parse(text, Path::new("conf/reelnet-lint.toml"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.specs, [PathBuf::from("conf/infra/")]);
        assert_eq!(c.select, Some(vec!["ALL".to_owned()]));
        assert_eq!(c.fail_on, Some(Severity::Error));
        assert_eq!(c.as_of.map(|d| d.to_string()), Some("2026-11-26".into()));
        assert_eq!(c.severity, [("NET006".to_owned(), Severity::Error)]);
        assert_eq!(c.per_path_ignores.len(), 1);
        assert_eq!(c.unignorable, ["NET001"]);
    }

    #[test]
    fn every_problem_with_its_position() {
        let text = "slect = [\"NET\"]\nignore = [\"NET999\", 3]\nfail_on = \"fatal\"\nas_of = \"tomorrow\"\n[severity]\nNET001 = \"loud\"\n[per-path-ignores]\n\"a/**b\" = [\"NET\"]\n";
        assert_eq!(
            problems(text),
            [
                "1:1: unknown key `slect` (did you mean `select`?); known keys: specs, select, ignore, fail_on, as_of, severity, per-path-ignores, unignorable",
                "2:11: `ignore`: unknown rule `NET999`: not a rule code, name or code prefix (did you mean `NET009`?)",
                "2:21: `ignore`: expected a rule code, name or prefix as a string, found integer",
                "3:11: `fail_on` must be \"error\", \"warning\" or \"info\", found `fatal`",
                "4:9: `as_of` must be a date, YYYY-MM-DD (e.g. \"2026-11-26\")",
                "6:10: `severity.NET001` must be \"error\", \"warning\" or \"info\", found `loud`",
                "8:1: [per-path-ignores]: bad glob `a/**b`: `**` must be a whole path component, as in `a/**/b`",
            ]
        );
    }

    #[test]
    fn toml_syntax_errors_have_positions() {
        let p = problems("select = [\"NET\"\n");
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("1:") || p[0].starts_with("2:"), "{p:?}");
        assert!(p[0].contains("not valid TOML"), "{p:?}");
        let dup = problems("fail_on = \"error\"\nfail_on = \"info\"\n");
        assert!(dup[0].starts_with("2:1:"), "{dup:?}");
    }

    #[test]
    fn pyproject_uses_only_its_table() {
        let text = "[project]\nname = \"x\"\n[tool.reelnet-lint]\nselect = [\"NET\"]\n";
        let c = Config::parse(text, Path::new("pyproject.toml")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.select, Some(vec!["NET".to_owned()]));
        let has = |t: &str| DeTable::parse(t).is_ok_and(|r| tool_table(&r));
        assert!(has(text));
        assert!(!has(
            "[tool.maturin]\nbindings = \"bin\" # not reelnet-lint\n"
        ));
        assert!(names_tool_table("x = [\n[ tool . \"reelnet-lint\" ]\n"));
        assert!(!names_tool_table("x = [\n# reelnet-lint\n"));
        // A `reelnet-lint` key inside `[tool]`, bare, quoted or dotted.
        assert!(names_tool_table("[tool]\nreelnet-lint = { x = [\n"));
        assert!(names_tool_table(
            "[ tool ] # t\n'reelnet-lint' = {}\nx = [\n"
        ));
        assert!(names_tool_table("[tool]\nreelnet-lint.select = [\n"));
        // Not inside `[tool]`, or another key that starts alike.
        assert!(!names_tool_table("[project]\nreelnet-lint = 1\nx = [\n"));
        assert!(!names_tool_table(
            "[tool]\nx = 1\n[other]\nreelnet-lint = 1\nx = [\n"
        ));
        assert!(!names_tool_table("[tool]\nreelnet-lint-x = 1\nx = [\n"));
    }
}
