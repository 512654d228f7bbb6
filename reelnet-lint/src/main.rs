//! `reelnet-lint`: the command-line interface (INTERFACES.md).

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use reelnet_lint::baseline::Baseline;
use reelnet_lint::config::Config;
use reelnet_lint::output::{self, Format};
use reelnet_lint::{Date, Linter, Report, Severity, files, registry, sanitize};

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
    #[command(after_help = EXIT_CODES)]
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
    /// Print the model as the linter understood it (defaults filled in,
    /// shorthands expanded, subnets placed in zones), as JSON.
    Show {
        /// A spec file, or a directory (one spec).
        path: PathBuf,
        /// Read symbolic links in a spec directory that lead outside it, as
        /// `check --follow-links` does (not read by default: a SPEC000
        /// error says so).
        #[arg(long)]
        follow_links: bool,
    },
}

/// `check --help`'s closing paragraph.
const EXIT_CODES: &str = "\
Exit codes:
  0  no finding at or above --fail-on (suppressed and baselined ones do not count)
  1  findings at or above --fail-on (syntax and schema errors included)
  2  usage error, bad config or baseline, unreadable path, internal error

Documentation: docs/cli.md (options), docs/rules/ (every rule).";

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
    /// Spec files or directories, linted in parallel (default: the config's
    /// `specs`, else ./reelnet.yaml).
    paths: Vec<PathBuf>,
    /// Configuration file (default: reelnet-lint.toml, else
    /// [tool.reelnet-lint] in pyproject.toml, searched upward to the
    /// repository root).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "human", value_parser = format_parser())]
    format: Format,
    /// Rules to run: codes, names, code prefixes or ALL; comma-separated
    /// (`--select NET,DB`), and repeatable (`--select NET --select DB`).
    #[arg(long, value_delimiter = ',', value_parser = parse_selector)]
    select: Vec<String>,
    /// Rules not to run: codes, names or code prefixes; comma-separated,
    /// and repeatable.
    #[arg(long, value_delimiter = ',', value_parser = parse_selector)]
    ignore: Vec<String>,
    /// Exit 1 when a finding is at or above this severity [default: warning].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// The date date-dependent rules use (YYYY-MM-DD; default today).
    #[arg(long, value_parser = parse_date)]
    as_of: Option<Date>,
    /// Write the report to this file instead of standard output (`-`:
    /// standard output). Written atomically; never an input file.
    #[arg(long)]
    output: Option<PathBuf>,
    /// Hide the findings recorded in this baseline file.
    #[arg(long, conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file, and exit 0 (exit
    /// 1, file unchanged, when a spec does not load). Written atomically;
    /// never an input file.
    #[arg(long, conflicts_with_all = ["output", "format"])]
    write_baseline: Option<PathBuf>,
    /// Read symbolic links in a spec directory that lead outside it (not
    /// read by default: a SPEC000 error says so).
    #[arg(long)]
    follow_links: bool,
    /// With no PATH, no `specs` in a configuration and no ./reelnet.yaml,
    /// print "no spec to lint yet" and exit 0 instead of 2 (the pre-commit
    /// hook uses it, so that adding the hook never blocks a commit).
    #[arg(long)]
    allow_no_spec: bool,
}

/// `--format`: the names of [`Format::ALL`], listed by `--help`.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(Format::ALL.iter().map(|(name, _)| *name))
        .try_map(|s| s.parse::<Format>())
}

/// The width human output and `rules` wrap at: `COLUMNS` when set, else the
/// terminal's width when standard output is one, else
/// [`output::human::DEFAULT_WIDTH`].
fn width(to_terminal: bool) -> usize {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
    {
        return n;
    }
    if to_terminal
        && let Some((terminal_size::Width(w), _)) =
            terminal_size::terminal_size_of(std::io::stdout())
    {
        return usize::from(w);
    }
    output::human::DEFAULT_WIDTH
}

/// One selector of a comma-separated list: spaces around it are dropped
/// (`--select 'NET, DB'`); an empty one is an error.
fn parse_selector(s: &str) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err(
            "an empty rule selector; give codes, names, code prefixes or ALL, comma-separated"
                .to_owned(),
        );
    }
    Ok(t.to_owned())
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
}

