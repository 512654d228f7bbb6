//! Read-only Python classes for the container layer (CONTAINERS.md): the
//! Dockerfiles and Kubernetes manifests a spec's services reference, with
//! the place in its file of every value (`Span`).

use pyo3::prelude::*;
use pyo3::types::PyDict;
use reelnet_spec::container as c;
use reelnet_spec::model::Spanned;
use reelnet_spec::{Loc, Sources};

use crate::convert::{add_sealed_class, repr_fields};

/// Where a value is written: 1-based lines and columns (columns count
/// characters; `end_column` is exclusive) and its JSON Pointer in the file.
#[pyclass(frozen, eq, hash, get_all, module = "reelnet")]
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Span {
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
    /// Its JSON Pointer in the file.
    ///
    /// Type: ``str``.
    path: String,
}

impl Span {
    fn new(sources: &Sources, loc: Loc) -> Self {
        let range = sources.highlight(loc);
        let (file, start, end) = sources.get(loc.file).map_or_else(
            || (String::new(), (1, 1), (1, 1)),
            |f| {
                let s = f.line_col(range.start);
                let e = f.line_col(range.end);
                (f.name.clone(), (s.line, s.column), (e.line, e.column))
            },
        );
        Self {
            file,
            line: start.0,
            column: start.1,
            end_line: end.0,
            end_column: end.1,
            path: sources.pointer(loc),
        }
    }
}

#[pymethods]
impl Span {
    /// The six fields as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        crate::model::plain_dict(py, self)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["file", "line", "column"])
    }
}

/// A value of a Dockerfile or manifest, as text, with where it is written.
#[pyclass(frozen, get_all, module = "reelnet")]
#[derive(Debug)]
pub struct Value {
    /// The value as text (unescaped).
    ///
    /// Type: ``str``.
    value: String,
    /// Where it is written.
    ///
    /// Type: ``Span``.
    span: Span,
}

#[pymethods]
impl Value {
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["value", "span"])
    }
}

fn value<T: ToString>(py: Python<'_>, sources: &Sources, v: &Spanned<T>) -> PyResult<Py<Value>> {
    Py::new(
        py,
        Value {
            value: v.value.to_string(),
            span: Span::new(sources, v.loc),
        },
    )
}

fn opt_value<T: ToString>(
    py: Python<'_>,
    sources: &Sources,
    v: Option<&Spanned<T>>,
) -> PyResult<Option<Py<Value>>> {
    v.map(|v| value(py, sources, v)).transpose()
}

/// One Dockerfile instruction.
#[pyclass(frozen, get_all, module = "reelnet")]
#[derive(Debug)]
pub struct Instruction {
    /// The keyword, uppercase (`FROM`, `RUN`, ...).
    ///
    /// Type: ``str``.
    keyword: String,
    /// The arguments, unescaped, with their spans.
    ///
    /// Type: ``list[Value]``.
    arguments: Vec<Py<Value>>,
    /// Options such as `--from=build`, as written.
    ///
    /// Type: ``list[Value]``.
    flags: Vec<Py<Value>>,
    /// `exec` or `shell` for RUN, CMD, ENTRYPOINT; else None.
    ///
    /// Type: ``str | None``.
    form: Option<&'static str>,
    /// The stage (index into `Dockerfile.stages`), None for a global ARG.
    ///
    /// Type: ``int | None``.
    stage: Option<usize>,
    /// Where the whole instruction is written.
    ///
    /// Type: ``Span``.
    span: Span,
}

#[pymethods]
impl Instruction {
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["keyword", "span"])
    }
}

/// A build stage of a Dockerfile: its `FROM`.
#[pyclass(frozen, get_all, module = "reelnet")]
#[derive(Debug)]
pub struct BuildStage {
    /// The base image as written.
    ///
    /// Type: ``Value``.
    image: Py<Value>,
    /// The stage name (`AS build`).
    ///
    /// Type: ``Value | None``.
    name: Option<Py<Value>>,
    /// The base image resolved (stage references and global ARG defaults
    /// followed); None for `scratch`, an unresolved variable, or text that
    /// is not an image reference.
    ///
    /// Type: ``str | None``.
    base_image: Option<String>,
}

#[pymethods]
impl BuildStage {
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["image", "base_image"])
    }
}

