"""CreateHeadTailTemplate's fields, generated from tccli's api.json.

Do not edit: run `python -m vodops.specgen` (tests/test_specgen.py fails when this is
stale). Rules across fields and references are hand-written in the kind's own module.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from vodops.resources.base import Spec


class HeadTailTemplateFields(Spec):
    """CreateHeadTailTemplate (api.json)."""

    comment: str | None = None
    head_candidate_set: Annotated[list[str], Field(max_length=5)] | None = None
    tail_candidate_set: Annotated[list[str], Field(max_length=5)] | None = None
    fill_type: Literal["stretch", "gauss", "white", "black"] | None = None


# Custom templates per application (CreateHeadTailTemplate's document).
QUOTA: int | None = 100
# What Describe shows that is not configuration: the name, ids, times, whether a preset.
SHOWN_ONLY: frozenset[str] = frozenset({"Name", "Definition", "CreateTime", "UpdateTime"})
# Fields Create takes and Modify cannot change: a change replaces the template.
IMMUTABLE: tuple[str, ...] = ()
# The API's value of each field a request leaves out (api.json; 0 for an undocumented number).
DEFAULTS: dict[str, object] = {
    "headCandidateSet": [],
    "tailCandidateSet": [],
    "fillType": "stretch",
}
# Objects with a switch: one switched OFF is the same as none.
SWITCHED: tuple[str, ...] = ()
# Choices that depend on a sibling field: path -> (sibling, {its value: the choices, spaced}).
CHOICES_BY: dict[str, tuple[str, dict[str, str]]] = {}
