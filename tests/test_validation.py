"""Malformed manifests: each is refused with its file:line:column, before any API call.

Every fixture in tests/manifests/invalid/ is named for the mistake it shows and carries the
exact problem it must produce on its first line: `# expect: LINE:COLUMN: MESSAGE`.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLES, Vodops
from tests.helpers import TEXT_WATERMARK, document, hls, write

INVALID = Path(__file__).parent / "manifests" / "invalid"
FIXTURES = sorted(INVALID.glob("*.yaml"))


def _expected(fixture: Path, copied: Path) -> str:
    header = fixture.read_text().splitlines()[0]
    assert header.startswith("# expect: "), f"{fixture.name} has no expectation"
    return f"{copied}:" + header.removeprefix("# expect: ").replace("{file}", str(copied))


def _lone_copy(fixture: Path, directory: Path) -> Path:
    directory.mkdir()
    shutil.copy(EXAMPLES / "quickstart" / "logo.png", directory / "logo.png")
    return Path(shutil.copy(fixture, directory / fixture.name))


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda path: path.stem)
def test_refused_with_its_location_and_no_api_call(vodops: Vodops, tmp_path: Path, fixture: Path) -> None:
    directory = tmp_path / "manifests"
    copied = _lone_copy(fixture, directory)
    expected = _expected(fixture, copied)
    for command in ("validate", "plan", "apply"):
        result = vodops(command, directory, *(["--yes"] if command == "apply" else []))
        assert result.code == 1, result.text
        assert expected in result.err.splitlines(), result.err
        assert "Traceback" not in result.text
        assert result.out == ""
    assert not (directory / ".vodops").exists(), "the emulator was opened for an invalid manifest"


def test_every_problem_is_reported_in_one_run(vodops: Vodops, tmp_path: Path) -> None:
    directory = tmp_path / "manifests"
    directory.mkdir()
    independent = ("unknown-field", "out-of-range", "bad-enum", "dangling-reference", "class-too-deep")
    independent += ("procedure-name-too-long", "missing-image", "codec-for-container", "unknown-kind")
    for stem in independent:
        shutil.copy(INVALID / f"{stem}.yaml", directory)
    result = vodops("validate", directory)
    assert result.code == 1
    for fixture in directory.glob("*.yaml"):
        assert _expected(fixture, fixture) in result.err.splitlines(), fixture.name
    assert result.err.rstrip().endswith("the manifests are invalid; nothing was sent to the API")


def _fingerprint(directory: Path) -> str:
    return hashlib.sha256((directory / ".vodops" / "emulator.sqlite3").read_bytes()).hexdigest()


def test_invalid_manifest_leaves_an_applied_account_untouched(vodops: Vodops, quickstart: Path) -> None:
    assert vodops("apply", quickstart, "--yes").code == 0
    before = _fingerprint(quickstart)
    shutil.copy(INVALID / "out-of-range.yaml", quickstart / "broken.yaml")
    result = vodops("apply", quickstart, "--yes")
    assert result.code == 1
    assert "spec.videoTemplate.bitrate: must be 0 or 128\u2013100000 kbps (got 64)" in result.err
    assert _fingerprint(quickstart) == before


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("stack", "media platform", "stack: must be 1 to 32 letters, digits, '_', '.' or '-', starting with"),
        ("stack", " media", "stack: must be 1 to 32 letters, digits, '_', '.' or '-', starting with"),
        ("stack", "media!", "stack: must be 1 to 32 letters, digits, '_', '.' or '-', starting with"),
        ("targets", {"prod": {"region": " ap-guangzhou"}}, "targets.prod.region: must be a region id like"),
        ("targets", {"prod": {"region": "ap-guangzhou "}}, "targets.prod.region: must be a region id like"),
        (
            "targets",
            {"prod": {"parallelism": 65}},
            "targets.prod.parallelism: must be 1\u201364 calls in flight (got 65)",
        ),
        (
            "targets",
            {"prod": {"endpont": "x"}},
            "targets.prod.endpont: unknown field 'endpont'; did you mean 'endpoint'?",
        ),
    ],
)
def test_bad_settings_are_refused_in_words(
    vodops: Vodops, quickstart: Path, setting: str, value: object, message: str
) -> None:
    """Patterns are anchored (a bad first or last character is refused), ranges name their unit,
    keys get "did you mean", and no message shows a regular expression."""
    (quickstart / "vodops.yaml").write_text(yaml.safe_dump({setting: value}))
    result = vodops("plan", quickstart)
    assert result.code == 1
    assert message in result.err
    assert "^" not in result.err and "pattern" not in result.err
    assert not (quickstart / ".vodops").exists(), "nothing was changed"


def test_an_enum_near_miss_suggests_the_value(vodops: Vodops, tmp_path: Path) -> None:
    write(tmp_path, "m.yaml", document("WatermarkTemplate", "logo", {**TEXT_WATERMARK, "type": "txt"}))
    result = vodops("validate", tmp_path)
    assert "spec.type: must be one of 'image', 'text', 'svg' (got 'txt'); did you mean 'text'?" in result.err
    write(tmp_path, "m.yaml", document("TranscodeTemplate", "t", {**hls(), "container": "HLS"}))
    shouted = vodops("validate", tmp_path)
    assert "(got 'HLS'); did you mean 'hls'?" in shouted.err


def test_a_name_far_too_long_is_shown_by_its_start(vodops: Vodops, tmp_path: Path) -> None:
    """A name of 100,000 characters (a paste gone wrong) was printed whole in each problem that
    named it: one line of 100 kB per problem (10 MB of name: 15 s to print). Past 256 characters,
    the longest text VOD takes, a name is shown by its first 64 and its length."""
    long_name, long_previous = "x" * 100_000, "y" * 300
    spec = {**TEXT_WATERMARK}
    twice = [document("WatermarkTemplate", long_name, spec) for _ in range(2)]
    twice[0]["metadata"]["previousNames"] = [long_previous]
    write(tmp_path, "marks.yaml", *twice)
    write(tmp_path, "classes.yaml", document("MediaClass", "z" * 1000))
    file, classes = tmp_path / "marks.yaml", tmp_path / "classes.yaml"
    result = vodops("validate", tmp_path)
    start, previous = repr("x" * 64) + "...", repr("y" * 64) + "..."
    at_most = "template names can be at most 64"
    assert (result.code, result.out) == (1, "")
    segment = f"segment {'z' * 64!r}... is 1000 characters; class names can be at most 64"
    assert result.err.splitlines() == [
        f"{classes}:4:3: metadata.name {'z' * 64!r}... {segment}",
        f"{file}:4:3: metadata.name {start} is 100000 characters; {at_most}",
        f"{file}:6:5: metadata.previousNames[0]: {previous} is 300 characters; {at_most}",
        f"{file}:18:3: duplicate WatermarkTemplate {start}: also declared at {file}:4:3",
        f"{file}:18:3: metadata.name {start} is 100000 characters; {at_most}",
        "5 problems: the manifests are invalid; nothing was sent to the API",
    ]
    assert not (tmp_path / ".vodops").exists()


def test_a_reference_or_a_shared_previous_name_far_too_long_is_shown_by_its_start(
    vodops: Vodops, tmp_path: Path
) -> None:
    """A name written where a name is referred to (a procedure's definition) or shared as a
    previous name was printed whole, though the same name as metadata.name was shortened."""
    far, gone = "x" * 100_000, "y" * 300
    task = {"mediaProcessTask": {"transcodeTaskSet": [{"definition": far}]}}
    write(tmp_path, "procedure.yaml", document("Procedure", "ingest", task))
    marks = [document("WatermarkTemplate", name, {**TEXT_WATERMARK}) for name in ("a", "b")]
    for mark in marks:
        mark["metadata"]["previousNames"] = [gone]
    write(tmp_path, "marks.yaml", *marks)
    result = vodops("validate", tmp_path)
    procedure, file = tmp_path / "procedure.yaml", tmp_path / "marks.yaml"
    start, previous = repr("x" * 64) + "...", repr("y" * 64) + "..."
    too_long = f"metadata.previousNames[0]: {previous} is 300 characters; template names can be at most 64"
    assert (result.code, result.out) == (1, "")
    assert result.err.splitlines() == [
        f"{file}:6:5: {too_long}",
        f"{file}:20:5: metadata.previousNames: {previous} is also a previous name of 'a' ({file}:4:3)",
        f"{file}:20:5: {too_long}",
        f"{procedure}:8:7: spec.mediaProcessTask.transcodeTaskSet[0].definition: no TranscodeTemplate named "
        f"{start} is declared (write a declared name or a numeric id)",
        "4 problems: the manifests are invalid; nothing was sent to the API",
    ]
    assert not (tmp_path / ".vodops").exists()
