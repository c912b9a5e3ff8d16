"""SuperPlayerConfig: the spec of CreateSuperPlayerConfig / ModifySuperPlayerConfig (api.json
2018-07-17). The name is the config's id (the API cannot rename it) and takes letters, digits,
`_` and `-` only. The templates a config plays are written as declared names, or as the ids of
presets and unmanaged templates. The kind's declaration is vodops.kinds.player."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field

from vodops.resources.base import Path, Spec
from vodops.resources.fields import Range, Switch
from vodops.resources.tasks import AdaptiveRef, SpriteRef, TranscodeRef


class DrmStreamingsInfo(Spec):
    """The DRM adaptive streaming templates a config plays when `drmSwitch` is ON."""

    simple_aes_definition: AdaptiveRef | None = None
    widevine_definition: AdaptiveRef | None = None
    fair_play_definition: AdaptiveRef | None = None


class ResolutionName(Spec):
    """ResolutionNameInfo: the name a player shows for streams of a short edge length."""

    min_edge_length: Annotated[int, Range(0)]
    name: Annotated[str, Field(min_length=1)]


class SuperPlayerConfigSpec(Spec):
    """What a player config plays, and how its streams are named."""

    audio_video_type: Literal["AdaptiveDynamicStream", "Transcode", "Original"] | None = Field(
        default=None, description="what the player plays (default AdaptiveDynamicStream)"
    )
    drm_switch: Switch | None = Field(
        default=None, description="ON: DRM-protected streams only (default OFF)"
    )
    adaptive_dynamic_streaming_definition: AdaptiveRef | None = Field(
        default=None, description="the unencrypted adaptive streaming template (needed unless DRM is ON)"
    )
    drm_streamings_info: DrmStreamingsInfo | None = None
    transcode_definition: TranscodeRef | None = Field(
        default=None, description="the transcode template (needed when audioVideoType is Transcode)"
    )
    image_sprite_definition: SpriteRef | None = None
    resolution_names: list[ResolutionName] | None = None
    domain: Annotated[str, Field(min_length=1)] | None = Field(
        default=None, description="the playing domain; Default: the default distribution config's"
    )
    scheme: Literal["Default", "HTTP", "HTTPS"] | None = None
    comment: Annotated[str, Field(max_length=256)] | None = None

    def problems(self) -> Iterator[tuple[Path, str]]:
        """What the config must name to play (api.json: required when ...)."""
        kind = self.audio_video_type or "AdaptiveDynamicStream"
        drm = self.drm_switch == "ON"
        if kind == "AdaptiveDynamicStream" and not drm and not self.adaptive_dynamic_streaming_definition:
            yield (), "adaptiveDynamicStreamingDefinition is required to play adaptive streams without DRM"
        if kind == "AdaptiveDynamicStream" and drm and not _any_drm(self.drm_streamings_info):
            yield (), "drmStreamingsInfo is required to play adaptive streams with drmSwitch ON"
        if kind == "Transcode" and not self.transcode_definition:
            yield (), "transcodeDefinition is required when audioVideoType is Transcode"


def _any_drm(info: DrmStreamingsInfo | None) -> bool:
    return info is not None and any(
        (info.simple_aes_definition, info.widevine_definition, info.fair_play_definition)
    )
