"""Delete brakes, prune: false, and scoped runs with --only."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import Vodops
from tests.helpers import TEXT_WATERMARK, custom, document, hls, live_api, write
from vodops.resources import KINDS, MEDIA_CLASS, PROCEDURE, TRANSCODE, WATERMARK

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
    (tmp_path / "vodops.yaml").write_text("safety: {maxDeletes: 0}\n")
    write(tmp_path, "w.yaml", *(document(WATERMARK, f"w{n}", TEXT_WATERMARK) for n in range(2)))
    plan = vodops("plan", tmp_path)
    assert "UNSAFE: the plan deletes 1 object; maxDeletes is 0." in plan.out  # it said "1 objects"


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
    assert "--only TranscodeTemplate/nope: no such resource in the manifests or the account\n" in result.err


def test_a_near_miss_in_only_says_what_was_meant(vodops: Vodops, quickstart: Path) -> None:
    """An unknown kind in a manifest was followed by 'did you mean', in --only by nothing."""
    only = ["transcodetemplate/hls-720p", "TranscodeTemplat/hls-720p", "TranscodeTemplate/hls-72"]
    only.append("MediaClass/movies")
    result = vodops("plan", quickstart, *(word for address in only for word in ("--only", address)))
    kind = f"the kind must be one of {', '.join(KINDS)}; did you mean 'TranscodeTemplate'?"
    missing = "no such resource in the manifests or the account; did you mean"
    assert result.code == 1 and result.out == ""
    assert result.err.splitlines()[1:] == [  # after the note that .vodops was made
        f"--only MediaClass/movies: {missing} 'MediaClass/Movies'?",
        f"--only TranscodeTemplat/hls-720p: {kind}",
        f"--only TranscodeTemplate/hls-72: {missing} 'TranscodeTemplate/hls-720p'?",
        f"--only transcodetemplate/hls-720p: {kind}",
        "4 problems: cannot plan; nothing was changed",
    ]


SHAPE = "write KIND/NAME, a kind and the name of one resource"


def _only_refused(vodops: Vodops, directory: Path, only: tuple[str, ...], said: list[str]) -> None:
    """plan and apply with each of `only` refuse, saying `said` (then the count), changing nothing."""
    for verb in (["plan"], ["apply", "--yes"]):
        result = vodops(*verb, directory, *(word for address in only for word in ("--only", address)))
        assert result.code == 1 and result.out == ""
        count = f"{len(said)} problems: cannot plan; nothing was changed"
        assert result.err.splitlines()[-len(said) - 1 :] == [*said, count]
    with live_api(directory) as api:
        assert custom(api, TRANSCODE) == [] and [c["ClassId"] for c in api.list(MEDIA_CLASS)] == [0]
        assert api.call_account("DescribeSubAppIds", {})["SubAppIdInfoSet"] == []


def test_only_a_kind_without_a_name_asks_for_one(vodops: Vodops, quickstart: Path) -> None:
    """`--only TranscodeTemplate` (a kind alone, as kubectl takes one) said 'no such resource in
    the manifests or the account', though the project declares four of them."""
    _only_refused(
        vodops,
        quickstart,
        ("TranscodeTemplate", "TranscodeTemplate/", "MediaClass/"),
        [
            f"--only MediaClass/: {SHAPE} (MediaClass/<name>)",
            f"--only TranscodeTemplate/: {SHAPE} (TranscodeTemplate/<name>)",
            f"--only TranscodeTemplate: {SHAPE} (TranscodeTemplate/<name>)",
        ],
    )


def test_only_an_application_kind_alone_or_misspelt_is_told_as_the_others(
    vodops: Vodops, quickstart: Path
) -> None:
    """The application's own kinds (SubApplication, EventConfig...) are checked as the rest are: a
    kind alone asks for KIND/NAME and a near miss names what was meant (they said only 'no such
    resource in the manifests')."""
    write(quickstart, "application.yaml", document("SubApplication", "prod-media"))
    _only_refused(
        vodops,
        quickstart,
        ("SubApplication", "EventConfig/", "SubApplication/prod-medai"),
        [
            f"--only EventConfig/: {SHAPE} (EventConfig/<name>)",
            "--only SubApplication/prod-medai: no such resource in the manifests; "
            "did you mean 'SubApplication/prod-media'?",
            f"--only SubApplication: {SHAPE} (SubApplication/<name>)",
        ],
    )


