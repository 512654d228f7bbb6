//! Read-only Python classes for every section of the model
//! (`reelnet_spec::model`), with the field names of the YAML.
//!
//! Each object is built once, when the spec is loaded, and keeps a copy of
//! its Rust section for `to_dict()` (the model's serde form: the spec as
//! written plus defaults). Nested sections are shared Python objects, so
//! `spec.vpc is spec.vpc`; list and dict attributes are fresh containers on
//! every access, so changing one never changes the model.
//!
//! Conventions (documented in `__init__.pyi`):
//! - keywords (`engine`, `viewer_protocol`, ...) and versions are strings;
//! - CIDRs are strings as written, host bits included; `network` gives the
//!   `ipaddress` network with host bits cleared, `interface` keeps them;
//! - durations are numbers in the unit the field names (`int` when whole,
//!   else `float`); sizes are GiB the same way, with `*_bytes` exact;
//! - `alarms` and `pipeline.environments` are dicts keyed by name, in the
//!   order of the YAML, like the YAML mappings they come from.

use std::fmt::Display;
use std::sync::Arc;

use pyo3::PyClass;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use reelnet_spec::model::{self as m, Spanned};
use reelnet_spec::types::{Duration, Size};

use crate::convert::{plain, repr_fields};
use crate::report::Diagnostic;

/// A number in a field's unit: an `int` when whole, else a `float`.
#[derive(Clone, Copy, Debug, PartialEq, IntoPyObject)]
pub enum Number {
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

    fn duration(d: &Duration) -> Self {
        Self::ratio(d.seconds, d.unit.seconds())
    }

    fn gib(s: &Size) -> Self {
        Self::ratio(s.bytes, Size::GIB)
    }
}

fn text<T: Display>(v: &Spanned<T>) -> String {
    v.value.to_string()
}

fn opt_text<T: Display>(v: Option<&Spanned<T>>) -> Option<String> {
    v.map(text)
}

fn texts<T: Display>(v: &[Spanned<T>]) -> Vec<String> {
    v.iter().map(text).collect()
}

fn opt_copy<T: Copy>(v: Option<&Spanned<T>>) -> Option<T> {
    v.map(|s| s.value)
}

/// Python objects for a list of sections.
fn objects<T, S>(py: Python<'_>, items: &[T]) -> PyResult<Vec<Py<S>>>
where
    S: PyClass + Into<PyClassInitializer<S>> + for<'a> From<&'a T>,
{
    items.iter().map(|i| Py::new(py, S::from(i))).collect()
}

/// The Python object for an optional section.
fn object<T, S>(py: Python<'_>, item: Option<&T>) -> PyResult<Option<Py<S>>>
where
    S: PyClass + Into<PyClassInitializer<S>> + for<'a> From<&'a T>,
{
    item.map(|i| Py::new(py, S::from(i))).transpose()
}

/// A fresh list of shared objects.
fn list<'py, T: PyClass>(py: Python<'py>, items: &[Py<T>]) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, items.iter().map(|i| i.clone_ref(py)))
}

/// A fresh dict of shared objects, in order.
fn named<'py, T: PyClass>(
    py: Python<'py>,
    items: &[(String, Py<T>)],
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (name, item) in items {
        dict.set_item(name, item.clone_ref(py))?;
    }
    Ok(dict)
}

/// `ipaddress.ip_network(cidr, strict=False)`: host bits cleared.
fn ip_network<'py>(py: Python<'py>, cidr: &str) -> PyResult<Bound<'py, PyAny>> {
    let kwargs = PyDict::new(py);
    kwargs.set_item("strict", false)?;
    py.import("ipaddress")?
        .getattr("ip_network")?
        .call((cidr,), Some(&kwargs))
}

/// `ipaddress.ip_interface(cidr)`: the address as written with its network.
fn ip_interface<'py>(py: Python<'py>, cidr: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("ipaddress")?
        .getattr("ip_interface")?
        .call1((cidr,))
}

/// `to_dict()` and `__repr__` (showing `fields`) for a section class
/// whose other attributes are plain `#[pyo3(get)]` fields.
macro_rules! section_methods {
    ($ty:ident, [$($field:literal),* $(,)?]) => {
        #[pymethods]
        impl $ty {
            /// The section as plain data: as written, plus defaults.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                plain(py, &self.inner)
            }

            fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                repr_fields(slf.as_any(), &[$($field),*])
            }
        }
    };
}

