"""`vodops export`: a console-made account to manifests that plan to adoptions only, then to nothing."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.conftest import Run, Vodops
from tests.helpers import TEXT_WATERMARK, custom, document, hls, live_api, write
from tests.live_accounts import (
    AUDIO,
    PNG,
    PNG_BASE64,
    VIDEO,
    account_requests,
    create_account,
    mixed_account,
    procedure_requests,
    sdk_client,
    snapshot,
)
from vodops.emulator import Emulator, serve_in_thread
from vodops.export.yamlout import dump_documents
from vodops.manifest.yamlpos import load_documents
from vodops.resources import MEDIA_CLASS, PROCEDURE, TRANSCODE, WATERMARK


def _files(directory: Path) -> dict[str, bytes]:
    """Every file export may have written, by path: everything but the emulator's state."""
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file() and ".vodops" not in path.relative_to(directory).parts
    }


def _summary(plan: Run) -> str:
    assert plan.code in (0, 2), plan.text
    return plan.out.splitlines()[1]


def _invented(exported: Run) -> dict[tuple[str, str], str]:
    """(kind, live id) -> the name export gave it, from the `named ...` lines."""
    found = re.findall(r"^named (\w+) (\d+) '([^']+)'", exported.out, re.MULTILINE)
    return {(kind, live_id): name for kind, live_id, name in found}


def test_a_mixed_account_plans_to_adoptions_then_to_nothing(vodops: Vodops, tmp_path: Path) -> None:
    ids = mixed_account(tmp_path)
    before = snapshot(tmp_path)
    exported = vodops("export", tmp_path)
    assert exported.code == 0, exported.text
    invented = _invented(exported)
    assert invented == {
        (WATERMARK, str(ids["caption"])): f"watermark-{ids['caption']}",
        (TRANSCODE, str(ids["unnamed"])): f"transcode-{ids['unnamed']}",
        (TRANSCODE, str(ids["first"])): f"transcode-{ids['first']}",
        (TRANSCODE, str(ids["second"])): f"transcode-{ids['second']}",
    }
    assert "MediaClass 'News/Sports' (id 5) not exported: its name 'News/Sports' contains '/'" in exported.out
    assert "MediaClass 'News/Sports/Football' (id 6) not exported: it is below class" in exported.out
    assert f"TranscodeTemplate 'payroll' (id {ids['theirs']}) belongs to stack 'payments'" in exported.out
    assert (tmp_path / "images" / "logo.png").read_bytes() == PNG

    flows = yaml.safe_load_all((tmp_path / "procedures.yaml").read_text())
    ingest = next(doc for doc in flows if doc["metadata"]["name"] == "ingest")
    tasks = ingest["spec"]["mediaProcessTask"]["transcodeTaskSet"]
    assert [task["definition"] for task in tasks] == [
        f"transcode-{ids['unnamed']}", f"transcode-{ids['first']}", 100030, ids["theirs"]
    ]  # fmt: skip
    assert tasks[0]["watermarkSet"] == [{"definition": "logo"}, {"definition": f"watermark-{ids['caption']}"}]

    assert vodops("validate", tmp_path).code == 0
    assert _summary(vodops("plan", tmp_path)) == "Plan: 10 to adopt."
    assert vodops("apply", tmp_path, "--yes", "--adopt").code == 0
    assert vodops("plan", tmp_path, "--detailed-exitcode").code == 0

    after = snapshot(tmp_path)
    for (kind, live_id), name in invented.items():
        assert after[kind][live_id]["Name"] == name
        after[kind][live_id]["Name"] = before[kind][live_id]["Name"]
    assert after == before, "only markers and invented names may change"


def test_what_looks_written_by_hand(vodops: Vodops, tmp_path: Path) -> None:
    mixed_account(tmp_path)
    assert vodops("export", tmp_path).code == 0
    transcodes = (tmp_path / "transcode-templates.yaml").read_text()
    assert transcodes.startswith("# Exported by vodops from target 'local'")
    assert 'comment: "ON"' in transcodes, "YAML 1.1 tools would read a bare ON as true"
    assert "segmentType" not in transcodes and "resolutionAdaptive" not in transcodes, "server defaults"
    assert "[vodops:" not in transcodes
    marks = (tmp_path / "watermark-templates.yaml").read_text()
    assert 'fontColor: "0xFFFFFF"' in marks, "a required field is written even at its default"
    assert "imageFile: images/logo.png" in marks and "svgTemplate:\n    width: 12W%" in marks


