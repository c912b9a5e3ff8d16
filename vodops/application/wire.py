"""The application-level kinds on the wire. A setting is read with its Describe action, of which
only the members its spec model names are configuration (DescribeDefaultDistributionConfig's
`PlayKey` and deprecated `DomainName` are not), and set with its Modify action, which changes
the members it is sent and keeps the rest. An application is created with CreateSubAppId and
described with ModifySubAppIdInfo."""

from __future__ import annotations

from typing import Any

from vodops.cloud.answers import created_id
from vodops.cloud.vod import VodApi
from vodops.resources.application import SETTINGS
from vodops.resources.base import api_key, manifest_key


def setting_fields(kind: str) -> tuple[str, ...]:
    """The manifest names of the fields a setting's spec model declares."""
    model = SETTINGS[kind][0]
    return tuple(info.alias or name for name, info in model.model_fields.items())


def read_setting(api: VodApi, kind: str) -> dict[str, Any]:
    """The setting as the application has it now, in manifest spelling."""
    answer = api.call_app(SETTINGS[kind][1].describe_action, {})
    wanted = set(setting_fields(kind))
    return {manifest_key(k): v for k, v in answer.items() if manifest_key(k) in wanted}


def set_setting(api: VodApi, kind: str, spec: dict[str, Any]) -> None:
    """Send the declared fields of a setting (the ones left out keep their values)."""
    api.call_app(SETTINGS[kind][1].modify_action, {api_key(k): v for k, v in spec.items()})


def create_application(api: VodApi, name: str, spec: dict[str, Any]) -> int:
    """Create the application `name` (CreateSubAppId); its new SubAppId."""
    body = {"Name": name, **{api_key(k): v for k, v in spec.items()}}
    return created_id("CreateSubAppId", api.call_account("CreateSubAppId", body), "SubAppId")


def describe_application(api: VodApi, sub_app_id: int, spec: dict[str, Any]) -> None:
    """Set the declared information of an application (ModifySubAppIdInfo)."""
    body = {"SubAppId": sub_app_id, **{api_key(k): v for k, v in spec.items()}}
    api.call_account("ModifySubAppIdInfo", body)


def listed_spec(listed: dict[str, Any] | None) -> dict[str, Any]:
    """An application's spec as DescribeSubAppIds lists it."""
    return {"description": str((listed or {}).get("Description") or "")}
