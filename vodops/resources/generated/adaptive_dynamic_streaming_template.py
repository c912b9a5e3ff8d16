"""CreateAdaptiveDynamicStreamingTemplate's fields, generated from tccli's api.json.

Do not edit: run `python -m vodops.specgen` (tests/test_specgen.py fails when this is
stale). Rules across fields and references are hand-written in the kind's own module.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from vodops.resources.base import Spec
from vodops.resources.enhance import EnhanceConfig
from vodops.resources.fields import Flag, Range
from vodops.resources.transcode import AudioStream, TEHDConfig, VideoStream


class AdaptiveStreamTemplate(Spec):
    """AdaptiveStreamTemplate (api.json)."""

    video: VideoStream
    audio: AudioStream
    remove_audio: Flag | None = None
    remove_video: Flag | None = None
    tehd_config: TEHDConfig | None = None
    enhance_config: EnhanceConfig | None = None
    std_ext_info: str | None = None


class AdaptiveDynamicStreamingTemplateFields(Spec):
    """CreateAdaptiveDynamicStreamingTemplate (api.json)."""

    format: Literal["HLS", "MPEG-DASH"]
    stream_infos: Annotated[list[AdaptiveStreamTemplate], Field(max_length=10)]
    drm_type: Literal["SimpleAES", "Widevine", "FairPlay", "Widevine+FairPlay"] | None = None
    drm_key_provider: Literal["SDMC", "VOD"] | None = None
    drm_encrypt_type: Literal["cbcs", "cenc"] | None = None
    disable_higher_video_bitrate: Flag | None = None
    disable_higher_video_resolution: Flag | None = None
    comment: str | None = None
    segment_type: (
        Literal[
        "ts",
        "mp4",
        "ts-segment",
        "ts-byterange",
        "mp4-segment",
        "mp4-byterange",
        "ts-packed-audio",
        "mp4-packed-audio",
        "ts-ts-segment",
        "ts-ts-byterange",
        "mp4-mp4-segment",
        "mp4-mp4-byterange",
        "ts-packed-audio-byterange",
        "mp4-packed-audio-byterange",
    ]
        | None
    ) = None
    segment_duration: Annotated[int, Range(1, 10, "s")] | None = None
