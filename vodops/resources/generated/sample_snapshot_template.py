"""CreateSampleSnapshotTemplate's fields, generated from tccli's api.json.

Do not edit: run `python -m vodops.specgen` (tests/test_specgen.py fails when this is
stale). Rules across fields and references are hand-written in the kind's own module.
"""

from __future__ import annotations

from typing import Annotated, Literal

from vodops.resources.base import Spec
from vodops.resources.fields import Range


class SampleSnapshotTemplateFields(Spec):
    """CreateSampleSnapshotTemplate (api.json)."""

    sample_type: Literal["Percent", "Time"]
    sample_interval: Annotated[int, Range(0)]
    width: Annotated[int, Range(32, 4096, "px", zero=True)] | None = None
    height: Annotated[int, Range(32, 4096, "px", zero=True)] | None = None
    resolution_adaptive: Literal["open", "close"] | None = None
    format: Literal["jpg", "png", "webp"] | None = None
    comment: str | None = None
    fill_type: Literal["stretch", "black", "white", "gauss"] | None = None
