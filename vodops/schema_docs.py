"""Descriptions for every field of the manifest JSON Schema, so an editor's hover says what the
field is in the API, its unit and range, and its default: `VideoTemplate.Width: 0 or 128 to 8192 px;
default 0`. Units and ranges come from the field types (vodops.resources.fields), defaults from
the normalization tables (vodops.defaults), which hold the API's documented defaults."""

from __future__ import annotations

import json
from typing import Any

from vodops.normalize import Default, matches
from vodops.resources import KINDS
from vodops.resources.base import Path, api_key

Schema = dict[str, Any]


def describe_kind(kind: str, spec: Schema, defs: dict[str, Schema], seen: set[int]) -> None:
    """Give every property reachable from a kind's spec schema a description (in place). A model
    shared by several places, in one kind or several (an adaptive rung's video is a transcode
    template's), keeps the description of the first place that reaches it: `seen` holds the
    models described so far."""
    _describe(kind, spec, defs, (), seen)


def _describe(kind: str, node: Schema, defs: dict[str, Schema], path: Path, seen: set[int]) -> None:
    model = _resolve(node, defs)
    if model is None or id(model) in seen:
        return
    seen.add(id(model))
    required = set(model.get("required", ()))
    for name, prop in model.get("properties", {}).items():
        here = (*path, name)
        prop["description"] = _words(kind, here, prop, name in required)
        for child, step in _children(prop):
            _describe(kind, child, defs, (*here, *step), seen)


def _resolve(node: Schema, defs: dict[str, Schema]) -> Schema | None:
    if "$ref" in node:
        return defs[node["$ref"].rsplit("/", 1)[1]]
    return node if "properties" in node else None


def _children(prop: Schema) -> list[tuple[Schema, tuple[str, ...]]]:
    """The object schemas inside a property: itself, its nullable branch, its list items."""
    found: list[tuple[Schema, tuple[str, ...]]] = []
    for option in [prop, *prop.get("anyOf", ())]:
        if "$ref" in option or "properties" in option:
            found.append((option, ()))
        items = option.get("items")
        if isinstance(items, dict):
            found.extend((child, ("*",)) for child, _ in _children(items))
    return found


def _words(kind: str, path: Path, prop: Schema, required: bool) -> str:
    api = ".".join(api_key(str(step)) for step in path if step != "*")
    said = _what(prop)
    default = _default(kind, path)
    if required:
        tail = "required"
    elif default is not None:
        tail = f"default {json.dumps(default, ensure_ascii=False)} when left out"
    else:
        tail = "optional"
    return f"{api}: {said}; {tail}" if said else f"{api}; {tail}"


def _what(prop: Schema) -> str:
    options = [prop, *prop.get("anyOf", ())]
    for option in options:
        if option.get("description"):
            return str(option["description"])
    for option in options:
        if "enum" in option:
            return "one of " + ", ".join(json.dumps(v, ensure_ascii=False) for v in option["enum"])
        if "const" in option:
            return f"always {json.dumps(option['const'])}"
    return ""


def _default(kind: str, path: Path) -> Any:
    for rule in KINDS[kind].rules:
        if isinstance(rule, Default) and rule.when is None and matches(rule.pattern, path):
            return rule.value
    return None
