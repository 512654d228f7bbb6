//! The ReelNet policy linter: rules over the typed model of
//! [`reelnet_spec`], a registry, a [`Linter`], and the report renderers.
//!
//! ```
//! use reelnet_lint::{Linter, Report, output};
//!
//! let linter = Linter::builtin();
//! let report = Report::new(vec![linter.check_str("inline.yaml", "name: demo\nvpc: { cidr: 10.0.0.0/16, public_subnets: [10.0.1.0/24] }\n")]);
//! assert!(report.resolved().iter().any(|d| d.diagnostic.code == "NET006"));
//! let json = output::json::render(&report);
//! assert!(json.contains("\"version\": 1"));
//! ```

// The public modules are the documented Rust API (docs/rust-api.md); the
// others are internal, their few public items re-exported below.
pub mod baseline;
mod baseline_entry;
pub mod config;
mod date;
pub mod docs;
pub mod files;
mod glob;
mod identity;
mod linter;
pub mod output;
mod paths;
pub mod registry;
pub mod report;
pub mod root;
mod rule;
mod rules;
pub mod sanitize;
pub mod suppress;

pub use date::{Date, TODAY_UTC_OFFSET_HOURS};
pub use glob::{Glob, GlobError};
pub use linter::{DuplicateRule, LintOptions, Linter, UnknownSelector};
pub use reelnet_spec::{Diagnostic, Label, Severity, Spec};
// For `declare_rule!`.
#[doc(hidden)]
pub use reelnet_spec;
pub use registry::RULES;
pub use report::{Report, SpecReport, Summary, Suppressed, SuppressionKind};
pub use rule::{Checker, Finding, Origin, Rule, RuleMeta};

#[cfg(test)]
mod tests {
    /// Every error type of the two library crates is a miette diagnostic
    /// (a code, help where there is something to do): checked at compile
    /// time.
    #[test]
    fn library_errors_are_miette_diagnostics() {
        fn diagnostic<T: miette::Diagnostic + Send + Sync + 'static>() {}
        diagnostic::<crate::baseline::BaselineError>();
        diagnostic::<crate::config::ConfigError>();
        diagnostic::<crate::GlobError>();
        diagnostic::<crate::UnknownSelector>();
        diagnostic::<crate::DuplicateRule>();
        diagnostic::<reelnet_spec::LoadError>();
        diagnostic::<reelnet_spec::ReadError>();
        diagnostic::<reelnet_spec::SpecError>();
    }
}