/// A loaded spec: every top-level section of the format as an attribute,
/// the loader's warnings, and its files. `reelnet.lint(spec)` lints it.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Spec {
    pub(crate) inner: Arc<reelnet_spec::Spec>,
    /// The path or name it was loaded from.
    #[pyo3(get)]
    pub(crate) path: String,
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    region: Option<String>,
    #[pyo3(get)]
    dr_region: Option<String>,
    #[pyo3(get)]
    availability_zones: Vec<String>,
    #[pyo3(get)]
    vpc: Option<Py<Vpc>>,
    #[pyo3(get)]
    dns: Option<Py<Dns>>,
    #[pyo3(get)]
    cdn: Option<Py<Cdn>>,
    api_gateway: Vec<Py<ApiGateway>>,
    #[pyo3(get)]
    security: Option<Py<Security>>,
    certificates: Vec<Py<Certificate>>,
    #[pyo3(get)]
    compute: Option<Py<Compute>>,
    #[pyo3(get)]
    auto_scaling: Option<Py<AutoScaling>>,
    #[pyo3(get)]
    storage: Option<Py<Storage>>,
    database: Vec<Py<Database>>,
    alarms: Vec<(String, Py<Alarm>)>,
    #[pyo3(get)]
    logging: Option<Py<Logging>>,
    #[pyo3(get)]
    metrics: Option<Py<Metrics>>,
    #[pyo3(get)]
    pipeline: Option<Py<Pipeline>>,
    #[pyo3(get)]
    disaster_recovery: Option<Py<DisasterRecovery>>,
    warnings: Vec<Py<Diagnostic>>,
}

impl Spec {
    /// Build the Python view of a loaded spec (with its resolved warnings).
    pub fn new(
        py: Python<'_>,
        path: String,
        spec: reelnet_spec::Spec,
        warnings: Vec<Diagnostic>,
    ) -> PyResult<Self> {
        let model = &spec.model;
        let built = Self {
            path,
            name: opt_text(model.name.as_ref()).unwrap_or_default(),
            region: opt_text(model.region.as_ref()),
            dr_region: opt_text(model.dr_region.as_ref()),
            availability_zones: texts(&model.availability_zones),
            vpc: model.vpc.as_ref().map(|v| Vpc::new(py, v)).transpose()?,
            dns: model.dns.as_ref().map(|v| Dns::new(py, v)).transpose()?,
            cdn: model.cdn.as_ref().map(|v| Cdn::new(py, v)).transpose()?,
            api_gateway: model
                .api_gateway
                .iter()
                .map(|g| ApiGateway::new(py, g))
                .collect::<PyResult<_>>()?,
            security: model
                .security
                .as_ref()
                .map(|v| Security::new(py, v))
                .transpose()?,
            certificates: objects(py, &model.certificates)?,
            compute: model
                .compute
                .as_ref()
                .map(|v| Compute::new(py, v))
                .transpose()?,
            auto_scaling: object(py, model.auto_scaling.as_ref())?,
            storage: model
                .storage
                .as_ref()
                .map(|v| Storage::new(py, v))
                .transpose()?,
            database: objects(py, &model.database)?,
            alarms: model
                .alarms
                .iter()
                .map(|a| Ok((a.name.value.clone(), Py::new(py, Alarm::from(a))?)))
                .collect::<PyResult<_>>()?,
            logging: object(py, model.logging.as_ref())?,
            metrics: object(py, model.metrics.as_ref())?,
            pipeline: model
                .pipeline
                .as_ref()
                .map(|v| Pipeline::new(py, v))
                .transpose()?,
            disaster_recovery: object(py, model.disaster_recovery.as_ref())?,
            warnings: warnings
                .into_iter()
                .map(|d| Py::new(py, d))
                .collect::<PyResult<_>>()?,
            inner: Arc::new(spec),
        };
        Ok(built)
    }
}

#[pymethods]
impl Spec {
    /// API gateways (one mapping or a list in the YAML; always a list here).
    #[getter]
    fn api_gateway<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, &self.api_gateway)
    }

    /// Certificates (one mapping or a list in the YAML; always a list here).
    #[getter]
    fn certificates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, &self.certificates)
    }

    /// Databases (one mapping or a list in the YAML; always a list here).
    #[getter]
    fn database<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, &self.database)
    }

    /// Alarms by name, in the order of the YAML.
    #[getter]
    fn alarms<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        named(py, &self.alarms)
    }

    /// The loader's warnings (e.g. SPEC003 for an unquoted version).
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, &self.warnings)
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

    /// The whole spec as plain data: as written, plus defaults.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        plain(py, &self.inner.model)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["name", "path", "files"])
    }
}

