"""The model classes, made from the model's one declaration.

``_reelnet.model_schema()`` is the JSON Schema of the model's serialised
form, generated from the Rust structs (``reelnet-spec/src/model.rs``) that
also drive loading, ``reelnet-lint show`` and the checked-in schema. Each
section of it becomes a class here, each field a read-only attribute with
the field's serde name, its doc comment and its type; nothing below names
a field of a section. A loaded spec gives its values as plain data
(``LoadedSpec.values()``, durations and sizes already in their Python form)
and its serialised form (``LoadedSpec.plain()``, what ``to_dict()`` gives,
made on first use and kept).

Conversions, once per TYPE of the schema:

- keywords, CIDRs, domains, versions: ``str``;
- durations: a number in the field's unit (``int`` when whole, else
  ``float``); sizes: GiB the same way, with ``<field>_bytes`` exact;
- sections: one shared object each (``spec.vpc is spec.vpc``);
- lists and dicts (named maps keyed by name, each item with ``.name``):
  fresh containers on every access.

What is written by hand is per class, not per field: the top level
``Spec`` (its path, files, warnings, container files), the subnets' tier,
index and placement, the ``ipaddress`` views of CIDRs, and pipeline stages
(one-key mappings in the YAML).

``stub()`` renders the model part of ``__init__.pyi`` from the same
catalogue; ``tests/test_stubs.py`` fails when the committed stub differs
(``UPDATE_STUBS=1`` rewrites it).
"""

from __future__ import annotations

import inspect
import ipaddress
import textwrap
from typing import Any, Callable, Dict, List, Optional, Tuple

from . import _reelnet  # type: ignore[attr-defined]  # the extension has no stub of its own

# A type of the schema, as the catalogue keeps it: ("str",), ("int",),
# ("float",), ("bool",), ("any",), ("duration",), ("size",),
# ("section", name), ("list", T), ("dict", T), ("named", name),
# ("optional", T).
_Type = Tuple[Any, ...]

_SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}

# The root of the schema is the model; its Python class is `Spec`.
_ROOT = "Spec"


class _Field:
    __slots__ = ("name", "doc", "type")

    def __init__(self, name: str, doc: str, type_: _Type) -> None:
        self.name = name
        self.doc = doc
        self.type = type_


class _Class:
    __slots__ = ("name", "doc", "fields")

    def __init__(self, name: str, doc: str, fields: List[_Field]) -> None:
        self.name = name
        self.doc = doc
        self.fields = fields


def _doc(schema: Dict[str, Any]) -> str:
    parts = [schema.get("title", ""), schema.get("description", "")]
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def _ref_name(schema: Dict[str, Any]) -> Optional[str]:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _is_section(schema: Dict[str, Any]) -> bool:
    return schema.get("type") == "object" and "properties" in schema


