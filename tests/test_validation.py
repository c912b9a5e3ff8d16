"""Malformed manifests: each is refused with its file:line:column, before any API call.

Every fixture in tests/manifests/invalid/ is named for the mistake it shows and carries the
exact problem it must produce on its first line: `# expect: LINE:COLUMN: MESSAGE`.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Vodops

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
    assert "spec.videoTemplate.bitrate: must be 0 or between 128 and 100000 (got 64)" in result.err
    assert _fingerprint(quickstart) == before
