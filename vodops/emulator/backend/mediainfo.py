"""How media files are shown (MediaInfo, api.json) and matched by SearchMedia's filters.

Media bytes (originals, covers) are blobs named `media/<FileId>/<file>`, served at
`/_emulator/media/<FileId>/<file>`; each media file's URLs point there.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..presets import SYSTEM_CLASS, TRANSCODE_TEMPLATES
from ..schema import Params
from . import classes
from .base import Context, Reply, utc_time

URL_PREFIX = "/_emulator/media/"
DEFAULT_REGION = "ap-singapore"  # international accounts store in Singapore by default [S2]
_AUDIO = frozenset({"mp3", "m4a", "flac", "ogg", "wav", "aac", "wma", "amr"})
_IMAGE = frozenset({"jpg", "jpeg", "png", "gif", "bmp", "webp", "tif", "tiff", "heic"})
_IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
)
_FLAGS = {"basicInfo": "BasicInfo", "metaData": "MetaData", "transcodeInfo": "TranscodeInfo",
          "keyFrameDescInfo": "KeyFrameDescInfo", "subtitleInfo": "SubtitleInfo"}  # fmt: skip
_OTHER_BLOCKS = (
    "AnimatedGraphicsInfo", "SampleSnapshotInfo", "ImageSpriteInfo", "SnapshotByTimeOffsetInfo",
    "AdaptiveDynamicStreamingInfo", "MiniProgramReviewInfo", "ReviewInfo",
    "MPSAiMediaInfo", "ImageUnderstandingInfo", "KnowledgeBasesInfo", "FaceRecognitionInfo",
)  # fmt: skip
# SearchMedia filters that match one attribute against a list (any of), and the attribute.
_ANY_OF = {"FileIds": "FileId", "Categories": "Category", "SourceTypes": "SourceType",
           "StorageRegions": "StorageRegion", "StorageClasses": "StorageClass", "MediaTypes": "Type",
           "Status": "Status", "StreamIds": "StreamId", "ReviewResults": "ReviewResult",
           "TrtcSdkAppIds": "TrtcSdkAppId", "TrtcRoomIds": "TrtcRoomId", "StreamDomains": "StreamDomain",
           "StreamPaths": "StreamPath"}  # fmt: skip


NO_FILE: Params = {"Size": 0, "Type": "", "Md5": ""}  # the MetaData of a pull that made no file


def blob(file_id: str, name: str) -> str:
    """The blob name of a media file's `name` (its original or a cover)."""
    return f"media/{file_id}/{name}"


def url(ctx: Context, file_id: str, name: str) -> str:
    """The URL the emulator serves the media file `file_id`'s `name` at, under the caller's
    origin."""
    return f"{ctx.origin}{URL_PREFIX}{file_id}/{name}"


def category(media_type: str) -> str:
    """MediaBasicInfo.Category of a media type (a file extension): Audio, Image or Video."""
    kind = media_type.lower()
    return "Audio" if kind in _AUDIO else "Image" if kind in _IMAGE else "Video"


def image_type(data: bytes) -> str | None:
    """`png`, `jpg` or `gif` by the image's magic bytes; None for anything else."""
    return next((ext for magic, ext in _IMAGE_MAGIC if data.startswith(magic)), None)


def transcode_item(ctx: Context, definition: int, media_url: str) -> Params:
    """The MediaTranscodeItem a transcode template makes of a media file."""
    template: Params = ctx.tx.get("transcode", ctx.app, str(definition)) or next(
        (doc for doc in TRANSCODE_TEMPLATES if doc["Definition"] == definition), {"Spec": {}}
    )
    spec = template["Spec"]
    container = str(spec.get("Container", "mp4"))
    video, audio = spec.get("VideoTemplate") or {}, spec.get("AudioTemplate") or {}
    extension = "m3u8" if container == "hls" else container
    return {
        "Url": f"{media_url.rsplit('.', 1)[0]}.f{definition}.{extension}",
        "Definition": definition, "Container": container,
        "Bitrate": 1000 * (int(video.get("Bitrate", 0)) + int(audio.get("Bitrate", 0))),
        "Height": int(video.get("Height", 0)), "Width": int(video.get("Width", 0)),
        "Size": 0, "Duration": 0.0, "Md5": "", "VideoStreamSet": [], "AudioStreamSet": [],
        "DigitalWatermarkType": "None", "CopyRightWatermarkText": "", "BlindWatermarkDefinition": 0,
        "FileId": "",
    }  # fmt: skip


