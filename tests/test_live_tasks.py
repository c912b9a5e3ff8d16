"""LivePullStreamTask end to end against a served emulator (`vodops emulator serve` in a thread):
a project of three relays plans, applies and converges; console changes made with the official
live SDK show as an update (sources) or a replace (the destination); the emulator's clock moved
past endTime makes the plan say the task ended; the task quota (LimitTaskNum) is enforced at plan
time; export writes the tasks; bad manifests are refused with nothing sent.
"""

from __future__ import annotations

import json
import re
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

from tests.conftest import Vodops
from vodops.cloud.names import LIVE_REGIONS
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Emulator, Knobs

HOUR = 3600
NAMES = ("weekend-loop", "news-relay", "rerun")


def at(epoch: float) -> str:
    return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def task(name: str, start: float, end: float, **spec: Any) -> dict[str, Any]:
    return {
        "apiVersion": "vodops/v1",
        "kind": "LivePullStreamTask",
        "metadata": {"name": name},
        "spec": {
            "sourceType": "PullVodPushLive",
            "sourceUrls": [
                f"https://media.example.com/{name}-a.mp4",
                f"https://media.example.com/{name}-b.mp4",
            ],
            "domainName": "push.example.com",
            "appName": "live",
            "streamName": name,
            "startTime": at(start),
            "endTime": at(end),
            "vodLoopTimes": -1,
            "comment": "weekend rerun",
            **spec,
        },
    }


