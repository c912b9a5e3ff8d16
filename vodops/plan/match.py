"""Which live object a declaration stands for.

By name, among the kind's custom objects. Presets cannot be declared. Two or more live objects
with a declared name are an error listing their ids, unless every one carries this stack's
marker: then they are vodops's own leftovers (an interrupted replace leaves the new object beside
the old), the one that already matches the manifest (else the newest) is kept and the others are
deleted. A template whose live name cannot identify it (empty, shared, a preset's, or not a valid
manifest name) can be tied to a declaration by `metadata.adoptId`; one the manifest has renamed,
by `metadata.previousNames` (plan/rename.py). An object whose marker carries the name it was
made as (a media file's SourceContext) and that was renamed outside vodops is found by that name
(`made_as`), so the plan renames it back instead of making another.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from vodops.desired import DesiredResource
from vodops.diff import comparable
from vodops.errors import Problem
from vodops.live import LiveResource, LiveState
from vodops.refs import References
from vodops.resources import KINDS


@dataclass(frozen=True)
class Match:
    """The live object a declaration is matched with (None: none, so it is created), or the
    problem that stops the plan, and a warning to show."""

    found: LiveResource | None = None
    problem: Problem | None = None
    note: str | None = None  # a warning: a hint that had no effect


def match(item: DesiredResource, live: LiveState, stack: str) -> Match:
    """The live object `item` is matched with: the one custom object of its name (of several owned
    by `stack`, the one already as declared, else the highest id), else the one its adoptId or a
    previous name finds. A preset name or an ambiguous name or previous name gives a problem, not a
    match."""
    candidates = live.named(item.kind, item.name)
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
        return _by_name(item, custom[0])
    if item.adopt_id is not None:
        return _by_adopt_id(item, live)
    return _by_previous_name(item, live)


def _by_name(item: DesiredResource, found: LiveResource) -> Match:
    if item.adopt_id is None or item.adopt_id == found.id:
        return Match(found)  # adoptId did its work: the template has the declared name now
    note = f"{found.label} was found by its name, not by id {item.adopt_id}"
    return Match(found, note=_no_effect(item, note))


def _by_previous_name(item: DesiredResource, live: LiveState) -> Match:
    """The live object a previous name finds (classes: see plan/rename.py)."""
    if KINDS[item.kind].tree:
        return Match()
    for previous in item.previous_names:
        found = [r for r in live.named(item.kind, previous) if not r.preset]
        if len(found) > 1:
            ids = ", ".join(str(r.id) for r in found)
            message = f"metadata.previousNames: {previous!r} names {len(found)} live objects (ids {ids})"
            return Match(problem=Problem(message, item.location))
        if found:
            return Match(found[0])
    return Match()


def _keeper(item: DesiredResource, ours: list[LiveResource]) -> LiveResource:
    wanted = comparable(item.kind, item.comparable(), References())
    same = [r for r in ours if comparable(item.kind, r.spec, References()) == wanted]
    return max(same or ours, key=lambda r: int(r.id) if isinstance(r.id, int) else 0)


def _by_adopt_id(item: DesiredResource, live: LiveState) -> Match:
    """The live template adoptId names, while its own name cannot identify it: empty, shared with
    another template, a preset's name, or not a name a manifest may use. Anywhere else adoptId
    would have no effect, which the plan says in a note (never silently ignored)."""
    found = live.with_id(item.kind, item.adopt_id) if item.adopt_id is not None else None
    if found is None:
        return Match(note=_no_effect(item, f"no custom {item.kind} has id {item.adopt_id} in this target"))
    namesakes = len(live.named(item.kind, found.name))
    unusable = found.name == "" or KINDS[item.kind].name_problem(found.name) is not None
    if unusable or namesakes > 1:
        return Match(found)
    because = (
        f"{found.label} has a name that identifies it (write `previousNames: [{found.name}]` to take "
        "it over under the declared name)"
    )
    return Match(note=_no_effect(item, because))


def _no_effect(item: DesiredResource, because: str) -> str:
    """Warn, do not refuse: the same manifests serve several targets, where ids differ."""
    where = f"{item.location}: " if item.location else ""
    return f"{where}metadata.adoptId {item.adopt_id} of {item.kind} {item.name!r} has no effect: {because}"


def made_as(
    unmatched: list[DesiredResource],
    desired: tuple[DesiredResource, ...],
    live: LiveState,
    stack: str,
    taken: Iterable[LiveResource],
) -> Iterator[tuple[int, LiveResource]]:
    """(id of the declaration, its live object) for declarations no name found, whose object this
    stack made under the declared name (or a previous one), as its marker says, and which was
    renamed since to a name no declaration of its kind holds (a console rename)."""
    if not unmatched:  # a steady plan: every declaration was found by name
        return
    used = {(r.kind, r.id) for r in taken}
    declared = {(item.kind, item.name) for item in desired}
    for item in unmatched:
        names = {item.name, *item.previous_names}
        for found in live.of_kind(item.kind):
            owner = found.owner
            if owner is None or owner.stack != stack or owner.name not in names:
                continue
            if (found.kind, found.id) not in used and (found.kind, found.name) not in declared:
                used.add((found.kind, found.id))
                yield id(item), found
                break
