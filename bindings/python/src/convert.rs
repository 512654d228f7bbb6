//! Conversions shared by the classes: JSON to Python, reprs, and the
//! arguments the functions take (paths, selectors, dates).

use std::path::PathBuf;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString};
use reelnet_lint::Date;

/// `json.loads(text)`.
pub fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.getattr("loads")?.call1((text,))
}

fn is_scalar(v: &Bound<'_, PyAny>) -> bool {
    v.is_none()
        || v.is_instance_of::<PyString>()
        || v.is_instance_of::<PyInt>()
        || v.is_instance_of::<PyFloat>()
        || v.is_instance_of::<PyBool>()
}

/// `Class(field=value, ...)` from the object's own attributes. Lists and
/// dicts of plain values are shown whole; of sections, by their size.
pub fn repr_fields(obj: &Bound<'_, PyAny>, fields: &[&str]) -> PyResult<String> {
    let mut parts = Vec::with_capacity(fields.len());
    for field in fields {
        let value = obj.getattr(*field)?;
        let shown = if let Ok(list) = value.cast::<PyList>() {
            if list.iter().all(|v| is_scalar(&v)) {
                value.repr()?.to_string()
            } else {
                format!("[{}]", items(list.len()))
            }
        } else if let Ok(dict) = value.cast::<PyDict>() {
            if dict.values().iter().all(|v| is_scalar(&v)) {
                value.repr()?.to_string()
            } else {
                format!("{{{}}}", items(dict.len()))
            }
        } else {
            value.repr()?.to_string()
        };
        parts.push(format!("{field}={shown}"));
    }
    Ok(format!("{}({})", obj.get_type().name()?, parts.join(", ")))
}

fn items(n: usize) -> String {
    if n == 1 {
        "1 item".to_owned()
    } else {
        format!("{n} items")
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string())
}

/// A path argument: `str`, `bytes` or `os.PathLike`.
pub fn path_arg(func: &str, obj: &Bound<'_, PyAny>) -> PyResult<PathBuf> {
    let py = obj.py();
    let decoded = py
        .import("os")?
        .getattr("fsdecode")?
        .call1((obj,))
        .map_err(|_| {
            PyTypeError::new_err(format!(
                "{func}() expects a path (str, bytes or os.PathLike), not {}",
                type_name(obj)
            ))
        })?;
    decoded.extract::<PathBuf>()
}

/// Rule selectors: None, one string (comma-separated like the CLI's
/// `--select`), or an iterable of strings.
pub fn selectors(func: &str, arg: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<String>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(Vec::new());
    };
    let wrong = || {
        PyTypeError::new_err(format!(
            "{func}(): {arg} must be a string or an iterable of strings (rule codes, names or prefixes), not {}",
            type_name(obj)
        ))
    };
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s
            .extract::<String>()?
            .split(',')
            .map(|p| p.trim().to_owned())
            .collect());
    }
    if obj.is_instance_of::<PyBytes>() {
        return Err(wrong());
    }
    let mut out = Vec::new();
    for item in obj.try_iter().map_err(|_| wrong())? {
        let item = item?;
        let Ok(s) = item.cast::<PyString>() else {
            return Err(PyTypeError::new_err(format!(
                "{func}(): {arg} must hold strings (rule codes, names or prefixes), not {}",
                type_name(&item)
            )));
        };
        out.push(s.extract::<String>()?.trim().to_owned());
    }
    Ok(out)
}

/// The `as_of` date: None, `"YYYY-MM-DD"`, or a `datetime.date` (a
/// `datetime.datetime` counts by its date).
pub fn as_of_arg(func: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Date>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    if let Ok(s) = obj.cast::<PyString>() {
        return s
            .extract::<String>()?
            .parse::<Date>()
            .map(Some)
            .map_err(|e| PyValueError::new_err(format!("{func}(): as_of: {e}")));
    }
    let date_type = obj.py().import("datetime")?.getattr("date")?;
    if obj.is_instance(&date_type)? {
        let year: i32 = obj.getattr("year")?.extract()?;
        let month: u8 = obj.getattr("month")?.extract()?;
        let day: u8 = obj.getattr("day")?.extract()?;
        return Date::new(year, month, day).map(Some).ok_or_else(|| {
            PyValueError::new_err(format!(
                "{func}(): as_of: {year}-{month}-{day} is not a date"
            ))
        });
    }
    Err(PyTypeError::new_err(format!(
        "{func}(): as_of must be None, a datetime.date or a \"YYYY-MM-DD\" string, not {}",
        type_name(obj)
    )))
}