def write(directory: Path, documents: list[dict[str, Any]]) -> None:
    (directory / "tasks.yaml").write_text(yaml.safe_dump_all(documents, sort_keys=False), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, endpoint: str) -> Path:
    """A project of three relays, an hour from now for a day, with a target at the served emulator."""
    directory = tmp_path / "relays"
    directory.mkdir()
    settings = {
        "defaultTarget": "emu",
        "targets": {"emu": {"endpoint": endpoint, "live": {"region": "ap-guangzhou"}}},
    }
    (directory / "vodops.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    now = time.time()
    write(directory, [task(name, now + HOUR, now + 25 * HOUR) for name in NAMES])
    return directory


@pytest.fixture
def live_sdk(endpoint: str) -> CommonClient:
    """The official live SDK, as a console user would use it."""
    profile = ClientProfile(
        httpProfile=HttpProfile(protocol="http", endpoint=endpoint.removeprefix("http://"))
    )
    cred = credential.Credential(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
    return CommonClient("live", "2018-08-01", cred, "ap-guangzhou", profile)


def tasks(sdk: CommonClient) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = sdk.call_json("DescribeLivePullStreamTasks", {"PageSize": 20})["Response"][
        "TaskInfos"
    ]
    return found


def console_task(sdk: CommonClient, stream: str, now: float) -> str:
    """A task made in the console (no marker): a live relay to `stream`, an hour from `now`."""
    request = {
        "SourceType": "PullLivePushLive", "SourceUrls": ["rtmp://src.example.com/live/s"],
        "DomainName": "push.example.com", "AppName": "live", "StreamName": stream,
        "StartTime": at(now + HOUR), "EndTime": at(now + 2 * HOUR), "Operator": "console",
    }  # fmt: skip
    return str(sdk.call_json("CreateLivePullStreamTask", request)["Response"]["TaskId"])


def task_id(sdk: CommonClient, name: str) -> str:
    return next(str(t["TaskId"]) for t in tasks(sdk) if t["StreamName"] == name)


@pytest.mark.usefixtures("default_keys")
def test_three_tasks_plan_apply_and_converge(vodops: Vodops, project: Path, live_sdk: CommonClient) -> None:
    planned = vodops("plan", project, "--detailed-exitcode")
    assert planned.code == 2, planned.text
    assert "Plan: 3 to create." in planned.out
    applied = vodops("apply", project, "--yes")
    assert applied.code == 0, applied.text
    listed = tasks(live_sdk)
    assert sorted(t["StreamName"] for t in listed) == sorted(NAMES)
    assert {t["CreateBy"] for t in listed} == {"vodops"}
    markers = sorted(re.sub(r"=[0-9a-f]{8}]$", "]", t["Comment"]) for t in listed)  # less what was applied
    assert markers == sorted(f"weekend rerun [vodops:default/{n}]" for n in NAMES)
    again = vodops("plan", project, "--detailed-exitcode")
    assert again.code == 0, again.text
    assert "LivePullStreamTask 'rerun': scheduled" in again.out


@pytest.mark.usefixtures("default_keys")
def test_console_changes_show_as_an_update_or_a_replace(
    vodops: Vodops, project: Path, live_sdk: CommonClient
) -> None:
    assert vodops("apply", project, "--yes").code == 0
    moved = ["https://media.example.com/other.mp4"]
    operator = {"Operator": "console"}
    live_sdk.call_json(
        "ModifyLivePullStreamTask", {"TaskId": task_id(live_sdk, "rerun"), "SourceUrls": moved, **operator}
    )
    relay = task_id(live_sdk, "news-relay")
    live_sdk.call_json(
        "ModifyLivePullStreamTask",
        {"TaskId": relay, "ToUrl": "rtmp://elsewhere.example.com/live/x", **operator},
    )
    planned = vodops("plan", project, "--detailed-exitcode")
    assert planned.code == 2, planned.text
    assert "Plan: 1 to update, 1 to replace." in planned.out
    assert "~ update LivePullStreamTask 'rerun'" in planned.out
    assert (
        "sourceUrls[0]: https://media.example.com/other.mp4 -> https://media.example.com/rerun-a.mp4"
        in planned.out
    )
    assert "-/+ replace LivePullStreamTask 'news-relay'" in planned.out
    assert "domainName: (default) -> push.example.com" in planned.out
    assert planned.out.index("-/+ replace") < planned.out.index("~ update")  # dangerous first
    assert "interrupts the output stream" in planned.out
    applied = vodops("apply", project, "--yes")
    assert applied.code == 0, applied.text
    assert relay not in {str(t["TaskId"]) for t in tasks(live_sdk)}
    assert vodops("plan", project, "--detailed-exitcode").code == 0


@pytest.mark.usefixtures("default_keys")
def test_a_task_past_its_end_time_is_said_to_have_ended(
    vodops: Vodops, project: Path, emulator: Emulator
) -> None:
    assert vodops("apply", project, "--yes").code == 0
    emulator.set_knobs(emulator.knobs.changed({"clockOffsetSeconds": 2 * HOUR}))
    running = vodops("plan", project, "--detailed-exitcode")
    assert running.code == 0 and "LivePullStreamTask 'rerun': running" in running.out, running.text
    emulator.set_knobs(emulator.knobs.changed({"clockOffsetSeconds": 26 * HOUR}))
    ended = vodops("plan", project, "--detailed-exitcode")
    assert ended.code == 0, ended.text
    assert "LivePullStreamTask 'rerun': ended" in ended.out
    assert "Note: LivePullStreamTask 'rerun': ended at" in ended.out


@pytest.mark.usefixtures("default_keys")
def test_an_ended_task_whose_window_moved_on_is_recreated(
    vodops: Vodops, project: Path, emulator: Emulator, live_sdk: CommonClient
) -> None:
    assert vodops("apply", project, "--yes").code == 0
    emulator.set_knobs(emulator.knobs.changed({"clockOffsetSeconds": 26 * HOUR}))
    later = emulator.now()
    write(project, [task(name, later + HOUR, later + 2 * HOUR) for name in NAMES])
    planned = vodops("plan", project)
    assert "Plan: 3 to replace." in planned.out, planned.text
    assert "recreated: the manifest's window ends" in planned.out
    assert vodops("apply", project, "--yes").code == 0
    assert vodops("plan", project, "--detailed-exitcode").code == 0
    assert len(tasks(live_sdk)) == 3


@pytest.mark.usefixtures("default_keys")
def test_a_passed_start_time_is_not_resent(vodops: Vodops, project: Path, emulator: Emulator) -> None:
    assert vodops("apply", project, "--yes").code == 0
    emulator.set_knobs(emulator.knobs.changed({"clockOffsetSeconds": 2 * HOUR}))
    now = emulator.now()
    write(project, [task(name, now - 10 * HOUR, now + 30 * HOUR) for name in NAMES])
    planned = vodops("plan", project)
    assert "Plan: 3 to update." in planned.out, planned.text
    assert "startTime" not in planned.out.split("Note:")[0]
    assert "has passed: not re-sent" in planned.out
    assert vodops("apply", project, "--yes").code == 0, "Modify is not sent a start in the past"
    assert vodops("plan", project, "--detailed-exitcode").code == 0


@pytest.mark.usefixtures("default_keys")
def test_the_task_quota_is_enforced_at_plan_time(
    vodops: Vodops, project: Path, live_sdk: CommonClient, emulator: Emulator
) -> None:
    now = emulator.now()
    for n in range(18):
        console_task(live_sdk, f"other{n}", now)
    before = emulator.snapshot()
    planned = vodops("plan", project)
    assert planned.code == 1
    assert "LivePullStreamTask: during apply 21 " in planned.err and "allows 20" in planned.err, planned.err
    assert emulator.snapshot()["resources"] == before["resources"]


@pytest.mark.usefixtures("default_keys")
def test_export_writes_the_tasks(
    vodops: Vodops, project: Path, tmp_path: Path, live_sdk: CommonClient, emulator: Emulator
) -> None:
    assert vodops("apply", project, "--yes").code == 0
    now = emulator.now()
    console = console_task(live_sdk, "console", now)
    out = tmp_path / "exported"
    exported = vodops("export", project, "--target", "emu", "--kind", "LivePullStreamTask", "--out", out)
    assert exported.code == 0, exported.text
    written = list(yaml.safe_load_all((out / "live-pull-stream-tasks.yaml").read_text()))
    assert sorted(d["metadata"]["name"] for d in written) == sorted([*NAMES, f"task-{console}"])
    assert {d["spec"]["streamName"] for d in written} == {*NAMES, "console"}
    [adopted] = [d for d in written if d["metadata"]["name"] == f"task-{console}"]
    assert adopted["metadata"]["adoptId"] == int(console)
    (out / "vodops.yaml").write_text((project / "vodops.yaml").read_text())
    replanned = vodops("plan", out)
    assert "Plan: 1 to adopt." in replanned.out, replanned.text  # the rest round-trips unchanged


@pytest.mark.usefixtures("default_keys")
@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"endTime": "<start>"}, "spec.endTime: must be later than startTime"),
        ({"endTime": "<start+30d>"}, "must be less than 30 days after startTime"),
        (
            {"sourceType": "PullLivePushLive"},
            "spec.sourceUrls: a PullLivePushLive task pulls from exactly one URL",
        ),
        (
            {"toUrl": "rtmp://x.example.com/live/y"},
            "spec.domainName: must be empty when toUrl gives the full destination",
        ),
        (
            {"startTime": "2026-12-01 00:00"},
            "spec.startTime: must be a UTC time such as 2026-12-01T00:00:00Z",
        ),
        (
            {"sourceUrls": ["ftp://x/a.mp4"]},
            "spec.sourceUrls[0]: must be an http, https, rtmp, rtmps, rtsp or srt URL",
        ),
    ],
)
def test_bad_windows_and_sources_are_refused_before_any_call(
    vodops: Vodops, project: Path, emulator: Emulator, spec: dict[str, Any], message: str
) -> None:
    now = time.time()
    doc = task("bad", now + HOUR, now + 2 * HOUR)
    start = doc["spec"]["startTime"]
    if spec.get("endTime") == "<start>":
        spec = {"endTime": start}
    if spec.get("endTime") == "<start+30d>":
        spec = {"endTime": at(now + HOUR + 30 * 86400)}
    doc["spec"].update(spec)
    write(project, [doc])
    planned = vodops("plan", project)
    assert planned.code == 1
    assert message in planned.err, planned.err
    assert emulator.calls == []