def show(ctx: Context, doc: Params, filters: list[str] | None) -> Reply:
    """The MediaInfo of a stored media file; `filters` chooses the blocks (None: all)."""
    blocks: dict[str, Any] = {
        "BasicInfo": basic(ctx, doc),
        "MetaData": meta(doc),
        "TranscodeInfo": {"TranscodeSet": doc["Transcodes"]} if doc["Transcodes"] else None,
        "KeyFrameDescInfo": {"KeyFrameDescSet": doc["KeyFrames"]} if doc["KeyFrames"] else None,
        "SubtitleInfo": {"SubtitleSet": doc["Subtitles"]} if doc["Subtitles"] else None,
    }
    wanted = {_FLAGS[f] for f in filters if f in _FLAGS} if filters else set(blocks)
    shown = {name: value if name in wanted else None for name, value in blocks.items()}
    return {**shown, **dict.fromkeys(_OTHER_BLOCKS), "FileId": doc["FileId"]}


def basic(ctx: Context, doc: Params) -> Reply:
    """MediaBasicInfo of a stored media file (times in UTC, ClassPath joined with '-')."""
    path = _class_path(ctx, int(doc["ClassId"]))
    return {
        "Name": doc["Name"], "Description": doc["Description"],
        "CreateTime": utc_time(doc["Created"]), "UpdateTime": utc_time(doc["Updated"]),
        "ExpireTime": doc["ExpireTime"], "ClassId": doc["ClassId"], "ClassName": path[-1],
        "ClassPath": "-".join(path), "CoverUrl": doc["CoverUrl"], "Type": doc["Type"],
        "MediaUrl": doc["MediaUrl"],
        "SourceInfo": {"SourceType": doc["SourceType"], "SourceContext": doc["SourceContext"],
                       "LiveRecordInfo": None, "TrtcRecordInfo": None, "WebPageRecordInfo": None},
        "StorageRegion": doc["StorageRegion"], "StoragePath": doc["StoragePath"],
        "TagSet": doc["Tags"], "Vid": "", "Category": doc["Category"], "Status": doc["Status"],
        "StorageClass": doc["StorageClass"],
    }  # fmt: skip


def meta(doc: Params) -> Reply:
    """MediaMetaData of a stored media file: its size (bytes), container and MD5; the emulator
    probes no streams, so the rest are zeros."""
    return {
        "Size": doc["Size"], "Container": doc["Type"], "Bitrate": 0, "Height": 0, "Width": 0,
        "Duration": 0.0, "Rotate": 0, "VideoStreamSet": [], "AudioStreamSet": [],
        "VideoDuration": 0.0, "AudioDuration": 0.0, "Md5": doc["Md5"],
    }  # fmt: skip


def _class_path(ctx: Context, class_id: int) -> list[str]:
    """The names from the top class down to `class_id` (the system class's for 0)."""
    names: list[str] = []
    doc = ctx.tx.get(classes.KIND, ctx.app, str(class_id))
    while doc is not None:
        names.insert(0, str(doc["Name"]))
        doc = ctx.tx.get(classes.KIND, ctx.app, str(doc["ParentId"]))
    return names or [str(SYSTEM_CLASS["ClassName"])]