def test_re_export_is_byte_identical(vodops: Vodops, tmp_path: Path) -> None:
    mixed_account(tmp_path)
    for layout in ((), ("--split",)):
        assert vodops("export", tmp_path, *layout).code == 0
        first = _files(tmp_path)
        assert vodops("export", tmp_path, *layout).code == 0
        assert _files(tmp_path) == first


def test_an_account_vodops_manages_exports_to_an_empty_plan(vodops: Vodops, quickstart: Path) -> None:
    assert vodops("apply", quickstart, "--yes").code == 0
    for manifest in quickstart.glob("*.yaml"):
        manifest.unlink()
    exported = vodops("export", quickstart)
    assert exported.code == 0, exported.text
    assert "named" not in exported.out and "note:" not in exported.out
    assert vodops("validate", quickstart).code == 0
    assert vodops("plan", quickstart, "--detailed-exitcode").code == 0


def _small_account(directory: Path) -> int:
    with live_api(directory) as api:
        movies = api.create(MEDIA_CLASS, {"ParentId": -1, "ClassName": "Movies"})
        api.create(MEDIA_CLASS, {"ParentId": movies, "ClassName": "Action"})
        api.create(
            WATERMARK, {"Type": "image", "Name": "logo", "ImageTemplate": {"ImageContent": PNG_BASE64}}
        )
        unnamed = int(
            api.create(TRANSCODE, {"Container": "mp4", "VideoTemplate": VIDEO, "AudioTemplate": AUDIO})
        )
        api.create(
            PROCEDURE, {"Name": "ingest", "MediaProcessTask": {"TranscodeTaskSet": [{"Definition": unnamed}]}}
        )
    return unnamed


def test_split_writes_a_file_per_resource(vodops: Vodops, tmp_path: Path) -> None:
    unnamed = _small_account(tmp_path)
    assert vodops("export", tmp_path, "--split").code == 0
    assert sorted(_files(tmp_path)) == [
        "default-distribution-configs/default.yaml",  # the default application's settings
        "event-configs/default.yaml",
        "images/.vodops-export",
        "images/logo.png",
        "media-classes/Movies.yaml",
        "media-classes/Movies__Action.yaml",
        "procedures/ingest.yaml",
        "storage-regions/default.yaml",
        f"transcode-templates/transcode-{unnamed}.yaml",
        "watermark-templates/logo.yaml",
    ]
    assert "imageFile: ../images/logo.png" in (tmp_path / "watermark-templates" / "logo.yaml").read_text()
    assert vodops("validate", tmp_path).code == 0
    assert _summary(vodops("plan", tmp_path)) == "Plan: 3 to adopt."

    assert vodops("export", tmp_path).code == 0, "the other layout replaces this export's own files"
    assert [name for name in _files(tmp_path) if "/" in name] == ["images/.vodops-export", "images/logo.png"]
    assert vodops("validate", tmp_path).code == 0


def test_kind_limits_what_is_written(vodops: Vodops, tmp_path: Path) -> None:
    unnamed = _small_account(tmp_path)
    out = tmp_path / "flows"
    exported = vodops("export", tmp_path, "--out", out, "--kind", "Procedure")
    assert exported.code == 0, exported.text
    assert exported.out.splitlines()[0] == "exported 1 Procedure"
    assert exported.out.splitlines()[-1] == f"wrote 1 file under {out}"  # not "1 files"
    assert sorted(_files(out)) == ["procedures.yaml"]
    [flow] = yaml.safe_load_all((out / "procedures.yaml").read_text())
    assert flow["spec"]["mediaProcessTask"]["transcodeTaskSet"] == [{"definition": unnamed}], "stays an id"


def test_another_stacks_objects_are_left_out(vodops: Vodops, tmp_path: Path) -> None:
    (tmp_path / "vodops.yaml").write_text("stack: media\n")
    with live_api(tmp_path) as api:
        request = {"Container": "mp4", "VideoTemplate": VIDEO, "AudioTemplate": AUDIO}
        api.create(TRANSCODE, {**request, "Name": "ours", "Comment": "ladder [vodops:media]"})
        theirs = api.create(TRANSCODE, {**request, "Name": "theirs", "Comment": "[vodops:payments]"})
        api.create(TRANSCODE, {**request, "Name": "console"})
    exported = vodops("export", tmp_path)
    assert f"note: TranscodeTemplate 'theirs' (id {theirs}) belongs to stack 'payments'" in exported.out
    names = [
        doc["metadata"]["name"] for doc in yaml.safe_load_all((tmp_path / "transcode-templates.yaml").open())
    ]
    assert names == ["console", "ours"]
    assert "comment: ladder\n" in (tmp_path / "transcode-templates.yaml").read_text()
    plan = vodops("plan", tmp_path)
    assert _summary(plan) == "Plan: 1 to adopt." and "'console'" in plan.out


