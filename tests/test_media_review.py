"""Media as a demanding new user meets them, against the embedded emulator: times that have
passed, files the API cannot type, console renames, errors that point at the field."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tests.conftest import Vodops
from tests.helpers import document, live_api, write
from vodops.utctime import utc_text


def media(directory: Path) -> list[dict[str, Any]]:
    """Every media file of the embedded emulator of `directory` (BasicInfo), by vodops's client."""
    with live_api(directory) as api:
        found = api.call_app("SearchMedia", {"Filters": ["basicInfo"], "Limit": 100})
    return [item["BasicInfo"] for item in found.get("MediaInfoSet") or []]


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
