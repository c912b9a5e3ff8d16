"""Transcode templates: custom templates per app, presets mixed into Describe."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..defaults import render, zeroed
from ..encoding import encoded_list
from ..faults import ApiFault
from ..presets import TRANSCODE_DEFINITIONS, TRANSCODE_TEMPLATES
from ..schema import Params, Struct, validate
from ..shapes import transcode as shapes
from ..shapes.enhance import ENHANCE
from .base import Action, Context, Rendered, Reply, merge, page, stored_page, utc_time

KIND = "transcode"
FIRST_DEFINITION = 1_000_001  # one counter for the whole account: Definitions are global ids
QUOTA = 100


def create(ctx: Context, params: Params) -> Reply:
    """CreateTranscodeTemplate: a custom template (Definitions from 1000001, one counter for the
    account); answers {Definition}. Raises ApiFault LimitExceeded.TooMuchTemplate (100 per app,
    times quotaScale)."""
    if ctx.tx.count(KIND, ctx.app) >= ctx.quota(QUOTA):
        raise ApiFault(
            "LimitExceeded.TooMuchTemplate",
            f"The number of custom transcode templates exceeds {ctx.quota(QUOTA)}; raise it by ticket.",
        )
    definition = ctx.tx.next_id(KIND, FIRST_DEFINITION)
    doc = {
        "Definition": definition,
        "Created": ctx.now,
        "Updated": ctx.now,
        "Spec": _normalized(_spec(params)),
    }
    ctx.tx.put(KIND, ctx.app, str(definition), doc)
    return {"Definition": definition}


def modify(ctx: Context, params: Params) -> Reply:
    """ModifyTranscodeTemplate: the template Definition with the request's members laid over it,
    then checked as a Create would be; answers {}. Raises ApiFault ResourceNotFound.TemplateNotExist
    (no such custom template, or a preset), or the Create rules' fault."""
    doc = _custom(ctx, params["Definition"], "modified")
    merged = _merged(doc["Spec"], _spec(params))
    validate(shapes.TEMPLATE, merged)
    doc.update(Spec=_normalized(merged), Updated=ctx.now)
    ctx.tx.put(KIND, ctx.app, str(doc["Definition"]), doc)
    return {}


def delete(ctx: Context, params: Params) -> Reply:
    """DeleteTranscodeTemplate: deletes the custom template Definition; answers {}. Raises ApiFault
    InvalidParameterValue.Definition (a preset), ResourceNotFound.TemplateNotExist."""
    definition = params["Definition"]
    if definition in TRANSCODE_DEFINITIONS:
        raise ApiFault(
            "InvalidParameterValue.Definition",
            f"Template {definition} is a system preset and cannot be deleted.",
        )
    _custom(ctx, definition, "deleted")
    ctx.tx.delete(KIND, ctx.app, str(definition))
    return {}


def describe(ctx: Context, params: Params) -> Reply:
    """DescribeTranscodeTemplates: the presets, then the app's templates in Definition order,
    filtered by Definitions, Type, ContainerType, TEHDType, EnhanceType and EnhanceScenarioType, an
    Offset/Limit page; answers {TotalCount, TranscodeTemplateSet}."""
    if all(params.get(name, []) == [] for name in _FILTERS):
        total, texts = stored_page(ctx, KIND, params, _RENDERED.presets)
        return {"TotalCount": total, "TranscodeTemplateSet": encoded_list(texts)}
    custom = sorted(ctx.tx.scan(KIND, ctx.app), key=lambda doc: int(doc["Definition"]))
    shown = [_show(doc, "Preset") for doc in TRANSCODE_TEMPLATES]
    shown += [_show(doc, "Custom") for doc in custom]
    wanted = [template for template in shown if _wanted(template, params)]
    return {"TotalCount": len(wanted), "TranscodeTemplateSet": page(wanted, params)}


def _spec(params: Params) -> Params:
    return {k: v for k, v in params.items() if k not in ("SubAppId", "Definition")}


def _custom(ctx: Context, definition: int, verb: str) -> Params:
    doc = ctx.tx.get(KIND, ctx.app, str(definition))
    if doc is not None:
        return doc
    preset = definition in TRANSCODE_DEFINITIONS
    why = f"is a system preset and cannot be {verb}" if preset else "does not exist"
    raise ApiFault("ResourceNotFound.TemplateNotExist", f"Transcode template {definition} {why}.")


def _merged(spec: Params, update: Params) -> Params:
    """The template after a Modify, before it is validated with the Create rules."""
    merged = _update_semantics(merge(spec, update))
    if "EnhanceConfig" in update:
        # EnhanceConfigForUpdate carries whole VideoEnhanceConfig/AudioEnhanceConfig structs (not
        # ForUpdate ones, their Switch is required), so each one sent replaces the old one.
        merged["EnhanceConfig"] = {**(spec.get("EnhanceConfig") or {}), **update["EnhanceConfig"]}
    tehd = merged.get("TEHDConfig")
    if tehd is not None and "Type" not in tehd:
        # ForUpdate's Type is optional ("not given: unchanged"); a template without TEHD had OFF.
        merged["TEHDConfig"] = {"Type": "OFF", **tehd}
    if merged["Container"] in shapes.AUDIO_ONLY and "VideoTemplate" not in update:
        # Moving to an audio-only container drops the video settings the request did not send.
        merged.pop("VideoTemplate", None)
    return merged


