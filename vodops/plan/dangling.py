"""No plan may leave a dangling reference: every reference is checked on the account as it will
be after the plan, not as it is now.

After the plan, each declared object holds its manifest's spec (created, updated, replaced or
adopted); each live object no declaration matched and the plan does not delete keeps its live
spec (objects made in the console, another stack's, this stack's kept by `prune: false`). Every
reference field of every kind (the fields a spec model marks `RefTo`, so a new template kind is
checked with no code here) must then point at something that exists: a reference by name points
at a declaration, so it always does; a reference by id must name a live object the plan neither
deletes nor replaces (a replacement gets a new id; only a reference by name follows it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from vodops.cloud.vod import LiveId
from vodops.desired import DesiredResource
from vodops.diff import FieldChange
from vodops.errors import Location, Problem
from vodops.live import LiveResource, LiveState
from vodops.plan.changes import Action, Change
from vodops.refs import references_at
from vodops.resources import REFERRERS


@dataclass(frozen=True)
class _Referrer:
    kind: str
    name: str
    spec: dict[str, Any]
    how: str  # what the referrer is to this plan, for the message
    location: Location | None = None
    declared: bool = False


def dangling(
    desired: tuple[DesiredResource, ...],
    live: LiveState,
    changes: list[Change],
    matched: set[tuple[str, LiveId]],
    stack: str,
) -> Iterator[Problem]:
    """A problem for every reference that would point at nothing once the plan is applied."""
    now = {(r.kind, r.id): r for r in live}
    gone = {(c.kind, c.live.id): c.action for c in changes if c.live is not None and _removes(c)}
    for referrer in _after(desired, live, matched, set(gone), stack):
        for path, kind, value in references_at(referrer.kind, referrer.spec):
            if isinstance(value, str) or ((kind, value) not in gone and (kind, value) in now):
                continue
            if (kind, value) in gone:
                yield _doomed(referrer, path, now[(kind, value)], gone[(kind, value)])
            elif referrer.declared and live.read:  # an unread account's presets are unknown
                yield _missing(referrer, path, kind, value)


def _removes(change: Change) -> bool:
    return change.action in (Action.DELETE, Action.REPLACE)


def _after(
    desired: tuple[DesiredResource, ...],
    live: LiveState,
    matched: set[tuple[str, LiveId]],
    gone: set[tuple[str, LiveId]],
    stack: str,
) -> Iterator[_Referrer]:
    """The objects the account holds after the plan whose kind can refer to another (most hold
    templates, which refer to nothing)."""
    for item in desired:
        if item.kind in REFERRERS:
            yield _Referrer(item.kind, item.name, item.spec, "(declared)", item.location, declared=True)
    kept_off = matched | gone  # once, not once per live object
    for found in live:
        if found.kind in REFERRERS and not found.preset and (found.kind, found.id) not in kept_off:
            yield _Referrer(found.kind, found.name, found.spec, _undeclared(found, stack))


def _undeclared(found: LiveResource, stack: str) -> str:
    if found.owner is None:
        return "(made outside vodops, so this plan does not change it)"
    if found.owner.stack != stack:
        return f"(owned by stack {found.owner.stack!r}, so this plan does not change it)"
    return "(no longer declared, and kept because prune is off)"


def _where(path: tuple[str | int, ...]) -> str:
    return FieldChange(path, None, None).dotted


def _doomed(
    referrer: _Referrer, path: tuple[str | int, ...], target: LiveResource, action: Action
) -> Problem:
    verb = "replaces it (the replacement gets a new id)" if action is Action.REPLACE else "deletes it"
    if referrer.declared and action is Action.REPLACE:
        fix = f"write the template's name ({_where(path)}: {target.name}) so it follows the replacement"
    elif referrer.declared:
        fix = "declare that template again, or stop using it"
    else:
        fix = f"change that {referrer.kind} first, or keep the template declared"
    message = (
        f"{referrer.kind} {referrer.name!r} {referrer.how} would still use {target.label} at "
        f"{_where(path)} after this plan, which {verb}; {fix}"
    )
    return Problem(message, referrer.location)


def _missing(referrer: _Referrer, path: tuple[str | int, ...], kind: str, value: Any) -> Problem:
    message = (
        f"{referrer.kind} {referrer.name!r} refers to {kind} {value} at {_where(path)}, which does not "
        "exist in the live account"
    )
    return Problem(message, referrer.location)
