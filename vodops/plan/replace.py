"""Replacements, decided at plan time: fields the API cannot modify, and classes that move.

A watermark's `type` cannot change in place, so a new type is a `replace`: apply creates the new
template, repoints every procedure that used the old one, then deletes the old one. A procedure
vodops does not manage cannot be repointed, so such a replace is refused at plan time.

A class cannot change its parent either. A class path that disappears where vodops may delete it
(below an authoritative class) while a declared path with the same last name appears elsewhere is
shown as one `replace` of the class (a move), created at its new place before the old is deleted.

A relay's member that Modify cannot clear (its callback URL, watermarks) is dropped by a replace.
"""

from __future__ import annotations

from collections.abc import Iterator

from vodops.desired import DesiredResource
from vodops.diff import FieldChange
from vodops.live import LiveState
from vodops.normalize import reset_value
from vodops.plan.changes import Action, Change
from vodops.refs import RefName, references_at
from vodops.resources import KINDS, REFERRERS


def immutable_change(kind: str, fields: tuple[FieldChange, ...]) -> FieldChange | None:
    """The first changed field the API cannot modify (Kind.immutable), if any: such a change is a
    replace."""
    frozen = KINDS[kind].immutable
    return next((field for field in fields if field.path[:1] and field.path[0] in frozen), None)


def uncleared(item: DesiredResource, fields: tuple[FieldChange, ...]) -> FieldChange | None:
    """The first top-level member the manifest dropped that an update cannot clear, if any: an
    update of a kind that sends only what changes (a relay) clears a member only with the value
    its rules give (`Kind.cleared_with` names a member cleared by clearing another), and Modify
    documents no empty value for the rest, so dropping one recreates the object (a replace)."""
    kind = KINDS[item.kind]
    if not kind.sparse_update:
        return None
    for field in fields:
        top = field.path[0] if field.path else None
        if field.after is not None or not isinstance(top, str) or top in item.spec:
            continue
        via = kind.cleared_with.get(top, top)
        if via in item.spec or reset_value(kind.rules, (via,)) is None:
            return field
    return None


def repoints(
    changes: list[Change], live: LiveState, stack: str, declared: dict[tuple[str, str], DesiredResource]
) -> list[Change]:
    """Updates for the objects (procedures) that use an object being replaced and have no change
    yet. Only a declared object of this stack can be repointed; any other still using the old
    one is a dangling reference, refused by plan/dangling.py. `declared` is by (kind, name)."""
    replaced = {(c.kind, c.live_id): c.name for c in changes if c.action is Action.REPLACE}
    planned = {(c.kind, c.name) for c in changes}
    added: list[Change] = []
    for user in (found for kind in REFERRERS for found in live.of_kind(kind)):
        uses = [(p, k, v) for p, k, v in references_at(user.kind, user.spec) if (k, v) in replaced]
        ours = user.owner is not None and user.owner.stack == stack
        address = (user.kind, user.name)
        if not uses or address in planned or not ours or address not in declared:
            continue
        fields = tuple(
            FieldChange(path, RefName(replaced[(k, v)], v), RefName(replaced[(k, v)], None))
            for path, k, v in uses
        )
        added.append(Change(Action.UPDATE, user.kind, user.name, fields, declared[address], user))
    return added


def moves(changes: list[Change]) -> list[Change]:
    """Tree node (class) deletes and creates paired into replaces when they are one node moving."""
    for tree in (kind.name for kind in KINDS.values() if kind.tree):
        changes = _moves(tree, changes)
    return changes


def _moves(tree: str, changes: list[Change]) -> list[Change]:
    creates = _by_leaf(c for c in changes if c.kind == tree and c.action is Action.CREATE)
    deletes = _by_leaf(c for c in changes if c.kind == tree and c.action is Action.DELETE)
    paired = {
        leaf for leaf in creates.keys() & deletes.keys() if len(creates[leaf]) == len(deletes[leaf]) == 1
    }
    result = [
        c
        for c in changes
        if c.kind != tree or _leaf(c.name) not in paired or c.action not in (Action.CREATE, Action.DELETE)
    ]
    for leaf in sorted(paired):
        [new], [old] = creates[leaf], deletes[leaf]
        assert old.live is not None, "a delete has a live side"
        field = FieldChange(("metadata", "name"), old.live.name, new.name)
        result.append(Change(Action.REPLACE, tree, new.name, (field,), new.desired, old.live))
    return result


def _by_leaf(changes: Iterator[Change]) -> dict[str, list[Change]]:
    grouped: dict[str, list[Change]] = {}
    for change in changes:
        grouped.setdefault(_leaf(change.name), []).append(change)
    return grouped


def _leaf(path: str) -> str:
    return path.rsplit("/", 1)[-1]
