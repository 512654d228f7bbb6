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

# The model's classes (`Spec`, `Vpc`, `Database`, ...), made from its
# declaration when the package is imported (see `_model.py`).
globals().update(_CLASSES)
Model = _CLASSES["Spec"]

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
    *sorted(_CLASSES),
]
