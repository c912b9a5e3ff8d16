"""Live pull-stream tasks (live API 2018-08-01): the requests of Create/Modify/Delete/Describe
LivePullStreamTask(s) and DescribeLivePullStreamTaskStatus, as tccli's live api.json declares
them (members, types, required), and the per-member rules of its texts.

Codes: Tencent's per-action lists (reference/live-pull-stream.md §7, from the Go SDK): a bad
source URL is InvalidParameter.InvalidSourceUrl, a bad destination InvalidParameter.InvalidToUrl,
a bad watermark InvalidParameter.InvalidWatermark, a bad callback URL
InvalidParameter.InvalidCallbackUrl, a bad second destination InvalidParameter.InvalidBackupToUrl;
any other bad value of Create or Modify is InvalidParameter. Describe's and Status's lists carry
no InvalidParameter: their bad values answer the common InvalidParameterValue.
"""

from __future__ import annotations

from ..checks import between, matches, one_of
from ..schema import Check, Field, Struct, array, int64, string, uint64

BAD = "InvalidParameter"
SOURCE_TYPES = ("PullLivePushLive", "PullVodPushLive", "PullPicPushLive")
BACKUP_TYPES = ("PullLivePushLive", "PullVodPushLive")
CALLBACK_EVENTS = (
    "TaskStart", "TaskExit", "VodSourceFileStart", "VodSourceFileFinish", "ResetTaskConfig", "TaskAlarm",
)  # fmt: skip
REFRESH_TYPES = ("ImmediateNewSource", "ContinueBreakPoint")
SOURCE_URL = matches(r"(?i)(https?|rtmps?|rtsp|srt)://\S+", "an http, https, rtmp, rtmps, rtsp or srt URL")
TO_URL_OR_EMPTY = matches(
    r"(?i)((rtmps?|rtsp|rtp|srt)://\S+)?", "empty or an rtmp, rtmps, rtsp, rtp, srt URL"
)
HTTP_URL = matches(r"(?i)https?://\S+", "an http or https URL")
# PullPushWatermarkInfo.PictureUrl: "URL中禁止包含的字符" (characters a URL must not contain)
PICTURE_URL = matches(r"(?i)https?://[^\s;(){}$>`#\"'|]+", "an http(s) URL without ;(){}$>`#\"'|")
LOOP_TIMES = matches(r"-1|0|[1-9]\d{0,9}", "-1, 0 or a positive number of loops")
TIME = matches(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "a UTC time such as 2019-01-08T10:00:00Z")
TASK_ID = matches(r"[^\s]{1,128}", "a task id")


def _comment(value: str) -> str | None:
    """Comment: "限制 512 字节" — at most 512 bytes of UTF-8."""
    return None if len(value.encode("utf-8")) <= 512 else "at most 512 bytes"


def _percent(name: str) -> Field:
    return int64(name, between(0, 100), required=True, code="InvalidParameter.InvalidWatermark")


WATERMARK = Struct(
    "PullPushWatermarkInfo",
    (
        string("PictureUrl", PICTURE_URL, required=True, code="InvalidParameter.InvalidWatermark"),
        _percent("XPosition"),
        _percent("YPosition"),
        _percent("Width"),
        _percent("Height"),
        int64("Location", one_of(0, 1, 2, 3), required=True, code="InvalidParameter.InvalidWatermark"),
    ),
)


def _text(name: str, *checks: Check, code: str = BAD, required: bool = False) -> Field:
    return string(name, *checks, code=code, required=required)


def _shared(create: bool) -> tuple[Field, ...]:
    """Members Create and Modify both take, with the same rules; Create requires the schedule."""
    return (
        array("SourceUrls", "str", SOURCE_URL, code="InvalidParameter.InvalidSourceUrl", required=create),
        _text("StartTime", TIME, required=create),
        _text("EndTime", TIME, required=create),
        _text("VodRefreshType", one_of(*REFRESH_TYPES)),
        array("CallbackEvents", "str", one_of(*CALLBACK_EVENTS), code=BAD),
        _text("CallbackUrl", HTTP_URL, code="InvalidParameter.InvalidCallbackUrl"),
        _text("SpecifyTaskId", TASK_ID),
        _text("Comment", _comment),
        _text("ToUrl", TO_URL_OR_EMPTY, code="InvalidParameter.InvalidToUrl"),
        int64("FileIndex", between(1, 30), code=BAD),
        int64("OffsetTime", between(0, 2**31), code=BAD),
        _text("BackupSourceType", one_of("", *BACKUP_TYPES)),
        _text("BackupSourceUrl", SOURCE_URL, code="InvalidParameter.InvalidSourceUrl"),
        array("WatermarkList", WATERMARK, max_items=4, code="InvalidParameter.InvalidWatermark"),
        int64("VodLocalMode", one_of(0, 1), code=BAD),
        _text("BackupToUrl", TO_URL_OR_EMPTY, code="InvalidParameter.InvalidBackupToUrl"),
    )


CREATE = Struct(
    "CreateLivePullStreamTaskRequest",
    (
        _text("SourceType", one_of(*SOURCE_TYPES), required=True),
        *_shared(create=True),
        _text("DomainName", required=True),
        _text("AppName", required=True),
        _text("StreamName", required=True),
        _text("Operator", required=True),
        _text("PushArgs"),
        _text("VodLoopTimes", LOOP_TIMES),  # a String on Create, an Integer on Modify (api.json)
        _text("ExtraCmd"),
        _text("RecordTemplateId"),
        _text("TranscodeTemplateName"),
    ),
)
MODIFY = Struct(
    "ModifyLivePullStreamTaskRequest",
    (
        _text("TaskId", required=True),
        _text("Operator", required=True),
        *_shared(create=False),
        int64("VodLoopTimes", between(-1, 2**31), code=BAD),
        _text("Status", one_of("enable", "pause")),
        _text("BackupVodUrl", SOURCE_URL, code="InvalidParameter.InvalidSourceUrl"),
    ),
)
DELETE = Struct(
    "DeleteLivePullStreamTaskRequest",
    (_text("TaskId", required=True), _text("Operator", required=True), _text("SpecifyTaskId")),
)
RESTART = Struct(
    "RestartLivePullStreamTaskRequest", (_text("TaskId", required=True), _text("Operator", required=True))
)
DESCRIBE = Struct(
    "DescribeLivePullStreamTasksRequest",
    (
        string("TaskId"),
        uint64("PageNum", between(1, 2**31)),
        uint64("PageSize", between(1, 20)),
        string("SpecifyTaskId"),
    ),
)
STATUS = Struct("DescribeLivePullStreamTaskStatusRequest", (string("TaskId", required=True),))
