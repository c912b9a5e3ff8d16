"""References: names resolve to ids at plan time; numbers name presets and unmanaged templates."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Vodops
from tests.helpers import TEXT_WATERMARK, custom, document, hls, live_api, write
from vodops.resources import PROCEDURE, TRANSCODE, WATERMARK


def _flow(*tasks: dict[str, object]) -> dict[str, object]:
    return {"mediaProcessTask": {"transcodeTaskSet": list(tasks)}}


def test_names_become_ids_and_back(vodops: Vodops, tmp_path: Path) -> None:
    write(
        tmp_path,
        "m.yaml",
        document(TRANSCODE, "hls", hls()),
        document(WATERMARK, "mark", TEXT_WATERMARK),
        document(PROCEDURE, "flow", _flow({"definition": "hls", "watermarkSet": [{"definition": "mark"}]})),
    )
    assert vodops("apply", tmp_path, "--yes").code == 0
    with live_api(tmp_path) as api:
        [template], [mark], [flow] = custom(api, TRANSCODE), custom(api, WATERMARK), custom(api, PROCEDURE)
    [task] = flow["MediaProcessTask"]["TranscodeTaskSet"]
    assert task["Definition"] == int(template["Definition"])
    assert task["WatermarkSet"][0]["Definition"] == mark["Definition"]

    write(tmp_path, "m.yaml", document(TRANSCODE, "hls", hls()), document(WATERMARK, "mark", TEXT_WATERMARK))
    write(tmp_path, "flow.yaml", document(PROCEDURE, "flow", _flow({"definition": "hls"})))
    result = vodops("plan", tmp_path)
    assert (
        f"mediaProcessTask.transcodeTaskSet[0].watermarkSet[0].definition: mark (id {mark['Definition']})"
        in result.out
    )


def test_a_managed_template_written_by_id_is_the_same_reference(vodops: Vodops, tmp_path: Path) -> None:
    write(tmp_path, "t.yaml", document(TRANSCODE, "hls", hls()))
    write(tmp_path, "p.yaml", document(PROCEDURE, "flow", _flow({"definition": "hls"})))
    assert vodops("apply", tmp_path, "--yes").code == 0
    with live_api(tmp_path) as api:
        [template] = custom(api, TRANSCODE)
    write(tmp_path, "p.yaml", document(PROCEDURE, "flow", _flow({"definition": int(template["Definition"])})))
    assert vodops("plan", tmp_path, "--detailed-exitcode").code == 0


def test_a_number_that_names_no_template_is_refused(vodops: Vodops, tmp_path: Path) -> None:
    write(tmp_path, "p.yaml", document(PROCEDURE, "flow", _flow({"definition": 999})))
    result = vodops("apply", tmp_path, "--yes")
    assert result.code == 1
    assert (
        "Procedure 'flow' refers to TranscodeTemplate 999 at mediaProcessTask.transcodeTaskSet[0]"
        ".definition, which does not exist in the live account" in result.err
    )
    with live_api(tmp_path) as api:
        assert custom(api, PROCEDURE) == []


def test_a_template_an_unmanaged_procedure_uses_is_not_deleted(vodops: Vodops, tmp_path: Path) -> None:
    write(tmp_path, "t.yaml", document(TRANSCODE, "hls", hls()))
    assert vodops("apply", tmp_path, "--yes").code == 0
    with live_api(tmp_path) as api:
        [template] = custom(api, TRANSCODE)
        request = {
            "Name": "console-flow",
            "MediaProcessTask": {"TranscodeTaskSet": [{"Definition": int(template["Definition"])}]},
        }
        api.create(PROCEDURE, request)
    write(tmp_path, "t.yaml")
    result = vodops("apply", tmp_path, "--yes")
    assert result.code == 1
    assert (
        "Procedure 'console-flow' (made outside vodops, so this plan does not change it) would still use "
        f"TranscodeTemplate 'hls' (id {template['Definition']}) at mediaProcessTask.transcodeTaskSet[0]"
        ".definition after this plan, which deletes it; change that Procedure first, or keep the "
        "template declared"
    ) in result.err
    with live_api(tmp_path) as api:
        assert len(custom(api, TRANSCODE)) == 1
