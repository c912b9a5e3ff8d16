"""Transcode templates: the Create/Modify/Describe/Delete requests and the stored template.

`TEMPLATE` is a template as stored (Create's body without SubAppId). Create validates against it,
and Modify validates its merged result against it, so both answer with the same rules.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from ..checks import ON_OFF, between, one_of
from ..faults import ApiFault, missing_parameter
from ..schema import NO_DEFAULT, Field, Params, Struct, array, int64, obj, string, uint64
from .common import COMMENT, DEFINITIONS, LIMIT, NAME, OFFSET, definition, request
from .enhance import ENHANCE, ENHANCE_FOR_UPDATE, SCENARIOS

CONTAINERS = ("mp4", "flv", "hls", "mp3", "flac", "ogg", "m4a", "wav")
AUDIO_ONLY = frozenset({"mp3", "flac", "ogg", "m4a", "wav"})
VIDEO_CODECS = ("libx264", "libx265", "av1", "H.266")
MP4_ONLY_CODECS = frozenset({"av1", "H.266"})
AUDIO_CODECS_BY_CONTAINER = {
    "mp4": ("libfdk_aac", "libmp3lame", "mp2"),
    "flv": ("libfdk_aac", "libmp3lame", "mp2"),
    "hls": ("libfdk_aac",),
    "mp3": ("libmp3lame",),
    "flac": ("flac",),
    "ogg": ("flac",),
    "m4a": ("libfdk_aac", "libmp3lame", "ac3"),
    "wav": ("pcm16",),
}
AUDIO_CODECS = ("libfdk_aac", "libmp3lame", "ac3", "mp2", "flac", "pcm16")
NO_SURROUND = frozenset({"flac", "ogg", "mp3", "m4a"})
_CODE = "InvalidParameterValue."


def _default(update: bool, value: Any) -> Any:
    """The default the server fills in for a create struct; ForUpdate structs fill nothing."""
    return NO_DEFAULT if update else value


def _video_fields(update: bool) -> tuple[Field, ...]:
    d, required = partial(_default, update), not update
    return (
        string("Codec", one_of(*VIDEO_CODECS), required=required, code=_CODE + "VideoCodec"),
        uint64("Fps", between(0, 100), required=required, code=_CODE + "Fps"),
        uint64("Bitrate", between(128, 100000, or_zero=True), required=required, code=_CODE + "VideoBitrate"),
        string(
            "ResolutionAdaptive",
            one_of("open", "close"),
            code=_CODE + "ResolutionAdaptive",
            default=d("open"),
        ),
        uint64("Width", between(128, 8192, or_zero=True), code=_CODE + "Width", default=d(0)),
        uint64("Height", between(128, 8192, or_zero=True), code=_CODE + "Height", default=d(0)),
        string(
            "FillType",
            one_of("stretch", "black", "white", "gauss"),
            code=_CODE + "FillType",
            default=d("black"),
        ),
        # ForUpdate takes Vcrf 0 to mean "turn CRF off"; a stored template simply lacks Vcrf.
        uint64("Vcrf", between(0 if update else 1, 51), code=_CODE + "Vcrf", default=d(0)),
        uint64("Gop", between(1, 100000, or_zero=True), default=d(0)),
        string("GopUnit", one_of("frame", "second"), default=d("frame")),
        string("PreserveHDRSwitch", ON_OFF, default=d("OFF")),
        string("CodecTag", one_of("hvc1", "hev1"), default=d("hvc1")),
        string("Mode", one_of("VBR", "ABR", "CBR", "VCRF"), default=d("VBR")),
        # Absent means "auto", always shown as -1, which ForUpdate takes to go back to auto.
        int64("Bframes", between(-1 if update else 0, 16), default=d(-1)),
        int64("HlsTime", between(0, 10), default=d(0)),
        string("VideoProfile", one_of("baseline", "main", "high", "default"), default=d("default")),
    )


def _audio_fields(update: bool) -> tuple[Field, ...]:
    d, required = partial(_default, update), not update
    fields = (
        string("Codec", one_of(*AUDIO_CODECS), required=required, code=_CODE + "AudioCodec"),
        uint64("Bitrate", between(26, 256, or_zero=True), required=required, code=_CODE + "AudioBitrate"),
        uint64(
            "SampleRate",
            one_of(16000, 32000, 44100, 48000),
            required=required,
            code=_CODE + "AudioSampleRate",
        ),
        int64("AudioChannel", one_of(0, 1, 2, 6), code=_CODE + "AudioChannel", default=d(2)),
    )
    return (*fields, array("StreamSelects", "int")) if update else fields


def _tehd_fields(update: bool) -> tuple[Field, ...]:
    d = partial(_default, update)
    return (
        string("Type", one_of("TEHD-100", "OFF"), required=not update, code=_CODE + "TEHDType"),
        uint64("MaxVideoBitrate", default=d(0)),
    )


VIDEO = Struct("VideoTemplateInfo", _video_fields(False))
AUDIO = Struct("AudioTemplateInfo", _audio_fields(False))
TEHD = Struct("TEHDConfig", _tehd_fields(False))
VIDEO_FOR_UPDATE = Struct("VideoTemplateInfoForUpdate", _video_fields(True))
AUDIO_FOR_UPDATE = Struct("AudioTemplateInfoForUpdate", _audio_fields(True))
TEHD_FOR_UPDATE = Struct("TEHDConfigForUpdate", _tehd_fields(True))


def removes(template: Params, stream: str) -> bool:
    """Whether the template carries no `stream` ("Video" or "Audio") at all."""
    if stream == "Video" and template.get("Container") in AUDIO_ONLY:
        return True
    return bool(template.get(f"Remove{stream}", 0) == 1)


def _streams_present(template: Params, path: str) -> None:
    for stream in ("Video", "Audio"):
        if not removes(template, stream) and f"{stream}Template" not in template:
            raise missing_parameter(f"{stream}Template")
    if removes(template, "Video") and removes(template, "Audio"):
        raise ApiFault(_CODE + "RemoveAudio", "A template cannot remove both video and audio.")


def _audio_only_container(template: Params, path: str) -> None:
    container = template.get("Container")
    if container in AUDIO_ONLY and "VideoTemplate" in template and template.get("RemoveVideo") != 1:
        raise ApiFault(
            _CODE + "Container",
            f"Container {container} is audio-only and cannot carry a video stream; "
            "omit VideoTemplate or set RemoveVideo to 1.",
        )


def _video_rules(template: Params, path: str) -> None:
    video = template.get("VideoTemplate")
    if video is None or removes(template, "Video"):
        return
    codec, container = video.get("Codec"), template.get("Container")
    if codec in MP4_ONLY_CODECS and container != "mp4":
        raise ApiFault(_CODE + "VideoCodec", f"Codec {codec} is only supported in mp4, not {container}.")
    if codec == "H.266" and not video.get("Vcrf"):
        raise ApiFault(_CODE + "Vcrf", "Codec H.266 supports only CRF: VideoTemplate.Vcrf is required.")


def _audio_rules(template: Params, path: str) -> None:
    audio, container = template.get("AudioTemplate"), str(template.get("Container"))
    if audio is None or removes(template, "Audio"):
        return
    allowed = AUDIO_CODECS_BY_CONTAINER.get(container, ())
    if audio.get("Codec") not in allowed:
        raise ApiFault(
            _CODE + "AudioCodec",
            f"Audio codec {audio.get('Codec')} is not allowed in {container}; allowed: {', '.join(allowed)}.",
        )
    if audio.get("SampleRate") == 16000 and audio.get("Codec") != "pcm16":
        raise ApiFault(_CODE + "AudioSampleRate", "SampleRate 16000 is only allowed with pcm16.")
    if audio.get("AudioChannel") == 6 and container in NO_SURROUND:
        raise ApiFault(_CODE + "AudioChannel", f"AudioChannel 6 is not allowed in {container}.")


def _template_fields(update: bool) -> tuple[Field, ...]:
    return (
        string("Container", one_of(*CONTAINERS), required=not update, code=_CODE + "Container"),
        NAME,
        COMMENT,
        int64("RemoveVideo", one_of(0, 1), code=_CODE + "RemoveVideo"),
        int64("RemoveAudio", one_of(0, 1), code=_CODE + "RemoveAudio"),
        obj("VideoTemplate", VIDEO_FOR_UPDATE if update else VIDEO),
        obj("AudioTemplate", AUDIO_FOR_UPDATE if update else AUDIO),
        obj("TEHDConfig", TEHD_FOR_UPDATE if update else TEHD),
        obj("EnhanceConfig", ENHANCE_FOR_UPDATE if update else ENHANCE),
        string("SegmentType", one_of("ts", "fmp4")),
        string("StdExtInfo"),
    )


TEMPLATE = Struct(
    "TranscodeTemplate",
    _template_fields(False),
    (_streams_present, _audio_only_container, _video_rules, _audio_rules),
)

CREATE = request("CreateTranscodeTemplate", *TEMPLATE.fields, rules=TEMPLATE.rules)
MODIFY = request("ModifyTranscodeTemplate", definition(), *_template_fields(True))
DELETE = request("DeleteTranscodeTemplate", definition())
DESCRIBE = request(
    "DescribeTranscodeTemplates",
    DEFINITIONS,
    string("Type", one_of("Preset", "Custom"), code=_CODE + "Type"),
    string("ContainerType", one_of("Video", "PureAudio"), code=_CODE + "ContainerType"),
    string("TEHDType", one_of("Common", "TEHD"), code=_CODE + "TEHDType"),
    OFFSET,
    LIMIT,
    string(
        "EnhanceType",
        one_of(
            "VideoEnhance",
            "AudioEnhance",
            "AudioVideoEnhance",
            "AnyEnhance",
            "None",
        ),
    ),
    string("EnhanceScenarioType", one_of(*SCENARIOS), code=_CODE + "ScenarioType"),
)
