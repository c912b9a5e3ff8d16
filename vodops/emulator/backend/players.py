"""Player configs (SuperPlayerConfig): identified by name, modified member by member, the system
preset `default` listed first and never modified or deleted; at most 100 per application
(CreateSuperPlayerConfig's documentation).

What a config plays must be named (api.json): an adaptive streaming template when
`AudioVideoType` is `AdaptiveDynamicStream` (the default) with `DrmSwitch` OFF, DRM streaming
templates when it is ON, a transcode template for `Transcode`. The rule holds for the config a
Modify leaves, too. Like procedures, the template ids are not checked to exist.
"""

from __future__ import annotations

from ..encoding import encoded_list
from ..faults import ApiFault
from ..schema import Params
from ..shapes import players as shapes
from .base import Action, Context, Named, Rendered, Reply, merge, new_name, page, stored_page, utc_time

KIND = "player"
QUOTA = 100
DEFAULT_RESOLUTION_NAMES = tuple(
    {"MinEdgeLength": edge, "Name": name}
    for edge, name in (
        (240, "流畅"),
        (480, "标清"),
        (720, "高清"),
        (1080, "全高清"),
        (1440, "2K"),
        (2160, "4K"),
        (4320, "8K"),
    )
)
_PRESET_EPOCH = 1538388000  # 2018-10-01T10:00:00Z, as the other presets
_PRESET_SPEC = {"AdaptiveDynamicStreamingDefinition": 10, "ImageSpriteDefinition": 10, "Comment": "默认配置"}
PRESETS: tuple[Params, ...] = (
    {"Name": "default", "Created": _PRESET_EPOCH, "Updated": _PRESET_EPOCH, "Spec": _PRESET_SPEC},
)
_PRESET_NAMES = frozenset(doc["Name"] for doc in PRESETS)
_NAMED = Named(KIND, _PRESET_NAMES, QUOTA, "player configs")


def create(ctx: Context, params: Params) -> Reply:
    """CreateSuperPlayerConfig: a player config named Name, holding what it plays; answers {}.
    Raises ApiFault InvalidParameterValue (the name is taken, or what it plays is not named),
    LimitExceeded (100 per app, times quotaScale)."""
    name = params["Name"]
    taken = ApiFault("InvalidParameterValue", f"Player config {name!r} already exists.")
    new_name(ctx, _NAMED, name, taken)
    spec = _spec(params)
    _playable(spec)
    ctx.tx.put(KIND, ctx.app, name, {"Name": name, "Created": ctx.now, "Updated": ctx.now, "Spec": spec})
    return {}


def modify(ctx: Context, params: Params) -> Reply:
    """ModifySuperPlayerConfig: the config Name, its members laid over the stored ones; answers {}.
    Raises ApiFault FailedOperation (the preset), ResourceNotFound, InvalidParameterValue (the
    result plays nothing named)."""
    doc = _custom(ctx, params["Name"], "modified")
    spec = merge(doc["Spec"], _spec(params))
    _playable(spec)
    doc.update(Spec=spec, Updated=ctx.now)
    ctx.tx.put(KIND, ctx.app, doc["Name"], doc)
    return {}


def delete(ctx: Context, params: Params) -> Reply:
    """DeleteSuperPlayerConfig: deletes the config Name; answers {}. Raises ApiFault FailedOperation
    (the preset), ResourceNotFound."""
    doc = _custom(ctx, params["Name"], "deleted")
    ctx.tx.delete(KIND, ctx.app, doc["Name"])
    return {}


