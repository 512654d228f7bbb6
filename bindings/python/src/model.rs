//! The model's data for Python, from the model's one declaration.
//!
//! Nothing here names a field. The Python classes of the sections
//! (`reelnet.Vpc`, `reelnet.Database`, ...) are made when the package is
//! imported (`python/reelnet/_model.py`) from the JSON Schema of the
//! model's serialised form ([`model_schema`]): one class per section, one
//! read-only attribute per field, with the field's serde name, its doc
//! comment and its type. A loaded spec ([`Spec`]) gives its values as
//! plain Python data walked from the model's `Serialize` form
//! ([`Spec::values`]), with the conversions written once per TYPE:
//! - a duration (serialised under [`TimeUnit::serde_name`]) is a number in
//!   its field's unit: an `int` when whole, else a `float`;
//! - a size (serialised under [`Size::SERDE_NAME`]) is a pair of GiB (the
//!   same way) and exact bytes;
//! - every other value is what its serde form is: strings (keywords, CIDRs,
//!   domains, versions, anything serialised through `Display`), numbers,
//!   booleans, `None`, lists, and dicts in the order serialised.

use std::sync::Arc;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use reelnet_spec::types::{Size, TimeUnit};
use schemars::generate::SchemaSettings;
use serde_content::{Data, Number as Content, Value};

use crate::convert::{json_loads, plain};
use crate::report::Diagnostic;

/// A number in a field's unit: an `int` when whole, else a `float`.
#[derive(Clone, Copy, Debug, PartialEq, IntoPyObject)]
enum Number {
    Int(u64),
    Float(f64),
}

impl Number {
    fn ratio(n: u64, unit: u64) -> Self {
        if unit == 0 || n.is_multiple_of(unit) {
            Self::Int(n.checked_div(unit).unwrap_or(n))
        } else {
            #[allow(clippy::cast_precision_loss)]
            Self::Float(n as f64 / unit as f64)
        }
    }
}

/// A loaded spec as the extension holds it: the Rust spec (shared with
/// `lint()`), its path and warnings. `reelnet.Spec` (made in `_model.py`)
/// wraps it.
#[pyclass(frozen, module = "reelnet._reelnet", name = "LoadedSpec")]
#[derive(Debug)]
pub struct Spec {
    pub(crate) inner: Arc<reelnet_spec::Spec>,
    /// The path or name it was loaded from.
    #[pyo3(get)]
    pub(crate) path: String,
    warnings: Vec<Py<Diagnostic>>,
}

impl Spec {
    /// Hold a loaded spec (with its resolved warnings).
    pub fn new(
        py: Python<'_>,
        path: String,
        spec: reelnet_spec::Spec,
        warnings: Vec<Diagnostic>,
    ) -> PyResult<Self> {
        Ok(Self {
            path,
            warnings: warnings
                .into_iter()
                .map(|d| Py::new(py, d))
                .collect::<PyResult<_>>()?,
            inner: Arc::new(spec),
        })
    }
}

#[pymethods]
impl Spec {
    /// The model's values: its serde form as Python data, durations and
    /// sizes converted (see the module's doc).
    fn values<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let content = serde_content::Serializer::new()
            .human_readable()
            .serialize(&self.inner.model)
            .map_err(|e| PyValueError::new_err(format!("cannot convert the model: {e}")))?;
        to_python(py, &content)
    }

    /// The model's serialised form as plain data (`to_dict()`, what
    /// `reelnet-lint show` prints).
    fn plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        plain(py, &self.inner.model)
    }

    /// The zone each subnet names as written (`None` for the shorthand
    /// form), by tier: `(public, private)`.
    fn written_zones(&self) -> (Vec<Option<String>>, Vec<Option<String>>) {
        let written = |subnets: &[reelnet_spec::model::Subnet]| {
            subnets
                .iter()
                .map(|s| s.az.as_ref().map(|z| z.value.clone()))
                .collect()
        };
        self.inner.model.vpc.as_ref().map_or_else(
            || (Vec::new(), Vec::new()),
            |v| (written(&v.public_subnets), written(&v.private_subnets)),
        )
    }

    /// The loader's warnings (e.g. SPEC003 for an unquoted version).
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.warnings.iter().map(|w| w.clone_ref(py)))
    }

    /// The names of the files the spec was read from, in load order (the
    /// Dockerfiles and manifests its services reference are in
    /// `dockerfiles` and `manifests`).
    #[getter]
    fn files(&self) -> Vec<String> {
        let c = &self.inner.model.containers;
        let referenced = |name: &str| {
            c.dockerfiles.iter().any(|d| d.path == name)
                || c.manifests.iter().any(|m| m.path == name)
        };
        self.inner
            .sources
            .iter()
            .map(|(_, f)| f.name.clone())
            .filter(|n| !referenced(n))
            .collect()
    }

    /// The Dockerfiles the services reference, parsed (CONTAINERS.md).
    #[getter]
    fn dockerfiles(&self, py: Python<'_>) -> PyResult<Vec<Py<crate::container::Dockerfile>>> {
        crate::container::dockerfiles(py, &self.inner)
    }

    /// The Kubernetes manifests the services reference, parsed.
    #[getter]
    fn manifests(&self, py: Python<'_>) -> PyResult<Vec<Py<crate::container::Manifest>>> {
        crate::container::manifests(py, &self.inner)
    }
}

