"""Watermark templates: the Create/Modify/Describe/Delete requests and the stored sub-templates."""

from __future__ import annotations

import math
from typing import Any

from ..checks import HEX_COLOR, between, measure, one_of
from ..faults import ApiFault
from ..images import sniff_base64
from ..schema import NO_DEFAULT, Field, Params, Struct, int64, number, obj, string
from .common import COMMENT, DEFINITIONS, LIMIT, NAME, OFFSET, definition, request

TYPES = ("image", "text", "svg")
ORIGINS = ("TopLeft", "TopRight", "BottomLeft", "BottomRight")
_CODE = "InvalidParameterValue."
_PERCENT = (0.0, 100.0)
_POSITION = measure({"%": _PERCENT, "px": (0, 8192)})
_SVG_UNITS = dict.fromkeys(("px", "%", "W%", "H%", "S%", "L%"), (0.0, 1e6))


def _image_content(value: Any) -> str | None:
    return None if sniff_base64(value) else "Base64 of a PNG, JPEG or GIF image"


def _default(update: bool, value: Any) -> Any:
    """The default the server fills in for a create struct; ForUpdate structs fill nothing."""
    return NO_DEFAULT if update else value


def _image_fields(update: bool) -> tuple[Field, ...]:
    return (
        string("ImageContent", _image_content, required=not update, code=_CODE + "ImageContent"),
        string(
            "Width",
            measure({"%": _PERCENT, "px": (8, 4096)}),
            code=_CODE + "Width",
            default=_default(update, "10%"),
        ),
        string(
            "Height",
            measure({"%": _PERCENT, "px": (8, 4096)}, zero=True),
            code=_CODE + "Height",
            default=_default(update, "0px"),
        ),
        string(
            "RepeatType",
            one_of("once", "repeat_last_frame", "repeat"),
            code=_CODE + "RepeatType",
            default=_default(update, "repeat"),
        ),
        int64("Transparency", between(0, 100), default=_default(update, 0)),
    )


def _text_fields(update: bool) -> tuple[Field, ...]:
    # api.json requires all four on create (their documented defaults are never used there).
    required = not update
    return (
        string("FontType", one_of("simkai.ttf", "arial.ttf"), required=required),
        string("FontSize", measure({"px": (0, math.inf)}, positive=True), required=required),
        string("FontColor", HEX_COLOR, required=required),
        number("FontAlpha", between(0, 1, open_low=True), code=_CODE + "TextAlpha", required=required),
    )


def _svg_fields(update: bool) -> tuple[Field, ...]:
    return (
        string(
            "Width", measure(_SVG_UNITS), code=_CODE + "SvgTemplateWidth", default=_default(update, "10W%")
        ),
        string(
            "Height", measure(_SVG_UNITS), code=_CODE + "SvgTemplateHeight", default=_default(update, "0px")
        ),
    )


IMAGE = Struct("ImageWatermarkInput", _image_fields(False))
TEXT = Struct("TextWatermarkTemplateInput", _text_fields(False))
SVG = Struct("SvgWatermarkInput", _svg_fields(False))
_CYCLE = Struct(
    "WatermarkCycleConfigForUpdate",
    (
        number("StartTime"),
        number("DisplayDuration"),
        number("CycleDuration"),
    ),
)
SUB_TEMPLATES = {"image": "ImageTemplate", "text": "TextTemplate", "svg": "SvgTemplate"}


def _sub_template_present(params: Params, path: str) -> None:
    member = SUB_TEMPLATES.get(str(params.get("Type")))
    if member is not None and member not in params:
        raise ApiFault(_CODE + member, f"{member} is required for a {params['Type']} watermark.")


def _common_fields() -> tuple[Field, ...]:
    return (
        NAME,
        COMMENT,
        string("CoordinateOrigin", one_of(*ORIGINS), code=_CODE + "CoordinateOrigin"),
        string("XPos", _POSITION, code=_CODE + "XPos"),
        string("YPos", _POSITION, code=_CODE + "YPos"),
    )


CREATE = request(
    "CreateWatermarkTemplate",
    string("Type", one_of(*TYPES), required=True, code=_CODE + "Type"),
    *_common_fields(),
    obj("ImageTemplate", IMAGE),
    obj("TextTemplate", TEXT),
    obj("SvgTemplate", SVG),
    rules=(_sub_template_present,),
)
MODIFY = request(
    "ModifyWatermarkTemplate",
    definition(),
    *_common_fields(),
    obj("ImageTemplate", Struct("ImageWatermarkInputForUpdate", _image_fields(True))),
    obj("TextTemplate", Struct("TextWatermarkTemplateInputForUpdate", _text_fields(True))),
    obj(
        "SvgTemplate",
        Struct(
            "SvgWatermarkInputForUpdate",
            (*_svg_fields(True), obj("CycleConfig", _CYCLE, echo=False)),
        ),
    ),
)
DELETE = request("DeleteWatermarkTemplate", definition())
DESCRIBE = request(
    "DescribeWatermarkTemplates",
    string("Type", one_of(*TYPES), code=_CODE + "Type"),
    OFFSET,
    DEFINITIONS,
    LIMIT,
)
