"""TranscodeTemplate's spec: CreateTranscodeTemplate's, and the stream overrides procedures use;
its declaration is vodops.kinds.transcode."""

# No `from __future__ import annotations` here: pydantic would compile each field's annotation
# string when the models are made, at start-up (benchmarks/startup.py).

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field

from vodops.kinds.transcode import AUDIO_ONLY_CONTAINERS
from vodops.resources.base import Path, Spec
from vodops.resources.enhance import EnhanceConfig
from vodops.resources.fields import Container, Flag, Numbers, Range, Switch

VideoCodec = Literal["libx264", "libx265", "av1", "H.266"]
AudioCodec = Literal["libfdk_aac", "libmp3lame", "mp2", "flac", "ac3", "pcm16"]
SampleRate = Annotated[Literal[16000, 32000, 44100, 48000], Numbers((16000, 32000, 44100, 48000))]
AudioChannel = Annotated[Literal[0, 1, 2, 6], Numbers((0, 1, 2, 6))]
Fps = Annotated[int, Range(0, 100, "fps")]
VideoBitrate = Annotated[int, Range(128, 100000, "kbps", zero=True)]
Pixels = Annotated[int, Range(128, 8192, "px", zero=True)]
Gop = Annotated[int, Range(1, 100000, "frames or seconds, as gopUnit says", zero=True)]
AudioBitrate = Annotated[int, Range(26, 256, "kbps", zero=True)]

AUDIO_CODECS: dict[str, frozenset[str]] = {
    "mp3": frozenset({"libmp3lame"}),
    "ogg": frozenset({"flac"}),
    "flac": frozenset({"flac"}),
    "m4a": frozenset({"libfdk_aac", "libmp3lame", "ac3"}),
    "mp4": frozenset({"libfdk_aac", "libmp3lame", "mp2"}),
    "flv": frozenset({"libfdk_aac", "libmp3lame", "mp2"}),
    "hls": frozenset({"libfdk_aac"}),
    "wav": frozenset({"pcm16"}),
}


class _VideoFields(Spec):
    resolution_adaptive: Literal["open", "close"] | None = None
    width: Pixels | None = None
    height: Pixels | None = None
    fill_type: Literal["stretch", "black", "white", "gauss"] | None = None
    gop: Gop | None = None
    gop_unit: Literal["frame", "second"] | None = None
    preserve_hdr_switch: Switch | None = Field(default=None, alias="preserveHDRSwitch")
    codec_tag: Literal["hvc1", "hev1"] | None = None
    mode: Literal["VBR", "ABR", "CBR", "VCRF"] | None = None
    hls_time: Annotated[int, Range(0, 10, "s")] | None = None
    video_profile: Literal["baseline", "main", "high", "default"] | None = None


class VideoStream(_VideoFields):
    """VideoTemplateInfo: a transcode template's video stream (bitrate kbps, fps, width and height px)."""

    codec: VideoCodec
    fps: Fps
    bitrate: VideoBitrate
    vcrf: Annotated[int, Range(1, 51)] | None = None
    bframes: Annotated[int, Range(0, 16, "frames")] | None = None

    def problems_in(self, container: str) -> Iterator[tuple[Path, str]]:
        """(path inside the stream, message) for the rules of this codec in `container`: av1 and H.266 in mp4
        only, H.266 with vcrf, codecTag and videoProfile for their codec."""
        if self.codec in ("av1", "H.266") and container != "mp4":
            yield ("codec",), f"{self.codec} is only available with container mp4"
        if self.codec == "H.266" and self.vcrf is None:
            yield ("vcrf",), "is required with codec H.266 (28 is the recommended value)"
        if self.codec_tag is not None and self.codec != "libx265":
            yield ("codecTag",), "only applies to codec libx265"
        if self.video_profile is not None and self.codec != "libx264":
            yield ("videoProfile",), "only applies to codec libx264"


class AudioStream(Spec):
    """AudioTemplateInfo: a transcode template's audio stream (bitrate kbps, sample rate Hz, channels)."""

    codec: AudioCodec
    bitrate: AudioBitrate
    sample_rate: SampleRate
    audio_channel: AudioChannel | None = None

    def problems_in(self, container: str) -> Iterator[tuple[Path, str]]:
        """(path inside the stream, message) for the rules of `container`: its audio codecs, 16000 Hz for
        pcm16 only, no 6 channels in flac, ogg, mp3 or m4a."""
        allowed = AUDIO_CODECS[container]
        if self.codec not in allowed:
            choices = ", ".join(sorted(allowed))
            yield (
                ("codec",),
                f"{self.codec} is not available with container {container} (use {choices})",
            )
        if self.sample_rate == 16000 and self.codec != "pcm16":
            yield ("sampleRate",), "16000 is only available with codec pcm16"
        if self.audio_channel == 6 and container in {"flac", "ogg", "mp3", "m4a"}:
            yield ("audioChannel",), f"6 channels are not available with container {container}"


