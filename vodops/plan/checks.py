"""What a plan must not do, decided before anything is written: quotas, references to ids that do
not exist, fields the API cannot change, and deleting a template something still uses."""

from __future__ import annotations

from collections.abc import Iterator

from vodops.desired import DesiredResource
from vodops.errors import Problem
from vodops.live import LiveResource, LiveState
from vodops.plan.changes import Action, Change, Quota
from vodops.refs import references_in
from vodops.resources import MEDIA_CLASS, PROCEDURE, TRANSCODE, WATERMARK

# Custom objects per sub-application (reference §8).
QUOTAS = {TRANSCODE: 100, WATERMARK: 1000, PROCEDURE: 50}
MAX_SUBCLASSES = 500
IMMUTABLE = {WATERMARK: ("type",)}


def quotas(live: LiveState, changes: list[Change]) -> tuple[Quota, ...]:
    result = []
    for kind, limit in QUOTAS.items():
        used = sum(1 for r in live.of_kind(kind) if not r.preset)
        used += sum(_delta(c) for c in changes if c.kind == kind)
        result.append(Quota(kind, "custom templates", limit, used))
    return tuple(result)


def _delta(change: Change) -> int:
    return {Action.CREATE: 1, Action.DELETE: -1}.get(change.action, 0)


def plan_problems(
    desired: tuple[DesiredResource, ...], live: LiveState, changes: list[Change]
) -> Iterator[Problem]:
    for quota in quotas(live, changes):
        if quota.headroom < 0:
            yield Problem(
                f"{quota.kind}: the plan needs {quota.used_after} {quota.scope}; the API allows "
                f"{quota.limit} per sub-application ({-quota.headroom} too many)"
            )
    yield from _subclass_limits(live, changes)
    yield from _numeric_references(desired, live)
    yield from _immutable(changes)
    yield from _still_used(live, changes)


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


def _numeric_references(desired: tuple[DesiredResource, ...], live: LiveState) -> Iterator[Problem]:
    existing = {(r.kind, r.id) for r in live if r.kind in (TRANSCODE, WATERMARK)}
    for item in desired:
        for kind, value in references_in(item.kind, item.spec):
            if isinstance(value, int) and (kind, value) not in existing:
                word = "transcode" if kind == TRANSCODE else "watermark"
                message = f"refers to {word} template {value}, which does not exist in the live account"
                yield Problem(f"{item.kind} {item.name!r} {message}", item.location)


def _immutable(changes: list[Change]) -> Iterator[Problem]:
    for change in changes:
        frozen = IMMUTABLE.get(change.kind, ())
        for field in change.fields:
            if change.action is not Action.CREATE and field.path[:1] and field.path[0] in frozen:
                where = change.desired.location if change.desired else None
                message = (
                    f"{change.kind} {change.name!r}: {field.dotted} cannot change "
                    f"({field.before!r} -> {field.after!r}); the API cannot modify it. Give the "
                    f"template a new name to create a new one, or remove it first."
                )
                yield Problem(message, where)


def _still_used(live: LiveState, changes: list[Change]) -> Iterator[Problem]:
    deleted = {(c.kind, c.live_id) for c in changes if c.action is Action.DELETE}
    rewritten = {c.name for c in changes if c.kind == PROCEDURE}
    for procedure in live.of_kind(PROCEDURE):
        if procedure.name in rewritten:
            continue
        for kind, value in references_in(PROCEDURE, procedure.spec):
            if (kind, value) in deleted:
                yield Problem(_in_use(kind, value, procedure))


def _in_use(kind: str, value: object, procedure: LiveResource) -> str:
    return (
        f"{kind} {value} would be deleted, but procedure {procedure.name!r} (not managed by this "
        f"plan) still uses it; change that procedure first or keep the template declared"
    )
