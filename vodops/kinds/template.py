"""A processing-template kind declared from the tables generated out of api.json.

vodops/specgen writes, apart from each kind's fields, its quota, defaults, switched objects,
immutable fields and what Describe shows beyond configuration (vodops/resources/generated/
`*_tables.py`). This turns those tables into the kind's `Kind` (on the wire all processing
templates share, `Wire.template`); the kind's own module adds only what the definition does not
carry (extra normalization, how an update must spell a member), and its spec model the rules
across fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from types import ModuleType
from typing import Any

from vodops.normalize import Rule, defaults, toggles
from vodops.resources.kind import Kind, Wire, as_sent, template_name

FIRST_CUSTOM_ID = 10_000  # "template ids below 10000 are system presets" (api.json, DeleteAIAnalysisTemplate)


def _preset_by_id(raw: Mapping[str, Any]) -> bool:
    """A preset of a kind whose Describe shows no Type: its id is below 10000."""
    try:
        return int(raw.get("Definition", FIRST_CUSTOM_ID)) < FIRST_CUSTOM_ID
    except (TypeError, ValueError):
        return False


def _preset_by_type(raw: Mapping[str, Any]) -> bool:
    return raw.get("Type") == "Preset"


def _kebab(name: str) -> str:
    """`AIAnalysisTemplate` -> `ai-analysis-template`: a leading acronym stays one word."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "-", name).lower()


def template_kind(
    name: str,
    models: str,
    tables: ModuleType,
    *,
    rules: tuple[Rule, ...] = (),
    update_body: Callable[[dict[str, Any]], dict[str, Any]] = as_sent,
) -> Kind:
    """The Kind `name`, its spec model `models` ("module:Class"), from its generated module
    `tables`; `rules` are normalization rules beyond the generated defaults. Export writes
    `<name in kebab case>s.yaml` and invents names `<name without -template>-<id>`."""
    stem = _kebab(name)
    shown: frozenset[str] = tables.SHOWN_ONLY
    return Kind(
        name,
        models,
        Wire.template(name),
        template_name,
        folder=f"{stem}s",
        rules=(*defaults("", tables.DEFAULTS), *toggles("", list(tables.SWITCHED)), *rules),
        not_spec=shown,
        is_preset=_preset_by_type if "Type" in shown else _preset_by_id,
        immutable=tables.IMMUTABLE,
        quota=tables.QUOTA,
        export_prefix=stem.removesuffix("-template"),
        update_body=update_body,
    )


def moved(rules: tuple[Rule, ...], places: Mapping[str, tuple[str, ...]]) -> tuple[Rule, ...]:
    """`rules` of another kind's objects, for the same objects at other paths: each rule whose path
    starts with a key of `places` moves under that place (the transcode template's videoTemplate
    rules become an adaptive rung's `streamInfos.*.video` rules). Rules that depend on the other
    kind's top-level fields (`when`) do not move."""
    return tuple(
        replace(rule, pattern=(*places[rule.pattern[0]], *rule.pattern[1:]))
        for rule in rules
        if rule.pattern[0] in places and getattr(rule, "when", None) is None
    )
