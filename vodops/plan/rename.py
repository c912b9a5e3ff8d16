"""Renames that keep identity: `metadata.previousNames` names what an object used to be called.

A declared name with no live object, whose previous name has one, is that object renamed, not a
new one: a template keeps its id (ModifyTranscodeTemplate / ModifyWatermarkTemplate `Name`), a
class keeps its id and its media (ModifyClass `ClassName`; its subclasses follow it, their paths
change with nothing sent for them). Once applied the object has the new name, and the hint can
be removed. Procedures are keyed by name in the API and cannot be renamed: a previous name makes
a `replace` (the new procedure created before the old one is deleted), said so in the plan.
A class rename changes the last segment of its path only: the API cannot move a class.
"""

from __future__ import annotations

from dataclasses import replace

from vodops.cloud.vod import LiveId
from vodops.desired import DesiredResource
from vodops.errors import Problem
from vodops.live import LiveState
from vodops.resources import KINDS


def follow_class_renames(
    desired: tuple[DesiredResource, ...], live: LiveState
) -> tuple[LiveState, list[Problem]]:
    """`live` with every class (tree node) at the path it will have once the declared renames are
    applied (a renamed class records its path before the plan as `previous_name`)."""
    problems: list[Problem] = []
    after: dict[tuple[str, LiveId], str] = {}
    for tree in (kind.name for kind in KINDS.values() if kind.tree):
        paths = _renamed_paths(tree, desired, live, problems)
        after.update(((tree, node_id), path) for node_id, path in paths.items())
    resources = tuple(
        replace(r, name=after[(r.kind, r.id)], previous_name=r.name)
        if after.get((r.kind, r.id), r.name) != r.name
        else r
        for r in live
    )
    return replace(live, resources=resources), problems


def _renamed_paths(
    tree: str, desired: tuple[DesiredResource, ...], live: LiveState, problems: list[Problem]
) -> dict[LiveId, str]:
    """Each live node of `tree` by id, at its path after the declared renames."""
    before = {r.id: r.name for r in live.of_kind(tree)}
    after = dict(before)
    renamed = sorted(
        (d for d in desired if d.kind == tree and d.previous_names), key=lambda d: d.name.count("/")
    )
    for item in renamed:
        if item.name in after.values():
            continue
        found = next((i for p in item.previous_names for i in after if p in (after[i], before[i])), None)
        if found is None:
            continue
        old = after[found]
        if _parent(old) != _parent(item.name):
            message = (
                f"{tree} {item.name!r}: previous name {old!r} is under another parent; the API "
                "renames a class (ModifyClass) but cannot move it"
            )
            problems.append(Problem(message, item.location))
            continue
        for node_id, path in after.items():
            if path == old or path.startswith(old + "/"):
                after[node_id] = item.name + path[len(old) :]
    return after


def _parent(path: str) -> str:
    return path.rpartition("/")[0]


def procedure_rename_note(old: str, new: str) -> str:
    """The plan note for a procedure renamed from `old` to `new`: the API cannot rename one, so it
    is created anew and the old deleted."""
    return (
        f"Procedure {old!r} -> {new!r}: the API keys procedures by name and cannot rename one; the "
        f"plan creates {new!r}, then deletes {old!r} (uploads naming {old!r} must use the new name)"
    )
