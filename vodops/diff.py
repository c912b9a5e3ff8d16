"""Desired against live, field by field, in the one normalized form both sides are brought to."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from vodops.normalize import normalize
from vodops.refs import References
from vodops.resources import KINDS
from vodops.resources.base import Path


@dataclass(frozen=True)
class FieldChange:
    """One leaf that differs between the live and the desired form: `path` in manifest spelling
    (("videoTemplate", "bitrate")), the values before and after (None: absent)."""

    path: Path
    before: Any  # None: absent (the API's default)
    after: Any
    removed: bool = False  # the list item holding this field is gone (not reset to a default)
    added: bool = False  # the list item holding this field is new (nothing was there, not a default)

    @property
    def dotted(self) -> str:
        text = ""
        for step in self.path:
            text += f"[{step}]" if isinstance(step, int) else f".{step}"
        return text.lstrip(".")


def comparable(kind: str, spec: dict[str, Any] | None, refs: References) -> dict[str, Any]:
    """`spec` with references by name where possible, normalized by the kind's table."""
    if spec is None:
        return {}
    result = normalize(refs.canonical(kind, spec), KINDS[kind].rules)
    return result if isinstance(result, dict) else {}


def field_changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[FieldChange, ...]:
    """Every leaf that differs, sorted by path. An object or list item present on one side only
    is spelled out leaf by leaf, so a create reads as the list of fields it sets.

    Most objects of a steady account are equal: a cheap, type-strict comparison of the two
    normalized forms answers for them, and deepdiff is asked only when they differ (and only
    then loaded: a steady plan never imports it)."""
    return () if _same(before, after) else deepdiff_changes(before, after)


def deepdiff_changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[FieldChange, ...]:
    """Every leaf deepdiff finds different (1 and 1.0 are equal numbers to it), sorted by path:
    field_changes's answer for two forms that are not the same."""
    from deepdiff import DeepDiff

    diff = DeepDiff(before, after, view="tree", ignore_numeric_type_changes=True, threshold_to_diff_deeper=0)
    changes = [
        change
        for report, levels in diff.items()
        for level in levels
        for change in _spelled_out(_path(level), _value(level.t1), _value(level.t2), report)
    ]
    return tuple(sorted(changes, key=lambda change: [str(step) for step in change.path]))


def _same(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Equal, with `true` never equal to 1 (Python's == says it is; deepdiff may say it is not).
    Python's == answers first, then a walk of the two equal forms for a true/false against a
    number; only forms == finds unequal are compared as JSON (a tuple encodes as a list)."""
    if before == after:
        return _alike(before, after)
    try:
        return json.dumps(before, sort_keys=True) == json.dumps(after, sort_keys=True)
    except (TypeError, ValueError):  # not JSON data: let deepdiff judge
        return False


def _alike(before: Any, after: Any) -> bool:
    """Whether `before` and `after`, equal by ==, hold true/false at the same places."""
    if isinstance(before, dict):
        pairs: Iterable[tuple[Any, Any]] = ((child, after[key]) for key, child in before.items())
    elif isinstance(before, list | tuple):
        pairs = zip(before, after, strict=True)
    else:
        return (type(before) is bool) == (type(after) is bool)
    for one, other in pairs:
        if type(one) in _PLAIN:
            if (type(one) is bool) != (type(other) is bool):
                return False
        elif not _alike(one, other):
            return False
    return True


_PLAIN = frozenset({str, int, float, bool, type(None)})  # by exact type: a subclass is walked


def _path(level: Any) -> Path:
    return tuple(level.path(output_format="list"))


def _value(value: Any) -> Any:
    from deepdiff.helper import NotPresent

    return None if isinstance(value, NotPresent) or value == {} else value


def _spelled_out(path: Path, before: Any, after: Any, report: str) -> list[FieldChange]:
    """The leaves of what changed at `path`; a field of a list item that is gone is removed (not
    set back to its default), and one of an item added to a list is added (it had no value; a
    list the object did not have is still shown from its default). A list item whose every field
    is at its default is a leaf of its own, added or removed: it is not the absence of an item (a
    MosaicSet of one `{}` is a 10% mosaic at the top left)."""
    removed, added = report == "iterable_item_removed", report == "iterable_item_added"
    if before is None and isinstance(after, dict | list):
        return [
            FieldChange(p, None, _unless_bare(leaf), added=added or _bare(leaf))
            for p, leaf in _leaves(path, after)
        ]
    if after is None and isinstance(before, dict | list):
        return [
            FieldChange(p, _unless_bare(leaf), None, removed or _in_item(p, path))
            for p, leaf in _leaves(path, before)
        ]
    return [FieldChange(path, before, after, removed, added)]


def _in_item(leaf_path: Path, path: Path) -> bool:
    """Whether the leaf at `leaf_path` lies in a list item below `path`."""
    return any(isinstance(step, int) for step in leaf_path[len(path) :])


def _bare(leaf: Any) -> bool:
    """Whether `leaf` is a list item with every field at its default (normalized to `{}`)."""
    return isinstance(leaf, dict) and not leaf


def _unless_bare(leaf: Any) -> Any:
    """A bare list item reads as its defaults (None), as one deepdiff reports added or removed does."""
    return None if _bare(leaf) else leaf


def _leaves(path: Path, value: Any) -> list[tuple[Path, Any]]:
    if isinstance(value, dict):
        if not value:  # a list item with every field at its default: it is there all the same
            return [(path, value)]
        return [leaf for key, child in value.items() for leaf in _leaves((*path, key), child)]
    if isinstance(value, list):
        return [leaf for index, child in enumerate(value) for leaf in _leaves((*path, index), child)]
    return [(path, value)]
