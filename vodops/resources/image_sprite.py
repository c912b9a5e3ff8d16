"""ImageSpriteTemplate: a grid of small screenshots, for scrubbing previews.

The spec model; the kind's declaration is vodops.kinds.image_sprite.
"""

from __future__ import annotations

from collections.abc import Iterator

from vodops.resources.base import Path
from vodops.resources.generated.image_sprite_template import ImageSpriteTemplateFields
from vodops.resources.sample_snapshot import interval_problems

SPRITE_EDGE = 15000  # px: "the big image is at most 15000 pixels wide and high" (api.json)


class ImageSpriteTemplateSpec(ImageSpriteTemplateFields):
    """The spec of CreateImageSpriteTemplate; the sprite (count x size) fits in 15000 x 15000 px."""

    def problems(self) -> Iterator[tuple[Path, str]]:
        """(path inside the spec, message) for each rule across fields that the types cannot state: the sample
        interval for its sampleType, and the sprite (count x size, px) at most 15000 px a side."""
        yield from interval_problems(self.sample_type, self.sample_interval)
        for field, count in (("rowCount", self.row_count), ("columnCount", self.column_count)):
            if count < 1:
                yield (field,), "must be at least 1"
        for field, count, size, side in (
            ("columnCount", self.column_count, self.width, "width"),
            ("rowCount", self.row_count, self.height, "height"),
        ):
            if size and count * size > SPRITE_EDGE:
                yield (field,), (
                    f"{count} images of {size}px make the sprite {count * size}px in {side}; "
                    f"the most is {SPRITE_EDGE}px"
                )

