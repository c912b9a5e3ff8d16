"""Rules of the processing-template kinds that api.json states only in prose, hand-written.

Each is a cross-field `Rule` (see `schema.py`) checked on Create and on the result of a Modify,
answering the code the SDK's error table names for it.
"""

from __future__ import annotations

from ..faults import ApiFault
from ..schema import Params

MAX_SPRITE_EDGE = 15_000  # px; CreateImageSpriteTemplate.RowCount/ColumnCount: the sprite's edge limit


def percent_interval(template: Params, path: str) -> None:
    """Sampling by Percent takes an interval of at most 100 (a percentage)."""
    if template.get("SampleType") == "Percent" and template.get("SampleInterval", 0) > 100:
        raise ApiFault(
            "InvalidParameterValue.SampleInterval",
            f"SampleInterval {template['SampleInterval']} is not a percentage: with SampleType Percent "
            "it must be at most 100.",
        )


def sprite_edges(template: Params, path: str) -> None:
    """The whole sprite, rows x small-image height (columns x width), is at most 15000 px."""
    for count, edge in (("RowCount", "Height"), ("ColumnCount", "Width")):
        size = template.get(count, 0) * template.get(edge, 0)
        if size > MAX_SPRITE_EDGE:
            raise ApiFault(
                f"InvalidParameterValue.{count}",
                f"{count} x {edge} is {size} px; a sprite is at most {MAX_SPRITE_EDGE} px that way.",
            )


def webp_size(template: Params, path: str) -> None:
    """An animated WebP needs a Width or Height (errorcodes: FormatWebpLackWidthAndHeight,
    FormatWebpWidthAndHeightBothZero)."""
    if template.get("Format") != "webp":
        return
    if "Width" not in template and "Height" not in template:
        raise ApiFault(
            "InvalidParameterValue.FormatWebpLackWidthAndHeight",
            "Format webp needs Width or Height.",
        )
    if template.get("Width", 0) == 0 and template.get("Height", 0) == 0:
        raise ApiFault(
            "InvalidParameterValue.FormatWebpWidthAndHeightBothZero",
            "Format webp does not allow Width and Height both 0.",
        )


def adaptive_audio(template: Params, path: str) -> None:
    """HLS and MPEG-DASH substreams carry AAC audio only (api.json, AudioTemplateInfo.Codec: with
    Format HLS or MPEG-DASH the one value allowed is libfdk_aac)."""
    for i, stream in enumerate(template.get("StreamInfos", [])):
        codec = stream.get("Audio", {}).get("Codec")
        if stream.get("RemoveAudio") != 1 and codec != "libfdk_aac":
            raise ApiFault(
                "InvalidParameterValue.AudioCodec",
                f"StreamInfos.{i}.Audio.Codec {codec} is not allowed in {template.get('Format')}; "
                "allowed: libfdk_aac.",
            )
