"""Replacements: what the API cannot modify is recreated, referrers repointed, the old deleted."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Vodops
from tests.helpers import TEXT_WATERMARK, custom, document, hls, live_api, write
from vodops.resources import MEDIA_CLASS, PROCEDURE, TRANSCODE, WATERMARK

SVG = {"type": "svg", "svgTemplate": {"width": "10W%"}}


def _flow(mark: str) -> dict[str, object]:
    return {
        "mediaProcessTask": {
            "transcodeTaskSet": [{"definition": "hls", "watermarkSet": [{"definition": mark}]}]
        }
    }


def _account(directory: Path, mark_spec: dict[str, object]) -> None:
    write(
        directory,
        "m.yaml",
        document(TRANSCODE, "hls", hls()),
        document(WATERMARK, "mark", mark_spec),
        document(PROCEDURE, "flow", _flow("mark")),
    )


def _flow_watermark(directory: Path) -> int:
    with live_api(directory) as api:
        [flow] = custom(api, PROCEDURE)
    return int(flow["MediaProcessTask"]["TranscodeTaskSet"][0]["WatermarkSet"][0]["Definition"])


def test_a_new_watermark_type_replaces_it_and_repoints_procedures(vodops: Vodops, tmp_path: Path) -> None:
    _account(tmp_path, TEXT_WATERMARK)
    assert vodops("apply", tmp_path, "--yes").code == 0
    old = _flow_watermark(tmp_path)
    _account(tmp_path, SVG)
    plan = vodops("plan", tmp_path)
    assert "Plan: 1 to update, 1 to replace." in plan.out
    assert f"-/+ replace WatermarkTemplate 'mark' (id {old})" in plan.out
    assert "    type: text -> svg" in plan.out
    repointed = "mediaProcessTask.transcodeTaskSet[0].watermarkSet[0].definition"
    assert f"{repointed}: mark (id {old}) -> mark (known after apply)" in plan.out
    applied = vodops("apply", tmp_path, "--yes")
    assert applied.code == 0, applied.text
    assert "Apply complete: 1 replaced, 1 updated." in applied.out
    with live_api(tmp_path) as api:
        [mark] = custom(api, WATERMARK)
    assert mark["Type"] == "svg" and mark["Definition"] != old
    assert _flow_watermark(tmp_path) == mark["Definition"], "the procedure points at the new one"
    assert vodops("plan", tmp_path, "--detailed-exitcode").code == 0


def test_a_procedure_it_does_not_manage_blocks_the_replace(vodops: Vodops, tmp_path: Path) -> None:
    write(tmp_path, "w.yaml", document(WATERMARK, "mark", TEXT_WATERMARK))
    assert vodops("apply", tmp_path, "--yes").code == 0
    with live_api(tmp_path) as api:
        [mark] = custom(api, WATERMARK)
        task = {"Definition": 100030, "WatermarkSet": [{"Definition": mark["Definition"]}]}
        api.create(PROCEDURE, {"Name": "console-flow", "MediaProcessTask": {"TranscodeTaskSet": [task]}})
    write(tmp_path, "w.yaml", document(WATERMARK, "mark", SVG))
    result = vodops("plan", tmp_path)
    assert result.code == 1
    assert (
        "Procedure 'console-flow' (made outside vodops, so this plan does not change it) would still "
        f"use WatermarkTemplate 'mark' (id {mark['Definition']}) at "
        "mediaProcessTask.transcodeTaskSet[0].watermarkSet[0].definition after this plan, which replaces "
        "it (the replacement gets a new id); change that Procedure first, or keep the template declared"
    ) in result.err


def test_an_unmarked_template_of_another_type_is_not_adopted(vodops: Vodops, tmp_path: Path) -> None:
    with live_api(tmp_path) as api:
        svg = {"Type": "svg", "SvgTemplate": {}}
        made = api.create(WATERMARK, {"Name": "mark", **svg})
    write(tmp_path, "w.yaml", document(WATERMARK, "mark", TEXT_WATERMARK))
    result = vodops("plan", tmp_path)
    assert result.code == 1
    assert f"WatermarkTemplate 'mark' (id {made}) cannot be adopted: its type differs" in result.err


def test_a_moved_class_is_replaced(vodops: Vodops, tmp_path: Path) -> None:
    classes = [document(MEDIA_CLASS, "Movies", {"authoritative": True}), document(MEDIA_CLASS, "Series")]
    write(tmp_path, "c.yaml", *classes, document(MEDIA_CLASS, "Movies/Kids"))
    assert vodops("apply", tmp_path, "--yes").code == 0
    write(tmp_path, "c.yaml", *classes, document(MEDIA_CLASS, "Series/Kids"))
    plan = vodops("plan", tmp_path)
    assert "Plan: 1 to replace." in plan.out
    assert "metadata.name: Movies/Kids -> Series/Kids" in plan.out
    assert vodops("apply", tmp_path, "--yes").code == 0
    with live_api(tmp_path) as api:
        by_id = {c["ClassId"]: c for c in api.list(MEDIA_CLASS)}
    kids = [c for c in by_id.values() if c["Name"] == "Kids"]
    assert [by_id[k["ParentId"]]["Name"] for k in kids] == ["Series"], (
        "created at the new place, old one gone"
    )
    assert vodops("plan", tmp_path, "--detailed-exitcode").code == 0


def test_a_class_that_would_keep_a_subclass_is_not_deleted(vodops: Vodops, tmp_path: Path) -> None:
    write(
        tmp_path,
        "c.yaml",
        document(MEDIA_CLASS, "Movies", {"authoritative": True}),
        document(MEDIA_CLASS, "Movies/Kids"),
    )
    assert vodops("apply", tmp_path, "--yes").code == 0
    with live_api(tmp_path) as api:
        kids = next(c for c in api.list(MEDIA_CLASS) if c["Name"] == "Kids")
        api.create(MEDIA_CLASS, {"ParentId": kids["ClassId"], "ClassName": "Toddlers"})
    write(tmp_path, "c.yaml", document(MEDIA_CLASS, "Movies"))  # no longer authoritative
    assert vodops("plan", tmp_path, "--detailed-exitcode").code == 0, (
        "nothing below Movies is ours to delete now"
    )


def test_an_interrupted_replace_is_finished_by_the_next_apply(vodops: Vodops, tmp_path: Path) -> None:
    _account(tmp_path, TEXT_WATERMARK)
    assert vodops("apply", tmp_path, "--yes").code == 0
    old = _flow_watermark(tmp_path)
    with live_api(tmp_path) as api:  # what an apply that stopped after its create leaves behind
        text = {"FontType": "arial.ttf", "FontSize": "20px", "FontColor": "0xFFFFFF", "FontAlpha": 1}
        api.create(
            WATERMARK,
            {"Name": "mark", "Type": "svg", "SvgTemplate": {"Width": "10W%"}, "Comment": "[vodops:default]"},
        )
        assert text
    _account(tmp_path, SVG)
    plan = vodops("plan", tmp_path)
    assert plan.code == 0, plan.err
    assert f"- delete WatermarkTemplate 'mark' (id {old})" in plan.out
    assert "~ update Procedure 'flow'" in plan.out
    assert vodops("apply", tmp_path, "--yes").code == 0
    assert vodops("plan", tmp_path, "--detailed-exitcode").code == 0
