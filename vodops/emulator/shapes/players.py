"""Player configs (SuperPlayerConfig): the requests of Create/Describe/Modify/Delete
SuperPlayerConfig(s), api.json 2018-07-17. Create's DRM info is `DrmStreamingsInfo`; Modify's is
`DrmStreamingsInfoForUpdate`, whose members are each optional."""

from __future__ import annotations

from ..checks import ON_OFF, length, matches, one_of
from ..schema import Field, Struct, array, obj, string, uint64
from .common import LIMIT, OFFSET, request

_CODE = "InvalidParameterValue"
AUDIO_VIDEO_TYPES = ("AdaptiveDynamicStream", "Transcode", "Original")
_DRM_MEMBERS = ("SimpleAesDefinition", "WidevineDefinition", "FairPlayDefinition")
RESOLUTION_NAME = Struct(
    "ResolutionNameInfo", (uint64("MinEdgeLength", required=True), string("Name", required=True))
)
_NAME = matches(r"[0-9A-Za-z_-]{1,64}", "1 to 64 letters, digits, _ or -")


def _drm(struct_name: str) -> Field:
    return obj("DrmStreamingsInfo", Struct(struct_name, tuple(uint64(m) for m in _DRM_MEMBERS)))


def _body(drm: str, *, name_rule: bool) -> tuple[Field, ...]:
    return (
        string("Name", *((_NAME,) if name_rule else ()), required=True, code=_CODE),
        string("AudioVideoType", one_of(*AUDIO_VIDEO_TYPES), code=_CODE),
        string("DrmSwitch", ON_OFF, code=_CODE),
        uint64("AdaptiveDynamicStreamingDefinition"),
        _drm(drm),
        uint64("TranscodeDefinition"),
        uint64("ImageSpriteDefinition"),
        array("ResolutionNames", RESOLUTION_NAME),
        string("Domain"),
        string("Scheme", one_of("Default", "HTTP", "HTTPS"), code=_CODE),
        string("Comment", length(0, 256), code=_CODE),
    )


CREATE = request("CreateSuperPlayerConfig", *_body("DrmStreamingsInfo", name_rule=True))
MODIFY = request("ModifySuperPlayerConfig", *_body("DrmStreamingsInfoForUpdate", name_rule=False))
DELETE = request("DeleteSuperPlayerConfig", string("Name", required=True))
DESCRIBE = request(
    "DescribeSuperPlayerConfigs",
    array("Names", "str", max_items=100, code=_CODE),
    OFFSET,
    LIMIT,
    string("Type", one_of("Preset", "Custom"), code=_CODE),
)
DRM_MEMBERS = _DRM_MEMBERS
