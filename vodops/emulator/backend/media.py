"""Media files: made by uploads and pulls (`add`), found with SearchMedia and
DescribeMediaInfos, changed with ModifyMediaInfo, deleted with DeleteMedia.

A media file is stored as a document keyed by its FileId. Its class keeps a media count, so a
class holding media cannot be deleted (DeleteClass answers UnsupportedOperation.ClassNotEmpty).
A media file uploaded with a procedure gets that procedure's transcode outputs recorded in its
TranscodeInfo at once, as if the task flow had run (reference media-upload.md §5).
"""

from __future__ import annotations

import base64
import binascii
import secrets
from dataclasses import dataclass

from ..faults import ApiFault
from ..schema import Params
from ..shapes import media as shapes
from . import classes, mediainfo, procedures, subtitles
from .base import Action, Context, Reply

KIND = "media"
FIRST_FILE_ID = 5285890780000000001  # FileIds are 19-digit numbers (examples.json)
APP_ID = 1250000000  # the account's APPID, as bucket names and task ids carry it
NEVER = "9999-12-31T23:59:59Z"  # MediaBasicInfo.ExpireTime of media that never expire
MAX_TAGS = 16


@dataclass(frozen=True)
class NewMedia:
    """What an upload or a pull knows of the media it makes."""

    params: Params  # the ApplyUpload or PullUpload request
    media_type: str
    storage_path: str
    size: int
    md5: str
    cover_url: str = ""


def add(ctx: Context, new: NewMedia) -> Params:
    """Store a new media file in the caller's app, in its class, with its procedure's outputs."""
    params = new.params
    class_id = params.get("ClassId", 0)
    file_id = str(ctx.tx.next_id(KIND, FIRST_FILE_ID))
    media_url = mediainfo.url(ctx, file_id, new.storage_path.rsplit("/", 1)[-1])
    doc = {
        "FileId": file_id, "Name": params.get("MediaName", ""), "Description": "",
        "ClassId": class_id, "Created": ctx.now, "Updated": ctx.now,
        "ExpireTime": params.get("ExpireTime") or NEVER, "CoverUrl": new.cover_url,
        "Type": new.media_type, "MediaUrl": media_url, "SourceType": "Upload",
        "SourceContext": params.get("SourceContext", ""),
        "StorageRegion": params.get("StorageRegion") or mediainfo.DEFAULT_REGION,
        "StoragePath": new.storage_path, "Tags": [], "Category": mediainfo.category(new.media_type),
        "Status": "Normal", "StorageClass": "STANDARD", "Size": new.size, "Md5": new.md5, "KeyFrames": [],
        "Subtitles": [], "ReviewResult": "notModerated",
        "Transcodes": transcodes(ctx, params.get("Procedure", ""), media_url),
        "ProcedureTaskId": f"{APP_ID}-procedurev2-{secrets.token_hex(16)}" if params.get("Procedure") else "",
    }  # fmt: skip
    _count(ctx, class_id, +1)
    ctx.tx.put(KIND, ctx.app, file_id, doc)
    return doc


def check_refs(ctx: Context, params: Params) -> None:
    """Refuse an upload or a pull naming a class or a procedure the app does not have."""
    class_id = params.get("ClassId", 0)
    if class_id and ctx.tx.get(classes.KIND, ctx.app, str(class_id)) is None:
        raise ApiFault("InvalidParameterValue.ClassId", f"Class {class_id} does not exist.")
    name = params.get("Procedure")
    if name and procedures.find(ctx, name) is None:
        raise ApiFault("InvalidParameterValue.Procedure", f"Procedure {name!r} does not exist.")


def transcodes(ctx: Context, procedure: str, media_url: str) -> list[Params]:
    """The transcode outputs the procedure named `procedure` makes of a media file ([] for none)."""
    found = procedures.find(ctx, procedure) if procedure else None
    if found is None:
        return []
    tasks = found["Spec"].get("MediaProcessTask", {}).get("TranscodeTaskSet", [])
    return [mediainfo.transcode_item(ctx, int(task["Definition"]), media_url) for task in tasks]


