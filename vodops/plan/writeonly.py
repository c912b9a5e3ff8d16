"""What a plan knows of a live object beyond its listing: the members the API never returns
(by the digest vodops recorded in the marker), and what the object is doing now."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from vodops.desired import DesiredResource
from vodops.live import LiveResource, LiveState
from vodops.ownership import values_digest
from vodops.resources import KINDS

UNKNOWN = "(not returned by the API)"


def written(item: DesiredResource, found: LiveResource) -> dict[str, Any]:
    """`found`'s spec with the kind's write-only members: the declared values when the marker's
    digest says vodops wrote exactly those, else UNKNOWN for each declared one (an update sends
    them again)."""
    declared = item.written_only(KINDS[item.kind].write_only)
    if not declared or KINDS[item.kind].images:
        return found.spec
    recorded = found.owner.digest if found.owner else None
    same = recorded is not None and recorded == values_digest(declared)
    return {**found.spec, **(declared if same else dict.fromkeys(declared, UNKNOWN))}


def states(live: LiveState, matched: Iterable[LiveResource], stack: str) -> tuple[tuple[str, str, str], ...]:
    """(kind, name, state) of every live object that says what it is doing and that the manifests
    declare or this stack owns, so a reviewer sees a broken relay even when nothing is to change."""
    mine = {(r.kind, r.id) for r in matched}
    return tuple(
        (r.kind, r.name or f"id {r.id}", r.state)
        for r in live
        if r.state is not None
        and ((r.kind, r.id) in mine or (r.owner is not None and r.owner.stack == stack))
    )
