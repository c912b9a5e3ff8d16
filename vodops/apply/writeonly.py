"""Write-only inputs: after vodops uploads a watermark image, it records where the API put it.

The API never returns an image's content, only its ImageUrl (reference: ImageWatermarkTemplate in
tccli's api.json). The marker already carries the content's digest; this adds a tag of the
ImageUrl the upload got (one Describe and one Modify of the Comment), so that a later plan
downloads an image only when its URL has moved, that is when someone replaced it outside vodops.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from vodops.cloud.vod import LiveId, VodApi
from vodops.ownership import split_comment, url_tag, with_marker
from vodops.resources import KINDS


def needs_url_tag(kind: str, body: dict[str, Any]) -> bool:
    """Whether a request `body` writes an image watermark's marker without the ImageUrl tag: it
    uploads an image (the URL is known only after), or the live URL was not known to the plan."""
    if not KINDS[kind].images or not isinstance(body.get("ImageTemplate"), dict):
        return False
    _, owner = split_comment(str(body.get(KINDS[kind].wire.marker_field) or ""))
    return owner is not None and owner.url_tag is None


def remember_image_url(api: VodApi, kind: str, live_id: LiveId, body: Mapping[str, Any]) -> None:
    """Write the marker the request `body` wrote again, with a tag of the object's (watermark's)
    ImageUrl."""
    marker_field = KINDS[kind].wire.marker_field
    found = api.get(kind, live_id) or {}
    url = (found.get("ImageTemplate") or {}).get("ImageUrl")
    text, owner = split_comment(str(body.get(marker_field) or ""))
    if not url or owner is None:
        return
    api.update(kind, live_id, {marker_field: with_marker(text, replace(owner, url_tag=url_tag(str(url))))})