def _update_semantics(spec: Params) -> Params:
    """Undo what only ForUpdate structs mean: Vcrf 0 turns CRF off, Bframes -1 is auto again."""
    video, audio = spec.get("VideoTemplate"), spec.get("AudioTemplate")
    if video is not None:
        spec["VideoTemplate"] = {
            k: v
            for k, v in video.items()
            if not (k == "Vcrf" and v == 0) and not (k == "Bframes" and v == -1)
        }
    if audio is not None:
        # StreamSelects only works inside a procedure's OverrideParameter.
        spec["AudioTemplate"] = {k: v for k, v in audio.items() if k != "StreamSelects"}
    return spec


def _normalized(spec: Params) -> Params:
    """The template as the server keeps it: removed streams gone, audio-only containers flagged."""
    normal = dict(spec)
    if normal["Container"] in shapes.AUDIO_ONLY:
        normal["RemoveVideo"] = 1
    for stream in ("Video", "Audio"):
        if shapes.removes(normal, stream):
            normal.pop(f"{stream}Template", None)
    return normal


def _member(struct: Struct, spec: Params, name: str) -> Params | None:
    return render(struct, spec[name]) if name in spec else None


def _stream(struct: Struct, spec: Params, name: str) -> Params:
    """A stream's settings; a removed stream's are all zero or default, never null (api.json)."""
    return render(struct, spec[name]) if name in spec else zeroed(struct)


def _show(doc: Params, kind: str) -> Reply:
    spec, container = doc["Spec"], doc["Spec"]["Container"]
    return {
        "Definition": str(doc["Definition"]),  # a string here, an integer everywhere else
        "Container": container,
        "Name": spec.get("Name", ""),
        "Comment": spec.get("Comment", ""),
        "Type": kind,
        "RemoveVideo": spec.get("RemoveVideo", 0),
        "RemoveAudio": spec.get("RemoveAudio", 0),
        "VideoTemplate": _stream(shapes.VIDEO, spec, "VideoTemplate"),
        "AudioTemplate": _stream(shapes.AUDIO, spec, "AudioTemplate"),
        "TEHDConfig": _member(shapes.TEHD, spec, "TEHDConfig"),
        "EnhanceConfig": _member(ENHANCE, spec, "EnhanceConfig"),
        "ContainerType": "PureAudio" if container in shapes.AUDIO_ONLY else "Video",
        "CreateTime": utc_time(doc["Created"]),
        "UpdateTime": utc_time(doc["Updated"]),
        "SegmentType": spec.get("SegmentType", "ts" if container == "hls" else ""),
        "StdExtInfo": spec.get("StdExtInfo", ""),
    }


def _enhances(template: Reply) -> tuple[bool, bool]:
    config = template["EnhanceConfig"] or {}
    return config.get("VideoEnhance") is not None, config.get("AudioEnhance") is not None


_ENHANCE_TYPES: dict[str, Callable[[bool, bool], bool]] = {
    "VideoEnhance": lambda video, audio: video and not audio,
    "AudioEnhance": lambda video, audio: audio and not video,
    "AudioVideoEnhance": lambda video, audio: video and audio,
    "AnyEnhance": lambda video, audio: video or audio,
    "None": lambda video, audio: not (video or audio),
}


def _scenario(template: Reply) -> Any:
    video = (template["EnhanceConfig"] or {}).get("VideoEnhance") or {}
    return video.get("EnhanceScenarioType")


_FILTERS = ("Definitions", "Type", "ContainerType", "TEHDType", "EnhanceType", "EnhanceScenarioType")


def _wanted(template: Reply, params: Params) -> bool:
    tehd = template["TEHDConfig"]
    checks: dict[str, Callable[[Any], bool]] = {  # one for each of _FILTERS
        "Definitions": lambda ids: int(template["Definition"]) in ids,
        "Type": lambda kind: template["Type"] == kind,
        "ContainerType": lambda kind: template["ContainerType"] == kind,
        "TEHDType": lambda kind: (tehd is None or tehd["Type"] == "OFF") == (kind == "Common"),
        "EnhanceType": lambda kind: bool(_ENHANCE_TYPES[kind](*_enhances(template))),
        "EnhanceScenarioType": lambda scenario: _scenario(template) == scenario,
    }
    # An empty Definitions list filters nothing, like an absent one.
    return all(check(params[name]) for name, check in checks.items() if params.get(name, []) != [])


_RENDERED = Rendered(_show, TRANSCODE_TEMPLATES)
RENDERERS = {KIND: _RENDERED.custom}
ACTIONS = {
    "CreateTranscodeTemplate": Action(shapes.CREATE, create),
    "DescribeTranscodeTemplates": Action(shapes.DESCRIBE, describe),
    "ModifyTranscodeTemplate": Action(shapes.MODIFY, modify),
    "DeleteTranscodeTemplate": Action(shapes.DELETE, delete),
}
