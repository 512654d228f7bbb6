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

pub mod baseline;
mod baseline_entry;
pub mod config;
pub mod date;
pub mod docs;
pub mod files;
pub mod glob;
pub mod identity;
pub mod linter;
pub mod output;
mod paths;
pub mod registry;
pub mod report;
pub mod root;
pub mod rule;
pub mod rules;
pub mod sanitize;
pub mod suppress;

pub use date::Date;
pub use linter::{DuplicateRule, LintOptions, Linter, UnknownSelector};
pub use reelnet_spec::{Diagnostic, Label, Severity, Spec};
// For `declare_rule!`.
#[doc(hidden)]
pub use reelnet_spec;
pub use registry::RULES;
pub use report::{Report, SpecReport, Summary, Suppressed, SuppressionKind};
pub use rule::{Checker, Finding, Origin, Rule, RuleMeta};
