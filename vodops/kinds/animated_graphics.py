"""AnimatedGraphicsTemplate: a GIF or WebP made from part of a video.

Declared from the tables generated out of api.json; its spec model is
vodops.resources.animated_graphics.
"""

from __future__ import annotations

from vodops.kinds.template import template_kind
from vodops.resources.generated import animated_graphics_template_tables

KIND = template_kind(
    "AnimatedGraphicsTemplate",
    "vodops.resources.animated_graphics:AnimatedGraphicsTemplateSpec",
    animated_graphics_template_tables,
)
