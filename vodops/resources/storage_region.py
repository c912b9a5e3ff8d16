"""StorageRegion: the regions an application stores media in, one setting per application
(DescribeStorageRegions, CreateStorageRegion, ModifyDefaultStorageRegion; api.json 2018-07-17).
Regions are only ever activated: the API cannot deactivate one, so regions active but not
listed are not compared."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import Field

from vodops.resources.application import setting_name
from vodops.resources.base import Spec
from vodops.resources.kind import Call, Kind, Shape, Wire

STORAGE_REGION = "StorageRegion"
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


def _regions(call: Call) -> tuple[list[str], str | None]:
    """(the activated regions, the default one), from DescribeStorageRegions."""
    infos = call("DescribeStorageRegions", {}).get("StorageRegionInfos") or []
    infos = [info for info in infos if isinstance(info, dict)]
    opened = [str(info.get("Region")) for info in infos if info.get("Status") == "opened"]
    default = next((str(info.get("Region")) for info in infos if info.get("IsDefault") is True), None)
    return opened, default


def _read(kind: Kind, call: Call, declared: Mapping[str, Any]) -> dict[str, Any]:
    """The declared regions that are active (all of them, sorted, when none are declared)."""
    opened, default = _regions(call)
    listed = declared.get("storageRegions")
    shown = [r for r in listed if r in opened] if isinstance(listed, list) else sorted(opened)
    return {"storageRegions": shown, "defaultStorageRegion": default}


def _write(kind: Kind, call: Call, spec: Mapping[str, Any]) -> None:
    """Activate the declared regions that are not (the default one too), then set the default."""
    opened, default = _regions(call)
    wanted = [*spec.get("storageRegions", []), *filter(None, [spec.get("defaultStorageRegion")])]
    for region in dict.fromkeys(r for r in wanted if r not in opened):
        call("CreateStorageRegion", {"StorageRegion": region})
    if spec.get("defaultStorageRegion") not in (None, default):
        call("ModifyDefaultStorageRegion", {"StorageRegion": spec["defaultStorageRegion"]})


KIND = Kind(
    STORAGE_REGION,
    StorageRegionSpec,
    Wire.setting("DescribeStorageRegions", "ModifyDefaultStorageRegion"),
    setting_name,
    folder="storage-regions",
    shape=Shape.SINGLETON,
    read_setting=_read,
    write_setting=_write,
)
