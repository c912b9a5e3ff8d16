"""Renames keep identity: metadata.previousNames turns a delete and a create into a rename in place
(templates keep their id, classes their id and subclasses); procedures, keyed by name, are replaced."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import Run, Vodops
from tests.helpers import document, hls, live_api, write
from tests.live_accounts import official_sdk
from vodops.resources import MEDIA_CLASS, PROCEDURE, TRANSCODE, WATERMARK


def _ids(directory: Path, kind: str) -> dict[str, object]:
    with official_sdk(directory) as sdk:
        if kind == MEDIA_CLASS:
            classes = sdk("DescribeAllClass")["ClassInfoSet"]
            return {c["ClassName"]: c["ClassId"] for c in classes if c["ClassId"] != 0}
        action, key = {
            TRANSCODE: ("DescribeTranscodeTemplates", "TranscodeTemplateSet"),
            WATERMARK: ("DescribeWatermarkTemplates", "WatermarkTemplateSet"),
            PROCEDURE: ("DescribeProcedureTemplates", "ProcedureTemplateSet"),
        }[kind]
        listed = sdk(action, Limit=100)[key]
        return {t["Name"]: t.get("Definition", t["Name"]) for t in listed if t.get("Type") != "Preset"}


def _edit(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text()
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text)


RENAME_720 = (("metadata: {name: hls-720p}", "metadata: {name: hls-720p-main, previousNames: [hls-720p]}"),)


def _converged(vodops: Vodops, directory: Path, *args: str) -> None:
    applied = vodops("apply", directory, "--yes", *args)
    assert applied.code == 0, applied.text
    assert vodops("plan", directory, "--detailed-exitcode").code == 0


def _plan_after(
    vodops: Vodops, quickstart: Path, file: str, old: str, new: str, *also: tuple[str, str, str]
) -> Run:
    """The plan once `quickstart` is applied and `file` declares `old` as `new` (and each
    (file, before, after) of `also` is edited)."""
    _converged(vodops, quickstart)
    renamed = f"metadata: {{name: {new}, previousNames: [{old}]}}"
    _edit(quickstart / file, (f"metadata: {{name: {old}}}", renamed))
    for other, before, after in also:
        _edit(quickstart / other, (before, after))
    return vodops("plan", quickstart)


def test_a_transcode_template_renamed_keeps_its_id(vodops: Vodops, quickstart: Path) -> None:
    _converged(vodops, quickstart)
    before = _ids(quickstart, TRANSCODE)
    _edit(quickstart / "transcode.yaml", *RENAME_720)
    _edit(quickstart / "procedures.yaml", ("definition: hls-720p\n", "definition: hls-720p-main\n"))
    plan = vodops("plan", quickstart)
    assert "Plan: 1 to update." in plan.out, plan.out
    assert f"~ update TranscodeTemplate 'hls-720p-main' (id {before['hls-720p']})" in plan.out
    assert "metadata.name: hls-720p -> hls-720p-main" in plan.out
    _converged(vodops, quickstart)
    after = _ids(quickstart, TRANSCODE)
    assert after["hls-720p-main"] == before["hls-720p"] and "hls-720p" not in after
    _edit(quickstart / "transcode.yaml", (", previousNames: [hls-720p]", ""))
    assert vodops("plan", quickstart, "--detailed-exitcode").code == 0, "the hint can be removed"


def test_a_watermark_renamed_keeps_its_id(vodops: Vodops, quickstart: Path) -> None:
    procedure = ("procedures.yaml", "{definition: logo}", "{definition: brand}")
    plan = _plan_after(vodops, quickstart, "watermarks.yaml", "logo", "brand", procedure)
    before = {"logo": re.findall(r"update WatermarkTemplate 'brand' \(id (\d+)\)", plan.out)[0]}
    assert "Plan: 1 to update." in plan.out and "metadata.name: logo -> brand" in plan.out, plan.out
    _converged(vodops, quickstart)
    assert str(_ids(quickstart, WATERMARK)["brand"]) == before["logo"]


FILMS = (
    ("metadata: {name: Movies}", "metadata: {name: Films, previousNames: [Movies]}"),
    ("metadata: {name: Movies/Action}", "metadata: {name: Films/Action}"),
)


def _applied_then_films(vodops: Vodops, quickstart: Path, *more: tuple[str, str]) -> dict[str, object]:
    """Apply the quickstart, then rename the class Movies to Films; the class ids before."""
    _converged(vodops, quickstart)
    before = _ids(quickstart, MEDIA_CLASS)
    _edit(quickstart / "classes.yaml", *FILMS, *more)
    return before


def test_a_class_renamed_keeps_its_id_and_its_subclasses(vodops: Vodops, quickstart: Path) -> None:
    before = _applied_then_films(
        vodops,
        quickstart,
        ("metadata: {name: Movies/Drama}", "metadata: {name: Films/Drama}"),
        (
            "metadata: {name: Series/Documentary}",
            "metadata: {name: Series/Docs, previousNames: [Series/Documentary]}",
        ),
    )
    plan = vodops("plan", quickstart)
    assert "Plan: 2 to update." in plan.out, plan.out
    assert "metadata.name: Movies -> Films" in plan.out
    assert "metadata.name: Series/Documentary -> Series/Docs" in plan.out
    _converged(vodops, quickstart)
    after = _ids(quickstart, MEDIA_CLASS)
    assert after["Films"] == before["Movies"] and after["Docs"] == before["Documentary"]
    assert after["Action"] == before["Action"] and "Movies" not in after


def test_a_saved_plan_carries_a_rename(vodops: Vodops, quickstart: Path, tmp_path: Path) -> None:
    before = _applied_then_films(
        vodops, quickstart, ("metadata: {name: Movies/Drama}", "metadata: {name: Films/Comedy}")
    )
    _edit(quickstart / "transcode.yaml", *RENAME_720)
    _edit(quickstart / "procedures.yaml", ("definition: hls-720p\n", "definition: hls-720p-main\n"))
    saved = tmp_path / "plan.json"
    assert vodops("plan", quickstart, "--out", saved).code == 0
    names = {(c["action"], c["name"]) for c in json.loads(saved.read_text())["changes"]}
    assert ("update", "Films") in names and ("create", "Films/Comedy") in names
    applied = vodops("apply", quickstart, "--plan", saved, "--yes")
    assert applied.code == 0, applied.text
    assert vodops("plan", quickstart, "--detailed-exitcode").code == 0
    after = _ids(quickstart, MEDIA_CLASS)
    assert after["Films"] == before["Movies"] and "Comedy" in after and "Drama" not in after


def test_a_procedure_cannot_be_renamed_and_is_replaced(vodops: Vodops, quickstart: Path) -> None:
    plan = _plan_after(vodops, quickstart, "procedures.yaml", "ingest-hls", "ingest")
    assert "Plan: 1 to replace." in plan.out, plan.out
    assert (
        "Note: Procedure 'ingest-hls' -> 'ingest': the API keys procedures by name and cannot rename one; "
        "the plan creates 'ingest', then deletes 'ingest-hls'"
    ) in plan.out
    assert "UNSAFE" not in plan.out
    _converged(vodops, quickstart)
    assert list(_ids(quickstart, PROCEDURE)) == ["ingest"]


def test_a_console_procedure_is_not_renamed(vodops: Vodops, tmp_path: Path) -> None:
    with official_sdk(tmp_path) as sdk:
        sdk(
            "CreateProcedureTemplate",
            Name="old",
            MediaProcessTask={"TranscodeTaskSet": [{"Definition": 100030}]},
        )
    flow = {"mediaProcessTask": {"transcodeTaskSet": [{"definition": 100030}]}}
    write(
        tmp_path,
        "p.yaml",
        {**document(PROCEDURE, "new", flow), "metadata": {"name": "new", "previousNames": ["old"]}},
    )
    result = vodops("plan", tmp_path)
    assert result.code == 1
    assert (
        "Procedure 'old' (id old) cannot be renamed: procedures are keyed by name and it is not vodops's"
        in result.err
    )


def test_a_class_cannot_move_by_a_previous_name(vodops: Vodops, quickstart: Path) -> None:
    result = _plan_after(vodops, quickstart, "classes.yaml", "Movies/Drama", "Series/Drama")
    assert result.code == 1
    assert (
        "MediaClass 'Series/Drama': previous name 'Movies/Drama' is under another parent; the API renames "
        "a class (ModifyClass) but cannot move it"
    ) in result.err


def test_previous_names_are_validated(vodops: Vodops, tmp_path: Path) -> None:
    def renamed(name: str, previous: object) -> dict[str, object]:
        return {**document(TRANSCODE, name, hls()), "metadata": {"name": name, "previousNames": previous}}

    write(
        tmp_path,
        "t.yaml",
        renamed("a", ["b"]),
        renamed("b", ["c", "c"]),
        renamed("d", ["c", "x" * 65]),
        renamed("e", "a"),
    )
    result = vodops("validate", tmp_path)
    assert result.code == 1
    problems = re.findall(r"t\.yaml:\d+:\d+: (.*)", result.err)
    assert problems == [
        "metadata.previousNames: 'b' is declared as a TranscodeTemplate too",
        "metadata.previousNames[1]: 'c' is listed twice",
        "metadata.previousNames: 'c' is also a previous name of 'b' (" + str(tmp_path / "t.yaml") + ":21:3)",
        "metadata.previousNames[1]: '" + "x" * 65 + "' is 65 characters; template names can be at most 64",
        "metadata.previousNames: must be a list of names (got 'a')",
    ], result.err
    with live_api(tmp_path) as api:
        assert [t for t in api.list(TRANSCODE) if t.get("Type") != "Preset"] == []