class _Catalogue:
    """Every section class of the schema, with its fields' names, docs and types."""

    def __init__(self, schema: Dict[str, Any]) -> None:
        self.defs: Dict[str, Any] = schema.get("$defs", {})
        self.classes: Dict[str, _Class] = {}
        self.named: set[str] = set()
        self._add(_ROOT, schema)
        for name in sorted(self.defs):
            d = self.defs[name]
            if _is_section(d):
                self._add(name, d)
        self._special()
        self._reachable()
        # An item of a named map (`alarms`, `pipeline.environments`) has
        # the key it is listed under as its `name`.
        for name in sorted(self.named):
            cls = self.classes[name]
            if all(f.name != "name" for f in cls.fields):
                doc = "Its name: the key it is listed under."
                cls.fields.insert(0, _Field("name", doc, ("str",)))

    def _add(self, name: str, schema: Dict[str, Any]) -> None:
        required = set(schema.get("required", []))
        fields = []
        for key, prop in schema["properties"].items():
            t = self.type_of(prop)
            if key not in required and t[0] != "optional":
                t = ("optional", t)
            fields.append(_Field(key, _doc(prop) or self._ref_doc(prop), t))
        self.classes[name] = _Class(name, _doc(schema), fields)

    def _reachable(self) -> None:
        """Keep the classes a spec can hold (not the schema's helpers)."""
        seen, todo = set(), [_ROOT]
        while todo:
            name = todo.pop()
            if name in seen or name not in self.classes:
                continue
            seen.add(name)
            for field in self.classes[name].fields:
                t = field.type
                while t[0] in ("optional", "list", "dict"):
                    t = t[1]
                if t[0] in ("section", "named"):
                    todo.append(t[1])
        self.classes = {n: c for n, c in self.classes.items() if n in seen}
        self.named &= seen

    def _ref_doc(self, prop: Dict[str, Any]) -> str:
        for option in [prop, *prop.get("anyOf", [])]:
            name = _ref_name(option)
            if name is not None:
                return _doc(self.defs.get(name, {}))
        return ""

    def _special(self) -> None:
        """The sections the model serialises by hand: a subnet (a CIDR or a
        mapping in the YAML; the mapping's fields here) and a pipeline stage
        (a one-key mapping from its name to its steps)."""
        subnet = self.defs.get("Subnet", {})
        mapping = next(
            (self.defs[n] for o in subnet.get("anyOf", []) if (n := _ref_name(o)) in self.defs
             and _is_section(self.defs[n])),
            None,
        )
        if mapping is not None:
            self._add("Subnet", mapping)
            self.classes["Subnet"].doc = _doc(subnet)
        stage = self.defs.get("Stage")
        if stage is not None:
            self.classes["Stage"] = _Class(
                "Stage",
                _doc(stage),
                [
                    _Field("name", "The stage's name (the mapping's key).", ("str",)),
                    _Field("steps", "Its steps, in order.", ("list", ("str",))),
                ],
            )

    def type_of(self, schema: Dict[str, Any]) -> _Type:
        name = _ref_name(schema)
        if name is not None:
            if name in ("Duration", "Size"):
                return (name.lower(),)
            d = self.defs.get(name, {})
            if _is_section(d) or name in ("Subnet", "Stage"):
                return ("section", name)
            return self.type_of(d)
        if "anyOf" in schema or "oneOf" in schema:
            options = schema.get("anyOf") or schema.get("oneOf") or []
            kept = [o for o in options if o.get("type") != "null"]
            types = {self.type_of(o) for o in kept}
            t = types.pop() if len(types) == 1 else ("any",)
            return ("optional", t) if len(kept) < len(options) else t
        kind = schema.get("type")
        if isinstance(kind, list):
            kept = [k for k in kind if k != "null"]
            t = self.type_of({**schema, "type": kept[0]}) if len(kept) == 1 else ("any",)
            return ("optional", t) if len(kept) < len(kind) else t
        if kind in _SCALARS:
            return (_SCALARS[kind],)
        if kind == "array":
            return ("list", self.type_of(schema.get("items", {})))
        if kind == "object":
            values = schema.get("additionalProperties")
            if isinstance(values, dict):
                t = self.type_of(values)
                if t[0] == "section":
                    self.named.add(t[1])
                    return ("named", t[1])
                return ("dict", t)
            return ("dict", ("any",))
        if "enum" in schema or "const" in schema:
            return ("str",)
        return ("any",)


def _annotation(t: _Type) -> str:
    """The type as the stub writes it."""
    kind = t[0]
    if kind == "optional":
        return f"{_annotation(t[1])} | None"
    if kind in ("duration", "size"):
        return "float"
    if kind in ("section", "named"):
        return t[1] if kind == "section" else f"dict[str, {t[1]}]"
    if kind == "list":
        return f"list[{_annotation(t[1])}]"
    if kind == "dict":
        return f"dict[str, {_annotation(t[1])}]"
    return "Any" if kind == "any" else kind


def _base(t: _Type) -> _Type:
    return t[1] if t[0] == "optional" else t


def _unit_note(t: _Type) -> str:
    kind = _base(t)[0]
    if kind == "duration":
        return "A number in the field's unit: an int when whole, else a float."
    if kind == "size":
        return "GiB: an int when whole, else a float; ``{}_bytes`` is exact."
    return ""


# --- Hand-written extras: per class, never per field --------------------


