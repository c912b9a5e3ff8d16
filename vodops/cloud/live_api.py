"""The live API 2018-08-01 (CSS, service `live`) on its wire: pull-stream relay tasks.

Same TC3-HMAC-SHA256 JSON POST as VOD 2018-07-17, with `live` in the credential scope, version
2018-08-01, host live.tencentcloudapi.com and a `Region` every action requires
(reference/live-pull-stream.md §0, seed 001 §2). There is no SubAppId. Every change names an
`Operator`; vodops names itself. A relay's TaskId is a string ("10000").

This module knows action names, paging and the answer's frame; nothing of manifests or policy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from vodops.cloud.answers import page_items, text_id, total_count
from vodops.cloud.client import Caller, HttpCaller
from vodops.errors import AnswerError, ApiError, SettingsError

SERVICE = "live"
VERSION = "2018-08-01"
DEFAULT_HOST = "live.tencentcloudapi.com"
# The regions CreateLivePullStreamTask accepts (seed 001 §2, "This API only supports: ...").
REGIONS = (
    "ap-bangkok", "ap-beijing", "ap-guangzhou", "ap-hongkong", "ap-mumbai", "ap-seoul",
    "ap-shanghai", "ap-singapore", "ap-tokyo", "na-ashburn", "na-siliconvalley",
)  # fmt: skip
# Calls per second per action (reference/live-pull-stream.md §1: seed 001 §1, D-DESC, D-MOD, D-STAT).
RATES = {
    "CreateLivePullStreamTask": 50.0,
    "DescribeLivePullStreamTasks": 30.0,
    "ModifyLivePullStreamTask": 20.0,
    "DeleteLivePullStreamTask": 50.0,
    "DescribeLivePullStreamTaskStatus": 20.0,
}
OPERATOR = "vodops"
PAGE_SIZE = 20  # DescribeLivePullStreamTasks' largest PageSize
TASK_NOT_EXIST = "InvalidParameter.TaskNotExist"
Items = list[dict[str, Any]]


class LiveCaller(HttpCaller):
    """An HttpCaller for the live API: service `live` in the scope, version 2018-08-01."""

    service = SERVICE
    version = VERSION


class NoLiveRegion:
    """The live caller of a target that names no region the live API serves: every call raises
    a SettingsError saying how to name one (the live API requires a Region, seed 001 §2)."""

    def __init__(self, target: str, region: str | None) -> None:
        why = f"its region {region} is not one the live API serves" if region else "it names no region"
        self.message = (
            f"target {target!r} cannot reach the live API: {why}; set targets.{target}.live.region to "
            f"one of {', '.join(REGIONS)}"
        )

    def call(self, action: str, params: Mapping[str, Any]) -> dict[str, Any]:
        raise SettingsError(self.message)

    def fetch(self, url: str) -> bytes:
        raise SettingsError(self.message)

    def server_now(self) -> float:
        raise SettingsError(self.message)


class LiveApi:
    """Lists, creates, modifies and deletes pull-stream tasks, and reads their run status and the
    account's task quota. `clock` is the API's time (seconds since the epoch): an HttpCaller's
    `server_now`, so that a schedule is judged by the clock that runs it."""

    def __init__(self, caller: Caller, clock: Callable[[], float]) -> None:
        self._caller = caller
        self.now = clock

    def list_tasks(self) -> tuple[Items, int]:
        """(every task in the account, newest update first; LimitTaskNum, the task quota)."""
        action = "DescribeLivePullStreamTasks"
        tasks: Items = []
        page_num, pages, limit = 1, 1, 0
        while page_num <= pages:
            page = self._caller.call(action, {"PageNum": page_num, "PageSize": PAGE_SIZE})
            found = page_items(action, page, "TaskInfos")
            tasks.extend(found)
            pages, limit = total_count(action, page, "TotalPage"), total_count(action, page, "LimitTaskNum")
            if not found:
                break
            page_num += 1
        return tasks, limit

    def create(self, request: Mapping[str, Any]) -> str:
        """Create a task from a CreateLivePullStreamTask request (without Operator); its TaskId."""
        action = "CreateLivePullStreamTask"
        response = self._caller.call(action, {**request, "Operator": OPERATOR})
        return text_id(action, response, "TaskId")

    def update(self, task_id: str, request: Mapping[str, Any]) -> None:
        """Modify task `task_id` with a ModifyLivePullStreamTask request (without TaskId, Operator)."""
        self._caller.call("ModifyLivePullStreamTask", {**request, "TaskId": task_id, "Operator": OPERATOR})

    def delete(self, task_id: str) -> None:
        """Delete task `task_id`; one that is already gone counts as deleted."""
        try:
            self._caller.call("DeleteLivePullStreamTask", {"TaskId": task_id, "Operator": OPERATOR})
        except ApiError as error:
            if error.code != TASK_NOT_EXIST:
                raise

    def run_status(self, task_id: str) -> str:
        """The task's RunStatus: "active" while it pushes, else "inactive"."""
        action = "DescribeLivePullStreamTaskStatus"
        info = self._caller.call(action, {"TaskId": task_id}).get("TaskStatusInfo")
        status = info.get("RunStatus") if isinstance(info, dict) else None
        if not isinstance(status, str):
            raise AnswerError(action, "the answer's TaskStatusInfo has no RunStatus")
        return status
