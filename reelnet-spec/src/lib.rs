//! The ReelNet architecture spec: a typed model of every section of the
//! format, loaded from YAML with the exact source location of every value.
//!
//! ```
//! let spec = reelnet_spec::load_str("inline.yaml", "name: demo\nvpc: { cidr: 10.0.0.0/16 }\n")
//!     .map_err(|e| e.to_string())?;
//! assert_eq!(spec.vpc.as_ref().map(|v| v.cidr.to_string()), Some("10.0.0.0/16".into()));
//! # Ok::<(), String>(())
//! ```

pub mod container;
mod convert;
pub mod diagnostic;
mod load;
pub mod model;
mod schema;
pub mod source;
pub mod types;
mod yaml;

pub use diagnostic::{Diagnostic, Label, Severity, SpecCode};
pub use ipnet;
pub use load::{Limits, LoadError, Loaded, Loader, Spec, SpecError, load_path, load_str};
pub use model::{Model, Spanned};
pub use schema::{schema, schema_json};
pub use source::{FileId, LineCol, Loc, SourceFile, Sources, Syntax, TextRange};

/// The closest candidate to `word` (edit distance at most a third of its
/// length, at least 1), for "did you mean" help.
#[must_use]
pub fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|c| (distance(word, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Optimal string alignment distance (Levenshtein with adjacent transpositions).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<char> = b.chars().map(|c| c.to_ascii_lowercase()).collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggests_close_names() {
        assert_eq!(
            super::suggest("mutli_az", &["multi_az", "engine"]),
            Some("multi_az")
        );
        assert_eq!(super::suggest("zzz", &["multi_az", "engine"]), None);
    }
}
