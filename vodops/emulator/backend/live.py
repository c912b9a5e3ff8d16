"""Live pull-stream relay tasks (live API 2018-08-01), the cloud's rules for them
(reference/live-pull-stream.md; tccli's live api.json and examples.json are the definitions).

- TaskIds are increasing numeric strings from "10000" (examples.json). A task created with a
  SpecifyTaskId can be addressed by it in Modify, Delete and Describe; it must be unique in the
  account (a second use answers InvalidParameter: no documented code exists for it).
- Tasks belong to the account, not to a region: every region lists them all, and each shows the
  Region it was created in (the listing's region scoping is not documented; this is the choice).
- Schedules (api.json's Create/Modify texts): EndTime after StartTime, EndTime after now, less
  than 30 days apart; a StartTime Modify sets must be after now too. A violation is
  InvalidParameter.InvalidTaskTime. Times are judged by the emulator's clock, moved by the
  `clockOffsetSeconds` knob.
- Quota: LimitTaskNum tasks (20, as examples.json and seed 001; times the quotaScale knob); ended
  tasks count until deleted. Creating past it is InvalidParameter.TaskNumMoreThanLimit.
- Life cycle: a task runs (RunStatus active) from StartTime to EndTime while its Status is
  `enable`. The emulator holds no media: a running task reports its first source and the seconds
  since it started; a task whose every source host ends in `.invalid` (RFC 2606) cannot pull and
  stays inactive, which is how a failing relay looks.
- Unknown tasks are InvalidParameter.TaskNotExist for Modify, Delete and Status; Describe with an
  unknown TaskId lists nothing.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone
from urllib.parse import urlsplit

from ..faults import ApiFault
from ..schema import Params
from ..shapes import live as shapes
from .base import Action, Context, Reply, utc_time

KIND = "live-pull-task"
FIRST_ID = 10000
TASK_LIMIT = 20
MAX_SPAN_SECONDS = 30 * 86400
_BAD_TIME = "InvalidParameter.InvalidTaskTime"
_NOT_SHOWN = ("SpecifyTaskId", "ToUrl", "ExtraCmd", "FileIndex", "OffsetTime", "BackupVodUrl")
_SHOWN_STRINGS = (
    "PushArgs", "CallbackUrl", "VodRefreshType", "Comment", "BackupSourceType", "BackupSourceUrl",
    "RecordTemplateId", "BackupToUrl", "TranscodeTemplateName",
)  # fmt: skip


def create(ctx: Context, params: Params) -> Reply:
    """CreateLivePullStreamTask: a new task, Status enable, in the request's Region; answers
    {TaskId} (a numeric string from 10000). Raises ApiFault InvalidParameter.InvalidToUrl,
    InvalidParameter (no destination, a SpecifyTaskId in use), InvalidParameter.InvalidSourceUrl,
    InvalidParameter.InvalidTaskTime, InvalidParameter.TaskNumMoreThanLimit (20 tasks, times
    quotaScale)."""
    request = {k: v for k, v in params.items() if k != "Operator"}
    _check_destination(request)
    _check_sources(request["SourceType"], request["SourceUrls"])
    _check_window(ctx, request["StartTime"], request["EndTime"])
    _check_specify_id(ctx, request.get("SpecifyTaskId"))
    if ctx.tx.count(KIND, 0) >= ctx.quota(TASK_LIMIT):
        raise ApiFault(
            "InvalidParameter.TaskNumMoreThanLimit",
            f"The number of tasks reached the limit of {ctx.quota(TASK_LIMIT)}.",
        )
    task_id = str(ctx.tx.next_id(KIND, FIRST_ID))
    loops = int(request.pop("VodLoopTimes", "-1"))
    doc = {
        **request, "TaskId": task_id, "VodLoopTimes": loops, "Region": ctx.region, "Status": "enable",
        "CreateBy": params["Operator"], "UpdateBy": "", "CreateTime": ctx.now, "UpdateTime": ctx.now,
    }  # fmt: skip
    ctx.tx.put(KIND, 0, task_id, doc)
    return {"TaskId": task_id}


def modify(ctx: Context, params: Params) -> Reply:
    """ModifyLivePullStreamTask: the given fields of the task TaskId (or SpecifyTaskId); ToUrl
    empties DomainName, AppName and StreamName, an empty BackupSourceType empties BackupSourceUrl;
    answers {}. Raises ApiFault InvalidParameter.TaskNotExist, InvalidParameter.InvalidSourceUrl,
    InvalidParameter.InvalidTaskTime."""
    doc = _find(ctx, params["TaskId"], params.get("SpecifyTaskId"))
    change = {k: v for k, v in params.items() if k not in ("TaskId", "Operator", "SpecifyTaskId")}
    if "SourceUrls" in change:
        _check_sources(doc["SourceType"], change["SourceUrls"])
    for name in ("StartTime", "EndTime"):
        if name in change and _epoch(change[name]) <= ctx.now:
            raise ApiFault(_BAD_TIME, f"The {name} {change[name]} is not later than the current time.")
    if "StartTime" in change or "EndTime" in change:
        window = {**doc, **change}
        _check_window(ctx, window["StartTime"], window["EndTime"])
    if change.get("ToUrl"):  # the destination is now the full URL, which Describe does not return
        change.update(DomainName="", AppName="", StreamName="")
    if change.get("BackupSourceType") == "":  # "置为空, 则可将任务去除备播信息" (api.json)
        change["BackupSourceUrl"] = ""
    doc.update(change, UpdateBy=params["Operator"], UpdateTime=ctx.now)
    ctx.tx.put(KIND, 0, doc["TaskId"], doc)
    return {}


def delete(ctx: Context, params: Params) -> Reply:
    """DeleteLivePullStreamTask: deletes the task TaskId (or SpecifyTaskId); answers {}. Raises
    ApiFault InvalidParameter.TaskNotExist."""
    doc = _find(ctx, params["TaskId"], params.get("SpecifyTaskId"))
    ctx.tx.delete(KIND, 0, doc["TaskId"])
    return {}


def describe(ctx: Context, params: Params) -> Reply:
    """DescribeLivePullStreamTasks: the account's tasks (those of TaskId or SpecifyTaskId when
    given), last updated first, a PageNum/PageSize page (1 and 10 by default); answers {TaskInfos,
    PageNum, PageSize, TotalNum, TotalPage, LimitTaskNum}."""
    tasks = ctx.tx.scan(KIND, 0)
    one = "TaskId" in params or "SpecifyTaskId" in params
    if "SpecifyTaskId" in params:
        tasks = [t for t in tasks if t.get("SpecifyTaskId") == params["SpecifyTaskId"]]
    if "TaskId" in params:
        tasks = [t for t in tasks if t["TaskId"] == params["TaskId"]]
    tasks.sort(key=lambda t: (t["UpdateTime"], int(t["TaskId"])), reverse=True)
    number, size = params.get("PageNum", 1), params.get("PageSize", 10)
    shown = tasks[(number - 1) * size : number * size]
    return {
        "TaskInfos": [_info(ctx, t, recent=one) for t in shown],
        "PageNum": number,
        "PageSize": size,
        "TotalNum": len(tasks),
        "TotalPage": math.ceil(len(tasks) / size),
        "LimitTaskNum": ctx.quota(TASK_LIMIT),
    }


def status(ctx: Context, params: Params) -> Reply:
    """DescribeLivePullStreamTaskStatus: what the task TaskId is doing now; answers {TaskStatusInfo}
    (RunStatus active with its first source and the seconds since StartTime, or inactive). Raises
    ApiFault InvalidParameter.TaskNotExist."""
    doc = _find(ctx, params["TaskId"], None)
    if not running(doc, ctx.now):
        info: Reply = {"FileUrl": "", "LoopedTimes": -1, "OffsetTime": 0, "ReportTime": ""}
        return {"TaskStatusInfo": {**info, "RunStatus": "inactive", "FileDuration": 0, "NextFileUrl": ""}}
    urls = doc["SourceUrls"]
    info = {
        "FileUrl": urls[0],
        "LoopedTimes": 0,
        "OffsetTime": int(ctx.now - _epoch(doc["StartTime"])),
        "ReportTime": utc_time(ctx.now),
    }
    following = urls[1] if len(urls) > 1 else ""
    return {"TaskStatusInfo": {**info, "RunStatus": "active", "FileDuration": 0, "NextFileUrl": following}}


def restart(ctx: Context, params: Params) -> Reply:
    """Restart a running task ("将正在运行的拉流转推任务进行重启", api.json): the push is cut and
    starts again; the task itself is unchanged. One that is not running (paused, outside its
    window, or failing to pull) cannot be restarted: FailedOperation, one of the action's codes."""
    doc = _find(ctx, params["TaskId"], None)
    if not running(doc, ctx.now):
        message = f"The task {doc['TaskId']} is not running, so it cannot be restarted."
        raise ApiFault("FailedOperation", message)
    return {}


