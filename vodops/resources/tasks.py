"""The task inputs a procedure (task flow) is made of: MediaProcessTaskInput and its parts."""

# No `from __future__ import annotations` here: pydantic would compile each field's annotation
# string when the models are made, at start-up (benchmarks/startup.py).

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field

from vodops.resources.base import Path, RefTo, Spec
from vodops.resources.fields import (
    Color,
    Flag,
    Length,
    Opacity,
    Pattern,
    Position,
    Range,
    Seconds,
    Switch,
    Unit,
)
from vodops.resources.transcode import AudioStreamOverride, TEHDOverride, VideoStreamOverride

TemplateId = Annotated[int, Range(0), Field(description="a template Definition (id)")]
_IdOrName = Annotated[int, Range(0)] | Annotated[str, Field(min_length=1)]


def _declared(kind: str) -> str:
    return f"a declared {kind} name, or the id of a preset or unmanaged template"


# Every Definition a procedure takes of a kind vodops manages (reference §5: which kind each is).
TranscodeRef = Annotated[
    _IdOrName, RefTo("TranscodeTemplate"), Field(description=_declared("TranscodeTemplate"))
]
WatermarkRef = Annotated[
    _IdOrName,
    RefTo("WatermarkTemplate"),
    Field(description="a declared WatermarkTemplate name, or the id of an unmanaged template"),
]
AdaptiveRef = Annotated[
    _IdOrName,
    RefTo("AdaptiveDynamicStreamingTemplate"),
    Field(description=_declared("AdaptiveDynamicStreamingTemplate")),
]
SnapshotRef = Annotated[
    _IdOrName,
    RefTo("SnapshotByTimeOffsetTemplate"),
    Field(description=_declared("SnapshotByTimeOffsetTemplate")),
]
SampleRef = Annotated[
    _IdOrName, RefTo("SampleSnapshotTemplate"), Field(description=_declared("SampleSnapshotTemplate"))
]
SpriteRef = Annotated[
    _IdOrName, RefTo("ImageSpriteTemplate"), Field(description=_declared("ImageSpriteTemplate"))
]
AnimatedRef = Annotated[
    _IdOrName, RefTo("AnimatedGraphicsTemplate"), Field(description=_declared("AnimatedGraphicsTemplate"))
]
HeadTailRef = Annotated[
    _IdOrName, RefTo("HeadTailTemplate"), Field(description=_declared("HeadTailTemplate"))
]
ContentReviewRef = Annotated[
    _IdOrName, RefTo("ContentReviewTemplate"), Field(description=_declared("ContentReviewTemplate"))
]
ReviewRef = Annotated[_IdOrName, RefTo("ReviewTemplate"), Field(description=_declared("ReviewTemplate"))]
RecognitionRef = Annotated[
    _IdOrName, RefTo("AIRecognitionTemplate"), Field(description=_declared("AIRecognitionTemplate"))
]
AnalysisRef = Annotated[
    _IdOrName, RefTo("AIAnalysisTemplate"), Field(description=_declared("AIAnalysisTemplate"))
]
# SubtitleInfoInput's lengths: sizes and places up to 4096px, strokes up to 1000px (api.json).
_UNITS = ("px", "%")
SubtitleFontSize = Annotated[str, Length(_UNITS, (("px", 0, 4096), ("%", 0, 100)), positive=True)]
SubtitlePlace = Annotated[str, Length(_UNITS, (("px", 0, 4096), ("%", 0, 100)))]
SubtitleStroke = Annotated[str, Length(_UNITS, (("px", 0, 1000), ("%", 0, 100)))]


class WatermarkUse(Spec):
    """WatermarkInput: a watermark template applied by a task."""

    definition: WatermarkRef
    text_content: Annotated[str, Field(max_length=100)] | None = None
    svg_content: Annotated[str, Field(max_length=2_000_000)] | None = None
    start_time_offset: Seconds | None = None
    end_time_offset: Seconds | None = None


Watermarks = Annotated[list[WatermarkUse], Field(max_length=10)]


class TraceWatermark(Spec):
    """TraceWatermarkInput: a trace watermark, ON or OFF."""

    switch: Switch


class CopyRightWatermark(Spec):
    """CopyRightWatermarkInput: copyright text, at most 200 characters."""

    text: Annotated[str, Field(max_length=200)]


class TemplateRef(Spec):
    """BlindWatermarkInput: a template by its numeric id (Definition)."""

    definition: TemplateId


class HeadTailUse(Spec):
    """HeadTailTaskInput: a declared head/tail template, by name."""

    definition: HeadTailRef


