"""A plan's changes, told apart: those the account made (drift) and those the manifests made.

Per change (DESIGN.md "Drift"): live = the digest of the live object, applied = the digest vodops
recorded when it last wrote it (vodops/drift/record.py), manifests = the digest of the declared
spec. An object vodops owns is drifted when live differs from applied; when only manifests
differ, the change comes from git (`vodops plan` shows it). Without a record (an object written
by a vodops older than the record) the cause cannot be told, and a difference counts as drift.
The application itself and its settings (application-level kinds) carry no marker at all, so no
record: a difference between one and the manifests is reported as a managed `setting` that
differs, never as an object written by an old vodops.
A declared object that is missing, a declared name made outside vodops, and an object made
outside vodops where vodops manages (a class below an authoritative class, a name matching the
settings' `drift.names`) are drift too. No kind is special-cased: what a kind carries (a marker,
an UpdateTime) decides.
"""

from __future__ import annotations

import fnmatch
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

from vodops.cloud.vod import LiveId
from vodops.desired import DesiredResource
from vodops.diff import FieldChange
from vodops.drift.record import desired_digest, spec_digest
from vodops.live import LiveResource, LiveState
from vodops.plan.changes import Action, Change, Plan
from vodops.plural import counted
from vodops.refs import References
from vodops.resources import APPLICATION_LEVEL

_RENAME = ("metadata", "name")


class Cause(str, Enum):
    """Why an object counts as drift (the `cause` of text, JSON and events)."""

    CHANGED = "changed"  # changed outside vodops: the live object is not what vodops last wrote
    UNRECORDED = "unrecorded"  # differs from the manifests; no record of what vodops wrote
    SETTING = "setting"  # an application setting (no marker, so never a record) differs from the manifests
    MISSING = "missing"  # declared, not in the account: deleted outside vodops (or never applied)
    UNMARKED = "unmarked"  # a declared name made outside vodops (no marker)
    UNDECLARED = "undeclared"  # made outside vodops where vodops manages


@dataclass(frozen=True)
class Drifted:
    """One object that moved. `fields` are before = the manifests (what vodops applies), after =
    live; `changed_at` is the API's UpdateTime where the kind has one (the API names no operator
    for these kinds)."""

    cause: Cause
    kind: str
    name: str
    live_id: LiveId | None
    fields: tuple[FieldChange, ...] = ()
    changed_at: str | None = None
    manifests_changed: bool = False  # the manifests changed since the last apply, too

    @property
    def address(self) -> str:
        return f"{self.kind}/{self.name}"


@dataclass(frozen=True)
class DriftReport:
    """What drifted in one target (`drifted`, in plan order), and what only the manifests moved."""

    target: str
    sub_app_id: int | None
    stack: str
    drifted: tuple[Drifted, ...]
    pending: tuple[str, ...]  # KIND/NAME of the changes that come from the manifests

    @property
    def clean(self) -> bool:
        return not self.drifted

    def per_kind(self) -> Counter[str]:
        """Drifted objects per kind name."""
        return Counter(item.kind for item in self.drifted)

    def summary(self) -> str:
        """One line: no drift, or how many objects drifted and why."""
        if self.clean:
            return "No drift: the live account is what vodops last made it."
        counts = Counter(item.cause.value for item in self.drifted)
        parts = ", ".join(f"{n} {cause}" for cause, n in counts.items())
        return f"Drift: {counted(len(self.drifted), 'object')} ({parts})."


def find_drift(
    plan: Plan,
    live: LiveState,
    refs: References,
    desired: tuple[DesiredResource, ...],
    names: Iterable[str] = (),
) -> DriftReport:
    """The drift in `plan` (made from `desired` and `live` with pruning on, so undeclared objects
    show; `refs` are its references), and the live objects made outside vodops that nothing
    declares whose names match the `names` globs."""
    drifted: list[Drifted] = []
    pending: list[str] = []
    for change in plan.changes:
        found = _classify(change, refs)
        if found is None:
            pending.append(change.address)
        else:
            drifted.append(found)
    known = {(change.kind, change.name) for change in plan.changes}
    known |= {(item.kind, item.name) for item in desired}
    drifted.extend(_named(live, tuple(names), known))
    return DriftReport(plan.target, plan.sub_app_id, plan.stack, tuple(drifted), tuple(pending))


def _classify(change: Change, refs: References) -> Drifted | None:
    found = change.live
    if change.action is Action.CREATE or found is None:
        return Drifted(Cause.MISSING, change.kind, change.name, None)
    if change.action is Action.DELETE:
        return _made(Cause.UNDECLARED, found) if found.owner is None else None
    if change.action is Action.ADOPT:
        return _made(Cause.UNMARKED, found, _flipped(change.fields))
    if all(field.path == _RENAME for field in change.fields):
        return None  # a rename that metadata.previousNames asks for
    return _recorded(change, found, refs)


def _recorded(change: Change, found: LiveResource, refs: References) -> Drifted | None:
    applied = found.owner.applied if found.owner else None
    fields = _flipped(change.fields)
    if applied is None:
        cause = Cause.SETTING if found.kind in APPLICATION_LEVEL else Cause.UNRECORDED
        return _made(cause, found, fields, change.name)
    if spec_digest(found.kind, found.spec) == applied:
        return None  # the live object is what vodops wrote: the manifests moved
    assert change.desired is not None, "an update always has a desired side"
    moved = desired_digest(change.desired, refs) != applied
    return _made(Cause.CHANGED, found, fields, change.name, manifests_changed=moved)


def _made(
    cause: Cause,
    found: LiveResource,
    fields: tuple[FieldChange, ...] = (),
    name: str | None = None,
    manifests_changed: bool = False,
) -> Drifted:
    made_outside = cause in (Cause.UNDECLARED, Cause.UNMARKED)  # its creation is what happened
    when = found.raw.get("UpdateTime") or (found.raw.get("CreateTime") if made_outside else None)
    stamp = str(when) if when else None
    return Drifted(cause, found.kind, name or found.name, found.id, fields, stamp, manifests_changed)


def _flipped(fields: tuple[FieldChange, ...]) -> tuple[FieldChange, ...]:
    """Plan fields read live -> manifests; drift reads what vodops applies -> what is live (so a
    list item the plan would add is one removed outside vodops, and the other way round)."""
    return tuple(FieldChange(f.path, f.after, f.before, removed=f.added, added=f.removed) for f in fields)


def _named(live: LiveState, names: tuple[str, ...], known: set[tuple[str, str]]) -> Iterator[Drifted]:
    """Live objects with no marker whose names match a glob of `names`, neither declared nor in
    the plan."""
    if not names:
        return
    for found in live:
        if found.preset or found.owner is not None or (found.kind, found.name) in known:
            continue
        if any(fnmatch.fnmatchcase(found.name, pattern) for pattern in names):
            yield _made(Cause.UNDECLARED, found)
