"""StorageRegion: one setting per application, read with DescribeStorageRegions and set with
CreateStorageRegion and ModifyDefaultStorageRegion; regions are only ever activated. Its spec
model is vodops.resources.storage_region."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vodops.resources.application import setting_name
from vodops.resources.kind import Call, Kind, Shape, Wire

STORAGE_REGION = "StorageRegion"


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
    "vodops.resources.storage_region:StorageRegionSpec",
    Wire.setting("DescribeStorageRegions", "ModifyDefaultStorageRegion"),
    setting_name,
    folder="storage-regions",
    shape=Shape.SINGLETON,
    read_setting=_read,
    write_setting=_write,
)
