"""Finding the manifests: only vodops documents are read, nested projects stay apart, .vodopsignore
works as .gitignore does, and the embedded emulator's state is kept out of git."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Vodops
from tests.helpers import TEXT_WATERMARK, document, write

COMPOSE = "services:\n  web:\n    image: nginx\n    ports: ['80:80']\n"


def test_other_yaml_is_skipped_with_a_note(vodops: Vodops, quickstart: Path) -> None:
    (quickstart / "docker-compose.yml").write_text(COMPOSE)
    (quickstart / ".github").mkdir()
    (quickstart / ".github" / "ci.yml").write_text("on: push\n")
    (quickstart / "deploy").mkdir()
    (quickstart / "deploy" / "cloudformation.yaml").write_text("Resources: !Ref Missing\n")
    result = vodops("validate", quickstart)
    assert result.code == 0, result.err
    assert result.err.splitlines() == [
        "note: skipped deploy/cloudformation.yaml: not a vodops manifest (no apiVersion: vodops/v1)",
        "note: skipped docker-compose.yml: not a vodops manifest (no apiVersion: vodops/v1)",
    ]
    assert "OK: 12 resources" in result.out


def test_yaml_that_only_mentions_vodops_is_skipped(vodops: Vodops, quickstart: Path) -> None:
    """A file was read as a manifest when any word of it named a kind or `vodops/`: a compose
    file with '# Media services' or 'image: vodops/vodops:0.3.0', a file whose manifest is
    commented out, were each 'missing apiVersion; ... missing kind; ... unknown top-level field'."""
    compose = "# Media services\nservices:\n  emulator:\n    image: vodops/vodops:0.3.0\n"
    compose += "    command: vodops emulator serve\n"
    (quickstart / "docker-compose.yml").write_text(compose)
    disabled = "# apiVersion: vodops/v1\n# kind: MediaClass\nnotes: {kept: 'for later'}  # kind: Procedure\n"
    (quickstart / "disabled.yaml").write_text(disabled)
    flow = '{"apiVersion": "vodops/v1", "kind": "MediaClass", "metadata": {"name": "Trailers#1"}}\n'
    (quickstart / "flow.yaml").write_text(flow)  # a manifest in flow (JSON) style is still read
    result = vodops("validate", quickstart)
    assert result.err.splitlines() == [
        "note: skipped disabled.yaml: not a vodops manifest (no apiVersion: vodops/v1)",
        "note: skipped docker-compose.yml: not a vodops manifest (no apiVersion: vodops/v1)",
    ]
    counted = "13 resources (6 MediaClass, 1 Procedure, 4 TranscodeTemplate, 2 WatermarkTemplate)"
    assert (result.code, result.out) == (0, f"OK: {counted} in {quickstart}\n")


@pytest.mark.parametrize(
    "text",
    [
        "# relays\rapiVersion: vodops/v1\rkind: MediaClass\rmetadata: {name: Trailers}\r",
        "# relays\napiVersion: !!str vodops/v1\nkind: !!str MediaClass\nmetadata: {name: Trailers}\n",
        "# relays\napiVersion: &v vodops/v1\nkind: &k MediaClass\nmetadata: {name: Trailers}\n",
    ],
    ids=["cr-line-breaks", "tagged", "anchored"],
)
def test_a_manifest_in_any_yaml_spelling_is_read(vodops: Vodops, quickstart: Path, text: str) -> None:
    """Lines that end in a lone CR (YAML's third line break, which the loader reads) and values with
    a tag or an anchor were not seen: such a manifest was 'skipped: not a vodops manifest'."""
    (quickstart / "trailers.yaml").write_bytes(text.encode())
    (quickstart / "compose.yaml").write_bytes(b"# kind: MediaClass\rservices: {web: {image: nginx}}\r")
    result = vodops("validate", quickstart)
    assert result.err == "note: skipped compose.yaml: not a vodops manifest (no apiVersion: vodops/v1)\n"
    counted = "13 resources (6 MediaClass, 1 Procedure, 4 TranscodeTemplate, 2 WatermarkTemplate)"
    assert (result.code, result.out) == (0, f"OK: {counted} in {quickstart}\n")


def test_a_vodops_file_with_a_typo_is_still_read(vodops: Vodops, tmp_path: Path) -> None:
    """A file that names a vodops kind is a manifest: a missing apiVersion is an error, not a skip."""
    (tmp_path / "marks.yaml").write_text("kind: WatermarkTemplate\nmetadata: {name: logo}\nspec: {}\n")
    result = vodops("validate", tmp_path)
    assert result.code == 1
    assert f"{tmp_path}/marks.yaml:1:1: missing apiVersion; use vodops/v1" in result.err


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"])
def test_a_manifest_saved_as_utf_16_or_32_is_refused_not_skipped(
    vodops: Vodops, tmp_path: Path, codec: str
) -> None:
    """PowerShell's `>` and Windows editors write UTF-16 (with or without a byte-order mark): such a
    manifest was skipped as 'not a vodops manifest', and validate said OK with nothing in it."""
    text = "apiVersion: vodops/v1\nkind: MediaClass\nmetadata: {name: Movies}\n"
    (tmp_path / "classes.yaml").write_bytes(text.encode(codec))
    result = vodops("validate", tmp_path)
    assert result.code == 1 and result.out == ""
    wide = codec[:6].upper()
    assert result.err.splitlines() == [
        f"{tmp_path}/classes.yaml: this file is {wide} text; save it as UTF-8",
        "1 problem: the manifests are invalid; nothing was sent to the API",
    ]
    (tmp_path / "classes.yaml").write_bytes(COMPOSE.encode(codec))  # other YAML in UTF-16 is skipped
    assert vodops("validate", tmp_path).err.splitlines()[0] == (
        "note: skipped classes.yaml: not a vodops manifest (no apiVersion: vodops/v1)"
    )


def test_a_nested_project_is_not_merged(vodops: Vodops, quickstart: Path) -> None:
    nested = quickstart / "staging"
    write(nested, "marks.yaml", document("WatermarkTemplate", "staging-only", TEXT_WATERMARK))
    (nested / "vodops.yaml").write_text("stack: staging\n")
    result = vodops("plan", quickstart)
    assert result.code == 0, result.err
    assert "note: skipped staging/: it has its own vodops.yaml (a separate project)" in result.err
    assert "staging-only" not in result.out and "Plan: 12 to create." in result.out
    assert "Plan: 1 to create." in vodops("plan", nested).out


def test_vodopsignore_works_as_gitignore(vodops: Vodops, quickstart: Path) -> None:
    write(quickstart / "drafts", "draft.yaml", document("WatermarkTemplate", "draft", {"type": "bogus"}))
    write(quickstart, "old.yaml", document("WatermarkTemplate", "old", {"type": "bogus"}))
    (quickstart / ".vodopsignore").write_text("# work in progress\ndrafts/\nold.y*ml\n")
    result = vodops("validate", quickstart)
    assert result.code == 0, result.err
    assert result.err == "" and "OK: 12 resources" in result.out


UNREADABLE_IGNORE = {
    "utf-16": "this file is UTF-16 text; save it as UTF-8",
    "not-utf8": "this file is not UTF-8 text (byte 0xff on line 2); save it as UTF-8",
    "a-folder": "this file is a directory, not a regular file",
}


@pytest.mark.parametrize("case", UNREADABLE_IGNORE, ids=list(UNREADABLE_IGNORE))
def test_an_unreadable_vodopsignore_stops_everything(vodops: Vodops, quickstart: Path, case: str) -> None:
    """It was dropped without a word: the files it left out were read, planned and applied."""
    write(quickstart / "drafts", "draft.yaml", document("WatermarkTemplate", "draft", TEXT_WATERMARK))
    ignore = quickstart / ".vodopsignore"
    if case == "a-folder":
        ignore.mkdir()
    else:
        ignore.write_bytes("drafts/\n".encode("utf-16") if case == "utf-16" else b"drafts/\n\xff\n")
    invalid = "1 problem: the manifests are invalid; nothing was sent to the API"
    for command in ("validate", "plan", "apply"):
        result = vodops(command, quickstart, *(["--yes"] if command == "apply" else []))
        assert (result.code, result.out) == (1, ""), result.text
        assert result.err == f"{ignore}: {UNREADABLE_IGNORE[case]}\n{invalid}\n"
    assert not (quickstart / ".vodops").exists(), "the emulator was opened"


def test_the_local_state_folder_says_so_and_ignores_itself(vodops: Vodops, quickstart: Path) -> None:
    first = vodops("plan", quickstart)
    state = quickstart / ".vodops"
    assert f"note: created {state} for the embedded emulator's state (the local target)" in first.err
    assert (state / ".gitignore").read_text().splitlines()[-1] == "*"
    assert "created" not in vodops("plan", quickstart).err, "said once"


def test_settings_and_manifest_problems_are_reported_together(vodops: Vodops, quickstart: Path) -> None:
    (quickstart / "vodops.yaml").write_text("stack: media platform\ntargest: {}\n")
    write(quickstart, "bad.yaml", document("WatermarkTemplate", "bad", {"type": "bogus"}))
    result = vodops("validate", quickstart)
    assert result.code == 1
    lines = result.err.splitlines()
    assert any(line.startswith(f"{quickstart}/vodops.yaml:1:1: stack:") for line in lines), lines
    assert any(line.startswith(f"{quickstart}/vodops.yaml:2:1: targest:") for line in lines), lines
    assert any(line.startswith(f"{quickstart}/bad.yaml:") for line in lines), lines
    assert not (quickstart / ".vodops").exists()
