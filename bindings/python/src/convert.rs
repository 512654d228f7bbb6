//! Conversions shared by the classes: JSON to Python, reprs, and the
//! arguments the functions take (paths, selectors, dates).

use std::path::PathBuf;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString};
use reelnet_lint::{Date, sanitize};

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

/// A `str` argument as Rust text. A Python `str` may hold a lone
/// surrogate (`"\ud800"`, or what `errors="surrogateescape"` decoding
/// leaves of an undecodable byte), which no UTF-8 text can: the error then
/// names the argument, the code point and where it is (line and column,
/// counted in characters from 1), for the caller to raise as its
/// documented exception, never the builtin `UnicodeEncodeError`.
pub fn text_arg(
    func: &str,
    arg: &str,
    s: &Bound<'_, PyString>,
) -> PyResult<Result<String, String>> {
    if let Ok(text) = s.to_cow() {
        return Ok(Ok(text.into_owned()));
    }
    // UTF-32 keeps every code point, surrogates included, one per 4 bytes.
    let units = s.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
    let units = units.cast::<PyBytes>()?.as_bytes();
    let (mut line, mut column) = (1usize, 1usize);
    for chunk in units.chunks_exact(4) {
        let c = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        if (0xD800..=0xDFFF).contains(&c) {
            return Ok(Err(format!(
                "{func}(): {arg} holds a lone surrogate (U+{c:04X}) at line {line}, column {column}: it is not Unicode text, and UTF-8 cannot encode it (a str decoded with errors=\"surrogateescape\" keeps undecodable bytes so); decode the input as UTF-8, or pass bytes"
            )));
        }
        if c == u32::from('\n') {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    Ok(Err(format!("{func}(): {arg} cannot be encoded as UTF-8")))
}

/// A `str` argument whose fault is a `ValueError` ([`text_arg`]).
pub fn str_arg(func: &str, arg: &str, s: &Bound<'_, PyString>) -> PyResult<String> {
    text_arg(func, arg, s)?.map_err(PyValueError::new_err)
}

/// A path argument (`arg` of `func`): `str`, `bytes` or `os.PathLike`,
/// with the semantics of `os.fsencode(os.fspath(obj))`. A `str` that
/// decoding with `errors="surrogateescape"` produced (`"\udcff"` for the
/// byte 0xFF) is the file name it came from; a `str` that the file-system
/// encoding cannot encode (a lone `"\ud800"`) is a `ValueError` naming the
/// argument, never the builtin `UnicodeEncodeError`.
pub fn path_arg(func: &str, arg: &str, obj: &Bound<'_, PyAny>) -> PyResult<PathBuf> {
    let py = obj.py();
    let os = py.import("os")?;
    let path = os.getattr("fspath")?.call1((obj,)).map_err(|_| {
        PyTypeError::new_err(format!(
            "{func}() expects a path (str, bytes or os.PathLike) for {arg}, not {}",
            type_name(obj)
        ))
    })?;
    let encoded = match os.getattr("fsencode")?.call1((&path,)) {
        Ok(b) => b,
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyUnicodeEncodeError>(py) => {
            let detail = match path.cast::<PyString>() {
                Ok(s) => text_arg(func, arg, s)?.err(),
                Err(_) => None,
            };
            return Err(PyValueError::new_err(detail.unwrap_or_else(|| {
                format!(
                    "{func}(): {arg} cannot be encoded as a file name: {}",
                    sanitize::escape(&e.to_string())
                )
            })));
        }
        Err(e) => return Err(e),
    };
    bytes_path(encoded.cast::<PyBytes>()?.as_bytes(), &path)
}

/// A file name from the bytes `os.fsencode` gave.
#[cfg(unix)]
fn bytes_path(bytes: &[u8], _path: &Bound<'_, PyAny>) -> PyResult<PathBuf> {
    use std::os::unix::ffi::OsStrExt as _;
    Ok(PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
}

/// A file name from the bytes `os.fsencode` gave (there, the text it
/// came from: Windows file names are UTF-16).
#[cfg(not(unix))]
fn bytes_path(_bytes: &[u8], path: &Bound<'_, PyAny>) -> PyResult<PathBuf> {
    path.py()
        .import("os")?
        .getattr("fsdecode")?
        .call1((path,))?
        .extract::<PathBuf>()
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
        return Ok(str_arg(func, arg, s)?
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
        out.push(str_arg(func, arg, s)?.trim().to_owned());
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
        return str_arg(func, "as_of", s)?
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

/// Add a class that Python cannot construct (a `#[pyclass]` without
/// `#[new]`) to the module, without the `__new__` it would advertise.
///
/// Built for the stable ABI of Python 3.9, pyo3 gives such a class a
/// `tp_new` that raises `TypeError` ("cannot create 'reelnet.X'
/// instances"), and Python lists that slot as a `__new__` in the class's
/// dict, which `help()` shows as a static method taking any arguments.
/// Deleting the dict entry leaves the slot as it is: CPython keeps a
/// type's own `tp_new` when the `__new__` it finds next up the MRO is
/// `object.__new__` (`update_one_slot` in `Objects/typeobject.c`), so
/// `X()` and `X.__new__(X)` still raise `TypeError`, while `help()`,
/// `isinstance` and pickling through `__reduce__` are unchanged. (On
/// Python 3.10+ ABIs pyo3 sets `Py_TPFLAGS_DISALLOW_INSTANTIATION`
/// instead, with no `__new__`; then there is nothing to delete.)
pub fn add_sealed_class<T: pyo3::PyClass>(m: &Bound<'_, pyo3::types::PyModule>) -> PyResult<()> {
    m.add_class::<T>()?;
    let cls = m.py().get_type::<T>();
    let own = cls.getattr("__dict__")?.contains("__new__")?;
    if own {
        cls.delattr("__new__")?;
    }
    Ok(())
}