/// The VPC and its subnets.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Vpc {
    inner: m::Vpc,
    #[pyo3(get)]
    cidr: String,
    public_subnets: Vec<Py<Subnet>>,
    private_subnets: Vec<Py<Subnet>>,
    #[pyo3(get)]
    peers: Vec<String>,
}

impl Vpc {
    fn new(py: Python<'_>, v: &m::Vpc) -> PyResult<Py<Self>> {
        Py::new(
            py,
            Self {
                inner: v.clone(),
                cidr: text(&v.cidr),
                public_subnets: objects(py, &v.public_subnets)?,
                private_subnets: objects(py, &v.private_subnets)?,
                peers: texts(&v.peers),
            },
        )
    }
}

#[pymethods]
impl Vpc {
    #[getter]
    fn public_subnets<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, &self.public_subnets)
    }

    #[getter]
    fn private_subnets<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, &self.private_subnets)
    }

    /// Every subnet of both tiers, public first.
    #[getter]
    fn subnets<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(
            py,
            self.public_subnets
                .iter()
                .chain(&self.private_subnets)
                .map(|s| s.clone_ref(py)),
        )
    }

    /// `ipaddress.ip_network(cidr, strict=False)` (host bits cleared).
    #[getter]
    fn network<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ip_network(py, &self.cidr)
    }

    /// The peers as `ipaddress` networks (host bits cleared).
    #[getter]
    fn peer_networks<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.peers.iter().map(|p| ip_network(py, p)).collect()
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        plain(py, &self.inner)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(
            slf.as_any(),
            &["cidr", "public_subnets", "private_subnets", "peers"],
        )
    }
}

/// A subnet: a CIDR string or a mapping `{ cidr, az?, name? }` in the YAML.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Subnet {
    inner: m::Subnet,
    #[pyo3(get)]
    cidr: String,
    /// The zone as written (None for the shorthand form).
    #[pyo3(get)]
    az: Option<String>,
    #[pyo3(get)]
    name: Option<String>,
    /// `public` or `private`.
    #[pyo3(get)]
    tier: &'static str,
    /// Position in its tier's list.
    #[pyo3(get)]
    index: usize,
    /// `az`, else round-robin over `availability_zones`, else None.
    #[pyo3(get)]
    zone: Option<String>,
}

impl From<&m::Subnet> for Subnet {
    fn from(s: &m::Subnet) -> Self {
        Self {
            inner: s.clone(),
            cidr: text(&s.cidr),
            az: opt_text(s.az.as_ref()),
            name: opt_text(s.name.as_ref()),
            tier: s.tier.as_str(),
            index: s.index,
            zone: s.zone.clone(),
        }
    }
}

#[pymethods]
impl Subnet {
    /// `ipaddress.ip_network(cidr, strict=False)` (host bits cleared).
    #[getter]
    fn network<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ip_network(py, &self.cidr)
    }

    /// `ipaddress.ip_interface(cidr)` (the address as written, host bits kept).
    #[getter]
    fn interface<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ip_interface(py, &self.cidr)
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        plain(py, &self.inner)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["cidr", "tier", "zone", "name"])
    }
}

/// Route 53.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Dns {
    inner: m::Dns,
    zones: Vec<Py<Zone>>,
}

impl Dns {
    fn new(py: Python<'_>, d: &m::Dns) -> PyResult<Py<Self>> {
        let zones = d
            .zones
            .iter()
            .map(|z| Zone::new(py, z))
            .collect::<PyResult<_>>()?;
        Py::new(
            py,
            Self {
                inner: d.clone(),
                zones,
            },
        )
    }
}

#[pymethods]
impl Dns {
    #[getter]
    fn zones<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, &self.zones)
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        plain(py, &self.inner)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["zones"])
    }
}

/// A hosted zone.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Zone {
    inner: m::Zone,
    #[pyo3(get)]
    name: String,
    records: Vec<Py<Record>>,
}

impl Zone {
    fn new(py: Python<'_>, z: &m::Zone) -> PyResult<Py<Self>> {
        Py::new(
            py,
            Self {
                inner: z.clone(),
                name: text(&z.name),
                records: objects(py, &z.records)?,
            },
        )
    }
}

#[pymethods]
impl Zone {
    #[getter]
    fn records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, &self.records)
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        plain(py, &self.inner)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["name", "records"])
    }
}

