"""LivePullStreamTask: a relay of the live API 2018-08-01 that pulls a live stream, video files or
an image and pushes it to a destination for a time window (reference/live-pull-stream.md).

The spec is CreateLivePullStreamTask's request with ModifyLivePullStreamTask's own members
(`status`, `backupVodUrl`), in lowerCamelCase, less what vodops itself supplies: `Operator`
(always "vodops"), `TaskId` (the API's id) and `SpecifyTaskId` (see vodops/kinds/live_task.py
for why identity is a Comment marker instead). Rules are api.json's texts and seed 001's. The
kind's declaration is vodops.kinds.live_task.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from vodops.resources.base import Path, Spec
from vodops.resources.fields import Pattern, Range
from vodops.utctime import PATTERN as TIME_PATTERN
from vodops.utctime import epoch, unreal_times, utc_text

MAX_SPAN_SECONDS = 30 * 86400  # "结束时间 和 开始时间 间隔必须小于30天" (api.json, Create and Modify)
SourceType = Literal["PullLivePushLive", "PullVodPushLive", "PullPicPushLive"]
BackupType = Literal["PullLivePushLive", "PullVodPushLive"]
Event = Literal[
    "TaskStart", "TaskExit", "VodSourceFileStart", "VodSourceFileFinish", "ResetTaskConfig", "TaskAlarm"
]


def _utc_text(value: Any) -> Any:
    """YAML reads an unquoted 2026-12-01T00:00:00Z as a timestamp: take it as the text it was."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return utc_text(value.timestamp())
    return value


UtcTime = Annotated[
    str,
    BeforeValidator(_utc_text),
    Pattern(f"^{TIME_PATTERN}$", "a UTC time such as 2026-12-01T00:00:00Z"),
]
SourceUrl = Annotated[
    str, Pattern(r"^(?i:https?|rtmps?|rtsp|srt)://\S*[^\s!]$", "an http, https, rtmp, rtmps, rtsp or srt URL")
]
PushUrl = Annotated[
    str, Pattern(r"^(?i:rtmps?|rtsp|rtp|srt)://\S*[^\s!]$", "an rtmp, rtmps, rtsp, rtp or srt URL")
]
HttpUrl = Annotated[str, Pattern(r"^(?i:https?)://\S*[^\s!]$", "an http or https URL")]
PictureUrl = Annotated[
    str,
    Pattern(
        r"^(?i:https?)://[^\s;(){}$>`#\"'|]*[^\s;(){}$>`#\"'|!]$",
        "an http(s) URL without any of ;(){}$>`#\"'|",
    ),
]
Percent = Annotated[int, Range(0, 100, "%")]


class Watermark(Spec):
    """PullPushWatermarkInfo: every member is required (api.json)."""

    picture_url: PictureUrl
    x_position: Percent
    y_position: Percent
    width: Percent
    height: Percent
    location: Literal[0, 1, 2, 3] = Field(
        description="0 top left, 1 top right, 2 bottom right, 3 bottom left"
    )


class LivePullStreamTaskSpec(Spec):
    """CreateLivePullStreamTask's fields (the live API, 2018-08-01): pulling sourceUrls and pushing them to a
    live stream between startTime and endTime (UTC)."""

    source_type: SourceType
    source_urls: Annotated[list[SourceUrl], Field(min_length=1, max_length=30)]
    domain_name: str | None = None
    app_name: str | None = None
    stream_name: str | None = None
    to_url: PushUrl | None = None
    start_time: UtcTime
    end_time: UtcTime
    push_args: str | None = None
    callback_events: list[Event] | None = None
    callback_url: HttpUrl | None = None
    vod_loop_times: Annotated[int, Range(-1, 2**31, "loops")] | None = None
    vod_refresh_type: Literal["ImmediateNewSource", "ContinueBreakPoint"] | None = None
    extra_cmd: str | None = None
    comment: str | None = None
    file_index: Annotated[int, Range(1, 30)] | None = None
    offset_time: Annotated[int, Range(0, 2**31, "s")] | None = None
    backup_source_type: BackupType | None = None
    backup_source_url: SourceUrl | None = None
    watermark_list: Annotated[list[Watermark], Field(max_length=4)] | None = None
    vod_local_mode: Literal[0, 1] | None = None
    record_template_id: str | None = None
    backup_to_url: PushUrl | None = None
    transcode_template_name: str | None = None
    status: Literal["enable", "pause"] | None = None
    backup_vod_url: SourceUrl | None = None

    def problems(self) -> Iterator[tuple[Path, str]]:
        """(path inside the spec, message) for each rule across fields that the types cannot state: either
        toUrl or domainName, appName and streamName; one source URL unless PullVodPushLive; fileIndex within
        sourceUrls; the time window."""
        yield from self._destination_problems()
        if self.source_type != "PullVodPushLive" and len(self.source_urls) > 1:
            yield ("sourceUrls",), f"a {self.source_type} task pulls from exactly one URL"
        if self.file_index is not None and self.file_index > len(self.source_urls):
            yield ("fileIndex",), f"must be at most the number of sourceUrls ({len(self.source_urls)})"
        yield from unreal_times({"startTime": self.start_time, "endTime": self.end_time})
        yield from window_problems(self.start_time, self.end_time)

    def _destination_problems(self) -> Iterator[tuple[Path, str]]:
        parts = {"domainName": self.domain_name, "appName": self.app_name, "streamName": self.stream_name}
        if self.to_url is not None:
            for name in (n for n, v in parts.items() if v):
                yield (name,), "must be empty when toUrl gives the full destination"
        else:
            for name in parts:
                if not parts[name]:
                    yield (name,), "is required unless toUrl gives the full destination"


def window_problems(start: str, end: str) -> Iterator[tuple[Path, str]]:
    """The API's limits on a window that do not depend on the time (api.json): endTime after
    startTime, less than 30 days apart."""
    begins, ends = epoch(start), epoch(end)
    if begins is None or ends is None:
        return
    if ends <= begins:
        yield ("endTime",), f"must be later than startTime ({start})"
    elif ends - begins >= MAX_SPAN_SECONDS:
        yield (
            ("endTime",),
            f"must be less than 30 days after startTime ({start}); the API refuses longer windows",
        )