def search(ctx: Context, params: Params) -> Reply:
    """SearchMedia: the app's living media matching the request's filters, an Offset/Limit page
    (Limit 0 or absent: 10) shown with the Filters blocks; answers {TotalCount (at most 5000),
    MediaInfoSet}. Raises ApiFault InvalidParameterValue.Offset when Offset + Limit passes 5000."""
    offset, limit = params.get("Offset", 0), params.get("Limit") or 10
    if offset + limit > 5000:
        raise ApiFault("InvalidParameterValue.Offset", "Offset + Limit must not exceed 5000.")
    found = mediainfo.matching(ctx, ctx.tx.scan(KIND, ctx.app), params)
    shown = [mediainfo.show(ctx, doc, params.get("Filters")) for doc in found[offset : offset + limit]]
    return {"TotalCount": min(len(found), 5000), "MediaInfoSet": shown}


def describe(ctx: Context, params: Params) -> Reply:
    """DescribeMediaInfos: the living media of FileIds (each once), shown with the Filters blocks;
    answers {MediaInfoSet, NotExistFileIdSet}. Raises ApiFault InvalidParameterValue.FileIdsEmpty
    for no FileIds."""
    file_ids: list[str] = params["FileIds"]
    if not file_ids:
        raise ApiFault("InvalidParameterValue.FileIdsEmpty", "FileIds must name at least one file.")
    docs = {fid: _alive(ctx, ctx.tx.get(KIND, ctx.app, fid)) for fid in dict.fromkeys(file_ids)}
    return {
        "MediaInfoSet": [mediainfo.show(ctx, d, params.get("Filters")) for d in docs.values() if d],
        "NotExistFileIdSet": [fid for fid, doc in docs.items() if doc is None],
    }


def modify(ctx: Context, params: Params) -> Reply:
    """ModifyMediaInfo: the media FileId's name, description, class, expiry, cover, tags, key frames
    and subtitles, those given; answers {CoverUrl (when CoverData was sent, else ''),
    AddedSubtitleSet}. Raises ApiFault ResourceNotFound.FileNotExist, InvalidParameterValue.ClassId,
    InvalidParameterValue.CoverData, the AddTags/DeleteTags/ClearTags conflicts,
    InvalidParameterValue.Tags (past 16), and the subtitle rules' InvalidParameterValue codes."""
    doc = _existing(ctx, params["FileId"])
    _check_tags(params)
    subtitles.check(params)
    if "ClassId" in params and params["ClassId"] != doc["ClassId"]:
        check_refs(ctx, {"ClassId": params["ClassId"]})
        _count(ctx, doc["ClassId"], -1)
        _count(ctx, params["ClassId"], +1)
    for name in ("Name", "Description", "ClassId", "ExpireTime"):
        if name in params:
            doc[name] = params[name]
    if "CoverData" in params:
        doc["CoverUrl"] = _cover(ctx, doc["FileId"], params["CoverData"])
    doc["Tags"] = _tags(doc["Tags"], params)
    doc["KeyFrames"] = _key_frames(doc["KeyFrames"], params)
    added = subtitles.apply(ctx, doc, params)
    doc["Updated"] = ctx.now
    ctx.tx.put(KIND, ctx.app, doc["FileId"], doc)
    return {"CoverUrl": doc["CoverUrl"] if "CoverData" in params else "", "AddedSubtitleSet": added}