/// A DNS record.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Record {
    inner: m::Record,
    #[pyo3(get)]
    name: String,
    /// The record type (`type` in the YAML).
    #[pyo3(get, name = "type")]
    record_type: String,
    #[pyo3(get)]
    target: String,
}

impl From<&m::Record> for Record {
    fn from(r: &m::Record) -> Self {
        Self {
            inner: r.clone(),
            name: text(&r.name),
            record_type: text(&r.record_type),
            target: text(&r.target),
        }
    }
}

section_methods!(Record, ["name", "type", "target"]);

/// CloudFront.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Cdn {
    inner: m::Cdn,
    distributions: Vec<Py<Distribution>>,
}

impl Cdn {
    fn new(py: Python<'_>, c: &m::Cdn) -> PyResult<Py<Self>> {
        Py::new(
            py,
            Self {
                inner: c.clone(),
                distributions: objects(py, &c.distributions)?,
            },
        )
    }
}

#[pymethods]
impl Cdn {
    #[getter]
    fn distributions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, &self.distributions)
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        plain(py, &self.inner)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["distributions"])
    }
}

/// A CloudFront distribution.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Distribution {
    inner: m::Distribution,
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    aliases: Vec<String>,
    #[pyo3(get)]
    origins: Vec<String>,
    #[pyo3(get)]
    certificate: Option<String>,
    #[pyo3(get)]
    waf: Option<String>,
    #[pyo3(get)]
    viewer_protocol: &'static str,
    #[pyo3(get)]
    min_tls: Option<String>,
}

impl From<&m::Distribution> for Distribution {
    fn from(d: &m::Distribution) -> Self {
        Self {
            inner: d.clone(),
            name: text(&d.name),
            aliases: texts(&d.aliases),
            origins: texts(&d.origins),
            certificate: opt_text(d.certificate.as_ref()),
            waf: opt_text(d.waf.as_ref()),
            viewer_protocol: d.viewer_protocol.value.as_str(),
            min_tls: opt_text(d.min_tls.as_ref()),
        }
    }
}

section_methods!(Distribution, ["name", "aliases", "viewer_protocol"]);

/// An API Gateway.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct ApiGateway {
    inner: m::ApiGateway,
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    domain: Option<String>,
    #[pyo3(get)]
    waf: Option<String>,
    #[pyo3(get)]
    throttling: Option<Py<Throttling>>,
}

impl ApiGateway {
    fn new(py: Python<'_>, g: &m::ApiGateway) -> PyResult<Py<Self>> {
        Py::new(
            py,
            Self {
                inner: g.clone(),
                name: text(&g.name),
                domain: opt_text(g.domain.as_ref()),
                waf: opt_text(g.waf.as_ref()),
                throttling: object(py, g.throttling.as_ref())?,
            },
        )
    }
}

section_methods!(ApiGateway, ["name", "domain", "waf"]);

/// API Gateway throttling (requests per second).
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Throttling {
    inner: m::Throttling,
    #[pyo3(get)]
    rate_limit: Option<u64>,
    #[pyo3(get)]
    burst_limit: Option<u64>,
}

impl From<&m::Throttling> for Throttling {
    fn from(t: &m::Throttling) -> Self {
        Self {
            inner: t.clone(),
            rate_limit: opt_copy(t.rate_limit.as_ref()),
            burst_limit: opt_copy(t.burst_limit.as_ref()),
        }
    }
}

section_methods!(Throttling, ["rate_limit", "burst_limit"]);

/// WAF and Shield.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Security {
    inner: m::Security,
    waf: Vec<Py<Waf>>,
    #[pyo3(get)]
    shield: Option<Py<Shield>>,
}

impl Security {
    fn new(py: Python<'_>, s: &m::Security) -> PyResult<Py<Self>> {
        Py::new(
            py,
            Self {
                inner: s.clone(),
                waf: objects(py, &s.waf)?,
                shield: object(py, s.shield.as_ref())?,
            },
        )
    }
}

#[pymethods]
impl Security {
    #[getter]
    fn waf<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, &self.waf)
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        plain(py, &self.inner)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["waf", "shield"])
    }
}

/// A WAF web ACL.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Waf {
    inner: m::Waf,
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    managed_rules: Vec<String>,
    #[pyo3(get)]
    rate_limit: Option<u64>,
}

impl From<&m::Waf> for Waf {
    fn from(w: &m::Waf) -> Self {
        Self {
            inner: w.clone(),
            name: text(&w.name),
            managed_rules: texts(&w.managed_rules),
            rate_limit: opt_copy(w.rate_limit.as_ref()),
        }
    }
}

