"""Procedure templates (task flows): the whole MediaProcessTaskInput tree and its neighbours.

Every struct here is echoed with absent lists as [] and absent objects as null, as the API's
examples show; transcode tasks, watermark uses, and the trace and copyright watermarks (shown
filled even when absent) also show absent strings and numbers as "" and 0. Template
Definitions are checked to be ids (integers >= 0), not to exist.
"""

from __future__ import annotations

from ..checks import HEX_COLOR, ON_OFF, between, length, matches, measure, one_of
from ..schema import Field, Struct, array, int64, number, obj, string, uint64
from .common import LIMIT, OFFSET, request
from .transcode import AUDIO_FOR_UPDATE, CONTAINERS, TEHD_FOR_UPDATE, VIDEO_FOR_UPDATE

_CODE = "InvalidParameterValue."
# SubtitleInfoInput.FontType: the 33 fonts api.json lists (hei.ttf is the default).
_FONT_NAMES = [
    "hei", "song", "kai", "simkai", "msyh", "msyhbd", "hkjgt", "dhttx", "xqgdzt", "qpcyt", "arial",
    "dinalternate", "helveticalt", "helveticains", "trajanpro", "korean", "japanese", "thai",
    "roboto", "notosans", "notosansthai", "sarabun", "kanit", "charmonman", "notonaskharabic",
    "notosansdevanagari", "notosanstc", "notosanskr", "gothica1", "nanummyeongjo", "notosansjp",
    "notoserifjp", "shipporimincho",
]  # fmt: skip
FONTS = tuple(f"{font}.ttf" for font in _FONT_NAMES)
_POSITION = measure({"%": (0, 100), "px": (0, 8192)})
_PLACE = measure({"%": (0, 100), "px": (0, 4096)})
_STROKE = measure({"%": (0, 100), "px": (0, 1000)})
_ALPHA = between(0, 1, open_low=True)
_BLACK = "0x000000"


def _definition() -> Field:
    return uint64("Definition", required=True)


def _task(name: str, *fields: Field, scalars: bool = False) -> Struct:
    return Struct(name, (_definition(), *fields), zero_fill=True, zero_scalars=scalars)


def _watermarks() -> Field:
    return array("WatermarkSet", WATERMARK, max_items=10)


def _subtitles() -> Field:
    return array("SubtitleInfoSet", SUBTITLE, max_items=2)


def _marks() -> tuple[Field, ...]:
    """The trace, copyright and blind watermarks of transcode and adaptive-streaming tasks."""
    return (
        obj("TraceWatermark", TRACE, inline=True),
        obj("CopyRightWatermark", COPYRIGHT, inline=True),
        obj("BlindWatermark", _task("BlindWatermarkInput")),
    )


WATERMARK = _task(
    "WatermarkInput",
    string("TextContent", length(0, 100)),
    string("SvgContent", length(0, 2_000_000)),
    number("StartTimeOffset"),
    number("EndTimeOffset"),
    scalars=True,
)
TRACE = Struct(
    "TraceWatermarkInput",
    (
        # The doc says "this field is required" but api.json's flag says optional; the flag wins.
        string("Switch", ON_OFF),
        uint64("Definition", echo=False),  # disabled: "do not use"; always shown as 0
    ),
    zero_fill=True,
    zero_scalars=True,
)
COPYRIGHT = Struct(
    "CopyRightWatermarkInput",
    (string("Text", length(0, 200), required=True),),
    zero_fill=True,
    zero_scalars=True,
)
# Every member is always shown, with the defaults api.json documents.
MOSAIC = Struct(
    "MosaicInput",
    (
        string("CoordinateOrigin", one_of("TopLeft"), default="TopLeft"),
        string("XPos", _POSITION, default="0px"),
        string("YPos", _POSITION, default="0px"),
        string("Width", _POSITION, default="10%"),
        string("Height", _POSITION, default="10%"),
        number("StartTimeOffset"),
        number("EndTimeOffset"),
    ),
    zero_fill=True,
    zero_scalars=True,
)
# Not zero-filled: an absent member means "keep the transcode template's own value".
OVERRIDE = Struct(
    "OverrideTranscodeParameter",
    (
        string("Container", one_of(*CONTAINERS), code=_CODE + "Container"),
        uint64("RemoveVideo", one_of(0, 1), code=_CODE + "RemoveVideo"),
        uint64("RemoveAudio", one_of(0, 1), code=_CODE + "RemoveAudio"),
        obj("VideoTemplate", VIDEO_FOR_UPDATE),
        obj("AudioTemplate", AUDIO_FOR_UPDATE),
        obj("TEHDConfig", TEHD_FOR_UPDATE),
        string("StdExtInfo"),
    ),
)
# Shown with the defaults api.json documents; a size or place with no default (it depends on the
# video) is shown as "". LineSpacing's documented default "0" is shown as "0px", a valid value.
SUBTITLE = Struct(
    "SubtitleInfoInput",
    (
        string("Id", required=True),
        int64("StreamIndex", between(0, 2**63 - 1), always_shown=False),
        string("FontType", one_of(*FONTS), default="hei.ttf"),
        string("FontSize", measure({"%": (0, 100), "px": (0, 4096)}, positive=True)),
        string("FontColor", HEX_COLOR, default="0xFFFFFF"),
        number("FontAlpha", _ALPHA, default=1),
        string("YPos", _PLACE),
        string("BoardY", _PLACE),
        string("BoardWidth", _PLACE),
        string("BoardHeight", _PLACE),
        string("BoardColor", HEX_COLOR, default=_BLACK),
        number("BoardAlpha", between(0, 1), default=0.8),
        string("Alignment", one_of("top", "bottom"), default="bottom"),
        string("OutlineWidth", _STROKE),
        string("OutlineColor", HEX_COLOR, default=_BLACK),
        number("OutlineAlpha", _ALPHA, default=1),
        string("ShadowWidth", _STROKE),
        string("ShadowColor", HEX_COLOR, default=_BLACK),
        number("ShadowAlpha", _ALPHA, default=1),
        string("LineSpacing", _STROKE, default="0px"),
    ),
    zero_fill=True,
    zero_scalars=True,
)
DRM = Struct(
    "ThirdPartyDrmInfo",
    (
        array("DrmTypes", "str", one_of("FairPlay", "Widevine", "PlayReady"), required=True),
        obj(
            "SPEKEDrm",
            Struct(
                "SPEKEDrm",
                (
                    string(
                        "ResourceId",
                        matches(r"[A-Za-z0-9_-]{1,128}", "1 to 128 letters, digits, _ or -"),
                        required=True,
                    ),
                    string("KeyServerUrl", required=True),
                    string("Vector", matches(r"[0-9A-Fa-f]{32}", "32 hexadecimal digits"), required=True),
                    string("EncryptionMethod", one_of("cbcs", "cenc")),
                    string("EncryptionPreset", one_of("preset0", "preset1")),
                    string("KeyAcquireMode", one_of("POST", "GET")),
                ),
                zero_fill=True,
            ),
        ),
    ),
    zero_fill=True,
)

