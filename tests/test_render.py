"""Markdown and JSON renderings against golden files (VODOPS_UPDATE_GOLDEN=1 rewrites them).

Fingerprints hash timestamps the emulator takes from the clock, so they are masked; everything
else (ids, order, wording) must match to the byte."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import Vodops
from tests.helpers import live_api
from vodops.resources import TRANSCODE

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("VODOPS_UPDATE_GOLDEN") == "1"


def _compare(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text)
    assert path.exists(), f"no golden file {name}: run with VODOPS_UPDATE_GOLDEN=1"
    assert text == path.read_text(), f"{name} differs from the golden file"


def _masked(text: str) -> str:
    document = json.loads(text)
    for entry in [
        *document["reads"],
        *document["bindings"],
        *(c["live"] for c in document["changes"] if c["live"]),
    ]:
        entry["fingerprint"] = "<fingerprint>"
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _dangerous(vodops: Vodops, quickstart: Path) -> None:
    """A plan with a delete, a replace (and the repoint it needs), an update and an adoption."""
    assert vodops("apply", quickstart, "--yes", "--parallelism", "1").code == 0  # ids in plan order
    transcode = (quickstart / "transcode.yaml").read_text()
    download = "---\napiVersion: vodops/v1\nkind: TranscodeTemplate\nmetadata: {name: mp4-download}"
    (quickstart / "transcode.yaml").write_text(transcode.split(download)[0])
    uses = "      - definition: mp4-download\n        watermarkSet: [{definition: channel-name, "
    uses += 'textContent: "© Example Media"}]\n'
    (quickstart / "procedures.yaml").write_text(
        (quickstart / "procedures.yaml").read_text().replace(uses, "")
    )
    logo = (quickstart / "watermarks.yaml").read_text().split("---")[0].replace("type: image", "type: svg")
    svg = logo.replace("imageTemplate: {imageFile: ./logo.png, width: 12%}", "svgTemplate: {width: 12W%}")
    (quickstart / "watermarks.yaml").write_text(svg)
    with live_api(quickstart) as api:
        video = {"Codec": "libx264", "Fps": 25, "Bitrate": 800}
        audio = {"Codec": "libfdk_aac", "Bitrate": 64, "SampleRate": 44100}
        api.create(
            TRANSCODE,
            {"Name": "console-made", "Container": "mp4", "VideoTemplate": video, "AudioTemplate": audio},
        )
    with (quickstart / "transcode.yaml").open("a") as manifest:
        manifest.write(
            "---\napiVersion: vodops/v1\nkind: TranscodeTemplate\nmetadata: {name: console-made}\nspec:\n"
            "  container: mp4\n  videoTemplate: {codec: libx264, fps: 25, bitrate: 1000}\n"
            "  audioTemplate: {codec: libfdk_aac, bitrate: 64, sampleRate: 44100}\n"
        )


@pytest.mark.parametrize("scenario", ["quickstart", "dangerous"])
def test_markdown_and_json(vodops: Vodops, quickstart: Path, scenario: str) -> None:
    if scenario == "dangerous":
        _dangerous(vodops, quickstart)
    markdown = vodops("plan", quickstart, "--format", "markdown")
    assert markdown.code == 0, markdown.text
    _compare(f"{scenario}-plan.md", markdown.out)
    printed = vodops("plan", quickstart, "--format", "json")
    _compare(f"{scenario}-plan.json", _masked(printed.out))


def test_markdown_puts_dangerous_changes_first(vodops: Vodops, quickstart: Path) -> None:
    _dangerous(vodops, quickstart)
    markdown = vodops("plan", quickstart, "--format", "markdown").out
    changes = markdown.split("#### Changes", 1)[1]
    actions = re.findall(r"(?:<b>|\*\*)(create|update|replace|delete|adopt)(?:</b>|\*\*)", changes)
    dangerous = [a in ("delete", "replace", "adopt") for a in actions]
    assert dangerous == sorted(dangerous, reverse=True), actions
    assert markdown.index("#### ⚠️ Dangerous changes") < markdown.index("#### Changes")