def _unsafe_and_refused(vodops: Vodops, directory: Path, reason: str, owned: int = 12) -> None:
    plan = vodops("plan", directory)
    assert f"UNSAFE: {reason}" in plan.out, plan.out
    refused = vodops("apply", directory, "--yes")
    assert refused.code == 1 and "Nothing was changed." in refused.err
    with live_api(directory) as api:
        kept = sum(len(custom(api, kind)) for kind in (WATERMARK, TRANSCODE, PROCEDURE))
        kept += sum(1 for c in api.list(MEDIA_CLASS) if c["ClassId"] != 0)
    assert kept == owned, "nothing was deleted while the brake held"


NO_MANIFESTS = "no manifests were found, yet the plan deletes 7 objects this stack owns"


def test_an_emptied_directory_trips_the_brake_whatever_the_limits(vodops: Vodops, quickstart: Path) -> None:
    assert vodops("apply", quickstart, "--yes").code == 0
    for manifest in quickstart.glob("*.yaml"):
        manifest.unlink()
    (quickstart / "logo.png").unlink()
    _unsafe_and_refused(vodops, quickstart, NO_MANIFESTS)
    (quickstart / "vodops.yaml").write_text("safety: {maxDeletePercent: null}\n")
    _unsafe_and_refused(vodops, quickstart, NO_MANIFESTS)
    for empty in ("empty.yaml", "comments-only.yml"):
        (quickstart / empty).write_text("# nothing declared\n")
    _unsafe_and_refused(vodops, quickstart, NO_MANIFESTS)
    forced = vodops("apply", quickstart, "--yes", "--force")
    assert forced.code == 0, forced.text


def test_only_classes_left_trips_the_percentage(vodops: Vodops, quickstart: Path) -> None:
    assert vodops("apply", quickstart, "--yes").code == 0
    for name in (*HALF, "procedures.yaml"):
        (quickstart / name).unlink()
    _unsafe_and_refused(vodops, quickstart, "the plan deletes 7 of 12 managed objects (58%)")


def test_deleting_everything_the_stack_owns_is_unsafe(vodops: Vodops, tmp_path: Path) -> None:
    """Every manifest renamed at once (a bad search and replace): every owned object would go."""
    write(tmp_path, "t.yaml", document(TRANSCODE, "a", hls()), document(WATERMARK, "b", TEXT_WATERMARK))
    assert vodops("apply", tmp_path, "--yes").code == 0
    (tmp_path / "vodops.yaml").write_text("safety: {maxDeletePercent: null, maxDeletes: 10}\n")
    write(tmp_path, "t.yaml", document(TRANSCODE, "a2", hls()), document(WATERMARK, "b2", TEXT_WATERMARK))
    reason = "the plan deletes every object this stack owns (2 objects)"
    _unsafe_and_refused(vodops, tmp_path, reason, owned=2)
    allowed = [f"--allow-delete={TRANSCODE}/a", f"--allow-delete={WATERMARK}/b"]
    assert vodops("apply", tmp_path, "--yes", *allowed).code == 0


def test_a_wrong_directory_next_to_the_account_is_braked(vodops: Vodops, quickstart: Path) -> None:
    """The manifests moved to a subfolder, and CI still points at the folder holding .vodops."""
    assert vodops("apply", quickstart, "--yes").code == 0
    (quickstart / "vod").mkdir()
    (quickstart / "vod" / "README.md").write_text("manifests moved\n")
    for manifest in quickstart.glob("*.yaml"):
        manifest.unlink()
    _unsafe_and_refused(vodops, quickstart, NO_MANIFESTS)
