"""CreateAIAnalysisTemplate's fields, generated from tccli's api.json.

Do not edit: run `python -m vodops.specgen` (tests/test_specgen.py fails when this is
stale). Rules across fields and references are hand-written in the kind's own module.
"""

from __future__ import annotations

from typing import Annotated

from vodops.resources.base import Spec
from vodops.resources.fields import Range, Switch


class ClassificationConfigureInfo(Spec):
    """ClassificationConfigureInfo (api.json)."""

    switch: Switch


class TagConfigureInfo(Spec):
    """TagConfigureInfo (api.json)."""

    switch: Switch


class CoverConfigureInfo(Spec):
    """CoverConfigureInfo (api.json)."""

    switch: Switch


class FrameTagConfigureInfo(Spec):
    """FrameTagConfigureInfo (api.json)."""

    switch: Switch
    screenshot_interval: Annotated[float, Range(0.5, None, "s")] | None = None


class HighlightsConfigureInfo(Spec):
    """HighlightsConfigureInfo (api.json)."""

    switch: Switch


class AIAnalysisTemplateFields(Spec):
    """CreateAIAnalysisTemplate (api.json)."""

    comment: str | None = None
    classification_configure: ClassificationConfigureInfo | None = None
    tag_configure: TagConfigureInfo | None = None
    cover_configure: CoverConfigureInfo | None = None
    frame_tag_configure: FrameTagConfigureInfo | None = None
    highlight_configure: HighlightsConfigureInfo | None = None
