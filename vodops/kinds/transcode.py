"""TranscodeTemplate: the wire and normalization rules of transcode templates. Its spec model is
vodops.resources.transcode."""

from __future__ import annotations

from vodops.normalize import Default, Ignored, OffWhen, Rule, Whole, defaults, pattern, toggles
from vodops.resources import TRANSCODE
from vodops.resources.kind import Kind, Wire, template_name

AUDIO_ONLY_CONTAINERS = frozenset({"mp3", "flac", "ogg", "m4a", "wav"})  # the spec model's rules use it too

# Normalization: each entry is a fact from reference/vod-api-2018-07-17.md (§2, §9).
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
RULES: tuple[Rule, ...] = (
    # A removed stream's settings are shown zeroed, never null (api.json); the API ignores them.
    Ignored(pattern("videoTemplate"), when=("removeVideo", _REMOVED)),
    Ignored(pattern("videoTemplate"), when=("container", AUDIO_ONLY_CONTAINERS)),
    Ignored(pattern("audioTemplate"), when=("removeAudio", _REMOVED)),
    Default(pattern("removeVideo"), 1, when=("container", AUDIO_ONLY_CONTAINERS)),
    *defaults("", {"removeVideo": 0, "removeAudio": 0, "segmentType": "ts", "stdExtInfo": ""}),
    *defaults("videoTemplate.", _VIDEO),
    *defaults("audioTemplate.", {"audioChannel": 2}),
    Default(pattern("tehdConfig.maxVideoBitrate"), 0),
    OffWhen(pattern("tehdConfig"), "type", "OFF"),
    Default(pattern("enhanceConfig.videoEnhance.enhanceScenarioType"), ""),
    *defaults("enhanceConfig.videoEnhance.", _VIDEO_ENHANCE),
    *defaults("enhanceConfig.audioEnhance.", _AUDIO_ENHANCE),
    *toggles("enhanceConfig.videoEnhance.", _VIDEO_TOGGLES),
    *toggles("enhanceConfig.audioEnhance.", ["denoise", "separate", "volumeBalance", "beautify"]),
    Whole(pattern("enhanceConfig.videoEnhance")),
    Whole(pattern("enhanceConfig.audioEnhance")),
)

KIND = Kind(
    TRANSCODE,
    "vodops.resources.transcode:TranscodeTemplateSpec",
    Wire.template(TRANSCODE),
    template_name,
    folder="transcode-templates",
    rules=RULES,
    # The server implies these from others (an audio-only container implies RemoveVideo 1), so a
    # Modify that changes the container must say what the streams are, or it is judged against
    # the old implied values.
    stated_on_update=("removeVideo", "removeAudio"),
    not_spec=frozenset({"Definition", "Name", "Type", "ContainerType", "CreateTime", "UpdateTime"}),
    quota=100,  # custom templates per sub-application (reference §8)
    export_prefix="transcode",
)  # fmt: skip
