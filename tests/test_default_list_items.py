"""A list item whose every field is at its default is an item, not nothing (DESIGN.md "Diff").

A MosaicSet of one `{}` is a mosaic (MosaicInput: every member optional, defaults TopLeft, 0px,
0px, 10%, 10%, the whole video: reference/vod-api-2018-07-17.md, tccli's api.json), so it differs
from no MosaicSet; the plan said "No changes" either way round, and the apply never made the
account match. An empty list is no item at all, as the API reads it, and equal to no list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import Vodops
from tests.helpers import document, live_api, write
from vodops.resources import PROCEDURE

HEAD = "Target: local, stack 'default'\n"
NONE = HEAD + "No changes: the live account matches the manifests.\n"
ITEM = "mediaProcessTask.transcodeTaskSet[0].mosaicSet[0]"


def _procedure(directory: Path, **task: Any) -> None:
    spec = {"mediaProcessTask": {"transcodeTaskSet": [{"definition": 100010, **task}]}}
    write(directory, "flow.yaml", document(PROCEDURE, "masked", spec))


def _live_mosaics(directory: Path) -> list[dict[str, Any]]:
    with live_api(directory) as api:
        (flow,) = [item for item in api.list(PROCEDURE) if item["Name"] == "masked"]
    mosaics: list[dict[str, Any]] = flow["MediaProcessTask"]["TranscodeTaskSet"][0]["MosaicSet"]
    return mosaics


def _update(line: str) -> str:
    change = f"~ update Procedure 'masked'\n    {line}\n"
    return HEAD + f"Plan: 1 to update.\n\n{change}\nQuotas after apply: Procedure 1/50\n"


def test_a_defaulted_item_is_planned_created_and_applied(vodops: Vodops, tmp_path: Path) -> None:
    _procedure(tmp_path, mosaicSet=[{}])
    planned = vodops("plan", tmp_path)
    assert f"    {ITEM}: (default)\n" in planned.out, planned.text
    assert vodops("apply", "--yes", tmp_path).code == 0
    assert _live_mosaics(tmp_path) == [
        {"CoordinateOrigin": "TopLeft", "XPos": "0px", "YPos": "0px", "Width": "10%", "Height": "10%",
         "StartTimeOffset": 0, "EndTimeOffset": 0},
    ]  # fmt: skip
    assert vodops("plan", tmp_path).out == NONE


def test_dropping_a_defaulted_item_is_an_update_that_removes_it(vodops: Vodops, tmp_path: Path) -> None:
    _procedure(tmp_path, mosaicSet=[{}])
    assert vodops("apply", "--yes", tmp_path).code == 0
    _procedure(tmp_path)
    planned = vodops("plan", "--detailed-exitcode", tmp_path)
    assert (planned.code, planned.out) == (2, _update(f"{ITEM}: (default) -> (removed)")), planned.text
    assert vodops("apply", "--yes", tmp_path).code == 0
    assert _live_mosaics(tmp_path) == []
    assert vodops("plan", tmp_path).out == NONE


def test_adding_a_defaulted_item_is_an_update_that_adds_it(vodops: Vodops, tmp_path: Path) -> None:
    _procedure(tmp_path)
    assert vodops("apply", "--yes", tmp_path).code == 0
    _procedure(tmp_path, mosaicSet=[{"coordinateOrigin": "TopLeft", "width": "10%"}])  # defaults, spelled
    planned = vodops("plan", "--detailed-exitcode", tmp_path)
    assert (planned.code, planned.out) == (2, _update(f"{ITEM}: (added) -> (default)")), planned.text
    assert vodops("apply", "--yes", tmp_path).code == 0
    assert len(_live_mosaics(tmp_path)) == 1
    assert vodops("plan", tmp_path).out == NONE


def test_an_empty_list_is_no_list(vodops: Vodops, tmp_path: Path) -> None:
    _procedure(tmp_path)
    assert vodops("apply", "--yes", tmp_path).code == 0
    _procedure(tmp_path, mosaicSet=[])
    assert vodops("plan", "--detailed-exitcode", tmp_path).out == NONE
    assert _live_mosaics(tmp_path) == []
