"""`help()` on every class of the package: the class's doc, every
attribute's doc and type, and no `__new__` on a class Python cannot
construct. Over every class `reelnet.__all__` exports and every class of
the extension module (`reelnet._reelnet`), so a new class cannot regress.

An attribute's type is written once, where the attribute is declared: a
last paragraph `Type: ``T``.` of its doc (the Rust field's `///` comment
for the pyo3 classes, the model's declaration for the model classes). An
attribute set on an instance (`SpecError.diagnostics`) is documented in
the class's doc as a paragraph ```name``: what it is. Type: ``T``.`. The
stub (`__init__.pyi`) must give every such attribute, with the same
type, and no other: the two cannot drift."""

from __future__ import annotations

import ast
import json
import pickle
import pydoc
import re
from typing import Any, Dict, List, Tuple

import pytest

import reelnet
from reelnet import _reelnet  # type: ignore[attr-defined]
from reelnet._model import _Sealed
from support import ROOT, SEED

STUB = ROOT / "bindings" / "python" / "python" / "reelnet" / "__init__.pyi"

# The last paragraph of an attribute's doc.
TYPE_LINE = re.compile(r"(?:^|\n)Type: ``(?P<type>[^`]+)``\.\s*$")
# A paragraph of a class's doc that documents an instance attribute.
DOC_ATTRIBUTE = re.compile(
    r"^``(?P<name>\w+)``: .*?Type: ``(?P<type>[^`]+)``\.\s*$", re.MULTILINE | re.DOTALL
)


def exported_classes() -> List[Tuple[str, type]]:
    """Every class `reelnet` exports, and every class of the extension."""
    seen: Dict[int, Tuple[str, type]] = {}
    for name in reelnet.__all__:
        obj = getattr(reelnet, name)
        if isinstance(obj, type):
            seen.setdefault(id(obj), (obj.__name__, obj))
    for obj in vars(_reelnet).values():
        if isinstance(obj, type):
            seen.setdefault(id(obj), (obj.__name__, obj))
    return sorted(seen.values(), key=lambda item: item[0])


CLASSES = exported_classes()


def is_data_attribute(name: str, value: Any) -> bool:
    """A public data attribute (a property or a pyo3 getter): what help()
    lists under "Data descriptors" (it hides `_private` slots)."""
    if name.startswith("_"):
        return False
    return isinstance(value, property) or (
        hasattr(value, "__get__") and hasattr(value, "__set__") and not callable(value)
    )


def help_doc(attribute: Any) -> str:
    """An attribute's doc without its `Type:` paragraph, as the stub
    writes it (``code`` for Rust's `code`), whitespace normalised."""
    doc = TYPE_LINE.sub("", attribute.__doc__ or "")
    doc = re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", doc)
    return " ".join(doc.split())


def class_doc(cls: type) -> str:
    """A pyo3 class's doc as the stub writes it (``code`` for `code`)."""
    doc = re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", cls.__doc__ or "")
    return " ".join(doc.split())


def help_types(cls: type) -> Dict[str, str]:
    """Each attribute of the class and the type its help states; fails
    on an attribute whose help has no doc or no type."""
    types: Dict[str, str] = {}
    for name, value in vars(cls).items():
        if not is_data_attribute(name, value):
            continue
        doc = value.__doc__ or ""
        found = TYPE_LINE.search(doc)
        assert found, f"{cls.__name__}.{name}: its doc gives no `Type: ``T``.` line: {doc!r}"
        assert doc[: found.start()].strip(), f"{cls.__name__}.{name} has a type but no doc"
        types[name] = found["type"]
    for found in DOC_ATTRIBUTE.finditer(cls.__doc__ or ""):
        types[found["name"]] = found["type"]
    return types


