"""Bring a desired or a live spec to the one form both are compared in.

A spec is normalized bottom-up: children first, then the rules of the kind's table that match the
node's path. Whatever ends up None, "", [] or {} is absent, so "the server filled in the default"
and "the manifest left it out" compare equal. The tables themselves are data, in each kind's
declaration (`Kind.rules`, vodops/resources/<kind>.py).
"""

from __future__ import annotations

from collections.abc import Mapping
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
        return _among(root.get(self.when[0]), self.when[1])


Rule = Default | Spelling | OffWhen | Whole | Ignored


def defaults(prefix: str, values: Mapping[str, object]) -> list[Rule]:
    """A Default for each of `values`, at `prefix` + its dotted path."""
    return [Default(pattern(f"{prefix}{field}"), value) for field, value in values.items()]


def toggles(prefix: str, names: list[str]) -> list[Rule]:
    """An OffWhen for each of `names`: the object at `prefix` + name is off when its switch is OFF."""
    return [OffWhen(pattern(f"{prefix}{name}"), "switch", "OFF") for name in names]


def pattern(text: str) -> Pattern:
    return tuple(text.split("."))


def matches(rule_pattern: Pattern, path: Path) -> bool:
    return len(rule_pattern) == len(path) and all(
        step == "*" or step == str(part) for step, part in zip(rule_pattern, path, strict=True)
    )


def is_absent(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


class RuleIndex:
    """A kind's rules found by the length and last step of the paths they match, so each node is
    tried only against the few rules that can match it, not against the whole table."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self._rules: dict[tuple[int, str], list[tuple[int, Rule]]] = {}
        for order, rule in enumerate(rules):
            self._rules.setdefault((len(rule.pattern), rule.pattern[-1]), []).append((order, rule))
        self._found: dict[Path, list[Rule]] = {}  # the same paths recur in every spec of a kind

    def at(self, path: Path) -> list[Rule]:
        """The rules that match `path`, in table order (a later rule sees what an earlier left)."""
        found = self._found.get(path)
        if found is None:
            found = self._found[path] = self._matching(path)
        return found

    def _matching(self, path: Path) -> list[Rule]:
        last = str(path[-1]) if path else ""
        exact = self._rules.get((len(path), last), [])
        wild = self._rules.get((len(path), "*"), []) if last != "*" else []
        candidates = sorted(exact + wild) if exact and wild else exact or wild
        return [rule for _, rule in candidates if matches(rule.pattern, path)]


_INDEXES: dict[int, tuple[tuple[Rule, ...], RuleIndex]] = {}


def _index(rules: tuple[Rule, ...]) -> RuleIndex:
    kept = _INDEXES.get(id(rules))
    if kept is None or kept[0] is not rules:
        kept = _INDEXES[id(rules)] = (rules, RuleIndex(rules))
    return kept[1]


_CONDITIONAL = (Default, Ignored)  # the rules that apply only while `holds`


def normalize(value: Any, rules: tuple[Rule, ...]) -> Any:
    """The comparable form of a spec (None when nothing is left)."""
    return _normalize(value, _index(rules), (), value if isinstance(value, dict) else {})


def _normalize(value: Any, rules: RuleIndex, path: Path, root: Mapping[str, Any]) -> Any:
    if isinstance(value, dict):
        kept = {}
        for key, child in value.items():
            child = _normalize(child, rules, (*path, key), root)
            if child is not None:  # None is what an absent value normalizes to
                kept[key] = child
        value = kept
    elif isinstance(value, list):
        value = [_item(_normalize(v, rules, (*path, i), root)) for i, v in enumerate(value)]
    for rule in rules.at(path):
        if not isinstance(rule, _CONDITIONAL) or rule.holds(root):
            value = _apply(rule, value)
    return None if is_absent(value) else value


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
