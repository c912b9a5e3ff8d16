"""Bring a desired or a live spec to the one form both are compared in.

A spec is normalized bottom-up: children first, then the rules of the kind's table that match the
node's path. Whatever ends up None, "", [] or {} is absent, so "the server filled in the default"
and "the manifest left it out" compare equal. The tables themselves are data, in `defaults`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from vodops.resources.base import Path

Pattern = tuple[str, ...]  # path steps; "*" matches any one step (a key or a list index)


@dataclass(frozen=True)
class Default:
    """The API's value when the field is left out: equal to absent, and what clears the field."""

    pattern: Pattern
    value: Any


@dataclass(frozen=True)
class Spelling:
    """The server writes a value another way than requests do (`topLeft` for `TopLeft`)."""

    pattern: Pattern
    live_to_request: Mapping[Any, Any]


@dataclass(frozen=True)
class OffWhen:
    """An object switched off (`{switch: OFF, ...}`) is the same as no object."""

    pattern: Pattern
    key: str
    value: Any


Rule = Default | Spelling | OffWhen


def pattern(text: str) -> Pattern:
    return tuple(text.split("."))


def matches(rule_pattern: Pattern, path: Path) -> bool:
    return len(rule_pattern) == len(path) and all(
        step == "*" or step == str(part) for step, part in zip(rule_pattern, path, strict=True)
    )


def is_absent(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def normalize(value: Any, rules: tuple[Rule, ...], path: Path = ()) -> Any:
    """The comparable form of `value` (returns None for absent)."""
    if isinstance(value, dict):
        children = ((k, normalize(v, rules, (*path, k))) for k, v in value.items())
        value = {k: v for k, v in children if not is_absent(v)}
    elif isinstance(value, list):
        value = [_item(normalize(v, rules, (*path, i))) for i, v in enumerate(value)]
    for rule in rules:
        if matches(rule.pattern, path):
            value = _apply(rule, value)
    return None if is_absent(value) else value


def _item(value: Any) -> Any:
    """List items keep their place even when everything in them is default."""
    return {} if value is None else value


def _apply(rule: Rule, value: Any) -> Any:
    if isinstance(rule, Spelling):
        return rule.live_to_request.get(value, value)
    if isinstance(rule, Default):
        return None if value == rule.value else value
    if isinstance(value, dict) and value.get(rule.key) == rule.value:
        return None
    return value


def reset_value(rules: tuple[Rule, ...], path: Path) -> Any:
    """What to send to clear the field at `path`, or None if the API has no way to say it."""
    for rule in rules:
        if matches(rule.pattern, path):
            if isinstance(rule, Default):
                return rule.value
            if isinstance(rule, OffWhen):
                return {rule.key: rule.value}
    return None