class SpriteUse(Spec):
    """ImageSpriteTaskInput: a declared image sprite template, by name."""

    definition: SpriteRef


class Mosaic(Spec):
    """MosaicInput: a blurred rectangle (positions and sizes in px or %) between two times (seconds)."""

    coordinate_origin: Literal["TopLeft"] | None = None
    x_pos: Position | None = None
    y_pos: Position | None = None
    width: Position | None = None
    height: Position | None = None
    start_time_offset: Seconds | None = None
    end_time_offset: Seconds | None = None


FontType = Literal[
    "hei.ttf", "song.ttf", "kai.ttf", "simkai.ttf", "msyh.ttf", "msyhbd.ttf", "hkjgt.ttf",
    "dhttx.ttf", "xqgdzt.ttf", "qpcyt.ttf", "arial.ttf", "dinalternate.ttf", "helveticalt.ttf",
    "helveticains.ttf", "trajanpro.ttf", "korean.ttf", "japanese.ttf", "thai.ttf", "roboto.ttf",
    "notosans.ttf", "notosansthai.ttf", "sarabun.ttf", "kanit.ttf", "charmonman.ttf",
    "notonaskharabic.ttf", "notosansdevanagari.ttf", "notosanstc.ttf", "notosanskr.ttf",
    "gothica1.ttf", "nanummyeongjo.ttf", "notosansjp.ttf", "notoserifjp.ttf", "shipporimincho.ttf",
]  # fmt: skip


class SubtitleInfo(Spec):
    """SubtitleInfoInput: a subtitle burned into the video."""

    id: Annotated[str, Field(min_length=1)]
    stream_index: Annotated[int, Range(0)] | None = None
    font_type: FontType | None = None
    font_size: SubtitleFontSize | None = None
    font_color: Color | None = None
    font_alpha: Opacity | None = None
    y_pos: SubtitlePlace | None = None
    board_y: SubtitlePlace | None = None
    board_width: SubtitlePlace | None = None
    board_height: SubtitlePlace | None = None
    board_color: Color | None = None
    board_alpha: Unit | None = None
    alignment: Literal["top", "bottom"] | None = None
    outline_width: SubtitleStroke | None = None
    outline_color: Color | None = None
    outline_alpha: Opacity | None = None
    shadow_width: SubtitleStroke | None = None
    shadow_color: Color | None = None
    shadow_alpha: Opacity | None = None
    line_spacing: SubtitleStroke | None = None


SUBTITLE_PLACEHOLDER = "SUBTITLE_ID_PLACE_HOLDER"  # burn the source's own subtitle track


def subtitle_problems(subtitles: list[SubtitleInfo] | None) -> Iterator[tuple[Path, str]]:
    """StreamIndex "only takes effect when Id is SUBTITLE_ID_PLACE_HOLDER" (api.json)."""
    for index, subtitle in enumerate(subtitles or []):
        if subtitle.stream_index is not None and subtitle.id != SUBTITLE_PLACEHOLDER:
            yield (index, "streamIndex"), f"only applies when id is {SUBTITLE_PLACEHOLDER}"


Subtitles = Annotated[list[SubtitleInfo], Field(max_length=2)]


class OverrideParameter(Spec):
    """OverrideTranscodeParameter: per-task changes to the referenced transcode template."""

    container: Literal["mp4", "flv", "hls", "mp3", "flac", "ogg", "m4a", "wav"] | None = None
    remove_video: Flag | None = None
    remove_audio: Flag | None = None
    video_template: VideoStreamOverride | None = None
    audio_template: AudioStreamOverride | None = None
    tehd_config: TEHDOverride | None = None
    std_ext_info: str | None = None


class TranscodeTask(Spec):
    """TranscodeTaskInput: a transcode by a declared template, with watermarks, mosaics, heads and tails, a
    time range (seconds), overrides and subtitles."""

    definition: TranscodeRef
    watermark_set: Watermarks | None = None
    trace_watermark: TraceWatermark | None = None
    copy_right_watermark: CopyRightWatermark | None = None
    blind_watermark: TemplateRef | None = None
    mosaic_set: Annotated[list[Mosaic], Field(max_length=10)] | None = None
    head_tail_set: Annotated[list[HeadTailUse], Field(max_length=10)] | None = None
    start_time_offset: Seconds | None = None
    end_time_offset: Seconds | None = None
    override_parameter: OverrideParameter | None = None
    subtitle_info_set: Subtitles | None = None


