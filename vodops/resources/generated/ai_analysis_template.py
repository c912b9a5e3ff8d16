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


# Custom templates per application (CreateAIAnalysisTemplate's document).
QUOTA: int | None = 50
# What Describe shows that is not configuration: the name, ids, times, whether a preset.
SHOWN_ONLY: frozenset[str] = frozenset({"Name", "Definition", "CreateTime", "UpdateTime"})
# Fields Create takes and Modify cannot change: a change replaces the template.
IMMUTABLE: tuple[str, ...] = ()
# The API's value of each field a request leaves out (api.json; 0 for an undocumented number).
DEFAULTS: dict[str, object] = {
    "frameTagConfigure.screenshotInterval": 1.0,
}
# Objects with a switch: one switched OFF is the same as none.
SWITCHED: tuple[str, ...] = (
    "classificationConfigure",
    "tagConfigure",
    "coverConfigure",
    "frameTagConfigure",
    "highlightConfigure",
)
# Choices that depend on a sibling field: path -> (sibling, {its value: the choices, spaced}).
CHOICES_BY: dict[str, tuple[str, dict[str, str]]] = {}
