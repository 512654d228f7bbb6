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

use std::fmt;
use std::sync::Arc;

use pyo3::IntoPyObjectExt;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use reelnet_spec::types::{Size, TimeUnit};
use schemars::generate::SchemaSettings;
use serde::{Serialize, ser};

use crate::convert::json_loads;
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
pub struct Spec {
    pub(crate) inner: Arc<reelnet_spec::Spec>,
    /// The path or name it was loaded from.
    ///
    /// Type: ``str``.
    #[pyo3(get)]
    pub(crate) path: String,
    warnings: Vec<Py<Diagnostic>>,
    plain: PyOnceLock<Py<PyAny>>,
}

impl std::fmt::Debug for Spec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Spec")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
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
            plain: PyOnceLock::new(),
        })
    }
}

#[pymethods]
impl Spec {
    /// The model's values: its `Serialize` form as Python data, durations
    /// and sizes converted (see the module's doc).
    fn values<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.model, Form::Values)
    }

    /// The model's serialised form as JSON shows it (what `to_dict()`
    /// copies from, what `reelnet-lint show` prints): made on first use,
    /// then kept.
    fn plain(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.plain
            .get_or_try_init(py, || {
                Ok::<_, PyErr>(to_python(py, &self.inner.model, Form::Plain)?.unbind())
            })
            .map(|p| p.clone_ref(py))
    }

    /// The loader's warnings (e.g. SPEC003 for an unquoted version).
    ///
    /// Type: ``list[Diagnostic]``.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.warnings.iter().map(|w| w.clone_ref(py)))
    }

    /// The names of the files the spec was read from, in load order (the
    /// Dockerfiles and manifests its services reference are in
    /// `dockerfiles` and `manifests`).
    ///
    /// Type: ``list[str]``.
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
    ///
    /// Type: ``list[Dockerfile]``.
    #[getter]
    fn dockerfiles(&self, py: Python<'_>) -> PyResult<Vec<Py<crate::container::Dockerfile>>> {
        crate::container::dockerfiles(py, &self.inner)
    }

    /// The Kubernetes manifests the services reference, parsed.
    ///
    /// Type: ``list[Manifest]``.
    #[getter]
    fn manifests(&self, py: Python<'_>) -> PyResult<Vec<Py<crate::container::Manifest>>> {
        crate::container::manifests(py, &self.inner)
    }
}

/// Which Python form of the model to give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// With the per-type conversions: what the attributes give.
    Values,
    /// As JSON shows it: what `to_dict()` gives.
    Plain,
}

/// Serialise a value straight into Python objects (no intermediate tree).
fn to_python<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
    form: Form,
) -> PyResult<Bound<'py, PyAny>> {
    value.serialize(ToPython { py, form }).map_err(|e| e.0)
}

/// A value's serialised form as a dict, as JSON shows it (the `to_dict()`
/// of the report classes, whose fields serde declares once).
pub fn plain_dict<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyDict>> {
    Ok(to_python(py, value, Form::Plain)?.cast_into::<PyDict>()?)
}

/// A serde error carrying a Python exception.
#[derive(Debug)]
struct Error(PyErr);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self(PyValueError::new_err(format!(
            "cannot convert the model: {msg}"
        )))
    }
}

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Self {
        Self(e)
    }
}

/// The serde data model as Python data: structs and maps are dicts (in
/// the order serialised), sequences lists, `None` None, a unit variant its
/// name; a non-finite float is None, as JSON shows it.
#[derive(Clone, Copy)]
struct ToPython<'py> {
    py: Python<'py>,
    form: Form,
}

impl<'py> ToPython<'py> {
    fn any<T: IntoPyObject<'py>>(self, v: T) -> Result<Bound<'py, PyAny>, Error> {
        v.into_bound_py_any(self.py).map_err(Error)
    }

    /// The per-type conversions, keyed by the newtype names the types
    /// serialise under: a duration as a number in its field's unit, a size
    /// as `(GiB, bytes)`.
    fn convert(self, name: &str, value: Bound<'py, PyAny>) -> Result<Bound<'py, PyAny>, Error> {
        if let Some(unit) = TimeUnit::ALL.into_iter().find(|u| u.serde_name() == name) {
            // Whole units serialise as an integer in the unit, already
            // what Python shows; others as `{seconds}s`.
            let Ok(text) = value.cast::<PyString>() else {
                return Ok(value);
            };
            let text: String = text.extract()?;
            let seconds: u64 = text
                .strip_suffix('s')
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| PyValueError::new_err(format!("unexpected duration {text:?}")))?;
            return self.any(Number::ratio(seconds, unit.seconds()));
        }
        if name == Size::SERDE_NAME
            && let Ok(text) = value.cast::<PyString>()
        {
            let text: String = text.extract()?;
            let size = Size::parse(&text).map_err(PyValueError::new_err)?;
            return self.any((Number::ratio(size.bytes, Size::GIB), size.bytes));
        }
        Ok(value)
    }
}

/// A list being built.
struct Seq<'py> {
    to: ToPython<'py>,
    items: Vec<Bound<'py, PyAny>>,
    /// The variant of a tuple variant (`{variant: [..]}`).
    variant: Option<&'static str>,
}

