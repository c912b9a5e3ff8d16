"""pydantic's validation errors, said the way a manifest author needs to hear them."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from vodops.resources.base import Path
from vodops.resources.walk import enum_values, field_names, model_at

_TYPE_WORDS = {
    "int_type": "an integer",
    "float_type": "a number",
    "string_type": "a string",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "a mapping",
    "dict_type": "a mapping",
}
SAID = "vodops_said"
"""The error type of a check that words its whole message (a PydanticCustomError with the message
as its `said` context): said as it is, with no value added (it may leave one out on purpose)."""


def spec_path(path: Path) -> str:
    """`spec.videoTemplate.bitrate`, with list indexes as `[0]`."""
    text = "spec"
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text


def field_problems(error: ValidationError, model: type[BaseModel], value: Any) -> Iterator[tuple[Path, str]]:
    """One (path, message) per wrong place; union branches of one place are merged into one."""
    grouped: dict[Path, list[ErrorDetails]] = {}
    for detail in error.errors():
        grouped.setdefault(_data_path(detail["loc"], value), []).append(detail)
    for path, details in grouped.items():
        yield path, _say(_pick(details), model, path)


def _data_path(loc: tuple[int | str, ...], value: Any) -> Path:
    """The part of pydantic's `loc` that indexes into the data (union branch names are dropped)."""
    path: list[int | str] = []
    for step in loc:
        found, child = _child(value, step)
        if found:
            value = child
        elif not (isinstance(value, dict) and isinstance(step, str) and not path_is_branch(step)):
            continue  # a union branch name, not a place in the data
        path.append(step)  # a place in the data, or a missing key the message is about
    return tuple(path)


def _child(value: Any, step: int | str) -> tuple[bool, Any]:
    if isinstance(value, dict) and step in value:
        return True, value[step]
    if isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
        return True, value[step]
    return False, None


def path_is_branch(step: str) -> bool:
    """True when a pydantic `loc` step names a union branch (int, str, float, constrained-..., function-...)
    rather than a key in the data."""
    return step.startswith(("constrained-", "function-")) or step in {"int", "str", "float"}


def _pick(details: list[ErrorDetails]) -> ErrorDetails:
    """Of several union branches, the one that says more than "wrong type"."""
    if len(details) == 1:
        return details[0]
    specific = [d for d in details if d["type"] not in _TYPE_WORDS]
    if specific:
        return specific[0]
    words = " or ".join(_TYPE_WORDS.get(d["type"], d["type"]) for d in details)
    return {**details[0], "type": "union_type", "msg": f"must be {words}"}


def _say(detail: ErrorDetails, model: type[BaseModel], path: Path) -> str:
    kind = detail["type"]
    got = detail.get("input")
    if kind == "extra_forbidden":
        return _unknown_field(model, path)
    if kind == "missing":
        return "is required"
    if kind == SAID:
        return str(detail.get("ctx", {})["said"])
    if kind in _TYPE_WORDS:
        return f"must be {_TYPE_WORDS[kind]} (got {_show(got)})"
    if kind == "int_parsing_size" and enum_values(model, path):  # an integer past 64 bits, in an enum
        expected = ", ".join(str(value) for value in enum_values(model, path))
        return f"must be one of {expected} (got {_show(got)})"
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        return f"must be one of {expected.replace(' or ', ', ')} (got {_show(got)}){_closest(got, expected)}"
    message = detail["msg"].removeprefix("Value error, ")
    message = message.replace("Input should be", "must be").replace("String should", "must")
    message = message.replace("List should", "must").replace("Input", "value")
    return message if "(got" in message else f"{message} (got {_show(got)})"


def _closest(got: Any, expected: str) -> str:
    """`; did you mean 'text'?` for a near miss of an enum value (case, a typo), else nothing."""
    if not isinstance(got, str):
        return ""
    values = re.findall(r"'([^']*)'", expected)
    same_letters = [v for v in values if v.lower() == got.lower()]
    close = same_letters or difflib.get_close_matches(got, values, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _unknown_field(model: type[BaseModel], path: Path) -> str:
    owner = model_at(model, path[:-1])
    message = f"unknown field {path[-1]!r}"
    if owner is None:
        return message
    known = field_names(owner)
    close = difflib.get_close_matches(str(path[-1]), known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else "known fields: " + ", ".join(known)
    return f"{message}; {hint}"


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
