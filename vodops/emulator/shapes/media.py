"""Media: the requests of uploads (ApplyUpload, CommitUpload, PullUpload), of following a task
(DescribeTaskDetail) and of finding, changing and deleting media (SearchMedia,
DescribeMediaInfos, ModifyMediaInfo, DeleteMedia).

Members, types and limits are tccli's api.json (vod 2018-07-17); error codes are the Go SDK's
errors.go for each action (reference media-upload.md §1-§4).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from ..checks import between, length, matches, one_of
from ..schema import Field, Struct, array, int64, number, obj, string, uint64
from .common import request

ISO_TIME = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})"
_EXTENSION = matches(r"[A-Za-z0-9]{1,10}", "a file extension such as mp4")
_STORAGE_PATH = matches(r"/.{1,255}", "a path starting with /")


def _iso_time(value: Any) -> str | None:
    """An ISO 8601 time that is a real moment: in ISO_TIME's form, with a date, hour and zone
    offset in range (api.json ExpireTime: "ISO 日期格式")."""
    if not re.fullmatch(ISO_TIME, value):
        return "an ISO 8601 time"
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return "an ISO 8601 time with its date, hour and zone offset in range"
    return None


def _expire_time(code: str) -> Field:
    return string("ExpireTime", _iso_time, code=code)


def _common_upload(expire_code: str) -> tuple[Field, ...]:
    """What ApplyUpload and PullUpload both take about the media they make."""
    return (
        string("MediaName", length(0, 64), code="InvalidParameterValue.MediaName"),
        string("Procedure", length(0, 20), code="InvalidParameterValue.Procedure"),
        _expire_time(expire_code),
        string("StorageRegion", matches(r"[a-z]{2,4}-[a-z]+(-\d+)?", "a storage region such as ap-singapore"),
               code="InvalidParameterValue.StorageRegion"),
        int64("ClassId", between(0, 2**63 - 1), code="InvalidParameterValue.ClassId"),
        string("SourceContext", length(0, 250), code="InvalidParameterValue.SourceContext"),
        string("SessionContext", length(0, 1000), code="InvalidParameterValue.SessionContextTooLong"),
        string("ExtInfo"),
        string("MediaStoragePath", _STORAGE_PATH, code="InvalidParameterValue.MediaStoragePath"),
    )  # fmt: skip


APPLY_UPLOAD = request(
    "ApplyUpload",
    string("MediaType", _EXTENSION, required=True, code="InvalidParameterValue.MediaType"),
    string("CoverType", _EXTENSION, code="InvalidParameterValue.CoverType"),
    *_common_upload("InvalidParameterValue.ExpireTime"),
)
COMMIT_UPLOAD = request(
    "CommitUpload", string("VodSessionKey", required=True, code="InvalidParameterValue.VodSessionKey")
)
PULL_UPLOAD = request(
    "PullUpload",
    string("MediaUrl", matches(r"https?://\S{1,2000}", "an http or https URL"), required=True,
           code="InvalidParameterValue.MediaUrl"),
    string("MediaType", matches(r"[A-Za-z0-9]{0,10}", "a file extension such as mp4"),
           code="FailedOperation.MediaType"),
    string("CoverUrl", matches(r"https?://\S{1,2000}", "an http or https URL"),
           code="InvalidParameterValue.CoverUrl"),
    int64("TasksPriority", between(-10, 10), code="InvalidParameterValue"),
    string("SessionId", length(0, 50), code="InvalidParameterValue.SessionIdTooLong"),
    *_common_upload("InvalidParameterValue.ExpireTime"),
)  # fmt: skip
DESCRIBE_TASK_DETAIL = request(
    "DescribeTaskDetail", string("TaskId", required=True, code="InvalidParameterValue.TaskId")
)

FILTERS = one_of(
    "basicInfo", "metaData", "transcodeInfo", "animatedGraphicsInfo", "imageSpriteInfo",
    "snapshotByTimeOffsetInfo", "sampleSnapshotInfo", "keyFrameDescInfo",
    "adaptiveDynamicStreamingInfo", "miniProgramReviewInfo", "subtitleInfo", "reviewInfo",
)  # fmt: skip
_TIME_RANGE = Struct(
    "TimeRange",
    (
        string("After", _iso_time, code="InvalidParameterValue.CreateTime"),
        string("Before", _iso_time, code="InvalidParameterValue.CreateTime"),
    ),
)
_SORT = Struct(
    "SortBy",
    (
        string("Field", one_of("CreateTime"), required=True, code="InvalidParameterValue.Sort"),
        string("Order", one_of("Asc", "Desc"), required=True, code="InvalidParameterValue.Sort"),
    ),
)


def _texts(name: str, items: int, chars: int) -> Field:
    return array(name, "str", length(0, chars), max_items=items, code=f"InvalidParameterValue.{name}")


SEARCH_MEDIA = request(
    "SearchMedia",
    _texts("FileIds", 10, 40),
    _texts("Names", 10, 100),
    _texts("NamePrefixes", 10, 100),
    _texts("Descriptions", 10, 100),
    array("ClassIds", "int", max_items=10, code="InvalidParameterValue.ClassIds"),
    _texts("Tags", 16, 32),
    array("Categories", "str", one_of("Video", "Audio", "Image"), code="InvalidParameterValue.Categories"),
    _texts("SourceTypes", 10, 32),
    _texts("StreamIds", 10, 64),
    obj("CreateTime", _TIME_RANGE),
    obj("ExpireTime", _TIME_RANGE),
    _texts("StorageRegions", 20, 20),
    array("StorageClasses", "str", one_of("STANDARD", "STANDARD_IA", "ARCHIVE", "DEEP_ARCHIVE"),
          code="InvalidParameterValue.StorageClasses"),
    _texts("MediaTypes", 10, 10),
    array("Status", "str", one_of("Normal", "SystemForbidden", "Forbidden"),
          code="InvalidParameterValue.Status"),
    array("Filters", "str", FILTERS, code="InvalidParameterValue.Filters"),
    obj("Sort", _SORT),
    uint64("Offset", between(0, 5000), code="InvalidParameterValue.Offset"),
    uint64("Limit", between(0, 5000), code="InvalidParameterValue.Limit"),
    string("Text", length(0, 64), code="InvalidParameterValue.Text"),
    string("SourceType", length(0, 32), code="InvalidParameterValue.SourceType"),
    array("ReviewResults", "str", one_of("pass", "review", "block", "notModerated"),
          code="InvalidParameterValue.ReviewResults"),
    array("TrtcSdkAppIds", "uint", max_items=10, code="InvalidParameterValue.TrtcSdkAppIds"),
    _texts("TrtcRoomIds", 10, 64),
    string("StreamId", code="InvalidParameterValue.StreamId"),
    string("StartTime", _iso_time, code="InvalidParameterValue.StartTime"),
    string("EndTime", _iso_time, code="InvalidParameterValue.EndTime"),
    array("Vids", "str", code="InvalidParameterValue.Vids"),  # no longer works (api.json): ignored
    string("Vid", code="InvalidParameterValue.Vid"),  # the same
    array("StreamDomains", "str", max_items=10, code="InvalidParameterValue.StreamDomains"),
    array("StreamPaths", "str", max_items=10, code="InvalidParameterValue.StreamPaths"),
    array("KnowledgeBases", "str", max_items=10, code="InvalidParameterValue.KnowledgeBases"),
)  # fmt: skip
DESCRIBE_MEDIA_INFOS = request(
    "DescribeMediaInfos",
    array("FileIds", "str", max_items=20, required=True, code="InvalidParameterValue.FileIdsTooMany"),
    array("Filters", "str", FILTERS, code="InvalidParameterValue.Filters"),
)
_KEY_FRAME = Struct(
    "MediaKeyFrameDescItem",
    (number("TimeOffset", required=True), string("Content", length(0, 128), required=True)),
)
_SUBTITLE = Struct(
    "MediaSubtitleInput",
    (
        string("Name", length(0, 64), required=True, code="InvalidParameterValue"),
        string("Language", length(1, 16), required=True, code="InvalidParameterValue"),
        string("Format", required=True, code="InvalidParameterValue.SubtitleFormat"),
        string("Content", required=True, code="InvalidParameterValue"),
        string("Id", code="InvalidParameterValue"),
    ),
)
MODIFY_MEDIA_INFO = request(
    "ModifyMediaInfo",
    string("FileId", required=True, code="InvalidParameterValue.FileId"),
    string("Name", length(0, 64), code="InvalidParameterValue.Name"),
    string("Description", length(0, 128), code="InvalidParameterValue.Description"),
    int64("ClassId", between(0, 2**63 - 1), code="InvalidParameterValue.ClassId"),
    _expire_time("InvalidParameterValue.ExpireTime"),
    string("CoverData", code="InvalidParameterValue.CoverData"),
    array("AddKeyFrameDescs", _KEY_FRAME, max_items=100, code="InvalidParameterValue.AddKeyFrameDescs"),
    array("DeleteKeyFrameDescs", "float", max_items=100, code="InvalidParameterValue.DeleteKeyFrameDescs"),
    int64("ClearKeyFrameDescs", one_of(0, 1), code="InvalidParameterValue.ClearKeyFrameDescs"),
    _texts("AddTags", 16, 32),
    _texts("DeleteTags", 16, 32),
    int64("ClearTags", one_of(0, 1), code="InvalidParameterValue.ClearTags"),
    array("AddSubtitles", _SUBTITLE, max_items=16, code="InvalidParameterValue"),
    array("DeleteSubtitleIds", "str", max_items=16, code="InvalidParameterValue"),
    int64("ClearSubtitles", one_of(0, 1), code="InvalidParameterValue"),
    array("DeleteKnowledgeBases", "str", code="InvalidParameterValue"),
    int64("ClearKnowledgeBases", one_of(0, 1), code="InvalidParameterValue"),
)
_DELETE_ITEM = Struct(
    "MediaDeleteItem",
    (
        string("Type", one_of("OriginalFiles", "TranscodeFiles", "AdaptiveDynamicStreamingFiles",
                              "WechatPublishFiles", "WechatMiniProgramPublishFiles",
                              "MpsAiMediaAiAnalysisFiles", "MpsAiMediaSmartEraseFiles",
                              "MpsAiMediaSmartSubtitleFiles"),
               required=True, code="InvalidParameterValue.Type"),
        int64("Definition", code="InvalidParameterValue.Definition"),
    ),
)  # fmt: skip
DELETE_MEDIA = request(
    "DeleteMedia",
    string("FileId", required=True, code="InvalidParameterValue.FileId"),
    array("DeleteParts", _DELETE_ITEM, code="InvalidParameterValue.DeleteParts"),
)