section_methods!(Waf, ["name", "managed_rules", "rate_limit"]);

/// AWS Shield.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Shield {
    inner: m::Shield,
    #[pyo3(get)]
    advanced: bool,
}

impl From<&m::Shield> for Shield {
    fn from(s: &m::Shield) -> Self {
        Self {
            inner: s.clone(),
            advanced: s.advanced.value,
        }
    }
}

section_methods!(Shield, ["advanced"]);

/// An ACM certificate.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Certificate {
    inner: m::Certificate,
    #[pyo3(get)]
    domain: String,
    #[pyo3(get)]
    alternative_names: Vec<String>,
    #[pyo3(get)]
    validation: &'static str,
    #[pyo3(get)]
    renewal: bool,
}

impl From<&m::Certificate> for Certificate {
    fn from(c: &m::Certificate) -> Self {
        Self {
            inner: c.clone(),
            domain: text(&c.domain),
            alternative_names: texts(&c.alternative_names),
            validation: c.validation.value.as_str(),
            renewal: c.renewal.value,
        }
    }
}

section_methods!(Certificate, ["domain", "alternative_names", "validation"]);

/// Services and functions.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Compute {
    inner: m::Compute,
    services: Vec<Py<Service>>,
    functions: Vec<Py<Function>>,
}

impl Compute {
    fn new(py: Python<'_>, c: &m::Compute) -> PyResult<Py<Self>> {
        Py::new(
            py,
            Self {
                inner: c.clone(),
                services: objects(py, &c.services)?,
                functions: objects(py, &c.functions)?,
            },
        )
    }
}

#[pymethods]
impl Compute {
    #[getter]
    fn services<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, &self.services)
    }

    #[getter]
    fn functions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, &self.functions)
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        plain(py, &self.inner)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["services", "functions"])
    }
}

/// An ECS/Kubernetes service.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Service {
    inner: m::Service,
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    image: String,
    #[pyo3(get)]
    port: Option<u16>,
    #[pyo3(get)]
    replicas: u32,
    /// The subnet tier: `public` or `private`.
    #[pyo3(get)]
    subnets: &'static str,
    /// CPU units.
    #[pyo3(get)]
    cpu: Option<u32>,
    /// MiB.
    #[pyo3(get)]
    memory: Option<u32>,
    #[pyo3(get)]
    health_check: Option<String>,
    #[pyo3(get)]
    environment: Vec<(String, String)>,
    /// The Dockerfile that builds `image`, relative to the spec file.
    #[pyo3(get)]
    dockerfile: Option<String>,
    /// The manifests (paths or globs) that deploy it, relative to the spec file.
    #[pyo3(get)]
    manifests: Vec<String>,
}

impl From<&m::Service> for Service {
    fn from(s: &m::Service) -> Self {
        Self {
            inner: s.clone(),
            name: text(&s.name),
            image: text(&s.image),
            port: opt_copy(s.port.as_ref()),
            replicas: s.replicas.value,
            subnets: s.subnets.value.as_str(),
            cpu: opt_copy(s.cpu.as_ref()),
            memory: opt_copy(s.memory.as_ref()),
            health_check: opt_text(s.health_check.as_ref()),
            environment: s
                .environment
                .iter()
                .map(|(k, v)| (k.clone(), v.value.clone()))
                .collect(),
            dockerfile: opt_text(s.dockerfile.as_ref()),
            manifests: texts(&s.manifests),
        }
    }
}

#[pymethods]
impl Service {
    /// Environment variables.
    #[getter]
    fn environment<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (k, v) in &self.environment {
            dict.set_item(k, v)?;
        }
        Ok(dict)
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        plain(py, &self.inner)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["name", "image", "replicas", "subnets"])
    }
}

/// A Lambda function.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Function {
    inner: m::Function,
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    runtime: Option<String>,
    /// MiB.
    #[pyo3(get)]
    memory: u32,
    /// Seconds.
    #[pyo3(get)]
    timeout: Number,
    #[pyo3(get)]
    trigger: Option<String>,
}

impl From<&m::Function> for Function {
    fn from(f: &m::Function) -> Self {
        Self {
            inner: f.clone(),
            name: text(&f.name),
            runtime: opt_text(f.runtime.as_ref()),
            memory: f.memory.value,
            timeout: Number::duration(&f.timeout.value),
            trigger: opt_text(f.trigger.as_ref()),
        }
    }
}

