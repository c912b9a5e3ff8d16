"""Desired and live state to a Plan: who owns what, what changes, in which order.

Ownership rules (DESIGN.md "Identity and ownership"): a declared name matches at most one live
custom object of its kind; ours (this stack's marker) is updated, unmarked is adopted, another
stack's is refused. Only live objects with our marker that no manifest declares are deleted;
classes, which carry no marker, only below a class declared authoritative.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from vodops.cloud.vod import LiveId
from vodops.desired import DesiredResource
from vodops.diff import FieldChange, comparable, field_changes
from vodops.errors import PlanError, Problem
from vodops.live import LiveResource, LiveState
from vodops.plan.changes import Action, Change, Plan, ordered
from vodops.plan.checks import plan_problems, quotas
from vodops.refs import References
from vodops.resources import DEPENDENCY_ORDER, MEDIA_CLASS

REFERABLE = DEPENDENCY_ORDER[1:3]  # watermark and transcode templates


@dataclass
class _Planning:
    stack: str
    refs: References = field(default_factory=References)
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def build_plan(
    desired: tuple[DesiredResource, ...],
    live: LiveState,
    *,
    stack: str,
    target: str,
    sub_app_id: int | None,
) -> tuple[Plan, References]:
    """The plan, and the references it resolved (apply continues from them)."""
    planning = _Planning(stack)
    for live_class in live.of_kind(MEDIA_CLASS):
        planning.refs.bind(MEDIA_CLASS, live_class.name, live_class.id)  # parents of new classes
    matches = {id(item): found for item in desired if (found := _match(item, live, planning))}
    for item in desired:
        _bind(item, matches.get(id(item)), planning)
    for item in desired:
        _plan_declared(item, matches.get(id(item)), planning)
    matched = {(found.kind, found.id) for found in matches.values()}
    planning.changes.extend(_deletes(desired, live, stack, matched))
    planning.problems.extend(plan_problems(desired, live, planning.changes))
    if planning.problems:
        raise PlanError(planning.problems)
    plan = Plan(target, sub_app_id, stack, ordered(planning.changes), quotas(live, planning.changes))
    return plan, planning.refs


def _match(item: DesiredResource, live: LiveState, planning: _Planning) -> LiveResource | None:
    """The one live object a declaration stands for: by name, or by adoptId for a template whose
    live name cannot identify it (empty or shared); None if there is none."""
    candidates = [r for r in live.of_kind(item.kind) if r.name == item.name]
    custom = [r for r in candidates if not r.preset]
    if len(candidates) > len(custom):
        planning.problems.append(
            Problem(f"{item.kind} {item.name!r} is a system preset; choose another name", item.location)
        )
    elif len(custom) > 1:
        ids = ", ".join(str(r.id) for r in custom)
        message = (
            f"{item.kind} {item.name!r} exists {len(custom)} times in the live account "
            f"(ids {ids}); delete or rename all but one"
        )
        planning.problems.append(Problem(message, item.location))
    elif custom:
        return custom[0]
    elif item.adopt_id is not None:
        return _by_adopt_id(item, live)
    return None


def _by_adopt_id(item: DesiredResource, live: LiveState) -> LiveResource | None:
    same_kind = [r for r in live.of_kind(item.kind) if not r.preset]
    found = next((r for r in same_kind if r.id == item.adopt_id), None)
    if found is None:
        return None
    namesakes = sum(1 for r in same_kind if r.name == found.name)
    return found if found.name == "" or namesakes > 1 else None


def _bind(item: DesiredResource, found: LiveResource | None, planning: _Planning) -> None:
    if found is not None and item.kind in REFERABLE:
        planning.refs.bind(item.kind, item.name, found.id)


def _plan_declared(item: DesiredResource, found: LiveResource | None, planning: _Planning) -> None:
    if found is None:
        planning.changes.append(
            Change(Action.CREATE, item.kind, item.name, _fields(item, None, planning), item)
        )
        return
    if item.kind == MEDIA_CLASS:
        return  # a class has nothing but its path, which matched
    if found.owner is not None and found.owner.stack != planning.stack:
        message = f"{found.label} belongs to stack {found.owner.stack!r}; vodops will not take it over"
        planning.problems.append(Problem(message, item.location))
        return
    fields = _fields(item, found, planning)
    if found.owner is None:
        planning.changes.append(Change(Action.ADOPT, item.kind, item.name, fields, item, found))
    elif fields:
        planning.changes.append(Change(Action.UPDATE, item.kind, item.name, fields, item, found))


def _fields(
    item: DesiredResource, found: LiveResource | None, planning: _Planning
) -> tuple[FieldChange, ...]:
    before = comparable(item.kind, found.spec if found else None, planning.refs)
    after = comparable(item.kind, item.comparable(), planning.refs)
    renamed = (
        (FieldChange(("metadata", "name"), found.name, item.name),)
        if found and found.name != item.name
        else ()
    )
    return renamed + field_changes(before, after)


def _deletes(
    desired: tuple[DesiredResource, ...], live: LiveState, stack: str, matched: set[tuple[str, LiveId]]
) -> Iterator[Change]:
    declared = {(item.kind, item.name) for item in desired}
    authoritative = [item.name + "/" for item in desired if item.kind == MEDIA_CLASS and item.authoritative]
    for found in live:
        if found.preset or (found.kind, found.name) in declared or (found.kind, found.id) in matched:
            continue
        ours = found.owner is not None and found.owner.stack == stack
        below = found.kind == MEDIA_CLASS and found.name.startswith(tuple(authoritative))
        if (ours and found.kind != MEDIA_CLASS) or below:
            yield Change(Action.DELETE, found.kind, found.name, live=found)
