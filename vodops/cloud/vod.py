"""The four kinds on the wire: which action lists, creates, changes and deletes each, and how.

This module knows action names, id fields and paging; it knows nothing of manifests or policy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from vodops.cloud.client import Caller
from vodops.resources import MEDIA_CLASS, PROCEDURE, TRANSCODE, WATERMARK

PAGE_SIZE = 100  # the documented maximum Limit of every Describe*Templates action
LiveId = int | str


@dataclass(frozen=True)
class Wire:
    list_action: str
    list_key: str
    paged: bool
    create_action: str
    update_action: str
    delete_action: str
    id_field: str  # how Modify/Delete name the object
    created_id: str | None  # where Create's response carries the new id (None: the name is the id)
    filter_field: str | None = None  # the list action's filter by id (None: it has none)


WIRES: dict[str, Wire] = {
    TRANSCODE: Wire(
        "DescribeTranscodeTemplates", "TranscodeTemplateSet", True, "CreateTranscodeTemplate",
        "ModifyTranscodeTemplate", "DeleteTranscodeTemplate", "Definition", "Definition", "Definitions",
    ),
    WATERMARK: Wire(
        "DescribeWatermarkTemplates", "WatermarkTemplateSet", True, "CreateWatermarkTemplate",
        "ModifyWatermarkTemplate", "DeleteWatermarkTemplate", "Definition", "Definition", "Definitions",
    ),
    MEDIA_CLASS: Wire(
        "DescribeAllClass", "ClassInfoSet", False, "CreateClass", "ModifyClass", "DeleteClass",
        "ClassId", "ClassId",
    ),
    PROCEDURE: Wire(
        "DescribeProcedureTemplates", "ProcedureTemplateSet", True, "CreateProcedureTemplate",
        "ResetProcedureTemplate", "DeleteProcedureTemplate", "Name", None, "Names",
    ),
}  # fmt: skip


class VodApi:
    """List, create, update and delete the four kinds in one sub-application."""

    quotas: Mapping[str, int] | None = None  # None: the 2018 API's (vodops.plan.checks.QUOTAS)

    def __init__(self, caller: Caller, sub_app_id: int | None) -> None:
        self._caller = caller
        self.sub_app_id = sub_app_id

    def list(self, kind: str) -> list[dict[str, Any]]:
        """Every object of `kind` (presets included), paging at the API's maximum page size."""
        wire = WIRES[kind]
        if not wire.paged:
            return list(self._call(wire.list_action, {}).get(wire.list_key) or [])
        found: list[dict[str, Any]] = []
        while True:
            page = self._call(wire.list_action, {"Offset": len(found), "Limit": PAGE_SIZE})
            items = list(page.get(wire.list_key) or [])
            found.extend(items)
            if not items or len(found) >= int(page.get("TotalCount", 0)):
                return found

    def get(self, kind: str, live_id: LiveId) -> dict[str, Any] | None:
        """One object of `kind` by its id, in one Describe call filtered by id (`Definitions` or
        `Names`); None when it does not exist. Kinds whose Describe has no such filter raise."""
        wire = WIRES[kind]
        if wire.filter_field is None:
            raise ValueError(f"{wire.list_action} cannot filter by id")
        page = self._call(wire.list_action, {wire.filter_field: [live_id]})
        return next(iter(page.get(wire.list_key) or []), None)

    def create(self, kind: str, request: Mapping[str, Any]) -> LiveId:
        wire = WIRES[kind]
        response = self._call(wire.create_action, request)
        if wire.created_id is None:
            return str(request[wire.id_field])
        return int(response[wire.created_id])

    def update(self, kind: str, live_id: LiveId, request: Mapping[str, Any]) -> None:
        wire = WIRES[kind]
        self._call(wire.update_action, {**request, wire.id_field: live_id})

    def delete(self, kind: str, live_id: LiveId) -> None:
        wire = WIRES[kind]
        self._call(wire.delete_action, {wire.id_field: live_id})

    def fetch(self, url: str) -> bytes:
        """The content at a URL the API returned, such as a watermark's ImageUrl."""
        return self._caller.fetch(url)

    def _call(self, action: str, params: Mapping[str, Any]) -> dict[str, Any]:
        if self.sub_app_id is not None:
            params = {**params, "SubAppId": self.sub_app_id}
        return self._caller.call(action, params)
