//! The Python module `reelnet`: a thin binding over `reelnet-spec` (the
//! model and loader) and `reelnet-lint` (the rules, the engine, the
//! renderers). Conversions and exceptions only; every behaviour lives in
//! the Rust crates. Loading and linting run with the GIL released.

mod container;
mod convert;
mod model;
mod report;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{RecvTimeoutError, sync_channel};
use std::time::Duration;

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyList, PyString};
use reelnet_lint::baseline::{Baseline, BaselineError};
use reelnet_lint::config::{Config, ConfigError};
use reelnet_lint::report::SpecReport;
use reelnet_lint::{LintOptions, Linter, registry};
use reelnet_spec::{Diagnostic as RustDiagnostic, LoadError, Loaded, Loader, Sources};

use crate::report::Diagnostic;

create_exception!(
    reelnet,
    SpecError,
    PyValueError,
    "The spec cannot be loaded (a `ValueError`); `str(error)` summarises it.\n\n``diagnostics``: every problem found, in report order. Type: ``list[Diagnostic]``."
);

/// Resolve diagnostics to positions, in report order.
fn resolve(path: &str, sources: Sources, diagnostics: Vec<RustDiagnostic>) -> Vec<Diagnostic> {
    let report =
        reelnet_lint::Report::new(vec![SpecReport::new(path.to_owned(), sources, diagnostics)]);
    Diagnostic::all(&report)
}

/// The project root the CLI would use here (the configuration's
/// directory, else the repository root, else the working directory): the
/// CI formats show paths relative to it (`to_gitlab()` from the repository
/// root above it, when there is one), as `reelnet-lint check` does: the
/// same renderers, so the same bytes.
fn with_root(report: reelnet_lint::Report) -> reelnet_lint::Report {
    let Ok(cwd) = std::env::current_dir() else {
        return report;
    };
    // A broken configuration is the CLI's error to report; the root is
    // then the repository's.
    let config = reelnet_lint::config::Config::discover(&cwd).ok().flatten();
    let root = reelnet_lint::root::project_root(config.as_ref().map(|c| c.base.as_path()), &cwd);
    report.with_root(root)
}

