"""Which live objects an export writes, and under which names.

The rule behind every choice: the written manifests must plan to adoptions only (or to nothing
for what this stack already owns). So an object is left out, with a note, whenever the plan could
not match it to the manifest written for it: another stack's objects (the plan refuses them),
class names containing "/", procedure names the manifest rules refuse, and procedures referring to
templates that no longer exist (the plan refuses those references). A template whose live name
cannot identify it gets an invented name and metadata.adoptId instead.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from vodops.cloud.vod import LiveId
from vodops.live import LiveResource, LiveState
from vodops.normalize import normalize
from vodops.refs import references_in
from vodops.resources import KINDS, REFERRED
from vodops.resources.kind import Kind

_MAX_ANCESTORS = 8  # the API allows 3; more means the live tree is broken, and ordering must still end


@dataclass(frozen=True)
class Chosen:
    """A live object to export, with its manifest name; `adopt_id` is set when export invented
    the name, so the plan can still find the object (metadata.adoptId)."""

    live: LiveResource
    name: str
    adopt_id: int | None = None


def choose(live: LiveState, kind: str, stack: str, notes: list[str]) -> list[Chosen]:
    """The objects of `kind` to export, in a stable order; what is left out is said in `notes`."""
    mine = [item for item in live.of_kind(kind) if not item.preset and _exportable_owner(item, stack, notes)]
    declared = KINDS[kind]
    if declared.tree:
        return _classes(declared, mine, live, notes)
    if declared.adoptable_by_id:
        return _templates(declared, mine, live.of_kind(kind), notes)
    return _by_name(declared, mine, live, notes)


def _exportable_owner(item: LiveResource, stack: str, notes: list[str]) -> bool:
    if item.owner is None or item.owner.stack == stack:
        return True
    notes.append(f"{item.label} belongs to stack {item.owner.stack!r}: not exported")
    return False


def _templates(
    kind: Kind, mine: list[LiveResource], every: list[LiveResource], notes: list[str]
) -> list[Chosen]:
    """Keep a live name the plan can match; invent one (with metadata.adoptId) where the live name
    cannot identify the template: empty, shared (with a preset too), or refused by the manifest
    rules. The plan honours adoptId in exactly those cases."""
    holders = Counter(item.name for item in every)
    taken = set(holders)
    chosen: list[Chosen] = []
    for item in sorted(mine, key=lambda found: int(found.id)):
        if item.name and holders[item.name] == 1 and kind.name_problem(item.name) is None:
            chosen.append(Chosen(item, item.name))
            continue
        name = _invent(kind.export_prefix, item.id, taken)
        taken.add(name)
        chosen.append(Chosen(item, name, int(item.id)))
    return chosen


def _invent(prefix: str, live_id: LiveId, taken: set[str]) -> str:
    base = f"{prefix}-{live_id}"
    name, count = base, 1
    while name in taken:
        count += 1
        name = f"{base}-{count}"
    return name


def left_out(item: LiveResource, why: str) -> str:
    """The note for an object not exported; one this stack owns is deleted by the next apply."""
    note = f"{item.label} not exported: {why}"
    if item.owner is not None:
        note += " (it carries this stack's marker, so applying these manifests would delete it)"
    return note


def _by_name(kind: Kind, mine: list[LiveResource], live: LiveState, notes: list[str]) -> list[Chosen]:
    """Objects keyed by name (procedures) keep their names; one the manifest rules refuse, or that
    refers to an object that no longer exists, is left out. A reference at its default (0: none)
    refers to nothing."""
    existing = {(item.kind, item.id) for item in live if item.kind in REFERRED}
    chosen: list[Chosen] = []
    for item in sorted(mine, key=lambda found: found.name):
        naming = kind.name_problem(item.name)
        references = references_in(kind.name, normalize(item.spec, kind.rules))
        missing = [(k, v) for k, v in references if (k, v) not in existing]
        if naming:
            notes.append(left_out(item, f"its name {naming}"))
        elif missing:
            target, value = missing[0]
            notes.append(left_out(item, f"it refers to {target} {value}, which does not exist"))
        else:
            chosen.append(Chosen(item, item.name))
    return chosen


def _classes(kind: Kind, mine: list[LiveResource], live: LiveState, notes: list[str]) -> list[Chosen]:
    """Every class (tree node) whose path a manifest can write, parents first; a class that cannot
    be written takes its subtree with it (a class is declared only below its declared parent)."""
    by_id = {item.id: item for item in live.of_kind(kind.name)}
    skipped: set[LiveId] = set()
    chosen: list[Chosen] = []
    for item in sorted(mine, key=lambda found: _depth(kind, found, by_id)):
        parent = by_id.get(kind.tree_nodes.parent_id(item.raw))
        if parent is not None and parent.id in skipped:
            why: str | None = f"it is below class {parent.name!r}, which is not exported"
        else:
            why = _class_problem(kind, item)
        if why:
            skipped.add(item.id)
            notes.append(left_out(item, why))
        else:
            chosen.append(Chosen(item, item.name))
    return sorted(chosen, key=lambda found: found.name)


def _class_problem(kind: Kind, item: LiveResource) -> str | None:
    own_name = kind.tree_nodes.own_name(item.raw)
    if "/" in own_name:
        return f"its name {own_name!r} contains '/', which a class path cannot express"
    naming = kind.name_problem(item.name)
    return f"its path {naming}" if naming else None


def _depth(kind: Kind, item: LiveResource, by_id: dict[LiveId, LiveResource]) -> tuple[int, int]:
    """How many ancestors `item` has (bounded: live state is read leniently), then its id."""
    parent_id = kind.tree_nodes.parent_id
    depth, current = 0, by_id.get(parent_id(item.raw))
    while current is not None and depth < _MAX_ANCESTORS:
        depth, current = depth + 1, by_id.get(parent_id(current.raw))
    return depth, int(item.id)
