"""PullUpload from a URL served on 127.0.0.1, followed with DescribeTaskDetail."""

from __future__ import annotations

import http.server
import logging
import os
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.emulator.uploads import files_served
from tests.helpers import serving

JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")


@pytest.fixture
def site(tmp_path: Path):
    (tmp_path / "intro.mp4").write_bytes(os.urandom(200_000))
    (tmp_path / "intro.jpg").write_bytes(JPEG)
    with files_served(tmp_path) as url:
        yield url, tmp_path


def finished(api, task_id, **params):
    """The task's detail once it has finished. It polls for at most 120 s (it was 10 s), a bound
    on a broken pull only: every caller expects it to finish, however slowly the machine runs."""
    deadline = time.monotonic() + 120
    while True:
        detail = api("DescribeTaskDetail", TaskId=task_id, **params)
        if detail["Status"] == "FINISH" or time.monotonic() > deadline:
            return detail
        time.sleep(0.02)


def test_a_pull_makes_a_media_file_with_its_cover(api, site):
    url, folder = site
    task_id = api("PullUpload", MediaUrl=f"{url}/intro.mp4", CoverUrl=f"{url}/intro.jpg", MediaName="intro",
                  SourceContext="vodops:pull", SessionId="s1")["TaskId"]  # fmt: skip
    assert "-pull-" in task_id
    detail = finished(api, task_id)
    assert (detail["TaskType"], detail["Status"]) == ("PullUpload", "FINISH")
    task = detail["PullUploadTask"]
    assert (task["ErrCode"], task["Message"], task["Progress"], task["SessionId"]) == (0, "", 100, "s1")
    assert task["MediaBasicInfo"]["SourceInfo"]["SourceContext"] == "vodops:pull"
    assert task["MetaData"]["Size"] == 200_000
    assert httpx.get(task["FileUrl"]).content == (folder / "intro.mp4").read_bytes()
    assert httpx.get(task["MediaBasicInfo"]["CoverUrl"]).content == JPEG
    assert detail["ProcedureTask"] is None
    assert api.typed("DescribeTaskDetail", TaskId=task_id)["PullUploadTask"]["FileId"] == task["FileId"]


def test_a_session_id_is_used_once_in_72_hours(api, site, clock, monkeypatch):
    url, _ = site
    api("PullUpload", MediaUrl=f"{url}/intro.mp4", SessionId="once")
    assert (
        api.code("PullUpload", MediaUrl=f"{url}/intro.mp4", SessionId="once")
        == "InvalidParameterValue.SessionId"
    )
    clock.advance(72 * 3600 + 1)
    monkeypatch.setattr(time, "time", clock)  # the SDK signs with the time 72 hours on
    api("PullUpload", MediaUrl=f"{url}/intro.mp4", SessionId="once")


def test_a_failed_pull_reports_why(api, site):
    url, _ = site
    task_id = api("PullUpload", MediaUrl=f"{url}/missing.mp4")["TaskId"]
    task = finished(api, task_id)["PullUploadTask"]
    assert (task["ErrCode"], task["FileId"]) == (40000, "")
    assert task["Message"] == f"fetching {url}/missing.mp4 failed: HTTP 404 File not found"
    assert api("SearchMedia")["TotalCount"] == 0


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"MediaUrl": "http://127.0.0.1:9/noextension"}, "FailedOperation.MediaType"),
        ({"MediaUrl": "ftp://example.com/a.mp4"}, "InvalidParameterValue.MediaUrl"),
        ({"MediaUrl": "http://127.0.0.1:9/a.mp4", "SessionId": "x" * 51},
         "InvalidParameterValue.SessionIdTooLong"),
        ({"MediaUrl": "http://127.0.0.1:9/a.mp4", "SessionContext": "x" * 1001},
         "InvalidParameterValue.SessionContextTooLong"),
        ({"MediaUrl": "http://127.0.0.1:9/a.mp4", "ClassId": 5}, "InvalidParameterValue.ClassId"),
        ({"MediaUrl": "http://127.0.0.1:9/a.mp4", "CoverUrl": "nope"}, "InvalidParameterValue.CoverUrl"),
    ],
)  # fmt: skip
def test_bad_pulls_are_refused(api, emulator, params, code):
    assert api.code("PullUpload", **params) == code
    assert not [c for c in emulator.calls if c.action == "PullUpload" and c.error_code is None]


def test_unknown_tasks_are_refused(api):
    assert api.code("DescribeTaskDetail", TaskId="1250000000-pull-nope") == "InvalidParameterValue.TaskId"


def test_an_unfinished_task_is_taken_up_again(api, emulator, site):
    """A task an emulator left unfinished (it stopped mid-pull) finishes when it is asked about."""
    url, _ = site
    task_id = api("PullUpload", MediaUrl=f"{url}/intro.mp4")["TaskId"]
    file_id = finished(api, task_id)["PullUploadTask"]["FileId"]
    snapshot = emulator.snapshot()
    snapshot["resources"] = [r for r in snapshot["resources"] if r["body"].get("FileId") != file_id
                             or r["kind"] == "pull-task"]  # fmt: skip
    for resource in snapshot["resources"]:
        if resource["kind"] == "pull-task":
            resource["body"].update(Status="PROCESSING", FileId="", Progress=10)
    emulator.restore(snapshot)
    assert api("SearchMedia")["TotalCount"] == 0

    task = finished(api, task_id)["PullUploadTask"]
    assert (task["ErrCode"], task["Progress"]) == (0, 100)
    assert api("SearchMedia")["MediaInfoSet"][0]["FileId"] == task["FileId"]


def test_a_pull_that_outlives_its_emulator_ends_quietly(api, emulator, caplog):
    """Closing the emulator while a pull job still fetched (a test ending, `serve` stopped) made
    the job fail on the closed database and log a traceback ('the emulator's job ... failed'),
    which CI printed under load. The job is abandoned with its emulator, without a word."""
    release, asked = threading.Event(), threading.Event()

    class Held(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.set()
            release.wait(10)
            self.send_response(200)
            self.send_header("Content-Length", "4")
            self.end_headers()
            self.wfile.write(b"\x00\x00\x00\x18")

        def log_message(self, *_: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Held)
    with serving(server):
        api("PullUpload", MediaUrl=f"http://127.0.0.1:{server.server_port}/held.mp4")
        assert asked.wait(10), "the job asks for the source"
        jobs = [t for t in threading.enumerate() if t.name.startswith("vodops-emulator-")]
        emulator.close()
        release.set()
        for job in jobs:
            job.join(10)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
