"""LivePullStreamTask: a relay of the live API 2018-08-01 (reference/live-pull-stream.md): its wire,
identity (a Comment marker), time window and what a plan shows it doing. Its spec model is
vodops.resources.live_task."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from vodops.normalize import Default, pattern
from vodops.ownership import NAME_PATTERN
from vodops.resources.kind import Identity, Kind, Schedule, Scope, Wire
from vodops.utctime import epoch

COMMENT_BYTES = 512
LIVE_PULL_STREAM_TASK = "LivePullStreamTask"
# Create-only members (absent from ModifyLivePullStreamTask, api.json): a change is a replace,
# which interrupts the output stream while the new task starts.
IMMUTABLE = (
    "sourceType", "domainName", "appName", "streamName", "pushArgs", "extraCmd", "recordTemplateId",
    "transcodeTemplateName",
)  # fmt: skip
# Members Describe never returns (api.json's PullStreamTaskInfo): compared by the marker's digest.
WRITE_ONLY = ("toUrl", "extraCmd", "fileIndex", "offsetTime", "backupVodUrl")


def task_name(name: str) -> str | None:
    """A task's name is carried in its Comment marker: letters, digits, '_', '.', '-'."""
    if not NAME_PATTERN.fullmatch(name):
        return "must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit"
    return None


def task_state(raw: Mapping[str, Any], run_status: Callable[[], str], now: float) -> str:
    """What a relay is doing at `now` (the API's time): paused (Status), scheduled (before its
    StartTime), ended (after its EndTime), else running when DescribeLivePullStreamTaskStatus
    says RunStatus active, or "not pushing" when it says inactive (the relay is failing)."""
    if raw.get("Status") == "pause":
        return "paused"
    start, end = epoch(raw.get("StartTime")), epoch(raw.get("EndTime"))
    if end is not None and end <= now:
        return "ended"
    if start is not None and now < start:
        return "scheduled"
    return "running" if run_status() == "active" else "not pushing"


KIND = Kind(
    LIVE_PULL_STREAM_TASK,
    "vodops.resources.live_task:LivePullStreamTaskSpec",
    Wire(
        "DescribeLivePullStreamTasks", "TaskInfos", True, "CreateLivePullStreamTask",
        "ModifyLivePullStreamTask", "DeleteLivePullStreamTask", "TaskId", "TaskId",
        scope=Scope.ACCOUNT, service="live", numbered=True, page_size=20, quota_key="LimitTaskNum",
        status=("DescribeLivePullStreamTaskStatus", "TaskStatusInfo", "RunStatus"),
    ),
    task_name,
    folder="live-pull-stream-tasks",
    identity=Identity.MARKER,
    rules=(
        Default(pattern("vodLoopTimes"), -1),
        Default(pattern("vodLocalMode"), 0),
        Default(pattern("status"), "enable"),
        # "将该参数置为空, 则可将任务去除备播信息" (api.json, Modify BackupSourceType): "" drops
        # the backup source, its URL with it. No other member documents how to clear it.
        Default(pattern("backupSourceType"), ""),
    ),
    not_spec=frozenset(
        {"TaskId", "Region", "CreateTime", "UpdateTime", "CreateBy", "UpdateBy", "CallbackInfo", "ErrorInfo",
         "RecentPullInfo"}
    ),
    is_preset=lambda raw: False,
    immutable=IMMUTABLE,
    export_prefix="task",
    schedule=Schedule("startTime", "endTime"),
    state=task_state,
    comment_bytes=COMMENT_BYTES,
    write_only=WRITE_ONLY,
    sparse_update=True,
    cleared_with={"backupSourceUrl": "backupSourceType"},
    replace_warning="interrupts the output stream while the new task starts",
)  # fmt: skip