@pytest.mark.usefixtures("default_keys")
def test_a_window_that_ended_is_not_created_and_an_end_that_passed_is_refused(
    vodops: Vodops, project: Path, emulator: Emulator
) -> None:
    now = time.time()
    write(project, [task("gone", now - 3 * HOUR, now - HOUR)])
    planned = vodops("plan", project, "--detailed-exitcode")
    assert planned.code == 0, planned.text
    assert "LivePullStreamTask 'gone': its window ended at" in planned.out
    write(project, [task(name, now + HOUR, now + 25 * HOUR) for name in NAMES])
    assert vodops("apply", project, "--yes").code == 0
    emulator.set_knobs(emulator.knobs.changed({"clockOffsetSeconds": 2 * HOUR}))
    write(project, [task(name, now + HOUR, now + HOUR + 60) for name in NAMES])
    refused = vodops("plan", project)
    assert refused.code == 1
    assert "endTime" in refused.err and "has passed; the API refuses past times" in refused.err


def test_a_target_without_a_live_region_says_what_to_set(
    vodops: Vodops, project: Path, endpoint: str, default_keys: None
) -> None:
    (project / "vodops.yaml").write_text(
        json.dumps({"defaultTarget": "emu", "targets": {"emu": {"endpoint": endpoint}}})
    )
    planned = vodops("plan", project)
    assert planned.code == 1
    assert (
        "target 'emu' cannot reach the live API: it names no region; set targets.emu.live.region"
        in planned.err
    )


