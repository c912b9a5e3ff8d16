"""The services one emulator port serves, as Tencent's API gateway tells them apart: by the
request's version (X-TC-Version), whose service's actions the request's action must be one of,
and whose name the signature's credential scope must carry.

    2018-07-17  vod   VOD: SubAppId addresses an application; Region optional
    2018-08-01  live  live streaming (CSS): pull-stream tasks; Region required, from its list
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .backend import ACTIONS, LIVE_ACTIONS, Action
from .faults import ApiFault


@dataclass(frozen=True)
class Service:
    """One API the emulator serves (VOD, live): its scope name, version, actions and regions."""

    name: str  # the service in the credential scope
    version: str
    actions: Mapping[str, Action]
    regions: frozenset[str] | None = None  # None: Region is optional; else required, one of these
    apps: bool = True  # requests address one of the account's VOD applications (SubAppId)

    def check_region(self, region: str) -> None:
        """Refuse a request whose Region this service needs and lacks, or does not serve."""
        if self.regions is None:
            return
        if not region:
            raise ApiFault("MissingParameter", "The request is missing a required parameter `Region`.")
        if region not in self.regions:
            raise ApiFault("UnsupportedRegion", f"The {self.name} API does not support the region {region}.")


VOD = Service("vod", "2018-07-17", ACTIONS)
# CreateLivePullStreamTask's regions, seed 001 §2 ("This API only supports: ...").
_LIVE_REGIONS = (
    "ap-bangkok ap-beijing ap-guangzhou ap-hongkong ap-mumbai ap-seoul ap-shanghai ap-singapore ap-tokyo "
    "na-ashburn na-siliconvalley"
)
LIVE = Service("live", "2018-08-01", LIVE_ACTIONS, frozenset(_LIVE_REGIONS.split(" ")), apps=False)
BY_VERSION = {service.version: service for service in (VOD, LIVE)}