def running(doc: Params, now: float) -> bool:
    """Whether the task pushes at `now`: enabled, within its window, with a source it can pull."""
    window = _epoch(doc["StartTime"]) <= now < _epoch(doc["EndTime"])
    reachable = any(not (urlsplit(u).hostname or "").endswith(".invalid") for u in doc["SourceUrls"])
    return doc["Status"] == "enable" and window and reachable


def _info(ctx: Context, doc: Params, recent: bool) -> Reply:
    """A stored task as PullStreamTaskInfo shows it (unset strings "", examples.json)."""
    shown: Reply = {k: v for k, v in doc.items() if k not in _NOT_SHOWN}
    shown.update({k: doc.get(k, "") for k in _SHOWN_STRINGS})
    shown.update(
        CreateTime=utc_time(doc["CreateTime"]),
        UpdateTime=utc_time(doc["UpdateTime"]),
        CallbackEvents=doc.get("CallbackEvents", []),
        WatermarkList=doc.get("WatermarkList", []),
        VodLocalMode=doc.get("VodLocalMode", 0),
        CallbackInfo="",
        ErrorInfo="",
    )
    if recent:
        pulled = status(ctx, {"TaskId": doc["TaskId"]})["TaskStatusInfo"]
        recent_keys = ("FileUrl", "ReportTime", "LoopedTimes")
        shown["RecentPullInfo"] = {**{k: pulled[k] for k in recent_keys}, "OffsetTime": pulled["OffsetTime"]}
    return shown


