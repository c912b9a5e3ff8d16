"""Media as a demanding new user meets them, against the embedded emulator: times that have
passed, files the API cannot type, console renames, errors that point at the field."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path
from typing import Any

from tests.conftest import Vodops
from tests.helpers import VODOPS, document, live_api, write
from vodops.utctime import utc_text


def media(directory: Path) -> list[dict[str, Any]]:
    """Every media file of the embedded emulator of `directory` (BasicInfo), by vodops's client."""
    with live_api(directory) as api:
        found = api.call_app("SearchMedia", {"Filters": ["basicInfo"], "Limit": 100})
    return [item["BasicInfo"] for item in found.get("MediaInfoSet") or []]


def lines(err: str, directory: Path) -> list[str]:
    """Standard error's lines, with locations relative to `directory`."""
    return err.replace(f"{directory}/", "").splitlines()


def clip(directory: Path, name: str = "intro.mp4", size: int = 2000) -> str:
    (directory / "media").mkdir(parents=True, exist_ok=True)
    (directory / "media" / name).write_bytes(os.urandom(size))
    return f"./media/{name}"


def test_a_media_whose_expire_time_has_passed_is_not_created(vodops: Vodops, tmp_path: Path) -> None:
    source = {"file": clip(tmp_path)}
    spec = {"source": source, "expireTime": "2020-01-01T08:00:00+08:00"}
    write(tmp_path, "media.yaml", document("Media", "old", spec))
    planned = vodops("plan", tmp_path, "--detailed-exitcode")
    assert planned.code == 0, planned.text
    assert "Media 'old': its expireTime 2020-01-01T08:00:00+08:00 has passed: not created" in planned.out
    applied = vodops("apply", tmp_path, "--yes")
    assert applied.code == 0 and "No changes" in applied.out, applied.text
    assert media(tmp_path) == []  # an upload that expired at once would come back on every apply


def test_an_expire_time_moved_into_the_past_is_refused_not_sent(vodops: Vodops, tmp_path: Path) -> None:
    source = {"file": clip(tmp_path)}
    later = utc_text(2_000_000_000)  # 2033
    write(tmp_path, "media.yaml", document("Media", "intro", {"source": source, "expireTime": later}))
    assert vodops("apply", tmp_path, "--yes").code == 0
    before = media(tmp_path)
    assert [m["ExpireTime"] for m in before] == [later]
    past = {"source": source, "expireTime": "2021-06-01T00:00:00-05:00"}
    write(tmp_path, "media.yaml", document("Media", "intro", past))
    refused = vodops("apply", tmp_path, "--yes")
    assert refused.code == 1
    assert (
        "Media 'intro': expireTime 2021-06-01T00:00:00-05:00 has passed; VOD deletes a media file when its "
        "expireTime passes, so vodops does not send it (set a later one, or remove it and opt in to "
        "deleting Media)"
    ) in refused.err, refused.text
    assert media(tmp_path) == before  # sending it would have deleted the media past the delete brakes


JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")


def test_a_source_without_an_extension_needs_a_media_type(vodops: Vodops, tmp_path: Path) -> None:
    clip(tmp_path, "intro")
    write(
        tmp_path,
        "media.yaml",
        document("Media", "intro", {"source": {"file": "./media/intro"}}),
        document("Media", "feed", {"source": {"url": "https://cdn.example.com/watch?id=7"}}),
        document("Media", "odd", {"source": {"url": "https://cdn.example.com/a.mp4~"}}),
    )
    checked = vodops("validate", tmp_path)
    assert checked.code == 1
    assert lines(checked.err, tmp_path) == [
        "media.yaml:7:5: spec.source.file: it has no extension to tell the media type "
        "(letters and digits, ≤ 10): write mediaType",
        "media.yaml:15:5: spec.source.url: it has no extension to tell the media type "
        "(letters and digits, ≤ 10): write mediaType",
        "media.yaml:23:5: spec.source.url: its extension 'mp4~' does not tell the media type "
        "(letters and digits, ≤ 10): write mediaType",
        "3 problems: the manifests are invalid; nothing was sent to the API",
    ]
    assert vodops("plan", tmp_path).code == 1 and not (tmp_path / ".vodops" / "uploads").exists()


def test_a_media_type_and_a_cover_named_without_an_extension_upload(vodops: Vodops, tmp_path: Path) -> None:
    clip(tmp_path, "intro")
    (tmp_path / "media" / "poster").write_bytes(JPEG)
    spec = {"source": {"file": "./media/intro"}, "mediaType": "MP4", "cover": {"file": "./media/poster"}}
    write(tmp_path, "media.yaml", document("Media", "intro", spec))
    applied = vodops("apply", tmp_path, "--yes")
    assert applied.code == 0, applied.text
    [made] = media(tmp_path)
    assert (made["Type"], made["CoverUrl"].rsplit(".", 1)[1]) == ("MP4", "jpg")
    assert "No changes" in vodops("plan", tmp_path).out


def test_every_unusable_file_is_reported_at_its_own_field(vodops: Vodops, tmp_path: Path) -> None:
    clip(tmp_path, "empty.jpg", 0)
    spec = {"source": {"file": "./media/missing.mp4"}, "cover": {"file": "./media/empty.jpg"}}
    write(tmp_path, "media.yaml", document("Media", "intro", spec))
    checked = vodops("validate", tmp_path)
    assert lines(checked.err, tmp_path) == [
        "media.yaml:7:5: spec.source.file: './media/missing.mp4' does not exist",
        "media.yaml:9:5: spec.cover.file: './media/empty.jpg' is not a PNG, JPEG or GIF image",
        "2 problems: the manifests are invalid; nothing was sent to the API",
    ]