def describe(ctx: Context, params: Params) -> Reply:
    """DescribeSuperPlayerConfigs: the preset first, then the app's configs in creation order,
    filtered by Names and Type, an Offset/Limit page; answers {TotalCount, PlayerConfigSet}."""
    if not params.get("Names") and "Type" not in params:
        total, texts = stored_page(ctx, KIND, params, _RENDERED.presets, by_id=False)
        return {"TotalCount": total, "PlayerConfigSet": encoded_list(texts)}
    listed = [(doc, "Preset") for doc in PRESETS] + [(doc, "Custom") for doc in ctx.tx.scan(KIND, ctx.app)]
    if params.get("Names"):
        listed = [(doc, kind) for doc, kind in listed if doc["Name"] in params["Names"]]
    if "Type" in params:
        listed = [(doc, kind) for doc, kind in listed if kind == params["Type"]]
    return {
        "TotalCount": len(listed),
        "PlayerConfigSet": [_show(doc, kind) for doc, kind in page(listed, params)],
    }


def _spec(params: Params) -> Params:
    return {key: value for key, value in params.items() if key not in ("SubAppId", "Name")}


def _playable(spec: Params) -> None:
    kind = spec.get("AudioVideoType", "AdaptiveDynamicStream")
    drm = spec.get("DrmSwitch", "OFF") == "ON"
    if kind == "AdaptiveDynamicStream" and not drm and not spec.get("AdaptiveDynamicStreamingDefinition"):
        _needs(
            "AdaptiveDynamicStreamingDefinition",
            "AudioVideoType is AdaptiveDynamicStream and DrmSwitch is OFF",
        )
    if kind == "AdaptiveDynamicStream" and drm and not any(spec.get("DrmStreamingsInfo", {}).values()):
        _needs("DrmStreamingsInfo", "AudioVideoType is AdaptiveDynamicStream and DrmSwitch is ON")
    if kind == "Transcode" and not spec.get("TranscodeDefinition"):
        _needs("TranscodeDefinition", "AudioVideoType is Transcode")


def _needs(member: str, when: str) -> None:
    raise ApiFault("InvalidParameterValue", f"`{member}` is required when {when}.")


def _custom(ctx: Context, name: str, verb: str) -> Params:
    if name in _PRESET_NAMES:
        raise ApiFault("FailedOperation", f"Player config {name!r} is a system preset and cannot be {verb}.")
    doc = ctx.tx.get(KIND, ctx.app, name)
    if doc is None:
        raise ApiFault("ResourceNotFound", f"Player config {name!r} does not exist.")
    return doc


def _show(doc: Params, kind: str) -> Reply:
    spec = doc["Spec"]
    drm = spec.get("DrmStreamingsInfo", {})
    return {
        "Name": doc["Name"],
        "Type": kind,
        "AudioVideoType": spec.get("AudioVideoType", "AdaptiveDynamicStream"),
        "DrmSwitch": spec.get("DrmSwitch", "OFF"),
        "AdaptiveDynamicStreamingDefinition": spec.get("AdaptiveDynamicStreamingDefinition", 0),
        "DrmStreamingsInfo": {member: drm.get(member, 0) for member in shapes.DRM_MEMBERS},
        "TranscodeDefinition": spec.get("TranscodeDefinition", 0),
        "ImageSpriteDefinition": spec.get("ImageSpriteDefinition", 0),
        "ResolutionNameSet": spec.get("ResolutionNames") or list(DEFAULT_RESOLUTION_NAMES),
        "CreateTime": utc_time(doc["Created"]),
        "UpdateTime": utc_time(doc["Updated"]),
        "Domain": spec.get("Domain", "Default"),
        "Scheme": spec.get("Scheme", "Default"),
        "Comment": spec.get("Comment", ""),
    }


_RENDERED = Rendered(_show, PRESETS)
RENDERERS = {KIND: _RENDERED.custom}
ACTIONS = {
    "CreateSuperPlayerConfig": Action(shapes.CREATE, create),
    "DescribeSuperPlayerConfigs": Action(shapes.DESCRIBE, describe),
    "ModifySuperPlayerConfig": Action(shapes.MODIFY, modify),
    "DeleteSuperPlayerConfig": Action(shapes.DELETE, delete),
}
