"""ReelNet architecture specs from Python: the typed model and the linter.

A thin binding over the Rust crates ``reelnet-spec`` and ``reelnet-lint``::

    import reelnet

    spec = reelnet.load("examples/reelnet.yaml")   # a file or a directory
    for subnet in spec.vpc.subnets:
        print(subnet.cidr, subnet.zone)
    report = reelnet.lint(spec, select=["NET"])
    print(report.to_json())

See ``__init__.pyi`` for every class and attribute.
"""

from ._reelnet import (
    BuildStage,
    Container,
    Diagnostic,
    Dockerfile,
    Instruction,
    Manifest,
    ManifestDocument,
    Related,
    Report,
    Rule,
    Span,
    SpecError,
    Summary,
    Value,
    __version__,
    lint_path,
    rules,
    schema,
)
from ._model import CLASSES as _CLASSES
from ._model import _Sealed, lint, load, loads

# The model's classes, made from its declaration (see ``_model.py``).
Alarm = _CLASSES["Alarm"]
ApiGateway = _CLASSES["ApiGateway"]
AutoScaling = _CLASSES["AutoScaling"]
Bucket = _CLASSES["Bucket"]
Cdn = _CLASSES["Cdn"]
Certificate = _CLASSES["Certificate"]
Compute = _CLASSES["Compute"]
Database = _CLASSES["Database"]
DisasterRecovery = _CLASSES["DisasterRecovery"]
Distribution = _CLASSES["Distribution"]
Dns = _CLASSES["Dns"]
Environment = _CLASSES["Environment"]
FileSystem = _CLASSES["FileSystem"]
Function = _CLASSES["Function"]
LifecycleRule = _CLASSES["LifecycleRule"]
Logging = _CLASSES["Logging"]
Metrics = _CLASSES["Metrics"]
Pipeline = _CLASSES["Pipeline"]
Record = _CLASSES["Record"]
Replication = _CLASSES["Replication"]
Security = _CLASSES["Security"]
Service = _CLASSES["Service"]
Shield = _CLASSES["Shield"]
Spec = _CLASSES["Spec"]
Stage = _CLASSES["Stage"]
Storage = _CLASSES["Storage"]
Subnet = _CLASSES["Subnet"]
Throttling = _CLASSES["Throttling"]
Vpc = _CLASSES["Vpc"]
Waf = _CLASSES["Waf"]
Zone = _CLASSES["Zone"]
Model = Spec

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