/// A mistyped subcommand (`chek`): the closest command by edit distance
/// first, as the configuration's "did you mean" does (clap's own tip orders
/// its candidates by a similarity that puts `schema` before `check`).
fn unknown_subcommand(e: &clap::Error) -> Option<String> {
    use clap::CommandFactory;
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::InvalidSubcommand {
        return None;
    }
    let Some(ContextValue::String(word)) = e.get(ContextKind::InvalidSubcommand) else {
        return None;
    };
    let command = Cli::command();
    let names: Vec<&str> = command
        .get_subcommands()
        .map(clap::Command::get_name)
        .collect();
    let hint = reelnet_spec::suggest(word, &names)
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default();
    Some(format!(
        "unknown command `{}`{hint}; commands: {}. `reelnet-lint --help` explains them",
        word.escape_debug(),
        names.join(", ")
    ))
}

/// A failure that ends the run with exit code 2.
struct Fatal(String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Self {
        Self(e.to_string())
    }
}

/// Print a line on standard error. A standard error that cannot be
/// written (`2>/dev/full`, a closed pipe) is ignored: the exit code still
/// tells. Each line is sanitised: it may hold a file name or a value.
fn warn(msg: &str) {
    stderr_lines("reelnet-lint: ", msg);
}

/// Print a line on standard error without the `reelnet-lint: ` prefix (the
/// summary after `--output`), with the same care as [`warn`]: a failing
/// standard error is ignored and each line is sanitised. `main.rs` never
/// uses `eprintln!` or `println!`: they panic when the stream fails.
fn note(msg: &str) {
    stderr_lines("", msg);
}

fn stderr_lines(prefix: &str, msg: &str) {
    let mut err = std::io::stderr().lock();
    for line in msg.lines() {
        let _ = writeln!(err, "{prefix}{}", sanitize::escape(line));
    }
}

/// At most this many located problems of one kind (a bad configuration's
/// or baseline's) on standard error in the human-read formats; the rest are
/// counted. `--format json`, `sarif` and `gitlab` print them all.
const MAX_PER_KIND: usize = 50;

/// What kind of problem a located line (`FILE:LINE:COL: message`) reports:
/// its message with quoted values (`` `…` ``), numbers and a "did you mean"
/// hint blanked, e.g. "[severity]: unknown rule `…`: not a rule code, name
/// or code prefix". None for a line without a location.
fn problem_kind(line: &str) -> Option<String> {
    // The location ends at the first `:LINE:COL: `.
    let bytes = line.as_bytes();
    let mut start = None;
    for (i, _) in line.match_indices(':') {
        let rest = &bytes[i + 1..];
        let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
        let a = digits(rest);
        if a > 0 && rest.get(a) == Some(&b':') {
            let b = digits(&rest[a + 1..]);
            if b > 0 && rest[a + 1 + b..].starts_with(b": ") {
                start = Some(i + 1 + a + 1 + b + 2);
                break;
            }
        }
    }
    let message = &line[start?..];
    let message = message
        .find(" (did you mean `")
        .and_then(|i| {
            let end = message[i..].find("`?)")?;
            Some(format!("{}{}", &message[..i], &message[i + end + 3..]))
        })
        .unwrap_or_else(|| message.to_owned());
    let mut kind = String::with_capacity(message.len());
    let mut quoted = false;
    let mut last_digit = false;
    for c in message.chars() {
        if c == '`' {
            quoted = !quoted;
            kind.push_str(if quoted { "`…" } else { "`" });
        } else if quoted {
        } else if c.is_ascii_digit() {
            if !last_digit {
                kind.push('N');
            }
        } else {
            kind.push(c);
        }
        last_digit = c.is_ascii_digit();
    }
    Some(kind)
}

