"""No plan leaves a dangling reference: references are checked on the account as the plan leaves
it, for every referrer (declared, this stack's, the console's, another stack's) and by id or name."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Vodops
from tests.helpers import TEXT_WATERMARK, custom, document, hls, live_api, write
from tests.live_accounts import official_sdk, snapshot
from vodops.resources import PROCEDURE, TRANSCODE, WATERMARK

TASKS = ("mediaProcessTask", "transcodeTaskSet")


def _flow(comment: str, *tasks: dict[str, object]) -> dict[str, object]:
    return {"comment": comment, "mediaProcessTask": {"transcodeTaskSet": list(tasks)}}


def _by_id(directory: Path, kind: str, name: str) -> int:
    with live_api(directory) as api:
        return next(int(t["Definition"]) for t in custom(api, kind) if t["Name"] == name)


def _refused(vodops: Vodops, directory: Path, message: str) -> None:
    before = snapshot(directory)
    result = vodops("apply", directory, "--yes", "--force")
    assert result.code == 1
    assert message in result.err, result.err
    assert "not managed by this plan" not in result.err
    assert snapshot(directory) == before, "nothing was changed"


def _two_templates(directory: Path) -> None:
    write(directory, "t.yaml", document(TRANSCODE, "hls-720p", hls()), document(TRANSCODE, "keep", hls()))
    write(directory, "w.yaml", document(WATERMARK, "mark", TEXT_WATERMARK))


def test_a_template_removed_while_its_procedure_is_edited(vodops: Vodops, tmp_path: Path) -> None:
    """The issue's case: the procedure refers by id and is edited in the same change."""
    _two_templates(tmp_path)
    assert vodops("apply", tmp_path, "--yes").code == 0
    hls_id = _by_id(tmp_path, TRANSCODE, "hls-720p")
    write(tmp_path, "p.yaml", document(PROCEDURE, "flow", _flow("v1", {"definition": hls_id})))
    assert vodops("apply", tmp_path, "--yes").code == 0
    write(tmp_path, "t.yaml", document(TRANSCODE, "keep", hls()))
    message = (
        f"p.yaml:4:3: Procedure 'flow' (declared) would still use TranscodeTemplate 'hls-720p' (id {hls_id}) "
        "at mediaProcessTask.transcodeTaskSet[0].definition after this plan, which deletes it; declare "
        "that template again, or stop using it"
    )
    _refused(vodops, tmp_path, message)  # unchanged procedure
    write(tmp_path, "p.yaml", document(PROCEDURE, "flow", _flow("v2", {"definition": hls_id})))
    _refused(vodops, tmp_path, message)  # procedure updated in the same plan
    write(tmp_path, "p.yaml", document(PROCEDURE, "flow2", _flow("v2", {"definition": hls_id})))
    _refused(vodops, tmp_path, message.replace("'flow'", "'flow2'"))  # procedure replaced
    write(tmp_path, "p.yaml", document(PROCEDURE, "flow", _flow("v2", {"definition": "keep"})))
    assert vodops("apply", tmp_path, "--yes").code == 0
    assert vodops("plan", tmp_path, "--detailed-exitcode").code == 0


def _flow_using_mark_by_id(vodops: Vodops, directory: Path) -> tuple[int, dict[str, object]]:
    """Two templates, a watermark, and a procedure 'flow' that writes the watermark by id."""
    _two_templates(directory)
    assert vodops("apply", directory, "--yes").code == 0
    mark = _by_id(directory, WATERMARK, "mark")
    task = {"definition": "keep", "watermarkSet": [{"definition": mark}]}
    write(directory, "p.yaml", document(PROCEDURE, "flow", _flow("v1", task)))
    assert vodops("apply", directory, "--yes").code == 0
    return mark, task


def test_a_watermark_by_id_in_a_declared_procedure(vodops: Vodops, tmp_path: Path) -> None:
    mark, task = _flow_using_mark_by_id(vodops, tmp_path)
    write(tmp_path, "w.yaml")
    write(tmp_path, "p.yaml", document(PROCEDURE, "flow", _flow("v2", task)))
    _refused(
        vodops,
        tmp_path,
        f"Procedure 'flow' (declared) would still use WatermarkTemplate 'mark' (id {mark}) at "
        "mediaProcessTask.transcodeTaskSet[0].watermarkSet[0].definition after this plan, which deletes it",
    )