def _find(ctx: Context, task_id: str, specify_id: str | None) -> Params:
    if specify_id is not None:
        found = next((t for t in ctx.tx.scan(KIND, 0) if t.get("SpecifyTaskId") == specify_id), None)
    else:
        found = ctx.tx.get(KIND, 0, task_id)
    if found is None:
        raise ApiFault("InvalidParameter.TaskNotExist", f"The task {specify_id or task_id} does not exist.")
    return found


def _check_destination(request: Params) -> None:
    parts = (request["DomainName"], request["AppName"], request["StreamName"])
    if request.get("ToUrl") and any(parts):
        raise ApiFault(
            "InvalidParameter.InvalidToUrl", "With ToUrl, DomainName, AppName and StreamName must be empty."
        )
    if not request.get("ToUrl") and not (parts[0] and parts[2]):
        raise ApiFault("InvalidParameter", "DomainName and StreamName are required unless ToUrl is given.")


def _check_sources(source_type: str, urls: list[str]) -> None:
    most = 30 if source_type == "PullVodPushLive" else 1
    if not 1 <= len(urls) <= most:
        raise ApiFault(
            "InvalidParameter.InvalidSourceUrl",
            f"SourceUrls has {len(urls)} URLs; a {source_type} task takes 1 to {most}.",
        )


def _check_window(ctx: Context, start: str, end: str) -> None:
    begins, ends = _epoch(start), _epoch(end)
    if ends <= begins:
        raise ApiFault(_BAD_TIME, f"The EndTime {end} is not later than the StartTime {start}.")
    if ends <= ctx.now:
        raise ApiFault(_BAD_TIME, f"The EndTime {end} is not later than the current time.")
    if ends - begins >= MAX_SPAN_SECONDS:
        raise ApiFault(_BAD_TIME, f"The task lasts from {start} to {end}; it must be less than 30 days.")


def _check_specify_id(ctx: Context, specify_id: str | None) -> None:
    if specify_id and any(t.get("SpecifyTaskId") == specify_id for t in ctx.tx.scan(KIND, 0)):
        raise ApiFault("InvalidParameter", f"The SpecifyTaskId {specify_id} is already used by a task.")


def _epoch(text: str) -> float:
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp()
    except ValueError:
        expected = "a UTC time such as 2019-01-08T10:00:00Z"
        raise ApiFault("InvalidParameter", f"The time {text} is not {expected}.") from None


ACTIONS = {
    # Calls per second each action takes (seed 001 §1; reference/live-pull-stream.md §1).
    "CreateLivePullStreamTask": Action(shapes.CREATE, create, 50),
    "ModifyLivePullStreamTask": Action(shapes.MODIFY, modify, 20),
    "DeleteLivePullStreamTask": Action(shapes.DELETE, delete, 50),
    "DescribeLivePullStreamTasks": Action(shapes.DESCRIBE, describe, 30),
    "DescribeLivePullStreamTaskStatus": Action(shapes.STATUS, status, 20),
    "RestartLivePullStreamTask": Action(shapes.RESTART, restart, 20),
}
