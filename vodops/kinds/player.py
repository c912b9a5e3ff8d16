"""SuperPlayerConfig: the wire and normalization rules of player configs, keyed by name (the API
cannot rename one). Its spec model is vodops.resources.player."""

from __future__ import annotations

import re

from vodops.normalize import Rule, defaults
from vodops.resources.kind import Identity, Kind, Wire

SUPER_PLAYER_CONFIG = "SuperPlayerConfig"
NAME_PATTERN = r"[0-9A-Za-z_-]{1,64}"

# Normalization: what DescribeSuperPlayerConfigs shows for a member a config leaves out (api.json
# CreateSuperPlayerConfig's defaults; the resolution names are its documented default list).
_EDGES = (
    (240, "流畅"), (480, "标清"), (720, "高清"), (1080, "全高清"), (1440, "2K"), (2160, "4K"), (4320, "8K"),
)  # fmt: skip
DEFAULT_RESOLUTION_NAMES = [{"minEdgeLength": edge, "name": name} for edge, name in _EDGES]
_TOP = {
    "audioVideoType": "AdaptiveDynamicStream", "drmSwitch": "OFF", "adaptiveDynamicStreamingDefinition": 0,
    "transcodeDefinition": 0, "imageSpriteDefinition": 0, "domain": "Default", "scheme": "Default",
    "resolutionNames": DEFAULT_RESOLUTION_NAMES,
}  # fmt: skip
_DRM = {"simpleAesDefinition": 0, "widevineDefinition": 0, "fairPlayDefinition": 0}
RULES: tuple[Rule, ...] = (*defaults("", _TOP), *defaults("drmStreamingsInfo.", _DRM))


def _player_name(name: str) -> str | None:
    if not re.fullmatch(NAME_PATTERN, name):
        return "must be 1 to 64 letters, digits, '_' or '-' (CreateSuperPlayerConfig's Name)"
    return None


KIND = Kind(
    SUPER_PLAYER_CONFIG,
    "vodops.resources.player:SuperPlayerConfigSpec",
    Wire(
        "DescribeSuperPlayerConfigs", "PlayerConfigSet", True, "CreateSuperPlayerConfig",
        "ModifySuperPlayerConfig", "DeleteSuperPlayerConfig", "Name", None, "Names",
    ),
    _player_name,
    folder="super-player-configs",
    identity=Identity.NAME,
    rules=RULES,
    not_spec=frozenset({"Name", "Type", "CreateTime", "UpdateTime"}),
    answered_as={"ResolutionNameSet": "ResolutionNames"},
    quota=100,
)  # fmt: skip
