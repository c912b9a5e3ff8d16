"""Server-filled defaults: a stored object as the API echoes it.

Read from the structs in `shapes/`: a member that was given is echoed; an absent one takes its
documented `default`; otherwise a `zero_fill` struct shows an absent list as [] and an absent
object as null (or as a filled struct when `inline`), and a `zero_scalars` one shows absent
strings and numbers as "" and 0. Anything else absent stays absent.
"""

from __future__ import annotations

import copy
from typing import Any

from .schema import NO_DEFAULT, Field, Params, Struct

_ABSENT: Any = object()
_ZERO = {"str": "", "int": 0, "uint": 0, "float": 0}


def render(struct: Struct, given: Params) -> Params:
    """`given` with the server's defaults filled in, members in the struct's order."""
    shown: Params = {}
    for f in struct.fields:
        value = given.get(f.name) if f.echo else None
        out = _fill(f, struct) if value is None else _echo(f, value)
        if out is not _ABSENT:
            shown[f.name] = out
    return shown


def _echo(f: Field, value: Any) -> Any:
    if f.struct is None:
        return _copied(value)
    if f.many:
        return [render(f.struct, item) for item in value]
    return render(f.struct, value)


def _fill(f: Field, struct: Struct) -> Any:
    if f.default is not NO_DEFAULT:
        return _copied(f.default)
    if not struct.zero_fill or not f.always_shown:
        return _ABSENT
    if f.many:
        return []
    if f.struct is not None:
        return render(f.struct, {}) if f.inline else None
    return _ZERO[f.kind] if struct.zero_scalars else _ABSENT


def zeroed(struct: Struct) -> Params:
    """`struct` with every member at its zero value ("", 0, [] or null), defaults ignored.

    The API shows a removed stream's settings this way: api.json says the member is never null."""
    return {f.name: [] if f.many else None if f.struct else _ZERO[f.kind] for f in struct.fields}


def _copied(value: Any) -> Any:
    """A copy the caller may change; scalars are immutable and shared (most values are scalars)."""
    return value if value is None or isinstance(value, str | int | float) else copy.deepcopy(value)