def test_a_media_file_is_read_again_only_when_it_changed(vodops: Vodops, tmp_path: Path) -> None:
    source = clip(tmp_path)
    path = tmp_path / source
    write(tmp_path, "media.yaml", document("Media", "intro", {"source": {"file": source}}))
    assert vodops("validate", tmp_path).code == 0
    cache = tmp_path / ".vodops" / "digests.json"
    [(name, entry)] = json.loads(cache.read_text()).items()
    content = hashlib.sha256(path.read_bytes()).hexdigest()
    assert (name, entry[0], entry[3]) == (str(path.resolve()), 2000, content)
    cache.write_text(json.dumps({name: [*entry[:3], "0" * 64]}))  # as if the file said so: it is not read
    assert "source.file: 'sha256:0000000000000000 (2,000 bytes)'" in planned(tmp_path)
    with path.open("ab") as file:
        file.write(b"!")
    changed = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    assert f"source.file: 'sha256:{changed} (2,001 bytes)'" in planned(tmp_path)


def planned(directory: Path) -> str:
    """`vodops plan` in a process of its own (this one remembers digests it computed)."""
    done = subprocess.run([*VODOPS, "plan", str(directory)], capture_output=True, text=True, check=True)
    return done.stdout


def test_allow_delete_says_when_it_allows_nothing(vodops: Vodops, tmp_path: Path) -> None:
    write(tmp_path, "media.yaml", document("Media", "intro", {"source": {"file": clip(tmp_path)}}))
    assert vodops("apply", tmp_path, "--yes").code == 0
    write(tmp_path, "media.yaml")
    kept = vodops("apply", tmp_path, "--yes", "--allow-delete", "Media/intro")
    assert kept.code == 0, kept.text
    assert "kept, as Media is not in safety.deleteKinds: Media/intro" in kept.out
    assert "note: --allow-delete Media/intro allows nothing: this plan deletes no Media/intro" in kept.err
    assert [m["Name"] for m in media(tmp_path)] == ["intro"]
    (tmp_path / "vodops.yaml").write_text("safety: {deleteKinds: [Media], maxDeletePercent: null}\n")
    refused = vodops("apply", tmp_path, "--yes")
    assert refused.code == 1 and "not yet allowed: Media/intro" in refused.err
    assert [m["Name"] for m in media(tmp_path)] == ["intro"]
    allowed = ("--allow-delete", "Media/intro", "--allow-delete", "Media/typo")
    deleted = vodops("apply", tmp_path, "--yes", *allowed)
    assert deleted.code == 0 and "Apply complete: 1 deleted." in deleted.out, deleted.text
    assert "note: --allow-delete Media/typo allows nothing" in deleted.err
    assert "Media/intro allows" not in deleted.err
    assert media(tmp_path) == []


def test_a_time_that_is_no_real_moment_is_refused_at_its_field(vodops: Vodops, tmp_path: Path) -> None:
    """A 30 February, a 25th hour or a +99:00 zone is no time at all: refused, not taken as past
    (a media silently not created) nor sent (the emulator's SearchMedia broke on one)."""
    documents = [
        document("Media", name, {"source": {"file": clip(tmp_path, f"{name}.mp4")}, "expireTime": when})
        for name, when in (
            ("february", "2099-02-30T00:00:00Z"),
            ("hour", "2099-01-01T25:61:00Z"),
            ("zone", "2099-01-01T00:00:00+99:00"),
        )
    ]
    relay = {
        "sourceType": "PullLivePushLive", "sourceUrls": ["rtmp://origin.example.com/live/a"],
        "domainName": "push.example.com", "appName": "live", "streamName": "a",
        "startTime": "2099-02-30T00:00:00Z", "endTime": "2099-03-01T00:00:00Z",
    }  # fmt: skip
    write(tmp_path, "media.yaml", *documents, document("LivePullStreamTask", "relay", relay))
    checked = vodops("apply", tmp_path, "--yes")
    assert checked.code == 1
    out_of_range = "is not a real time (the date, the hour or the zone offset is out of range)"
    found = [line for line in lines(checked.err, tmp_path) if out_of_range in line]
    assert [line.split(": ", 1)[1] for line in found] == [
        f"spec.expireTime: '2099-02-30T00:00:00Z' {out_of_range}",
        f"spec.expireTime: '2099-01-01T25:61:00Z' {out_of_range}",
        f"spec.expireTime: '2099-01-01T00:00:00+99:00' {out_of_range}",
        f"spec.startTime: '2099-02-30T00:00:00Z' {out_of_range}",
    ]
    assert all(line.startswith("media.yaml:") for line in found)
    assert media(tmp_path) == []


def test_a_tag_listed_twice_is_refused_not_planned_forever(vodops: Vodops, tmp_path: Path) -> None:
    """VOD keeps a media's tags as a set: [x, y, x] was created as [x, y], and every plan after
    showed an update that apply could never make."""
    spec = {"source": {"file": clip(tmp_path)}, "tags": ["x", "y", "x"]}
    write(tmp_path, "media.yaml", document("Media", "intro", spec))
    for verb in ("validate", "apply"):
        checked = vodops(verb, tmp_path, *(["--yes"] if verb == "apply" else []))
        assert checked.code == 1
        assert (
            lines(checked.err, tmp_path)[0]
            == "media.yaml:11:5: spec.tags[2]: 'x' is listed twice (first at index 0)"
        )
    assert media(tmp_path) == []
    write(tmp_path, "media.yaml", document("Media", "intro", {**spec, "tags": ["x", "y"]}))
    assert vodops("validate", tmp_path).out == f"OK: 1 resource (1 Media) in {tmp_path}\n"