section_methods!(Function, ["name", "runtime", "memory", "timeout"]);

/// The EC2 Auto Scaling group the services run on.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct AutoScaling {
    inner: m::AutoScaling,
    #[pyo3(get)]
    min_size: u32,
    #[pyo3(get)]
    max_size: u32,
    #[pyo3(get)]
    desired_capacity: u32,
    /// Percent CPU.
    #[pyo3(get)]
    scale_up_threshold: Option<f64>,
    /// Percent CPU.
    #[pyo3(get)]
    scale_down_threshold: Option<f64>,
}

impl From<&m::AutoScaling> for AutoScaling {
    fn from(a: &m::AutoScaling) -> Self {
        Self {
            inner: a.clone(),
            min_size: a.min_size.value,
            max_size: a.max_size.value,
            desired_capacity: a.desired_capacity.value,
            scale_up_threshold: opt_copy(a.scale_up_threshold.as_ref()),
            scale_down_threshold: opt_copy(a.scale_down_threshold.as_ref()),
        }
    }
}

section_methods!(AutoScaling, ["min_size", "max_size", "desired_capacity"]);

/// Buckets and file systems.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Storage {
    inner: m::Storage,
    buckets: Vec<Py<Bucket>>,
    file_systems: Vec<Py<FileSystem>>,
}

impl Storage {
    fn new(py: Python<'_>, s: &m::Storage) -> PyResult<Py<Self>> {
        let buckets = s
            .buckets
            .iter()
            .map(|b| Bucket::new(py, b))
            .collect::<PyResult<_>>()?;
        Py::new(
            py,
            Self {
                inner: s.clone(),
                buckets,
                file_systems: objects(py, &s.file_systems)?,
            },
        )
    }
}

#[pymethods]
impl Storage {
    #[getter]
    fn buckets<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, &self.buckets)
    }

    #[getter]
    fn file_systems<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, &self.file_systems)
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        plain(py, &self.inner)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["buckets", "file_systems"])
    }
}

/// An S3 bucket.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Bucket {
    inner: m::Bucket,
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    versioning: bool,
    #[pyo3(get)]
    encryption: &'static str,
    #[pyo3(get)]
    public_access: &'static str,
    #[pyo3(get)]
    replication: Option<Py<Replication>>,
    lifecycle: Option<Vec<Py<LifecycleRule>>>,
}

impl Bucket {
    fn new(py: Python<'_>, b: &m::Bucket) -> PyResult<Py<Self>> {
        let lifecycle = match &b.lifecycle {
            Some(rules) => Some(objects(py, rules)?),
            None => None,
        };
        Py::new(
            py,
            Self {
                inner: b.clone(),
                name: text(&b.name),
                versioning: b.versioning.value,
                encryption: b.encryption.value.as_str(),
                public_access: b.public_access.value.as_str(),
                replication: object(py, b.replication.as_ref())?,
                lifecycle,
            },
        )
    }
}

#[pymethods]
impl Bucket {
    /// Lifecycle rules; None when the YAML has no `lifecycle` key.
    #[getter]
    fn lifecycle<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyList>>> {
        self.lifecycle.as_deref().map(|r| list(py, r)).transpose()
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        plain(py, &self.inner)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(
            slf.as_any(),
            &["name", "versioning", "encryption", "public_access"],
        )
    }
}

/// Cross-region replication of a bucket.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Replication {
    inner: m::Replication,
    #[pyo3(get)]
    region: String,
}

impl From<&m::Replication> for Replication {
    fn from(r: &m::Replication) -> Self {
        Self {
            inner: r.clone(),
            region: text(&r.region),
        }
    }
}

section_methods!(Replication, ["region"]);

/// A bucket lifecycle rule.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct LifecycleRule {
    inner: m::LifecycleRule,
    /// Days.
    #[pyo3(get)]
    after_days: Number,
    #[pyo3(get)]
    transition: Option<String>,
    #[pyo3(get)]
    expire: Option<bool>,
}

impl From<&m::LifecycleRule> for LifecycleRule {
    fn from(r: &m::LifecycleRule) -> Self {
        Self {
            inner: r.clone(),
            after_days: Number::duration(&r.after_days.value),
            transition: opt_text(r.transition.as_ref()),
            expire: opt_copy(r.expire.as_ref()),
        }
    }
}

section_methods!(LifecycleRule, ["after_days", "transition", "expire"]);

