"""The legacy API's shapes against the 2018-07-17 shapes vodops reads and writes: request bodies
to legacy parameters (nested; the caller flattens them) and legacy answers to 2018 listings.

Field by field per reference/legacy-api-2017.md §3.7 (transcode), §4.7 (watermark) and §5.6
(classes). Numbers may arrive as strings (§1.5) and are read back as numbers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime, timezone
from typing import Any

# 2018 member -> legacy member, for the parts that map one to one.
_VIDEO = {
    "Codec": "codec", "Fps": "fps", "Bitrate": "bitrate", "ResolutionAdaptive": "resolutionSelfAdapting",
    "Width": "width", "Height": "height", "VideoProfile": "videoProfile",
}  # fmt: skip
_AUDIO = {"Codec": "codec", "Bitrate": "bitrate", "SampleRate": "sampleRate", "AudioChannel": "soundSystem"}
_TOP = {"Name": "name", "Comment": "comment", "Container": "container",
        "RemoveVideo": "isFiltrateVideo", "RemoveAudio": "isFiltrateAudio"}  # fmt: skip
_POSITION = {"XPos": "left", "YPos": "top"}
_IMAGE_SIZE = {"Width": "width", "Height": "height"}
_CLEARED = {"VideoProfile": "default", "Gop": 0}  # 2018 values meaning "unset": the legacy API omits them


def transcode_params(request: Mapping[str, Any]) -> dict[str, Any]:
    """A 2018 Create/ModifyTranscodeTemplate body as legacy Create/Update parameters (nested; the
    caller flattens them). The whole template is always sent: the legacy Update requires `video`,
    `audio` and `audio.sampleRate` (reference §3.4)."""
    params = _renamed(request, _TOP)
    video, audio = request.get("VideoTemplate"), request.get("AudioTemplate")
    if isinstance(video, Mapping) and not request.get("RemoveVideo"):
        params["video"] = {**_renamed(video, _VIDEO), **_gop(video)}
    if isinstance(audio, Mapping) and not request.get("RemoveAudio"):
        params["audio"] = _renamed(audio, _AUDIO)
    return params


def watermark_params(request: Mapping[str, Any]) -> dict[str, Any]:
    """A 2018 image watermark body as legacy parameters (`width`, required by Create and Update,
    only when the body has it)."""
    params = {**_renamed(request, {"Name": "name", "Comment": "comment"}), **_renamed(request, _POSITION)}
    params.update(_renamed(request.get("ImageTemplate") or {}, _IMAGE_SIZE))
    return params


def new_watermark_params(request: Mapping[str, Any]) -> dict[str, Any]:
    """CreateWatermarkTemplate's parameters: `type` is always image, `width` defaults to 10%."""
    return {"width": "10%", **watermark_params(request), "type": "image"}


def _renamed(source: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    return {
        legacy: source[new]
        for new, legacy in names.items()
        if new in source and source[new] is not None and _CLEARED.get(new, object()) != source[new]
    }


def _gop(video: Mapping[str, Any]) -> dict[str, Any]:
    """2018 `Gop` in seconds is the legacy `maxGop` (the one GOP value both have, §3.7)."""
    gop = video.get("Gop")
    return {"maxGop": gop} if gop and video.get("GopUnit") == "second" else {}


def image_type(data: bytes) -> str:
    """The `type` ApplyUploadWatermark takes for these image bytes."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    return "gif" if data.startswith(b"GIF8") else "png"


def transcodes_from(answer: Mapping[str, Any]) -> list[dict[str, Any]]:
    """QueryTranscodeTemplateList's `data` as DescribeTranscodeTemplates' set."""
    return [transcode_from(item) for item in answer.get("data") or []]


def watermarks_from(answer: Mapping[str, Any]) -> list[dict[str, Any]]:
    """QueryWatermarkTemplateList's `watermarkList` as DescribeWatermarkTemplates' set."""
    return [watermark_from(item) for item in answer.get("watermarkList") or []]


def class_set_from(answer: Mapping[str, Any]) -> list[dict[str, Any]]:
    """DescribeAllClass's tree as the 2018 DescribeAllClass's flat ClassInfoSet."""
    return list(classes_from(list(answer.get("data") or [])))


def transcode_from(item: Mapping[str, Any]) -> dict[str, Any]:
    """A legacy template as DescribeTranscodeTemplates shows one."""
    shown: dict[str, Any] = {
        "Definition": _int(item.get("definition")),
        "Type": "Preset" if _int(item.get("onPremise")) == 1 else "Custom",
        "Name": str(item.get("name") or ""),
        "Comment": str(item.get("comment") or ""),
        "Container": item.get("container"),
        "RemoveVideo": _int(item.get("isFiltrateVideo")),
        "RemoveAudio": _int(item.get("isFiltrateAudio")),
        "CreateTime": _iso(item.get("createTime")),
        "UpdateTime": _iso(item.get("updateTime")),
    }
    video, audio = item.get("video"), item.get("audio")
    if isinstance(video, Mapping) and not shown["RemoveVideo"]:
        shown["VideoTemplate"] = _video_from(video)
    if isinstance(audio, Mapping) and not shown["RemoveAudio"]:
        shown["AudioTemplate"] = {new: _number(audio.get(old)) for new, old in _AUDIO.items()}
    return shown


def _video_from(video: Mapping[str, Any]) -> dict[str, Any]:
    shown = {new: _number(video.get(old)) for new, old in _VIDEO.items()}
    if shown["ResolutionAdaptive"] in (0, 1):  # documented as 1/0, shown as open/close (§3.3)
        shown["ResolutionAdaptive"] = "open" if shown["ResolutionAdaptive"] == 1 else "close"
    if _int(video.get("maxGop")) > 0:
        shown.update(Gop=_int(video.get("maxGop")), GopUnit="second")
    return {k: v for k, v in shown.items() if v not in (None, "")}


def watermark_from(item: Mapping[str, Any]) -> dict[str, Any]:
    """A legacy watermark as DescribeWatermarkTemplates shows one: always an image at TopLeft."""
    return {
        "Definition": _int(item.get("definition")),
        "Type": "image",
        "Name": str(item.get("name") or ""),
        "Comment": str(item.get("comment") or ""),
        "CoordinateOrigin": "TopLeft",
        "XPos": item.get("left") or "0px",
        "YPos": item.get("top") or "0px",
        "ImageTemplate": {
            "ImageUrl": item.get("url"),
            "Width": item.get("width"),
            "Height": item.get("height"),
        },
        "CreateTime": _iso(item.get("create_time")),
        "UpdateTime": _iso(item.get("update_time")),
    }


def classes_from(tree: list[Any], level: int = 0) -> Iterator[dict[str, Any]]:
    """DescribeAllClass's nested `{info, subclass}` nodes as DescribeAllClass 2018's flat set."""
    for node in tree:
        info = (node.get("info") or {}) if isinstance(node, Mapping) else {}
        yield {
            "ClassId": _int(info.get("id")),
            "ParentId": _int(info.get("parent_id")),
            "Name": str(info.get("name") or ""),
            "Level": level,
        }
        children = node.get("subclass") if isinstance(node, Mapping) else None
        yield from classes_from(list(children or []), level + 1)


def _number(value: Any) -> Any:
    """Numbers that arrive as strings ("25"), back as numbers; other text as it is."""
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() else number
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _int(value: Any) -> int:
    number = _number(value)
    return number if isinstance(number, int) and not isinstance(number, bool) else -1 if number else 0


def _iso(value: Any) -> str:
    seconds = _int(value)
    return datetime.fromtimestamp(max(seconds, 0), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
