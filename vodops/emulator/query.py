"""GET requests: the parameters of a query string as the JSON body a POST would carry.

The API takes every action as GET too (most of Tencent's examples are GET URLs, and the official
SDKs send GET with `HttpProfile(reqMethod="GET")`). Nested members are flattened into dotted
names with list indexes (`MediaProcessTask.TranscodeTaskSet.0.Definition=220`) and every value
is a string; the request's shape says which strings are numbers and which steps are lists.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

from .schema import Field, Params, Struct

_INTEGER = re.compile(r"-?\d+")
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def query_params(struct: Struct, query: str) -> Params:
    """The parameters of `query` shaped by `struct`. A value that cannot be read as its member's
    type stays a string, so validation answers the same error a JSON body would get."""
    tree: dict[str, Any] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        _insert(tree, key.split("."), value)
    return _shaped(struct, tree)


def _insert(tree: dict[str, Any], steps: list[str], value: str) -> None:
    node = tree
    for step in steps[:-1]:
        child = node.setdefault(step, {})
        if not isinstance(child, dict):  # `A=1&A.B=2`: the scalar gives way to the object
            child = node[step] = {}
        node = child
    node[steps[-1]] = value


def _shaped(struct: Struct, tree: dict[str, Any]) -> Params:
    shaped: Params = {}
    for name, value in tree.items():
        f = struct.by_name.get(name)
        shaped[name] = value if f is None else _member(f, value)
    return shaped


def _member(f: Field, value: Any) -> Any:
    if f.many:
        if not isinstance(value, dict) or not all(k.isdigit() for k in value):
            return value
        return [_one(f, value[k]) for k in sorted(value, key=int)]
    return _one(f, value)


def _one(f: Field, value: Any) -> Any:
    if f.struct is not None:
        return _shaped(f.struct, value) if isinstance(value, dict) else value
    if isinstance(value, str) and f.kind in ("int", "uint") and _INTEGER.fullmatch(value):
        return int(value)
    if isinstance(value, str) and f.kind == "float" and _NUMBER.fullmatch(value):
        return float(value) if not _INTEGER.fullmatch(value) else int(value)
    return value
