"""The live API 2018-08-01 (CSS, service `live`) on its wire: pull-stream relay tasks.

Same TC3-HMAC-SHA256 JSON POST as VOD 2018-07-17, with `live` in the credential scope, version
2018-08-01, host live.tencentcloudapi.com and a `Region` every action requires
(reference/live-pull-stream.md §0, seed 001 §2). There is no SubAppId. Every change names an
`Operator`; vodops names itself. A relay's TaskId is a string ("10000").

This module knows the live API's dialect (see LiveCaller); nothing of manifests or policy. The
kind's actions, paging and status read are declared with the kind (vodops/kinds/live_task.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vodops.cloud.answers import text_id
from vodops.cloud.client import HttpCaller
from vodops.cloud.names import LIVE_REGIONS
from vodops.errors import ApiError

SERVICE = "live"
VERSION = "2018-08-01"
DEFAULT_HOST = "live.tencentcloudapi.com"
# Calls per second per action (reference/live-pull-stream.md §1: seed 001 §1, D-DESC, D-MOD, D-STAT).
RATES = {
    "CreateLivePullStreamTask": 50.0,
    "DescribeLivePullStreamTasks": 30.0,
    "ModifyLivePullStreamTask": 20.0,
    "DeleteLivePullStreamTask": 50.0,
    "DescribeLivePullStreamTaskStatus": 20.0,
}
OPERATOR = "vodops"
CREATE, MODIFY, DELETE = "CreateLivePullStreamTask", "ModifyLivePullStreamTask", "DeleteLivePullStreamTask"
_CHANGES = (CREATE, MODIFY, DELETE)
MODIFY_ONLY = ("Status", "BackupVodUrl")
DESTINATION = ("DomainName", "AppName", "StreamName")
TASK_NOT_EXIST = "InvalidParameter.TaskNotExist"


class LiveCaller(HttpCaller):
    """An HttpCaller for the live API: service `live` in the scope, version 2018-08-01. It speaks
    the live API's dialect of the kind-generic requests vodops makes:

    - every change names its `Operator` ("vodops"), which the API requires;
    - a TaskId is sent as the string the API types it as (vodops holds the number it is), and
      Create's VodLoopTimes as a string too (an integer in Modify and Describe, api.json);
    - Create takes no `Status` or `BackupVodUrl` (Modify-only members, api.json): a Create that
      carries them is a Create, then a Modify of the new task with them; it requires DomainName,
      AppName and StreamName, empty when ToUrl gives the destination;
    - a Delete of a task that is already gone (InvalidParameter.TaskNotExist) counts as done.
    """

    service = SERVICE
    version = VERSION

    def call(self, action: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """Caller.call for the live API 2018-08-01, with the adjustments listed above (TaskId as a
        string, Operator, Create then Modify, a Delete of a gone task counting as done)."""
        request = {k: str(v) if k == "TaskId" else v for k, v in params.items()}
        if action in _CHANGES:
            request["Operator"] = OPERATOR
        if action == CREATE:
            return self._create(request)
        try:
            return super().call(action, request)
        except ApiError as error:
            if action == DELETE and error.code == TASK_NOT_EXIST:
                return {"RequestId": error.request_id}
            raise

    def _create(self, request: dict[str, Any]) -> dict[str, Any]:
        later = {k: request.pop(k) for k in MODIFY_ONLY if k in request}
        for name in DESTINATION:  # required even when ToUrl gives the destination: then empty
            request.setdefault(name, "")
        if "VodLoopTimes" in request:
            request["VodLoopTimes"] = str(request["VodLoopTimes"])
        response = super().call(CREATE, request)
        if later:
            task_id = text_id(CREATE, response, "TaskId")
            super().call(MODIFY, {**later, "TaskId": task_id, "Operator": OPERATOR})
        return response


def no_live_region(target: str, region: str | None, *, declared: bool) -> str:
    """Why a target that names no region the live API serves cannot reach it (the live API
    requires a Region, seed 001 §2), and how to name one: in vodops.yaml for a target `declared`
    there, else with --region (a target made by --endpoint has no settings to set)."""
    why = f"its region {region} is not one the live API serves" if region else "it names no region"
    how = f"set targets.{target}.live.region (or --region) to" if declared else "pass --region with"
    return f"target {target!r} cannot reach the live API: {why}; {how} one of {', '.join(LIVE_REGIONS)}"
