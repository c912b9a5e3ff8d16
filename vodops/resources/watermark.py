"""WatermarkTemplate's spec: CreateWatermarkTemplate's (image, text and svg types), the image read
from a file; its declaration is vodops.kinds.watermark."""

# No `from __future__ import annotations` here: pydantic would compile each field's annotation
# string when the models are made, at start-up (benchmarks/startup.py).

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field

from vodops.resources.base import Path, Spec
from vodops.resources.fields import (
    Color,
    FontSize,
    ImageHeight,
    ImageWidth,
    Opacity,
    Position,
    Range,
    SvgSize,
)

WatermarkType = Literal["image", "text", "svg"]
Origin = Literal["TopLeft", "TopRight", "BottomLeft", "BottomRight"]


class ImageTemplate(Spec):
    """ImageWatermarkInput, with the image read from a file instead of inline base64."""

    image_file: Annotated[
        str,
        Field(min_length=1, description="path to a PNG, JPEG or GIF file, relative to the manifest"),
    ]
    width: ImageWidth | None = None
    height: ImageHeight | None = None
    repeat_type: Literal["once", "repeat_last_frame", "repeat"] | None = None
    transparency: Annotated[int, Range(0, 100, "%")] | None = None


class TextTemplate(Spec):
    """TextWatermarkTemplateInput: a text watermark's font, size (px), colour and opacity."""

    font_type: Literal["simkai.ttf", "arial.ttf"]
    font_size: FontSize
    font_color: Color
    font_alpha: Opacity


class SvgTemplate(Spec):
    """SvgWatermarkInput: an SVG watermark's width and height (px, or % of the video's W, H, S or L)."""

    width: SvgSize | None = None
    height: SvgSize | None = None


class WatermarkTemplateSpec(Spec):
    """CreateWatermarkTemplate's fields: an image, text or SVG watermark and where it sits."""

    type: WatermarkType
    comment: str | None = None
    coordinate_origin: Origin | None = None
    x_pos: Position | None = None
    y_pos: Position | None = None
    image_template: ImageTemplate | None = None
    text_template: TextTemplate | None = None
    svg_template: SvgTemplate | None = None

    def problems(self) -> Iterator[tuple[Path, str]]:
        """(path, message) when the template of `type` is missing, or another type's template is written."""
        templates = {
            "image": ("imageTemplate", self.image_template),
            "text": ("textTemplate", self.text_template),
            "svg": ("svgTemplate", self.svg_template),
        }
        for kind, (field, value) in templates.items():
            if kind == self.type and value is None:
                yield (), f"{field} is required when type is {kind}"
            elif kind != self.type and value is not None:
                yield (
                    (field,),
                    f"only applies to type {kind} (this watermark's type is {self.type})",
                )
