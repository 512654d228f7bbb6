"""Type stubs of ``reelnet``, the Python binding of reelnet-spec and reelnet-lint.

Every class is read-only and built by the module (none can be created or
subclassed from Python). Conventions of the model classes:

- Attributes have the field names of the YAML (``Record.type`` included).
- Absent optional fields are ``None``; fields with a documented default
  hold the default (``Database.multi_az`` is ``False`` when left out).
- Repeatable resources are lists: ``database``, ``certificates`` and
  ``api_gateway`` may be one mapping or a list in the YAML, and are always a
  list here. ``alarms`` and ``pipeline.environments`` are dicts keyed by
  name, in the order of the YAML (each value also has ``.name``). Lists and
  dicts are fresh copies on every access.
- Keywords (``engine``, ``viewer_protocol``, ``subnets`` tiers, ...) and
  versions are strings.
- CIDRs are strings as written, host bits included (``10.0.1.5/24`` loads;
  the linter reports it as NET003). ``network`` is the ``ipaddress`` network
  with host bits cleared (``ip_network(cidr, strict=False)``); ``interface``
  keeps the address as written (``ip_interface(cidr)``).
- Durations are numbers in the unit the field names (``rto_minutes`` in
  minutes, ``backup_retention`` in days, ``Function.timeout`` and
  ``Alarm.period`` in seconds): an ``int`` when whole, else a ``float``
  (``backup_retention: 36h`` is ``1.5``). Sizes are GiB the same way, with
  the exact ``storage_bytes`` beside.
- ``to_dict()`` gives plain data: the section as written plus defaults.
"""

import datetime
import ipaddress
import os
from collections.abc import Iterable
from typing import Any, final

from typing_extensions import TypeAlias

_PathArg: TypeAlias = str | bytes | os.PathLike[str] | os.PathLike[bytes]
_Selectors: TypeAlias = str | Iterable[str] | None
_AsOf: TypeAlias = datetime.date | str | None
_Network: TypeAlias = ipaddress.IPv4Network | ipaddress.IPv6Network
_Interface: TypeAlias = ipaddress.IPv4Interface | ipaddress.IPv6Interface

__version__: str

__all__ = [
    "Alarm",
    "ApiGateway",
    "AutoScaling",
    "Bucket",
    "BuildStage",
    "Cdn",
    "Certificate",
    "Compute",
    "Container",
    "Database",
    "Diagnostic",
    "DisasterRecovery",
    "Distribution",
    "Dns",
    "Dockerfile",
    "Environment",
    "FileSystem",
    "Function",
    "Instruction",
    "LifecycleRule",
    "Logging",
    "Manifest",
    "ManifestDocument",
    "Metrics",
    "Model",
    "Pipeline",
    "Record",
    "Related",
    "Replication",
    "Report",
    "Rule",
    "Security",
    "Service",
    "Shield",
    "Span",
    "Spec",
    "SpecError",
    "Stage",
    "Storage",
    "Subnet",
    "Summary",
    "Throttling",
    "Value",
    "Vpc",
    "Waf",
    "Zone",
    "__version__",
    "lint",
    "lint_path",
    "load",
    "loads",
    "rules",
    "schema",
]

class SpecError(ValueError):
    """The spec cannot be loaded; ``.diagnostics`` lists every problem found."""

    diagnostics: list[Diagnostic]

def load(path: _PathArg) -> Spec:
    """Load a spec from a YAML file or a directory of them (merged into one spec).

    Raises ``SpecError`` when the spec has errors and ``OSError`` (e.g.
    ``FileNotFoundError``) when the path cannot be read.
    """

def loads(text: str | bytes, name: str = "inline.yaml") -> Spec:
    """Load a spec from its text; ``name`` is the file name diagnostics show."""

def lint(
    spec: Spec,
    select: _Selectors = None,
    ignore: _Selectors = None,
    as_of: _AsOf = None,
) -> Report:
    """Lint a loaded spec.

    ``select``/``ignore``: rule codes, names, code prefixes or ``ALL``, as one
    comma-separated string or an iterable of strings. ``as_of``: the date
    date-dependent rules use (default today).
    """

