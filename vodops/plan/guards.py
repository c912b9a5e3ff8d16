"""Deletes the API would refuse, found before the plan is shown: each kind with a delete guard
(a class that holds media) is asked about the objects the plan would delete."""

from __future__ import annotations

from vodops.cloud.vod import LiveId
from vodops.plan.changes import Action, Plan
from vodops.resources import KINDS
from vodops.resources.kind import Call


def guarded(plan: Plan, call: Call) -> frozenset[tuple[str, LiveId]]:
    """(kind, live id) of every planned delete whose kind's guard gives a reason to keep it."""
    kept = set()
    for change in plan.changes:
        guard = KINDS[change.kind].delete_guard
        live = change.live
        if change.action is not Action.DELETE or guard is None or live is None:
            continue
        if guard(call, live.id) is not None:
            kept.add((change.kind, live.id))
    return frozenset(kept)