/// A Dockerfile a service references.
#[pyclass(frozen, get_all, module = "reelnet")]
#[derive(Debug)]
pub struct Dockerfile {
    /// The file, relative as the report shows it.
    ///
    /// Type: ``str``.
    path: String,
    /// Its instructions, in order.
    ///
    /// Type: ``list[Instruction]``.
    instructions: Vec<Py<Instruction>>,
    /// The stages in order; the last one is the image that runs.
    ///
    /// Type: ``list[BuildStage]``.
    stages: Vec<Py<BuildStage>>,
    /// Why it could not be parsed (DKR000), else None.
    ///
    /// Type: ``str | None``.
    problem: Option<String>,
    /// The `.dockerignore` that applies to it, if any.
    ///
    /// Type: ``str | None``.
    dockerignore: Option<String>,
}

#[pymethods]
impl Dockerfile {
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["path", "stages"])
    }
}

/// A container of a workload's pod template.
#[pyclass(frozen, get_all, module = "reelnet")]
#[derive(Debug)]
pub struct Container {
    /// `name`.
    ///
    /// Type: ``Value | None``.
    name: Option<Py<Value>>,
    /// `image`, as written.
    ///
    /// Type: ``Value | None``.
    image: Option<Py<Value>>,
    /// `ports[].containerPort`.
    ///
    /// Type: ``list[Value]``.
    ports: Vec<Py<Value>>,
    /// `resources.requests.cpu`, as written.
    ///
    /// Type: ``Value | None``.
    cpu_request: Option<Py<Value>>,
    /// `resources.requests.memory`, as written.
    ///
    /// Type: ``Value | None``.
    memory_request: Option<Py<Value>>,
    /// `resources.limits.memory`, as written.
    ///
    /// Type: ``Value | None``.
    memory_limit: Option<Py<Value>>,
    /// `httpGet.path` of the readiness probe.
    ///
    /// Type: ``Value | None``.
    readiness_path: Option<Py<Value>>,
    /// `httpGet.path` of the liveness probe.
    ///
    /// Type: ``Value | None``.
    liveness_path: Option<Py<Value>>,
    /// Where the container's mapping is written.
    ///
    /// Type: ``Span``.
    span: Span,
}

#[pymethods]
impl Container {
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["name", "image"])
    }
}

/// One YAML document of a manifest.
#[pyclass(frozen, get_all, module = "reelnet")]
#[derive(Debug)]
pub struct ManifestDocument {
    /// 0-based position in the file.
    ///
    /// Type: ``int``.
    index: usize,
    /// `apiVersion`.
    ///
    /// Type: ``Value | None``.
    api_version: Option<Py<Value>>,
    /// `kind`.
    ///
    /// Type: ``Value | None``.
    kind: Option<Py<Value>>,
    /// `metadata.name`.
    ///
    /// Type: ``Value | None``.
    name: Option<Py<Value>>,
    /// `spec.replicas` of a Deployment or StatefulSet.
    ///
    /// Type: ``Value | None``.
    replicas: Option<Py<Value>>,
    /// The containers of a workload (Deployment, StatefulSet, DaemonSet).
    ///
    /// Type: ``list[Container]``.
    containers: Vec<Py<Container>>,
    /// Where the document is written.
    ///
    /// Type: ``Span``.
    span: Span,
}

#[pymethods]
impl ManifestDocument {
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["kind", "name"])
    }
}

/// A Kubernetes manifest a service references.
#[pyclass(frozen, get_all, module = "reelnet")]
#[derive(Debug)]
pub struct Manifest {
    /// The file, relative as the report shows it.
    ///
    /// Type: ``str``.
    path: String,
    /// Its YAML documents, in order.
    ///
    /// Type: ``list[ManifestDocument]``.
    documents: Vec<Py<ManifestDocument>>,
    /// What K8S000 reports in it.
    ///
    /// Type: ``list[str]``.
    problems: Vec<String>,
}

#[pymethods]
impl Manifest {
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        repr_fields(slf.as_any(), &["path", "documents"])
    }
}

