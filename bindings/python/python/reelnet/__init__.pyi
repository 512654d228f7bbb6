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
from typing import Any, NoReturn, final

from typing_extensions import TypeAlias

_PathArg: TypeAlias = str | bytes | os.PathLike[str] | os.PathLike[bytes]
_Selectors: TypeAlias = str | Iterable[str] | None
_AsOf: TypeAlias = datetime.date | str | None
_Network: TypeAlias = ipaddress.IPv4Network | ipaddress.IPv6Network
_Interface: TypeAlias = ipaddress.IPv4Interface | ipaddress.IPv6Interface

__version__: str

__all__ = [
    "BuildStage",
    "Container",
    "Diagnostic",
    "Dockerfile",
    "Instruction",
    "Manifest",
    "ManifestDocument",
    "Model",
    "Related",
    "Report",
    "Rule",
    "Span",
    "SpecError",
    "Summary",
    "Value",
    "__version__",
    "lint",
    "lint_path",
    "load",
    "loads",
    "rules",
    "schema",
]

class SpecError(ValueError):
    """The spec cannot be loaded (a ``ValueError``); ``str(error)`` summarises it."""

    diagnostics: list[Diagnostic]
    """Every problem found, in report order."""

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
    """Another place a diagnostic involves ("overlaps this one")."""

    @property
    def file(self) -> str:
        """The file, relative as the report shows it."""
    @property
    def line(self) -> int:
        """1-based line where it starts."""
    @property
    def column(self) -> int:
        """1-based column where it starts (in characters)."""
    @property
    def end_line(self) -> int:
        """1-based line where it ends."""
    @property
    def end_column(self) -> int:
        """1-based column where it ends (exclusive)."""
    @property
    def path(self) -> str:
        """Its JSON Pointer in the file as written."""
    @property
    def message(self) -> str:
        """What this place is to the finding ("overlaps this one")."""
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Diagnostic:
    """One finding, with every field of the JSON report. Lines and columns are 1-based
    (columns count characters; ``end_column`` is exclusive); ``path`` is a JSON Pointer
    into the file as written.
    """

    @property
    def code(self) -> str:
        """The rule's code (``NET001``)."""
    @property
    def name(self) -> str:
        """The rule's name (``subnet-overlap``)."""
    @property
    def severity(self) -> str:
        """``error``, ``warning`` or ``info``."""
    @property
    def message(self) -> str:
        """What is wrong, with the actual values."""
    @property
    def file(self) -> str:
        """The file, relative as the report shows it."""
    @property
    def line(self) -> int:
        """1-based line where it starts."""
    @property
    def column(self) -> int:
        """1-based column where it starts (in characters)."""
    @property
    def end_line(self) -> int:
        """1-based line where it ends."""
    @property
    def end_column(self) -> int:
        """1-based column where it ends (exclusive)."""
    @property
    def path(self) -> str:
        """Its JSON Pointer in the file as written."""
    @property
    def help(self) -> str | None:
        """What to do about it, when the rule says."""
    @property
    def related(self) -> list[Related]:
        """The other places it involves."""
    def to_dict(self) -> dict[str, Any]:
        """As the JSON report shows it (same keys, same order)."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Summary:
    """Counts of a report, as in the JSON report's ``summary``."""

    @property
    def specs(self) -> int:
        """Specs linted."""
    @property
    def errors(self) -> int:
        """Findings of severity ``error``."""
    @property
    def warnings(self) -> int:
        """Findings of severity ``warning``."""
    @property
    def infos(self) -> int:
        """Findings of severity ``info``."""
    @property
    def suppressed(self) -> int:
        """Findings hidden by suppression comments (never failures)."""
    def to_dict(self) -> dict[str, int]:
        """As the JSON report's ``summary`` shows it."""
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
        """Findings hidden by suppression comments (counted in ``summary.suppressed``,
        never failures), sorted like ``diagnostics``.
        """
    @property
    def summary(self) -> Summary:
        """The counts, as in the JSON report's ``summary``."""
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
    def code(self) -> str:
        """Its code (``NET001``)."""
    @property
    def name(self) -> str:
        """Its name (``subnet-overlap``)."""
    @property
    def severity(self) -> str:
        """Default severity: ``error``, ``warning`` or ``info``."""
    @property
    def summary(self) -> str:
        """One line: when it fires."""
    @property
    def doc(self) -> str:
        """The full documentation, as ``reelnet-lint explain`` prints it."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

# --- The model: generated from its declaration by reelnet._model.stub() -----
# --- (UPDATE_STUBS=1 bash bindings/python/test.sh rewrites it) ---------------
class _Sealed(type):
    """The metaclass of the model classes: their objects come from ``reelnet.load()`` and
    ``reelnet.loads()`` only, and they cannot be subclassed.
    """

    def __new__(
        mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]
    ) -> _Sealed: ...
    def __call__(cls) -> NoReturn:  # type: ignore[override]
        """Raises ``TypeError``: ``load()`` and ``loads()`` make the objects."""

@final
class Spec(metaclass=_Sealed):
    """ReelNet architecture spec

    One deployed architecture of the ReelNet platform (see FORMAT.md).
    """

    @property
    def alarms(self) -> dict[str, Alarm]:
        """Alarms by name."""
    @property
    def api_gateway(self) -> list[ApiGateway]:
        """API Gateways: one mapping or a list in the YAML; always a list once loaded.
        """
    @property
    def auto_scaling(self) -> AutoScaling | None:
        """The EC2 Auto Scaling group the services run on."""
    @property
    def availability_zones(self) -> list[str]:
        """Availability zones used to place shorthand subnets round-robin."""
    @property
    def cdn(self) -> Cdn | None:
        """CloudFront distributions."""
    @property
    def certificates(self) -> list[Certificate]:
        """ACM certificates: one mapping or a list in the YAML; always a list once loaded.
        """
    @property
    def compute(self) -> Compute | None:
        """ECS/Kubernetes services and Lambda functions."""
    @property
    def database(self) -> list[Database]:
        """RDS databases: one mapping or a list in the YAML; always a list once loaded.
        """
    @property
    def disaster_recovery(self) -> DisasterRecovery | None:
        """Disaster recovery objectives (RTO, RPO) and strategy."""
    @property
    def dns(self) -> Dns | None:
        """Route 53 hosted zones and their records."""
    @property
    def dockerfiles(self) -> list[Dockerfile]:
        """The Dockerfiles the services reference, parsed (CONTAINERS.md)."""
    @property
    def dr_region(self) -> str | None:
        """Region for cross-region copies."""
    @property
    def files(self) -> list[str]:
        """The files it was read from, in load order."""
    @property
    def logging(self) -> Logging | None:
        """Log shipping and retention."""
    @property
    def manifests(self) -> list[Manifest]:
        """The Kubernetes manifests the services reference, parsed."""
    @property
    def metrics(self) -> Metrics | None:
        """Metrics collection and dashboards."""
    @property
    def name(self) -> str:
        """The architecture's name (``""`` when the spec has none)."""
    @property
    def path(self) -> str:
        """The path (or, for ``loads``, the name) it was loaded from."""
    @property
    def pipeline(self) -> Pipeline | None:
        """The delivery pipeline: stages and environments."""
    @property
    def region(self) -> str | None:
        """AWS region of the primary deployment."""
    @property
    def security(self) -> Security | None:
        """WAF web ACLs and AWS Shield."""
    @property
    def storage(self) -> Storage | None:
        """S3 buckets and EFS file systems."""
    @property
    def vpc(self) -> Vpc | None:
        """The VPC: its CIDR block, subnets and peers."""
    @property
    def warnings(self) -> list[Diagnostic]:
        """The loader's warnings (e.g. SPEC003, an unquoted version)."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Alarm(metaclass=_Sealed):
    """A CloudWatch alarm (the map key is its name)."""

    @property
    def evaluation_periods(self) -> int:
        """How many consecutive periods must breach the threshold before it fires; at least
        1, default 1.
        """
    @property
    def metric(self) -> str:
        """The CloudWatch metric it watches; default from the alarm's name: each word
        capitalised, `cpu` → `CPU` (`cpu_utilization` → `CPUUtilization`).
        """
    @property
    def name(self) -> str:
        """Its name: the key it is listed under."""
    @property
    def period(self) -> float:
        """The evaluation period in seconds; default 300.

        A number in the field's unit: an int when whole, else a float.
        """
    @property
    def threshold(self) -> float:
        """The value the metric is compared with."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class ApiGateway(metaclass=_Sealed):
    """API Gateway."""

    @property
    def domain(self) -> str | None:
        """The custom domain name it serves."""
    @property
    def name(self) -> str:
        """The gateway's name, which `api_gateway/NAME` origins refer to; default `api`
        when there is one gateway.
        """
    @property
    def throttling(self) -> Throttling | None:
        """Request throttling of the gateway's stage."""
    @property
    def waf(self) -> str | None:
        """Names a `security.waf[].name` that protects it."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class AutoScaling(metaclass=_Sealed):
    """The EC2 Auto Scaling group the services run on."""

    @property
    def desired_capacity(self) -> int:
        """Instances to run; default `min_size`, as on EC2 Auto Scaling."""
    @property
    def max_size(self) -> int:
        """Most instances."""
    @property
    def min_size(self) -> int:
        """Fewest instances."""
    @property
    def scale_down_threshold(self) -> float | None:
        """Average CPU utilisation, in percent (0-100), below which it removes instances.
        """
    @property
    def scale_up_threshold(self) -> float | None:
        """Average CPU utilisation, in percent (0-100), above which it adds instances.
        """
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Bucket(metaclass=_Sealed):
    """An S3 bucket."""

    @property
    def encryption(self) -> str:
        """Server-side encryption: `s3` (SSE-S3), `kms` (SSE-KMS) or `none`; default `s3`.
        """
    @property
    def lifecycle(self) -> list[LifecycleRule] | None:
        """Absent means no lifecycle rules."""
    @property
    def name(self) -> str:
        """The bucket's name."""
    @property
    def public_access(self) -> str:
        """Public access: `blocked` (all four S3 Block Public Access settings on) or
        `public`; default `blocked`.
        """
    @property
    def replication(self) -> Replication | None:
        """Cross-region replication of its objects."""
    @property
    def versioning(self) -> bool:
        """Whether object versioning is on; default false."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Cdn(metaclass=_Sealed):
    """CloudFront."""

    @property
    def distributions(self) -> list[Distribution]:
        """The CloudFront distributions."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Certificate(metaclass=_Sealed):
    """ACM certificate."""

    @property
    def alternative_names(self) -> list[str]:
        """Subject alternative names."""
    @property
    def domain(self) -> str:
        """The certificate's domain name; `*.example.com` for a wildcard."""
    @property
    def renewal(self) -> bool:
        """Whether ACM renews it automatically; default true."""
    @property
    def validation(self) -> str:
        """How ACM validates the domain: `DNS` or `EMAIL`; default `DNS`."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Compute(metaclass=_Sealed):
    """Services and functions."""

    @property
    def functions(self) -> list[Function]:
        """Lambda functions."""
    @property
    def services(self) -> list[Service]:
        """ECS/Kubernetes services."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Database(metaclass=_Sealed):
    """An RDS database."""

    @property
    def backup_retention(self) -> float:
        """Days automated backups are kept, 0-35; default 1, as on RDS.

        A number in the field's unit: an int when whole, else a float.
        """
    @property
    def cross_region_backups(self) -> str | None:
        """The AWS region automated backups are replicated to."""
    @property
    def encrypted(self) -> bool:
        """Whether storage is encrypted at rest; default false."""
    @property
    def engine(self) -> str | None:
        """The RDS engine: `postgres`, `mysql`, `mariadb`, `aurora-postgresql` or
        `aurora-mysql`
        """
    @property
    def instance_type(self) -> str | None:
        """The RDS instance class, e.g. `db.r5.large`."""
    @property
    def multi_az(self) -> bool:
        """Whether it runs a standby in another zone (Multi-AZ); default false."""
    @property
    def name(self) -> str:
        """The database's name; default `database`."""
    @property
    def publicly_accessible(self) -> bool:
        """Whether it gets a public IP address; default false."""
    @property
    def storage(self) -> float | None:
        """Allocated storage: an integer number of GiB or a size such as `100GB`.

        GiB: an int when whole, else a float; ``storage_bytes`` is exact.
        """
    @property
    def storage_bytes(self) -> int | None:
        """``storage`` in bytes, exact."""
    @property
    def subnets(self) -> str:
        """The subnet tier it is placed in: `public` or `private`; default `private`."""
    @property
    def version(self) -> str | None:
        """The engine version, kept as written (quote it in the YAML)."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class DisasterRecovery(metaclass=_Sealed):
    """Disaster recovery objectives."""

    @property
    def failover_testing(self) -> str | None:
        """How often failover is tested: `monthly`, `quarterly`, `yearly` or `never`."""
    @property
    def rpo_minutes(self) -> float | None:
        """Recovery point objective, in minutes.

        A number in the field's unit: an int when whole, else a float.
        """
    @property
    def rto_minutes(self) -> float | None:
        """Recovery time objective, in minutes.

        A number in the field's unit: an int when whole, else a float.
        """
    @property
    def strategy(self) -> str | None:
        """The recovery strategy: `blue-green`, `rolling`, `pilot-light`, `warm-standby` or
        `active-active`.
        """
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Distribution(metaclass=_Sealed):
    """A CloudFront distribution."""

    @property
    def aliases(self) -> list[str]:
        """The domain names it serves (CNAMEs)."""
    @property
    def certificate(self) -> str | None:
        """The ACM certificate it serves, named by its domain."""
    @property
    def min_tls(self) -> str | None:
        """The minimum TLS version viewers may use: a CloudFront security policy name, e.g.
        `TLSv1.2_2021`.
        """
    @property
    def name(self) -> str:
        """The distribution's name, which `cdn/NAME` record targets refer to."""
    @property
    def origins(self) -> list[str]:
        """Where it fetches content: `api_gateway`, `api_gateway/NAME` or `storage/BUCKET`.
        """
    @property
    def viewer_protocol(self) -> str:
        """How viewers may connect: `allow-all`, `redirect-to-https` or `https-only`;
        default `allow-all`, as on CloudFront.
        """
    @property
    def waf(self) -> str | None:
        """The WAF web ACL that protects it: a `security.waf[].name`."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Dns(metaclass=_Sealed):
    """Route 53."""

    @property
    def zones(self) -> list[Zone]:
        """Hosted zones."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Environment(metaclass=_Sealed):
    """A pipeline environment (the map key is its name)."""

    @property
    def approval(self) -> bool:
        """Whether deploying to it needs a manual approval; default false."""
    @property
    def domain(self) -> str | None:
        """The domain the environment is served on."""
    @property
    def name(self) -> str:
        """Its name: the key it is listed under."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class FileSystem(metaclass=_Sealed):
    """An EFS file system."""

    @property
    def encrypted(self) -> bool:
        """Whether it is encrypted at rest; default false."""
    @property
    def name(self) -> str:
        """The file system's name."""
    @property
    def subnets(self) -> str:
        """The subnet tier its mount targets are in: `public` or `private`; default
        `private`.
        """
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Function(metaclass=_Sealed):
    """A Lambda function."""

    @property
    def memory(self) -> int:
        """Memory in MiB; default 128, as on Lambda."""
    @property
    def name(self) -> str:
        """The function's name."""
    @property
    def runtime(self) -> str | None:
        """The Lambda runtime identifier, e.g. `java17`, `python3.12`."""
    @property
    def timeout(self) -> float:
        """The timeout in seconds; default 3, as on Lambda.

        A number in the field's unit: an int when whole, else a float.
        """
    @property
    def trigger(self) -> str | None:
        """What invokes it, e.g. `storage/BUCKET` for S3 events of a bucket."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class LifecycleRule(metaclass=_Sealed):
    """A bucket lifecycle rule."""

    @property
    def after_days(self) -> float:
        """Days after an object's creation the rule acts.

        A number in the field's unit: an int when whole, else a float.
        """
    @property
    def expire(self) -> bool | None:
        """Whether objects are deleted (instead of moved)."""
    @property
    def transition(self) -> str | None:
        """The S3 storage class objects move to, e.g. `STANDARD_IA`, `GLACIER`."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Logging(metaclass=_Sealed):
    """Log shipping and retention."""

    @property
    def retention_days(self) -> float | None:
        """Days logs are kept.

        A number in the field's unit: an int when whole, else a float.
        """
    @property
    def rotation(self) -> str | None:
        """How often logs rotate, e.g. `daily`."""
    @property
    def stack(self) -> str | None:
        """The log shipping stack, e.g. `elk`, `cloudwatch`."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Metrics(metaclass=_Sealed):
    """Metrics collection and dashboards."""

    @property
    def grafana(self) -> bool:
        """Whether Grafana dashboards are provisioned; default false."""
    @property
    def prometheus(self) -> bool:
        """Whether Prometheus scrapes the services; default false."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Pipeline(metaclass=_Sealed):
    """The delivery pipeline."""

    @property
    def environments(self) -> dict[str, Environment]:
        """Deployment environments by name, in the order of the YAML."""
    @property
    def stages(self) -> list[Stage]:
        """The stages in order; each a one-key mapping from the stage's name to its steps.
        """
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Record(metaclass=_Sealed):
    """A DNS record of a hosted zone."""

    @property
    def name(self) -> str:
        """The record's domain name (inside its zone)."""
    @property
    def target(self) -> str:
        """What the record points at: `cdn/NAME`, `api_gateway`, `storage/BUCKET`, or a
        host name.
        """
    @property
    def type(self) -> str:
        """The DNS record type (`type` in the YAML): `A`, `AAAA`, `CNAME`, ..."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Replication(metaclass=_Sealed):
    """Cross-region replication of a bucket."""

    @property
    def region(self) -> str:
        """The AWS region objects are replicated to."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Security(metaclass=_Sealed):
    """WAF web ACLs and AWS Shield."""

    @property
    def shield(self) -> Shield | None:
        """AWS Shield; absent means Shield Standard only."""
    @property
    def waf(self) -> list[Waf]:
        """WAF web ACLs."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Service(metaclass=_Sealed):
    """An ECS/Kubernetes service."""

    @property
    def cpu(self) -> int | None:
        """CPU units (1024 = one vCPU)."""
    @property
    def dockerfile(self) -> str | None:
        """The Dockerfile that builds `image`, relative to the spec file (CONTAINERS.md).
        """
    @property
    def environment(self) -> dict[str, str]:
        """Environment variables, by name."""
    @property
    def health_check(self) -> str | None:
        """The HTTP path of its health check, e.g. `/health`."""
    @property
    def image(self) -> str:
        """The container image: `registry/repo:tag` or `repo@sha256:digest`."""
    @property
    def manifests(self) -> list[str]:
        """Kubernetes manifests that deploy the service, relative to the spec file; globs
        (`*`, `?`, `**`, `[...]`) allowed.
        """
    @property
    def memory(self) -> int | None:
        """Memory in MiB."""
    @property
    def name(self) -> str:
        """The service's name."""
    @property
    def port(self) -> int | None:
        """The container port it listens on."""
    @property
    def replicas(self) -> int:
        """How many copies of the task run; default 1."""
    @property
    def subnets(self) -> str:
        """The subnet tier its tasks run in: `public` or `private`; default `private`.
        """
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Shield(metaclass=_Sealed):
    """AWS Shield."""

    @property
    def advanced(self) -> bool:
        """Whether Shield Advanced is subscribed; default false."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Stage(metaclass=_Sealed):
    """A stage: a one-key mapping from the stage name to its steps"""

    @property
    def name(self) -> str:
        """The stage's name (the mapping's key)."""
    @property
    def steps(self) -> list[str]:
        """Its steps, in order."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Storage(metaclass=_Sealed):
    """Buckets and file systems."""

    @property
    def buckets(self) -> list[Bucket]:
        """S3 buckets."""
    @property
    def file_systems(self) -> list[FileSystem]:
        """EFS file systems."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Subnet(metaclass=_Sealed):
    """A subnet: a CIDR block, or a mapping { cidr, az?, name? }"""

    @property
    def az(self) -> str | None:
        """The zone it lives in, as ``to_dict()`` and ``reelnet-lint show`` give it: the
        zone written (``az:``), else placed round-robin over ``availability_zones`` (the
        shorthand form), else None.
        """
    @property
    def cidr(self) -> str:
        """The subnet's CIDR block, as written (host bits kept); it must lie inside the
        VPC's.
        """
    @property
    def index(self) -> int:
        """Position in its tier's list."""
    @property
    def interface(self) -> _Interface:
        """``ipaddress.ip_interface(cidr)``: the address as written, host bits kept."""
    @property
    def name(self) -> str | None:
        """A name for the subnet, as written."""
    @property
    def network(self) -> _Network:
        """``ipaddress.ip_network(cidr, strict=False)``: host bits cleared."""
    @property
    def tier(self) -> str:
        """``public`` or ``private``: the list it is in."""
    @property
    def zone(self) -> str | None:
        """The same as ``az``: the zone it lives in."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Throttling(metaclass=_Sealed):
    """API Gateway throttling (requests per second)."""

    @property
    def burst_limit(self) -> int | None:
        """Requests per second in a burst."""
    @property
    def rate_limit(self) -> int | None:
        """Steady-state requests per second."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Vpc(metaclass=_Sealed):
    """The VPC and its subnets."""

    @property
    def cidr(self) -> str:
        """The VPC's IPv4 or IPv6 CIDR block, as written (host bits kept)."""
    @property
    def network(self) -> _Network:
        """``ipaddress.ip_network(cidr, strict=False)``: host bits cleared."""
    @property
    def peer_networks(self) -> list[_Network]:
        """The peers as ``ipaddress`` networks (host bits cleared)."""
    @property
    def peers(self) -> list[str]:
        """CIDRs of peered VPCs or on-premises ranges that must not overlap."""
    @property
    def private_subnets(self) -> list[Subnet]:
        """Subnets without a route to an internet gateway, in the order written."""
    @property
    def public_subnets(self) -> list[Subnet]:
        """Subnets with a route to an internet gateway, in the order written."""
    @property
    def subnets(self) -> list[Subnet]:
        """Every subnet of both tiers, public first."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Waf(metaclass=_Sealed):
    """A WAF web ACL."""

    @property
    def managed_rules(self) -> list[str]:
        """AWS managed rule groups, e.g. `AWSManagedRulesCommonRuleSet`."""
    @property
    def name(self) -> str:
        """The ACL's name, which `waf:` keys of distributions and gateways refer to."""
    @property
    def rate_limit(self) -> int | None:
        """Requests per 5 minutes from one IP before the rate-based rule blocks it."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

@final
class Zone(metaclass=_Sealed):
    """A Route 53 hosted zone."""

    @property
    def name(self) -> str:
        """The zone's domain name, e.g. `reelnet.com`."""
    @property
    def records(self) -> list[Record]:
        """The zone's records."""
    def to_dict(self) -> dict[str, Any]:
        """The section as plain data, its part of ``reelnet-lint show``: the model as the
        linter understood it, not the YAML as written. Defaults are filled in, explicit
        nulls are gone, shorthands are expanded (``database`` is a list, a subnet
        ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``),
        and sizes are normalised (``100GB`` is ``"100GiB"``).
        """