def stub_types() -> Dict[str, Dict[str, str]]:
    """Each class of the stub, with its attributes (properties and
    annotated names) and their annotations as written."""
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    classes: Dict[str, Dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        attrs: Dict[str, str] = {}
        for item in node.body:
            if isinstance(item, ast.FunctionDef) and item.returns is not None and any(
                isinstance(d, ast.Name) and d.id == "property" for d in item.decorator_list
            ):
                attrs[item.name] = ast.unparse(item.returns)
            elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                attrs[item.target.id] = ast.unparse(item.annotation)
        classes[node.name] = attrs
    return classes


@pytest.mark.parametrize("name,cls", CLASSES, ids=[n for n, _ in CLASSES])
def test_help_shows_the_class_doc_and_each_attribute_with_its_type(name: str, cls: type) -> None:
    page = pydoc.render_doc(cls, renderer=pydoc.plaintext)
    doc = cls.__doc__
    assert doc and doc.strip(), f"{name} has no doc"
    assert doc.strip().splitlines()[0] in page
    types = help_types(cls)
    for attribute, type_ in types.items():
        assert f"Type: ``{type_}``." in page, f"help({name}) does not show {attribute}'s type"
    for attribute, value in vars(cls).items():
        if is_data_attribute(attribute, value):
            assert re.search(rf"^ \|  {attribute}\n \|      \S", page, re.MULTILINE), (
                f"help({name}) shows no doc under {attribute}"
            )


@pytest.mark.parametrize("name,cls", CLASSES, ids=[n for n, _ in CLASSES])
def test_a_class_python_cannot_construct_shows_no_constructor(name: str, cls: type) -> None:
    try:
        cls()
    except TypeError:
        pass
    else:
        return  # constructible (SpecError): its `__new__` is real
    page = pydoc.render_doc(cls, renderer=pydoc.plaintext)
    assert "__new__" not in page, f"help({name}) advertises a __new__"
    assert f"|  {name}(" not in page, f"help({name}) shows a call signature"
    if not isinstance(cls, _Sealed):
        # A pyo3 class keeps its `tp_new` slot without the `__new__`
        # entry: it still refuses, however it is asked.
        with pytest.raises(TypeError, match="cannot create|not safe"):
            cls.__new__(cls)


def test_the_stub_gives_each_attribute_the_type_help_states() -> None:
    stub = stub_types()
    for name, cls in CLASSES:
        if cls.__module__ != "reelnet":
            continue  # the extension's own classes (`LoadedSpec`) have no stub
        assert name in stub, f"the stub has no class {name}"
        assert stub[name] == help_types(cls), (
            f"{name}: the stub's attribute types differ from those help() states "
            "(the `Type:` line of each attribute's doc, where it is declared)"
        )


def test_the_stub_gives_each_pyo3_attribute_the_doc_help_shows() -> None:
    """The model part of the stub is generated (test_stubs.py); the pyo3
    classes' part is written by hand, with each attribute's doc copied
    from its Rust `///` comment: this fails when a copy is stale."""
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    checked = 0
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(reelnet, node.name, None)
        if not isinstance(cls, type) or isinstance(cls, _Sealed):
            continue
        if not issubclass(cls, BaseException):
            stub_doc = " ".join((ast.get_docstring(node) or "").split())
            assert stub_doc == class_doc(cls), (
                f"{node.name}: the stub's doc differs from the Rust doc comment"
            )
        for item in node.body:
            if isinstance(item, ast.FunctionDef) and isinstance(
                vars(cls).get(item.name), type(reelnet.Span.file)
            ):
                stub_doc = " ".join((ast.get_docstring(item) or "").split())
                assert stub_doc == help_doc(getattr(cls, item.name)), (
                    f"{node.name}.{item.name}: the stub's doc differs from the Rust doc comment"
                )
                checked += 1
    assert checked > 50


def test_sealed_classes_stay_instances_and_pickle(cli: Any) -> None:
    report = reelnet.lint_path(ROOT / "examples" / "reelnet.yaml", config=False)
    diagnostic = next(d for d in report.diagnostics if d.related)
    assert isinstance(diagnostic, reelnet.Diagnostic)
    assert isinstance(diagnostic.related[0], reelnet.Related)
    assert pickle.loads(pickle.dumps(diagnostic)) == diagnostic
    assert pickle.loads(pickle.dumps(diagnostic.related[0])) == diagnostic.related[0]
    # Every diagnostic of a report, `help` None or not, survives a round trip.
    for d in report.diagnostics:
        again = pickle.loads(pickle.dumps(d))
        assert again == d and again.to_dict() == d.to_dict()


def test_a_tampered_pickle_is_a_value_error() -> None:
    """A pickle's payload is the JSON form; a wrong one is a ValueError that
    says what it is, never a crash."""
    with pytest.raises(ValueError, match="not a pickled reelnet object"):
        _reelnet._rebuild_diagnostic('{"code": 5}')
    with pytest.raises(ValueError, match="not a pickled reelnet object"):
        _reelnet._rebuild_related("[" * 100_000)


class _Tampered:
    """Pickles as a call of a rebuilder on any JSON text."""

    def __init__(self, rebuild: Any, json_text: Any) -> None:
        self.rebuild, self.json_text = rebuild, json_text

    def __reduce__(self) -> tuple[Any, tuple[Any]]:
        return (self.rebuild, (self.json_text,))


def test_a_tampered_pickle_is_validated() -> None:
    """F5: a pickle whose fields break the invariants (an unknown
    severity, a line 0, an end before the start, in the diagnostic or a
    related place) or whose JSON text holds a lone surrogate is the same
    ValueError, through `pickle.loads`."""
    report = reelnet.lint(reelnet.loads("name: x\n"))
    d = report.diagnostics[0].to_dict()
    place = {"file": "a.yaml", "line": 3, "column": 2, "end_line": 3, "end_column": 5,
             "path": "/a", "message": "overlaps this one"}
    bad_diagnostics = [
        dict(d, severity="fatal"),
        dict(d, severity="Error"),
        dict(d, line=0),
        dict(d, column=0),
        dict(d, end_line=d["line"] - 1 if d["line"] > 1 else 0),
        dict(d, line=5, end_line=5, column=4, end_column=3),
        dict(d, related=[dict(place, end_line=2)]),
    ]
    texts = [json.dumps(b) for b in bad_diagnostics]
    texts.append(json.dumps(d).replace('"message": "', '"message": "\ud800', 1))
    texts.append(json.dumps(d).replace('"message": "', '"message": "\\ud800', 1))
    for text in texts:
        with pytest.raises(ValueError) as info:
            pickle.loads(pickle.dumps(_Tampered(_reelnet._rebuild_diagnostic, text)))
        assert type(info.value) is ValueError, repr(info.value)
        assert str(info.value).startswith("not a pickled reelnet object: "), str(info.value)
    for rel in [dict(place, line=0), dict(place, end_column=1), dict(place, end_line=2)]:
        with pytest.raises(ValueError, match="not a pickled reelnet object"):
            pickle.loads(pickle.dumps(_Tampered(_reelnet._rebuild_related, json.dumps(rel))))
    with pytest.raises(ValueError, match="not a pickled reelnet object"):
        _reelnet._rebuild_diagnostic(b"{}")
    # A sound one still rebuilds, a related place included.
    good = dict(d, related=[place])
    again = pickle.loads(pickle.dumps(_Tampered(_reelnet._rebuild_diagnostic, json.dumps(good))))
    assert again.to_dict() == good
    # Control characters in a tampered pickle are data, inert on display.
    odd = pickle.loads(pickle.dumps(_Tampered(
        _reelnet._rebuild_diagnostic, json.dumps(dict(d, code="\x1b]0;t\x07", message="\x9bm")))))
    assert odd.code == "\x1b]0;t\x07"
    assert "\x1b" not in str(odd) and "\x9b" not in str(odd) and "\x1b" not in repr(odd)


def test_span_to_dict_is_its_attributes() -> None:
    stage = reelnet.load(SEED).dockerfiles[0].stages[0]
    span = stage.image.span
    d = span.to_dict()
    assert list(d) == ["file", "line", "column", "end_line", "end_column", "path"]
    assert all(getattr(span, k) == v for k, v in d.items())