fn instruction(py: Python<'_>, s: &Sources, i: &c::Instruction) -> PyResult<Instruction> {
    Ok(Instruction {
        keyword: i.keyword.clone(),
        arguments: i
            .arguments
            .iter()
            .map(|a| value(py, s, a))
            .collect::<PyResult<_>>()?,
        flags: i
            .flags
            .iter()
            .map(|a| value(py, s, a))
            .collect::<PyResult<_>>()?,
        form: i.form.map(|f| match f {
            c::CommandForm::Exec => "exec",
            c::CommandForm::Shell => "shell",
        }),
        stage: i.stage,
        span: Span::new(s, i.loc),
    })
}

/// The Python objects of a spec's Dockerfiles.
pub fn dockerfiles(py: Python<'_>, spec: &reelnet_spec::Spec) -> PyResult<Vec<Py<Dockerfile>>> {
    let s = &spec.sources;
    spec.containers
        .dockerfiles
        .iter()
        .map(|d| {
            let instructions = d
                .instructions
                .iter()
                .map(|i| Py::new(py, instruction(py, s, i)?))
                .collect::<PyResult<_>>()?;
            let bases = d.base_images();
            let stages = d
                .stages
                .iter()
                .zip(bases)
                .map(|(st, base_image)| {
                    Py::new(
                        py,
                        BuildStage {
                            image: value(py, s, &st.image)?,
                            name: opt_value(py, s, st.name.as_ref())?,
                            base_image: base_image.map(|r| r.to_string()),
                        },
                    )
                })
                .collect::<PyResult<_>>()?;
            Py::new(
                py,
                Dockerfile {
                    path: d.path.clone(),
                    instructions,
                    stages,
                    problem: d.problem.as_ref().map(|p| p.message.clone()),
                    dockerignore: d.dockerignore.clone(),
                },
            )
        })
        .collect()
}

fn container(py: Python<'_>, s: &Sources, k: &c::Container) -> PyResult<Container> {
    let path = |p: Option<&c::Probe>| opt_value(py, s, p.and_then(|p| p.http_path.value()));
    Ok(Container {
        name: opt_value(py, s, k.name.as_ref())?,
        image: opt_value(py, s, k.image.as_ref())?,
        ports: k
            .ports
            .iter()
            .map(|p| value(py, s, p))
            .collect::<PyResult<_>>()?,
        cpu_request: opt_value(py, s, k.resources.requests_cpu.value())?,
        memory_request: opt_value(py, s, k.resources.requests_memory.value())?,
        memory_limit: opt_value(py, s, k.resources.limits_memory.value())?,
        readiness_path: path(k.readiness_probe.as_ref())?,
        liveness_path: path(k.liveness_probe.as_ref())?,
        span: Span::new(s, k.loc),
    })
}

/// The Python objects of a spec's manifests.
pub fn manifests(py: Python<'_>, spec: &reelnet_spec::Spec) -> PyResult<Vec<Py<Manifest>>> {
    let s = &spec.sources;
    spec.containers
        .manifests
        .iter()
        .map(|m| {
            let documents = m
                .documents
                .iter()
                .map(|d| {
                    let (replicas, containers) = match &d.object {
                        c::Object::Workload(w) => (
                            opt_value(py, s, w.replicas.value())?,
                            w.containers
                                .iter()
                                .map(|k| Py::new(py, container(py, s, k)?))
                                .collect::<PyResult<_>>()?,
                        ),
                        _ => (None, Vec::new()),
                    };
                    Py::new(
                        py,
                        ManifestDocument {
                            index: d.index,
                            api_version: opt_value(py, s, d.api_version.as_ref())?,
                            kind: opt_value(py, s, d.kind.as_ref())?,
                            name: opt_value(py, s, d.name.as_ref())?,
                            replicas,
                            containers,
                            span: Span::new(s, d.loc),
                        },
                    )
                })
                .collect::<PyResult<_>>()?;
            Py::new(
                py,
                Manifest {
                    path: m.path.clone(),
                    documents,
                    problems: m.problems.iter().map(|p| p.message.clone()).collect(),
                },
            )
        })
        .collect()
}

/// Add the classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    add_sealed_class::<Span>(m)?;
    add_sealed_class::<Value>(m)?;
    add_sealed_class::<Instruction>(m)?;
    add_sealed_class::<BuildStage>(m)?;
    add_sealed_class::<Dockerfile>(m)?;
    add_sealed_class::<Container>(m)?;
    add_sealed_class::<ManifestDocument>(m)?;
    add_sealed_class::<Manifest>(m)?;
    Ok(())
}
