"""The canonical demo, end to end through the CLI against the embedded emulator."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import Vodops

QUICKSTART_RESOURCES = 12  # 5 classes, 2 watermarks, 4 transcode templates, 1 procedure


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_validate_accepts_the_quickstart(vodops: Vodops, quickstart: Path) -> None:
    result = vodops("validate", quickstart)
    assert result.code == 0, result.text
    assert f"OK: {QUICKSTART_RESOURCES} resources" in result.out


def test_first_plan_creates_everything(vodops: Vodops, quickstart: Path) -> None:
    result = vodops("plan", quickstart, "--detailed-exitcode")
    assert result.code == 2, result.text
    assert f"Plan: {QUICKSTART_RESOURCES} to create." in result.out
    creates = re.findall(r"^\+ create (\w+) '([^']+)'", result.out, re.MULTILINE)
    assert len(creates) == QUICKSTART_RESOURCES
    assert ("Procedure", "ingest-hls") in creates
    assert "definition: hls-720p (known after apply)" in result.out


def test_apply_then_plan_is_empty(vodops: Vodops, quickstart: Path) -> None:
    applied = vodops("apply", quickstart, "--yes")
    assert applied.code == 0, applied.text
    assert f"Apply complete: {QUICKSTART_RESOURCES} created." in applied.out
    again = vodops("plan", quickstart, "--detailed-exitcode")
    assert again.code == 0, again.text
    assert "No changes" in again.out


def test_one_changed_field_is_one_update(vodops: Vodops, quickstart: Path) -> None:
    assert vodops("apply", quickstart, "--yes").code == 0
    _edit(quickstart / "transcode.yaml", "bitrate: 1800", "bitrate: 2400")
    result = vodops("plan", quickstart, "--detailed-exitcode")
    assert result.code == 2, result.text
    assert "Plan: 1 to update." in result.out
    assert re.search(r"~ update TranscodeTemplate 'hls-720p' \(id \d+\)", result.out)
    changed = [line.strip() for line in result.out.splitlines() if line.startswith("    ")]
    assert changed == ["videoTemplate.bitrate: 1800 -> 2400"]
    assert vodops("apply", quickstart, "--yes").code == 0
    assert vodops("plan", quickstart, "--detailed-exitcode").code == 0


def test_removed_document_is_deleted(vodops: Vodops, quickstart: Path) -> None:
    assert vodops("apply", quickstart, "--yes").code == 0
    text = (quickstart / "watermarks.yaml").read_text()
    (quickstart / "watermarks.yaml").write_text(text.split("---")[0])  # keep only `logo`
    used = '\n        watermarkSet: [{definition: channel-name, textContent: "© Example Media"}]'
    _edit(quickstart / "procedures.yaml", used, "")
    result = vodops("plan", quickstart, "--detailed-exitcode")
    assert result.code == 2, result.text
    assert "Plan: 1 to update, 1 to delete." in result.out
    assert re.search(r"- delete WatermarkTemplate 'channel-name' \(id \d+\)", result.out)
    # Dangerous changes are listed first; the apply order still updates the procedure first.
    assert result.out.index("- delete") < result.out.index("~ update Procedure")
    applied = vodops("apply", quickstart, "--yes")
    assert applied.code == 0, applied.text
    deleted = re.search(r"delete WatermarkTemplate 'channel-name' \(id \d+\): done", applied.out)
    assert deleted and applied.out.index("update Procedure 'ingest-hls': done") < deleted.start()
    assert vodops("plan", quickstart, "--detailed-exitcode").code == 0


def test_apply_without_yes_off_a_terminal_refuses(vodops: Vodops, quickstart: Path) -> None:
    result = vodops("apply", quickstart)
    assert result.code == 1
    assert "refusing to apply without --yes" in result.err
    assert vodops("plan", quickstart, "--detailed-exitcode").code == 2  # nothing was applied
