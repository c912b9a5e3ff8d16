"""EnhanceConfig: the audio/video enhancement block of a transcode template."""

# No `from __future__ import annotations` here: pydantic would compile each field's annotation
# string when the models are made, at start-up (benchmarks/startup.py).

from collections.abc import Iterator
from typing import Annotated, Literal

from vodops.resources.base import Path, Spec
from vodops.resources.fields import Numbers, Range, Switch, Unit

Strength = Literal["weak", "normal", "strong"]


class _Toggle(Spec):
    switch: Switch


class SuperResolution(_Toggle):
    """SuperResolutionInfo: super resolution (type lq or hq; size 2, the only scale)."""

    type: Literal["lq", "hq"] | None = None
    size: Annotated[Literal[2], Numbers((2,))] | None = None


class Hdr(_Toggle):
    """HDRInfo: high dynamic range (type hdr10 or hlg)."""

    type: Literal["hdr10", "hlg"] | None = None


class WeakStrong(_Toggle):
    """VideoDenoiseInfo or ArtifactRepairInfo: a switch with a weak or strong type."""

    type: Literal["weak", "strong"] | None = None


class ThreeLevels(_Toggle):
    """ImageQualityEnhanceInfo, ColorEnhanceInfo or DiffusionEnhanceInfo: a switch with a weak, normal or
    strong type."""

    type: Strength | None = None


class NormalOnly(_Toggle):
    """LowLightEnhanceInfo or AudioDenoiseInfo: a switch whose only type is normal."""

    type: Literal["normal"] | None = None


class ScratchRepair(_Toggle):
    """ScratchRepairInfo: scratch repair, with its intensity (0 to 1)."""

    intensity: Unit | None = None
    type: Literal["normal"] | None = None


class FrameRateWithDen(_Toggle):
    """FrameRateWithDenInfo: frame interpolation to fpsNum / fpsDen frames per second (below 100)."""

    fps_num: Annotated[int, Range(0)] | None = None
    fps_den: Annotated[int, Range(1)] | None = None


Scenario = Literal[
    "common",
    "AIGC",
    "short_play",
    "short_video",
    "game",
    "HD_movie_series",
    "LQ_material",
    "lecture",
    "",
]


class VideoEnhance(Spec):
    """VideoEnhanceConfig: the video enhancements of a transcode template."""

    enhance_scenario_type: Scenario | None = None
    super_resolution: SuperResolution | None = None
    hdr: Hdr | None = None
    denoise: WeakStrong | None = None
    image_quality_enhance: ThreeLevels | None = None
    color_enhance: ThreeLevels | None = None
    low_light_enhance: NormalOnly | None = None
    scratch_repair: ScratchRepair | None = None
    artifact_repair: WeakStrong | None = None
    diffusion_enhance: ThreeLevels | None = None
    frame_rate_with_den: FrameRateWithDen | None = None

    def problems(self) -> Iterator[tuple[Path, str]]:
        """(path inside the spec, message) for each rule across fields that the types cannot state: at most
        one of diffusionEnhance, imageQualityEnhance and artifactRepair ON; diffusionEnhance not with
        superResolution or denoise; fpsNum / fpsDen below 100."""
        def on(toggle: _Toggle | None) -> bool:
            return toggle is not None and toggle.switch == "ON"

        exclusive = [self.diffusion_enhance, self.image_quality_enhance, self.artifact_repair]
        if sum(on(t) for t in exclusive) > 1:
            yield (
                (),
                ("at most one of diffusionEnhance, imageQualityEnhance and artifactRepair can be ON"),
            )
        if on(self.diffusion_enhance) and (on(self.super_resolution) or on(self.denoise)):
            yield ("diffusionEnhance",), "cannot be ON together with superResolution or denoise"
        rate = self.frame_rate_with_den
        if rate and rate.fps_num is not None and rate.fps_num / (rate.fps_den or 1) >= 100:
            yield ("frameRateWithDen",), "fpsNum / fpsDen must be below 100"


class AudioSeparate(_Toggle):
    """AudioSeparateInfo: separating vocals from the background (type normal or music; the track kept)."""

    type: Literal["normal", "music"] | None = None
    track: Literal["vocal", "background"] | None = None


class VolumeBalance(_Toggle):
    """AudioVolumeBalanceInfo: loudness normalization or gain control."""

    type: Literal["loudNorm", "gainControl"] | None = None


class Beautify(_Toggle):
    """AudioBeautifyInfo: removing clicks and sibilance (types declick, deesser)."""

    types: list[Literal["declick", "deesser"]] | None = None


class AudioEnhance(Spec):
    """AudioEnhanceConfig: the audio enhancements of a transcode template."""

    denoise: NormalOnly | None = None
    separate: AudioSeparate | None = None
    volume_balance: VolumeBalance | None = None
    beautify: Beautify | None = None


class EnhanceConfig(Spec):
    """EnhanceConfig: the audio and video enhancements of a transcode template."""

    video_enhance: VideoEnhance | None = None
    audio_enhance: AudioEnhance | None = None

    def problems(self) -> Iterator[tuple[Path, str]]:
        """(path inside the spec, message) for each rule across fields that the types cannot state: those of
        videoEnhance, under it."""
        if self.video_enhance:
            for path, message in self.video_enhance.problems():
                yield ("videoEnhance", *path), message
