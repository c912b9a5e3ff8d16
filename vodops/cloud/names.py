"""The names a target's settings may give on the wires, kept apart from the callers so that
reading vodops.yaml (validate) imports no HTTP client: how a region is spelled, the live API's
regions, a tccli profile's name and the largest SubAppId."""

from __future__ import annotations

import re

from vodops.errors import SettingsError

REGION_PATTERN = re.compile(r"[a-z]{2,}-[a-z0-9-]+")  # ap-guangzhou, na-siliconvalley

# The regions CreateLivePullStreamTask accepts (seed 001 §2, "This API only supports: ...").
LIVE_REGIONS = (
    "ap-bangkok", "ap-beijing", "ap-guangzhou", "ap-hongkong", "ap-mumbai", "ap-seoul",
    "ap-shanghai", "ap-singapore", "ap-tokyo", "na-ashburn", "na-siliconvalley",
)  # fmt: skip
# A tccli profile: a plain name, not a path (~/.tccli/<profile>.credential).
PROFILE_PATTERN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}")
# SubAppId is a uint64 in every request and in SubAppIdInfo (api.json 2018-07-17).
SUB_APP_ID_MAX = 2**64 - 1


def check_region(region: str) -> None:
    """Raises SettingsError unless `region` is spelled as a region name (REGION_PATTERN)."""
    if not REGION_PATTERN.fullmatch(region):
        raise SettingsError(f"region {region!r} is not a region name such as ap-guangzhou")
