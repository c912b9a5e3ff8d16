"""What a plan must not do, decided before anything is written: quotas, and classes the API could
not delete. (References: plan/dangling.py.)"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from vodops.errors import Problem
from vodops.live import LiveState
from vodops.plan.changes import Action, Change, Quota
from vodops.resources import MEDIA_CLASS, PROCEDURE, TRANSCODE, WATERMARK

# Custom objects per sub-application (reference §8); a legacy target has its own (vodops.cloud.legacy_vod).
QUOTAS: Mapping[str, int] = {TRANSCODE: 100, WATERMARK: 1000, PROCEDURE: 50}
MAX_SUBCLASSES = 500


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
    for quota in quotas(live, changes, limits):
        if quota.peak > quota.limit:
            yield Problem(
                f"{quota.kind}: during apply {quota.peak} {quota.scope} would exist at once (creates "
                f"run before deletes); the API allows {quota.limit} per sub-application "
                f"({quota.peak - quota.limit} too many)"
            )
    yield from _subclass_limits(live, changes)
    yield from _classes_left_with_children(live, changes)


def _subclass_limits(live: LiveState, changes: list[Change]) -> Iterator[Problem]:
    children: dict[str, int] = {}
    for found in live.of_kind(MEDIA_CLASS):
        children[_parent(found.name)] = children.get(_parent(found.name), 0) + 1
    for change in changes:
        if change.kind == MEDIA_CLASS:
            children[_parent(change.name)] = children.get(_parent(change.name), 0) + _delta(change)
    for parent, count in sorted(children.items()):
        if count > MAX_SUBCLASSES:
            where = f"class {parent!r}" if parent else "the top level"
            yield Problem(
                f"MediaClass: {where} would have {count} subclasses; the API allows {MAX_SUBCLASSES}"
            )


def _parent(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def _classes_left_with_children(live: LiveState, changes: list[Change]) -> Iterator[Problem]:
    """DeleteClass refuses a class that still has subclasses: every subclass must go first."""
    doomed = {
        c.live.name
        for c in changes
        if c.kind == MEDIA_CLASS and c.live and c.action in (Action.DELETE, Action.REPLACE)
    }
    for found in live.of_kind(MEDIA_CLASS):
        parent = _parent(found.name)
        if parent in doomed and found.name not in doomed:
            yield Problem(
                f"MediaClass {parent!r} would be deleted, but its subclass {found.name!r} stays; the API "
                "cannot delete a class that is not empty (declare the subclass where it should go)"
            )
