"""Per-kind normalization tables: the API's documented defaults and the server's spellings.

Each entry is a fact from reference/vod-api-2018-07-17.md (§2.1, §3.1, §5.1, §9). Adding a
field the server fills in is one line here, never an `if` in the diff.
"""

from __future__ import annotations

from collections.abc import Mapping

from vodops.normalize import Default, Ignored, OffWhen, Rule, Spelling, Whole, pattern
from vodops.resources import MEDIA_CLASS, PROCEDURE, TRANSCODE, WATERMARK
from vodops.resources.fields import AUDIO_ONLY_CONTAINERS


def _defaults(prefix: str, values: Mapping[str, object]) -> list[Rule]:
    return [Default(pattern(f"{prefix}{field}"), value) for field, value in values.items()]


def _toggles(prefix: str, names: list[str]) -> list[Rule]:
    return [OffWhen(pattern(f"{prefix}{name}"), "switch", "OFF") for name in names]


_VIDEO = {
    "resolutionAdaptive": "open", "width": 0, "height": 0, "fillType": "black", "vcrf": 0,
    "gop": 0, "gopUnit": "frame", "preserveHDRSwitch": "OFF", "codecTag": "hvc1", "mode": "VBR",
    "hlsTime": 0, "videoProfile": "default", "bframes": -1,
}  # fmt: skip
_VIDEO_ENHANCE = {
    "superResolution.type": "lq", "superResolution.size": 2, "denoise.type": "weak",
    "imageQualityEnhance.type": "weak", "colorEnhance.type": "weak", "lowLightEnhance.type": "normal",
    "scratchRepair.intensity": 0.0, "scratchRepair.type": "normal", "artifactRepair.type": "weak",
    "diffusionEnhance.type": "normal", "frameRateWithDen.fpsNum": 0, "frameRateWithDen.fpsDen": 1,
}  # fmt: skip
_VIDEO_TOGGLES = [
    "superResolution", "hdr", "denoise", "imageQualityEnhance", "colorEnhance", "lowLightEnhance",
    "scratchRepair", "artifactRepair", "diffusionEnhance", "frameRateWithDen",
]  # fmt: skip
_AUDIO_ENHANCE = {
    "denoise.type": "normal", "separate.type": "normal", "separate.track": "vocal",
    "volumeBalance.type": "loudNorm", "beautify.types": ["declick"],
}  # fmt: skip

_REMOVED = frozenset({1})
TRANSCODE_RULES: tuple[Rule, ...] = (
    # A removed stream's settings are shown zeroed, never null (api.json); the API ignores them.
    Ignored(pattern("videoTemplate"), when=("removeVideo", _REMOVED)),
    Ignored(pattern("videoTemplate"), when=("container", AUDIO_ONLY_CONTAINERS)),
    Ignored(pattern("audioTemplate"), when=("removeAudio", _REMOVED)),
    Default(pattern("removeVideo"), 1, when=("container", AUDIO_ONLY_CONTAINERS)),
    *_defaults("", {"removeVideo": 0, "removeAudio": 0, "segmentType": "ts", "stdExtInfo": ""}),
    *_defaults("videoTemplate.", _VIDEO),
    *_defaults("audioTemplate.", {"audioChannel": 2}),
    Default(pattern("tehdConfig.maxVideoBitrate"), 0),
    OffWhen(pattern("tehdConfig"), "type", "OFF"),
    Default(pattern("enhanceConfig.videoEnhance.enhanceScenarioType"), ""),
    *_defaults("enhanceConfig.videoEnhance.", _VIDEO_ENHANCE),
    *_defaults("enhanceConfig.audioEnhance.", _AUDIO_ENHANCE),
    *_toggles("enhanceConfig.videoEnhance.", _VIDEO_TOGGLES),
    *_toggles("enhanceConfig.audioEnhance.", ["denoise", "separate", "volumeBalance", "beautify"]),
    Whole(pattern("enhanceConfig.videoEnhance")),
    Whole(pattern("enhanceConfig.audioEnhance")),
)

_ORIGINS = ("TopLeft", "TopRight", "BottomLeft", "BottomRight")
WATERMARK_RULES: tuple[Rule, ...] = (
    Spelling(pattern("coordinateOrigin"), {o[0].lower() + o[1:]: o for o in _ORIGINS}),
    *_defaults("", {"coordinateOrigin": "TopLeft", "xPos": "0px", "yPos": "0px"}),
    *_defaults(
        "imageTemplate.",
        {"width": "10%", "height": "0px", "repeatType": "repeat", "transparency": 0},
    ),
    *_defaults("textTemplate.", {"fontColor": "0xFFFFFF", "fontAlpha": 1}),
    *_defaults("svgTemplate.", {"width": "10W%", "height": "0px"}),
)

_WATERMARK_USE = {"startTimeOffset": 0, "endTimeOffset": 0}
_MOSAIC = {
    "coordinateOrigin": "TopLeft", "xPos": "0px", "yPos": "0px", "width": "10%", "height": "10%",
    "startTimeOffset": 0, "endTimeOffset": 0,
}  # fmt: skip
_BLACK = "0x000000"
_SUBTITLE = {
    "fontType": "hei.ttf", "fontColor": "0xFFFFFF", "fontAlpha": 1, "boardColor": _BLACK,
    "boardAlpha": 0.8, "alignment": "bottom", "outlineColor": _BLACK, "outlineAlpha": 1,
    "shadowColor": _BLACK, "shadowAlpha": 1, "lineSpacing": "0px",
}  # fmt: skip
PROCEDURE_RULES: tuple[Rule, ...] = (
    *_defaults("mediaProcessTask.*.*.", {"startTimeOffset": 0, "endTimeOffset": 0}),
    *_defaults("mediaProcessTask.*.*.watermarkSet.*.", _WATERMARK_USE),
    *_defaults("mediaProcessTask.*.*.traceWatermark.", {"definition": 0}),
    OffWhen(pattern("mediaProcessTask.*.*.traceWatermark"), "switch", "OFF"),
    *_defaults("mediaProcessTask.transcodeTaskSet.*.mosaicSet.*.", _MOSAIC),
    *_defaults("mediaProcessTask.*.*.subtitleInfoSet.*.", _SUBTITLE),
    Default(pattern("reviewAudioVideoTask.reviewContents"), ["Media"]),
)

# Fields an update always states, even when the manifest leaves them out: the server can imply
# them from others (an audio-only container implies RemoveVideo 1), so a Modify that changes the
# container must say what the streams are, or it is judged against the old implied values.
STATED_ON_UPDATE: dict[str, tuple[str, ...]] = {TRANSCODE: ("removeVideo", "removeAudio")}

RULES: dict[str, tuple[Rule, ...]] = {
    TRANSCODE: TRANSCODE_RULES,
    WATERMARK: WATERMARK_RULES,
    PROCEDURE: PROCEDURE_RULES,
    MEDIA_CLASS: (),
}
