"""The diff's fast paths against the plain definitions they stand for (DESIGN.md "Diff").

`normalize` walks a spec with places made once per kind, judges plain values inside the mapping's
loop and prunes parts no rule reaches; `field_changes` answers equal forms by == and a walk for
true/false against a number before it asks deepdiff. Each must answer exactly as the plain
definition would: every rule of the kind's table tried at every path, and the two forms compared
as JSON. A disagreement is a plan that says "No changes" while the account differs, or a change
that never converges. Specs are drawn from each kind's own rule patterns, with the values that
tell fast paths apart (1, 1.0, True, "1", None, "", [], {}, -0.0, the rules' own defaults).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vodops.diff import FieldChange, deepdiff_changes, field_changes
from vodops.normalize import Default, Ignored, OffWhen, Rule, Spelling, _apply, is_absent, matches, normalize
from vodops.resources import KINDS
from vodops.resources.base import Path
from vodops.resources.kind import Kind

PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
PLAIN: list[Any] = [None, "", 0, 1, 1.0, -0.0, True, False, "1", "OFF", "ON", "x", [], {}]
SPECS_PER_EXAMPLE = 15  # the default profile: 450 specs per test, about a second each


def _by_definition(value: Any, rules: tuple[Rule, ...], path: Path, root: dict[str, Any]) -> Any:
    """Normalization as DESIGN.md defines it: children first, then every rule whose pattern
    matches the path, in table order; whatever ends absent is dropped (a list item stays, {})."""
    if isinstance(value, dict):
        value = {
            key: child
            for key, child in ((k, _by_definition(v, rules, (*path, k), root)) for k, v in value.items())
            if child is not None
        }
    elif isinstance(value, list):
        items = (_by_definition(v, rules, (*path, i), root) for i, v in enumerate(value))
        value = [{} if item is None else item for item in items]
    for rule in rules:
        held = rule.holds(root) if isinstance(rule, Default | Ignored) else True
        if matches(rule.pattern, path) and held:
            value = _apply(rule, value)
    return None if is_absent(value) else value


def _specs(draw: random.Random) -> Iterator[tuple[Kind, dict[str, Any]]]:
    """SPECS_PER_EXAMPLE specs, each of a kind drawn from every registered kind."""
    for _ in range(SPECS_PER_EXAMPLE):
        kind = KINDS[draw.choice(list(KINDS))]
        yield kind, _spec(kind.rules, draw)


def _spec(rules: tuple[Rule, ...], draw: random.Random) -> dict[str, Any]:
    """A spec whose keys follow the rules' patterns (and one no rule names), with the rules'
    defaults, spellings and switches among the plain values; the rules' conditions hold or not."""
    spec = _drawn(rules, (), draw, 0)
    spec = spec if isinstance(spec, dict) else {}
    for rule in rules:
        if isinstance(rule, Default | Ignored) and rule.when is not None and draw.random() < 0.5:
            spec[rule.when[0]] = draw.choice([*sorted(rule.when[1], key=repr), None, "x"])
    return spec


def _drawn(rules: tuple[Rule, ...], path: Path, draw: random.Random, depth: int) -> Any:
    roll = draw.random()
    if depth > 4 or roll < 0.4:
        own = [r.value for r in rules if isinstance(r, Default) and matches(r.pattern, path)]
        spelt = [r for r in rules if isinstance(r, Spelling) and matches(r.pattern, path)]
        own += [live for rule in spelt for live in rule.live_to_request]
        return draw.choice(PLAIN + own * 3)
    if roll < 0.5:
        return [_drawn(rules, (*path, i), draw, depth + 1) for i in range(draw.randint(0, 3))]
    keys = {"unruled"}
    for rule in rules:
        if len(rule.pattern) > len(path) and matches(rule.pattern[: len(path)], path):
            keys.add("k" if rule.pattern[len(path)] == "*" else rule.pattern[len(path)])
        if isinstance(rule, OffWhen) and matches(rule.pattern, path):
            keys.add(rule.key)
    chosen = draw.sample(sorted(keys), min(len(keys), draw.randint(0, 6)))
    return {key: _drawn(rules, (*path, key), draw, depth + 1) for key in chosen}


def _as_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _same(one: tuple[FieldChange, ...], other: tuple[FieldChange, ...]) -> bool:
    """Equal changes, their values compared as JSON (1 is not true, -0.0 is not 0)."""
    return _as_json([repr(c) for c in one]) == _as_json([repr(c) for c in other])


@PROPERTY
@given(st.randoms(use_true_random=False))
def test_normalize_answers_as_its_definition_for_every_kind(draw: random.Random) -> None:
    for kind, spec in _specs(draw):
        fast, defined = normalize(spec, kind.rules), _by_definition(spec, kind.rules, (), spec)
        assert _as_json(fast) == _as_json(defined), (kind.name, spec)


def _changes_by_definition(before: dict[str, Any], after: dict[str, Any]) -> tuple[FieldChange, ...]:
    """The changes between two normalized forms as the diff defines them: none when they are
    equal as JSON (true is not 1), else what deepdiff finds."""
    return () if _as_json(before) == _as_json(after) else deepdiff_changes(before, after)


def _mutated(value: Any, draw: random.Random) -> Any:
    if draw.random() < 0.25:
        return draw.choice(PLAIN)
    if isinstance(value, dict):
        return {key: _mutated(child, draw) for key, child in value.items()}
    if isinstance(value, list):
        return [_mutated(child, draw) for child in value]
    return value


@PROPERTY
@given(st.randoms(use_true_random=False))
def test_field_changes_finds_a_change_exactly_when_the_definition_does(draw: random.Random) -> None:
    for kind, spec in _specs(draw):
        other = _mutated(spec, draw) if draw.random() < 0.8 else _spec(kind.rules, draw)
        before, after = normalize(spec, kind.rules) or {}, normalize(other, kind.rules) or {}
        assert _same(field_changes(before, after), _changes_by_definition(before, after)), (before, after)
