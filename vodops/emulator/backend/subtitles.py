"""ModifyMediaInfo's subtitles and knowledge bases (api.json MediaSubtitleInput,
ModifyMediaInfoRequest): at most 16 subtitles a media file, WebVTT only, Base64 content; Ids
of at most 16 letters, digits, `_` or `-`, unique within the file.

Uploaded media belong to no knowledge base, so removing them from knowledge bases changes
nothing; the request is still checked as the API checks it.
"""

from __future__ import annotations

import base64
import binascii
import re

from ..faults import ApiFault
from ..schema import Params
from . import mediainfo
from .base import Context

MAX_SUBTITLES = 16
_ID = re.compile(r"[A-Za-z0-9_-]{1,16}")


def check(params: Params) -> None:
    """Refuse the conflicting combinations the API documents."""
    added = {s.get("Id") for s in params.get("AddSubtitles", [])} - {None}
    if added & set(params.get("DeleteSubtitleIds", [])):
        raise ApiFault("InvalidParameterValue", "AddSubtitles and DeleteSubtitleIds name the same Id.")
    if params.get("AddSubtitles") and params.get("ClearSubtitles") == 1:
        raise ApiFault("InvalidParameterValue", "ClearSubtitles cannot be used with AddSubtitles.")
    if params.get("DeleteKnowledgeBases") and params.get("ClearKnowledgeBases") == 1:
        raise ApiFault(
            "InvalidParameterValue", "ClearKnowledgeBases cannot be used with DeleteKnowledgeBases."
        )


def apply(ctx: Context, doc: Params, params: Params) -> list[Params]:
    """Change `doc`'s subtitles as `params` ask; answer the subtitles added (MediaSubtitleItem)."""
    kept = [] if params.get("ClearSubtitles") == 1 else doc["Subtitles"]
    kept = [s for s in kept if s["Id"] not in params.get("DeleteSubtitleIds", [])]
    added = [_added(ctx, doc["FileId"], item, [*kept]) for item in params.get("AddSubtitles", [])]
    for item in added:
        if item["Id"] in {s["Id"] for s in kept}:
            raise ApiFault("InvalidParameterValue", f"The media file already has a subtitle {item['Id']!r}.")
        kept.append(item)
    if len(kept) > MAX_SUBTITLES:
        raise ApiFault("InvalidParameterValue", f"A media file holds at most {MAX_SUBTITLES} subtitles.")
    doc["Subtitles"] = kept
    return added


def _added(ctx: Context, file_id: str, item: Params, existing: list[Params]) -> Params:
    if item["Format"] != "vtt":
        raise ApiFault("InvalidParameterValue.SubtitleFormat", "Subtitles must be in the vtt format.")
    subtitle_id = item.get("Id") or f"subtitle-{len(existing) + 1}"
    if not _ID.fullmatch(subtitle_id):
        raise ApiFault("InvalidParameterValue", "A subtitle Id is 1 to 16 letters, digits, _ or -.")
    try:
        content = base64.b64decode(item["Content"], validate=True)
    except (binascii.Error, ValueError):
        raise ApiFault("InvalidParameterValue", "A subtitle's Content must be Base64.") from None
    name = f"subtitle-{subtitle_id}.vtt"
    ctx.tx.put_blob(mediainfo.blob(file_id, name), content)
    return {"Id": subtitle_id, "Name": item["Name"], "Language": item["Language"], "Format": "vtt",
            "Url": mediainfo.url(ctx, file_id, name), "Source": "UserUploaded"}  # fmt: skip
