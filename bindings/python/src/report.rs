//! Reports and diagnostics: what `lint`, `lint_path` and `SpecError` carry.

use std::sync::Arc;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use reelnet_lint::report::Resolved;
use reelnet_lint::{RuleMeta, Severity, output, sanitize};
use serde::{Deserialize, Serialize};

use crate::convert::{add_sealed_class, repr_fields};
use crate::model::plain_dict;

/// Another place a diagnostic involves ("overlaps this one").
// Its fields, in the JSON report's order, are declared once: `to_dict()`
// and pickling come from the serde derive.
#[pyclass(frozen, eq, hash, get_all, module = "reelnet")]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Related {
    /// The file, relative as the report shows it.
    ///
    /// Type: ``str``.
    file: String,
    /// 1-based line where it starts.
    ///
    /// Type: ``int``.
    line: u32,
    /// 1-based column where it starts (in characters).
    ///
    /// Type: ``int``.
    column: u32,
    /// 1-based line where it ends.
    ///
    /// Type: ``int``.
    end_line: u32,
    /// 1-based column where it ends (exclusive).
    ///
    /// Type: ``int``.
    end_column: u32,
    /// Its JSON Pointer in the file as written.
    ///
    /// Type: ``str``.
    path: String,
    /// What this place is to the finding ("overlaps this one").
    ///
    /// Type: ``str``.
    message: String,
}

#[pymethods]
impl Related {
    /// As the JSON report shows it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        plain_dict(py, self)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["file", "line", "column", "message"])
    }

    /// Pickle support: rebuilt from its JSON form.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((rebuilder(py, "_rebuild_related")?, (to_json(self)?,)))
    }
}

/// The JSON form a pickle carries.
fn to_json<T: Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// A value back from the JSON form a pickle carries.
fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> PyResult<T> {
    serde_json::from_str(json).map_err(|e| not_pickled(&e.to_string()))
}

/// The module function that rebuilds a pickled object.
fn rebuilder<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("reelnet._reelnet")?.getattr(name)
}

/// A span's lines and columns: 1-based, the end not before the start.
fn check_span(what: &str, line: u32, column: u32, end_line: u32, end_column: u32) -> PyResult<()> {
    if line == 0 || column == 0 || end_line == 0 || end_column == 0 {
        return Err(not_pickled(&format!(
            "{what}: lines and columns count from 1"
        )));
    }
    if (end_line, end_column) < (line, column) {
        return Err(not_pickled(&format!(
            "{what}: it ends ({end_line}:{end_column}) before it starts ({line}:{column})"
        )));
    }
    Ok(())
}

fn not_pickled(why: &str) -> PyErr {
    PyValueError::new_err(format!("not a pickled reelnet object: {why}"))
}

/// The JSON text a pickle carries, as Rust text: a `str` with a lone
/// surrogate (a tampered pickle) is the same `ValueError` as bad JSON.
fn json_arg(func: &str, json: &Bound<'_, PyAny>) -> PyResult<String> {
    let Ok(s) = json.cast::<PyString>() else {
        return Err(not_pickled(&format!(
            "{func}() expects the JSON text as a str, not {}",
            json.get_type().name()?
        )));
    };
    crate::convert::text_arg(func, "json", s)?.map_err(|e| not_pickled(&e))
}

impl Related {
    fn check(&self) -> PyResult<()> {
        check_span(
            "related",
            self.line,
            self.column,
            self.end_line,
            self.end_column,
        )
    }
}

/// Rebuild a pickled `Related` (private: what `Related.__reduce__` names).
#[pyfunction]
fn _rebuild_related(json: &Bound<'_, PyAny>) -> PyResult<Related> {
    let related: Related = from_json(&json_arg("_rebuild_related", json)?)?;
    related.check()?;
    Ok(related)
}

/// Rebuild a pickled `Diagnostic` (private: what `Diagnostic.__reduce__` names).
#[pyfunction]
fn _rebuild_diagnostic(json: &Bound<'_, PyAny>) -> PyResult<Diagnostic> {
    let d: Diagnostic = from_json(&json_arg("_rebuild_diagnostic", json)?)?;
    if Severity::parse(&d.severity).is_none() {
        return Err(not_pickled(&format!(
            "unknown severity `{}`; expected error, warning or info",
            sanitize::escape(&d.severity)
        )));
    }
    check_span("diagnostic", d.line, d.column, d.end_line, d.end_column)?;
    for r in &d.related {
        r.check()?;
    }
    Ok(d)
}