/// Python data from the serde data model, with the per-type conversions.
fn to_python<'py>(py: Python<'py>, value: &Value<'_>) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Unit | Value::Option(None) => py.None().into_bound(py),
        Value::Bool(b) => pyo3::types::PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => number(py, n)?,
        Value::Char(c) => PyString::new(py, c.encode_utf8(&mut [0; 4])).into_any(),
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Bytes(b) => PyBytes::new(py, b).into_any(),
        Value::Seq(items) | Value::Tuple(items) => list(py, items)?,
        Value::Map(entries) => {
            let dict = PyDict::new(py);
            for (k, v) in entries {
                dict.set_item(to_python(py, k)?, to_python(py, v)?)?;
            }
            dict.into_any()
        }
        Value::Option(Some(v)) => to_python(py, v)?,
        Value::Struct(s) => match &s.data {
            Data::NewType { value } => newtype(py, &s.name, value)?,
            data => data_to_python(py, data)?,
        },
        Value::Enum(e) => match &e.data {
            Data::Unit => PyString::new(py, &e.variant).into_any(),
            data => {
                let dict = PyDict::new(py);
                dict.set_item(&*e.variant, data_to_python(py, data)?)?;
                dict.into_any()
            }
        },
    })
}

fn list<'py>(py: Python<'py>, items: &[Value<'_>]) -> PyResult<Bound<'py, PyAny>> {
    let items = items
        .iter()
        .map(|i| to_python(py, i))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyList::new(py, items)?.into_any())
}

fn data_to_python<'py>(py: Python<'py>, data: &Data<'_>) -> PyResult<Bound<'py, PyAny>> {
    Ok(match data {
        Data::Unit => py.None().into_bound(py),
        Data::NewType { value } => to_python(py, value)?,
        Data::Tuple { values } => list(py, values)?,
        Data::Struct { fields } => {
            let dict = PyDict::new(py);
            for (k, v) in fields {
                dict.set_item(&**k, to_python(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// The per-type conversions, keyed by the newtype names the types
/// serialise under.
fn newtype<'py>(py: Python<'py>, name: &str, value: &Value<'_>) -> PyResult<Bound<'py, PyAny>> {
    if let Some(unit) = TimeUnit::ALL.into_iter().find(|u| u.serde_name() == name) {
        let seconds = match value {
            // Whole units.
            Value::Number(Content::U64(n)) => n.saturating_mul(unit.seconds()),
            // `{seconds}s`, when the unit does not divide it.
            Value::String(s) => s
                .strip_suffix('s')
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| PyValueError::new_err(format!("unexpected duration {s:?}")))?,
            other => return to_python(py, other),
        };
        return Number::ratio(seconds, unit.seconds())
            .into_pyobject(py)
            .map(Bound::into_any);
    }
    if name == Size::SERDE_NAME
        && let Value::String(s) = value
    {
        let size = Size::parse(s).map_err(PyValueError::new_err)?;
        let gib = Number::ratio(size.bytes, Size::GIB).into_pyobject(py)?;
        return Ok(PyTuple::new(
            py,
            [gib.into_any(), size.bytes.into_pyobject(py)?.into_any()],
        )?
        .into_any());
    }
    to_python(py, value)
}

fn number<'py>(py: Python<'py>, n: &Content) -> PyResult<Bound<'py, PyAny>> {
    let float = |x: f64| -> PyResult<Bound<'py, PyAny>> {
        // As JSON shows it: a non-finite number is null.
        if x.is_finite() {
            Ok(x.into_pyobject(py)?.into_any())
        } else {
            Ok(py.None().into_bound(py))
        }
    };
    match *n {
        Content::I8(x) => Ok(x.into_pyobject(py)?.into_any()),
        Content::U8(x) => Ok(x.into_pyobject(py)?.into_any()),
        Content::I16(x) => Ok(x.into_pyobject(py)?.into_any()),
        Content::U16(x) => Ok(x.into_pyobject(py)?.into_any()),
        Content::I32(x) => Ok(x.into_pyobject(py)?.into_any()),
        Content::U32(x) => Ok(x.into_pyobject(py)?.into_any()),
        Content::I64(x) => Ok(x.into_pyobject(py)?.into_any()),
        Content::U64(x) => Ok(x.into_pyobject(py)?.into_any()),
        Content::I128(x) => Ok(x.into_pyobject(py)?.into_any()),
        Content::U128(x) => Ok(x.into_pyobject(py)?.into_any()),
        Content::F32(x) => float(f64::from(x)),
        Content::F64(x) => float(x),
        _ => Err(PyValueError::new_err("unexpected kind of number")),
    }
}

/// The JSON Schema of the model's serialised form (schemars' serialize
/// contract: every field the serialised form always has is required, and
/// only fields that can be absent are nullable), as a dict: the
/// declaration the Python classes, their docs and their stubs are made
/// from.
#[pyfunction]
pub fn model_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let schema = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<reelnet_spec::Model>();
    let text = serde_json::to_string(&schema)
        .map_err(|e| PyValueError::new_err(format!("cannot write the model's schema: {e}")))?;
    json_loads(py, &text)
}

/// The model's functions and the loaded spec's class, for the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Spec>()?;
    m.add_function(wrap_pyfunction!(model_schema, m)?)?;
    Ok(())
}
