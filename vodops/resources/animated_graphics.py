"""AnimatedGraphicsTemplate: a GIF or WebP made from part of a video.

The spec model; the kind's declaration is vodops.kinds.animated_graphics.
"""

from __future__ import annotations

from collections.abc import Iterator

from vodops.resources.base import Path
from vodops.resources.generated.animated_graphics_template import AnimatedGraphicsTemplateFields


class AnimatedGraphicsTemplateSpec(AnimatedGraphicsTemplateFields):
    """The spec of CreateAnimatedGraphicsTemplate."""

    def problems(self) -> Iterator[tuple[Path, str]]:
        """(path inside the spec, message) for each rule across fields that the types cannot state: a webp
        needs a width or a height above 0."""
        # The SDK's error codes FormatWebpLackWidthAndHeight and FormatWebpWidthAndHeightBothZero:
        # "when Format is webp, Width and Height may not both be left out, nor both be 0".
        if self.format == "webp" and not (self.width or self.height):
            yield ("format",), "webp needs a width or a height above 0"

