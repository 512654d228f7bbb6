//! The ReelNet architecture spec: a typed model of every section of the
//! format, loaded from YAML with the exact source location of every value.
//!
//! ```
//! let spec = reelnet_spec::load_str("inline.yaml", "name: demo\nvpc: { cidr: 10.0.0.0/16 }\n")
//!     .map_err(|e| e.to_string())?;
//! assert_eq!(spec.vpc.as_ref().map(|v| v.cidr.to_string()), Some("10.0.0.0/16".into()));
//! # Ok::<(), String>(())
//! ```

mod checks;
pub mod container;
mod convert;
mod diagnostic;
mod dockerfile_lines;
mod json;
mod limits;
mod load;
pub mod model;
pub mod quotas;
mod schema;
pub mod source;
mod spanned;
mod structure;
pub mod types;
mod yaml;

pub use diagnostic::{Diagnostic, Label, QUOTE_MAX_CHARS, Severity, SpecCode, shorten_quotes};
pub use ipnet;
pub use limits::Limits;
pub use load::{
    LoadError, Loaded, Loader, ReadError, Spec, SpecError, load_path, load_str, read_regular_file,
};
pub use model::{Model, Spanned};
pub use schema::{schema, schema_json};
pub use source::{Comment, FileId, LineCol, Loc, SourceFile, Sources, Syntax, TextRange};

/// Longest word, in characters, that [`suggest`] looks for a match of;
/// candidates longer than this are not considered either. Names people
/// mistype are short; a 20,000-character name gets no suggestion.
pub const SUGGEST_MAX_CHARS: usize = 64;

/// Most candidates [`suggest`] compares a word with (the first ones given).
pub const SUGGEST_MAX_CANDIDATES: usize = 1_000;

/// The closest candidate to `word` (optimal string alignment distance,
/// ASCII case ignored, at most a third of its length and at least 1), for
/// "did you mean" help.
///
/// The work is bounded whatever the input: words and candidates over
/// [`SUGGEST_MAX_CHARS`] characters are not compared, candidates whose
/// length alone puts them out of reach are skipped, and at most
/// [`SUGGEST_MAX_CANDIDATES`] are compared, each in
/// O([`SUGGEST_MAX_CHARS`]²) time and O([`SUGGEST_MAX_CHARS`]) memory
/// (`strsim::osa_distance`). Ties go to the candidate that sorts first.
#[must_use]
pub fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let len = word.chars().take(SUGGEST_MAX_CHARS + 1).count();
    if len > SUGGEST_MAX_CHARS {
        return None;
    }
    let limit = (len / 3).max(1);
    let word = word.to_ascii_lowercase();
    candidates
        .iter()
        .take(SUGGEST_MAX_CANDIDATES)
        .filter(|c| {
            let n = c.chars().take(SUGGEST_MAX_CHARS + 1).count();
            n <= SUGGEST_MAX_CHARS && n.abs_diff(len) <= limit
        })
        .map(|c| (strsim::osa_distance(&word, &c.to_ascii_lowercase()), *c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
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
        assert_eq!(super::suggest("MULTI_AZ", &["multi_az"]), Some("multi_az"));
        assert_eq!(super::suggest("enigne", &["engine"]), Some("engine"));
    }

    #[test]
    fn absurd_lengths_get_no_suggestion() {
        let long = "w".repeat(20_000);
        let near = format!("{long}x");
        assert_eq!(super::suggest(&long, &[near.as_str()]), None);
        assert_eq!(
            super::suggest("waf", &[near.as_str(), "wafs"]),
            Some("wafs")
        );
    }
}
