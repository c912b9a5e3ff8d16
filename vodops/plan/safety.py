"""Delete brakes: a plan that deletes more than the limits allow is unsafe, and apply refuses it
unless every deletion is named with --allow-delete KIND/NAME, or --force is given.

The limits are absolute (`maxDeletes`) and relative (`maxDeletePercent` of the objects this stack
owns in the target), overall and per kind. As in octoDNS, a percentage only applies once there are
at least 10 owned objects, so a small account is not blocked from its first deletes.

Two rules hold whatever the limits: a plan that deletes every object the stack owns, and a plan
made from no manifests at all while it deletes what the stack owns (an empty or mistyped
directory in CI), are unsafe.

What the stack owns, counted from the live account, not from the manifests (which may be gone):
every custom template and procedure carrying this stack's marker, of every kind. Classes carry no
marker, so a class counts when a manifest declares it or when it sits below a class declared
authoritative (the classes this stack may delete); with no manifests no class can be told apart
from the console's, and the two rules above hold instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from vodops.desired import DesiredResource
from vodops.live import LiveResource, LiveState
from vodops.plan.changes import Action, Brakes, Change
from vodops.plural import counted
from vodops.resources import DEPENDENCY_ORDER, KINDS
from vodops.settings import DeleteLimits, Safety

MIN_FOR_PERCENT = 10


def owned(live: LiveState, desired: tuple[DesiredResource, ...], stack: str) -> dict[str, int]:
    """How many live objects of each kind this stack owns (see the module docstring)."""
    classes = {(item.kind, item.name) for item in desired if KINDS[item.kind].tree}
    below = authoritative_tops(desired)
    counts = dict.fromkeys(DEPENDENCY_ORDER, 0)
    for found in live:
        if not found.preset and _owned(found, stack, classes, below):
            counts[found.kind] += 1
    return counts


def _owned(
    found: LiveResource, stack: str, classes: set[tuple[str, str]], below: set[tuple[str, str]]
) -> bool:
    """A tree node (class) carries no marker: it is ours when declared, or below an authoritative
    node; any other object when it carries this stack's marker."""
    if KINDS[found.kind].tree:
        return (found.kind, found.name) in classes or below_authoritative(found, below)
    return found.owner is not None and found.owner.stack == stack


def authoritative_tops(desired: tuple[DesiredResource, ...]) -> set[tuple[str, str]]:
    """(kind, path + "/") of every tree node declared authoritative: vodops owns what is below."""
    return {(item.kind, item.name + "/") for item in desired if item.authoritative}


def below_authoritative(found: LiveResource, tops: set[tuple[str, str]]) -> bool:
    """Whether a live tree node is below a node declared authoritative (see authoritative_tops)."""
    return any(kind == found.kind and found.name.startswith(top) for kind, top in tops)


def brakes(
    changes: list[Change], owned_counts: dict[str, int], safety: Safety, *, no_manifests: bool = False
) -> Brakes | None:
    """The brakes `changes` trip, given how many objects of each kind this stack owns."""
    deletes = [c for c in changes if c.action is Action.DELETE]
    counts = {kind: sum(1 for c in deletes if c.kind == kind) for kind in owned_counts}
    total = sum(owned_counts.values())
    reasons = list(_always(len(deletes), total, no_manifests))
    each = [c for c in changes if KINDS[c.kind].brake_each_delete and _deletes_live(c)]
    if each:
        kinds = ", ".join(sorted({c.kind for c in each}))
        reasons.append(f"deleting {kinds} cannot be undone: each deletion must be named with --allow-delete")
    reasons.extend(_over(safety, "the plan", len(deletes), total))
    for kind, limits in safety.kinds.items():
        reasons.extend(_over(limits, kind, counts.get(kind, 0), owned_counts.get(kind, 0)))
    if not reasons:
        return None
    named = dict.fromkeys([*(c.address for c in deletes), *(c.address for c in each)])
    return Brakes(tuple(reasons), tuple(named))


def _deletes_live(change: Change) -> bool:
    """Whether carrying out `change` deletes a live object (a delete, or a replace that does not
    keep the old one)."""
    return change.action is Action.DELETE or (change.action is Action.REPLACE and not change.keeps_old)


def _always(deleting: int, total: int, no_manifests: bool) -> Iterator[str]:
    if not deleting:
        return
    if no_manifests:
        yield (
            f"no manifests were found, yet the plan deletes {counted(deleting, 'object')} this stack owns "
            "(is it the right directory?)"
        )
    elif deleting >= total:
        yield f"the plan deletes every object this stack owns ({counted(deleting, 'object')})"


def _over(limits: DeleteLimits, what: str, deleting: int, managed: int) -> Iterator[str]:
    if limits.max_deletes is not None and deleting > limits.max_deletes:
        yield f"{what} deletes {counted(deleting, 'object')}; maxDeletes is {limits.max_deletes}"
    percent = limits.max_delete_percent
    if percent is not None and managed >= MIN_FOR_PERCENT and deleting * 100 > percent * managed:
        share = f"{deleting} of {managed} managed objects ({deleting * 100 / managed:.0f}%)"
        yield f"{what} deletes {share}; maxDeletePercent is {percent:g}"
