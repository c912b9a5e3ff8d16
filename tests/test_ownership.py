"""Ownership without a state file: the Comment marker decides what vodops may touch."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import Vodops
from tests.helpers import TEXT_WATERMARK, custom, document, hls, live_api, write
from vodops.resources import PROCEDURE, TRANSCODE, WATERMARK, adoptable_by_id


def _console_create(directory: Path, name: str, comment: str = "made in the console") -> int:
    """A template created outside vodops (no marker, or someone else's)."""
    with live_api(directory) as api:
        request = {"Name": name, "Comment": comment, **_api_hls()}
        return int(api.create(TRANSCODE, request))


def _api_hls() -> dict[str, object]:
    return {
        "Container": "hls",
        "VideoTemplate": {"Codec": "libx264", "Fps": 30, "Bitrate": 1800},
        "AudioTemplate": {"Codec": "libfdk_aac", "Bitrate": 128, "SampleRate": 44100},
    }


def test_marks_what_it_creates(vodops: Vodops, tmp_path: Path) -> None:
    write(tmp_path, "t.yaml", document(TRANSCODE, "hls-720p", {**hls(), "comment": "ladder"}))
    assert vodops("apply", tmp_path, "--yes").code == 0
    with live_api(tmp_path) as api:
        [made] = custom(api, TRANSCODE)
    assert made["Name"] == "hls-720p"
    assert re.fullmatch(r"ladder \[vodops:default=[0-9a-f]{8}\]", made["Comment"])  # what it applied


def test_an_unmarked_namesake_is_adopted_only_with_adopt(vodops: Vodops, tmp_path: Path) -> None:
    console_id = _console_create(tmp_path, "hls-720p")
    write(tmp_path, "t.yaml", document(TRANSCODE, "hls-720p", hls(bitrate=2400)))
    plan = vodops("plan", tmp_path, "--detailed-exitcode")
    assert plan.code == 2
    assert f"! adopt TranscodeTemplate 'hls-720p' (id {console_id})" in plan.out
    assert "videoTemplate.bitrate: 1800 -> 2400" in plan.out
    assert "comment: made in the console -> (default)" in plan.out

    refused = vodops("apply", tmp_path, "--yes")
    assert refused.code == 1
    assert "run apply again with --adopt" in refused.err
    with live_api(tmp_path) as api:
        [still] = custom(api, TRANSCODE)
    assert still["Comment"] == "made in the console"  # nothing changed

    assert vodops("apply", tmp_path, "--yes", "--adopt").code == 0
    with live_api(tmp_path) as api:
        [adopted] = custom(api, TRANSCODE)
    assert int(adopted["Definition"]) == console_id
    assert re.fullmatch(r"\[vodops:default=[0-9a-f]{8}\]", adopted["Comment"])
    assert adopted["VideoTemplate"]["Bitrate"] == 2400
    assert vodops("plan", tmp_path, "--detailed-exitcode").code == 0


def test_another_stacks_object_is_never_taken(vodops: Vodops, tmp_path: Path) -> None:
    other = _console_create(tmp_path, "hls-720p", comment="[vodops:payments]")
    write(tmp_path, "t.yaml", document(TRANSCODE, "hls-720p", hls()))
    result = vodops("plan", tmp_path)
    assert result.code == 1
    assert (
        f"TranscodeTemplate 'hls-720p' (id {other}) belongs to stack 'payments'; vodops will not take it over"
        in result.err
    )


def test_live_duplicates_of_a_declared_name_are_an_error(vodops: Vodops, tmp_path: Path) -> None:
    first, second = _console_create(tmp_path, "hls-720p"), _console_create(tmp_path, "hls-720p")
    write(tmp_path, "t.yaml", document(TRANSCODE, "hls-720p", hls()))
    result = vodops("apply", tmp_path, "--yes")
    assert result.code == 1
    assert f"exists 2 times in the live account (ids {first}, {second})" in result.err


def test_undeclared_objects_are_deleted_only_when_ours(vodops: Vodops, tmp_path: Path) -> None:
    write(tmp_path, "t.yaml", document(TRANSCODE, "ours", hls()), document(WATERMARK, "mark", TEXT_WATERMARK))
    assert vodops("apply", tmp_path, "--yes").code == 0
    theirs = _console_create(tmp_path, "theirs")
    (tmp_path / "t.yaml").unlink()
    write(tmp_path, "empty.yaml")
    result = vodops("plan", tmp_path)
    assert "Plan: 2 to delete." in result.out
    assert "theirs" not in result.out
    assert vodops("apply", tmp_path, "--yes", "--force").code == 0  # no manifests: always braked
    with live_api(tmp_path) as api:
        assert [int(t["Definition"]) for t in custom(api, TRANSCODE)] == [theirs]
        assert custom(api, WATERMARK) == []


def test_the_stack_name_scopes_ownership(vodops: Vodops, tmp_path: Path) -> None:
    write(tmp_path, "t.yaml", document(TRANSCODE, "shared-name", hls()))
    assert vodops("apply", tmp_path, "--yes").code == 0
    (tmp_path / "vodops.yaml").write_text("stack: media-platform\n")
    (tmp_path / "t.yaml").write_text("")
    result = vodops("plan", tmp_path, "--detailed-exitcode")
    assert result.code == 0, "another stack's objects are not this stack's to delete"


def test_presets_are_referenced_never_managed(vodops: Vodops, tmp_path: Path) -> None:
    write(tmp_path, "p.yaml", document(PROCEDURE, "default", {"comment": "mine"}))
    result = vodops("plan", tmp_path)
    assert result.code == 1
    assert "Procedure 'default' is a system preset; choose another name" in result.err


def test_adopt_id_adopts_an_unnamed_template_and_names_it(vodops: Vodops, tmp_path: Path) -> None:
    unnamed = _console_create(tmp_path, "")
    write(
        tmp_path,
        "t.yaml",
        {
            **document(TRANSCODE, f"transcode-{unnamed}", hls()),
            "metadata": {"name": f"transcode-{unnamed}", "adoptId": unnamed},
        },
    )
    plan = vodops("plan", tmp_path)
    assert f"! adopt TranscodeTemplate 'transcode-{unnamed}' (id {unnamed})" in plan.out
    assert f"metadata.name: '' -> transcode-{unnamed}" in plan.out
    assert vodops("apply", tmp_path, "--yes", "--adopt").code == 0
    with live_api(tmp_path) as api:
        [adopted] = custom(api, TRANSCODE)
    assert (int(adopted["Definition"]), adopted["Name"]) == (unnamed, f"transcode-{unnamed}")
    assert vodops("plan", tmp_path, "--detailed-exitcode").code == 0


def test_adopt_id_is_ignored_for_a_template_its_own_name_identifies(vodops: Vodops, tmp_path: Path) -> None:
    named = _console_create(tmp_path, "someone-elses")
    write(
        tmp_path,
        "t.yaml",
        {**document(TRANSCODE, "mine", hls()), "metadata": {"name": "mine", "adoptId": named}},
    )
    plan = vodops("plan", tmp_path)
    assert "Plan: 1 to create." in plan.out, "another environment's id must not grab an unrelated template"
    assert (
        f"t.yaml:4:3: metadata.adoptId {named} of TranscodeTemplate 'mine' has no effect: TranscodeTemplate "
        f"'someone-elses' (id {named}) has a name that identifies it (write `previousNames: "
        "[someone-elses]` to take it over under the declared name)"
    ) in plan.out
    write(
        tmp_path, "t.yaml", {**document(TRANSCODE, "mine", hls()), "metadata": {"name": "mine", "adoptId": 7}}
    )
    assert (
        "has no effect: no custom TranscodeTemplate has id 7 in this target" in vodops("plan", tmp_path).out
    )


def test_adopt_id_is_only_for_templates(vodops: Vodops, tmp_path: Path) -> None:
    write(tmp_path, "p.yaml", {**document(PROCEDURE, "flow", {}), "metadata": {"name": "flow", "adoptId": 3}})
    result = vodops("validate", tmp_path)
    assert result.code == 1
    *others, last = adoptable_by_id()
    assert f"metadata.adoptId: only {', '.join(others)} and {last} take adoptId" in result.err
