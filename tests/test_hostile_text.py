"""Text planted in the console (escape sequences, carriage returns, bidirectional overrides) is
printed escaped in every rendering and message, so it cannot rewrite what a reviewer sees; and
names follow one rule (NFC, no invisible characters) in manifests, live matching and export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Vodops
from tests.helpers import custom, document, hls, live_api, write
from vodops.resources import TRANSCODE

PLANTED = "\x1b[2J\x1b[1;1Hlooks fine\r\u202etxt.exe\u200b"
ESCAPED = "\\x1b[2J\\x1b[1;1Hlooks fine\\r\\u202etxt.exe\\u200b"
RAW = ("\x1b", "\r", "\u202e", "\u200b")


def _live(directory: Path, name: str) -> dict[str, Any]:
    with live_api(directory) as api:
        return next(t for t in custom(api, TRANSCODE) if t["Name"] == name)


def _assert_escaped(text: str) -> None:
    assert not any(char in text for char in RAW), repr(text)
    assert ESCAPED in text, text


@pytest.mark.parametrize("form", ["text", "markdown"])
def test_a_planted_comment_is_printed_escaped(vodops: Vodops, quickstart: Path, form: str) -> None:
    assert vodops("apply", quickstart, "--yes").code == 0
    live = _live(quickstart, "hls-720p")
    marker = live["Comment"][live["Comment"].index(" [vodops:") :]
    with live_api(quickstart) as api:
        api.update(TRANSCODE, int(live["Definition"]), {"Comment": PLANTED + marker})
    result = vodops("plan", quickstart, "--format", form)
    assert result.code == 0
    _assert_escaped(result.out)


def test_a_planted_name_is_printed_escaped_in_plan_and_apply(vodops: Vodops, quickstart: Path) -> None:
    assert vodops("apply", quickstart, "--yes").code == 0
    live = _live(quickstart, "hls-720p")
    with live_api(quickstart) as api:
        api.update(TRANSCODE, int(live["Definition"]), {"Name": PLANTED})
    for form in ("text", "markdown"):
        _assert_escaped(vodops("plan", quickstart, "--format", form).out)
    applied = vodops("apply", quickstart, "--yes")
    assert applied.code == 0, applied.text
    _assert_escaped(applied.text)


def test_export_invents_a_name_for_a_live_name_with_invisible_characters(
    vodops: Vodops, tmp_path: Path
) -> None:
    with live_api(tmp_path) as api:
        made = api.create(TRANSCODE, {**_request(), "Name": "hls\u200b720p"})
    exported = vodops("export", tmp_path)
    assert exported.code == 0
    assert f"named TranscodeTemplate {made} 'transcode-{made}'" in exported.out
    assert "adoptId" in (tmp_path / "transcode-templates.yaml").read_text()
    assert vodops("plan", tmp_path).out.count("adopt") >= 1


def test_two_spellings_of_one_name_are_one_template(vodops: Vodops, tmp_path: Path) -> None:
    """'café' typed with a combining accent in the console matches 'café' in a manifest."""
    with live_api(tmp_path) as api:
        api.create(TRANSCODE, {**_request(), "Name": "cafe\u0301"})
    write(tmp_path, "t.yaml", document(TRANSCODE, "caf\u00e9", hls()))
    planned = vodops("plan", tmp_path)
    assert "Plan: 1 to adopt." in planned.out, planned.text
    decomposed = tmp_path / "u.yaml"
    head = "apiVersion: vodops/v1\nkind: TranscodeTemplate\n"
    decomposed.write_text(head + 'metadata: {name: "cafe\\u0301"}\nspec: {container: mp4}\n')
    refused = vodops("validate", tmp_path)
    assert f"{decomposed}:3:12: duplicate TranscodeTemplate 'café': also declared at" in refused.err


def _request() -> dict[str, Any]:
    return {
        "Container": "mp4",
        "VideoTemplate": {"Codec": "libx264", "Fps": 25, "Bitrate": 1000},
        "AudioTemplate": {"Codec": "libfdk_aac", "Bitrate": 64, "SampleRate": 44100},
    }
