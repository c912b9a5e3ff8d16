"""Delete brakes: a plan that deletes more than the limits allow is unsafe, and apply refuses it
unless every deletion is named with --allow-delete KIND/NAME, or --force is given.

The limits are absolute (`maxDeletes`) and relative (`maxDeletePercent` of the objects vodops
manages in the target), overall and per kind. As in octoDNS, a percentage only applies once
there are at least 10 managed objects, so a small account is not blocked from its first deletes.
"""

from __future__ import annotations

from collections.abc import Iterator

from vodops.plan.changes import Action, Brakes, Change
from vodops.settings import DeleteLimits, Safety

MIN_FOR_PERCENT = 10


def brakes(changes: list[Change], managed: dict[str, int], safety: Safety) -> Brakes | None:
    """The brakes `changes` trip, given how many objects of each kind vodops manages."""
    deletes = [c for c in changes if c.action is Action.DELETE]
    counts = {kind: sum(1 for c in deletes if c.kind == kind) for kind in managed}
    reasons = list(_over(safety, "the plan", len(deletes), sum(managed.values())))
    for kind, limits in safety.kinds.items():
        reasons.extend(_over(limits, kind, counts.get(kind, 0), managed.get(kind, 0)))
    if not reasons:
        return None
    return Brakes(tuple(reasons), tuple(c.address for c in deletes))


def _over(limits: DeleteLimits, what: str, deleting: int, managed: int) -> Iterator[str]:
    if limits.max_deletes is not None and deleting > limits.max_deletes:
        yield f"{what} deletes {deleting} objects; maxDeletes is {limits.max_deletes}"
    percent = limits.max_delete_percent
    if percent is not None and managed >= MIN_FOR_PERCENT and deleting * 100 > percent * managed:
        share = f"{deleting} of {managed} managed objects ({deleting * 100 / managed:.0f}%)"
        yield f"{what} deletes {share}; maxDeletePercent is {percent:g}"
