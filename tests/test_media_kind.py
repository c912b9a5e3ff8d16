"""The Media kind end to end, through the CLI against `vodops emulator serve` (issue 16): a local
30 MB file, a URL served on 127.0.0.1 and a cover apply; the next plan is empty and a second
apply uploads nothing; a changed file plans a replace; an apply killed mid-upload leaves one
media; media are never deleted unless the project opts in; a class holding media is never
planned for deletion; export writes Media documents."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

from tests.conftest import Vodops
from tests.emulator.uploads import files_served, upload
from tests.helpers import VODOPS, document, served, write
from vodops.emulator import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY

JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
SIZE = 30 * 1024 * 1024


class Api:
    """The official SDK against the served emulator (to look, and to upload what vodops did not)."""

    def __init__(self, url: str) -> None:
        self.endpoint = url.removeprefix("http://")
        profile = ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=self.endpoint))
        cred = credential.Credential(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY)
        self._client = CommonClient("vod", "2018-07-17", cred, "ap-guangzhou", profile)  # uploads need one

    def __call__(self, action: str, **params: Any) -> dict[str, Any]:
        response: dict[str, Any] = self._client.call_json(action, params)["Response"]
        return response

    def media(self) -> list[dict[str, Any]]:
        return list(self("SearchMedia", Limit=100)["MediaInfoSet"])


@pytest.fixture
def emulator_url() -> Iterator[str]:
    with served() as url:
        yield url


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "bumper.mp4").write_bytes(os.urandom(300_000))
    with files_served(folder) as url:
        yield url


def project(tmp_path: Path, site: str, *extra: dict[str, Any]) -> Path:
    directory = tmp_path / "project"
    (directory / "media").mkdir(parents=True, exist_ok=True)
    intro = directory / "media" / "intro.mp4"
    if not intro.exists():
        intro.write_bytes(os.urandom(SIZE))
    (directory / "media" / "intro.jpg").write_bytes(JPEG)
    write(directory, "media.yaml", *MANIFESTS(site), *extra)
    return directory


def MANIFESTS(site: str) -> list[dict[str, Any]]:  # noqa: N802 - a table
    video = {"codec": "libx264", "fps": 30, "bitrate": 1800, "height": 720}
    audio = {"codec": "libfdk_aac", "bitrate": 128, "sampleRate": 44100}
    intro = {
        "source": {"file": "./media/intro.mp4"}, "cover": {"file": "./media/intro.jpg"},
        "mediaClass": "Promos/Intros", "procedure": "ingest-hls", "description": "five-second channel intro",
        "tags": ["promo"],
    }  # fmt: skip
    return [
        document("MediaClass", "Promos"),
        document("MediaClass", "Promos/Intros"),
        document(
            "TranscodeTemplate",
            "hls-720p",
            {"container": "hls", "videoTemplate": video, "audioTemplate": audio},
        ),
        document(
            "Procedure",
            "ingest-hls",
            {"mediaProcessTask": {"transcodeTaskSet": [{"definition": "hls-720p"}]}},
        ),
        document("Media", "intro-clip", intro),
        document(
            "Media",
            "bumper",
            {"source": {"url": f"{site}/bumper.mp4"}, "cover": {"file": "./media/intro.jpg"}},
        ),
    ]


def test_file_url_and_cover_apply_and_the_next_plan_is_empty(vodops: Vodops, tmp_path, site, emulator_url):
    directory = project(tmp_path, site)
    applied = vodops("apply", directory, "--yes", "--endpoint", emulator_url)
    assert applied.code == 0, applied.text
    assert "Apply complete: 6 created." in applied.out
    api = Api(emulator_url)
    media = {m["BasicInfo"]["Name"]: m for m in api.media()}
    intro = media["intro-clip"]
    assert intro["MetaData"]["Size"] == SIZE
    assert intro["BasicInfo"]["ClassPath"] == "Promos-Intros"
    assert (intro["BasicInfo"]["Description"], intro["BasicInfo"]["TagSet"]) == (
        "five-second channel intro",
        ["promo"],
    )
    assert [t["Container"] for t in intro["TranscodeInfo"]["TranscodeSet"]] == ["hls"]  # the procedure ran
    assert intro["BasicInfo"]["CoverUrl"] and media["bumper"]["BasicInfo"]["CoverUrl"]
    assert media["bumper"]["MetaData"]["Size"] == 300_000

    again = vodops("plan", directory, "--endpoint", emulator_url)
    assert "No changes" in again.out, again.text
    second = vodops("apply", directory, "--yes", "--endpoint", emulator_url)
    assert "No changes" in second.out and "uploading" not in second.err
    assert len(api.media()) == 2


def test_a_changed_file_plans_a_replace_with_sizes(vodops: Vodops, tmp_path, site, emulator_url):
    directory = project(tmp_path, site)
    assert vodops("apply", directory, "--yes", "--endpoint", emulator_url).code == 0
    with (directory / "media" / "intro.mp4").open("ab") as file:
        file.write(b"one more byte")
    planned = vodops("plan", directory, "--endpoint", emulator_url)
    assert "-/+ replace Media 'intro-clip'" in planned.out, planned.text
    assert "(31,457,280 bytes)' -> 'sha256:" in planned.out and "(31,457,293 bytes)'" in planned.out
    assert "a replace keeps the object it replaces" in planned.out


def test_an_apply_killed_mid_upload_leaves_one_media(vodops: Vodops, tmp_path, site):
    directory = project(tmp_path, site)
    journal = directory / ".vodops" / "uploads"
    # CommitUpload is throttled, and retried 8 times at 0.4 s each at least: the upload is under
    # way for over 3 s once its journal entry is written (it was the one 0.4 s call, which a
    # loaded machine's polling could miss)
    committing = ("--fault-rate", "1", "--faults", "throttle", "--fault-actions", "CommitUpload")
    with served("--latency", "400", *committing) as url:
        process = subprocess.Popen([*VODOPS, "apply", str(directory), "--yes", "--endpoint", url],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        deadline = time.monotonic() + 60
        while "VodSessionKey" not in sessions(journal) and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait()
        httpx.post(f"{url}/_emulator/knobs", json={"faultRate": 0}).raise_for_status()
        kept = sessions(journal)
        assert "VodSessionKey" in kept, "the apply was killed after ApplyUpload"
        assert "SealedCredential" in kept and "SecretKey" not in kept and "Token" not in kept
        assert (directory / ".vodops" / ".gitignore").read_text().splitlines()[-1] == "*"  # not for git
        # as the README says after a kill -9: break the dead apply's lock rather than wait out its lease
        assert vodops("unlock", directory, "--endpoint", url).code == 0
        again = vodops("apply", directory, "--yes", "--endpoint", url)
        assert again.code == 0, again.text
        names = sorted(m["BasicInfo"]["Name"] for m in Api(url).media())
    assert names == ["bumper", "intro-clip"]


def sessions(journal: Path) -> str:
    """The text of every entry of an upload journal ('' while there is none)."""
    found = ""
    for entry in journal.glob("*.json"):
        try:
            found += entry.read_text()
        except FileNotFoundError:  # removed since it was listed
            continue
    return found


def test_media_are_deleted_only_when_the_project_opts_in(vodops: Vodops, tmp_path, site, emulator_url):
    directory = project(tmp_path, site)
    assert vodops("apply", directory, "--yes", "--endpoint", emulator_url).code == 0
    write(directory, "media.yaml", *MANIFESTS(site)[:4])
    kept = vodops("apply", directory, "--yes", "--endpoint", emulator_url)
    assert "kept, as Media is not in safety.deleteKinds: Media/bumper, Media/intro-clip" in kept.out, (
        kept.text
    )
    assert len(Api(emulator_url).media()) == 2

    (directory / "vodops.yaml").write_text("safety:\n  deleteKinds: [Media]\n  maxDeletePercent: null\n")
    refused = vodops("apply", directory, "--yes", "--endpoint", emulator_url)
    assert refused.code == 1
    assert "deleting Media cannot be undone: each deletion must be named with --allow-delete" in refused.err
    assert len(Api(emulator_url).media()) == 2
    allowed = vodops(
        "apply", directory, "--yes", "--endpoint", emulator_url, "--allow-delete", "Media/bumper"
    )
    assert allowed.code == 1 and "not yet allowed: Media/intro-clip" in allowed.err
    both = ("--allow-delete", "Media/bumper", "--allow-delete", "Media/intro-clip")
    assert vodops("apply", directory, "--yes", "--endpoint", emulator_url, *both).code == 0
    assert Api(emulator_url).media() == []


def test_a_class_holding_media_is_never_planned_for_deletion(vodops: Vodops, tmp_path, site, emulator_url):
    directory = tmp_path / "classes"
    promos = document("MediaClass", "Promos", {"authoritative": True})
    write(
        directory,
        "classes.yaml",
        promos,
        document("MediaClass", "Promos/Intros"),
        document("MediaClass", "Promos/Old"),
    )
    assert vodops("apply", directory, "--yes", "--endpoint", emulator_url).code == 0
    api = Api(emulator_url)
    intros = next(c["ClassId"] for c in api("DescribeAllClass")["ClassInfoSet"] if c["Name"] == "Intros")
    clip = tmp_path / "by-hand.mp4"
    clip.write_bytes(b"uploaded in the console")
    upload(api, clip, ClassId=intros)  # media vodops did not make
    write(directory, "classes.yaml", promos)
    planned = vodops("plan", directory, "--endpoint", emulator_url)
    assert "- delete MediaClass 'Promos/Old'" in planned.out, planned.text
    assert "Promos/Intros" not in planned.out.split("Note:")[0]
    assert "not deleted, as the API would refuse: MediaClass/Promos/Intros" in planned.out
    assert vodops("apply", directory, "--yes", "--endpoint", emulator_url).code == 0


def test_export_writes_media_documents(vodops: Vodops, tmp_path, site, emulator_url):
    directory = project(tmp_path, site)
    assert vodops("apply", directory, "--yes", "--endpoint", emulator_url).code == 0
    exported = vodops("export", directory, "--out", tmp_path / "out", "--endpoint", emulator_url)
    assert exported.code == 0, exported.text
    text = (tmp_path / "out" / "media.yaml").read_text()
    assert "name: intro-clip" in text and f"url: {emulator_url}/_emulator/media/" in text
    assert "mediaClass: Promos/Intros" in text and "procedure: ingest-hls" in text
    assert "its source is written as the URL VOD serves it from" in exported.text


def test_a_media_renamed_in_the_console_is_renamed_back_not_uploaded_again(
    vodops: Vodops, tmp_path, site, emulator_url
):
    directory = project(tmp_path, site)
    assert vodops("apply", directory, "--yes", "--endpoint", emulator_url).code == 0
    api = Api(emulator_url)
    intro = next(m for m in api.media() if m["BasicInfo"]["Name"] == "intro-clip")
    api("ModifyMediaInfo", FileId=intro["FileId"], Name="renamed in the console")
    planned = vodops("plan", directory, "--endpoint", emulator_url)
    assert planned.code == 0, planned.text
    assert "Plan: 1 to update." in planned.out
    assert f"~ update Media 'intro-clip' (id {intro['FileId']})" in planned.out
    assert "metadata.name: renamed in the console -> intro-clip" in planned.out
    applied = vodops("apply", directory, "--yes", "--endpoint", emulator_url)
    assert applied.code == 0 and "uploading" not in applied.err, applied.text
    names = sorted((m["FileId"], m["BasicInfo"]["Name"]) for m in api.media())
    assert (intro["FileId"], "intro-clip") in names and len(names) == 2
    assert "No changes" in vodops("plan", directory, "--endpoint", emulator_url).out
