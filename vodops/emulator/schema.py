"""Declarative request validation: each field's type, presence and allowed values, and the
Tencent error code every rule answers with.

The real API answers one error per request. Validation runs in phases over the whole tree —
unknown fields, then missing fields, then types, then values (field checks, then each
struct's cross-field rules) — and the first error wins. JSON `null` counts as absent (the
SDK never sends it; absent is the lenient reading).

Structs also carry what the server fills in on output (`default`, `zero_fill`,
`zero_scalars`, `inline`, `echo`); `defaults.py` reads those.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .faults import ApiFault, invalid_type, invalid_value, missing_parameter, unknown_parameter

Params = dict[str, Any]
# A value check answers None when the value is fine, else what was expected ("one of a, b").
Check = Callable[[Any], "str | None"]
# A cross-field rule sees one object and its dotted path, and raises ApiFault.
Rule = Callable[[Params, str], None]

NO_DEFAULT: Any = object()

_TYPE_NAMES = {"int": "int64", "uint": "uint64", "float": "float", "str": "string", "obj": "object"}
_INT64 = range(-(2**63), 2**63)


@dataclass(frozen=True)
class Field:
    """One member: its JSON type, presence, allowed values, the codes it answers with, and how
    the server shows it when absent."""

    name: str
    kind: str  # "int" | "uint" | "float" | "str" | "obj"
    required: bool = False
    many: bool = False  # a list of `kind`
    struct: Struct | None = None
    checks: tuple[Check, ...] = ()
    code: str = "InvalidParameterValue"
    type_code: str = "InvalidParameter"
    max_items: int | None = None
    default: Any = NO_DEFAULT
    inline: bool = False  # zero-filled output renders an absent object as a filled struct
    echo: bool = True  # False for disabled members: accepted, never shown
    always_shown: bool = True  # False: left out when absent, even from zero-filled output


@dataclass(frozen=True)
class Struct:
    """An object of the API (a request or a nested struct): members and cross-field rules."""

    name: str
    fields: tuple[Field, ...]
    rules: tuple[Rule, ...] = ()
    zero_fill: bool = False  # output shows absent lists as [] and absent objects as null
    zero_scalars: bool = False  # ... and absent scalars as "" or 0 (needs zero_fill)
    by_name: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})


def string(name: str, *checks: Check, **options: Any) -> Field:
    """A string member `name` with `checks`."""
    return Field(name, "str", checks=checks, **options)


def int64(name: str, *checks: Check, **options: Any) -> Field:
    """An integer member `name` (int64) with `checks`."""
    return Field(name, "int", checks=checks, **options)


def uint64(name: str, *checks: Check, **options: Any) -> Field:
    """A non-negative integer member `name` (uint64) with `checks`."""
    return Field(name, "uint", checks=checks, **options)


def number(name: str, *checks: Check, **options: Any) -> Field:
    """A float member `name` with `checks`."""
    return Field(name, "float", checks=checks, **options)


def obj(name: str, struct: Struct, **options: Any) -> Field:
    """An object member `name` of `struct`."""
    return Field(name, "obj", struct=struct, **options)


def array(name: str, item: str | Struct, *checks: Check, **options: Any) -> Field:
    """A list member `name` of `item` (a scalar kind, 'str' or 'int', or a Struct), each item with
    `checks`."""
    if isinstance(item, Struct):
        return Field(name, "obj", many=True, struct=item, checks=checks, **options)
    return Field(name, item, many=True, checks=checks, **options)


def validate(struct: Struct, body: Params) -> Params:
    """Check `body` against `struct`; return it without nulls, or raise the first ApiFault."""
    params: Params = _without_nulls(body)
    for phase in (_unknown, _missing, _types, _values):
        phase(struct, params, "")
    return params


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def _join(path: str, name: str | int) -> str:
    return f"{path}.{name}" if path else str(name)


def _present(struct: Struct, params: Params, path: str) -> Iterator[tuple[Field, Any, str]]:
    for f in struct.fields:
        if f.name in params:
            yield f, params[f.name], _join(path, f.name)


def _children(f: Field, value: Any, path: str) -> Iterator[tuple[Struct, Params, str]]:
    """The nested objects under a field, skipping any whose shape the types phase will refuse."""
    if f.struct is None:
        return
    if not f.many and isinstance(value, dict):
        yield f.struct, value, path
    elif f.many and isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield f.struct, item, _join(path, i)


def _descend(phase: Callable[[Struct, Params, str], None], struct: Struct, params: Params, path: str) -> None:
    for f, value, p in _present(struct, params, path):
        for child_struct, child, child_path in _children(f, value, p):
            phase(child_struct, child, child_path)


def _unknown(struct: Struct, params: Params, path: str) -> None:
    for key in params:
        if key not in struct.by_name:
            raise unknown_parameter(_join(path, key))
    _descend(_unknown, struct, params, path)


def _missing(struct: Struct, params: Params, path: str) -> None:
    for f in struct.fields:
        if f.required and f.name not in params:
            raise missing_parameter(_join(path, f.name))
    _descend(_missing, struct, params, path)


def _types(struct: Struct, params: Params, path: str) -> None:
    for f, value, p in _present(struct, params, path):
        _check_type(f, value, p)
    _descend(_types, struct, params, path)


def _values(struct: Struct, params: Params, path: str) -> None:
    for f, value, p in _present(struct, params, path):
        _check_values(f, value, p)
    _descend(_values, struct, params, path)
    for rule in struct.rules:
        rule(params, path)


def _is(kind: str, value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if kind in ("int", "uint"):
        # uint64 takes negatives here so that the values phase can name the field's own code.
        return isinstance(value, int) and (value in _INT64 or (kind == "uint" and 0 < value < 2**64))
    if kind == "float":
        # json reads 1e999 as infinity, which could not be written back as JSON.
        return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))
    return isinstance(value, str if kind == "str" else dict)


def _check_type(f: Field, value: Any, path: str) -> None:
    expected = _TYPE_NAMES[f.kind]
    if f.many:
        if not isinstance(value, list):
            raise invalid_type(f.type_code, path, f"an array of {expected}", value)
        for i, item in enumerate(value):
            if not _is(f.kind, item):
                raise invalid_type(f.type_code, _join(path, i), expected, item)
    elif not _is(f.kind, value):
        raise invalid_type(f.type_code, path, expected, value)


def _check_values(f: Field, value: Any, path: str) -> None:
    if not f.many:
        _check_one(f, value, path)
        return
    if f.max_items is not None and len(value) > f.max_items:
        raise ApiFault(
            f.code, f"Parameter `{path}` has {len(value)} elements; at most {f.max_items} allowed."
        )
    for i, item in enumerate(value):
        _check_one(f, item, _join(path, i))


def _check_one(f: Field, value: Any, path: str) -> None:
    if f.kind == "uint" and value < 0:
        raise invalid_value(f.code, path, value, "a non-negative integer")
    for check in f.checks:
        expected = check(value)
        if expected is not None:
            raise invalid_value(f.code, path, value, expected)
