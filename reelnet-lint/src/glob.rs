//! Path globs for `[per-path-ignores]`, in the dialect of `globset` (the
//! one ripgrep and many tools read), matched in linear time.
//!
//! - `*` matches any run of characters within one path component, `?` one
//!   character, `[abc]`/`[!a-z]` a class, `{a,b}` alternatives; `**` (a
//!   whole component) matches any number of components.
//! - A pattern with no `/` matches a file name in any directory
//!   (`sandbox.yaml` is `**/sandbox.yaml`).
//! - A pattern also matches everything below a directory it matches
//!   (`infra/sandbox` covers `infra/sandbox/db.yaml`).
//! - Paths are relative and `/`-separated; a leading `./` or `/` is dropped.
//!
//! `globset` compiles a pattern to a finite automaton: matching never
//! backtracks, so `**/d/**/d/**/...` against a deep path stays linear.

use std::fmt;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

/// A compiled pattern.
#[derive(Clone)]
pub struct Glob {
    source: String,
    /// The pattern and the pattern with `/**` appended (what lies below).
    set: GlobSet,
}

impl PartialEq for Glob {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for Glob {}

/// Why a pattern is not a glob.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
#[error("bad glob `{pattern}`: {problem}")]
#[diagnostic(
    code(reelnet::bad_glob),
    help(
        "a glob is a relative, `/`-separated path with `*`, `?`, `[a-z]`, `{{a,b}}`, and `**` as a whole component; no `..`"
    )
)]
pub struct GlobError {
    /// The pattern as written.
    pub pattern: String,
    /// What is wrong with it.
    pub problem: String,
}

impl fmt::Debug for Glob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Glob({:?})", self.source)
    }
}

impl fmt::Display for Glob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

impl Glob {
    /// Compile a pattern.
    ///
    /// # Errors
    /// [`GlobError`] for an empty pattern, a `..` component, `**` inside a
    /// component, or what `globset` refuses (an unclosed `[` or `{`).
    pub fn new(pattern: &str) -> Result<Self, GlobError> {
        let err = |problem: &str| GlobError {
            pattern: pattern.to_owned(),
            problem: problem.to_owned(),
        };
        let mut p = pattern.trim();
        while let Some(rest) = p.strip_prefix("./") {
            p = rest;
        }
        let p = p.trim_start_matches('/').trim_end_matches('/');
        if p.is_empty() || p == "." {
            return Err(err("the pattern is empty"));
        }
        let mut comps = Vec::new();
        for comp in p.split('/') {
            match comp {
                "" | "." => {}
                ".." => {
                    return Err(err(
                        "`..` is not allowed: patterns are relative to the configuration file's directory",
                    ));
                }
                c if c != "**" && c.contains("**") => {
                    return Err(err("`**` must be a whole path component, as in `a/**/b`"));
                }
                c => comps.push(c),
            }
        }
        let mut body = comps.join("/");
        if !p.contains('/') && p != "**" {
            body = format!("**/{body}");
        }
        let mut set = GlobSetBuilder::new();
        for text in [body.clone(), format!("{body}/**")] {
            let glob = GlobBuilder::new(&text)
                .literal_separator(true)
                .backslash_escape(true)
                .build()
                .map_err(|e| err(&e.kind().to_string()))?;
            set.add(glob);
        }
        let set = set.build().map_err(|e| err(&e.to_string()))?;
        Ok(Self {
            source: pattern.to_owned(),
            set,
        })
    }

    /// The pattern as written.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether the relative, `/`-separated `path` (or a directory above it)
    /// matches.
    #[must_use]
    pub fn matches(&self, path: &str) -> bool {
        let comps: Vec<&str> = path
            .split('/')
            .filter(|c| !c.is_empty() && *c != ".")
            .collect();
        !comps.is_empty() && self.set.is_match(comps.join("/"))
    }
}

#[cfg(test)]
mod tests {
    use super::Glob;

    fn g(p: &str) -> Glob {
        Glob::new(p).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn star_question_and_double_star() {
        assert!(g("infra/*.yaml").matches("infra/a.yaml"));
        assert!(!g("infra/*.yaml").matches("infra/x/a.yaml"));
        assert!(g("infra/**/*.yaml").matches("infra/a.yaml"));
        assert!(g("infra/**/*.yaml").matches("infra/x/y/a.yaml"));
        assert!(g("infra/sandbox/**").matches("infra/sandbox/db.yaml"));
        assert!(!g("infra/sandbox/**").matches("infra/sandboxes/db.yaml"));
        assert!(g("a?c.yml").matches("x/abc.yml"));
        assert!(!g("a?c.yml").matches("x/ac.yml"));
        assert!(g("**").matches("anything/at/all.yaml"));
        assert!(g("*.yaml").matches("deep/down/x.yaml"));
        assert!(!g("*.yaml").matches("deep/down/x.yml"));
        assert!(g("a*b*c").matches("aXbYbc"));
        assert!(!g("a*b*c").matches("aXbYb"));
    }

    #[test]
    fn directories_cover_their_files() {
        assert!(g("infra/sandbox").matches("infra/sandbox/db.yaml"));
        assert!(g("./infra/sandbox/").matches("infra/sandbox/a/b.yaml"));
        assert!(!g("infra/sandbox").matches("infra/prod/db.yaml"));
    }

    #[test]
    fn rejects_bad_patterns() {
        for bad in ["", "./", "a/../b", "a**/b", "[ab.yaml", "{a,b.yaml"] {
            assert!(Glob::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn classes_and_alternatives() {
        assert!(g("[ab].yaml").matches("x/a.yaml"));
        assert!(!g("[ab].yaml").matches("x/c.yaml"));
        assert!(g("infra/{dev,qa}/**").matches("infra/qa/db.yaml"));
        assert!(!g("infra/{dev,qa}/**").matches("infra/prod/db.yaml"));
    }

    #[test]
    fn nested_double_stars_stay_linear() {
        let pattern = "**/d/**/d/**/d/**/d/**/d/**/d/**/d/**/d/**/nomatch";
        let path = vec!["d"; 40].join("/") + "/x.yaml";
        assert!(!g(pattern).matches(&path));
    }
}
