"""Scoped runs: `--only KIND/NAME` plans just those resources and what they need.

What they need: the templates a selected procedure refers to, the parent classes of a selected
class, and the procedures a selected replacement repoints. Everything else the full plan would
do is left out and listed, so a scoped run never hides that the account is not converged.
"""

from __future__ import annotations

from collections.abc import Iterable

from vodops.cloud.vod import LiveId
from vodops.desired import DesiredResource
from vodops.errors import PlanError, Problem
from vodops.live import LiveState
from vodops.plan.changes import Action, Change
from vodops.refs import references_in
from vodops.resources import KINDS, closest, did_you_mean


def scoped(
    changes: list[Change], only: frozenset[str], desired: tuple[DesiredResource, ...], live: LiveState
) -> tuple[list[Change], list[str]]:
    """The changes within the scope, and a note on those left out (if any)."""
    _check(only, desired, live)
    wanted = set(only) | set(_needed(only, desired))
    replaced = {(c.kind, c.live_id) for c in changes if c.action is Action.REPLACE and c.address in wanted}
    kept = [c for c in changes if c.address in wanted or _repoints(c, replaced)]
    left = [c for c in changes if c not in kept]
    if not left:
        return kept, []
    listed = ", ".join(f"{c.action.value} {c.address}" for c in left)
    return kept, [f"--only left out {len(left)} change(s) the full plan has: {listed}"]


def _check(only: frozenset[str], desired: tuple[DesiredResource, ...], live: LiveState) -> None:
    known = {f"{item.kind}/{item.name}" for item in desired} | {f"{r.kind}/{r.name}" for r in live}
    found = (address_problem(address, known, "the manifests or the account") for address in sorted(only))
    problems = [problem for problem in found if problem is not None]
    if problems:
        raise PlanError(problems)


def address_problem(address: str, known: set[str], searched: str) -> Problem | None:
    """What is wrong with `--only address`, or None: a kind vodops lacks, a kind without a name, or
    an address not in `known` (the addresses of what was `searched`, as the problem says it)."""
    kind, _, name = address.partition("/")
    if kind not in KINDS:
        hint = did_you_mean(kind, KINDS)
        return Problem(f"--only {address}: the kind must be one of {', '.join(KINDS)}{hint}")
    if not name:  # a kind alone is no address (it was 'no such resource')
        shape = f"write KIND/NAME, a kind and the name of one resource ({kind}/<name>)"
        return Problem(f"--only {address}: {shape}")
    if address not in known:
        return Problem(f"--only {address}: no such resource in {searched}" + _named_like(address, known))
    return None


def _named_like(address: str, known: set[str]) -> str:
    """`; did you mean 'Kind/name'?` for a near miss of a name of the address's kind."""
    kind, _, name = address.partition("/")
    names = sorted(other.partition("/")[2] for other in known if other.startswith(kind + "/"))
    close = closest(name, names)
    return f"; did you mean {kind + '/' + close!r}?" if close else ""


def _needed(only: Iterable[str], desired: tuple[DesiredResource, ...]) -> Iterable[str]:
    by_address = {f"{item.kind}/{item.name}": item for item in desired}
    for address in only:
        item = by_address.get(address)
        if item is None:
            continue
        yield from (
            f"{kind}/{value}" for kind, value in references_in(item.kind, item.spec) if isinstance(value, str)
        )
        if KINDS[item.kind].tree:
            parts = item.name.split("/")
            yield from (f"{item.kind}/{'/'.join(parts[:end])}" for end in range(1, len(parts)))


def _repoints(change: Change, replaced: set[tuple[str, LiveId | None]]) -> bool:
    if change.live is None:
        return False
    return any((kind, value) in replaced for kind, value in references_in(change.kind, change.live.spec))