/// A dict being built.
struct Map<'py> {
    to: ToPython<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
    /// The variant of a struct variant (`{variant: {..}}`).
    variant: Option<&'static str>,
}

impl<'py> Seq<'py> {
    fn done(self) -> Result<Bound<'py, PyAny>, Error> {
        let list = PyList::new(self.to.py, self.items)?.into_any();
        wrap(self.to, self.variant, list)
    }
}

impl<'py> Map<'py> {
    fn done(self) -> Result<Bound<'py, PyAny>, Error> {
        wrap(self.to, self.variant, self.dict.into_any())
    }
}

fn wrap<'py>(
    to: ToPython<'py>,
    variant: Option<&'static str>,
    value: Bound<'py, PyAny>,
) -> Result<Bound<'py, PyAny>, Error> {
    match variant {
        None => Ok(value),
        Some(name) => {
            let dict = PyDict::new(to.py);
            dict.set_item(name, value)?;
            Ok(dict.into_any())
        }
    }
}

impl<'py> ser::Serializer for ToPython<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = Seq<'py>;
    type SerializeTuple = Seq<'py>;
    type SerializeTupleStruct = Seq<'py>;
    type SerializeTupleVariant = Seq<'py>;
    type SerializeMap = Map<'py>;
    type SerializeStruct = Map<'py>;
    type SerializeStructVariant = Map<'py>;

    fn serialize_bool(self, v: bool) -> Result<Self::Ok, Error> {
        self.any(v)
    }
    fn serialize_i8(self, v: i8) -> Result<Self::Ok, Error> {
        self.any(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok, Error> {
        self.any(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok, Error> {
        self.any(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Self::Ok, Error> {
        self.any(v)
    }
    fn serialize_i128(self, v: i128) -> Result<Self::Ok, Error> {
        self.any(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok, Error> {
        self.any(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok, Error> {
        self.any(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok, Error> {
        self.any(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Self::Ok, Error> {
        self.any(v)
    }
    fn serialize_u128(self, v: u128) -> Result<Self::Ok, Error> {
        self.any(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Self::Ok, Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Self::Ok, Error> {
        if v.is_finite() {
            self.any(v)
        } else {
            self.serialize_none()
        }
    }
    fn serialize_char(self, v: char) -> Result<Self::Ok, Error> {
        self.any(v)
    }
    fn serialize_str(self, v: &str) -> Result<Self::Ok, Error> {
        self.any(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Self::Ok, Error> {
        Ok(PyBytes::new(self.py, v).into_any())
    }
    fn serialize_none(self) -> Result<Self::Ok, Error> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Self::Ok, Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Self::Ok, Error> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Self::Ok, Error> {
        self.any(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<Self::Ok, Error> {
        let inner = value.serialize(self)?;
        match self.form {
            Form::Values => self.convert(name, inner),
            Form::Plain => Ok(inner),
        }
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Self::Ok, Error> {
        let inner = value.serialize(self)?;
        wrap(self, Some(variant), inner)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'py>, Error> {
        Ok(Seq {
            to: self,
            items: Vec::with_capacity(len.unwrap_or(0)),
            variant: None,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Seq<'py>, Error> {
        let mut seq = self.serialize_seq(Some(len))?;
        seq.variant = Some(variant);
        Ok(seq)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Map<'py>, Error> {
        Ok(Map {
            to: self,
            dict: PyDict::new(self.py),
            key: None,
            variant: None,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Map<'py>, Error> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Map<'py>, Error> {
        let mut map = self.serialize_map(None)?;
        map.variant = Some(variant);
        Ok(map)
    }
}

impl<'py> Seq<'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.items.push(value.serialize(self.to)?);
        Ok(())
    }
}

/// The four sequence-like serde traits, each pushing onto the list.
macro_rules! seq_impls {
    ($($tr:ident :: $method:ident),* $(,)?) => {$(
        impl<'py> ser::$tr for Seq<'py> {
            type Ok = Bound<'py, PyAny>;
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.push(value)
            }
            fn end(self) -> Result<Self::Ok, Error> {
                self.done()
            }
        }
    )*};
}

seq_impls!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
);

impl<'py> ser::SerializeMap for Map<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(self.to)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <Error as ser::Error>::custom("a map value without a key"))?;
        self.dict.set_item(key, value.serialize(self.to)?)?;
        Ok(())
    }
    fn end(self) -> Result<Self::Ok, Error> {
        self.done()
    }
}

impl<'py> ser::SerializeStruct for Map<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.dict.set_item(key, value.serialize(self.to)?)?;
        Ok(())
    }
    fn end(self) -> Result<Self::Ok, Error> {
        self.done()
    }
}

impl<'py> ser::SerializeStructVariant for Map<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.dict.set_item(key, value.serialize(self.to)?)?;
        Ok(())
    }
    fn end(self) -> Result<Self::Ok, Error> {
        self.done()
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
    crate::convert::add_sealed_class::<Spec>(m)?;
    m.add_function(wrap_pyfunction!(model_schema, m)?)?;
    Ok(())
}
