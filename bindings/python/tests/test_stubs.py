"""The model part of `__init__.pyi` is generated from the model's
declaration (`reelnet._model.stub()`, from the same catalogue the classes
are made from): this fails when the committed stub differs.
`UPDATE_STUBS=1` rewrites it (then review the diff), as `UPDATE_DOCS=1`
does for the generated docs."""

from __future__ import annotations

import os
import pydoc

import reelnet
from reelnet import _model
from support import ROOT

STUB = ROOT / "bindings" / "python" / "python" / "reelnet" / "__init__.pyi"
BEGIN = "# --- The model: generated from its declaration by reelnet._model.stub() -----\n"
BEGIN += "# --- (UPDATE_STUBS=1 bash bindings/python/test.sh rewrites it) ---------------\n"
END = "# --- end of the generated model --------------------------------------------\n"


def test_the_model_stub_is_generated_from_the_declaration() -> None:
    text = STUB.read_text(encoding="utf-8")
    assert BEGIN in text and END in text, "the stub lost its generated-section markers"
    head, rest = text.split(BEGIN, 1)
    committed, tail = rest.split(END, 1)
    generated = _model.stub()
    if os.environ.get("UPDATE_STUBS"):
        STUB.write_text(head + BEGIN + generated + END + tail, encoding="utf-8")
        return
    assert committed == generated, (
        "the model part of __init__.pyi is stale: run "
        "`UPDATE_STUBS=1 bash bindings/python/test.sh` and review the diff"
    )


def test_every_field_of_the_declaration_is_an_attribute() -> None:
    for name, cls in _model.CATALOGUE.classes.items():
        runtime = getattr(reelnet, name)
        for field in cls.fields:
            assert isinstance(getattr(runtime, field.name), property), f"{name}.{field.name}"


def test_help_shows_docs_and_types_and_no_constructor() -> None:
    page = pydoc.render_doc(reelnet.Vpc, renderer=pydoc.plaintext)
    assert "The VPC and its subnets." in page
    assert "CIDRs of peered VPCs" in page  # a field's doc comment
    assert "Type: ``list[str]``." in page  # and its type
    assert "__new__" not in page and "|  Vpc(" not in page  # no constructor
    for name in _model.CATALOGUE.classes:
        cls = getattr(reelnet, name)
        page = pydoc.render_doc(cls, renderer=pydoc.plaintext)
        assert "__new__" not in page, name
        assert cls.__doc__, f"{name} has no doc"
        for field in _model.CATALOGUE.classes[name].fields:
            doc = getattr(cls, field.name).__doc__
            assert doc and "Type: ``" in doc, f"{name}.{field.name}"
            assert not doc.startswith("Type:"), f"{name}.{field.name} has no doc comment"
    page = pydoc.render_doc(reelnet.Database.storage, renderer=pydoc.plaintext)
    assert "GiB" in page and "float | None" in page


def test_every_attribute_has_a_precise_type() -> None:
    """A type of the declaration the catalogue cannot map (an `anyOf` of
    unrelated types, say) would be `Any`: give its serialised form a schema
    of one type instead (schemars' serialize contract)."""
    generated = _model.stub()
    assert "-> Any" not in generated.replace("-> dict[str, Any]", "")
    assert "Any |" not in generated and "[Any]" not in generated
