"""WatermarkTemplate: the wire, normalization rules and use rules of watermark templates (the
image is uploaded, see `Kind.images`). Its spec model is vodops.resources.watermark."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vodops.normalize import Rule, Spelling, defaults, pattern
from vodops.resources import WATERMARK
from vodops.resources.base import Path, Spec
from vodops.resources.kind import Kind, Wire, template_name

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
    kind = getattr(target, "type", None)  # a WatermarkTemplateSpec: references name declared watermarks
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
    "vodops.resources.watermark:WatermarkTemplateSpec",
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