def _ip_network(cidr: str) -> Any:
    return ipaddress.ip_network(cidr, strict=False)


class _Extra:
    """An attribute a class has beyond its serialised fields: computed by
    ``get``, or (``get`` None) stored when the spec is built."""

    __slots__ = ("name", "annotation", "doc", "get")

    def __init__(
        self, name: str, annotation: str, doc: str, get: Optional[Callable[[Any], Any]]
    ) -> None:
        self.name = name
        self.annotation = annotation
        self.doc = doc
        self.get = get


_EXTRAS: Dict[str, List[_Extra]] = {
    _ROOT: [
        _Extra("path", "str", "The path (or, for ``loads``, the name) it was loaded from.",
               lambda s: s._h.path),
        _Extra("files", "list[str]", "The files it was read from, in load order.",
               lambda s: s._h.files),
        _Extra("warnings", "list[Diagnostic]",
               "The loader's warnings (e.g. SPEC003, an unquoted version).",
               lambda s: s._h.warnings),
        _Extra("dockerfiles", "list[Dockerfile]",
               "The Dockerfiles the services reference, parsed (CONTAINERS.md).",
               lambda s: s._h.dockerfiles),
        _Extra("manifests", "list[Manifest]",
               "The Kubernetes manifests the services reference, parsed.",
               lambda s: s._h.manifests),
    ],
    "Vpc": [
        _Extra("network", "_Network",
               "``ipaddress.ip_network(cidr, strict=False)``: host bits cleared.",
               lambda s: _ip_network(s.cidr)),
        _Extra("subnets", "list[Subnet]", "Every subnet of both tiers, public first.",
               lambda s: s.public_subnets + s.private_subnets),
        _Extra("peer_networks", "list[_Network]",
               "The peers as ``ipaddress`` networks (host bits cleared).",
               lambda s: [_ip_network(p) for p in s.peers]),
    ],
    "Subnet": [
        _Extra("network", "_Network",
               "``ipaddress.ip_network(cidr, strict=False)``: host bits cleared.",
               lambda s: _ip_network(s.cidr)),
        _Extra("interface", "_Interface",
               "``ipaddress.ip_interface(cidr)``: the address as written, host bits kept.",
               lambda s: ipaddress.ip_interface(s.cidr)),
        _Extra("tier", "str", "``public`` or ``private``: the list it is in.", None),
        _Extra("index", "int", "Position in its tier's list.", None),
        _Extra("zone", "str | None",
               "The same as ``az``: the zone it lives in.",
               None),
    ],
}

# Per class: a field whose Python form differs from its serialised form.
_OVERRIDES: Dict[Tuple[str, str], Tuple[str, str]] = {
    # The top-level `name` is required in a whole spec; Python gives "" for
    # a spec that has none (it does not lint clean).
    (_ROOT, "name"): ("str", "The architecture's name (``\"\"`` when the spec has none)."),
    # `az` is the zone the subnet lives in, as the serialised form
    # (`to_dict()`, `reelnet-lint show`) gives it.
    ("Subnet", "az"): (
        "str | None",
        "The zone it lives in, as ``to_dict()`` and ``reelnet-lint show`` give it: the zone "
        "written (``az:``), else placed round-robin over ``availability_zones`` (the shorthand "
        "form), else None.",
    ),
}

# --- The classes ------------------------------------------------------------


class _Sealed(type):
    """The metaclass of the model classes: their objects come from
    ``reelnet.load()`` and ``reelnet.loads()`` only, and they cannot be
    subclassed."""

    def __new__(mcs, name: str, bases: Tuple[type, ...], namespace: Dict[str, Any]) -> _Sealed:
        for base in bases:
            if isinstance(base, _Sealed):
                raise TypeError(f"type 'reelnet.{base.__name__}' is not an acceptable base type")
        return super().__new__(mcs, name, bases, namespace)

    def __call__(cls):  # type: ignore[no-untyped-def]  # no annotation: help() shows no signature
        raise TypeError(
            f"cannot create 'reelnet.{cls.__name__}' instances: "
            "reelnet.load() and reelnet.loads() make them"
        )


