"""Delete brakes, prune: false, and scoped runs with --only."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import Vodops
from tests.helpers import TEXT_WATERMARK, custom, document, hls, live_api, write
from vodops.resources import MEDIA_CLASS, PROCEDURE, TRANSCODE, WATERMARK

HALF = ("transcode.yaml", "watermarks.yaml")  # 4 transcode + 2 watermark of the quickstart's 12


def _drop_half(quickstart: Path) -> list[str]:
    for name in HALF:
        (quickstart / name).write_text("")
    (quickstart / "procedures.yaml").write_text("")  # it refers to what was dropped
    return [
        *(f"{TRANSCODE}/{n}" for n in ("hls-480p", "hls-720p", "hls-1080p", "mp4-download")),
        *(f"{WATERMARK}/{n}" for n in ("logo", "channel-name")),
        f"{PROCEDURE}/ingest-hls",
    ]


def test_deleting_half_the_manifests_trips_the_brake(vodops: Vodops, quickstart: Path) -> None:
    assert vodops("apply", quickstart, "--yes").code == 0
    doomed = _drop_half(quickstart)
    plan = vodops("plan", quickstart)
    assert "UNSAFE: the plan deletes 7 of 12 managed objects (58%); maxDeletePercent is 30." in plan.out
    refused = vodops("apply", quickstart, "--yes")
    assert refused.code == 1
    assert "refusing to apply an unsafe plan" in refused.err and "Nothing was changed." in refused.err
    partly = vodops("apply", quickstart, "--yes", *(f"--allow-delete={d}" for d in doomed[:-1]))
    assert partly.code == 1 and f"not yet allowed: {doomed[-1]}" in partly.err
    with live_api(quickstart) as api:
        assert len(custom(api, TRANSCODE)) == 4, "nothing was deleted while the brake held"
    allowed = vodops("apply", quickstart, "--yes", *(f"--allow-delete={d}" for d in doomed))
    assert allowed.code == 0, allowed.text
    assert vodops("plan", quickstart, "--detailed-exitcode").code == 0


def test_force_releases_the_brake(vodops: Vodops, quickstart: Path) -> None:
    assert vodops("apply", quickstart, "--yes").code == 0
    _drop_half(quickstart)
    assert vodops("apply", quickstart, "--yes", "--force").code == 0


def test_limits_from_vodops_yaml_per_kind(vodops: Vodops, tmp_path: Path) -> None:
    write(tmp_path, "w.yaml", *(document(WATERMARK, f"w{n}", TEXT_WATERMARK) for n in range(3)))
    assert vodops("apply", tmp_path, "--yes").code == 0
    (tmp_path / "vodops.yaml").write_text(
        "safety: {maxDeletes: 5, kinds: {WatermarkTemplate: {maxDeletes: 1}}}\n"
    )
    write(tmp_path, "w.yaml", document(WATERMARK, "w0", TEXT_WATERMARK))
    plan = vodops("plan", tmp_path)
    assert "UNSAFE: WatermarkTemplate deletes 2 objects; maxDeletes is 1." in plan.out
    assert vodops("apply", tmp_path, "--yes").code == 1


def test_prune_false_keeps_everything(vodops: Vodops, tmp_path: Path) -> None:
    write(tmp_path, "t.yaml", document(TRANSCODE, "a", hls()), document(TRANSCODE, "b", hls()))
    assert vodops("apply", tmp_path, "--yes").code == 0
    (tmp_path / "vodops.yaml").write_text("prune: false\n")
    write(tmp_path, "t.yaml", document(TRANSCODE, "a", hls()))
    plan = vodops("plan", tmp_path, "--detailed-exitcode")
    assert plan.code == 0
    assert (
        "Note: prune is off: 1 live object(s) no longer declared were kept: TranscodeTemplate/b" in plan.out
    )


def test_only_plans_the_named_resource_and_what_it_needs(vodops: Vodops, quickstart: Path) -> None:
    plan = vodops("plan", quickstart, "--only", "Procedure/ingest-hls")
    created = re.findall(r"^\+ create (\S+) '([^']+)'", plan.out, re.MULTILINE)
    assert sorted(created) == sorted(
        [("Procedure", "ingest-hls"), ("WatermarkTemplate", "logo"), ("WatermarkTemplate", "channel-name")]
        + [("TranscodeTemplate", n) for n in ("hls-480p", "hls-720p", "hls-1080p", "mp4-download")]
    )
    assert "Note: --only left out 5 change(s) the full plan has: create MediaClass/Movies" in plan.out
    assert vodops("apply", quickstart, "--yes", "--only", "MediaClass/Movies/Drama").code == 0
    with live_api(quickstart) as api:
        names = sorted(c["Name"] for c in api.list(MEDIA_CLASS))
    assert names == ["Drama", "Movies", "SystemDefault"], "a class comes with its parent"


def test_only_a_resource_that_exists(vodops: Vodops, quickstart: Path) -> None:
    result = vodops("plan", quickstart, "--only", "TranscodeTemplate/nope", "--only", "Bogus/x")
    assert result.code == 1
    assert "--only Bogus/x: the kind must be one of MediaClass, WatermarkTemplate" in result.err
    assert "--only TranscodeTemplate/nope: no such resource in the manifests or the account" in result.err