# ``Model`` (the Rust type whose sections ``Spec`` exposes) is another name of ``Spec``.
Model = Spec

__all__ += [
    "Alarm",
    "ApiGateway",
    "AutoScaling",
    "Bucket",
    "Cdn",
    "Certificate",
    "Compute",
    "Database",
    "DisasterRecovery",
    "Distribution",
    "Dns",
    "Environment",
    "FileSystem",
    "Function",
    "LifecycleRule",
    "Logging",
    "Metrics",
    "Pipeline",
    "Record",
    "Replication",
    "Security",
    "Service",
    "Shield",
    "Spec",
    "Stage",
    "Storage",
    "Subnet",
    "Throttling",
    "Vpc",
    "Waf",
    "Zone",
]
# --- end of the generated model --------------------------------------------

# The container layer (CONTAINERS.md): Dockerfiles and manifests with spans.

@final
class Span:
    """Where a value is written: 1-based lines and columns (columns count characters;
    ``end_column`` is exclusive) and its JSON Pointer in the file.
    """

    @property
    def file(self) -> str:
        """The file, relative as the report shows it."""
    @property
    def line(self) -> int:
        """1-based line where it starts."""
    @property
    def column(self) -> int:
        """1-based column where it starts (in characters)."""
    @property
    def end_line(self) -> int:
        """1-based line where it ends."""
    @property
    def end_column(self) -> int:
        """1-based column where it ends (exclusive)."""
    @property
    def path(self) -> str:
        """Its JSON Pointer in the file."""
    def to_dict(self) -> dict[str, Any]:
        """The six fields as a dict."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Value:
    """A value of a Dockerfile or manifest, as text, with where it is written."""

    @property
    def value(self) -> str:
        """The value as text (unescaped)."""
    @property
    def span(self) -> Span:
        """Where it is written."""

@final
class Instruction:
    """One Dockerfile instruction."""

    @property
    def keyword(self) -> str:
        """The keyword, uppercase (``FROM``, ``RUN``, ...)."""
    @property
    def arguments(self) -> list[Value]:
        """The arguments, unescaped, with their spans."""
    @property
    def flags(self) -> list[Value]:
        """Options such as ``--from=build``, as written."""
    @property
    def form(self) -> str | None:
        """``exec`` or ``shell`` for RUN, CMD, ENTRYPOINT; else None."""
    @property
    def stage(self) -> int | None:
        """The stage (index into ``Dockerfile.stages``), None for a global ARG."""
    @property
    def span(self) -> Span:
        """Where the whole instruction is written."""

@final
class BuildStage:
    """A build stage of a Dockerfile: its ``FROM``."""

    @property
    def image(self) -> Value:
        """The base image as written."""
    @property
    def name(self) -> Value | None:
        """The stage name (``AS build``)."""
    @property
    def base_image(self) -> str | None:
        """The base image resolved (stage references and global ARG defaults followed);
        None for ``scratch``, an unresolved variable, or text that is not an
        image reference.
        """

@final
class Dockerfile:
    """A Dockerfile a service references."""

    @property
    def path(self) -> str:
        """The file, relative as the report shows it."""
    @property
    def instructions(self) -> list[Instruction]:
        """Its instructions, in order."""
    @property
    def stages(self) -> list[BuildStage]:
        """The stages in order; the last one is the image that runs."""
    @property
    def problem(self) -> str | None:
        """Why it could not be parsed (DKR000), else None."""
    @property
    def dockerignore(self) -> str | None:
        """The ``.dockerignore`` that applies to it, if any."""

@final
class Container:
    """A container of a workload's pod template."""

    @property
    def name(self) -> Value | None:
        """``name``."""
    @property
    def image(self) -> Value | None:
        """``image``, as written."""
    @property
    def ports(self) -> list[Value]:
        """``ports[].containerPort``."""
    @property
    def cpu_request(self) -> Value | None:
        """``resources.requests.cpu``, as written."""
    @property
    def memory_request(self) -> Value | None:
        """``resources.requests.memory``, as written."""
    @property
    def memory_limit(self) -> Value | None:
        """``resources.limits.memory``, as written."""
    @property
    def readiness_path(self) -> Value | None:
        """``httpGet.path`` of the readiness probe."""
    @property
    def liveness_path(self) -> Value | None:
        """``httpGet.path`` of the liveness probe."""
    @property
    def span(self) -> Span:
        """Where the container's mapping is written."""

@final
class ManifestDocument:
    """One YAML document of a manifest."""

    @property
    def index(self) -> int:
        """0-based position in the file."""
    @property
    def api_version(self) -> Value | None:
        """``apiVersion``."""
    @property
    def kind(self) -> Value | None:
        """``kind``."""
    @property
    def name(self) -> Value | None:
        """``metadata.name``."""
    @property
    def replicas(self) -> Value | None:
        """``spec.replicas`` of a Deployment or StatefulSet."""
    @property
    def containers(self) -> list[Container]:
        """The containers of a workload (Deployment, StatefulSet, DaemonSet)."""
    @property
    def span(self) -> Span:
        """Where the document is written."""

@final
class Manifest:
    """A Kubernetes manifest a service references."""

    @property
    def path(self) -> str:
        """The file, relative as the report shows it."""
    @property
    def documents(self) -> list[ManifestDocument]:
        """Its YAML documents, in order."""
    @property
    def problems(self) -> list[str]:
        """What K8S000 reports in it."""
