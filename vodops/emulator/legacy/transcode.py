"""Legacy transcode template actions (seed §转码模板管理) over the one store the 2018 actions use.

A template is kept as the 2018 backend keeps it (`Spec` in 2018 members), so either dialect sees
what the other made; members only the legacy API has (minGop, colorSpace, deinterlaced,
videoRateControl, audioProfile) are kept beside it under `Legacy`, where the 2018 actions never
look. Rules per reference §3.1-§3.6; decisions where the manual is silent are in the README.
"""

from __future__ import annotations

from typing import Any

from ..backend import transcode as shared
from ..backend.base import Context, Reply
from .params import Params
from .presets import LEGACY_DEFINITIONS, LEGACY_TRANSCODE
from .protocol import business

QUOTA = 16  # custom templates (§3.1); the emulator counts every custom template of the app
NOT_FOUND, QUOTA_CODE = 10704, 10706
_VIDEO = {
    "codec": "Codec", "fps": "Fps", "bitrate": "Bitrate", "resolutionSelfAdapting": "ResolutionAdaptive",
    "width": "Width", "height": "Height", "videoProfile": "VideoProfile",
}  # fmt: skip
_AUDIO = {"codec": "Codec", "bitrate": "Bitrate", "sampleRate": "SampleRate", "soundSystem": "AudioChannel"}


def create(ctx: Context, params: Params) -> Reply:
    """CreateTranscodeTemplate (§3.1): the new id under `data.definition`."""
    spec, legacy = _template(params, required=True)
    if ctx.tx.count(shared.KIND, ctx.app) >= QUOTA:
        raise business(QUOTA_CODE, f"The number of custom transcode templates has reached {QUOTA}.")
    definition = ctx.tx.next_id(shared.KIND, shared.FIRST_DEFINITION)
    doc = {"Definition": definition, "Created": ctx.now, "Updated": ctx.now, "Spec": spec, "Legacy": legacy}
    ctx.tx.put(shared.KIND, ctx.app, str(definition), doc)
    return {"data": {"definition": definition}}


def update(ctx: Context, params: Params) -> Reply:
    """Top-level members are merged; a `video` or `audio` object that is sent replaces the old one
    (the manual requires both on update)."""
    doc = _custom(ctx, params, "changed")
    old = doc["Spec"]
    spec, legacy = _template(params, required=False, old=old)
    for stream in ("Video", "Audio"):
        if f"{stream}Template" not in spec and f"{stream}Template" in old and not spec.get(f"Remove{stream}"):
            spec[f"{stream}Template"] = old[f"{stream}Template"]
    _check_streams(params, spec)
    sent = tuple(f"{stream}." for stream in ("video", "audio") if params.has_any(f"{stream}."))
    kept = {k: v for k, v in doc.get("Legacy", {}).items() if not k.startswith(sent)}
    doc.update(Spec=spec, Legacy={**kept, **legacy}, Updated=ctx.now)
    ctx.tx.put(shared.KIND, ctx.app, str(doc["Definition"]), doc)
    return {}


def _check_streams(params: Params, spec: dict[str, Any]) -> None:
    """The table requires audio.sampleRate on every update; a kept stream needs its settings."""
    if not spec.get("RemoveAudio") and not params.has("audio.sampleRate"):
        raise business(10755, "The parameter audio.sampleRate is required.")
    for stream, code in (("Video", 10736), ("Audio", 10737)):
        if not spec.get(f"Remove{stream}") and f"{stream}Template" not in spec:
            raise business(code, f"{stream.lower()} is required unless isFiltrate{stream} is 1.")


def delete(ctx: Context, params: Params) -> Reply:
    """DeleteTranscodeTemplate (§3.5); presets cannot be deleted."""
    doc = _custom(ctx, params, "deleted")
    ctx.tx.delete(shared.KIND, ctx.app, str(doc["Definition"]))
    return {}


