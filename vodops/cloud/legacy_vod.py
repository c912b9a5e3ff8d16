"""The three kinds the legacy API has, on its wire: one declaration per kind (which Query*,
Create*, Update* and Delete* action, which id parameter, how requests and answers map), read by
one generic `LegacyVodApi`.

`LegacyVodApi` is a VodApi: it takes the same 2018-shaped requests and answers the same
2018-shaped listings, so plan, apply, export and ownership need not know which wire they use.
What cannot be mapped is refused before any call by `vodops.manifest.dialect`. Procedures do not
exist in the legacy API (reference/legacy-api-2017.md §6): their listing is empty.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from vodops.cloud.legacy import LegacyCaller
from vodops.cloud.legacy_shapes import (
    class_set_from,
    image_type,
    new_watermark_params,
    transcode_from,
    transcode_params,
    transcodes_from,
    watermark_from,
    watermark_params,
    watermarks_from,
)
from vodops.cloud.retry import RetryingCaller
from vodops.cloud.vod import LiveId, VodApi
from vodops.errors import ApiError
from vodops.resources import MEDIA_CLASS, TRANSCODE, WATERMARK

Params = Callable[[Mapping[str, Any]], dict[str, Any]]
NOT_FOUND = "ResourceNotFound.TemplateNotExist"  # 10704
PIXEL_PNG = (  # a 1x1 transparent PNG, Base64
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


@dataclass(frozen=True)
class LegacyWire:
    """One kind on the legacy wire."""

    list_action: str
    listed: Callable[[Mapping[str, Any]], list[dict[str, Any]]]  # the list answer, in 2018 shape
    create_action: str
    created: Callable[[dict[str, Any]], Any]  # where Create's answer carries the new id
    update_action: str
    delete_action: str
    id_param: str
    create_params: Params
    update_params: Params
    image: bool = False  # the image is uploaded (ApplyUploadWatermark + PUT) and passed as `url`;
    # an update needs the width (the live one when the request has none)
    empty_code: str | None = None  # the error a list answers when there is nothing to list
    query: tuple[str, Callable[[Mapping[str, Any]], dict[str, Any]]] | None = None  # one object by id


WIRES: dict[str, LegacyWire] = {
    TRANSCODE: LegacyWire(
        "QueryTranscodeTemplateList", transcodes_from,
        "CreateTranscodeTemplate", lambda answer: answer["data"]["definition"],
        "UpdateTranscodeTemplate", "DeleteTranscodeTemplate", "definition",
        transcode_params, transcode_params,
        query=("QueryTranscodeTemplate", lambda answer: transcode_from(answer["data"])),
    ),
    WATERMARK: LegacyWire(
        "QueryWatermarkTemplateList", watermarks_from,
        "CreateWatermarkTemplate", lambda answer: answer["definition"],
        "UpdateWatermarkTemplate", "DeleteWatermarkTemplate", "definition",
        new_watermark_params, watermark_params, image=True, query=("QueryWatermarkTemplate", watermark_from),
    ),
    MEDIA_CLASS: LegacyWire(
        "DescribeAllClass", class_set_from,
        "CreateClass", lambda answer: answer["newClassId"],
        "ModifyClass", "DeleteClass", "classId",
        lambda request: {"className": request["ClassName"], "parentId": request["ParentId"]},
        lambda request: {"className": request["ClassName"]},
        empty_code="FailedOperation.ClassNoFound",  # DescribeAllClass answers 1905 with no class
    ),
}  # fmt: skip


class LegacyVodApi(VodApi):
    """List, create, update and delete transcode and watermark templates and classes through the
    legacy actions. `caller` wraps `uploader`, whose `upload` PUTs watermark images."""

    # Custom templates per account: 16 transcode (§3.1); 10706's watermark limit is undocumented,
    # the emulator applies the 2018 value. No procedures.
    quotas: Mapping[str, int] | None = {TRANSCODE: 16, WATERMARK: 1000}

    def __init__(self, caller: RetryingCaller, uploader: LegacyCaller, sub_app_id: int | None) -> None:
        super().__init__(caller, sub_app_id)
        self._uploader = uploader

    def list_kinds(self, kinds: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """Every object of each of `kinds`: the legacy listings are not paged, one call each."""
        return {kind: self.list(kind) for kind in kinds}

    def list(self, kind: str) -> list[dict[str, Any]]:
        """Every object of `kind` in 2018 shape, presets included; [] for a kind the API lacks."""
        wire = WIRES.get(kind)
        if wire is None:
            return []
        try:
            return wire.listed(self._call(wire.list_action, {}))
        except ApiError as error:
            if error.code == wire.empty_code:
                return []
            raise

    def create(self, kind: str, request: Mapping[str, Any]) -> LiveId:
        """Create from a 2018-shaped request; the new id."""
        wire = _wire(kind, "Create")
        if wire.image and "ImageTemplate" not in request:
            # A watermark without an image (the apply lock's ticket, a text watermark on the 2018
            # API): the legacy API has image watermarks only, so it gets one transparent pixel.
            request = {**request, "ImageTemplate": {"ImageContent": PIXEL_PNG}}
        params = self._with_image(wire, request, wire.create_params(request))
        return int(wire.created(self._call(wire.create_action, params)))

    def get(self, kind: str, live_id: LiveId) -> dict[str, Any] | None:
        """One template by id in 2018 shape (Query*Template), None when it does not exist."""
        wire = _wire(kind, "Query")
        if wire.query is None:
            raise ValueError(f"the legacy API cannot query one {kind}")
        action, shown = wire.query
        try:
            return shown(self._call(action, {wire.id_param: live_id}))
        except ApiError as error:
            if error.code == NOT_FOUND:
                return None
            raise

    def update(self, kind: str, live_id: LiveId, request: Mapping[str, Any]) -> None:
        """Update `live_id` from a 2018-shaped request. A watermark update without a width (a
        marker rewrite) sends the live width: the legacy Update requires one."""
        wire = _wire(kind, "Update")
        params = self._with_image(wire, request, wire.update_params(request))
        if wire.image and "width" not in params:
            found = self.get(kind, live_id) or {}
            params["width"] = (found.get("ImageTemplate") or {}).get("Width") or "10%"
        self._call(wire.update_action, {**params, wire.id_param: live_id})

    def delete(self, kind: str, live_id: LiveId) -> None:
        """Delete `live_id` of `kind`."""
        wire = _wire(kind, "Delete")
        self._call(wire.delete_action, {wire.id_param: live_id})

    def _with_image(
        self, wire: LegacyWire, request: Mapping[str, Any], params: dict[str, Any]
    ) -> dict[str, Any]:
        """`params` with the uploaded image's `url`, when the request carries image content."""
        content = (request.get("ImageTemplate") or {}).get("ImageContent")
        if not wire.image or content is None:
            return params
        data = base64.b64decode(content)
        upload_url = str(self._call("ApplyUploadWatermark", {"type": image_type(data)})["uploadUrl"])
        self._uploader.upload(upload_url, data)
        return {**params, "url": upload_url}


def _wire(kind: str, verb: str) -> LegacyWire:
    wire = WIRES.get(kind)
    if wire is None:
        raise ApiError(verb, "InvalidAction", f"the legacy API has no {kind}")
    return wire