/// One finding, with every field of the JSON report. Lines and columns are
/// 1-based (columns count characters; `end_column` is exclusive); `path`
/// is a JSON Pointer into the file as written.
// Its fields, in the JSON report's order, are declared once: `to_dict()`
// and pickling come from the serde derive.
#[pyclass(frozen, eq, hash, get_all, module = "reelnet")]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The rule's code (`NET001`).
    ///
    /// Type: ``str``.
    code: String,
    /// The rule's name (`subnet-overlap`).
    ///
    /// Type: ``str``.
    name: String,
    /// `error`, `warning` or `info`.
    ///
    /// Type: ``str``.
    severity: String,
    /// What is wrong, with the actual values.
    ///
    /// Type: ``str``.
    message: String,
    /// The file, relative as the report shows it.
    ///
    /// Type: ``str``.
    file: String,
    /// 1-based line where it starts.
    ///
    /// Type: ``int``.
    line: u32,
    /// 1-based column where it starts (in characters).
    ///
    /// Type: ``int``.
    column: u32,
    /// 1-based line where it ends.
    ///
    /// Type: ``int``.
    end_line: u32,
    /// 1-based column where it ends (exclusive).
    ///
    /// Type: ``int``.
    end_column: u32,
    /// Its JSON Pointer in the file as written.
    ///
    /// Type: ``str``.
    path: String,
    /// What to do about it, when the rule says.
    ///
    /// Type: ``str | None``.
    help: Option<String>,
    /// The other places it involves.
    ///
    /// Type: ``list[Related]``.
    related: Vec<Related>,
}

impl Diagnostic {
    pub fn new(r: &Resolved<'_>) -> Self {
        let d = r.diagnostic;
        Self {
            code: d.code.to_owned(),
            name: d.name.to_owned(),
            severity: d.severity.as_str().to_owned(),
            message: d.message.clone(),
            file: r.position.file.clone(),
            line: r.position.line,
            column: r.position.column,
            end_line: r.position.end_line,
            end_column: r.position.end_column,
            path: r.position.path.clone(),
            help: d.help.clone(),
            related: r
                .related
                .iter()
                .map(|(p, message)| Related {
                    file: p.file.clone(),
                    line: p.line,
                    column: p.column,
                    end_line: p.end_line,
                    end_column: p.end_column,
                    path: p.path.clone(),
                    message: (*message).to_owned(),
                })
                .collect(),
        }
    }

    /// `file:line:column: CODE message`, inert on a terminal
    /// ([`sanitize::escape`]).
    pub fn display(&self) -> String {
        format!(
            "{}:{}:{}: {} {}",
            sanitize::escape(&self.file),
            self.line,
            self.column,
            sanitize::escape(&self.code),
            sanitize::escape(&self.message)
        )
    }

    /// Whether its severity is `error`.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error.as_str()
    }

    /// Every diagnostic of a report, in report order.
    pub fn all(report: &reelnet_lint::Report) -> Vec<Self> {
        report.resolved().iter().map(Self::new).collect()
    }

    fn objects(py: Python<'_>, resolved: &[Resolved<'_>]) -> PyResult<Vec<Py<Self>>> {
        resolved.iter().map(|r| Py::new(py, Self::new(r))).collect()
    }
}

#[pymethods]
impl Diagnostic {
    /// As the JSON report shows it (same keys, same order).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        plain_dict(py, self)
    }

    /// `file:line:column: CODE message`, with every control and
    /// bidirectional formatting character of the text written as a visible
    /// escape (`\\x1b`, `\\n`, `\\u{202e}`), as the CLI's human output writes
    /// it: the attributes keep the text as it is.
    fn __str__(&self) -> String {
        self.display()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(
            slf.as_any(),
            &["code", "severity", "file", "line", "column", "message"],
        )
    }

    /// Pickle support (a `SpecError` carries diagnostics across
    /// `multiprocessing`): rebuilt from its JSON form.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((rebuilder(py, "_rebuild_diagnostic")?, (to_json(self)?,)))
    }
}

/// Counts of a report, as in the JSON report's `summary`.
#[pyclass(frozen, eq, hash, get_all, module = "reelnet")]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Summary {
    /// Specs linted.
    ///
    /// Type: ``int``.
    specs: usize,
    /// Findings of severity `error`.
    ///
    /// Type: ``int``.
    errors: usize,
    /// Findings of severity `warning`.
    ///
    /// Type: ``int``.
    warnings: usize,
    /// Findings of severity `info`.
    ///
    /// Type: ``int``.
    infos: usize,
    /// Findings hidden by suppression comments (never failures).
    ///
    /// Type: ``int``.
    suppressed: usize,
}

#[pymethods]
impl Summary {
    /// As the JSON report's `summary` shows it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        plain_dict(py, self)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(
            slf.as_any(),
            &["specs", "errors", "warnings", "infos", "suppressed"],
        )
    }
}

/// The findings of one lint run.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Report {
    inner: Arc<reelnet_lint::Report>,
    diagnostics: Vec<Py<Diagnostic>>,
    suppressed: Vec<Py<Diagnostic>>,
    /// The counts, as in the JSON report's `summary`.
    ///
    /// Type: ``Summary``.
    #[pyo3(get)]
    summary: Py<Summary>,
}

