//! Path globs for `[per-path-ignores]`: `*`, `**` and `?`, nothing else.
//!
//! - `*` matches any run of characters within one path component, `?` one
//!   character; `**` (a whole component) matches any number of components.
//! - A pattern with no `/` matches a file name in any directory
//!   (`sandbox.yaml` is `**/sandbox.yaml`).
//! - A pattern also matches everything below a directory it matches
//!   (`infra/sandbox` covers `infra/sandbox/db.yaml`).
//! - Paths are relative and `/`-separated; a leading `./` or `/` is dropped.
//!
//! Brackets, braces and backslashes are rejected rather than read literally,
//! so that a pattern written for another glob dialect fails loudly.

use std::fmt;

/// A compiled pattern.
#[derive(Clone, PartialEq, Eq)]
pub struct Glob {
    source: String,
    parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    /// `**`
    Any,
    /// One component, possibly with `*` and `?`.
    Component(Vec<char>),
}

/// Why a pattern is not a glob.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("bad glob `{pattern}`: {problem}")]
pub struct GlobError {
    pub pattern: String,
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
    /// component, or unsupported syntax (`[`, `]`, `{`, `}`, `\`).
    pub fn new(pattern: &str) -> Result<Self, GlobError> {
        let err = |problem: &str| GlobError {
            pattern: pattern.to_owned(),
            problem: problem.to_owned(),
        };
        if let Some(c) = pattern
            .chars()
            .find(|c| matches!(c, '[' | ']' | '{' | '}' | '\\'))
        {
            return Err(err(&format!(
                "`{c}` is not supported; only `*`, `**` and `?` are"
            )));
        }
        let mut p = pattern.trim();
        while let Some(rest) = p.strip_prefix("./") {
            p = rest;
        }
        let p = p.trim_start_matches('/').trim_end_matches('/');
        if p.is_empty() || p == "." {
            return Err(err("the pattern is empty"));
        }
        let mut parts = Vec::new();
        if !p.contains('/') && p != "**" {
            parts.push(Part::Any);
        }
        for comp in p.split('/') {
            match comp {
                "" | "." => {}
                ".." => {
                    return Err(err(
                        "`..` is not allowed: patterns are relative to the configuration file's directory",
                    ));
                }
                "**" => {
                    if parts.last() != Some(&Part::Any) {
                        parts.push(Part::Any);
                    }
                }
                c if c.contains("**") => {
                    return Err(err("`**` must be a whole path component, as in `a/**/b`"));
                }
                c => parts.push(Part::Component(c.chars().collect())),
            }
        }
        Ok(Self {
            source: pattern.to_owned(),
            parts,
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
        (1..=comps.len()).any(|n| match_parts(&self.parts, &comps[..n]))
    }
}

fn match_parts(parts: &[Part], comps: &[&str]) -> bool {
    match parts.split_first() {
        None => comps.is_empty(),
        Some((Part::Any, rest)) => (0..=comps.len()).any(|skip| match_parts(rest, &comps[skip..])),
        Some((Part::Component(pat), rest)) => match comps.split_first() {
            Some((first, others)) => {
                let name: Vec<char> = first.chars().collect();
                match_component(pat, &name) && match_parts(rest, others)
            }
            None => false,
        },
    }
}

/// `*` and `?` within one component (iterative, with one backtrack point).
fn match_component(pat: &[char], name: &[char]) -> bool {
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        if p < pat.len() && (pat[p] == '?' || pat[p] == name[n]) {
            p += 1;
            n += 1;
        } else if p < pat.len() && pat[p] == '*' {
            star = Some((p, n));
            p += 1;
        } else if let Some((sp, sn)) = star {
            p = sp + 1;
            n = sn + 1;
            star = Some((sp, sn + 1));
        } else {
            return false;
        }
    }
    pat[p..].iter().all(|&c| c == '*')
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
        for bad in [
            "",
            "./",
            "a/../b",
            "a**/b",
            "[ab].yaml",
            "{a,b}.yaml",
            "a\\b",
        ] {
            assert!(Glob::new(bad).is_err(), "{bad}");
        }
    }
}
