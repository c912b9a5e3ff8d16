"""What a plan must not do, decided before anything is written: quotas, and classes the API could
not delete. (References: plan/dangling.py.)"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from vodops.errors import Problem
from vodops.live import LiveState
from vodops.plan.changes import Action, Change, Quota
from vodops.resources import KINDS, QUOTAS
from vodops.resources.kind import Kind

# Custom objects per sub-application: each kind declares its own (Kind.quota, reference §8); a
# legacy target has its own (vodops.cloud.legacy_vod).
TREES = tuple(kind for kind in KINDS.values() if kind.tree)


def quotas(live: LiveState, changes: list[Change], limits: Mapping[str, int] = QUOTAS) -> tuple[Quota, ...]:
    """Custom objects of each kind after the plan, and at the peak of its apply, against `limits`
    (the dialect's documented quotas, or those a ticket raised)."""
    result = []
    for kind, limit in limits.items():
        now = sum(1 for r in live.of_kind(kind) if not r.preset)
        made = sum(1 for c in changes if c.kind == kind and c.action in (Action.CREATE, Action.REPLACE))
        gone = sum(1 for c in changes if c.kind == kind and c.action in (Action.DELETE, Action.REPLACE))
        result.append(Quota(kind, "custom templates", limit, now + made - gone, now + made))
    return tuple(result)


def _delta(change: Change) -> int:
    """How the count below a change's parent moves (a replace adds at the new place first)."""
    return {Action.CREATE: 1, Action.REPLACE: 1, Action.DELETE: -1}.get(change.action, 0)


def plan_problems(
    live: LiveState, changes: list[Change], limits: Mapping[str, int] = QUOTAS
) -> Iterator[Problem]:
    """What stops the plan: a kind whose objects would exceed its quota (`limits`, per
    sub-application) at their peak during apply, a tree node with more children than allowed, a
    class deleted while it keeps children."""
    for quota in quotas(live, changes, limits):
        if quota.peak > quota.limit:
            yield Problem(
                f"{quota.kind}: during apply {quota.peak} {quota.scope} would exist at once (creates "
                f"run before deletes); the API allows {quota.limit} per sub-application "
                f"({quota.peak - quota.limit} too many)"
            )
    for tree in TREES:
        yield from _subclass_limits(tree, live, changes)
        yield from _classes_left_with_children(tree.name, live, changes)


def _subclass_limits(tree: Kind, live: LiveState, changes: list[Change]) -> Iterator[Problem]:
    children: dict[str, int] = {}
    for found in live.of_kind(tree.name):
        children[_parent(found.name)] = children.get(_parent(found.name), 0) + 1
    for change in changes:
        if change.kind == tree.name:
            children[_parent(change.name)] = children.get(_parent(change.name), 0) + _delta(change)
    for parent, count in sorted(children.items()):
        limit = tree.tree_nodes.max_children
        if limit is not None and count > limit:
            where = f"class {parent!r}" if parent else "the top level"
            yield Problem(
                f"{tree.name}: {where} would have {count} subclasses; the API allows {limit}"
            )


def _parent(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def _classes_left_with_children(tree: str, live: LiveState, changes: list[Change]) -> Iterator[Problem]:
    """DeleteClass refuses a class that still has subclasses: every subclass must go first."""
    gone = (Action.DELETE, Action.REPLACE)
    doomed = {c.live.name for c in changes if c.kind == tree and c.live and c.action in gone}
    for found in live.of_kind(tree):
        parent = _parent(found.name)
        if parent in doomed and found.name not in doomed:
            yield Problem(
                f"{tree} {parent!r} would be deleted, but its subclass {found.name!r} stays; the API "
                "cannot delete a class that is not empty (declare the subclass where it should go)"
            )