def test_a_replaced_watermark_written_by_id_cannot_follow(vodops: Vodops, tmp_path: Path) -> None:
    mark, task = _flow_using_mark_by_id(vodops, tmp_path)
    svg = {"type": "svg", "svgTemplate": {"width": "10W%"}}
    write(tmp_path, "w.yaml", document(WATERMARK, "mark", svg))
    _refused(
        vodops,
        tmp_path,
        f"(id {mark}) at mediaProcessTask.transcodeTaskSet[0].watermarkSet[0].definition after this plan, "
        "which replaces it (the replacement gets a new id); write the template's name "
        "(mediaProcessTask.transcodeTaskSet[0].watermarkSet[0].definition: mark) so it follows the "
        "replacement",
    )
    write(
        tmp_path,
        "p.yaml",
        document(PROCEDURE, "flow", _flow("v1", {**task, "watermarkSet": [{"definition": "mark"}]})),
    )
    assert vodops("apply", tmp_path, "--yes").code == 0, "by name, the procedure is repointed"
    assert vodops("plan", tmp_path, "--detailed-exitcode").code == 0


def test_a_console_procedure_by_the_official_sdk(vodops: Vodops, tmp_path: Path) -> None:
    _two_templates(tmp_path)
    assert vodops("apply", tmp_path, "--yes").code == 0
    hls_id = _by_id(tmp_path, TRANSCODE, "hls-720p")
    with official_sdk(tmp_path) as sdk:
        task = {"Definition": hls_id}
        sdk("CreateProcedureTemplate", Name="console", MediaProcessTask={"TranscodeTaskSet": [task]})
    write(tmp_path, "t.yaml", document(TRANSCODE, "keep", hls()))
    _refused(
        vodops,
        tmp_path,
        "Procedure 'console' (made outside vodops, so this plan does not change it) would still use "
        f"TranscodeTemplate 'hls-720p' (id {hls_id})",
    )


def test_another_stacks_procedure_and_one_kept_by_prune_off(vodops: Vodops, tmp_path: Path) -> None:
    other, tmp_path = tmp_path / "other", tmp_path / "ours"
    _two_templates(tmp_path)
    task = {"definition": "keep", "watermarkSet": [{"definition": "mark"}]}
    write(tmp_path, "p.yaml", document(PROCEDURE, "flow", _flow("v1", task)))
    assert vodops("apply", tmp_path, "--yes").code == 0
    hls_id = _by_id(tmp_path, TRANSCODE, "hls-720p")
    write(other, "p.yaml", document(PROCEDURE, "theirs", _flow("x", {"definition": hls_id})))
    (other / "vodops.yaml").write_text("stack: other\n")
    (other / ".vodops").symlink_to(tmp_path / ".vodops")
    assert vodops("apply", other, "--yes").code == 0
    write(tmp_path, "t.yaml", document(TRANSCODE, "keep", hls()))
    _refused(vodops, tmp_path, "Procedure 'theirs' (owned by stack 'other', so this plan does not change it)")
    write(tmp_path, "t.yaml", document(TRANSCODE, "keep", hls()), document(TRANSCODE, "hls-720p", hls()))
    (tmp_path / "vodops.yaml").write_text("prune: false\n")
    write(tmp_path, "p.yaml")
    write(tmp_path, "w.yaml", document(WATERMARK, "mark", {"type": "svg", "svgTemplate": {"width": "10W%"}}))
    _refused(
        vodops,
        tmp_path,
        "Procedure 'flow' (no longer declared, and kept because prune is off) would still use "
        "WatermarkTemplate 'mark'",
    )


def test_the_documented_default_review_preset_is_a_live_template(vodops: Vodops, tmp_path: Path) -> None:
    """api.json: ReviewAudioVideo's Definition defaults to 10, a preset (Porn, Terror, Polity,
    Moan); a procedure naming it plans, applies and converges, and export references it."""
    write(tmp_path, "p.yaml", document(PROCEDURE, "moderate", {"reviewAudioVideoTask": {"definition": 10}}))
    assert vodops("apply", tmp_path, "--yes").code == 0
    assert vodops("plan", tmp_path, "--detailed-exitcode").code == 0
    with live_api(tmp_path) as api:
        [preset] = [t for t in api.list("ReviewTemplate") if t["Definition"] == 10]
    assert (preset["Type"], preset["Labels"]) == ("Preset", ["Porn", "Terror", "Polity", "Moan"])
    exported = vodops("export", tmp_path, "--out", tmp_path / "out")
    assert exported.code == 0, exported.text
    assert "exported 0 ReviewTemplate" in exported.out
    assert "definition: 10" in (tmp_path / "out" / "procedures.yaml").read_text()
