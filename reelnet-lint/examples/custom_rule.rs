//! A linter of your own: the built-in catalogue plus a rule `ORG001`, with
//! the configuration (which may name `ORG001`), a baseline and every output
//! format, without the `cli` feature. The README shows this file; a test
//! compiles and runs it (`reelnet-lint/tests/custom_rule.rs`).
//!
//! ```text
//! custom_rule [PATH ...] [--format human|json|sarif|github|junit|gitlab]
//!             [--baseline FILE | --write-baseline FILE]
//! ```

use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use reelnet_lint::baseline::Baseline;
use reelnet_lint::config::Config;
use reelnet_lint::{Checker, Finding, Linter, Report, Rule, RuleMeta, Severity, Spec, output};

reelnet_lint::declare_rule! {
    /// ## What it does
    /// Requires every service name to start with the team prefix `rn-`.
    ///
    /// ## Why is this bad?
    /// Dashboards and cost reports group services by prefix.
    ///
    /// ## Example
    /// ```yaml
    /// compute: { services: [{ name: backend, image: "x:1" }] }
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// compute: { services: [{ name: rn-backend, image: "x:1" }] }
    /// ```
    ///
    /// ## References
    /// - The team's naming guide
    pub struct TeamPrefix {
        code: "ORG001",
        name: "team-prefix",
        severity: Warning,
        summary: "a service name lacks the team prefix",
    }
}

impl Rule for TeamPrefix {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for service in spec.services() {
            if !service.name.value.starts_with("rn-") {
                cx.report(
                    Finding::new(
                        service.name.loc,
                        format!("service `{}` lacks the `rn-` prefix", service.name),
                    )
                    .label("rename this service")
                    .help(format!("rename it to `rn-{}`", service.name)),
                );
            }
        }
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("custom_rule: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode, Box<dyn Error>> {
    let mut format = String::from("human");
    let (mut baseline, mut write_baseline) = (None, None);
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--format" => format = value()?,
            "--baseline" => baseline = Some(PathBuf::from(value()?)),
            "--write-baseline" => write_baseline = Some(PathBuf::from(value()?)),
            _ => paths.push(PathBuf::from(arg)),
        }
    }

    // The built-in rules and ours; the configuration is checked against both,
    // so `select`, `ignore`, `[severity]` and the rest may name ORG001.
    let linter = Linter::builtin().with_rule(TeamPrefix)?;
    let rules: Vec<RuleMeta> = linter.rules().copied().collect();
    let config = Config::discover_with_rules(Path::new("."), &rules)?;
    let options = config
        .as_ref()
        .map(Config::lint_options)
        .unwrap_or_default();
    let linter = linter.configure(&options)?;
    if paths.is_empty() {
        paths = config.as_ref().map(|c| c.specs.clone()).unwrap_or_default();
    }
    if paths.is_empty() {
        paths.push(PathBuf::from("reelnet.yaml"));
    }

    let specs = linter
        .check_paths(&paths)
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    // Paths in SARIF and GitLab reports are relative to the project root, as
    // the CLI's are (the configuration's directory, else the repository's).
    let cwd = std::env::current_dir()?;
    let root = reelnet_lint::root::project_root(config.as_ref().map(|c| c.base.as_path()), &cwd);
    let mut report = Report::new(specs).with_root(root);
    let unignorable = |code: &str| linter.is_unignorable(code);
    let enabled = |code: &str| linter.is_enabled(code);
    if let Some(file) = write_baseline {
        let base = file.parent().unwrap_or(Path::new(""));
        Baseline::from_report(&report, base, &unignorable).write(&file)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(file) = baseline {
        let reason = Baseline::reason(&file);
        Baseline::load(&file)?.apply(&mut report, &reason, &unignorable, &enabled);
    }

    let text = match format.as_str() {
        "human" => output::human::render(&report, false),
        "json" => output::json::render(&report),
        // SARIF describes our rule (summary, doc, level) like the built-in ones.
        "sarif" => output::sarif::render_with_rules(&report, linter.rules()),
        "github" => output::github::render(&report),
        "junit" => output::junit::render(&report),
        "gitlab" => output::gitlab::render(&report),
        other => return Err(format!("unknown format `{other}`").into()),
    };
    print!("{text}");
    Ok(if report.fails(Severity::Warning) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