def matching(ctx: Context, docs: list[Params], params: Params) -> list[Params]:
    """The media SearchMedia finds: every filter given must match (AND), any item of a list
    (OR); ranked by how well Names/Descriptions/Text match, else sorted by CreateTime."""
    tests = [_any_of(p, attr, params[p]) for p, attr in _ANY_OF.items() if params.get(p)]
    tests += _text_tests(params) + _range_tests(params) + _class_tests(ctx, params)
    found = [doc for doc in docs if alive(ctx, doc) and all(test(doc) for test in tests)]
    ranked = [params.get(p) for p in ("Names", "Descriptions", "Text") if params.get(p)]
    if ranked:
        return sorted(found, key=lambda doc: _rank(doc, params))
    descending = params.get("Sort", {}).get("Order", "Desc") == "Desc"
    return sorted(found, key=lambda doc: float(doc["Created"]), reverse=descending)


Test = Callable[[Params], bool]


def alive(ctx: Context, doc: Params) -> bool:
    """Whether a media file has not expired (expired media are gone)."""
    return _doc_time(doc, "ExpireTime") > ctx.now


def _any_of(param: str, attr: str, wanted: list[Any]) -> Test:
    return lambda doc: doc.get(attr) in wanted


def _text_tests(params: Params) -> list[Test]:
    tests: list[Test] = []
    if params.get("Names"):
        tests.append(lambda doc: any(n.lower() in doc["Name"].lower() for n in params["Names"]))
    if params.get("NamePrefixes"):
        tests.append(lambda doc: any(doc["Name"].startswith(p) for p in params["NamePrefixes"]))
    if params.get("Descriptions"):
        tests.append(lambda doc: any(d.lower() in doc["Description"].lower() for d in params["Descriptions"]))
    if params.get("Text"):
        text = params["Text"].lower()
        tests.append(lambda doc: text in doc["Name"].lower() or text in doc["Description"].lower())
    if params.get("Tags"):
        tests.append(lambda doc: bool(set(params["Tags"]) & set(doc["Tags"])))
    if params.get("SourceType"):
        tests.append(lambda doc: doc["SourceType"] == params["SourceType"])
    if params.get("StreamId"):
        tests.append(lambda doc: doc.get("StreamId") == params["StreamId"])
    if params.get("KnowledgeBases"):
        tests.append(lambda doc: False)  # uploaded media belong to no knowledge base
    return tests


def _range_tests(params: Params) -> list[Test]:
    tests: list[Test] = []
    legacy = {"After": params.get("StartTime"), "Before": params.get("EndTime")}
    for name in ("CreateTime", "ExpireTime"):
        bounds = {**(legacy if name == "CreateTime" else {}), **(params.get(name) or {})}
        after, before = _epoch(bounds.get("After"), float("-inf")), _epoch(bounds.get("Before"))
        tests.append(_between(name, after, before))
    return tests


def _between(name: str, after: float, before: float) -> Test:
    return lambda doc: after <= _doc_time(doc, name) <= before


def _class_tests(ctx: Context, params: Params) -> list[Test]:
    if not params.get("ClassIds"):
        return []
    wanted = set(params["ClassIds"])
    tree = ctx.tx.scan(classes.KIND, ctx.app)
    grew = True
    while grew:  # the classes asked for and all their descendants
        below = {int(d["ClassId"]) for d in tree if int(d["ParentId"]) in wanted}
        grew = not below <= wanted
        wanted |= below
    return [lambda doc: int(doc["ClassId"]) in wanted]


def _rank(doc: Params, params: Params) -> tuple[int, int]:
    """How well a name matches, best first: exact, then starting with a term, then containing
    one; among equals, the name with the fewest other characters."""
    name, terms = doc["Name"].lower(), [t.lower() for t in params.get("Names") or [params.get("Text") or ""]]
    degree = 0 if name in terms else 1 if any(name.startswith(t) for t in terms) else 2
    return degree, len(name)


def _epoch(text: str | None, default: float | None = None) -> float:
    if text is None:
        return float("inf") if default is None else default
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def _doc_time(doc: Params, name: str) -> float:
    return float(doc["Created"]) if name == "CreateTime" else _epoch(doc["ExpireTime"])
