"""The live API 2018-08-01 (pull-stream tasks) against Tencent's definitions, through the official
live SDK (`tencentcloud.live`): request members against tccli's live api.json, every reply member
against it and through the SDK's typed models, Tencent's examples replayed, the schedule life
cycle on the emulator's clock, the quota, the rate limits, and every refusal's code (with nothing
changed). The gateway picks the service by version: live actions need `live` in the signature's
scope and a Region from the seed's list.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.live.v20180801 import live_client, models

from tests.emulator.conftest import Api, Clock, Sdk, Serve
from tests.emulator.definitions import (
    LIVE_API,
    LIVE_EXAMPLES,
    Checks,
    compare_reply,
    compare_request,
    examples,
)
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator
from vodops.emulator.backend import LIVE_ACTIONS

VERSION = "2018-08-01"
REGION = "ap-guangzhou"
OBJECTS = LIVE_API["objects"]
HOUR = 3600
# api.json marks RecentPullInfo always returned; its own text says "该信息仅在查询单个任务时返回"
# (returned only when one task is queried), and the emulator follows the text (README).
EXCEPTIONS = ["DescribeLivePullStreamTasks.TaskInfos.RecentPullInfo: always returned, but missing"]


def at(epoch: float) -> str:
    return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


LIVE_SDK = Sdk("live", VERSION, live_client.LiveClient, models)


def live_sdk(endpoint: str, region: str = REGION, service: str = "live") -> Api:
    """The official live SDK pointed at one emulator, in one region (signed for `service`)."""
    return Api(
        endpoint, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, sdk=replace(LIVE_SDK, service=service), region=region
    )


@pytest.fixture
def live(endpoint: str) -> Api:
    return live_sdk(endpoint)


def task(emulator: Emulator, **changes: Any) -> dict[str, Any]:
    """A valid Create request: a VOD loop from an hour from now, for a day."""
    now = emulator.now()
    return {
        "SourceType": "PullVodPushLive",
        "SourceUrls": ["https://media.example.com/a.mp4", "https://media.example.com/b.mp4"],
        "DomainName": "push.example.com",
        "AppName": "live",
        "StreamName": "loop",
        "StartTime": at(now + HOUR),
        "EndTime": at(now + 25 * HOUR),
        "Operator": "tests",
        **changes,
    }


def full_task(emulator: Emulator) -> dict[str, Any]:
    """A Create request with every member api.json lists."""
    mark = {"PictureUrl": "https://img.example.com/logo.png", "XPosition": 2, "YPosition": 3}
    return task(
        emulator,
        PushArgs="bak=1",
        CallbackEvents=["TaskStart", "TaskExit"],
        VodLoopTimes="3",
        VodRefreshType="ContinueBreakPoint",
        CallbackUrl="https://hooks.example.com/relay",
        ExtraCmd="ignore_region",
        SpecifyTaskId="vodops-full",
        Comment="weekend rerun",
        FileIndex=2,
        OffsetTime=30,
        BackupSourceType="PullVodPushLive",
        BackupSourceUrl="https://media.example.com/backup.mp4",
        WatermarkList=[{**mark, "Width": 10, "Height": 0, "Location": 1}],
        VodLocalMode=1,
        RecordTemplateId="rec-1",
        BackupToUrl="rtmp://backup.example.com/live/loop",
        TranscodeTemplateName="sd",
    )


def test_every_request_member_matches_live_api_json() -> None:
    checks = Checks()
    for action, known in sorted(LIVE_ACTIONS.items()):
        compare_request(checks, known.request, LIVE_API["actions"][action]["input"], action, OBJECTS)
    assert checks.mismatches == []
    assert checks.count >= 150, checks.count


def test_every_reply_member_matches_live_api_json(live: Api, emulator: Emulator) -> None:
    created = [
        live("CreateLivePullStreamTask", **full_task(emulator)),
        live("CreateLivePullStreamTask", **task(emulator)),
    ]
    emulator.set_knobs(emulator.knobs.changed({"clockOffsetSeconds": 2 * HOUR}))  # one runs
    replies = {
        "CreateLivePullStreamTask": created,
        "DescribeLivePullStreamTasks": [
            live("DescribeLivePullStreamTasks"),
            live("DescribeLivePullStreamTasks", TaskId=created[0]["TaskId"]),
            live("DescribeLivePullStreamTasks", SpecifyTaskId="vodops-full"),
        ],
        "DescribeLivePullStreamTaskStatus": [
            live("DescribeLivePullStreamTaskStatus", TaskId=c["TaskId"]) for c in created
        ],
        "ModifyLivePullStreamTask": [
            live("ModifyLivePullStreamTask", TaskId=created[1]["TaskId"], Operator="t")
        ],
        "DeleteLivePullStreamTask": [
            live("DeleteLivePullStreamTask", TaskId=created[1]["TaskId"], Operator="t")
        ],
    }
    checks = Checks()
    for action, answers in sorted(replies.items()):
        compare_reply(checks, LIVE_API["actions"][action]["output"], answers, action, OBJECTS)
    assert checks.mismatches == EXCEPTIONS
    assert checks.count >= 80, checks.count


def test_a_task_reads_back_as_created_and_hides_its_write_only_members(live: Api, emulator: Emulator) -> None:
    request = full_task(emulator)
    task_id = live.typed("CreateLivePullStreamTask", **request)["TaskId"]
    assert task_id == "10000"
    [info] = live.typed("DescribeLivePullStreamTasks", TaskId=task_id)["TaskInfos"]
    for name in ("SourceUrls", "DomainName", "StartTime", "Comment", "WatermarkList", "BackupToUrl"):
        assert info[name] == request[name], name
    assert info["VodLoopTimes"] == 3  # a string on Create, an integer in Describe (api.json)
    assert (info["Region"], info["Status"], info["CreateBy"], info["UpdateBy"]) == (
        REGION,
        "enable",
        "tests",
        "",
    )
    for hidden in ("SpecifyTaskId", "ToUrl", "ExtraCmd", "FileIndex", "OffsetTime"):
        assert hidden not in info
    assert info["RecentPullInfo"]["FileUrl"] == ""  # not started yet


def test_unset_members_show_as_tencents_example_shows_them(live: Api, emulator: Emulator) -> None:
    task_id = live("CreateLivePullStreamTask", **task(emulator))["TaskId"]
    [info] = live("DescribeLivePullStreamTasks")["TaskInfos"]
    assert info["TaskId"] == task_id
    assert "RecentPullInfo" not in info  # only when one task is asked for
    assert (info["CallbackUrl"], info["BackupSourceType"], info["ErrorInfo"], info["CallbackInfo"]) == (
        "",
        "",
        "",
        "",
    )
    assert (info["WatermarkList"], info["VodLoopTimes"], info["VodLocalMode"]) == ([], -1, 0)


def test_the_schedule_runs_on_the_emulators_clock(live: Api, emulator: Emulator) -> None:
    task_id = live("CreateLivePullStreamTask", **task(emulator))["TaskId"]

    def run_status() -> dict[str, Any]:
        info: dict[str, Any] = live.typed("DescribeLivePullStreamTaskStatus", TaskId=task_id)[
            "TaskStatusInfo"
        ]
        return info

    assert run_status()["RunStatus"] == "inactive"  # scheduled
    emulator.set_knobs(emulator.knobs.changed({"clockOffsetSeconds": 2 * HOUR}))
    running = run_status()
    assert running["RunStatus"] == "active"
    assert (running["FileUrl"], running["NextFileUrl"]) == (
        "https://media.example.com/a.mp4",
        "https://media.example.com/b.mp4",
    )
    assert 3590 <= running["OffsetTime"] <= 3610
    live("ModifyLivePullStreamTask", TaskId=task_id, Operator="t", Status="pause")
    assert run_status()["RunStatus"] == "inactive"
    live("ModifyLivePullStreamTask", TaskId=task_id, Operator="t", Status="enable")
    assert run_status()["RunStatus"] == "active"
    emulator.set_knobs(emulator.knobs.changed({"clockOffsetSeconds": 26 * HOUR}))
    assert run_status() == {
        "FileUrl": "", "LoopedTimes": -1, "OffsetTime": 0, "ReportTime": "",
        "RunStatus": "inactive", "FileDuration": 0, "NextFileUrl": "",
    }  # fmt: skip
    # An ended task still counts and still lists; Modify can no longer set a passed time.
    assert live("DescribeLivePullStreamTasks")["TotalNum"] == 1
    past = at(emulator.now() - HOUR)
    assert live.code("ModifyLivePullStreamTask", TaskId=task_id, Operator="t", EndTime=past) == (
        "InvalidParameter.InvalidTaskTime"
    )


def test_only_a_running_task_restarts_and_a_restart_changes_nothing(live: Api, emulator: Emulator) -> None:
    task_id = live("CreateLivePullStreamTask", **task(emulator))["TaskId"]
    scheduled = live.fails("RestartLivePullStreamTask", TaskId=task_id, Operator="ops")
    assert (scheduled.get_code(), scheduled.get_message()) == (
        "FailedOperation",
        f"The task {task_id} is not running, so it cannot be restarted.",
    )
    emulator.set_knobs(emulator.knobs.changed({"clockOffsetSeconds": 2 * HOUR}))
    [before] = live("DescribeLivePullStreamTasks", TaskId=task_id)["TaskInfos"]
    assert set(live.typed("RestartLivePullStreamTask", TaskId=task_id, Operator="ops")) == {"RequestId"}
    assert live("DescribeLivePullStreamTasks", TaskId=task_id)["TaskInfos"] == [before]
    unknown = live.code("RestartLivePullStreamTask", TaskId="404", Operator="ops")
    assert unknown == "InvalidParameter.TaskNotExist"
    assert live.code("RestartLivePullStreamTask", TaskId=task_id) == "MissingParameter"
    live("ModifyLivePullStreamTask", TaskId=task_id, Operator="ops", Status="pause")
    assert live.code("RestartLivePullStreamTask", TaskId=task_id, Operator="ops") == "FailedOperation"


def test_a_task_that_cannot_pull_stays_inactive_in_its_window(live: Api, emulator: Emulator) -> None:
    failing = task(emulator, SourceUrls=["https://gone.invalid/a.mp4"])
    task_id = live("CreateLivePullStreamTask", **failing)["TaskId"]
    emulator.set_knobs(emulator.knobs.changed({"clockOffsetSeconds": 2 * HOUR}))
    assert (
        live("DescribeLivePullStreamTaskStatus", TaskId=task_id)["TaskStatusInfo"]["RunStatus"] == "inactive"
    )


def test_modify_changes_what_it_names_and_records_the_operator(live: Api, emulator: Emulator) -> None:
    task_id = live("CreateLivePullStreamTask", **task(emulator, SpecifyTaskId="mine"))["TaskId"]
    urls = ["https://media.example.com/c.mp4"]
    live("ModifyLivePullStreamTask", TaskId="ignored", SpecifyTaskId="mine", Operator="ops", SourceUrls=urls)
    [info] = live("DescribeLivePullStreamTasks", TaskId=task_id)["TaskInfos"]
    assert (info["SourceUrls"], info["UpdateBy"], info["DomainName"]) == (urls, "ops", "push.example.com")
    live("ModifyLivePullStreamTask", TaskId=task_id, Operator="ops", ToUrl="rtmp://other.example.com/live/x")
    [info] = live("DescribeLivePullStreamTasks", TaskId=task_id)["TaskInfos"]
    assert (info["DomainName"], info["AppName"], info["StreamName"]) == ("", "", "")
    live("DeleteLivePullStreamTask", TaskId="x", SpecifyTaskId="mine", Operator="ops")
    assert live("DescribeLivePullStreamTasks")["TaskInfos"] == []


def test_paging_and_order(live: Api, emulator: Emulator) -> None:
    ids = [live("CreateLivePullStreamTask", **task(emulator, StreamName=f"s{n}"))["TaskId"] for n in range(5)]
    emulator.set_knobs(emulator.knobs.changed({"clockOffsetSeconds": 5}))
    live("ModifyLivePullStreamTask", TaskId=ids[1], Operator="t", Comment="touched")
    first = live("DescribeLivePullStreamTasks", PageNum=1, PageSize=2)
    second = live("DescribeLivePullStreamTasks", PageNum=3, PageSize=2)
    assert [t["TaskId"] for t in first["TaskInfos"]] == [ids[1], ids[4]]  # newest update first
    assert [t["TaskId"] for t in second["TaskInfos"]] == [ids[0]]
    assert (first["TotalNum"], first["TotalPage"], first["LimitTaskNum"]) == (5, 3, 20)


def test_the_quota_is_limit_task_num_and_ended_tasks_count(live: Api, emulator: Emulator) -> None:
    for n in range(20):
        live("CreateLivePullStreamTask", **task(emulator, StreamName=f"s{n}"))
    assert live.code("CreateLivePullStreamTask", **task(emulator)) == "InvalidParameter.TaskNumMoreThanLimit"
    emulator.set_knobs(emulator.knobs.changed({"quotaScale": 2}))
    assert live("DescribeLivePullStreamTasks")["LimitTaskNum"] == 40
    live("CreateLivePullStreamTask", **task(emulator))
    assert live("DescribeLivePullStreamTasks")["TotalNum"] == 21


def test_each_action_has_its_documented_rate_limit(serve: Serve, clock: Clock) -> None:
    """ModifyLivePullStreamTask takes 20 calls a second: of 60 sent at once by 10 threads, exactly
    the bucket's 20 pass while its clock stands still (on the real clock, a machine slow enough to
    send fewer than 20 a second met no limit); a second refills it by 20, half a second by 10."""
    ticks = Clock()
    emulator = Emulator(clock=clock, monotonic=ticks)
    with serve(emulator) as api:
        live = live_sdk(api.endpoint)
        task_id = live("CreateLivePullStreamTask", **task(emulator))["TaskId"]

        def modify(_: int) -> str:
            try:
                live("ModifyLivePullStreamTask", TaskId=task_id, Operator="t")
            except TencentCloudSDKException as error:
                return str(error.get_code())
            return "ok"

        with ThreadPoolExecutor(10) as pool:
            codes = list(pool.map(modify, range(60)))
        assert (codes.count("ok"), codes.count("RequestLimitExceeded")) == (20, 40), codes
        ticks.advance(0.5)
        assert [modify(n) for n in range(11)] == ["ok"] * 10 + ["RequestLimitExceeded"]
    emulator.close()


REFUSALS = [
    ({"SourceType": "PullFilePushLive"}, "InvalidParameter"),
    ({"SourceUrls": ["ftp://media.example.com/a.mp4"]}, "InvalidParameter.InvalidSourceUrl"),
    ({"SourceUrls": []}, "InvalidParameter.InvalidSourceUrl"),
    ({"SourceUrls": [f"https://m.example.com/{n}.mp4" for n in range(31)]},
     "InvalidParameter.InvalidSourceUrl"),
    ({"SourceType": "PullLivePushLive"}, "InvalidParameter.InvalidSourceUrl"),  # two sources
    ({"StartTime": "2026-12-01 00:00:00"}, "InvalidParameter"),
    ({"EndTime": "2000-01-01T00:00:00Z", "StartTime": "1999-12-31T00:00:00Z"},
     "InvalidParameter.InvalidTaskTime"),
    ({"EndTime": "<start>"}, "InvalidParameter.InvalidTaskTime"),
    ({"EndTime": "<start+30d>"}, "InvalidParameter.InvalidTaskTime"),
    ({"ToUrl": "rtmp://other.example.com/live/x"}, "InvalidParameter.InvalidToUrl"),
    ({"ToUrl": "https://other.example.com/live/x", "DomainName": "", "AppName": "", "StreamName": ""},
     "InvalidParameter.InvalidToUrl"),
    ({"DomainName": ""}, "InvalidParameter"),
    ({"CallbackUrl": "ftp://hooks.example.com"}, "InvalidParameter.InvalidCallbackUrl"),
    ({"CallbackEvents": ["TaskBegin"]}, "InvalidParameter"),
    ({"VodLoopTimes": "-2"}, "InvalidParameter"),
    ({"VodRefreshType": "Now"}, "InvalidParameter"),
    ({"Comment": "é" * 257}, "InvalidParameter"),
    ({"WatermarkList": [{"PictureUrl": "https://x.example.com/a;b.png", "XPosition": 0, "YPosition": 0,
                         "Width": 0, "Height": 0, "Location": 0}]}, "InvalidParameter.InvalidWatermark"),
    ({"WatermarkList": [{"PictureUrl": "https://x.example.com/a.png", "XPosition": 0, "YPosition": 0,
                         "Width": 0, "Height": 0, "Location": 0}] * 5}, "InvalidParameter.InvalidWatermark"),
    ({"WatermarkList": [{"PictureUrl": "https://x.example.com/a.png"}]}, "MissingParameter"),
    ({"BackupToUrl": "http://backup.example.com"}, "InvalidParameter.InvalidBackupToUrl"),
    ({"VodLocalMode": 2}, "InvalidParameter"),
    ({"FileIndex": "1"}, "InvalidParameter"),
    ({"SubAppId": 1}, "UnknownParameter"),
    ({"Operator": None}, "MissingParameter"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "code"), REFUSALS, ids=[c for _, c in REFUSALS])
def test_every_refusal_has_its_code_and_changes_nothing(
    live: Api, emulator: Emulator, changes: dict[str, Any], code: str
) -> None:
    live("CreateLivePullStreamTask", **task(emulator, StreamName="kept"))
    before = emulator.snapshot()
    request = task(emulator, **changes)
    start = emulator.now() + HOUR
    if request["EndTime"] == "<start>":
        request["EndTime"] = request["StartTime"]
    if request["EndTime"] == "<start+30d>":
        request["EndTime"] = at(start + 30 * 86400)
    if request["SourceType"] == "PullLivePushLive" and "SourceUrls" not in changes:
        request["SourceUrls"] = ["rtmp://a.example.com/live/a", "rtmp://b.example.com/live/b"]
    assert (
        live.code("CreateLivePullStreamTask", **{k: v for k, v in request.items() if v is not None}) == code
    )
    assert emulator.snapshot() == before


def test_a_window_just_under_30_days_is_taken(live: Api, emulator: Emulator) -> None:
    now = emulator.now()
    live(
        "CreateLivePullStreamTask",
        **task(emulator, StartTime=at(now + 60), EndTime=at(now + 60 + 30 * 86400 - 1)),
    )


def test_a_specify_task_id_is_unique_and_unknown_tasks_are_task_not_exist(
    live: Api, emulator: Emulator
) -> None:
    live("CreateLivePullStreamTask", **task(emulator, SpecifyTaskId="dup"))
    before = emulator.snapshot()
    assert live.code("CreateLivePullStreamTask", **task(emulator, SpecifyTaskId="dup")) == "InvalidParameter"
    for action in ("ModifyLivePullStreamTask", "DeleteLivePullStreamTask"):
        assert live.code(action, TaskId="999", Operator="t") == "InvalidParameter.TaskNotExist"
        assert (
            live.code(action, TaskId="10000", SpecifyTaskId="nope", Operator="t")
            == "InvalidParameter.TaskNotExist"
        )
    assert live.code("DescribeLivePullStreamTaskStatus", TaskId="999") == "InvalidParameter.TaskNotExist"
    assert live("DescribeLivePullStreamTasks", TaskId="999")["TaskInfos"] == []
    assert live.code("DescribeLivePullStreamTasks", PageSize=21) == "InvalidParameterValue"
    assert live.code("DescribeLivePullStreamTasks", PageNum=0) == "InvalidParameterValue"
    assert (
        live.code("ModifyLivePullStreamTask", TaskId="10000", Operator="t", Status="stop")
        == "InvalidParameter"
    )
    assert live.code("ModifyLivePullStreamTask", TaskId="10000", Operator="t", SourceUrls=[]) == (
        "InvalidParameter.InvalidSourceUrl"
    )
    assert emulator.snapshot() == before


def test_the_gateway_picks_the_service_by_version_and_scope(
    endpoint: str, live: Api, emulator: Emulator
) -> None:
    assert live_sdk(endpoint, region="").code("DescribeLivePullStreamTasks") == "MissingParameter"
    assert live_sdk(endpoint, region="eu-moscow").code("DescribeLivePullStreamTasks") == "UnsupportedRegion"
    assert (
        live_sdk(endpoint, service="vod").code("DescribeLivePullStreamTasks")
        == "AuthFailure.SignatureFailure"
    )
    assert live.code("DescribeTranscodeTemplates") == "InvalidAction"
    vod = CommonClient(
        "vod", "2018-07-17", credential.Credential(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY), "",
        ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=endpoint)),
    )  # fmt: skip
    with pytest.raises(TencentCloudSDKException) as caught:
        vod.call_json("DescribeLivePullStreamTasks", {})
    assert caught.value.get_code() == "InvalidAction"
    assert [c.error_code for c in emulator.calls][-1] == "InvalidAction"


def test_tencents_examples_replay(live: Api, emulator: Emulator, endpoint: str) -> None:
    """Tencent's examples are dated 2019-2020: the emulator's clock is moved back to 2019-12-16."""
    offset = datetime(2019, 12, 16, 10, tzinfo=timezone.utc).timestamp() - time.time()
    emulator.set_knobs(emulator.knobs.changed({"clockOffsetSeconds": offset}))
    get = CommonClient(
        "live", VERSION, credential.Credential(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY), REGION,
        ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=endpoint, reqMethod="GET")),
    )  # fmt: skip
    outcomes = {}
    for example in examples(sorted(LIVE_ACTIONS), LIVE_EXAMPLES):
        try:
            if isinstance(example.params, dict):
                reply = live(example.action, **example.params)
            else:
                reply = get.call_json(example.action, dict(example.params))["Response"]
            outcomes[example.action] = "ok" if set(reply) >= set(example.reply) - {"RequestId"} else "shape"
        except TencentCloudSDKException as error:
            outcomes[example.action] = str(error.get_code())
    assert outcomes == {
        "CreateLivePullStreamTask": "ok",  # TaskId "10000", as the example answers
        "DeleteLivePullStreamTask": "ok",  # deletes task 10000 by a GET
        "DescribeLivePullStreamTasks": "ok",
        "DescribeLivePullStreamTaskStatus": "InvalidParameter.TaskNotExist",  # names task 965412
        "ModifyLivePullStreamTask": "InvalidParameter.TaskNotExist",  # names task 985452
        "RestartLivePullStreamTask": "InvalidParameter.TaskNotExist",  # names task 953215
    }


def test_the_clock_knob_moves_the_accounts_time_and_the_date_of_answers(
    base_url: str, emulator: Emulator, clock: Clock
) -> None:
    changed = httpx.post(
        f"{base_url}/_emulator/knobs",
        json={"clockOffsetSeconds": 86400},
        headers={"Content-Type": "application/json"},
    )
    assert changed.status_code == 200 and changed.json()["clockOffsetSeconds"] == 86400
    answered = httpx.get(f"{base_url}/_emulator")
    date = datetime.strptime(answered.headers["date"], "%a, %d %b %Y %H:%M:%S GMT").replace(
        tzinfo=timezone.utc
    )
    assert date.timestamp() == clock.now + 86400  # the account's clock, moved a day
    refused = httpx.post(
        f"{base_url}/_emulator/knobs",
        json={"clockOffsetSeconds": "soon"},
        headers={"Content-Type": "application/json"},
    )
    assert refused.status_code == 400
    assert "clockOffsetSeconds must be a number of seconds" in refused.json()["error"]
    assert emulator.knobs.clock_offset_seconds == 86400
