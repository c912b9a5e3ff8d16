"""`--out` names a place that can be written, or the verb is refused before it reads anything:
plan's file, and the directory export and schema write (created with its missing parents). The
refusal is a usage error naming the path and why, never the operating system's `[Errno 20]`
after a whole plan or export was made."""

from __future__ import annotations

from contextlib import chdir
from pathlib import Path

import pytest

from tests.conftest import Vodops
from vodops.emulator import Emulator

NOT_A_DIRECTORY = "'a-file' is not a directory"
# procfs takes no new file, not even from root (whom no permission bit stops)
IN_PROC = "no file can be created in '/proc' (No such file or directory)"
CASES: dict[str, tuple[str, str, str]] = {
    "plan-under-a-file": ("plan", "a-file/plan.json", NOT_A_DIRECTORY),
    "plan-deep-under-a-file": ("plan", "a-file/sub/plan.json", NOT_A_DIRECTORY),
    "plan-dotdot-past-a-file": ("plan", "a-file/../plan.json", NOT_A_DIRECTORY),
    "plan-missing-directory": ("plan", "missing/plan.json", "the directory 'missing' does not exist"),
    "plan-in-proc": ("plan", "/proc/plan.json", IN_PROC),
    "export-under-a-file": ("export", "a-file/out", NOT_A_DIRECTORY),
    "export-in-proc": ("export", "/proc/vodops/out", IN_PROC),
    "schema-under-a-file": ("schema", "a-file/schema", NOT_A_DIRECTORY),
    "schema-in-proc": ("schema", "/proc/schema", IN_PROC),
}  # fmt: skip


def _tree(directory: Path) -> dict[str, bytes | None]:
    return {
        path.relative_to(directory).as_posix(): path.read_bytes() if path.is_file() else None
        for path in sorted(directory.rglob("*"))
    }


@pytest.mark.usefixtures("cloud_keys")
@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_an_out_that_cannot_be_written_is_refused_before_any_call(
    vodops: Vodops, tmp_path: Path, emulator: Emulator, endpoint: str, case: str
) -> None:
    verb, out, reason = CASES[case]
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "a-file").write_text("mine\n")
    before = _tree(tmp_path)
    target = [] if verb == "schema" else [project, "--endpoint", endpoint]
    with chdir(tmp_path):
        result = vodops(verb, *target, "--out", out)
    assert result.code == 1
    assert result.err.splitlines()[-1] == (
        f"Error: Invalid value for '--out': '{out}' cannot be written: {reason}"
    )
    assert emulator.calls == []
    assert _tree(tmp_path) == before


@pytest.mark.usefixtures("cloud_keys")
def test_export_creates_the_missing_directories_of_its_out(
    vodops: Vodops, tmp_path: Path, endpoint: str
) -> None:
    """A directory --out that does not exist yet is not refused: export makes it and its parents."""
    out = tmp_path / "new" / "deep"
    result = vodops("export", tmp_path, "--endpoint", endpoint, "--out", out)
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1].endswith(f"under {out}")
    assert any(out.iterdir())