def delete(ctx: Context, params: Params) -> Reply:
    """DeleteMedia: the media FileId, whole (no DeleteParts, or OriginalFiles among them), or only
    the transcode outputs of the TranscodeFiles parts (every output when a part names no
    Definition); answers {}. Raises ApiFault ResourceNotFound.FileNotExist."""
    doc = _existing(ctx, params["FileId"])
    parts = params.get("DeleteParts") or []
    if not parts or any(p["Type"] == "OriginalFiles" for p in parts):
        _count(ctx, doc["ClassId"], -1)
        ctx.tx.delete(KIND, ctx.app, doc["FileId"])
        ctx.tx.delete_blobs(mediainfo.blob(doc["FileId"], ""))
        return {}
    gone = {p.get("Definition") for p in parts if p["Type"] == "TranscodeFiles"}
    doc["Transcodes"] = [t for t in doc["Transcodes"] if None not in gone and t["Definition"] not in gone]
    ctx.tx.put(KIND, ctx.app, doc["FileId"], doc)
    return {}


def _cover(ctx: Context, file_id: str, data: str) -> str:
    """Store a Base64 cover image; answer its URL."""
    try:
        image = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise ApiFault("InvalidParameterValue.CoverData", "CoverData is not Base64.") from None
    extension = mediainfo.image_type(image)
    if extension is None:
        raise ApiFault("InvalidParameterValue.CoverData", "CoverData must be a GIF, JPEG or PNG image.")
    name = f"cover-{int(ctx.now * 1000)}.{extension}"
    ctx.tx.put_blob(mediainfo.blob(file_id, name), image)
    return mediainfo.url(ctx, file_id, name)


def _existing(ctx: Context, file_id: str) -> Params:
    doc = _alive(ctx, ctx.tx.get(KIND, ctx.app, file_id))
    if doc is None:
        raise ApiFault("ResourceNotFound.FileNotExist", f"The media file {file_id} does not exist.")
    return doc


def _alive(ctx: Context, doc: Params | None) -> Params | None:
    return doc if doc is not None and mediainfo.alive(ctx, doc) else None


def _count(ctx: Context, class_id: int, step: int) -> None:
    """Keep the class's media count, which DeleteClass reads."""
    doc = ctx.tx.get(classes.KIND, ctx.app, str(class_id))
    if doc is not None:
        doc["MediaCount"] = max(0, int(doc["MediaCount"]) + step)
        ctx.tx.put(classes.KIND, ctx.app, str(class_id), doc)


def _check_tags(params: Params) -> None:
    added, deleted = set(params.get("AddTags", [])), set(params.get("DeleteTags", []))
    if added & deleted:
        raise ApiFault(
            "InvalidParameterValue.AddTagsAndDeleteTagsConflict", "AddTags and DeleteTags share a tag."
        )
    if added and params.get("ClearTags") == 1:
        raise ApiFault(
            "InvalidParameterValue.AddTagsAndClearTagsConflict", "AddTags cannot be used with ClearTags."
        )


def _tags(tags: list[str], params: Params) -> list[str]:
    kept = [] if params.get("ClearTags") == 1 else [t for t in tags if t not in params.get("DeleteTags", [])]
    merged = list(dict.fromkeys([*kept, *params.get("AddTags", [])]))
    if len(merged) > MAX_TAGS:
        raise ApiFault("InvalidParameterValue.Tags", f"A media file holds at most {MAX_TAGS} tags.")
    return merged


def _key_frames(frames: list[Params], params: Params) -> list[Params]:
    if params.get("ClearKeyFrameDescs") == 1:
        frames = []
    gone = set(params.get("DeleteKeyFrameDescs", []))
    kept = [f for f in frames if f["TimeOffset"] not in gone]
    return sorted([*kept, *params.get("AddKeyFrameDescs", [])], key=lambda f: float(f["TimeOffset"]))


ACTIONS = {
    "SearchMedia": Action(shapes.SEARCH_MEDIA, search),
    "DescribeMediaInfos": Action(shapes.DESCRIBE_MEDIA_INFOS, describe),
    "ModifyMediaInfo": Action(shapes.MODIFY_MEDIA_INFO, modify),
    "DeleteMedia": Action(shapes.DELETE_MEDIA, delete),
}
