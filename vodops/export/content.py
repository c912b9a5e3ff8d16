"""A live object's spec as a person would write it in a manifest.

The spec is the one the plan compares (`comparable`: references by name, server defaults gone), so
a manifest written from it plans to no field change. Three things make it a valid manifest too:
required fields that happen to hold the API's default are put back, a watermark keeps its (maybe
all-default) sub-template, and keys follow the spec model's field order.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from vodops.diff import comparable
from vodops.live import LiveResource
from vodops.manifest.messages import field_problems, spec_path
from vodops.normalize import Default, matches
from vodops.ownership import comment_room, fit_bytes, widest_named_owner
from vodops.refs import References, plain
from vodops.resources import KINDS
from vodops.resources.base import Path
from vodops.resources.walk import field_names, model_at


def manifest_spec(live: LiveResource, refs: References) -> dict[str, Any]:
    """The live spec in manifest form: defaults left out, known templates referred to by name."""
    spec = plain(comparable(live.kind, live.spec, refs))
    kind = KINDS[live.kind]
    model = kind.spec
    _restore_required(live.kind, model, spec)
    kind.restore(spec)
    ordered: dict[str, Any] = _ordered(model, spec, ())
    return ordered


def fit_comment(spec: dict[str, Any], kind: str, stack: str, name: str) -> str | None:
    """Cut a comment to what fits beside the ownership marker, which takes room from the API's
    limit (256 characters, or the kind's `comment_bytes` of UTF-8); say so, or None when it fits."""
    key, limit = KINDS[kind].marker_key, KINDS[kind].comment_bytes
    comment = spec.get(key)
    if not isinstance(comment, str):
        return None
    if limit is not None:
        spec[key] = fit_bytes(comment, widest_named_owner(stack, name), limit)
        room = f"{len(spec[key].encode('utf-8'))} bytes"
    else:
        spec[key] = comment[: comment_room(stack, with_digest=KINDS[kind].images)]
        room = f"{len(spec[key])} characters"
    if spec[key] == comment:
        return None
    return (
        f"its comment was cut to {room} to leave room for the ownership marker; "
        "apply --adopt changes it in the account too"
    )


def spec_problems(kind: str, spec: dict[str, Any]) -> list[str]:
    """What the manifest rules refuse in `spec` (the API accepted it, the manifest does not)."""
    model = KINDS[kind].spec
    try:
        valid = model.model_validate(spec)
    except ValidationError as error:
        return [f"{spec_path(path)}: {message}" for path, message in field_problems(error, model, spec)]
    return [f"{spec_path(path)}: {message}" for path, message in valid.problems()]


def _restore_required(kind: str, model: type[BaseModel], spec: dict[str, Any]) -> None:
    """Put back required fields that normalization dropped because they hold the API's default
    (a white text watermark's fontColor, an animated graphic task starting at 0)."""
    for path, mapping in _mappings(spec, ()):
        found = model_at(model, path)
        if found is None:
            continue
        for name, info in found.model_fields.items():
            key = info.alias or name
            if key not in mapping and info.is_required():
                default = _default(kind, (*path, key), spec)
                if default is not None:
                    mapping[key] = default


def _default(kind: str, path: Path, root: dict[str, Any]) -> Any:
    for rule in KINDS[kind].rules:
        if isinstance(rule, Default) and matches(rule.pattern, path) and rule.holds(root):
            return copy.deepcopy(rule.value)
    return None


def _mappings(value: Any, path: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    if isinstance(value, dict):
        yield path, value
        for key, child in list(value.items()):
            yield from _mappings(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _mappings(child, (*path, index))


def _ordered(model: type[BaseModel], value: Any, path: Path) -> Any:
    """`value` with every mapping's keys in its model's field order (unknown keys last, sorted)."""
    if isinstance(value, list):
        return [_ordered(model, child, (*path, index)) for index, child in enumerate(value)]
    if not isinstance(value, dict):
        return value
    found = model_at(model, path)
    order = field_names(found) if found is not None else []
    rank = {key: index for index, key in enumerate(order)}
    keys = sorted(value, key=lambda key: (rank.get(key, len(order)), key))
    return {key: _ordered(model, value[key], (*path, key)) for key in keys}
