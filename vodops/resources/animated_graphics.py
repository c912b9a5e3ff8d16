"""AnimatedGraphicsTemplate: a GIF or WebP made from part of a video."""

from __future__ import annotations

from vodops.resources.generated.animated_graphics_template import AnimatedGraphicsTemplateFields


class AnimatedGraphicsTemplateSpec(AnimatedGraphicsTemplateFields):
    """The spec of CreateAnimatedGraphicsTemplate; api.json states no rule across its fields."""
