"""The application-level kinds on the wire.

A setting is read and written through its `SettingWire`. Most are a Describe action, of which
only the members the spec model names are configuration (DescribeDefaultDistributionConfig's
`PlayKey` and deprecated `DomainName` are not), and a Modify action that changes the members it
is sent and keeps the rest. Storage regions are read with DescribeStorageRegions and written
with CreateStorageRegion for each declared region not yet activated, then
ModifyDefaultStorageRegion; the regions the manifest does not list are not compared (the API
cannot deactivate them). An application is created with CreateSubAppId and described with
ModifySubAppIdInfo.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from vodops.cloud.answers import created_id, page_items
from vodops.cloud.vod import VodApi
from vodops.resources.application import (
    DISTRIBUTION_CONFIG,
    EVENT_CONFIG,
    STORAGE_REGION,
    DefaultDistributionConfigSpec,
    EventConfigSpec,
    StorageRegionSpec,
)
from vodops.resources.base import Spec, api_key, manifest_key

Spec_ = dict[str, Any]


@dataclass(frozen=True)
class SettingWire:
    """How one setting is read (given the declared spec: what to compare) and written."""

    model: type[Spec]
    read: Callable[[VodApi, Mapping[str, Any]], Spec_]
    write: Callable[[VodApi, Mapping[str, Any]], None]


def _described(action: str, model: type[Spec]) -> Callable[[VodApi, Mapping[str, Any]], Spec_]:
    wanted = {info.alias or name for name, info in model.model_fields.items()}

    def read(api: VodApi, _: Mapping[str, Any]) -> Spec_:
        answer = api.call_app(action, {})
        return {manifest_key(k): v for k, v in answer.items() if manifest_key(k) in wanted}

    return read


def _modified(action: str) -> Callable[[VodApi, Mapping[str, Any]], None]:
    def write(api: VodApi, spec: Mapping[str, Any]) -> None:
        api.call_app(action, {api_key(k): v for k, v in spec.items()})

    return write


def _regions(api: VodApi) -> tuple[list[str], str | None]:
    """(the activated regions, the default one)."""
    infos = page_items(
        "DescribeStorageRegions", api.call_app("DescribeStorageRegions", {}), "StorageRegionInfos"
    )
    opened = [str(info.get("Region")) for info in infos if info.get("Status") == "opened"]
    default = next((str(info.get("Region")) for info in infos if info.get("IsDefault") is True), None)
    return opened, default


def _read_regions(api: VodApi, declared: Mapping[str, Any]) -> Spec_:
    opened, default = _regions(api)
    listed = declared.get("storageRegions")
    shown = [r for r in listed if r in opened] if isinstance(listed, list) else sorted(opened)
    return {"storageRegions": shown, "defaultStorageRegion": default}


def _write_regions(api: VodApi, spec: Mapping[str, Any]) -> None:
    opened, default = _regions(api)
    wanted = [*spec.get("storageRegions", []), *filter(None, [spec.get("defaultStorageRegion")])]
    for region in dict.fromkeys(r for r in wanted if r not in opened):
        api.call_app("CreateStorageRegion", {"StorageRegion": region})
    if spec.get("defaultStorageRegion") not in (None, default):
        api.call_app("ModifyDefaultStorageRegion", {"StorageRegion": spec["defaultStorageRegion"]})


SETTINGS: dict[str, SettingWire] = {
    EVENT_CONFIG: SettingWire(
        EventConfigSpec, _described("DescribeEventConfig", EventConfigSpec), _modified("ModifyEventConfig")
    ),
    DISTRIBUTION_CONFIG: SettingWire(
        DefaultDistributionConfigSpec,
        _described("DescribeDefaultDistributionConfig", DefaultDistributionConfigSpec),
        _modified("ModifyDefaultDistributionConfig"),
    ),
    STORAGE_REGION: SettingWire(StorageRegionSpec, _read_regions, _write_regions),
}
"""The application-wide settings (singletons: one per application), each with its spec model."""


def create_application(api: VodApi, name: str, spec: Mapping[str, Any]) -> int:
    """Create the application `name` (CreateSubAppId); its new SubAppId."""
    body = {"Name": name, **{api_key(k): v for k, v in spec.items()}}
    return created_id("CreateSubAppId", api.call_account("CreateSubAppId", body), "SubAppId")


def describe_application(api: VodApi, sub_app_id: int, spec: Mapping[str, Any]) -> None:
    """Set the declared information of an application (ModifySubAppIdInfo)."""
    body = {"SubAppId": sub_app_id, **{api_key(k): v for k, v in spec.items()}}
    api.call_account("ModifySubAppIdInfo", body)


def listed_spec(listed: Mapping[str, Any] | None) -> Spec_:
    """An application's spec as DescribeSubAppIds lists it."""
    return {"description": str((listed or {}).get("Description") or "")}