def query(ctx: Context, params: Params) -> Reply:
    """QueryTranscodeTemplate (§3.3): one template, preset or custom, under `data`."""
    definition = params.integer("definition", 1, 2**63 - 1, NOT_FOUND, required=True)
    for doc in LEGACY_TRANSCODE:
        if doc["Definition"] == definition:
            return {"data": shown(doc, preset=True)}
    found = ctx.tx.get(shared.KIND, ctx.app, str(definition))
    if found is None:
        raise business(NOT_FOUND, f"Transcode template {definition} does not exist.")
    return {"data": shown(found, preset=False)}


def query_list(ctx: Context, params: Params) -> Reply:
    """QueryTranscodeTemplateList (§3.2): presets, then custom templates, unpaged."""
    custom = sorted(ctx.tx.scan(shared.KIND, ctx.app), key=lambda doc: int(doc["Definition"]))
    return {"data": [shown(doc, True) for doc in LEGACY_TRANSCODE] + [shown(doc, False) for doc in custom]}


def shown(doc: dict[str, Any], preset: bool) -> dict[str, Any]:
    """A stored template in the legacy shape; members never set are "" or 0 (their documented
    defaults apply), except those the manual's examples show filled."""
    spec, legacy = doc["Spec"], doc.get("Legacy", {})
    return {
        "definition": doc["Definition"],
        "name": spec.get("Name", ""),
        "comment": spec.get("Comment", ""),
        "container": spec["Container"],
        "createTime": int(doc["Created"]),
        "updateTime": int(doc["Updated"]),
        "isFiltrateVideo": spec.get("RemoveVideo", 0),
        "isFiltrateAudio": spec.get("RemoveAudio", 0),
        "video": _video_shown(spec.get("VideoTemplate") or {}, legacy),
        "audio": _audio_shown(spec.get("AudioTemplate") or {}, legacy),
        "onPremise": 1 if preset else 0,
        "status": 0,
    }


def _video_shown(video: dict[str, Any], legacy: dict[str, Any]) -> dict[str, Any]:
    shown = {
        old: video.get(new, "" if old in ("codec", "videoProfile") else 0) for old, new in _VIDEO.items()
    }
    shown["resolutionSelfAdapting"] = video.get("ResolutionAdaptive", "open")
    shown["videoProfile"] = _profile(video)
    return {
        **shown,
        "minGop": legacy.get("video.minGop", 0),
        "maxGop": _max_gop(video),
        "colorSpace": legacy.get("video.colorSpace", "YUV420P"),
        "deinterlaced": legacy.get("video.deinterlaced", 0),
        "videoRateControl": legacy.get("video.videoRateControl", 0),
        "denoise": {"enable": 0},
    }


def _audio_shown(audio: dict[str, Any], legacy: dict[str, Any]) -> dict[str, Any]:
    shown = {old: audio.get(new, "" if old == "codec" else 0) for old, new in _AUDIO.items()}
    shown["soundSystem"] = audio.get("AudioChannel", 2)
    return {
        **shown,
        "audioResampler": "soxr",
        "audioDownmixMode": 0,
        "audioProfile": legacy.get("audio.audioProfile", ""),
    }


def _max_gop(video: dict[str, Any]) -> int:
    return int(video.get("Gop", 0)) if video.get("GopUnit") == "second" else 0


def _profile(video: dict[str, Any]) -> str:
    profile = video.get("VideoProfile", "")
    return "" if profile == "default" else str(profile)


def _custom(ctx: Context, params: Params, verb: str) -> dict[str, Any]:
    definition = params.integer("definition", 1, 2**63 - 1, 10735, required=True)
    if definition in LEGACY_DEFINITIONS:
        raise business(1000, f"Transcode template {definition} is a system preset and cannot be {verb}.")
    doc = ctx.tx.get(shared.KIND, ctx.app, str(definition))
    if doc is None:
        raise business(NOT_FOUND, f"Transcode template {definition} does not exist.")
    return doc


