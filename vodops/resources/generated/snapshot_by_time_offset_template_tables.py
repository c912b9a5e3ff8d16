"""CreateSnapshotByTimeOffsetTemplate: its quota and tables, generated from tccli's api.json.

Do not edit: run `python -m vodops.specgen` (tests/test_specgen.py fails when this is
stale). Apart from the models, so that the kind's declaration (vodops/kinds/) reads them without
building the models.
"""

from __future__ import annotations

# Custom templates per application (CreateSnapshotByTimeOffsetTemplate's document).
QUOTA: int | None = 16
# What Describe shows that is not configuration: the name, ids, times, whether a preset.
SHOWN_ONLY: frozenset[str] = frozenset({"Name", "Definition", "Type", "CreateTime", "UpdateTime"})
# Fields Create takes and Modify cannot change: a change replaces the template.
IMMUTABLE: tuple[str, ...] = ()
# The API's value of each field a request leaves out (api.json; 0 for an undocumented number).
DEFAULTS: dict[str, object] = {
    "width": 0,
    "height": 0,
    "resolutionAdaptive": "open",
    "format": "jpg",
    "fillType": "black",
}
# Objects with a switch: one switched OFF is the same as none.
SWITCHED: tuple[str, ...] = ()
# Choices that depend on a sibling field: path -> (sibling, {its value: the choices, spaced}).
CHOICES_BY: dict[str, tuple[str, dict[str, str]]] = {}
