"""vodops's media machinery against the embedded emulator, through its own client: uploads
(resumed from the journal), pulls (followed to the FileId, failures reported), and finding the
stack's media by the marker in SourceContext."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.emulator.uploads import files_served
from tests.helpers import live_api
from vodops.errors import MediaError
from vodops.media.journal import Journal
from vodops.media.marker import MediaMarker, file_digest, parse, room_for_name, url_digest
from vodops.media.pull import Pull, pull
from vodops.media.search import holds_media, stack_media
from vodops.media.upload import PART_MIB, Upload, upload


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    path = tmp_path / "clip.mp4"
    path.write_bytes(os.urandom(2 * PART_MIB * 1024 * 1024 + 5))  # three parts
    return path


def job(path: Path, name: str = "intro") -> Upload:
    marker = MediaMarker("default", name, file_digest(path)).text()
    return Upload(path, None, {"MediaName": name, "SourceContext": marker}, marker)


def test_an_upload_is_found_by_its_marker(tmp_path, clip):
    seen: list[int] = []
    with live_api(tmp_path) as api:
        committed = upload(
            api.call_app,
            api.transfers.cos,
            Journal(tmp_path),
            job(clip),
            lambda done, total: seen.append(done),
        )
        [(owner, media)] = stack_media(api.call_app, "default")
        assert stack_media(api.call_app, "other") == []
    assert owner == MediaMarker("default", "intro", file_digest(clip))
    assert media["FileId"] == committed.file_id
    assert seen[-1] == clip.stat().st_size
    assert not (tmp_path / ".vodops" / "uploads").exists() or not list(
        (tmp_path / ".vodops" / "uploads").iterdir()
    )


def test_an_interrupted_upload_resumes_in_its_session(tmp_path, clip):
    journal, work = Journal(tmp_path), job(clip)
    with live_api(tmp_path) as api:
        applied = api.call_app("ApplyUpload", {"MediaType": "mp4", **work.params})
        journal.save(work.key, applied)  # as an apply killed after ApplyUpload leaves it
        client = api.transfers.cos.client(applied)
        key = applied["MediaStoragePath"][1:]
        upload_id = client.create_multipart_upload(Bucket=applied["StorageBucket"], Key=key)["UploadId"]
        first = clip.read_bytes()[: PART_MIB * 1024 * 1024]
        client.upload_part(
            Bucket=applied["StorageBucket"], Key=key, Body=first, PartNumber=1, UploadId=upload_id
        )

        committed = upload(api.call_app, api.transfers.cos, journal, work)

        [(_, media)] = stack_media(api.call_app, "default")
        sessions = api.call_app("ApplyUpload", {"MediaType": "mp4"})  # a fresh session still works
    assert media["FileId"] == committed.file_id
    assert sessions["VodSessionKey"] != applied["VodSessionKey"]
    assert journal.load(work.key) is None


def test_a_pull_is_followed_to_its_file(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "bumper.mp4").write_bytes(b"bumper" * 1000)
    waits: list[str] = []
    with files_served(tmp_path / "site") as site, live_api(tmp_path) as api:
        url = f"{site}/bumper.mp4"
        marker = MediaMarker("default", "bumper", url_digest(url), from_url=True).text()
        file_id = pull(
            api.call_app, Journal(tmp_path), Pull(url, {"SourceContext": marker}, marker), waits.append
        )
        [(owner, media)] = stack_media(api.call_app, "default")
    assert (owner.from_url, owner.name, media["FileId"]) == (True, "bumper", file_id)


def test_a_failed_pull_says_why_and_retries_with_a_new_session(tmp_path):
    (tmp_path / "site").mkdir()
    with files_served(tmp_path / "site") as site, live_api(tmp_path) as api:
        url = f"{site}/missing.mp4"
        work = Pull(url, {}, "key")
        with pytest.raises(MediaError) as caught:
            pull(api.call_app, Journal(tmp_path), work, lambda line: None)
        assert str(caught.value).startswith(f"pulling {url} failed: task ")
        assert str(caught.value).endswith(
            f"finished with ErrCode 40000: fetching {url} failed: HTTP 404 File not found"
        )
        (tmp_path / "site" / "missing.mp4").write_bytes(b"now here")
        assert pull(api.call_app, Journal(tmp_path), work, lambda line: None)


def test_a_pull_times_out_visibly(tmp_path):
    """A URL that never answers: apply gives up on the wait, and says the pull may still finish."""
    silent = socket.create_server(("127.0.0.1", 0))  # accepts connections, never answers
    url = f"http://127.0.0.1:{silent.getsockname()[1]}/a.mp4"
    with live_api(tmp_path) as api:
        journal = Journal(tmp_path)
        gave_up = r"did not finish within 0 s \(last: (WAITING|PROCESSING), \d+%\); it may still finish"
        with pytest.raises(MediaError, match=gave_up):
            pull(api.call_app, journal, Pull(url, {}, "k"), lambda line: None, timeout=0.0)
        assert journal.load("k")["TaskId"]  # the next apply follows the same task
        silent.close()
        with pytest.raises(MediaError, match="finished with ErrCode 40000"):
            pull(api.call_app, journal, Pull(url, {}, "k"), lambda line: None)


def test_a_class_holding_media_is_seen(tmp_path, clip):
    with live_api(tmp_path) as api:
        class_id = api.call_app("CreateClass", {"ParentId": -1, "ClassName": "Promos"})["ClassId"]
        assert not holds_media(api.call_app, class_id)
        api.call_app("PullUpload", {"MediaUrl": "http://127.0.0.1:9/x.mp4"})  # fails: not media
        work = job(clip)
        upload(
            api.call_app,
            api.transfers.cos,
            Journal(tmp_path),
            Upload(clip, None, {**work.params, "ClassId": class_id}, work.key),
        )
        assert holds_media(api.call_app, class_id)


def test_markers_round_trip():
    marker = MediaMarker(
        "prod.eu", "intro: clip name=x", "a" * 64, region="ap-singapore", procedure="ingest hls"
    )
    assert parse(marker.text()) == marker
    assert parse("uploaded by hand") is None
    assert room_for_name("s" * 32, "ap-southeast-3", "p" * 20) >= 64


def test_the_journal_keeps_the_session_credential_sealed(tmp_path, clip):
    work = job(clip)
    with live_api(tmp_path) as api:
        applied = api.call_app("ApplyUpload", {"MediaType": "mp4", **work.params})
        Journal(tmp_path, "the user's SecretKey").save(work.key, applied)
        [kept] = (tmp_path / ".vodops" / "uploads").glob("*.json")
        text = kept.read_text()
        cert = applied["TempCertificate"]
        assert cert["SecretKey"] not in text and cert["Token"] not in text and "TempCertificate" not in text
        assert Journal(tmp_path, "the user's SecretKey").load(work.key) == applied
        rotated = Journal(tmp_path, "a rotated SecretKey")
        assert rotated.load(work.key) == {k: v for k, v in applied.items() if k != "TempCertificate"}

        committed = upload(api.call_app, api.transfers.cos, rotated, work)  # a new session, not a failure

        [(_, media)] = stack_media(api.call_app, "default")
    assert media["FileId"] == committed.file_id and rotated.load(work.key) is None


def test_an_interrupted_apply_stops_waiting_for_a_pull_and_the_next_follows_it(tmp_path):
    silent = socket.create_server(("127.0.0.1", 0))  # accepts connections, never answers
    url = f"http://127.0.0.1:{silent.getsockname()[1]}/a.mp4"
    stop = threading.Event()
    with live_api(tmp_path) as api:
        journal, began = Journal(tmp_path), time.monotonic()
        stopped = r"^stopped waiting for pull task \S+ \(last: (WAITING|PROCESSING), \d+%\); "
        with pytest.raises(MediaError, match=stopped + "it may still finish: the next apply follows it$"):
            pull(api.call_app, journal, Pull(url, {}, "k"), lambda line: stop.set(), stop=stop)  # Ctrl-C
        assert time.monotonic() - began < 10  # not the 600 s a pull may take
        task = journal.load("k")["TaskId"]
        silent.close()
        with pytest.raises(MediaError, match=f"task {task} finished with ErrCode 40000"):
            pull(api.call_app, journal, Pull(url, {}, "k"), lambda line: None)