/// An EFS file system.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct FileSystem {
    inner: m::FileSystem,
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    encrypted: bool,
    /// The subnet tier: `public` or `private`.
    #[pyo3(get)]
    subnets: &'static str,
}

impl From<&m::FileSystem> for FileSystem {
    fn from(f: &m::FileSystem) -> Self {
        Self {
            inner: f.clone(),
            name: text(&f.name),
            encrypted: f.encrypted.value,
            subnets: f.subnets.value.as_str(),
        }
    }
}

section_methods!(FileSystem, ["name", "encrypted", "subnets"]);

/// An RDS database.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Database {
    inner: m::Database,
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    instance_type: Option<String>,
    /// GiB.
    #[pyo3(get)]
    storage: Option<Number>,
    /// Bytes.
    #[pyo3(get)]
    storage_bytes: Option<u64>,
    #[pyo3(get)]
    engine: Option<&'static str>,
    #[pyo3(get)]
    version: Option<String>,
    #[pyo3(get)]
    multi_az: bool,
    /// Days.
    #[pyo3(get)]
    backup_retention: Number,
    #[pyo3(get)]
    encrypted: bool,
    #[pyo3(get)]
    publicly_accessible: bool,
    /// The subnet tier: `public` or `private`.
    #[pyo3(get)]
    subnets: &'static str,
    #[pyo3(get)]
    cross_region_backups: Option<String>,
}

impl From<&m::Database> for Database {
    fn from(d: &m::Database) -> Self {
        Self {
            inner: d.clone(),
            name: text(&d.name),
            instance_type: opt_text(d.instance_type.as_ref()),
            storage: d.storage.as_ref().map(|s| Number::gib(&s.value)),
            storage_bytes: d.storage.as_ref().map(|s| s.value.bytes),
            engine: d.engine.as_ref().map(|e| e.value.as_str()),
            version: opt_text(d.version.as_ref()),
            multi_az: d.multi_az.value,
            backup_retention: Number::duration(&d.backup_retention.value),
            encrypted: d.encrypted.value,
            publicly_accessible: d.publicly_accessible.value,
            subnets: d.subnets.value.as_str(),
            cross_region_backups: opt_text(d.cross_region_backups.as_ref()),
        }
    }
}

section_methods!(
    Database,
    ["name", "engine", "version", "multi_az", "encrypted"]
);

/// A CloudWatch alarm (the key of `alarms` is its name).
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Alarm {
    inner: m::Alarm,
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    metric: String,
    #[pyo3(get)]
    threshold: f64,
    /// Seconds.
    #[pyo3(get)]
    period: Number,
    #[pyo3(get)]
    evaluation_periods: u32,
}

impl From<&m::Alarm> for Alarm {
    fn from(a: &m::Alarm) -> Self {
        Self {
            inner: a.clone(),
            name: text(&a.name),
            metric: text(&a.metric),
            threshold: a.threshold.value,
            period: Number::duration(&a.period.value),
            evaluation_periods: a.evaluation_periods.value,
        }
    }
}

section_methods!(
    Alarm,
    [
        "name",
        "metric",
        "threshold",
        "period",
        "evaluation_periods"
    ]
);

/// Log shipping and retention.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Logging {
    inner: m::Logging,
    #[pyo3(get)]
    stack: Option<String>,
    #[pyo3(get)]
    rotation: Option<String>,
    /// Days.
    #[pyo3(get)]
    retention_days: Option<Number>,
}

impl From<&m::Logging> for Logging {
    fn from(l: &m::Logging) -> Self {
        Self {
            inner: l.clone(),
            stack: opt_text(l.stack.as_ref()),
            rotation: opt_text(l.rotation.as_ref()),
            retention_days: l
                .retention_days
                .as_ref()
                .map(|d| Number::duration(&d.value)),
        }
    }
}

section_methods!(Logging, ["stack", "rotation", "retention_days"]);

/// Metrics collection and dashboards.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Metrics {
    inner: m::Metrics,
    #[pyo3(get)]
    prometheus: bool,
    #[pyo3(get)]
    grafana: bool,
}

impl From<&m::Metrics> for Metrics {
    fn from(x: &m::Metrics) -> Self {
        Self {
            inner: x.clone(),
            prometheus: x.prometheus.value,
            grafana: x.grafana.value,
        }
    }
}

section_methods!(Metrics, ["prometheus", "grafana"]);

/// The delivery pipeline.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Pipeline {
    inner: m::Pipeline,
    stages: Vec<Py<Stage>>,
    environments: Vec<(String, Py<Environment>)>,
}