def test_an_endpoint_target_without_a_live_region_is_told_to_pass_one(
    vodops: Vodops, project: Path, endpoint: str, default_keys: None, emulator: Emulator
) -> None:
    """A target made on the command line (--endpoint) was told to set
    'targets.127.0.0.1:PORT.live.region', a vodops.yaml key no --endpoint run ever reads."""
    (project / "vodops.yaml").unlink()
    planned = vodops("plan", project, "--endpoint", endpoint)
    host = endpoint.removeprefix("http://").rstrip("/")
    how = f"pass --region with one of {', '.join(LIVE_REGIONS)}"
    said = f"target '{host}' cannot reach the live API: it names no region; {how}"
    assert (planned.code, planned.err.splitlines()) == (1, [f"Error: {said}"])
    assert not any("LivePullStream" in call.action for call in emulator.calls), "nothing was changed"


@pytest.mark.usefixtures("default_keys")
def test_a_console_task_is_adopted_by_its_task_id(
    vodops: Vodops, project: Path, live_sdk: CommonClient, emulator: Emulator
) -> None:
    now = emulator.now()
    made = console_task(live_sdk, "rerun", now)
    documents = [task(name, now + HOUR, now + 25 * HOUR) for name in NAMES]
    documents[2]["metadata"]["adoptId"] = int(made)
    documents[2]["spec"].update(sourceType="PullLivePushLive", sourceUrls=["rtmp://src.example.com/live/s"])
    write(project, documents)
    planned = vodops("plan", project)
    assert "Plan: 2 to create, 1 to adopt." in planned.out, planned.text
    assert vodops("apply", project, "--yes").code == 1  # adoption waits for --adopt
    assert vodops("apply", project, "--yes", "--adopt").code == 0
    assert vodops("plan", project, "--detailed-exitcode").code == 0
    assert len(tasks(live_sdk)) == 3


@pytest.mark.usefixtures("default_keys")
def test_members_the_api_never_returns_are_compared_by_the_markers_digest(
    vodops: Vodops, project: Path, live_sdk: CommonClient, emulator: Emulator
) -> None:
    now = emulator.now()
    extra = {
        "toUrl": "rtmp://out.example.com/live/loop",
        "domainName": None,
        "appName": None,
        "streamName": None,
    }
    documents = [task("weekend-loop", now + HOUR, now + 25 * HOUR, fileIndex=2, **extra)]
    for doc in documents:
        doc["spec"] = {k: v for k, v in doc["spec"].items() if v is not None}
    write(project, documents)
    applied = vodops("apply", project, "--yes")
    assert applied.code == 0, applied.text
    assert vodops("plan", project, "--detailed-exitcode").code == 0, "no perpetual diff"
    [listed] = tasks(live_sdk)
    assert "ToUrl" not in listed and "#" in listed["Comment"]
    documents[0]["spec"]["fileIndex"] = 1
    write(project, documents)
    planned = vodops("plan", project)
    assert "~ update LivePullStreamTask 'weekend-loop'" in planned.out, planned.text
    assert "fileIndex: (not returned by the API) -> 1" in planned.out
    # extraCmd is create-only: with it among the members the digest covers, a change is a replace.
    documents[0]["spec"]["extraCmd"] = "ignore_region"
    write(project, documents)
    assert "-/+ replace LivePullStreamTask 'weekend-loop'" in vodops("plan", project).out