def _template(
    params: Params, *, required: bool, old: dict[str, Any] | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The 2018 spec and the legacy-only members a Create or Update describes."""
    old = old or {}
    spec: dict[str, Any] = {k: v for k, v in old.items() if k not in ("VideoTemplate", "AudioTemplate")}
    _top(params, spec, required)
    legacy: dict[str, Any] = {}
    if not spec.get("RemoveVideo") and (required or params.has_any("video.")):
        spec["VideoTemplate"] = _video(params, legacy)
    if not spec.get("RemoveAudio") and (required or params.has_any("audio.")):
        spec["AudioTemplate"] = _audio(params, legacy)
    return spec, legacy


def _top(params: Params, spec: dict[str, Any], required: bool) -> None:
    found = {
        "Name": params.text("name", max_bytes=63),
        "Comment": params.text("comment", max_bytes=255),
        "Container": params.choice("container", ("mp4", "flv", "hls"), 10730, required=required),
        "RemoveVideo": params.flag("isFiltrateVideo", 10736),
        "RemoveAudio": params.flag("isFiltrateAudio", 10737),
    }
    spec.update({k: v for k, v in found.items() if v is not None})
    if spec.get("RemoveVideo") and spec.get("RemoveAudio"):
        raise business(10737, "A template cannot remove both the video and the audio stream.")


def _video(params: Params, legacy: dict[str, Any]) -> dict[str, Any]:
    codec = params.choice("video.codec", ("libx264", "libx265"), 10732, required=True)
    video = {
        "Codec": codec,
        "Fps": params.integer("video.fps", 1, 60, 10731, required=True),
        "Bitrate": params.integer("video.bitrate", 128, 350000, 10733, required=True),
        "ResolutionAdaptive": params.choice("video.resolutionSelfAdapting", ("open", "close")),
        "Width": params.integer("video.width", 128, 4096, 10734, zero=True),
        "Height": params.integer("video.height", 128, 4096, 10734, zero=True),
        "VideoProfile": params.choice("video.videoProfile", ("baseline", "main", "high"), 10740),
    }
    _h265_size(video)
    max_gop = params.integer("video.maxGop", 1, 10, 10739)
    if max_gop is not None:
        video.update(Gop=max_gop, GopUnit="second")
    legacy.update(_legacy_only(params))
    return {k: v for k, v in video.items() if v is not None}


def _h265_size(video: dict[str, Any]) -> None:
    """H.265 needs an explicit resolution within 640x480 (§3.1)."""
    if video["Codec"] != "libx265":
        return
    long_side, short_side = sorted((video.get("Width") or 0, video.get("Height") or 0), reverse=True)
    if not short_side or long_side > 640 or short_side > 480:
        raise business(10734, "libx265 needs an explicit width and height within 640x480.")


def _legacy_only(params: Params) -> dict[str, Any]:
    found = {
        "video.minGop": params.integer("video.minGop", 1, 10, 10738),
        "video.colorSpace": params.choice("video.colorSpace", ("yuv420p", "yuv420p10le"), 10741),
        "video.deinterlaced": params.flag("video.deinterlaced", 10742),
        "video.videoRateControl": params.flag("video.videoRateControl", 10743),
    }
    return {k: v for k, v in found.items() if v is not None}


def _audio(params: Params, legacy: dict[str, Any]) -> dict[str, Any]:
    codec = params.choice("audio.codec", ("libfdk_aac", "libmp3lame", "mp2"), 10754, required=True)
    audio = {
        "Codec": codec,
        "Bitrate": params.integer("audio.bitrate", 26, 256, 10756, required=True),
        "SampleRate": params.integer("audio.sampleRate", 0, 48000, 10755, required=True),
        "AudioChannel": params.integer("audio.soundSystem", 1, 6, 10757),
    }
    if audio["SampleRate"] not in (32000, 44100, 48000):
        raise business(10755, f"audio.sampleRate must be 32000, 44100 or 48000 (got {audio['SampleRate']}).")
    if audio["AudioChannel"] not in (None, 1, 2, 6):
        raise business(10757, f"audio.soundSystem must be 1, 2 or 6 (got {audio['AudioChannel']}).")
    profile = params.choice("audio.audioProfile", ("aac_lc", "aac_he", "aac_he_v2"))
    if profile is not None:
        if codec != "libfdk_aac":
            raise business(1000, "audio.audioProfile only applies to codec libfdk_aac.")
        legacy["audio.audioProfile"] = profile
    return {k: v for k, v in audio.items() if v is not None}