impl Pipeline {
    fn new(py: Python<'_>, p: &m::Pipeline) -> PyResult<Py<Self>> {
        Py::new(
            py,
            Self {
                inner: p.clone(),
                stages: objects(py, &p.stages)?,
                environments: p
                    .environments
                    .iter()
                    .map(|e| Ok((e.name.value.clone(), Py::new(py, Environment::from(e))?)))
                    .collect::<PyResult<_>>()?,
            },
        )
    }
}

#[pymethods]
impl Pipeline {
    /// Stages in order.
    #[getter]
    fn stages<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, &self.stages)
    }

    /// Environments by name, in the order of the YAML.
    #[getter]
    fn environments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        named(py, &self.environments)
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        plain(py, &self.inner)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["stages", "environments"])
    }
}

/// A pipeline stage (`- build: [compile, test]` in the YAML).
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Stage {
    inner: m::Stage,
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    steps: Vec<String>,
}

impl From<&m::Stage> for Stage {
    fn from(s: &m::Stage) -> Self {
        Self {
            inner: s.clone(),
            name: text(&s.name),
            steps: texts(&s.steps),
        }
    }
}

section_methods!(Stage, ["name", "steps"]);

/// A pipeline environment (the key of `pipeline.environments` is its name).
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct Environment {
    inner: m::Environment,
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    domain: Option<String>,
    #[pyo3(get)]
    approval: bool,
}

impl From<&m::Environment> for Environment {
    fn from(e: &m::Environment) -> Self {
        Self {
            inner: e.clone(),
            name: text(&e.name),
            domain: opt_text(e.domain.as_ref()),
            approval: e.approval.value,
        }
    }
}

section_methods!(Environment, ["name", "domain", "approval"]);

/// Disaster recovery objectives.
#[pyclass(frozen, module = "reelnet")]
#[derive(Debug)]
pub struct DisasterRecovery {
    inner: m::DisasterRecovery,
    #[pyo3(get)]
    strategy: Option<&'static str>,
    /// Minutes.
    #[pyo3(get)]
    rto_minutes: Option<Number>,
    /// Minutes.
    #[pyo3(get)]
    rpo_minutes: Option<Number>,
    #[pyo3(get)]
    failover_testing: Option<&'static str>,
}

impl From<&m::DisasterRecovery> for DisasterRecovery {
    fn from(d: &m::DisasterRecovery) -> Self {
        Self {
            inner: d.clone(),
            strategy: d.strategy.as_ref().map(|s| s.value.as_str()),
            rto_minutes: d.rto_minutes.as_ref().map(|x| Number::duration(&x.value)),
            rpo_minutes: d.rpo_minutes.as_ref().map(|x| Number::duration(&x.value)),
            failover_testing: d.failover_testing.as_ref().map(|f| f.value.as_str()),
        }
    }
}

section_methods!(
    DisasterRecovery,
    ["strategy", "rto_minutes", "rpo_minutes", "failover_testing"]
);

/// Every model class, for the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Spec>()?;
    // `Model` is the name of the Rust type whose sections `Spec` exposes.
    m.add("Model", m.py().get_type::<Spec>())?;
    m.add_class::<Vpc>()?;
    m.add_class::<Subnet>()?;
    m.add_class::<Dns>()?;
    m.add_class::<Zone>()?;
    m.add_class::<Record>()?;
    m.add_class::<Cdn>()?;
    m.add_class::<Distribution>()?;
    m.add_class::<ApiGateway>()?;
    m.add_class::<Throttling>()?;
    m.add_class::<Security>()?;
    m.add_class::<Waf>()?;
    m.add_class::<Shield>()?;
    m.add_class::<Certificate>()?;
    m.add_class::<Compute>()?;
    m.add_class::<Service>()?;
    m.add_class::<Function>()?;
    m.add_class::<AutoScaling>()?;
    m.add_class::<Storage>()?;
    m.add_class::<Bucket>()?;
    m.add_class::<Replication>()?;
    m.add_class::<LifecycleRule>()?;
    m.add_class::<FileSystem>()?;
    m.add_class::<Database>()?;
    m.add_class::<Alarm>()?;
    m.add_class::<Logging>()?;
    m.add_class::<Metrics>()?;
    m.add_class::<Pipeline>()?;
    m.add_class::<Stage>()?;
    m.add_class::<Environment>()?;
    m.add_class::<DisasterRecovery>()?;
    Ok(())
}