@pytest.mark.usefixtures("default_keys")
def test_the_plan_shows_paused_and_failing_relays_in_every_format(
    vodops: Vodops, project: Path, live_sdk: CommonClient, emulator: Emulator, tmp_path: Path
) -> None:
    now = emulator.now()
    documents = [task(name, now + HOUR, now + 25 * HOUR) for name in NAMES]
    documents[0]["spec"]["status"] = "pause"
    documents[1]["spec"]["sourceUrls"] = ["https://gone.invalid/a.mp4"]
    write(project, documents)
    assert vodops("apply", project, "--yes").code == 0
    emulator.set_knobs(emulator.knobs.changed({"clockOffsetSeconds": 2 * HOUR}))
    text = vodops("plan", project, "--detailed-exitcode", "--out", tmp_path / "plan.json")
    assert text.code == 0, text.text
    assert "LivePullStreamTask 'weekend-loop': paused" in text.out
    assert "LivePullStreamTask 'news-relay': not pushing" in text.out
    assert "LivePullStreamTask 'rerun': running" in text.out
    markdown = vodops("plan", project, "--format", "markdown").out
    assert "| LivePullStreamTask | `news-relay` | not pushing |" in markdown
    saved = json.loads((tmp_path / "plan.json").read_text())
    assert {"kind": "LivePullStreamTask", "name": "rerun", "state": "running"} in saved["states"]
    assert "paused" in vodops("show", tmp_path / "plan.json").out


@pytest.mark.usefixtures("default_keys")
def test_a_comment_too_long_for_512_bytes_with_the_marker_is_refused(
    vodops: Vodops, project: Path, emulator: Emulator
) -> None:
    now = time.time()
    write(project, [task("weekend-loop", now + HOUR, now + 2 * HOUR, comment="é" * 240)])
    planned = vodops("plan", project)
    assert planned.code == 1
    assert "spec.comment: with the ownership marker vodops adds" in planned.err
    assert "the API takes at most 512" in planned.err
    assert emulator.calls == []


@pytest.mark.usefixtures("default_keys")
def test_a_create_whose_answer_is_lost_is_found_not_repeated(
    vodops: Vodops, project: Path, emulator: Emulator, live_sdk: CommonClient
) -> None:
    emulator.set_knobs(
        Knobs(fault_rate=1, faults=("drop-after",), fault_actions=("CreateLivePullStreamTask",))
    )
    applied = vodops("apply", project, "--yes")
    assert applied.code == 0, applied.text
    emulator.set_knobs(Knobs())
    assert sorted(t["StreamName"] for t in tasks(live_sdk)) == sorted(NAMES), "no duplicates"
    assert vodops("plan", project, "--detailed-exitcode").code == 0


@pytest.mark.usefixtures("default_keys")
def test_export_says_it_could_not_read_tasks_without_a_live_region(
    vodops: Vodops, tmp_path: Path, endpoint: str
) -> None:
    exported = vodops("export", tmp_path / "none", "--endpoint", endpoint, "--out", tmp_path / "out")
    assert exported.code == 0, exported.text
    assert "LivePullStreamTask: not exported: target" in exported.text
    assert "cannot reach the live API: it names no region" in exported.text


