"""StorageRegion: the regions an application stores media in, one setting per application
(DescribeStorageRegions, CreateStorageRegion, ModifyDefaultStorageRegion; api.json 2018-07-17).
Regions are only ever activated: the API cannot deactivate one, so regions active but not
listed are not compared."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from vodops.resources.base import Spec

# The storage regions VOD supports (Tencent Cloud document 266/9760).
StorageRegionName = Literal[
    "ap-chongqing", "ap-beijing", "ap-shanghai", "ap-guangzhou", "ap-chengdu", "ap-nanjing",
    "ap-hongkong", "ap-singapore", "ap-tokyo", "ap-seoul", "ap-mumbai", "ap-bangkok", "ap-jakarta",
    "na-siliconvalley", "na-ashburn", "na-toronto", "eu-frankfurt", "sa-saopaulo",
]  # fmt: skip


class StorageRegionSpec(Spec):
    """The regions to activate, and the default one."""

    storage_regions: list[StorageRegionName] | None = Field(
        default=None, description="regions media may be stored in: activated if they are not"
    )
    default_storage_region: StorageRegionName | None = Field(
        default=None, description="where uploads that name no region go; activated if it is not"
    )