def lint_path(
    path: _PathArg,
    select: _Selectors = None,
    ignore: _Selectors = None,
    as_of: _AsOf = None,
    config: _PathArg | bool | None = None,
    baseline: _PathArg | None = None,
) -> Report:
    """Load and lint a spec as ``reelnet-lint check`` does: problems that stop
    it from loading become diagnostics.

    ``config``: ``None`` discovers ``reelnet-lint.toml`` or a
    ``[tool.reelnet-lint]`` table in ``pyproject.toml`` from the current
    directory up to the repository root, as the CLI does; a path reads that
    file; ``False`` uses none. ``select``/``ignore``/``as_of`` replace the
    configuration's keys. ``baseline``: a baseline file whose recorded
    findings are hidden (``--baseline``). Raises ``OSError`` for an
    unreadable path, configuration or baseline, ``ValueError`` for a bad
    configuration or baseline.
    """

def rules() -> list[Rule]:
    """The rule catalogue, in code order."""

def schema() -> dict[str, Any]:
    """The JSON Schema of the spec format."""

# --- Reports ---------------------------------------------------------------

@final
class Related:
    """Another place a diagnostic involves."""

    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def end_line(self) -> int: ...
    @property
    def end_column(self) -> int: ...
    @property
    def path(self) -> str: ...
    @property
    def message(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Diagnostic:
    """One finding, with every field of the JSON report.

    Lines and columns are 1-based (columns count characters, ``end_column`` is
    exclusive); ``path`` is a JSON Pointer into the file as written.
    """

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def severity(self) -> str:
        """``error``, ``warning`` or ``info``."""
    @property
    def message(self) -> str: ...
    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def end_line(self) -> int: ...
    @property
    def end_column(self) -> int: ...
    @property
    def path(self) -> str: ...
    @property
    def help(self) -> str | None: ...
    @property
    def related(self) -> list[Related]: ...
    def to_dict(self) -> dict[str, Any]:
        """As the JSON report shows it (same keys, same order)."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Summary:
    """Counts of a report, as in the JSON report's ``summary``."""

    @property
    def specs(self) -> int: ...
    @property
    def errors(self) -> int: ...
    @property
    def warnings(self) -> int: ...
    @property
    def infos(self) -> int: ...
    @property
    def suppressed(self) -> int: ...
    def to_dict(self) -> dict[str, int]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Report:
    """The findings of one lint run."""

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every finding, sorted by file, line, column and code."""
    @property
    def suppressed(self) -> list[Diagnostic]:
        """Findings hidden by suppression comments (counted in ``summary.suppressed``)."""
    @property
    def summary(self) -> Summary: ...
    def to_json(self) -> str:
        """The version-1 JSON report, byte for byte what the CLI's ``--format json`` prints."""
    def to_sarif(self) -> str:
        """The report as a SARIF 2.1.0 log, as the CLI's ``--format sarif`` prints it."""
    def to_gitlab(self) -> str:
        """The report as a GitLab Code Quality report (a JSON array), as the CLI's ``--format gitlab`` prints it."""
    def fails(self, fail_on: str = "warning") -> bool:
        """Whether a finding is at or above ``fail_on`` (the CLI's exit code 1)."""

@final
class Rule:
    """A rule of the catalogue."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def severity(self) -> str:
        """Default severity: ``error``, ``warning`` or ``info``."""
    @property
    def summary(self) -> str: ...
    @property
    def doc(self) -> str:
        """The full documentation, as ``reelnet-lint explain`` prints it."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

# --- The model -------------------------------------------------------------

@final
class Spec:
    """A loaded spec: every top-level section of the format, its warnings and files."""

    @property
    def path(self) -> str:
        """The path (or, for ``loads``, the name) it was loaded from."""
    @property
    def files(self) -> list[str]:
        """The files it was read from, in load order."""
    @property
    def warnings(self) -> list[Diagnostic]:
        """The loader's warnings (e.g. SPEC003, an unquoted version)."""
    @property
    def dockerfiles(self) -> list[Dockerfile]:
        """The Dockerfiles the services reference, parsed (CONTAINERS.md)."""
    @property
    def manifests(self) -> list[Manifest]:
        """The Kubernetes manifests the services reference, parsed."""
    @property
    def name(self) -> str: ...
    @property
    def region(self) -> str | None: ...
    @property
    def dr_region(self) -> str | None: ...
    @property
    def availability_zones(self) -> list[str]: ...
    @property
    def vpc(self) -> Vpc | None: ...
    @property
    def dns(self) -> Dns | None: ...
    @property
    def cdn(self) -> Cdn | None: ...
    @property
    def api_gateway(self) -> list[ApiGateway]: ...
    @property
    def security(self) -> Security | None: ...
    @property
    def certificates(self) -> list[Certificate]: ...
    @property
    def compute(self) -> Compute | None: ...
    @property
    def auto_scaling(self) -> AutoScaling | None: ...
    @property
    def storage(self) -> Storage | None: ...
    @property
    def database(self) -> list[Database]: ...
    @property
    def alarms(self) -> dict[str, Alarm]:
        """Alarms by name, in the order of the YAML."""
    @property
    def logging(self) -> Logging | None: ...
    @property
    def metrics(self) -> Metrics | None: ...
    @property
    def pipeline(self) -> Pipeline | None: ...
    @property
    def disaster_recovery(self) -> DisasterRecovery | None: ...
    def to_dict(self) -> dict[str, Any]:
        """The whole spec as plain data: as written, plus defaults."""

# ``Model`` (the Rust type whose sections ``Spec`` exposes) is another name of ``Spec``.
Model = Spec

@final
class Vpc:
    @property
    def cidr(self) -> str: ...
    @property
    def network(self) -> _Network:
        """``ipaddress.ip_network(cidr, strict=False)``: host bits cleared."""
    @property
    def public_subnets(self) -> list[Subnet]: ...
    @property
    def private_subnets(self) -> list[Subnet]: ...
    @property
    def subnets(self) -> list[Subnet]:
        """Every subnet of both tiers, public first."""
    @property
    def peers(self) -> list[str]:
        """CIDRs of peered VPCs or on-premises ranges."""
    @property
    def peer_networks(self) -> list[_Network]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Subnet:
    @property
    def cidr(self) -> str: ...
    @property
    def network(self) -> _Network:
        """``ipaddress.ip_network(cidr, strict=False)``: host bits cleared."""
    @property
    def interface(self) -> _Interface:
        """``ipaddress.ip_interface(cidr)``: the address as written, host bits kept."""
    @property
    def az(self) -> str | None:
        """The zone as written (None for the shorthand form)."""
    @property
    def name(self) -> str | None: ...
    @property
    def tier(self) -> str:
        """``public`` or ``private``."""
    @property
    def index(self) -> int:
        """Position in its tier's list."""
    @property
    def zone(self) -> str | None:
        """``az``, else placed round-robin over ``availability_zones``, else None."""
    def to_dict(self) -> dict[str, Any]: ...

@final
class Dns:
    @property
    def zones(self) -> list[Zone]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Zone:
    @property
    def name(self) -> str: ...
    @property
    def records(self) -> list[Record]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Record:
    @property
    def name(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def target(self) -> str:
        """``cdn/NAME``, ``api_gateway``, ``storage/BUCKET``, or a host name."""
    def to_dict(self) -> dict[str, Any]: ...

@final
class Cdn:
    @property
    def distributions(self) -> list[Distribution]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Distribution:
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> list[str]: ...
    @property
    def origins(self) -> list[str]: ...
    @property
    def certificate(self) -> str | None: ...
    @property
    def waf(self) -> str | None: ...
    @property
    def viewer_protocol(self) -> str: ...
    @property
    def min_tls(self) -> str | None: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class ApiGateway:
    @property
    def name(self) -> str: ...
    @property
    def domain(self) -> str | None: ...
    @property
    def waf(self) -> str | None: ...
    @property
    def throttling(self) -> Throttling | None: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Throttling:
    @property
    def rate_limit(self) -> int | None: ...
    @property
    def burst_limit(self) -> int | None: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Security:
    @property
    def waf(self) -> list[Waf]: ...
    @property
    def shield(self) -> Shield | None: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Waf:
    @property
    def name(self) -> str: ...
    @property
    def managed_rules(self) -> list[str]: ...
    @property
    def rate_limit(self) -> int | None: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Shield:
    @property
    def advanced(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Certificate:
    @property
    def domain(self) -> str: ...
    @property
    def alternative_names(self) -> list[str]: ...
    @property
    def validation(self) -> str: ...
    @property
    def renewal(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Compute:
    @property
    def services(self) -> list[Service]: ...
    @property
    def functions(self) -> list[Function]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Service:
    @property
    def name(self) -> str: ...
    @property
    def image(self) -> str: ...
    @property
    def port(self) -> int | None: ...
    @property
    def replicas(self) -> int: ...
    @property
    def subnets(self) -> str:
        """The subnet tier: ``public`` or ``private``."""
    @property
    def cpu(self) -> int | None:
        """CPU units."""
    @property
    def memory(self) -> int | None:
        """MiB."""
    @property
    def health_check(self) -> str | None: ...
    @property
    def environment(self) -> dict[str, str]: ...
    @property
    def dockerfile(self) -> str | None:
        """The Dockerfile that builds ``image``, relative to the spec file."""
    @property
    def manifests(self) -> list[str]:
        """The manifests (paths or globs) that deploy it, relative to the spec file."""
    def to_dict(self) -> dict[str, Any]: ...

@final
class Function:
    @property
    def name(self) -> str: ...
    @property
    def runtime(self) -> str | None: ...
    @property
    def memory(self) -> int:
        """MiB."""
    @property
    def timeout(self) -> float:
        """Seconds."""
    @property
    def trigger(self) -> str | None: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class AutoScaling:
    @property
    def min_size(self) -> int: ...
    @property
    def max_size(self) -> int: ...
    @property
    def desired_capacity(self) -> int: ...
    @property
    def scale_up_threshold(self) -> float | None:
        """Percent CPU."""
    @property
    def scale_down_threshold(self) -> float | None:
        """Percent CPU."""
    def to_dict(self) -> dict[str, Any]: ...

@final
class Storage:
    @property
    def buckets(self) -> list[Bucket]: ...
    @property
    def file_systems(self) -> list[FileSystem]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Bucket:
    @property
    def name(self) -> str: ...
    @property
    def versioning(self) -> bool: ...
    @property
    def encryption(self) -> str: ...
    @property
    def public_access(self) -> str: ...
    @property
    def replication(self) -> Replication | None: ...
    @property
    def lifecycle(self) -> list[LifecycleRule] | None:
        """None when the YAML has no ``lifecycle`` key."""
    def to_dict(self) -> dict[str, Any]: ...

@final
class Replication:
    @property
    def region(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class LifecycleRule:
    @property
    def after_days(self) -> float:
        """Days."""
    @property
    def transition(self) -> str | None: ...
    @property
    def expire(self) -> bool | None: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class FileSystem:
    @property
    def name(self) -> str: ...
    @property
    def encrypted(self) -> bool: ...
    @property
    def subnets(self) -> str:
        """The subnet tier: ``public`` or ``private``."""
    def to_dict(self) -> dict[str, Any]: ...

@final
class Database:
    @property
    def name(self) -> str: ...
    @property
    def instance_type(self) -> str | None: ...
    @property
    def storage(self) -> float | None:
        """GiB."""
    @property
    def storage_bytes(self) -> int | None: ...
    @property
    def engine(self) -> str | None: ...
    @property
    def version(self) -> str | None: ...
    @property
    def multi_az(self) -> bool: ...
    @property
    def backup_retention(self) -> float:
        """Days."""
    @property
    def encrypted(self) -> bool: ...
    @property
    def publicly_accessible(self) -> bool: ...
    @property
    def subnets(self) -> str:
        """The subnet tier: ``public`` or ``private``."""
    @property
    def cross_region_backups(self) -> str | None: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Alarm:
    @property
    def name(self) -> str: ...
    @property
    def metric(self) -> str: ...
    @property
    def threshold(self) -> float: ...
    @property
    def period(self) -> float:
        """Seconds."""
    @property
    def evaluation_periods(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Logging:
    @property
    def stack(self) -> str | None: ...
    @property
    def rotation(self) -> str | None: ...
    @property
    def retention_days(self) -> float | None:
        """Days."""
    def to_dict(self) -> dict[str, Any]: ...

@final
class Metrics:
    @property
    def prometheus(self) -> bool: ...
    @property
    def grafana(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Pipeline:
    @property
    def stages(self) -> list[Stage]: ...
    @property
    def environments(self) -> dict[str, Environment]:
        """Environments by name, in the order of the YAML."""
    def to_dict(self) -> dict[str, Any]: ...

@final
class Stage:
    @property
    def name(self) -> str: ...
    @property
    def steps(self) -> list[str]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Environment:
    @property
    def name(self) -> str: ...
    @property
    def domain(self) -> str | None: ...
    @property
    def approval(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class DisasterRecovery:
    @property
    def strategy(self) -> str | None: ...
    @property
    def rto_minutes(self) -> float | None:
        """Minutes."""
    @property
    def rpo_minutes(self) -> float | None:
        """Minutes."""
    @property
    def failover_testing(self) -> str | None: ...
    def to_dict(self) -> dict[str, Any]: ...

# The container layer (CONTAINERS.md): Dockerfiles and manifests with spans.

@final
class Span:
    """Where a value is written: 1-based lines and columns (``end_column``
    exclusive) and its JSON Pointer in the file."""

    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def end_line(self) -> int: ...
    @property
    def end_column(self) -> int: ...
    @property
    def path(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Value:
    """A value of a Dockerfile or manifest, as text, with its span."""

    @property
    def value(self) -> str: ...
    @property
    def span(self) -> Span: ...

@final
class Instruction:
    @property
    def keyword(self) -> str:
        """Uppercase: ``FROM``, ``RUN``, ..."""
    @property
    def arguments(self) -> list[Value]: ...
    @property
    def flags(self) -> list[Value]: ...
    @property
    def form(self) -> str | None:
        """``exec`` or ``shell`` for RUN, CMD and ENTRYPOINT."""
    @property
    def stage(self) -> int | None:
        """Index into ``Dockerfile.stages``; None for an ARG before the first FROM."""
    @property
    def span(self) -> Span: ...

@final
class BuildStage:
    @property
    def image(self) -> Value: ...
    @property
    def name(self) -> Value | None: ...
    @property
    def base_image(self) -> str | None:
        """Stage references and global ARG defaults followed; None for ``scratch``."""

@final
class Dockerfile:
    @property
    def path(self) -> str: ...
    @property
    def instructions(self) -> list[Instruction]: ...
    @property
    def stages(self) -> list[BuildStage]:
        """In order; the last one is the image that runs."""
    @property
    def problem(self) -> str | None:
        """Why it could not be parsed (DKR000)."""
    @property
    def dockerignore(self) -> str | None: ...

@final
class Container:
    @property
    def name(self) -> Value | None: ...
    @property
    def image(self) -> Value | None: ...
    @property
    def ports(self) -> list[Value]:
        """``containerPort`` values."""
    @property
    def cpu_request(self) -> Value | None: ...
    @property
    def memory_request(self) -> Value | None: ...
    @property
    def memory_limit(self) -> Value | None: ...
    @property
    def readiness_path(self) -> Value | None: ...
    @property
    def liveness_path(self) -> Value | None: ...
    @property
    def span(self) -> Span: ...

@final
class ManifestDocument:
    @property
    def index(self) -> int: ...
    @property
    def api_version(self) -> Value | None: ...
    @property
    def kind(self) -> Value | None: ...
    @property
    def name(self) -> Value | None: ...
    @property
    def replicas(self) -> Value | None: ...
    @property
    def containers(self) -> list[Container]: ...
    @property
    def span(self) -> Span: ...

@final
class Manifest:
    @property
    def path(self) -> str: ...
    @property
    def documents(self) -> list[ManifestDocument]: ...
    @property
    def problems(self) -> list[str]:
        """What K8S000 reports in it."""