@pytest.mark.usefixtures("default_keys")
def test_the_longest_comment_validate_takes_is_one_the_api_takes(
    vodops: Vodops, project: Path, live_sdk: CommonClient, emulator: Emulator
) -> None:
    now = time.time()
    marker = " [vodops:default/rerun#" + "0" * 12 + "=" + "0" * 8 + "]"  # the longest vodops writes
    longest = "é" * ((512 - len(marker)) // 2)
    write(project, [task("rerun", now + HOUR, now + 2 * HOUR, comment=longest + "é")])
    refused = vodops("plan", project)
    assert refused.code == 1 and "the API takes at most 512" in refused.err, refused.text
    assert emulator.calls == []
    write(project, [task("rerun", now + HOUR, now + 2 * HOUR, comment=longest)])
    applied = vodops("apply", project, "--yes")
    assert applied.code == 0, applied.text
    [made] = tasks(live_sdk)
    assert made["Comment"].startswith(longest + " [vodops:default/rerun")


@pytest.mark.usefixtures("default_keys")
def test_export_keeps_a_console_comment_that_fits_512_bytes(
    vodops: Vodops, project: Path, tmp_path: Path, live_sdk: CommonClient, emulator: Emulator
) -> None:
    now = emulator.now()
    console = console_task(live_sdk, "console", now)
    live_sdk.call_json("ModifyLivePullStreamTask", {"TaskId": console, "Operator": "x", "Comment": "c" * 400})
    out = tmp_path / "exported"
    exported = vodops("export", project, "--target", "emu", "--kind", "LivePullStreamTask", "--out", out)
    assert exported.code == 0 and "cut" not in exported.text, exported.text
    [written] = yaml.safe_load_all((out / "live-pull-stream-tasks.yaml").read_text())
    assert written["spec"]["comment"] == "c" * 400  # the VOD kinds' 256 characters do not apply
    live_sdk.call_json("ModifyLivePullStreamTask", {"TaskId": console, "Operator": "x", "Comment": "d" * 500})
    again = vodops("export", project, "--target", "emu", "--kind", "LivePullStreamTask", "--out", out)
    [cut] = yaml.safe_load_all((out / "live-pull-stream-tasks.yaml").read_text())
    room = 512 - len(f" [vodops:default/task-{console}#" + "0" * 12 + "=" + "0" * 8 + "]")
    assert cut["spec"]["comment"] == "d" * room
    assert f"its comment was cut to {room} bytes to leave room for the ownership marker" in again.out


@pytest.mark.usefixtures("default_keys")
def test_a_dropped_member_is_cleared_or_the_task_recreated_and_the_plan_converges(
    vodops: Vodops, project: Path, live_sdk: CommonClient
) -> None:
    now = time.time()
    extras = {
        "callbackUrl": "https://hooks.example.com/relay",
        "backupSourceType": "PullVodPushLive",
        "backupSourceUrl": "https://media.example.com/backup.mp4",
    }
    write(project, [task("rerun", now + HOUR, now + 2 * HOUR, **extras)])
    assert vodops("apply", project, "--yes").code == 0
    [first] = tasks(live_sdk)
    write(project, [task("rerun", now + HOUR, now + 2 * HOUR, callbackUrl=extras["callbackUrl"])])
    cleared = vodops("apply", project, "--yes")  # "" BackupSourceType drops the backup (api.json)
    assert cleared.code == 0 and "Apply complete: 1 updated." in cleared.out, cleared.text
    [updated] = tasks(live_sdk)
    backup = (updated["BackupSourceType"], updated["BackupSourceUrl"])
    assert updated["TaskId"] == first["TaskId"] and backup == ("", "")
    write(project, [task("rerun", now + HOUR, now + 2 * HOUR)])
    planned = vodops("plan", project)
    assert "-/+ replace LivePullStreamTask 'rerun'" in planned.out, planned.text  # no empty value clears it
    assert "callbackUrl: https://hooks.example.com/relay -> (default)" in planned.out
    assert vodops("apply", project, "--yes").code == 0
    [recreated] = tasks(live_sdk)
    assert recreated["TaskId"] != first["TaskId"] and recreated["CallbackUrl"] == ""
    assert "No changes" in vodops("plan", project).out