def test_names_a_manifest_cannot_use_are_replaced_by_invented_ones(vodops: Vodops, tmp_path: Path) -> None:
    with live_api(tmp_path) as api:
        request = {"Container": "mp4", "VideoTemplate": VIDEO, "AudioTemplate": AUDIO}
        padded = api.create(TRANSCODE, {**request, "Name": " padded"})
        preset_name = api.create(TRANSCODE, {**request, "Name": "STD-MP3-128K"})
        twins = [api.create(TRANSCODE, {**request, "Name": "12"}) for _ in range(2)]
    exported = vodops("export", tmp_path)
    invented = [padded, preset_name, *twins]
    assert _invented(exported) == {(TRANSCODE, str(n)): f"transcode-{n}" for n in invented}
    assert _summary(vodops("plan", tmp_path)) == "Plan: 4 to adopt."
    assert vodops("apply", tmp_path, "--yes", "--adopt").code == 0
    assert vodops("plan", tmp_path, "--detailed-exitcode").code == 0
    with live_api(tmp_path) as api:
        names = sorted(t["Name"] for t in api.list(TRANSCODE) if t["Type"] == "Custom")
    assert names == sorted(f"transcode-{n}" for n in invented), "adopting renamed them"


def test_invented_names_avoid_live_names(vodops: Vodops, tmp_path: Path) -> None:
    with live_api(tmp_path) as api:
        unnamed = api.create(
            WATERMARK, {"Type": "text", "TextTemplate": _api(TEXT_WATERMARK["textTemplate"])}
        )
        api.create(WATERMARK, {"Type": "svg", "Name": f"watermark-{unnamed}", "SvgTemplate": {}})
    exported = vodops("export", tmp_path)
    assert _invented(exported) == {(WATERMARK, str(unnamed)): f"watermark-{unnamed}-2"}
    assert _summary(vodops("plan", tmp_path)) == "Plan: 2 to adopt."


def _api(spec: dict[str, Any]) -> dict[str, Any]:
    return {key[0].upper() + key[1:]: value for key, value in spec.items()}


def test_manifests_export_did_not_write_are_not_overwritten(vodops: Vodops, tmp_path: Path) -> None:
    write(tmp_path, "transcode-templates.yaml", document(TRANSCODE, "mine", hls()))
    with live_api(tmp_path) as api:
        api.create(
            TRANSCODE, {"Container": "mp4", "Name": "x", "VideoTemplate": VIDEO, "AudioTemplate": AUDIO}
        )
    before = (tmp_path / "transcode-templates.yaml").read_bytes()
    refused = vodops("export", tmp_path)
    assert refused.code == 1
    assert "not overwriting manifests that vodops export did not write" in refused.err
    assert (tmp_path / "transcode-templates.yaml").read_bytes() == before
    with live_api(tmp_path) as api:
        assert len(custom(api, TRANSCODE)) == 1