def _fresh(value: Any) -> Any:
    """A new list or dict (of the same, shared items) for every access."""
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


def _copy(value: Any) -> Any:
    """Plain data, copied all the way down."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _shown(value: Any) -> str:
    def scalar(v: Any) -> bool:
        return v is None or isinstance(v, (str, int, float, bool))

    def items(n: int) -> str:
        return "1 item" if n == 1 else f"{n} items"

    if isinstance(value, list) and not all(scalar(v) for v in value):
        return f"[{items(len(value))}]"
    if isinstance(value, dict) and not all(scalar(v) for v in value.values()):
        return f"{{{items(len(value))}}}"
    return repr(value)


def __repr__(self):  # type: ignore[no-untyped-def]
    names = type(self)._repr_fields or _DECLARED.get(type(self).__name__, [])
    shown = ", ".join(f"{n}={_shown(getattr(self, n))}" for n in names)
    return f"{type(self).__name__}({shown})"


def to_dict(self):  # type: ignore[no-untyped-def]
    """The section as plain data, its part of ``reelnet-lint show``: the model as the
    linter understood it, not the YAML as written. Defaults are filled in, explicit
    nulls are gone, shorthands are expanded (``database`` is a list, a subnet
    ``{cidr, az, name?}``), shorthand subnets are placed in their zones (``az``), and
    sizes are normalised (``100GB`` is ``"100GiB"``)."""
    handle, *path = self._p
    data = handle.plain()
    for step in path:
        data = data[step]
    return _copy(data)  # type: ignore[no-any-return]


class _Detached:
    """What an unpickled section reads ``to_dict()`` from: the serialised
    form it was pickled with (its spec's Rust side stays behind)."""

    __slots__ = ("data",)

    def __init__(self, data: Any) -> None:
        self.data = data

    def plain(self) -> Any:
        return self.data


def _unpickle(name: str, values: List[Any], plain: Any) -> Any:
    obj: Any = object.__new__(CLASSES[name])
    obj._v = values
    obj._p = (_Detached(plain),)
    return obj


def __reduce__(self):  # type: ignore[no-untyped-def]
    # A section pickles with its values and its serialised form, so it
    # crosses `multiprocessing`; a whole spec holds the Rust spec `lint()`
    # reads, which does not pickle.
    if isinstance(self, CLASSES[_ROOT]):
        raise TypeError(
            "cannot pickle a reelnet.Spec: pickle its path or text and load it again, "
            "or pickle its sections or to_dict()"
        )
    return (_unpickle, (type(self).__name__, self._v, self.to_dict()))


def _attribute(index: int, doc: str) -> property:
    return property(lambda self: _fresh(self._v[index]), doc=doc)


def _stored(cls: _Class) -> List[str]:
    """The attributes an object of the class stores, in the order of its
    ``_v`` list: its fields (a size with its ``_bytes``), then stored extras."""
    names: List[str] = []
    for field in cls.fields:
        names.append(field.name)
        if _base(field.type)[0] == "size":
            names.append(f"{field.name}_bytes")
    names += [e.name for e in _EXTRAS.get(cls.name, []) if e.get is None]
    return names


# The order an object's attributes are shown in: the model's declaration
# order, as its first serialised object has it.
_DECLARED: Dict[str, List[str]] = {}


def _help(doc: str, annotation: str, note: str = "") -> str:
    return "\n\n".join(p for p in (doc, note, f"Type: ``{annotation}``.") if p)


# Reprs that show a chosen few attributes (the others show every field).
_REPR_FIELDS = {_ROOT: ["name", "path", "files"], "Subnet": ["cidr", "tier", "zone", "name"]}


def _make_class(cls: _Class) -> type:
    name = cls.name
    namespace: Dict[str, Any] = {
        "__module__": "reelnet",
        "__qualname__": name,
        "__doc__": cls.doc or None,
        "__slots__": ("_v", "_p", "_h") if name == _ROOT else ("_v", "_p"),
        "__repr__": __repr__,
        "__reduce__": __reduce__,
        "to_dict": to_dict,
        "_repr_fields": _REPR_FIELDS.get(name),
    }
    slot = {n: i for i, n in enumerate(_stored(cls))}
    for field in cls.fields:
        annotation, doc = _OVERRIDES.get((name, field.name), (_annotation(field.type), field.doc))
        note = _unit_note(field.type).replace("{}", field.name)
        namespace[field.name] = _attribute(slot[field.name], _help(doc, annotation, note))
        if _base(field.type)[0] == "size":
            bytes_name = f"{field.name}_bytes"
            bytes_type = "int | None" if field.type[0] == "optional" else "int"
            namespace[bytes_name] = _attribute(
                slot[bytes_name], _help(f"``{field.name}`` in bytes, exact.", bytes_type)
            )
    for extra in _EXTRAS.get(name, []):
        doc = _help(extra.doc, extra.annotation)
        if extra.get is None:
            namespace[extra.name] = _attribute(slot[extra.name], doc)
        else:
            namespace[extra.name] = property(extra.get, doc=doc)
    return _Sealed(name, (), namespace)


CATALOGUE = _Catalogue(_reelnet.model_schema())
CLASSES: Dict[str, type] = {name: _make_class(c) for name, c in CATALOGUE.classes.items()}

# --- Building a spec's objects ----------------------------------------------


def _converts(t: _Type) -> bool:
    """Whether values of this type hold sections (so need converting)."""
    kind = t[0]
    if kind in ("section", "named"):
        return True
    return kind in ("optional", "list", "dict") and _converts(t[1])


# Per class: the fields whose values hold sections, and the size fields.
_TO_CONVERT = {
    name: [(f.name, f.type) for f in c.fields if _converts(f.type)]
    for name, c in CATALOGUE.classes.items()
}
_SLOTS = {name: _stored(c) for name, c in CATALOGUE.classes.items()}
_SLOT = {name: {n: i for i, n in enumerate(names)} for name, names in _SLOTS.items()}
_SIZES = {
    name: {f.name for f in c.fields if _base(f.type)[0] == "size"}
    for name, c in CATALOGUE.classes.items()
}


def _convert(t: _Type, value: Any, where: Tuple[Any, ...]) -> Any:
    """Sections of a value become objects; ``where`` is the handle and the
    path of the value in the serialised form (for ``to_dict()``)."""
    kind = t[0]
    if value is None:
        return None
    if kind == "optional":
        return _convert(t[1], value, where)
    if kind == "section":
        return _section(t[1], value, where)
    # In place, so that each serialised item is freed once its object exists.
    if kind == "list":
        for i, v in enumerate(value):
            value[i] = _convert(t[1], v, (*where, i))
    elif kind == "dict":
        for k, v in value.items():
            value[k] = _convert(t[1], v, (*where, k))
    elif kind == "named":
        for k, v in value.items():
            value[k] = _section(t[1], v, (*where, k), k)
    return value


def _section(
    name: str, value: Dict[str, Any], where: Tuple[Any, ...], key: Optional[str] = None
) -> Any:
    obj: Any = object.__new__(CLASSES[name])
    if name == "Stage":
        # `- build: [compile, test]`
        ((stage, steps),) = value.items()
        value = {"name": stage, "steps": steps}
    else:
        for field, t in _TO_CONVERT[name]:
            value[field] = _convert(t, value.get(field), (*where, field))
        sizes = _SIZES[name]
        if sizes:
            # `<field>` in GiB, then `<field>_bytes`.
            expanded: Dict[str, Any] = {}
            for field, v in value.items():
                if field in sizes:
                    expanded[field], expanded[f"{field}_bytes"] = (None, None) if v is None else v
                else:
                    expanded[field] = v
            value = expanded
        if key is not None:
            value = {"name": key, **value}
    if name not in _DECLARED:
        _DECLARED[name] = list(value)
    obj._v = [value.get(n) for n in _SLOTS[name]]
    obj._p = where
    return obj


def spec(handle: Any) -> Any:
    """The ``reelnet.Spec`` of a loaded spec."""
    obj = _section(_ROOT, handle.values(), (handle,))
    obj._h = handle
    root = _SLOT[_ROOT]
    if obj._v[root["name"]] is None:
        obj._v[root["name"]] = ""
    vpc = obj._v[root["vpc"]]
    if vpc is not None:
        at = _SLOT["Subnet"]
        for tier in ("public", "private"):
            for index, subnet in enumerate(vpc._v[_SLOT["Vpc"][f"{tier}_subnets"]]):
                v = subnet._v
                # The serialised `az` is where the subnet lives (placed).
                v[at["zone"]] = v[at["az"]]
                v[at["tier"]], v[at["index"]] = tier, index
    return obj


# --- The stub ----------------------------------------------------------------


def _docstring(text: str, indent: str) -> List[str]:
    text = inspect.cleandoc(text)
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    paragraphs = [
        textwrap.fill(p, width=88 - len(indent), break_long_words=False, break_on_hyphens=False)
        for p in text.split("\n\n")
        if p.strip()
    ]
    body = "\n\n".join(paragraphs).splitlines()
    if len(body) == 1 and len(indent) + len(body[0]) + 6 <= 88:
        return [f'{indent}"""{body[0]}"""']
    return [f'{indent}"""{body[0]}', *[f"{indent}{l}" if l else "" for l in body[1:]], f'{indent}"""']


def stub() -> str:
    """The model part of ``__init__.pyi``, from the same catalogue as the classes."""
    out: List[str] = [
        "class _Sealed(type):",
        *_docstring(_Sealed.__doc__ or "", "    "),
        "",
        "    def __new__(",
        "        mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]",
        "    ) -> _Sealed: ...",
        "    def __call__(cls) -> NoReturn:  # type: ignore[override]",
        '        """Raises ``TypeError``: ``load()`` and ``loads()`` make the objects."""',
        "",
    ]
    names = [_ROOT] + sorted(n for n in CATALOGUE.classes if n != _ROOT)
    for name in names:
        cls = CATALOGUE.classes[name]
        out += ["@final", f"class {name}(metaclass=_Sealed):"]
        if cls.doc:
            out += _docstring(cls.doc, "    ") + [""]
        members: List[Tuple[str, str, str]] = []
        for field in cls.fields:
            annotation, doc = _OVERRIDES.get(
                (name, field.name), (_annotation(field.type), field.doc)
            )
            note = _unit_note(field.type).replace("{}", field.name)
            members.append((field.name, annotation, "\n\n".join(p for p in (doc, note) if p)))
            if _base(field.type)[0] == "size":
                bytes_type = "int | None" if field.type[0] == "optional" else "int"
                members.append((f"{field.name}_bytes", bytes_type, f"``{field.name}`` in bytes, exact."))
        members += [(e.name, e.annotation, e.doc) for e in _EXTRAS.get(name, [])]
        for member, annotation, doc in sorted(members):
            out += ["    @property", f"    def {member}(self) -> {annotation}:" + ("" if doc else " ...")]
            if doc:
                out += _docstring(doc, "        ")
        out += ["    def to_dict(self) -> dict[str, Any]:"]
        out += _docstring(to_dict.__doc__ or "", "        ")
        out += [""]
    out += [
        "# ``Model`` (the Rust type whose sections ``Spec`` exposes) is another name of ``Spec``.",
        "Model = Spec",
        "",
        "__all__ += [",
        *[f'    "{n}",' for n in sorted(CATALOGUE.classes)],
        "]",
    ]
    return "\n".join(out) + "\n"


# --- The module's functions that take or give a spec -------------------------


def load(path: Any) -> Any:
    return spec(_reelnet.load(path))


def loads(text: Any, name: str = "inline.yaml") -> Any:
    return spec(_reelnet.loads(text, name))


def lint(spec: Any, select: Any = None, ignore: Any = None, as_of: Any = None) -> Any:
    handle = getattr(spec, "_h") if isinstance(spec, CLASSES[_ROOT]) else spec
    return _reelnet.lint(handle, select, ignore, as_of)


load.__doc__ = _reelnet.load.__doc__
loads.__doc__ = _reelnet.loads.__doc__
lint.__doc__ = _reelnet.lint.__doc__
