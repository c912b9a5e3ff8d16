"""WatermarkTemplate: the spec of CreateWatermarkTemplate (image, text and svg types), and the kind's
declaration (wire, normalization rules; the image is uploaded, see `Kind.images`)."""

# No `from __future__ import annotations` here: pydantic would compile each field's annotation
# string when the models are made, at start-up (benchmarks/startup.py).

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import Field

from vodops.normalize import Rule, Spelling, defaults, pattern
from vodops.resources import WATERMARK
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
from vodops.resources.kind import Kind, Wire, template_name

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
    font_type: Literal["simkai.ttf", "arial.ttf"]
    font_size: FontSize
    font_color: Color
    font_alpha: Opacity


class SvgTemplate(Spec):
    width: SvgSize | None = None
    height: SvgSize | None = None


class WatermarkTemplateSpec(Spec):
    type: WatermarkType
    comment: str | None = None
    coordinate_origin: Origin | None = None
    x_pos: Position | None = None
    y_pos: Position | None = None
    image_template: ImageTemplate | None = None
    text_template: TextTemplate | None = None
    svg_template: SvgTemplate | None = None

    def problems(self) -> Iterator[tuple[Path, str]]:
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


# Normalization: each entry is a fact from reference/vod-api-2018-07-17.md (§3, §9).
_ORIGINS = ("TopLeft", "TopRight", "BottomLeft", "BottomRight")
RULES: tuple[Rule, ...] = (
    Spelling(pattern("coordinateOrigin"), {o[0].lower() + o[1:]: o for o in _ORIGINS}),
    *defaults("", {"coordinateOrigin": "TopLeft", "xPos": "0px", "yPos": "0px"}),
    *defaults(
        "imageTemplate.",
        {"width": "10%", "height": "0px", "repeatType": "repeat", "transparency": 0},
    ),
    *defaults("textTemplate.", {"fontColor": "0xFFFFFF", "fontAlpha": 1}),
    *defaults("svgTemplate.", {"width": "10W%", "height": "0px"}),
)

# WatermarkInput (api.json): TextContent "only for a text watermark", SvgContent "only for an SVG
# watermark"; "text and SVG watermarks cannot be put on snapshots".
_CONTENT_FOR = {"textContent": "text", "svgContent": "svg"}
_SNAPSHOT_TASKS = ("snapshotByTimeOffsetTaskSet", "sampleSnapshotTaskSet", "coverBySnapshotTaskSet")


def _use_problems(path: Path, use: Any, name: str, target: Spec) -> Iterator[tuple[Path, str]]:
    """What a use of the declared watermark `name` (the mapping `use`, at `path`) may not do, given
    its type."""
    kind = target.type if isinstance(target, WatermarkTemplateSpec) else None
    for member, wanted in _CONTENT_FOR.items():
        if isinstance(use, dict) and member in use and kind != wanted:
            yield (*path[:-1], member), f"only applies to a {wanted} watermark ({name!r} is {kind})"
    if kind in ("text", "svg") and len(path) > 1 and path[1] in _SNAPSHOT_TASKS:
        yield path, f"{name!r} is a {kind} watermark; snapshots take image watermarks only"


def _restore(spec: dict[str, Any]) -> None:
    """A watermark needs the sub-template of its type, even when all its fields are defaults."""
    if isinstance(spec.get("type"), str):
        spec.setdefault(f"{spec['type']}Template", {})


KIND = Kind(
    WATERMARK,
    WatermarkTemplateSpec,
    Wire.template(WATERMARK),
    template_name,
    folder="watermark-templates",
    rules=RULES,
    not_spec=frozenset({"Definition", "Name", "CreateTime", "UpdateTime"}),
    immutable=("type",),  # ModifyWatermarkTemplate has no Type
    quota=1000,
    export_prefix="watermark",
    images=True,
    restore=_restore,
    check_use=_use_problems,
)  # fmt: skip
