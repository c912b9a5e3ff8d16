"""The application-level kinds on the wire, read from their declarations (vodops/kinds/): the
application through its account-level wire (list, create, modify; never delete), a setting
through its `read_setting` / `write_setting` (by default its Describe and Modify actions)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vodops.cloud.answers import created_id, page_items, total_count
from vodops.cloud.vod import VodApi
from vodops.resources import APPLICATION_LEVEL, KINDS
from vodops.resources.base import api_key, manifest_key, rekey
from vodops.resources.kind import Kind, Shape

APPLICATION: Kind = next(KINDS[name] for name in APPLICATION_LEVEL if KINDS[name].shape is Shape.APPLICATION)
"""The kind of the application itself (SubApplication)."""
_GONE = "Destroyed"  # SubAppIdInfo.Status of an application that no longer exists


def list_applications(api: VodApi, name: str | None = None) -> list[dict[str, Any]]:
    """The account's applications (those with that `name`), as listed; destroyed ones left out."""
    wire, found = APPLICATION.wire, list[dict[str, Any]]()
    while True:
        params: dict[str, Any] = {"Offset": len(found), "Limit": 200} | ({"Name": name} if name else {})
        page = api.call_account(wire.list_action, params)  # Limit: at most 200 (api.json)
        items = page_items(wire.list_action, page, wire.list_key)
        found.extend(items)
        if not items or len(found) >= total_count(wire.list_action, page):
            return [app for app in found if app.get("Status") != _GONE]


def listed_spec(
    listed: Mapping[str, Any] | None, declared: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """An application's spec as its listing (SubAppIdInfo) shows it: the members its spec model
    names, in manifest spelling. Where SubAppIdInfo tells less than CreateSubAppId took, the
    `declared` spec decides: its `type` (not listed) is taken as it is; its `storageRegion` is the
    same when among the opened `StorageRegions` (else the first opened, where creation opened
    storage); its `tags` are the same in any order."""
    wanted, declared = _fields(APPLICATION), declared or {}
    shown = {
        manifest_key(k): rekey(v, manifest_key)
        for k, v in (listed or {}).items()
        if manifest_key(k) in wanted
    }
    regions = list((listed or {}).get("StorageRegions") or [])
    region = declared.get("storageRegion")
    shown["storageRegion"] = region if region in regions else next(iter(regions), None)
    if "type" in declared:
        shown["type"] = declared["type"]
    tags = declared.get("tags")
    if isinstance(tags, list) and _tag_set(tags) == _tag_set(shown.get("tags")):
        shown["tags"] = tags
    return shown


def create_application(api: VodApi, name: str, spec: Mapping[str, Any]) -> int:
    """Create the application `name`; its new id."""
    wire = APPLICATION.wire
    answer = api.call_account(wire.create_action, {wire.name_field: name, **_api(spec)})
    return created_id(wire.create_action, answer, wire.created_id or wire.id_field)


def describe_application(api: VodApi, app_id: int, spec: Mapping[str, Any], name: str | None = None) -> None:
    """Set the declared fields of the application `app_id` (and rename it to `name`, if given:
    ModifySubAppIdInfo takes a Name)."""
    wire = APPLICATION.wire
    renamed = {} if name is None else {wire.name_field: name}
    modifiable = {k: v for k, v in spec.items() if k not in APPLICATION.immutable}
    api.call_account(wire.update_action, {wire.id_field: app_id, **renamed, **_api(modifiable)})


def read_setting(api: VodApi, kind: str, declared: Mapping[str, Any]) -> dict[str, Any]:
    """The setting `kind` as the target's application has it, given what is declared."""
    return KINDS[kind].read_setting(KINDS[kind], api.call_app, declared)


def write_setting(api: VodApi, kind: str, spec: Mapping[str, Any]) -> None:
    """Set the declared fields of the setting `kind` in the target's application."""
    KINDS[kind].write_setting(KINDS[kind], api.call_app, spec)


def _fields(kind: Kind) -> set[str]:
    return {info.alias or name for name, info in kind.spec.model_fields.items()}


def _api(spec: Mapping[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = rekey(dict(spec), api_key)
    return answer


def _tag_set(tags: Any) -> set[tuple[Any, Any]]:
    """Tags ({tagKey, tagValue} each) as a set of (key, value)."""
    listed = tags if isinstance(tags, list) else []
    return {(t.get("tagKey"), t.get("tagValue")) for t in listed if isinstance(t, dict)}