class TEHDConfig(Spec):
    """TEHDConfig: top speed codec (TEHD-100) and its highest video bitrate (kbps), or OFF."""

    type: Literal["TEHD-100", "OFF"]
    max_video_bitrate: Annotated[int, Range(0, None, "kbps")] | None = None


class TranscodeTemplateSpec(Spec):
    """CreateTranscodeTemplate's fields: a container and the video and audio streams it keeps."""

    container: Container
    comment: str | None = None
    remove_video: Flag | None = None
    remove_audio: Flag | None = None
    video_template: VideoStream | None = None
    audio_template: AudioStream | None = None
    tehd_config: TEHDConfig | None = None
    enhance_config: EnhanceConfig | None = None
    segment_type: Literal["ts", "fmp4"] | None = None
    std_ext_info: str | None = None

    def problems(self) -> Iterator[tuple[Path, str]]:
        """(path inside the spec, message) for each rule across fields that the types cannot state: which
        streams the container keeps and their codecs, segmentType for hls only, tehdConfig, enhanceConfig."""
        yield from self._stream_problems()
        if self.segment_type is not None and self.container != "hls":
            yield ("segmentType",), "only applies to container hls"
        if self.enhance_config:
            for path, message in self.enhance_config.problems():
                yield ("enhanceConfig", *path), message

    def _stream_problems(self) -> Iterator[tuple[Path, str]]:
        yield from self._removal_problems()
        if self.video_template and not self._removes_video:
            for path, message in self.video_template.problems_in(self.container):
                yield ("videoTemplate", *path), message
        if self.audio_template and self.remove_audio != 1:
            for path, message in self.audio_template.problems_in(self.container):
                yield ("audioTemplate", *path), message
        if self.tehd_config and self.tehd_config.type == "OFF" and self.tehd_config.max_video_bitrate:
            yield ("tehdConfig", "maxVideoBitrate"), "only applies when type is TEHD-100"

    @property
    def _removes_video(self) -> bool:
        return self.remove_video == 1 or self.container in AUDIO_ONLY_CONTAINERS

    def _removal_problems(self) -> Iterator[tuple[Path, str]]:
        """Which streams the template keeps, and the settings of each (API: CreateTranscodeTemplate,
        VideoTemplate/AudioTemplate "required when RemoveVideo/RemoveAudio is 0", ignored otherwise)."""
        audio_only = self.container in AUDIO_ONLY_CONTAINERS
        if audio_only and self.remove_video == 0:
            yield ("removeVideo",), f"container {self.container} is audio-only: removeVideo is always 1"
        if audio_only and self.video_template is not None:
            yield ("videoTemplate",), f"container {self.container} is audio-only; remove videoTemplate"
        elif self.remove_video == 1 and self.video_template is not None:
            yield ("videoTemplate",), "is ignored when removeVideo is 1; remove it or set removeVideo to 0"
        elif not self._removes_video and self.video_template is None:
            yield (), "videoTemplate is required unless removeVideo is 1"
        if self.remove_audio == 1 and self.audio_template is not None:
            yield ("audioTemplate",), "is ignored when removeAudio is 1; remove it or set removeAudio to 0"
        elif self.remove_audio != 1 and self.audio_template is None:
            yield (), "audioTemplate is required unless removeAudio is 1"
        if self._removes_video and self.remove_audio == 1:
            removed = (
                "removeVideo is 1" if self.remove_video == 1 else f"container {self.container} is audio-only"
            )
            yield ("removeAudio",), f"a template cannot remove both video and audio ({removed})"


class VideoStreamOverride(_VideoFields):
    """VideoTemplateInfoForUpdate, as a procedure's OverrideParameter takes it: every field optional."""

    codec: VideoCodec | None = None
    fps: Fps | None = None
    bitrate: VideoBitrate | None = None
    vcrf: Annotated[int, Range(0, 51)] | None = None
    bframes: Annotated[int, Range(-1, 16, "frames")] | None = None


class AudioStreamOverride(Spec):
    """AudioTemplateInfoForUpdate, as a procedure's OverrideParameter takes it: every field optional."""

    codec: AudioCodec | None = None
    bitrate: AudioBitrate | None = None
    sample_rate: SampleRate | None = None
    audio_channel: AudioChannel | None = None
    stream_selects: list[int] | None = None


class TEHDOverride(Spec):
    """TEHDConfigForUpdate, as a procedure's OverrideParameter takes it: every field optional."""

    type: Literal["TEHD-100", "OFF"] | None = None
    max_video_bitrate: Annotated[int, Range(0, None, "kbps")] | None = None
