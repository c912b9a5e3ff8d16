"""Desired and live state to a Plan: who owns what, what changes, in which order.

Ownership rules (DESIGN.md "Identity and ownership"): a declared name matches at most one live
custom object of its kind (plan/match.py); ours (this stack's marker) is updated, unmarked is
adopted, another stack's is refused. Only live objects with our marker that are not matched are
deleted; classes, which carry no marker, only below a class declared authoritative. Fields the
API cannot modify become replacements (plan/replace.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from vodops.cloud.vod import LiveId
from vodops.desired import DesiredResource
from vodops.diff import FieldChange, comparable, field_changes
from vodops.errors import PlanError, Problem
from vodops.gcpace import unhurried
from vodops.live import LiveResource, LiveState
from vodops.plan.changes import Action, Change, Plan, ordered
from vodops.plan.checks import plan_problems, quotas
from vodops.plan.dangling import dangling
from vodops.plan.match import made_as, match
from vodops.plan.rename import follow_class_renames, procedure_rename_note
from vodops.plan.replace import immutable_change, moves, repoints, uncleared
from vodops.plan.safety import authoritative_tops, below_authoritative, brakes, owned
from vodops.plan.schedule import timed
from vodops.plan.scope import scoped
from vodops.plan.writeonly import states, written
from vodops.refs import References
from vodops.resources import KINDS, QUOTAS, REFERRED
from vodops.settings import Safety


@dataclass(frozen=True)
class Policy:
    """What the project's settings and the command line ask of a plan."""

    prune: bool = True
    safety: Safety = field(default_factory=Safety)
    protected: frozenset[tuple[str, LiveId]] = frozenset()  # live objects a delete guard keeps
    only: frozenset[str] = frozenset()
    now: float = 0.0  # the API's time, by which kinds' time windows are judged (plan/schedule.py)
    quotas: Mapping[str, int] = field(default_factory=lambda: dict(QUOTAS))  # the target's dialect's


@dataclass
class _Planning:
    stack: str
    now: float = 0.0
    refs: References = field(default_factory=References)
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@unhurried
def build_plan(
    desired: tuple[DesiredResource, ...],
    live: LiveState,
    *,
    stack: str,
    target: str,
    sub_app_id: int | None,
    policy: Policy | None = None,
) -> tuple[Plan, References]:
    """The plan, and the references it resolved (apply continues from them)."""
    policy = policy or Policy()
    planning = _Planning(stack, policy.now)
    live, planning.problems = follow_class_renames(desired, live)
    for tree in (kind for kind in KINDS.values() if kind.tree):
        for node in live.of_kind(tree.name):
            planning.refs.bind(tree.name, node.name, node.id)  # parents of new classes
    matches = _matches(desired, live, planning)
    for item in desired:
        _plan_declared(item, matches.get(id(item)), planning)
    matched = {(found.kind, found.id) for found in matches.values()}
    deletes = list(_deletes(desired, live, stack, matched))
    deletes = _unguarded(deletes, policy.protected, planning.notes)
    planning.changes, deletes = _opted_in(planning.changes, deletes, policy.safety, planning.notes)
    notes = planning.notes + ([] if policy.prune or not deletes else [_kept(deletes)])
    planning.changes = moves(planning.changes + (deletes if policy.prune else []))
    declared = {(item.kind, item.name): item for item in desired}
    planning.changes.extend(repoints(planning.changes, live, stack, declared))
    planning.problems.extend(plan_problems(live, planning.changes, policy.quotas))
    planning.problems.extend(dangling(desired, live, planning.changes, matched, stack))
    if planning.problems:
        raise PlanError(planning.problems)
    changes = planning.changes
    if policy.only:
        changes, left_out = scoped(changes, policy.only, desired, live)
        notes.extend(left_out)
    owned_counts = owned(live, desired, stack)
    tripped = brakes(changes, owned_counts, policy.safety, no_manifests=not desired)
    plan = Plan(
        target,
        sub_app_id,
        stack,
        ordered(changes),
        quotas(live, changes, policy.quotas),
        tripped,
        tuple(notes),
        tuple(sorted(policy.only)),
        tuple(owned_counts.items()),
        states(live, matches.values(), stack),
    )
    return plan, planning.refs


def _unguarded(
    deletes: list[Change], protected: frozenset[tuple[str, LiveId]], notes: list[str]
) -> list[Change]:
    """`deletes` without the objects a delete guard keeps (a class holding media) and the tree
    nodes above them (a class with a subclass cannot be deleted either)."""
    guarded = [c for c in deletes if c.live and (c.kind, c.live.id) in protected]
    below = [c.name + "/" for c in guarded]
    kept = [c for c in deletes if c in guarded or any(path.startswith(c.name + "/") for path in below)]
    if kept:
        listed = ", ".join(c.address for c in kept)
        notes.append(f"not deleted, as the API would refuse: {listed} (a class holding media, or above one)")
    return [c for c in deletes if c not in kept]


