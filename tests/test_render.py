"""Markdown and JSON renderings against golden files (VODOPS_UPDATE_GOLDEN=1 rewrites them).

Fingerprints hash timestamps the emulator takes from the clock, so they are masked, as are the
plan's creation time and the vodops version; everything
else (ids, order, wording) must match to the byte."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import Vodops
from tests.helpers import TEXT_WATERMARK, document, hls, live_api, write
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
    document.update(vodopsVersion="<version>", createdAt="<time>")
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


def test_markdown_puts_dangerous_changes_first_and_lists_each_change_once(
    vodops: Vodops, quickstart: Path
) -> None:
    _dangerous(vodops, quickstart)
    markdown = vodops("plan", quickstart, "--format", "markdown").out
    assert markdown.splitlines()[0] == "<!-- vodops-plan target=local -->", (
        "the marker CI finds its comment by"
    )
    dangerous, others = markdown.split("#### ⚠️ Dangerous changes", 1)[1].split("#### Other changes")
    actions = re.findall(r"(?:<b>|\*\*)(create|update|replace|delete|adopt)(?:</b>|\*\*)", dangerous)
    assert actions == ["replace", "adopt", "delete", "delete"]
    assert re.findall(r"<b>(\w+)</b>", others) == ["update"]
    for address in ("WatermarkTemplate/logo", "TranscodeTemplate/mp4-download", "Procedure/ingest-hls"):
        assert markdown.count(address) == 1, address


def test_a_300_create_plan_fits_one_comment(vodops: Vodops, tmp_path: Path) -> None:
    """Summary and table first, then as many details as fit under GitHub's 65,536 characters, and a
    pointer to the full plan for the rest."""
    transcode = [
        document(TRANSCODE, f"hls-{n:03}", hls(1000 + n, width=1280, height=720)) for n in range(100)
    ]
    write(tmp_path, "transcode.yaml", *transcode)
    marks = [document("WatermarkTemplate", f"mark-{n:03}", TEXT_WATERMARK) for n in range(200)]
    write(tmp_path, "marks.yaml", *marks)
    result = vodops("plan", tmp_path, "--format", "markdown", "--out", tmp_path / "plan.json")
    size = len(result.out.encode("utf-8"))
    assert 60_000 < size <= 65_536, size
    assert "**Plan: 300 to create.**" in result.out and "| TranscodeTemplate | 100 |" in result.out
    shown = result.out.count("<details>")
    pointer = (
        f"> **{300 - shown} more changes are not shown here**: a comment holds at most 65,536 characters."
    )
    assert pointer in result.out
    assert f"The full plan is in the saved plan `{tmp_path / 'plan.json'}`" in result.out
    assert result.out.index("**Quota headroom after apply**") > result.out.index(pointer)


def test_dangerous_changes_come_before_any_detail_when_space_is_short(
    vodops: Vodops, quickstart: Path
) -> None:
    from vodops.render.markdown import render_markdown
    from vodops.session import open_session

    _dangerous(vodops, quickstart)
    with open_session(quickstart) as session:
        plan = session.plan()
    small = render_markdown(plan, limit=1_900)
    assert len(small.encode("utf-8")) <= 1_900
    assert small.count("- 🗑️ **delete**") == 2 and "WatermarkTemplate/logo" in small
    assert "Procedure/ingest-hls" not in small and "> **1 more change is not shown here**" in small


def test_a_removed_list_item_shows_as_removed_not_default(vodops: Vodops, quickstart: Path) -> None:
    _dangerous(vodops, quickstart)
    text = vodops("plan", quickstart).out
    assert "    mediaProcessTask.transcodeTaskSet[4].definition: 100030 -> (removed)" in text
    assert "    mediaProcessTask.transcodeTaskSet[3].definition: 1000004 -> 100030" in text
    assert "imageTemplate.width: 12% -> (default)" in text, "a field left out still shows the default"


def test_an_added_list_item_shows_as_added_not_default(vodops: Vodops, quickstart: Path) -> None:
    """A new list item had no value at all, so it reads (added), not (default) -> value; drift sees
    the same item from the other side, as removed outside vodops."""
    assert vodops("apply", quickstart, "--yes", "--parallelism", "1").code == 0  # ids in plan order
    procedures = (quickstart / "procedures.yaml").read_text()
    cover = "      - {definition: 10, positionType: Percent, positionValue: 10}\n"
    (quickstart / "procedures.yaml").write_text(
        procedures.replace(cover, cover + cover.replace("10}", "50}"))
    )
    text = vodops("plan", quickstart).out
    assert "    mediaProcessTask.coverBySnapshotTaskSet[1].positionValue: (added) -> 50" in text
    assert "    mediaProcessTask.coverBySnapshotTaskSet[1].definition: (added) -> 10" in text
    markdown = vodops("plan", quickstart, "--format", "markdown").out
    assert "| `mediaProcessTask.coverBySnapshotTaskSet[1].positionValue` | *(added)* | `50` |" in markdown
    saved = quickstart.parent / "plan.json"
    assert vodops("plan", quickstart, "--out", saved).code == 0
    assert vodops("show", saved).out.split("\n", 1)[1] == text  # after its header, the same
    assert vodops("apply", quickstart, "--plan", saved, "--yes").code == 0  # and its fields verify
    (quickstart / "procedures.yaml").write_text(procedures)  # as applied; the console adds the item
    with live_api(quickstart) as api:
        [live] = api.call_app("DescribeProcedureTemplates", {"Names": ["ingest-hls"]})["ProcedureTemplateSet"]
        covers = live["MediaProcessTask"]["CoverBySnapshotTaskSet"]
        covers.append({"Definition": 10, "PositionType": "Percent", "PositionValue": 50})
        task = {"CoverBySnapshotTaskSet": covers}  # (the transcode tasks go too: drift shows them)
        api.call_app("ResetProcedureTemplate", {"Name": "ingest-hls", "MediaProcessTask": task})
    drift = vodops("drift", quickstart).out
    assert "    mediaProcessTask.coverBySnapshotTaskSet[1].positionValue: (added) -> 50" in drift, drift
