"""ImageSpriteTemplate: a grid of small screenshots, for scrubbing previews.

Declared from the tables generated out of api.json; its spec model is
vodops.resources.image_sprite.
"""

from __future__ import annotations

from vodops.kinds.template import template_kind
from vodops.resources.generated import image_sprite_template_tables

KIND = template_kind(
    "ImageSpriteTemplate",
    "vodops.resources.image_sprite:ImageSpriteTemplateSpec",
    image_sprite_template_tables,
)