def _opted_in(
    changes: list[Change], deletes: list[Change], safety: Safety, notes: list[str]
) -> tuple[list[Change], list[Change]]:
    """Kinds never deleted unless the settings list them in safety.deleteKinds (Media): their
    deletes are left out, and their replaces keep the old object, each said in a note."""
    closed = {name for name, kind in KINDS.items() if kind.delete_opt_in and name not in safety.delete_kinds}
    kept = [c for c in deletes if c.kind in closed]
    if kept:
        kinds, listed = ", ".join(sorted({c.kind for c in kept})), ", ".join(sorted(c.address for c in kept))
        notes.append(f"kept, as {kinds} is not in safety.deleteKinds: {listed}")
    replaced = [
        dataclasses.replace(c, keeps_old=True) if c.action is Action.REPLACE and c.kind in closed else c
        for c in changes
    ]
    if any(c.keeps_old for c in replaced):
        notes.append("a replace keeps the object it replaces while its kind is not in safety.deleteKinds")
    return replaced, [c for c in deletes if c.kind not in closed]


def _kept(deletes: list[Change]) -> str:
    listed = ", ".join(change.address for change in deletes)
    return f"prune is off: {len(deletes)} live object(s) no longer declared were kept: {listed}"


def _matches(
    desired: tuple[DesiredResource, ...], live: LiveState, planning: _Planning
) -> dict[int, LiveResource]:
    found: dict[int, LiveResource] = {}
    unmatched: list[DesiredResource] = []
    for item in desired:
        result = match(item, live, planning.stack)
        if result.problem is not None:
            planning.problems.append(result.problem)
        if result.note is not None:
            planning.notes.append(result.note)
        if result.found is not None:
            found[id(item)] = result.found
        elif result.problem is None:
            unmatched.append(item)
    found.update(made_as(unmatched, desired, live, planning.stack, found.values()))
    for item in desired:
        if id(item) in found and item.kind in REFERRED:
            planning.refs.bind(item.kind, item.name, found[id(item)].id)
    return found


def _plan_declared(item: DesiredResource, found: LiveResource | None, planning: _Planning) -> None:
    timely, recreate = timed(item, found, planning.now, planning.notes, planning.problems)
    if timely is None:
        return
    item = timely
    if found is None:
        planning.changes.append(
            Change(Action.CREATE, item.kind, item.name, _fields(item, None, planning), item)
        )
        return
    kind = KINDS[item.kind]
    if kind.tree:
        _plan_node(item, found, planning)  # a class has nothing but its path
        return
    if found.owner is not None and found.owner.stack != planning.stack:
        message = f"{found.label} belongs to stack {found.owner.stack!r}; vodops will not take it over"
        planning.problems.append(Problem(message, item.location))
        return
    fields = _fields(item, found, planning)
    frozen = immutable_change(item.kind, fields) or uncleared(item, fields)
    if frozen is not None and found.owner is None:
        message = f"{found.label} cannot be adopted: its {frozen.dotted} differs and the API cannot change it"
        planning.problems.append(Problem(message, item.location))
    elif frozen is not None or recreate or (kind.keyed_by_name and found.name != item.name):
        _replace(item, found, fields, planning)
    elif found.owner is None:
        planning.changes.append(Change(Action.ADOPT, item.kind, item.name, fields, item, found))
    elif fields:
        planning.changes.append(Change(Action.UPDATE, item.kind, item.name, fields, item, found))


def _plan_node(item: DesiredResource, found: LiveResource, planning: _Planning) -> None:
    """A tree node (class) found under a previous name is renamed in place (ModifyClass ClassName)."""
    old = found.previous_name
    if old is not None and old.rpartition("/")[2] != item.name.rpartition("/")[2]:
        field = FieldChange(("metadata", "name"), old, item.name)
        planning.changes.append(Change(Action.UPDATE, item.kind, item.name, (field,), item, found))


def _replace(
    item: DesiredResource, found: LiveResource, fields: tuple[FieldChange, ...], planning: _Planning
) -> None:
    if found.owner is None:  # a procedure found by a previous name, made in the console
        message = f"{found.label} cannot be renamed: procedures are keyed by name and it is not vodops's"
        planning.problems.append(Problem(message, item.location))
        return
    if KINDS[item.kind].keyed_by_name and found.name != item.name:
        planning.notes.append(procedure_rename_note(found.name, item.name))
    planning.changes.append(Change(Action.REPLACE, item.kind, item.name, fields, item, found))


def _fields(
    item: DesiredResource, found: LiveResource | None, planning: _Planning
) -> tuple[FieldChange, ...]:
    before = comparable(item.kind, written(item, found) if found else None, planning.refs)
    after = comparable(item.kind, item.comparable(), planning.refs)
    for name in KINDS[item.kind].only_when_declared:  # the server fills it in when not declared
        if name not in after:
            before.pop(name, None)
    renamed = (
        (FieldChange(("metadata", "name"), found.name, item.name),)
        if found and found.name != item.name
        else ()
    )
    return renamed + field_changes(before, after)


def _deletes(
    desired: tuple[DesiredResource, ...], live: LiveState, stack: str, matched: set[tuple[str, LiveId]]
) -> Iterator[Change]:
    nodes = {(item.kind, item.name) for item in desired if KINDS[item.kind].tree}
    authoritative = authoritative_tops(desired)
    for found in live:
        if found.preset or (found.kind, found.id) in matched:
            continue
        if KINDS[found.kind].tree:
            doomed = (found.kind, found.name) not in nodes and below_authoritative(found, authoritative)
        else:
            doomed = found.owner is not None and found.owner.stack == stack
        if doomed:
            yield Change(Action.DELETE, found.kind, found.name, live=found)
