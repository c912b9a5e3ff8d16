"""Changes and plans are values: built once, ordered by one function, rendered and applied as is."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import Enum
from itertools import groupby

from vodops.cloud.vod import LiveId
from vodops.desired import DesiredResource
from vodops.diff import FieldChange
from vodops.live import LiveResource
from vodops.resources import DEPENDENCY_ORDER, MEDIA_CLASS, PROCEDURE


class Action(str, Enum):
    CREATE = "create"
    UPDATE = "update"
    ADOPT = "adopt"
    DELETE = "delete"

    @property
    def dangerous(self) -> bool:
        return self in (Action.DELETE, Action.ADOPT)


@dataclass(frozen=True)
class Change:
    action: Action
    kind: str
    name: str
    fields: tuple[FieldChange, ...] = ()
    desired: DesiredResource | None = None  # what create, update and adopt send
    live: LiveResource | None = None  # what update, adopt and delete act on

    @property
    def live_id(self) -> LiveId | None:
        return self.live.id if self.live else None

    @property
    def address(self) -> str:
        return f"{self.kind}/{self.name}"


@dataclass(frozen=True)
class Quota:
    kind: str
    scope: str  # what the limit counts, e.g. "custom templates"
    limit: int
    used_after: int

    @property
    def headroom(self) -> int:
        return self.limit - self.used_after


@dataclass(frozen=True)
class Plan:
    target: str
    sub_app_id: int | None
    stack: str
    changes: tuple[Change, ...]
    quotas: tuple[Quota, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.changes

    def counts(self) -> Counter[Action]:
        return Counter(change.action for change in self.changes)

    def summary(self) -> str:
        counts = self.counts()
        if not counts:
            return "No changes: the live account matches the manifests."
        parts = [f"{counts[a]} to {a.value}" for a in Action if counts[a]]
        return "Plan: " + ", ".join(parts) + "."


def ordered(changes: list[Change]) -> tuple[Change, ...]:
    """Creates, updates and adoptions in dependency order (parent classes first), then deletes in
    the reverse order (procedures first, classes deepest first), so nothing is deleted while
    something still refers to it and nothing is created before what it refers to."""

    def key(change: Change) -> tuple[int, int, int, str]:
        rank = DEPENDENCY_ORDER.index(change.kind)
        depth = change.name.count("/") if change.kind == MEDIA_CLASS else 0
        if change.action is Action.DELETE:
            return (1, -rank, -depth, change.name)
        return (0, rank, depth, change.name)

    return tuple(sorted(changes, key=key))


def waves(changes: tuple[Change, ...]) -> list[list[Change]]:
    """The ordered changes in groups whose members do not depend on each other and may run at
    once: classes one level at a time (parents first), then all templates, then procedures;
    deletes of procedures, then of templates, then classes one level at a time, deepest first."""

    def phase(change: Change) -> tuple[int, int]:
        depth = change.name.count("/") if change.kind == MEDIA_CLASS else 0
        if change.action is Action.DELETE:
            return {PROCEDURE: (3, 0), MEDIA_CLASS: (5, -depth)}.get(change.kind, (4, 0))
        return {MEDIA_CLASS: (0, depth), PROCEDURE: (2, 0)}.get(change.kind, (1, 0))

    ordered_by_phase = sorted(changes, key=phase)  # stable: keeps the plan's order within a wave
    return [list(group) for _, group in groupby(ordered_by_phase, key=phase)]
