"""Bring a desired or a live spec to the one form both are compared in.

A spec is normalized bottom-up: children first, then the rules of the kind's table that match the
node's path. Whatever ends up None, "", [] or {} is absent, so "the server filled in the default"
and "the manifest left it out" compare equal. The tables themselves are data, in each kind's
declaration (`Kind.rules`, vodops/kinds/<kind>.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the kinds' modules import these rules while vodops.resources is loading
    from vodops.resources.base import Path

Pattern = tuple[str, ...]  # path steps; "*" matches any one step (a key or a list index)


@dataclass(frozen=True)
class Default:
    """The API's value when the field is left out: equal to absent, and what clears the field.

    `when` limits it to specs whose top-level field has one of some values (the server implies
    RemoveVideo 1 for an audio-only container, for example)."""

    pattern: Pattern
    value: Any
    when: tuple[str, frozenset[Any]] | None = None

    def holds(self, root: Mapping[str, Any]) -> bool:
        """Whether this default applies to the spec `root` (top-level fields, manifest spelling):
        always without `when`."""
        return self.when is None or _among(root.get(self.when[0]), self.when[1])


@dataclass(frozen=True)
class Spelling:
    """The server writes a value another way than requests do (`topLeft` for `TopLeft`)."""

    pattern: Pattern
    live_to_request: Mapping[Any, Any]


@dataclass(frozen=True)
class OffWhen:
    """An object switched off (`{switch: OFF}`, every other field at its default) is the same as
    no object."""

    pattern: Pattern
    key: str
    value: Any


@dataclass(frozen=True)
class Whole:
    """An object an update replaces as a whole (its request type is not a *ForUpdate struct): a
    field dropped from it is cleared by sending the object without that field."""

    pattern: Pattern


@dataclass(frozen=True)
class Ignored:
    """A field the API ignores, and shows zeroed, while a top-level field has one of some values
    (a removed stream's settings while RemoveVideo/RemoveAudio is 1): normalized to absent."""

    pattern: Pattern
    when: tuple[str, frozenset[Any]]

    def holds(self, root: Mapping[str, Any]) -> bool:
        """Whether the spec `root`'s `when` field has one of the values that make the API ignore the
        field."""
        return _among(root.get(self.when[0]), self.when[1])


Rule = Default | Spelling | OffWhen | Whole | Ignored


def defaults(prefix: str, values: Mapping[str, object]) -> list[Rule]:
    """A Default for each of `values`, at `prefix` + its dotted path."""
    return [Default(pattern(f"{prefix}{field}"), value) for field, value in values.items()]


def toggles(prefix: str, names: list[str]) -> list[Rule]:
    """An OffWhen for each of `names`: the object at `prefix` + name is off when its switch is OFF."""
    return [OffWhen(pattern(f"{prefix}{name}"), "switch", "OFF") for name in names]


def pattern(text: str) -> Pattern:
    """'videoTemplate.*.codec' -> ('videoTemplate', '*', 'codec')."""
    return tuple(text.split("."))


def matches(rule_pattern: Pattern, path: Path) -> bool:
    """Whether `path` (keys and list indexes) matches `rule_pattern` step for step, '*' matching any
    one step."""
    return len(rule_pattern) == len(path) and all(
        step == "*" or step == str(part) for step, part in zip(rule_pattern, path, strict=True)
    )


def is_absent(value: Any) -> bool:
    """Whether `value` counts as left out: None, '', [] or {} (0 and False do not)."""
    return value is None or value == "" or value == [] or value == {}


_NO_DEFAULT = object()


def _lone_default(rules: list[Rule]) -> Any:
    """The value of the one rule at a place when it is a Default that holds whatever the spec
    (the commonest place with a rule), else _NO_DEFAULT."""
    if len(rules) == 1 and isinstance(rules[0], Default) and rules[0].when is None:
        return rules[0].value
    return _NO_DEFAULT


RuleStep = Callable[[Any, Mapping[str, Any]], Any]  # (value, the spec's top level) -> value


def _step(rule: Rule) -> RuleStep:
    """`rule` as a function of the value it matches (and the spec's top level, for a condition)."""
    if isinstance(rule, Default) and rule.when is None:
        default = rule.value
        return lambda value, root: None if value == default else value
    if isinstance(rule, Default | Ignored):
        holds = rule.holds
        return lambda value, root: _apply(rule, value) if holds(root) else value
    return lambda value, root: _apply(rule, value)


class _Place:
    """Where a walk of a spec stands against a kind's rules: the rules whose pattern matches the
    path walked so far (in table order: a later rule sees what an earlier left), and the places
    one step down. A place is made when first reached and kept, because the same paths recur in
    every spec of a kind; no path tuple is built or hashed while walking."""

    __slots__ = ("_depth", "_open", "_table", "below", "default", "rules", "steps")

    def __init__(self, table: tuple[Rule, ...], depth: int, open_: tuple[int, ...]) -> None:
        self._table, self._depth, self._open = table, depth, open_  # open_: rules matching so far
        self.rules = [table[i] for i in open_ if len(table[i].pattern) == depth]
        self.steps = tuple(_step(rule) for rule in self.rules)  # each rule, made a function once
        self.default = _lone_default(self.rules)
        self.below: dict[str | int, _Place] = {}  # the places met so far, by key or index

    def step(self, key: str | int) -> _Place:
        """The place below this one at `key` (a mapping key or a list index)."""
        found = self.below.get(key)
        if found is None:
            found = self.below[key] = self._below(str(key))
        return found

    def _below(self, step: str) -> _Place:
        depth, table = self._depth, self._table
        open_ = tuple(
            i for i in self._open if len(table[i].pattern) > depth and table[i].pattern[depth] in ("*", step)
        )
        return _Place(table, depth + 1, open_) if open_ else _NOWHERE


class _Nowhere(_Place):
    """Off every rule's pattern: no rule matches here or anywhere below."""

    def step(self, key: str | int) -> _Place:
        return self


_NOWHERE = _Nowhere((), 0, ())

_STARTS: dict[int, tuple[tuple[Rule, ...], _Place]] = {}


def _start(rules: tuple[Rule, ...]) -> _Place:
    kept = _STARTS.get(id(rules))
    if kept is None or kept[0] is not rules:
        kept = _STARTS[id(rules)] = (rules, _Place(rules, 0, tuple(range(len(rules)))))
    return kept[1]


# Values with nothing below them, by exact type: a subclass (a reference's RefName) takes the
# general path, as anything else does.
_PLAIN = frozenset({str, int, float, bool, type(None)})


def normalize(value: Any, rules: tuple[Rule, ...]) -> Any:
    """The comparable form of a spec (None when nothing is left)."""
    return _normalize(value, _start(rules), value if isinstance(value, dict) else {})


def _normalize(value: Any, place: _Place, root: Mapping[str, Any]) -> Any:
    if place is _NOWHERE:
        return _pruned(value)
    if isinstance(value, dict):
        value = _mapping(value, place, root)
    elif isinstance(value, list):
        value = [_item(_normalize(v, place.step(i), root)) for i, v in enumerate(value)]
    elif not place.steps:  # a plain value no rule touches, most of every spec
        return None if value is None or value == "" else value
    for step in place.steps:
        value = step(value, root)
    return None if value is None or value == "" or value == [] or value == {} else value


def _mapping(value: dict[Any, Any], place: _Place, root: Mapping[str, Any]) -> dict[Any, Any]:
    """`value`'s entries normalized, the absent ones dropped. A plain value that no rule touches
    (most entries) is judged here, without a call per entry."""
    kept = {}
    below = place.below
    for key, child in value.items():
        at = below.get(key) or place.step(key)
        if type(child) in _PLAIN:
            if not at.steps:
                if child is not None and child != "":
                    kept[key] = child
                continue
            if at.default is not _NO_DEFAULT:
                if child is not None and child != "" and child != at.default:
                    kept[key] = child
                continue
        child = _normalize(child, at, root)
        if child is not None:  # None is what an absent value normalizes to
            kept[key] = child
    return kept


def _pruned(value: Any) -> Any:
    """`value` normalized where no rule matches at or below it: only absent values are dropped."""
    if isinstance(value, dict):
        kept = {}
        for key, child in value.items():
            if type(child) not in _PLAIN:
                child = _pruned(child)
            if child is not None and child != "":
                kept[key] = child
        return kept or None
    if isinstance(value, list):
        return [_item(_pruned(v)) for v in value] or None
    return None if value is None or value == "" else value


def _item(value: Any) -> Any:
    """List items keep their place even when everything in them is default."""
    return {} if value is None else value


def _apply(rule: Rule, value: Any) -> Any:
    if isinstance(rule, Whole):
        return value
    if isinstance(rule, Ignored):
        return None
    if isinstance(rule, Spelling):
        return rule.live_to_request.get(value, value) if _hashable(value) else value
    if isinstance(rule, Default):
        return None if value == rule.value else value
    if isinstance(value, dict) and value == {rule.key: rule.value}:
        return None  # off, and nothing else set: what is kept while off must still be compared
    return value


def reset_value(rules: tuple[Rule, ...], path: Path) -> Any:
    """What to send to clear the field at `path`, or None if the API has no way to say it."""
    for rule in rules:
        if isinstance(rule, Default) and rule.when is None and matches(rule.pattern, path):
            return rule.value
        if isinstance(rule, OffWhen) and matches(rule.pattern, path):
            return {rule.key: rule.value}
        if isinstance(rule, OffWhen) and path and path[-1] == rule.key and matches(rule.pattern, path[:-1]):
            return rule.value  # the switch of an object that is off when absent
    return None


def switchable(rules: tuple[Rule, ...], path: Path) -> bool:
    """Whether `path` lies in an object that can be switched off or replaced, and so cleared."""
    return any(
        isinstance(rule, OffWhen | Whole) and matches(rule.pattern, path[:end])
        for rule in rules
        for end in range(1, len(path) + 1)
    )


def _hashable(value: Any) -> bool:
    """Live answers are parsed leniently: an object where a string belongs is kept, not a crash."""
    return not isinstance(value, dict | list)


def _among(value: Any, options: frozenset[Any]) -> bool:
    return _hashable(value) and value in options
