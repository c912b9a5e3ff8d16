"""CreateAnimatedGraphicsTemplate's fields, generated from tccli's api.json.

Do not edit: run `python -m vodops.specgen` (tests/test_specgen.py fails when this is
stale). Rules across fields and references are hand-written in the kind's own module.
"""

from __future__ import annotations

from typing import Annotated, Literal

from vodops.resources.base import Spec
from vodops.resources.fields import Range


class AnimatedGraphicsTemplateFields(Spec):
    """CreateAnimatedGraphicsTemplate (api.json)."""

    fps: Annotated[int, Range(1, 30, "fps")]
    width: Annotated[int, Range(128, 4096, "px", zero=True)] | None = None
    height: Annotated[int, Range(128, 4096, "px", zero=True)] | None = None
    resolution_adaptive: Literal["open", "close"] | None = None
    format: Literal["gif", "webp"] | None = None
    quality: Annotated[float, Range(1, 100)] | None = None
    comment: str | None = None