impl Report {
    pub fn new(py: Python<'_>, report: reelnet_lint::Report) -> PyResult<Self> {
        let s = report.summary();
        let summary = Summary {
            specs: s.specs,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
            suppressed: s.suppressed,
        };
        let diagnostics = Diagnostic::objects(py, &report.resolved())?;
        let suppressed = Diagnostic::objects(py, &report.resolved_suppressed())?;
        Ok(Self {
            inner: Arc::new(report),
            diagnostics,
            suppressed,
            summary: Py::new(py, summary)?,
        })
    }
}

#[pymethods]
impl Report {
    /// Every finding, sorted by file, line, column and code.
    ///
    /// Type: ``list[Diagnostic]``.
    #[getter]
    fn diagnostics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.diagnostics.iter().map(|d| d.clone_ref(py)))
    }

    /// Findings hidden by suppression comments (counted in
    /// `summary.suppressed`, never failures), sorted like `diagnostics`.
    ///
    /// Type: ``list[Diagnostic]``.
    #[getter]
    fn suppressed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.suppressed.iter().map(|d| d.clone_ref(py)))
    }

    /// The version-1 JSON report, byte for byte what
    /// `reelnet-lint check --format json` prints for the same input.
    fn to_json(&self, py: Python<'_>) -> String {
        let inner = Arc::clone(&self.inner);
        py.detach(move || output::json::render(&inner))
    }

    /// The report as a SARIF 2.1.0 log, as `--format sarif` prints it.
    fn to_sarif(&self, py: Python<'_>) -> String {
        let inner = Arc::clone(&self.inner);
        py.detach(move || output::sarif::render(&inner))
    }

    /// The report as a GitLab Code Quality report (a JSON array), as
    /// `--format gitlab` prints it.
    fn to_gitlab(&self, py: Python<'_>) -> String {
        let inner = Arc::clone(&self.inner);
        py.detach(move || output::gitlab::render(&inner))
    }

    /// Whether any finding is at or above `fail_on` (`error`, `warning` or
    /// `info`), as the CLI's exit code 1 means.
    #[pyo3(signature = (fail_on = None), text_signature = "($self, fail_on='warning')")]
    fn fails(&self, fail_on: Option<&Bound<'_, PyAny>>) -> PyResult<bool> {
        let fail_on = match fail_on {
            None => "warning".to_owned(),
            Some(f) => {
                let Ok(f) = f.cast::<PyString>() else {
                    return Err(PyTypeError::new_err(format!(
                        "fails(): fail_on must be a str (error, warning or info), not {}",
                        f.get_type().name()?
                    )));
                };
                crate::convert::str_arg("fails", "fail_on", f)?
            }
        };
        let threshold = Severity::parse(&fail_on).ok_or_else(|| {
            PyValueError::new_err(format!(
                "fails(): unknown severity `{fail_on}`; expected error, warning or info"
            ))
        })?;
        Ok(self.inner.fails(threshold))
    }

    fn __repr__(&self) -> String {
        let s = self.summary.get();
        format!(
            "Report(specs={}, errors={}, warnings={}, infos={}, suppressed={})",
            s.specs, s.errors, s.warnings, s.infos, s.suppressed
        )
    }
}

/// A rule of the catalogue.
#[pyclass(frozen, eq, hash, get_all, module = "reelnet")]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rule {
    /// Its code (`NET001`).
    ///
    /// Type: ``str``.
    code: &'static str,
    /// Its name (`subnet-overlap`).
    ///
    /// Type: ``str``.
    name: &'static str,
    /// Default severity: `error`, `warning` or `info`.
    ///
    /// Type: ``str``.
    severity: &'static str,
    /// One line: when it fires.
    ///
    /// Type: ``str``.
    summary: &'static str,
    /// The full documentation, as `reelnet-lint explain` prints it.
    ///
    /// Type: ``str``.
    doc: String,
}

impl From<&RuleMeta> for Rule {
    fn from(m: &RuleMeta) -> Self {
        Self {
            code: m.code,
            name: m.name,
            severity: m.severity.as_str(),
            summary: m.summary,
            doc: m.doc(),
        }
    }
}

#[pymethods]
impl Rule {
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["code", "name", "severity", "summary"])
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    add_sealed_class::<Report>(m)?;
    add_sealed_class::<Diagnostic>(m)?;
    add_sealed_class::<Related>(m)?;
    add_sealed_class::<Summary>(m)?;
    add_sealed_class::<Rule>(m)?;
    m.add_function(wrap_pyfunction!(_rebuild_related, m)?)?;
    m.add_function(wrap_pyfunction!(_rebuild_diagnostic, m)?)?;
    Ok(())
}
