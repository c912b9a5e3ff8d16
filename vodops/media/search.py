"""Finding media with SearchMedia: the stack's (by marker) and a class's (any origin).

SearchMedia has no filter on SourceContext (api.json), so the stack's media are found among the
uploaded ones (`SourceTypes: [Upload]`, basic info only) and kept by marker. Offset + Limit may
not pass 5000 (TotalCount is capped there too): past that, the search goes on from the oldest
CreateTime seen so far, newest first, until a page comes back short.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vodops.media import Call
from vodops.media.answers import basic_info
from vodops.media.marker import MediaMarker, parse

PAGE = 100
SEARCH_WINDOW = 5000  # Offset + Limit at most (api.json SearchMedia)


def uploaded(call: Call) -> list[dict[str, Any]]:
    """Every uploaded or pulled media file (MediaInfo with BasicInfo and MetaData), newest first."""
    return _all(call, {"SourceTypes": ["Upload"]})


def stack_media(call: Call, stack: str) -> list[tuple[MediaMarker, dict[str, Any]]]:
    """Every media file this stack made: (its marker, its MediaInfo), oldest first."""
    found = []
    for media in uploaded(call):
        owner = parse(basic_info(media)["SourceInfo"].get("SourceContext") or "")
        if owner is not None and owner.stack == stack:
            found.append((owner, media))
    return found[::-1]


def holds_media(call: Call, class_id: int) -> bool:
    """Whether a class (or a class below it) holds any media, of any origin."""
    reply = call("SearchMedia", {"ClassIds": [class_id], "Filters": ["basicInfo"], "Limit": 1})
    return bool(reply.get("TotalCount"))


def _all(call: Call, filters: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every media the filters match, newest first, each once."""
    found: dict[str, dict[str, Any]] = {}
    before: str | None = None
    while True:
        window = _window(call, filters, before)
        found.update((str(media.get("FileId")), media) for media in window)
        if len(window) < SEARCH_WINDOW:
            return list(found.values())
        before = str(basic_info(window[-1]).get("CreateTime"))


def _window(call: Call, filters: Mapping[str, Any], before: str | None) -> list[dict[str, Any]]:
    """Up to SEARCH_WINDOW media, newest first, created no later than `before`."""
    params: dict[str, Any] = {**filters, "Filters": ["basicInfo", "metaData"], "Limit": PAGE,
                              "Sort": {"Field": "CreateTime", "Order": "Desc"}}  # fmt: skip
    if before is not None:
        params["CreateTime"] = {"Before": before}
    found: list[dict[str, Any]] = []
    while len(found) < SEARCH_WINDOW:
        page = call("SearchMedia", {**params, "Offset": len(found)}).get("MediaInfoSet") or []
        found.extend(page)
        if len(page) < PAGE:
            break
    return found