/// `reelnet.SpecError` with `.diagnostics` set.
fn spec_error(py: Python<'_>, path: &str, error: reelnet_spec::SpecError) -> PyErr {
    let diagnostics = resolve(path, error.sources, error.diagnostics);
    // As the spec's own message (`the spec has N error(s)`, then one
    // `file:line:column: CODE message` line each), with the text from the
    // input escaped: a traceback prints it raw.
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let mut message = format!("the spec has {errors} error(s)");
    for d in &diagnostics {
        message.push('\n');
        message.push_str(&d.display());
    }
    let err = SpecError::new_err(message);
    let attached =
        PyList::new(py, diagnostics).and_then(|list| err.value(py).setattr("diagnostics", list));
    match attached {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// An unreadable path as `OSError`; with an OS error number, Python picks
/// the subclass (`FileNotFoundError`, `PermissionError`, ...).
fn load_error(py: Python<'_>, spec_path: &str, error: LoadError) -> PyErr {
    match error {
        LoadError::Io { path, source } => {
            let filename = path.to_string_lossy().into_owned();
            match source.raw_os_error() {
                Some(code) => {
                    let strerror = py
                        .import("os")
                        .and_then(|os| os.getattr("strerror")?.call1((code,))?.extract())
                        .unwrap_or_else(|_| source.to_string());
                    PyOSError::new_err((code, strerror, filename))
                }
                None => PyOSError::new_err(format!("cannot read {filename}: {source}")),
            }
        }
        LoadError::Invalid(e) => spec_error(py, spec_path, e),
    }
}

fn into_spec(py: Python<'_>, path: String, loaded: Loaded) -> PyResult<model::Spec> {
    match loaded.into_spec() {
        Ok(spec) => {
            let warnings = if spec.warnings.is_empty() {
                Vec::new()
            } else {
                resolve(&path, spec.sources.clone(), spec.warnings.clone())
            };
            model::Spec::new(py, path, spec, warnings)
        }
        Err(e) => Err(spec_error(py, &path, e)),
    }
}

/// Load a spec from a path: a YAML file, or a directory whose `*.yaml` and
/// `*.yml` files are merged into one spec.
///
/// Raises `SpecError` (a `ValueError`) carrying `.diagnostics` when the spec
/// has errors, and `OSError` (e.g. `FileNotFoundError`) when the path
/// cannot be read.
#[pyfunction]
fn load(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<model::Spec> {
    let path = convert::path_arg("load", "path", path)?;
    let name = path.to_string_lossy().into_owned();
    let loaded = py
        .detach(|| Loader::default().read_path(&path))
        .map_err(|e| load_error(py, &name, e))?;
    into_spec(py, name, loaded)
}

/// Load a spec from its text (`str`, or `bytes` that must be UTF-8);
/// `name` is the file name diagnostics show.
///
/// Raises `SpecError` (a `ValueError`) carrying `.diagnostics` when the spec
/// has errors.
#[pyfunction]
#[pyo3(
    signature = (text, name = None),
    text_signature = "(text, name='inline.yaml')"
)]
fn loads(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    name: Option<&Bound<'_, PyAny>>,
) -> PyResult<model::Spec> {
    // A str argument that is not Unicode text (a lone surrogate) is the
    // documented `SpecError`, with no diagnostic: nothing was read.
    let refused = |message: String| {
        let err = SpecError::new_err(message);
        match err.value(py).setattr("diagnostics", PyList::empty(py)) {
            Ok(()) => err,
            Err(e) => e,
        }
    };
    let name = match name {
        None => "inline.yaml".to_owned(),
        Some(n) => {
            let Ok(n) = n.cast::<PyString>() else {
                return Err(PyTypeError::new_err(format!(
                    "loads(): name must be a str, not {}",
                    n.get_type().name()?
                )));
            };
            convert::text_arg("loads", "name", n)?.map_err(refused)?
        }
    };
    let loader = Loader::default();
    let loaded = if let Ok(s) = text.cast::<PyString>() {
        let s = convert::text_arg("loads", "text", s)?.map_err(refused)?;
        py.detach(|| loader.read_str(&name, &s))
    } else if let Ok(b) = text.cast::<PyBytes>() {
        let bytes = b.as_bytes().to_vec();
        py.detach(|| loader.read_bytes(&name, bytes))
    } else {
        return Err(PyTypeError::new_err(format!(
            "loads() expects the spec text as str or bytes, not {}",
            text.get_type().name()?
        )));
    };
    into_spec(py, name, loaded)
}

/// The lint options of `select`, `ignore` and `as_of`, over `base` (a
/// configuration's options, or the defaults): each given argument replaces
/// its key, as the CLI's flags do.
fn options(
    func: &str,
    mut base: LintOptions,
    select: Option<&Bound<'_, PyAny>>,
    ignore: Option<&Bound<'_, PyAny>>,
    as_of: Option<&Bound<'_, PyAny>>,
) -> PyResult<LintOptions> {
    if select.is_some_and(|s| !s.is_none()) {
        let selected = convert::selectors(func, "select", select)?;
        if selected.is_empty() {
            return Err(PyValueError::new_err(format!(
                "{func}(): select is empty, so no rule would run; pass None (or \"ALL\") for every rule"
            )));
        }
        base.select = selected;
    }
    if ignore.is_some_and(|s| !s.is_none()) {
        base.ignore = convert::selectors(func, "ignore", ignore)?;
    }
    if let Some(date) = convert::as_of_arg(func, as_of)? {
        base.as_of = Some(date);
    }
    Ok(base)
}

/// A linter configured like the CLI's `--select`, `--ignore`, `--as-of`.
fn linter(
    func: &str,
    select: Option<&Bound<'_, PyAny>>,
    ignore: Option<&Bound<'_, PyAny>>,
    as_of: Option<&Bound<'_, PyAny>>,
) -> PyResult<Linter> {
    let options = options(func, LintOptions::default(), select, ignore, as_of)?;
    Linter::new(&options).map_err(|e| PyValueError::new_err(format!("{func}(): {e}")))
}

/// The configuration `lint_path` uses: discovered from the current
/// directory as the CLI does (`config=None`), read from a file
/// (`config=PATH`), or none (`config=False`).
fn configuration(py: Python<'_>, config: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Config>> {
    let result = match config {
        None => py.detach(|| Config::discover(std::path::Path::new("."))),
        Some(c) if c.is_none() => py.detach(|| Config::discover(std::path::Path::new("."))),
        Some(c) if c.is_instance_of::<PyBool>() => {
            if c.extract::<bool>()? {
                return Err(PyValueError::new_err(
                    "lint_path(): config=True is not a file; pass None to discover the configuration, a path, or False for none",
                ));
            }
            return Ok(None);
        }
        Some(c) => {
            let path = convert::path_arg("lint_path", "config", c)?;
            py.detach(|| Config::load(&path)).map(Some)
        }
    };
    result.map_err(|e| match e {
        ConfigError::Io { path, source } => load_error(py, "", LoadError::Io { path, source }),
        invalid @ ConfigError::Invalid { .. } => PyValueError::new_err(invalid.to_string()),
    })
}

/// Lint a loaded spec.
///
/// `select`/`ignore` take rule codes (`NET001`), names (`subnet-overlap`),
/// code prefixes (`NET`) or `ALL`, as one comma-separated string or an
/// iterable of strings; `as_of` is the date date-dependent rules use (a
/// `datetime.date` or `"YYYY-MM-DD"`; default today). Raises `ValueError`
/// for an unknown selector or a bad date, `TypeError` for a wrong type.
#[pyfunction]
#[pyo3(signature = (spec, select = None, ignore = None, as_of = None))]
fn lint(
    py: Python<'_>,
    spec: &Bound<'_, PyAny>,
    select: Option<&Bound<'_, PyAny>>,
    ignore: Option<&Bound<'_, PyAny>>,
    as_of: Option<&Bound<'_, PyAny>>,
) -> PyResult<report::Report> {
    let Ok(spec) = spec.cast::<model::Spec>() else {
        return Err(PyTypeError::new_err(format!(
            "lint() expects a reelnet.Spec from load() or loads(), not {}; lint_path() lints a file or directory",
            spec.get_type().name()?
        )));
    };
    let linter = linter("lint", select, ignore, as_of)?;
    let spec = spec.get();
    let inner = Arc::clone(&spec.inner);
    let path = spec.path.clone();
    let result = py.detach(move || {
        with_root(reelnet_lint::Report::new(vec![
            linter.check_spec(&path, &inner),
        ]))
    });
    report::Report::new(py, result)
}

/// Load and lint a spec (a file or a directory), as `reelnet-lint check`
/// does: problems that stop the spec from loading become diagnostics.
///
/// Reads the configuration as the CLI does: `config=None` discovers
/// `reelnet-lint.toml` or a `[tool.reelnet-lint]` table in `pyproject.toml`
/// from the current directory up to the repository root; a path reads that
/// file; `False` uses none. `select`, `ignore` and `as_of` (as in `lint()`)
/// replace the configuration's keys, like the CLI's flags. `baseline` is a
/// baseline file (`--baseline`): the findings it records are hidden.
/// Raises `OSError` (e.g. `FileNotFoundError`) when the path, the
/// configuration or the baseline cannot be read, `ValueError` for a bad
/// configuration or baseline.
#[pyfunction]
#[pyo3(signature = (path, select = None, ignore = None, as_of = None, config = None, baseline = None))]
#[allow(clippy::too_many_arguments)]
fn lint_path(
    py: Python<'_>,
    path: &Bound<'_, PyAny>,
    select: Option<&Bound<'_, PyAny>>,
    ignore: Option<&Bound<'_, PyAny>>,
    as_of: Option<&Bound<'_, PyAny>>,
    config: Option<&Bound<'_, PyAny>>,
    baseline: Option<&Bound<'_, PyAny>>,
) -> PyResult<report::Report> {
    let path = convert::path_arg("lint_path", "path", path)?;
    let config = configuration(py, config)?;
    let base = config
        .as_ref()
        .map(Config::lint_options)
        .unwrap_or_default();
    let options = options("lint_path", base, select, ignore, as_of)?;
    let cancel = Arc::new(AtomicBool::new(false));
    let linter = Linter::new(&options)
        .map_err(|e| PyValueError::new_err(format!("lint_path(): {e}")))?
        .with_cancel(Arc::clone(&cancel));
    let baseline = match baseline.filter(|b| !b.is_none()) {
        None => None,
        Some(b) => {
            let file = convert::path_arg("lint_path", "baseline", b)?;
            let rules: Vec<&str> = linter.rules().map(|m| m.code).collect();
            let loaded = py
                .detach(|| Baseline::load_with(&file, &rules))
                .map_err(|e| match e {
                    BaselineError::Read { path, source } => {
                        load_error(py, "", LoadError::Io { path, source })
                    }
                    other => PyValueError::new_err(other.to_string()),
                })?;
            Some((file, loaded))
        }
    };
    let name = path.to_string_lossy().into_owned();
    let (linter, result) = interruptible(py, &cancel, move || {
        let result = linter.check_path(&path);
        (linter, result)
    })?;
    let result = result.map_err(|e| load_error(py, &name, e))?;
    // Relative to the project root, as the CLI's report (the configuration's
    // directory, else the repository root, else the working directory).
    let mut report = reelnet_lint::Report::new(vec![result]);
    if let Ok(cwd) = std::env::current_dir() {
        let root =
            reelnet_lint::root::project_root(config.as_ref().map(|c| c.base.as_path()), &cwd);
        report = report.with_root(root);
    }
    if let Some((file, baseline)) = baseline {
        baseline.apply(
            &mut report,
            &Baseline::reason(&file),
            &|code: &str| linter.is_unignorable(code),
            &|code: &str| linter.is_enabled(code),
        );
    }
    report.cap(reelnet_lint::report::DEFAULT_MAX_FINDINGS);
    report::Report::new(py, report)
}

/// How often a long call checks for signals (Ctrl-C).
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// Run `work` on a worker thread with the GIL released, checking for
/// signals every [`SIGNAL_CHECK`]: Ctrl-C raises `KeyboardInterrupt` within
/// about that long, sets `cancel` (the linter's cooperative cancellation
/// hook) and leaves the worker to stop at its next check. A worker that
/// panics (a bug) is a `RuntimeError`, never the end of the interpreter.
fn interruptible<T: Send + 'static>(
    py: Python<'_>,
    cancel: &Arc<AtomicBool>,
    work: impl FnOnce() -> T + Send + 'static,
) -> PyResult<T> {
    let (tx, rx) = sync_channel(1);
    std::thread::Builder::new()
        .name("reelnet-lint".into())
        .spawn(move || {
            let _ = tx.send(work());
        })
        .map_err(|e| PyOSError::new_err(format!("cannot start the lint thread: {e}")))?;
    let mut rx = rx;
    loop {
        // The receiver goes into the GIL-free closure and comes back (it
        // is `Send`, not `Sync`).
        let (received, back) = py.detach(move || (rx.recv_timeout(SIGNAL_CHECK), rx));
        rx = back;
        match received {
            Ok(value) => return Ok(value),
            Err(RecvTimeoutError::Timeout) => {
                if let Err(e) = py.check_signals() {
                    cancel.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
            Err(RecvTimeoutError::Disconnected) => {
                return Err(PyRuntimeError::new_err(
                    "reelnet: the lint thread stopped without a result (a bug; please report it)",
                ));
            }
        }
    }
}

/// The rule catalogue, in code order.
#[pyfunction]
fn rules() -> Vec<report::Rule> {
    registry::metas().map(report::Rule::from).collect()
}

/// The JSON Schema of the spec format (what `reelnet-lint schema` prints), as a dict.
#[pyfunction]
fn schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    convert::json_loads(py, &reelnet_spec::schema_json())
}

#[pymodule]
fn _reelnet(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SpecError", m.py().get_type::<SpecError>())?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(loads, m)?)?;
    m.add_function(wrap_pyfunction!(lint, m)?)?;
    m.add_function(wrap_pyfunction!(lint_path, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    model::register(m)?;
    container::register(m)?;
    report::register(m)?;
    Ok(())
}