MEDIA_PROCESS = Struct(
    "MediaProcessTaskInput",
    (
        array(
            "TranscodeTaskSet",
            _task(
                "TranscodeTaskInput",
                _watermarks(),
                *_marks(),
                array("MosaicSet", MOSAIC, max_items=10),
                # HeadTailTaskInput.Definition is int64 in the spec; as an id it must still be >= 0.
                array(
                    "HeadTailSet",
                    Struct(
                        "HeadTailTaskInput",
                        (int64("Definition", between(0, 2**63 - 1), required=True),),
                        zero_fill=True,
                    ),
                    max_items=10,
                ),
                number("StartTimeOffset"),
                number("EndTimeOffset"),
                obj("OverrideParameter", OVERRIDE),
                _subtitles(),
                scalars=True,
            ),
        ),
        array(
            "AnimatedGraphicTaskSet",
            _task(
                "AnimatedGraphicTaskInput",
                number("StartTimeOffset", required=True),
                number("EndTimeOffset", required=True),
            ),
        ),
        array(
            "SnapshotByTimeOffsetTaskSet",
            _task(
                "SnapshotByTimeOffsetTaskInput",
                array(
                    "ExtTimeOffsetSet", "str", matches(r"-?\d+(\.\d+)?(s|%)", "a time such as 3.5s or 10%")
                ),
                array("TimeOffsetSet", "float"),
                _watermarks(),
            ),
        ),
        array("SampleSnapshotTaskSet", _task("SampleSnapshotTaskInput", _watermarks())),
        array("ImageSpriteTaskSet", _task("ImageSpriteTaskInput")),
        array(
            "CoverBySnapshotTaskSet",
            _task(
                "CoverBySnapshotTaskInput",
                string("PositionType", one_of("Time", "Percent"), required=True),
                number("PositionValue", required=True),
                _watermarks(),
            ),
        ),
        array(
            "AdaptiveDynamicStreamingTaskSet",
            _task(
                "AdaptiveDynamicStreamingTaskInput",
                _watermarks(),
                *_marks(),
                array("SubtitleSet", "str", max_items=16),
                _subtitles(),
                obj("DrmInfo", DRM),
            ),
        ),
    ),
    zero_fill=True,
)

# A procedure's content: what Create and Reset send and Describe echoes (after Name and Type).
BODY = Struct(
    "ProcedureTemplate",
    (
        string("Comment", length(0, 256)),
        obj("MediaProcessTask", MEDIA_PROCESS),
        obj("AiContentReviewTask", _task("AiContentReviewTaskInput")),
        obj("AiAnalysisTask", _task("AiAnalysisTaskInput")),
        array("AiRecognitionTaskSet", _task("AiRecognitionTaskInput")),
        # Superseded by AiRecognitionTaskSet but still accepted and shown, as the `default`
        # procedure's example shows it ({"Definition": 70}).
        obj("AiRecognitionTask", _task("AiRecognitionTaskInput")),
        obj(
            "ReviewAudioVideoTask",
            _task(
                "ProcedureReviewAudioVideoTaskInput",
                array("ReviewContents", "str", one_of("Media", "Cover")),
            ),
        ),
        array(
            "ImportMediaKnowledgeTaskSet",
            _task(
                "ImportMediaKnowledgeTaskInput",
                array("KnowledgeBaseIds", "str"),
            ),
            always_shown=False,  # not marked always returned; the `default` example leaves it out
        ),
    ),
    zero_fill=True,
    zero_scalars=True,
)

_NAME = string("Name", required=True)
CREATE = request(
    "CreateProcedureTemplate",
    string("Name", length(1, 20), required=True, code=_CODE + "ProcedureName"),
    *BODY.fields,
)
RESET = request("ResetProcedureTemplate", _NAME, *BODY.fields)
DELETE = request("DeleteProcedureTemplate", _NAME)
SORT_BY = Struct(
    "SortBy",
    (
        string("Field", one_of("CreateTime", "create_time"), required=True, code=_CODE + "Sort"),
        string("Order", one_of("Asc", "Desc", "asc", "desc"), required=True, code=_CODE + "Sort"),
    ),
)
DESCRIBE = request(
    "DescribeProcedureTemplates",
    array("Names", "str", max_items=100, code=_CODE + "Names"),
    string("Type", one_of("Preset", "Custom"), code=_CODE + "Type"),
    OFFSET,
    LIMIT,
    array("SortBy", SORT_BY),
)
