"""Changes and plans are values: built once, ordered by one function, rendered and applied as is."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import Enum

from vodops.cloud.vod import LiveId
from vodops.desired import DesiredResource
from vodops.diff import FieldChange
from vodops.live import LiveResource
from vodops.resources import DEPENDENCY_ORDER, KINDS


class Action(str, Enum):
    """What a change does to a live object; `dangerous` ones (delete, replace, adopt) are shown
    first and guarded by apply."""

    CREATE = "create"
    UPDATE = "update"
    REPLACE = "replace"  # create the new object, repoint what refers to the old, delete the old
    DELETE = "delete"
    ADOPT = "adopt"

    @property
    def dangerous(self) -> bool:
        return self in (Action.DELETE, Action.REPLACE, Action.ADOPT)


@dataclass(frozen=True)
class Change:
    """One step of a plan: `action` on the object KIND/NAME, with the fields it changes; `desired`
    is what create, update, replace and adopt send, `live` what they act on."""

    action: Action
    kind: str
    name: str
    fields: tuple[FieldChange, ...] = ()
    desired: DesiredResource | None = None  # what create, update, replace and adopt send
    live: LiveResource | None = None  # what update, replace, adopt and delete act on
    keeps_old: bool = False  # a replace that leaves the old object (its kind is not deleted unless opted in)

    @property
    def live_id(self) -> LiveId | None:
        return self.live.id if self.live else None

    @property
    def address(self) -> str:
        return f"{self.kind}/{self.name}"

    @property
    def id_note(self) -> str:
        """ " (id 12)" to show after the address, or "" (nothing live yet, or the name is the id)."""
        if self.live_id is None or KINDS[self.kind].keyed_by_name:
            return ""
        return f" (id {self.live_id})"


@dataclass(frozen=True)
class Quota:
    """A kind's quota against the plan: `limit`, the objects it counts after apply (`used_after`)
    and at most during apply (`peak`: creates run before deletes)."""

    kind: str
    scope: str  # what the limit counts, e.g. "custom templates"
    limit: int
    used_after: int
    peak: int  # creates run before deletes: how many exist at once during apply

    @property
    def headroom(self) -> int:
        return self.limit - self.used_after


@dataclass(frozen=True)
class Brakes:
    """Why a plan is unsafe (it deletes too much), and the deletions that make it so."""

    reasons: tuple[str, ...]
    deletes: tuple[str, ...]  # KIND/NAME of every deletion in the plan

    def released(self, allowed: set[str], force: bool) -> bool:
        """Whether apply may go on: with `force`, or when every deletion (KIND/NAME) is in
        `allowed`."""
        return force or set(self.deletes) <= allowed


@dataclass(frozen=True)
class Plan:
    """What apply would do to the application `sub_app_id` of `target` for `stack`: the changes in
    the order they run, with the quotas, safety brakes and notes that go with them."""

    target: str
    sub_app_id: int | None
    stack: str
    changes: tuple[Change, ...]
    quotas: tuple[Quota, ...] = ()
    brakes: Brakes | None = None  # set when the plan deletes more than the safety limits allow
    notes: tuple[str, ...] = ()  # what the plan left out, and why
    scope: tuple[str, ...] = ()  # the KIND/NAME of --only, sorted; () for the whole account
    owned: tuple[tuple[str, int], ...] = ()  # (kind, live objects the stack owns): what brakes count
    states: tuple[tuple[str, str, str], ...] = ()  # (kind, name, what it is doing): see plan/writeonly.py

    @property
    def empty(self) -> bool:
        return not self.changes

    @property
    def quotas_in_use(self) -> tuple[Quota, ...]:
        """The quotas of kinds that hold custom objects before, during or after apply: what the
        text and Markdown renderings show (a dozen template kinds at 0/16 would drown the rest)."""
        return tuple(q for q in self.quotas if q.peak or q.used_after)

    def counts(self) -> Counter[Action]:
        """How many changes of each action the plan holds."""
        return Counter(change.action for change in self.changes)

    def summary(self) -> str:
        """One line: 'Plan: N to create, ...' in Action order, or the no-changes sentence."""
        counts = self.counts()
        if not counts:
            return "No changes: the live account matches the manifests."
        parts = [f"{counts[a]} to {a.value}" for a in Action if counts[a]]
        return "Plan: " + ", ".join(parts) + "."


def ordered(changes: list[Change]) -> tuple[Change, ...]:
    """Creates, updates, replacements and adoptions in dependency order (parent classes first),
    then deletes in the reverse order (procedures first, classes deepest first), so nothing is
    deleted while something still refers to it and nothing is created before what it refers to."""

    def key(change: Change) -> tuple[int, int, int, str]:
        rank = DEPENDENCY_ORDER.index(change.kind)
        depth = change.name.count("/") if KINDS[change.kind].tree else 0
        if change.action is Action.DELETE:
            return (1, -rank, -depth, change.name)
        return (0, rank, depth, change.name)

    return tuple(sorted(changes, key=key))


@dataclass(frozen=True)
class Step:
    """What apply runs: a change, or one half of a replace (`part` "create" or "delete")."""

    change: Change
    part: str = ""

    @property
    def deletes(self) -> bool:
        return self.change.action is Action.DELETE or self.part == "delete"

    @property
    def path(self) -> str:
        """The name (a class's path) of the object this step acts on: the old one when it deletes."""
        return self.change.live.name if self.deletes and self.change.live else self.change.name


def steps(changes: tuple[Change, ...]) -> list[Step]:
    """The steps apply runs for `changes`, in their order: a replace becomes a create and then
    (unless it keeps the old object) a delete."""
    found: list[Step] = []
    for change in changes:
        replaced = ("create",) if change.keeps_old else ("create", "delete")
        parts = replaced if change.action is Action.REPLACE else ("",)
        found.extend(Step(change, part) for part in parts)
    return found