class AnimatedGraphicTask(Spec):
    """AnimatedGraphicTaskInput: an animated image by a declared template, from startTimeOffset to
    endTimeOffset (seconds)."""

    definition: AnimatedRef
    start_time_offset: Seconds
    end_time_offset: Seconds


class SnapshotByTimeOffsetTask(Spec):
    """SnapshotByTimeOffsetTaskInput: snapshots by a declared template at times (seconds, or ext offsets like
    '10s', '50%')."""

    definition: SnapshotRef
    ext_time_offset_set: list[Annotated[str, Length(("s", "%"))]] | None = None
    time_offset_set: list[float] | None = None
    watermark_set: Watermarks | None = None


class SampleSnapshotTask(Spec):
    """SampleSnapshotTaskInput: sampled snapshots by a declared template."""

    definition: SampleRef
    watermark_set: Watermarks | None = None


class CoverBySnapshotTask(Spec):
    """CoverBySnapshotTaskInput: a cover taken by a declared snapshot template at a time (seconds) or a
    percentage of the video."""

    definition: SnapshotRef
    position_type: Literal["Time", "Percent"]
    position_value: Annotated[float, Range(0)]
    watermark_set: Watermarks | None = None

    def problems(self) -> Iterator[tuple[Path, str]]:
        """(('positionValue',), message) when a Percent position is above 100."""
        if self.position_type == "Percent" and self.position_value > 100:
            yield ("positionValue",), "is a percentage of the video when positionType is Percent: 0 to 100"


class SpekeDrm(Spec):
    """SPEKEDrm: the SPEKE key server a DRM stream takes its keys from."""

    resource_id: Annotated[str, Pattern(r"^[A-Za-z0-9_-]{1,128}$", "1 to 128 letters, digits, '_' or '-'")]
    key_server_url: Annotated[str, Field(min_length=1)]
    vector: Annotated[str, Pattern(r"^[0-9A-Fa-f]{32}$", "32 hexadecimal digits")]
    encryption_method: Literal["cbcs", "cenc"] | None = None
    encryption_preset: Literal["preset0", "preset1"] | None = None
    key_acquire_mode: Literal["POST", "GET"] | None = None


class DrmInfo(Spec):
    """ThirdPartyDrmInfo: the DRM types of an adaptive stream, and its SPEKE key server."""

    drm_types: Annotated[list[Literal["FairPlay", "Widevine", "PlayReady"]], Field(min_length=1)]
    speke_drm: SpekeDrm | None = None


class AdaptiveDynamicStreamingTask(Spec):
    """AdaptiveDynamicStreamingTaskInput: adaptive streaming by a declared template, with watermarks,
    subtitles and DRM."""

    definition: AdaptiveRef
    watermark_set: Watermarks | None = None
    trace_watermark: TraceWatermark | None = None
    copy_right_watermark: CopyRightWatermark | None = None
    blind_watermark: TemplateRef | None = None
    subtitle_set: Annotated[list[str], Field(max_length=16)] | None = None
    subtitle_info_set: Subtitles | None = None
    drm_info: DrmInfo | None = None


class MediaProcessTask(Spec):
    """MediaProcessTaskInput; `problems` holds the rules across its tasks' fields."""

    transcode_task_set: list[TranscodeTask] | None = None
    animated_graphic_task_set: list[AnimatedGraphicTask] | None = None
    snapshot_by_time_offset_task_set: list[SnapshotByTimeOffsetTask] | None = None
    sample_snapshot_task_set: list[SampleSnapshotTask] | None = None
    image_sprite_task_set: list[SpriteUse] | None = None
    cover_by_snapshot_task_set: list[CoverBySnapshotTask] | None = None
    adaptive_dynamic_streaming_task_set: list[AdaptiveDynamicStreamingTask] | None = None

    def problems(self) -> Iterator[tuple[Path, str]]:
        """(path inside the spec, message) for each rule across fields that the types cannot state: subtitle
        stream indexes, and covers' Percent positions."""
        subtitled = [
            *(
                ("transcodeTaskSet", i, t.subtitle_info_set)
                for i, t in enumerate(self.transcode_task_set or [])
            ),
            *(
                ("adaptiveDynamicStreamingTaskSet", i, t.subtitle_info_set)
                for i, t in enumerate(self.adaptive_dynamic_streaming_task_set or [])
            ),
        ]
        for name, index, subtitles in subtitled:
            for path, message in subtitle_problems(subtitles):
                yield (name, index, "subtitleInfoSet", *path), message
        for index, cover in enumerate(self.cover_by_snapshot_task_set or []):
            for path, message in cover.problems():
                yield ("coverBySnapshotTaskSet", index, *path), message