@pytest.mark.parametrize(
    "text", ["ON", "OFF", "yes", "no", "y", "N", "0xFFFFFF", "1e5", "12", "1.5", ".inf", "null", "~", "",
             "true", "1_000", "1:20", "2001-12-14", "10px", "#1", "a: b", "- x", "plain", "影片"],
)  # fmt: skip
def test_strings_read_back_as_strings_in_yaml_1_1_and_1_2(text: str) -> None:
    written = dump_documents([{"value": text}])
    [document_12], problems = load_documents(written, "x.yaml")
    assert not problems and document_12.value == {"value": text}
    assert yaml.safe_load(written) == {"value": text}, "PyYAML reads YAML 1.1"
    if text in ("y", "N", "1e5"):
        assert f'"{text}"' in written


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_random_accounts_round_trip(vodops: Vodops, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        requests = data.draw(account_requests(), "templates and classes")
        with live_api(directory) as api:
            ids = create_account(api, requests)
            for request in data.draw(procedure_requests(ids), "procedures"):
                api.create(PROCEDURE, request)
        exported = vodops("export", directory)
        assert exported.code == 0, exported.text
        written = _files(directory)
        assert vodops("export", directory).code == 0 and _files(directory) == written, "not byte-identical"
        assert vodops("validate", directory).code == 0
        plan = vodops("plan", directory)
        assert re.fullmatch(r"Plan: \d+ to adopt\.|No changes: .*", _summary(plan)), plan.out
        event(f"{_summary(plan).split(':')[0]}, {'with' if 'note:' in exported.out else 'no'} notes")
        applied = vodops("apply", directory, "--yes", "--adopt")
        assert applied.code == 0, applied.text
        final = vodops("plan", directory, "--detailed-exitcode")
        assert final.code == 0, final.out


def test_what_the_manifest_rules_refuse_is_left_out_with_a_note(vodops: Vodops, tmp_path: Path) -> None:
    with live_api(tmp_path) as api:
        request = {"Container": "mp4", "SegmentType": "fmp4", "VideoTemplate": VIDEO, "AudioTemplate": AUDIO}
        odd = api.create(TRANSCODE, {**request, "Name": "fragmented"})
        snapshots = [{"Definition": 10, "ExtTimeOffsetSet": ["-3s"]}]
        media = {"SnapshotByTimeOffsetTaskSet": snapshots, "TranscodeTaskSet": [{"Definition": odd}]}
        api.create(PROCEDURE, {"Name": "early", "MediaProcessTask": media})
    exported = vodops("export", tmp_path)
    assert (
        f"TranscodeTemplate 'fragmented' (id {odd}) not exported: the manifest rules refuse what the API "
        "holds: spec.segmentType: only applies to container hls"
    ) in exported.out
    assert (
        "Procedure 'early' (id early) not exported: the manifest rules refuse what the API holds: "
        "spec.mediaProcessTask.snapshotByTimeOffsetTaskSet[0].extTimeOffsetSet[0]: must be a number"
    ) in exported.out
    assert vodops("validate", tmp_path).code == 0
    assert vodops("plan", tmp_path, "--detailed-exitcode").code == 0


def test_leaving_out_what_this_stack_owns_warns_of_the_delete(vodops: Vodops, tmp_path: Path) -> None:
    with live_api(tmp_path) as api:
        task = {"Definition": 100030, "WatermarkSet": [{"Definition": 424242}]}
        api.create(
            PROCEDURE,
            {
                "Name": "dangling",
                "Comment": "[vodops:default]",
                "MediaProcessTask": {"TranscodeTaskSet": [task]},
            },
        )
    exported = vodops("export", tmp_path)
    assert (
        "Procedure 'dangling' (id dangling) not exported: it refers to WatermarkTemplate 424242"
        in exported.out
    )
    assert "(it carries this stack's marker, so applying these manifests would delete it)" in exported.out


def test_comments_are_fitted_beside_the_marker(vodops: Vodops, tmp_path: Path) -> None:
    with live_api(tmp_path) as api:
        request = {"Container": "mp4", "VideoTemplate": VIDEO, "AudioTemplate": AUDIO}
        long = api.create(TRANSCODE, {**request, "Name": "long", "Comment": "x" * 250})
        trailing = api.create(TRANSCODE, {**request, "Name": "trailing", "Comment": "draft "})
    exported = vodops("export", tmp_path)
    assert f"TranscodeTemplate 'long' (id {long}): its comment was cut to 230 characters" in exported.out
    assert f"(id {trailing})" not in exported.out, "a comment ending in white space is kept as it is"
    assert _summary(vodops("plan", tmp_path)) == "Plan: 2 to adopt."
    assert vodops("apply", tmp_path, "--yes", "--adopt").code == 0
    assert vodops("plan", tmp_path, "--detailed-exitcode").code == 0


@pytest.mark.usefixtures("default_keys")
def test_images_download_over_a_cloud_targets_transport(vodops: Vodops, tmp_path: Path) -> None:
    emulator = Emulator(db_path=tmp_path / "cloud" / "state.sqlite3")
    try:
        with serve_in_thread(emulator) as url:
            image = {"ImageContent": PNG_BASE64}
            sdk_client(url)("CreateWatermarkTemplate", Type="image", Name="logo", ImageTemplate=image)
            exported = vodops("export", tmp_path, "--endpoint", url)
            assert exported.code == 0, exported.text
            assert (tmp_path / "images" / "logo.png").read_bytes() == PNG
            assert _summary(vodops("plan", tmp_path, "--endpoint", url)) == "Plan: 1 to adopt."
    finally:
        emulator.close()