/// `msg` with at most `max` located lines of each [`problem_kind`] (in
/// their order), then one line per capped kind saying how many more there
/// are and how to see them. Linear in `msg` (a hash map of kinds).
fn cap_by_kind(msg: &str, max: usize) -> String {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut out = String::with_capacity(msg.len().min(64 * 1024));
    for line in msg.lines() {
        if let Some(kind) = problem_kind(line) {
            let n = seen.entry(kind.clone()).or_insert_with(|| {
                order.push(kind);
                0
            });
            *n += 1;
            if *n > max {
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    for kind in order {
        let n = seen.get(&kind).copied().unwrap_or(0);
        if n > max {
            out.push_str(&format!(
                "… and {} more problems of this kind ({kind}); run with --format json to list them all\n",
                n - max
            ));
        }
    }
    out
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "reelnet-lint: internal error: {info}");
        let _ = writeln!(
            err,
            "this is a bug; please report it with the input that caused it"
        );
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            if let Some(msg) = unknown_subcommand(&e) {
                warn(&msg);
                return ExitCode::from(2);
            }
            // Help and version go to stdout with 0; usage errors exit 2.
            e.exit()
        }
    };
    // A machine format asks for everything: its fatal problems are not capped.
    let machine = matches!(&cli.command, Command::Check(a)
        if matches!(a.format, Format::Json | Format::Sarif | Format::Gitlab));
    let result = std::panic::catch_unwind(|| run(cli));
    match result {
        Ok(Ok(code)) => code,
        Ok(Err(Fatal(msg))) => {
            if machine {
                warn(&msg);
            } else {
                warn(&cap_by_kind(&msg, MAX_PER_KIND));
            }
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
                ListFormat::Human => rules_table(width(std::io::stdout().is_terminal())),
                ListFormat::Json => rules_json(),
            };
            write_stdout(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { rule } => {
            // A name several rules share (`runs-as-root`) explains all of them.
            let found = registry::find_all(&rule);
            if found.is_empty() {
                let names: Vec<&str> = registry::metas().flat_map(|m| [m.code, m.name]).collect();
                let hint = reelnet_spec::suggest(&rule, &names)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(Fatal(format!(
                    "no rule `{rule}`{hint}; `reelnet-lint rules` lists them"
                )));
            }
            let columns = width(std::io::stdout().is_terminal());
            let pages: Vec<String> = found
                .iter()
                .map(|r| {
                    let m = r.meta();
                    let page = format!(
                        "# {} ({})\n\nDefault severity: {}\n\n{}\nDocumentation: {} ({})\n",
                        m.code,
                        m.name,
                        m.severity,
                        m.doc(),
                        reelnet_lint::docs::rule_page(m.code),
                        reelnet_lint::docs::rule_url(m.code),
                    );
                    wrap_page(&page, columns)
                })
                .collect();
            write_stdout(&pages.join("\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            write_stdout(&reelnet_spec::schema_json())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { path, follow_links } => show(&path, follow_links),
    }
}

/// `show PATH`: the model as JSON on standard output, exit 0; a spec that
/// does not load gets its diagnostics on standard error and exit 1, as
/// `check` would report them.
fn show(path: &Path, follow_links: bool) -> Result<ExitCode, Fatal> {
    let loaded = loader(follow_links).read_path(path)?;
    if let Some(model) = &loaded.model {
        // Input text in the model (names, values) may hold controls:
        // escaped, as in every JSON output (decoded, the same text).
        write_stdout(&sanitize::escape_json_text(&model.to_json()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let name = path.to_string_lossy().replace('\\', "/");
    let mut report = Report::new(vec![Linter::builtin().check_loaded(&name, loaded)]);
    // A hostile spec has as many errors as lines: the first ones on the
    // terminal, the count of the rest (`check --format json` lists them).
    let capped = report
        .specs
        .iter()
        .any(|s| s.diagnostics.len() > MAX_PER_KIND);
    report.cap(MAX_PER_KIND);
    let color = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    // Rendered (and sanitised) already; a failing standard error is
    // ignored, as in `warn`: the exit code still tells.
    let _ = std::io::stderr()
        .lock()
        .write_all(output::human::render(&report, color).as_bytes());
    if capped {
        warn(&format!(
            "the findings not shown: `reelnet-lint check {name} --format json` lists up to {} per spec",
            reelnet_lint::report::DEFAULT_MAX_FINDINGS
        ));
    }
    Ok(ExitCode::from(1))
}

/// The loader `check` and `show` read specs with: `--follow-links` reads
/// symbolic links in a spec directory that lead outside it.
fn loader(follow_links: bool) -> reelnet_spec::Loader {
    reelnet_spec::Loader::new(reelnet_spec::Limits {
        follow_external_links: follow_links,
        ..reelnet_spec::Limits::default()
    })
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
    let config = match &args.config {
        Some(path) => Some(Config::load(path)?),
        None => Config::discover(Path::new("."))?,
    };
    let mut options = config
        .as_ref()
        .map(Config::lint_options)
        .unwrap_or_default();
    // The command line overrides the configuration, key by key.
    if !args.select.is_empty() {
        options.select.clone_from(&args.select);
    }
    if !args.ignore.is_empty() {
        options.ignore.clone_from(&args.ignore);
    }
    if args.as_of.is_some() {
        options.as_of = args.as_of;
    }
    let fail_on = args
        .fail_on
        .map(Severity::from)
        .or(config.as_ref().and_then(|c| c.fail_on))
        .unwrap_or(Severity::Warning);
    let mut linter = Linter::new(&options)?;
    if args.follow_links {
        linter = linter.with_loader(loader(true));
    }
    let paths = if !args.paths.is_empty() {
        args.paths.clone()
    } else if let Some(c) = config.as_ref().filter(|c| !c.specs.is_empty()) {
        c.specs.clone()
    } else {
        let default = PathBuf::from("reelnet.yaml");
        if !default.exists() && args.allow_no_spec {
            warn(
                "no spec to lint yet (no ./reelnet.yaml, and no `specs` in a configuration); \
                 nothing checked",
            );
            return Ok(ExitCode::SUCCESS);
        }
        if !default.exists() {
            return Err(Fatal(
                "no spec given and ./reelnet.yaml does not exist; pass a file or directory".into(),
            ));
        }
        vec![default]
    };
    // One spec per file, however spelled (`dir`, `./dir/`, a link to it),
    // in one order whatever the order given: same input, same report. Of
    // the spellings of one file the smallest is kept, whatever came first.
    let mut spelled: Vec<(PathBuf, PathBuf)> = paths
        .iter()
        .map(|p| {
            let p = tidy(p);
            let identity = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
            (identity, p)
        })
        .collect();
    spelled.sort();
    spelled.dedup_by(|later, first| later.0 == first.0);
    let mut unique: Vec<PathBuf> = spelled.into_iter().map(|(_, p)| p).collect();
    unique.sort();
    let mut specs = Vec::with_capacity(unique.len());
    for result in linter.check_paths(&unique) {
        specs.push(result.map_err(|e| Fatal(sanitize::escape(&e.to_string()).into_owned()))?);
    }
    let cwd = std::env::current_dir()
        .map_err(|e| Fatal(format!("cannot read the working directory: {e}")))?;
    let root = reelnet_lint::root::project_root(config.as_ref().map(|c| c.base.as_path()), &cwd);
    let mut report = Report::new(specs).with_root(root);
    let unignorable = |code: &str| linter.is_unignorable(code);
    // Every file this run read: no output may replace one of them.
    let inputs: Vec<PathBuf> = report
        .specs
        .iter()
        .flat_map(|s| s.sources.iter().map(|(_, f)| PathBuf::from(&f.name)))
        .chain(config.as_ref().map(|c| c.path.clone()))
        .chain(args.baseline.clone())
        .collect();
    let refuse_input = |target: &Path, what: &str| -> Result<(), Fatal> {
        match inputs.iter().find(|i| files::same_file(target, i)) {
            Some(input) => Err(Fatal(format!(
                "refusing to write {what} to {}: it is the input file {}; nothing was written",
                target.display(),
                input.display()
            ))),
            None => Ok(()),
        }
    };
    if let Some(file) = &args.write_baseline {
        refuse_input(file, "the baseline")?;
        let unchecked: Vec<String> = report.unchecked().iter().map(|s| s.path.clone()).collect();
        if !unchecked.is_empty() {
            let color = std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            report.cap(reelnet_lint::report::DEFAULT_MAX_FINDINGS);
            let width = width(std::io::stdout().is_terminal());
            write_stdout(&render(&report, Format::Human, color, width))?;
            warn(&format!(
                "not writing the baseline {}: {} does not load or references a file that cannot be parsed, so no rule checked it; fix its errors first (the existing file is unchanged)",
                file.display(),
                unchecked.join(", ")
            ));
            return Ok(ExitCode::from(1));
        }
        let base = file.parent().unwrap_or(Path::new(""));
        let baseline = Baseline::from_report(&report, base, &unignorable);
        baseline.write(file)?;
        let findings: usize = baseline.entries.iter().map(|e| e.count).sum();
        warn(&format!(
            "recorded {findings} finding{} in {}",
            if findings == 1 { "" } else { "s" },
            file.display()
        ));
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(file) = &args.baseline {
        let rules: Vec<&str> = linter.rules().map(|m| m.code).collect();
        let baseline = Baseline::load_with(file, &rules)?;
        baseline.apply(
            &mut report,
            &Baseline::reason(file),
            &unignorable,
            &|code: &str| linter.is_enabled(code),
        );
    }
    report.cap(reelnet_lint::report::DEFAULT_MAX_FINDINGS);
    // `--output -` is standard output.
    let output = args.output.as_deref().filter(|p| p.as_os_str() != "-");
    if let Some(file) = output {
        refuse_input(file, "the report")?;
    }
    let color = output.is_none()
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let width = width(output.is_none() && std::io::stdout().is_terminal());
    let text = render(&report, args.format, color, width);
    match output {
        Some(file) => {
            write_file(file, &text)?;
            // The report is in the file; CI logs still show the outcome.
            note(&output::human::summary_line(&report));
        }
        None => write_stdout(&text)?,
    }
    let code = if report.fails(fail_on) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    leave_to_exit(report);
    Ok(code)
}

/// Hand `value` to the end of the process instead of freeing it.
///
/// The report of a large spec holds millions of small allocations (its
/// files' texts, source maps, findings); freeing them one by one just before
/// the process exits costs about 5% of a run at 100,000 subnets, and the
/// operating system takes the whole heap back at exit anyway. This is the
/// one place the CLI does so: it is called on `check`'s last line, after the
/// report is written and flushed (standard output, or the `--output` file
/// through its temporary file and rename), and it neither writes nor
/// changes the exit code. The library and the Python binding never do
/// this: a process that goes on running must free what it no longer uses.
fn leave_to_exit<T>(value: T) {
    std::mem::forget(value);
}

fn render(report: &Report, format: Format, color: bool, width: usize) -> String {
    match format {
        Format::Human => output::human::render_width(report, color, width),
        Format::Json => output::json::render(report),
        Format::Sarif => output::sarif::render(report),
        Format::Github => output::github::render(report),
        Format::Junit => output::junit::render(report),
        Format::Gitlab => output::gitlab::render(report),
    }
}

fn write_file(path: &Path, text: &str) -> Result<(), Fatal> {
    files::write_atomic(path, text.as_bytes()).map_err(|e| {
        let msg = format!("cannot write {}: {e}", path.display());
        Fatal(sanitize::escape(&msg).into_owned())
    })
}

/// A path without `.` components or a trailing `/`: `./dir/` is `dir`.
fn tidy(path: &Path) -> PathBuf {
    let out: PathBuf = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    if out.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out
    }
}

/// The catalogue as a table whose summaries wrap at word boundaries to fit
/// `width` columns (continuation lines indented under the summary; at
/// narrow widths each summary goes on its own indented lines).
fn rules_table(width: usize) -> String {
    let metas: Vec<_> = registry::metas().collect();
    let w_code = metas.iter().map(|m| m.code.len()).max().unwrap_or(4).max(4);
    let w_name = metas.iter().map(|m| m.name.len()).max().unwrap_or(4);
    let indent = w_code + 1 + w_name + 1 + 8 + 1;
    // Below 30 columns of summary, the summary starts on the next line.
    let (indent, first_on_own_line) = if width >= indent + 30 {
        (indent, false)
    } else {
        (4, true)
    };
    let room = width.saturating_sub(indent).max(20);
    let mut out = format!(
        "{:<w_code$} {:<w_name$} {:<8} summary\n",
        "code", "name", "severity"
    );
    for m in metas {
        let head = format!(
            "{:<w_code$} {:<w_name$} {:<8}",
            m.code,
            m.name,
            m.severity.as_str()
        );
        let lines = wrap(m.summary, room);
        if first_on_own_line {
            out.push_str(head.trim_end());
            out.push('\n');
        }
        for (i, line) in lines.iter().enumerate() {
            if i == 0 && !first_on_own_line {
                out.push_str(&head);
                out.push(' ');
            } else {
                out.push_str(&" ".repeat(indent));
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// A Markdown page for the terminal: every line wider than `width` outside
/// a code block broken at spaces, its continuation lines indented as its
/// text starts (under the text of a `- ` list item). Code blocks stay as
/// written: their lines are copied whole.
fn wrap_page(page: &str, width: usize) -> String {
    let mut out = String::with_capacity(page.len());
    let mut in_code = false;
    for line in page.lines() {
        let fence = line.trim_start().starts_with("```");
        if fence {
            in_code = !in_code;
        }
        if fence || in_code || line.chars().count() <= width {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let body = line.trim_start();
        let mut indent = line.len() - body.len();
        if body.starts_with("- ") {
            indent += 2;
        }
        let first = &line[..line.len() - body.len()];
        for (i, part) in wrap(body, width.saturating_sub(indent).max(20))
            .iter()
            .enumerate()
        {
            out.push_str(if i == 0 { first } else { "" });
            if i > 0 {
                out.push_str(&" ".repeat(indent));
            }
            out.push_str(part);
            out.push('\n');
        }
    }
    out
}

/// `text` in lines of at most `width` characters, broken at spaces (a word
/// longer than `width` gets a line of its own).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if len > 0 && len + 1 + n > width {
            lines.push(std::mem::take(&mut line));
            len = 0;
        }
        if len > 0 {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += n;
    }
    if len > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
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
    let mut s = reelnet_lint::sanitize::to_json_pretty(&rules).unwrap_or_default();
    s.push('\n');
    s
}
