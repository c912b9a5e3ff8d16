"""The processing-template kinds, declared: each is its generated structs (shapes/generated/),
its documented quota (api.json's Create description), its presets and its hand-written rules,
served by the one template backend (`templates.py`)."""

from __future__ import annotations

from types import ModuleType

from .. import presets_processing as presets
from ..schema import Params, Rule
from ..shapes import template_rules as rules
from ..shapes.generated import (
    adaptive_dynamic_streaming,
    ai_analysis,
    ai_recognition,
    animated_graphics,
    content_review,
    head_tail,
    image_sprite,
    review,
    sample_snapshot,
    snapshot_by_time_offset,
)
from .base import Action, merge
from .templates import TemplateKind, Update, actions


def subtitle_formats(template: Params, update: Params) -> Params:
    """ModifyAIRecognitionTemplate: a SubtitleFormatsOperation ({Type: add|delete|reset, Formats})
    changes the SubtitleFormats of AsrFullTextConfigure and AsrTranslateConfigure; the rest merges."""
    operations = {}
    for name in ("AsrFullTextConfigure", "AsrTranslateConfigure"):
        if "SubtitleFormatsOperation" in update.get(name, {}):
            update = {**update, name: dict(update[name])}
            operations[name] = update[name].pop("SubtitleFormatsOperation")
    merged = merge(template, update)
    for name, operation in operations.items():
        formats = list(merged[name].get("SubtitleFormats", []))
        merged[name] = {**merged[name], "SubtitleFormats": _operated(formats, operation)}
    return merged


def _operated(formats: list[str], operation: Params) -> list[str]:
    given = list(operation["Formats"])
    if operation["Type"] == "add":
        return formats + [f for f in given if f not in formats]
    if operation["Type"] == "delete":
        return [f for f in formats if f not in given]
    return given


def _kind(
    name: str,
    label: str,
    quota: int,
    shapes: ModuleType,
    presets: tuple[tuple[int, Params], ...] = (),
    checks: tuple[Rule, ...] = (),
    update: Update = merge,
) -> TemplateKind:
    return TemplateKind(
        name,
        label,
        quota,
        shapes.CREATE,
        shapes.MODIFY,
        shapes.DELETE,
        shapes.DESCRIBE,
        shapes.SHOWN,
        presets,
        checks,
        update,
    )


KINDS = (
    _kind(
        "AdaptiveDynamicStreamingTemplate",
        "adaptive bitrate streaming",
        100,
        adaptive_dynamic_streaming,
        presets.ADAPTIVE_DYNAMIC_STREAMING,
        (rules.adaptive_audio,),
    ),
    _kind(
        "SnapshotByTimeOffsetTemplate",
        "time point screenshot",
        16,
        snapshot_by_time_offset,
        presets.SNAPSHOT_BY_TIME_OFFSET,
    ),
    _kind(
        "SampleSnapshotTemplate",
        "sampled screenshot",
        16,
        sample_snapshot,
        presets.SAMPLE_SNAPSHOT,
        (rules.percent_interval,),
    ),
    _kind(
        "ImageSpriteTemplate",
        "image sprite",
        16,
        image_sprite,
        presets.IMAGE_SPRITE,
        (rules.percent_interval, rules.sprite_edges),
    ),
    _kind(
        "AnimatedGraphicsTemplate",
        "animated image",
        16,
        animated_graphics,
        presets.ANIMATED_GRAPHICS,
        (rules.webp_size,),
    ),
    _kind("HeadTailTemplate", "head/tail", 100, head_tail),
    _kind("ContentReviewTemplate", "content review", 50, content_review, presets.CONTENT_REVIEW),
    _kind("ReviewTemplate", "review", 50, review, presets.REVIEW),
    _kind("AIAnalysisTemplate", "AI analysis", 50, ai_analysis, presets.AI_ANALYSIS),
    _kind(
        "AIRecognitionTemplate",
        "AI recognition",
        50,
        ai_recognition,
        presets.AI_RECOGNITION,
        update=subtitle_formats,
    ),
)

RENDERERS = {kind.store: kind.rendered.custom for kind in KINDS}
ACTIONS: dict[str, Action] = {name: action for kind in KINDS for name, action in actions(kind).items()}
