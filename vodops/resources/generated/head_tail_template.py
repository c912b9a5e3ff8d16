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
