"""The four kinds on the wire: which action lists, creates, changes and deletes each, and how.

This module knows action names, id fields and paging; it knows nothing of manifests or policy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from vodops.cloud.answers import created_id, page_items, total_count
from vodops.cloud.client import Caller
from vodops.resources import MEDIA_CLASS, PROCEDURE, TRANSCODE, WATERMARK

PAGE_SIZE = 100  # the documented maximum Limit of every Describe*Templates action
LiveId = int | str
Items = list[dict[str, Any]]  # a listing, as the API answers each object


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
    """List, create, update and delete the four kinds in one sub-application; listings make at
    most `parallelism` calls at once (the caller must be safe to call from several threads)."""

    quotas: Mapping[str, int] | None = None  # None: the 2018 API's (vodops.plan.checks.QUOTAS)

    def __init__(self, caller: Caller, sub_app_id: int | None, parallelism: int = 1) -> None:
        self._caller = caller
        self.sub_app_id = sub_app_id
        self.parallelism = parallelism

    def list(self, kind: str) -> Items:
        """Every object of `kind` (presets included), paging at the API's maximum page size."""
        return self.list_kinds((kind,))[kind]

    def list_kinds(self, kinds: Sequence[str]) -> dict[str, Items]:
        """Every object of each of `kinds`: the first pages of all kinds at once, then all the
        pages their TotalCounts announce at once, so a listing takes two round trips, not one per
        page. Pages a server shortened are read one after another at the end."""
        with ThreadPoolExecutor(self.parallelism, thread_name_prefix="vodops-list") as pool:
            firsts = dict(zip(kinds, pool.map(self._first_page, kinds), strict=True))
            later = {
                kind: [pool.submit(self._page, kind, offset) for offset in _offsets(*firsts[kind])]
                for kind in kinds
            }
            listed = {kind: firsts[kind][0] + [i for f in later[kind] for i in f.result()] for kind in kinds}
        return {kind: self._rest(kind, listed[kind], firsts[kind][1]) for kind in kinds}

    def _first_page(self, kind: str) -> tuple[Items, int]:
        """The first page of `kind` and the TotalCount it announces (unpaged: everything)."""
        wire = WIRES[kind]
        if not wire.paged:
            items = page_items(wire.list_action, self._call(wire.list_action, {}), wire.list_key)
            return items, len(items)
        page = self._call(wire.list_action, {"Offset": 0, "Limit": PAGE_SIZE})
        return page_items(wire.list_action, page, wire.list_key), total_count(wire.list_action, page)

    def _page(self, kind: str, offset: int) -> Items:
        wire = WIRES[kind]
        page = self._call(wire.list_action, {"Offset": offset, "Limit": PAGE_SIZE})
        return page_items(wire.list_action, page, wire.list_key)

    def _rest(self, kind: str, found: Items, total: int) -> Items:
        """`found`, completed page by page up to `total` if the pages came back short."""
        while len(found) < total:
            items = self._page(kind, len(found))
            if not items:
                break
            found.extend(items)
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
        return created_id(wire.create_action, response, wire.created_id)

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


def _offsets(first: Items, total: int) -> range:
    """The offsets of the pages after a first page of `first`, for `total` objects in all."""
    return range(len(first), total, len(first)) if first else range(0)
