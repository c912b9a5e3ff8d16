"""AdaptiveDynamicStreamingTemplate: an adaptive bitrate (HLS or MPEG-DASH) ladder.

Fields are generated from api.json (vodops/resources/generated/); these are the rules across
them that CreateAdaptiveDynamicStreamingTemplate's documents state in prose. The kind's declaration
is vodops.kinds.adaptive_streaming.
"""

from __future__ import annotations

from collections.abc import Iterator

from vodops.resources.base import Path
from vodops.resources.generated.adaptive_dynamic_streaming_template import (
    AdaptiveDynamicStreamingTemplateFields,
    AdaptiveStreamTemplate,
)

# SegmentType: "ts…" choices are HLS only; DASH takes mp4 (mapped to mp4-mp4-byterange) or that.
_DASH_SEGMENTS = frozenset({"mp4", "mp4-mp4-byterange"})
# DrmType: which formats and segment types each scheme works with, and DrmEncryptType's choices
# for it ("cbcs: Widevine, FairPlay, Widevine+FairPlay; cenc: Widevine").
_DRM_FORMATS = {"FairPlay": ("HLS",), "Widevine": ("HLS", "MPEG-DASH"), "Widevine+FairPlay": ("HLS",)}
_DRM_SEGMENTS = {"HLS": frozenset({"mp4", "mp4-mp4-segment"}), "MPEG-DASH": _DASH_SEGMENTS}
_DRM_ENCRYPTION = {"FairPlay": ("cbcs",), "Widevine": ("cbcs", "cenc"), "Widevine+FairPlay": ("cbcs",)}


class AdaptiveDynamicStreamingTemplateSpec(AdaptiveDynamicStreamingTemplateFields):
    """The spec of CreateAdaptiveDynamicStreamingTemplate, with `problems` across its fields."""

    def problems(self) -> Iterator[tuple[Path, str]]:
        """(path inside the spec, message) for each rule across fields that the types cannot state: each
        rung's streams (as HLS), DASH segment types, and the DRM fields that apply to drmType."""
        for index, stream in enumerate(self.stream_infos):
            for path, message in _stream_problems(stream):
                yield ("streamInfos", index, *path), message
        segment = self.segment_type
        if self.format == "MPEG-DASH" and segment and segment not in _DASH_SEGMENTS:
            yield ("segmentType",), f"{segment} is HLS only; MPEG-DASH takes mp4 or mp4-mp4-byterange"
        yield from self._drm_problems()

    def _drm_problems(self) -> Iterator[tuple[Path, str]]:
        drm = self.drm_type
        if drm is None and self.drm_key_provider is not None:
            yield ("drmKeyProvider",), "only applies with a drmType"
        if drm in (None, "SimpleAES"):
            if self.drm_encrypt_type is not None:
                yield ("drmEncryptType",), "only applies with drmType Widevine, FairPlay or Widevine+FairPlay"
            return
        if self.format not in _DRM_FORMATS[drm]:
            yield ("drmType",), f"{drm} is only available with format HLS"
        allowed = _DRM_SEGMENTS[self.format]
        if self.segment_type is not None and self.segment_type not in allowed:
            choices = " or ".join(sorted(allowed))
            yield ("segmentType",), f"must be {choices} with drmType {drm} and format {self.format}"
        if self.drm_encrypt_type is not None and self.drm_encrypt_type not in _DRM_ENCRYPTION[drm]:
            yield ("drmEncryptType",), f"{self.drm_encrypt_type} is not available with drmType {drm}"


def _stream_problems(stream: AdaptiveStreamTemplate) -> Iterator[tuple[Path, str]]:
    """A rung's video and audio, under the rules of an hls container (AudioTemplateInfo.Codec:
    "when Format is HLS or MPEG-DASH: libfdk_aac"; av1 and H.266 need container mp4)."""
    for path, message in stream.video.problems_in("hls"):
        yield ("video", *path), message.replace("with container mp4", "in transcode templates, container mp4")
    if stream.video.hls_time is not None:
        yield ("video", "hlsTime"), "applies to transcode templates only, not adaptive streaming"
    for path, message in stream.audio.problems_in("hls"):
        yield ("audio", *path), message.replace("container hls", "adaptive streaming")
    if stream.enhance_config:
        for path, message in stream.enhance_config.problems():
            yield ("enhanceConfig", *path), message
    if stream.tehd_config and stream.tehd_config.type == "OFF" and stream.tehd_config.max_video_bitrate:
        yield ("tehdConfig", "maxVideoBitrate"), "only applies when type is TEHD-100"
    if stream.remove_audio == 1 and stream.remove_video == 1:
        yield ("removeAudio",), "a stream cannot remove both video and audio (removeVideo is 1)"
