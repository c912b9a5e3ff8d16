"""Which live object a declaration stands for.

By name, among the kind's custom objects. Presets cannot be declared. Two or more live objects
with a declared name are an error listing their ids, unless every one carries this stack's
marker: then they are vodops's own leftovers (an interrupted replace leaves the new object beside
the old), the one that already matches the manifest (else the newest) is kept and the others are
deleted. A template whose live name cannot identify it (empty, shared, a preset's, or not a valid
manifest name) can be tied to a declaration by `metadata.adoptId`.
"""

from __future__ import annotations

from dataclasses import dataclass

from vodops.desired import DesiredResource
from vodops.diff import comparable
from vodops.errors import Problem
from vodops.live import LiveResource, LiveState
from vodops.refs import References
from vodops.resources import KINDS


@dataclass(frozen=True)
class Match:
    found: LiveResource | None = None
    problem: Problem | None = None


def match(item: DesiredResource, live: LiveState, stack: str) -> Match:
    candidates = [r for r in live.of_kind(item.kind) if r.name == item.name]
    custom = [r for r in candidates if not r.preset]
    if len(candidates) > len(custom):
        return Match(
            problem=Problem(
                f"{item.kind} {item.name!r} is a system preset; choose another name", item.location
            )
        )
    if len(custom) > 1 and all(r.owner is not None and r.owner.stack == stack for r in custom):
        return Match(_keeper(item, custom))
    if len(custom) > 1:
        ids = ", ".join(str(r.id) for r in custom)
        message = (
            f"{item.kind} {item.name!r} exists {len(custom)} times in the live account "
            f"(ids {ids}); delete or rename all but one"
        )
        return Match(problem=Problem(message, item.location))
    if custom:
        return Match(custom[0])
    if item.adopt_id is not None:
        return Match(_by_adopt_id(item, live))
    return Match()


def _keeper(item: DesiredResource, ours: list[LiveResource]) -> LiveResource:
    wanted = comparable(item.kind, item.comparable(), References())
    same = [r for r in ours if comparable(item.kind, r.spec, References()) == wanted]
    return max(same or ours, key=lambda r: int(r.id) if isinstance(r.id, int) else 0)


def _by_adopt_id(item: DesiredResource, live: LiveState) -> LiveResource | None:
    """The live template adoptId names, while its own name cannot identify it: empty, shared with
    another template, a preset's name, or not a name a manifest may use."""
    same_kind = [r for r in live.of_kind(item.kind) if not r.preset]
    found = next((r for r in same_kind if r.id == item.adopt_id), None)
    if found is None:
        return None
    namesakes = sum(1 for r in live.of_kind(item.kind) if r.name == found.name)
    unusable = found.name == "" or KINDS[item.kind].name_problem(found.name) is not None
    return found if unusable or namesakes > 1 else None
