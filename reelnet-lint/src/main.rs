//! `reelnet-lint`: the command-line interface (INTERFACES.md).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use reelnet_lint::output::{self, Format};
use reelnet_lint::{Date, LintOptions, Linter, Report, Severity, registry};

#[derive(Parser, Debug)]
#[command(
    name = "reelnet-lint",
    version,
    about = "Policy linter for ReelNet architecture specs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint specs (a file, or a directory = one spec).
    Check(CheckArgs),
    /// List the rule catalogue: code, name, severity, summary.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Print a rule's full documentation.
    Explain {
        /// A rule code (NET001) or name (subnet-overlap).
        rule: String,
    },
    /// Print the JSON Schema of the spec format.
    Schema,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

impl From<FailOn> for Severity {
    fn from(f: FailOn) -> Self {
        match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Spec files or directories (default: ./reelnet.yaml).
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "human", value_parser = parse_format)]
    format: Format,
    /// Rules to run: codes, names, code prefixes or ALL (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', num_args = 1..)]
    select: Vec<String>,
    /// Rules not to run: codes, names or code prefixes.
    #[arg(long, value_delimiter = ',', num_args = 1..)]
    ignore: Vec<String>,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// The date date-dependent rules use (YYYY-MM-DD; default today).
    #[arg(long, value_parser = parse_date)]
    as_of: Option<Date>,
    /// Write the report to this file instead of standard output.
    #[arg(long)]
    output: Option<PathBuf>,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
}

/// A failure that ends the run with exit code 2.
struct Fatal(String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Self {
        Self(e.to_string())
    }
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("reelnet-lint: internal error: {info}");
        eprintln!("this is a bug; please report it with the input that caused it");
    }));
    let cli = Cli::parse();
    let result = std::panic::catch_unwind(|| run(cli));
    match result {
        Ok(Ok(code)) => code,
        Ok(Err(Fatal(msg))) => {
            eprintln!("reelnet-lint: {msg}");
            ExitCode::from(2)
        }
        Err(_) => ExitCode::from(2),
    }
}

fn run(cli: Cli) -> Result<ExitCode, Fatal> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules { format } => {
            let text = match format {
                ListFormat::Human => rules_table(),
                ListFormat::Json => rules_json(),
            };
            write_stdout(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { rule } => {
            let Some(r) = registry::find(&rule) else {
                let names: Vec<&str> = registry::metas().flat_map(|m| [m.code, m.name]).collect();
                let hint = reelnet_spec::suggest(&rule, &names)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(Fatal(format!(
                    "no rule `{rule}`{hint}; `reelnet-lint rules` lists them"
                )));
            };
            let m = r.meta();
            write_stdout(&format!(
                "# {} ({})\n\nDefault severity: {}\n\n{}",
                m.code,
                m.name,
                m.severity,
                m.doc()
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            write_stdout(&reelnet_spec::schema_json())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn write_stdout(text: &str) -> Result<(), Fatal> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Fatal(format!("cannot write the report: {e}"))),
    }
}

fn check(args: CheckArgs) -> Result<ExitCode, Fatal> {
    let options = LintOptions {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        as_of: args.as_of,
        ..LintOptions::default()
    };
    let linter = Linter::new(&options)?;
    let paths = if args.paths.is_empty() {
        let default = PathBuf::from("reelnet.yaml");
        if !default.exists() {
            return Err(Fatal(
                "no spec given and ./reelnet.yaml does not exist; pass a file or directory".into(),
            ));
        }
        vec![default]
    } else {
        args.paths.clone()
    };
    let mut specs = Vec::with_capacity(paths.len());
    for path in &paths {
        specs.push(linter.check_path(path).map_err(|e| Fatal(e.to_string()))?);
    }
    let report = Report::new(specs);
    let color = args.output.is_none()
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let text = render(&report, args.format, color);
    match &args.output {
        Some(file) => write_file(file, &text)?,
        None => write_stdout(&text)?,
    }
    Ok(if report.fails(args.fail_on.into()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn render(report: &Report, format: Format, color: bool) -> String {
    match format {
        Format::Human => output::human::render(report, color),
        Format::Json => output::json::render(report),
    }
}

fn write_file(path: &Path, text: &str) -> Result<(), Fatal> {
    std::fs::write(path, text).map_err(|e| Fatal(format!("cannot write {}: {e}", path.display())))
}

fn rules_table() -> String {
    let metas: Vec<_> = registry::metas().collect();
    let w_name = metas.iter().map(|m| m.name.len()).max().unwrap_or(4);
    let mut out = format!(
        "{:<8} {:<w_name$} {:<8} summary\n",
        "code", "name", "severity"
    );
    for m in metas {
        out.push_str(&format!(
            "{:<8} {:<w_name$} {:<8} {}\n",
            m.code,
            m.name,
            m.severity.as_str(),
            m.summary
        ));
    }
    out
}

fn rules_json() -> String {
    let rules: Vec<serde_json::Value> = registry::metas()
        .map(|m| {
            serde_json::json!({
                "code": m.code,
                "name": m.name,
                "severity": m.severity.as_str(),
                "summary": m.summary,
                "doc": m.doc(),
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&rules).unwrap_or_default();
    s.push('\n');
    s
}
