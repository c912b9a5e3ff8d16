"""What is said of the manifests (a file skipped, and why) comes before any API call's --verbose log
line, for every verb that reads the manifests and the account: the notes were printed once the
session was open, so the calls that find the target's application (DescribeSubAppIds) were always
logged first, and the read-ahead's listings, on a thread of their own, before or after by chance.
The notes now go out before the target is connected, so the order holds however the threads run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Vodops
from tests.test_environments import Console

NOTE = "note: skipped docker-compose.yml: not a vodops manifest (no apiVersion: vodops/v1)"
LOGGED = re.compile(r"[A-Z]\w+ target=\S+ attempt=\d+ [\d.]+ms RequestId=\S+ \w+")


def _notes_then_calls(err: str) -> None:
    first, *rest = err.splitlines()
    assert first == NOTE, err
    assert rest and all(LOGGED.fullmatch(line) for line in rest), err


def _skipped_file(directory: Path) -> None:
    (directory / "docker-compose.yml").write_text("services:\n  web: {image: nginx}\n")


@pytest.mark.usefixtures("cloud_keys")
@pytest.mark.parametrize(
    ("verb", "code"),
    [(("plan",), 0), (("drift",), 2), (("apply", "--yes"), 0)],
    ids=["plan", "drift", "apply"],
)
def test_the_manifests_notes_precede_every_call(
    vodops: Vodops, quickstart: Path, endpoint: str, verb: tuple[str, ...], code: int
) -> None:
    """A target named by its application's name: DescribeSubAppIds is called as the target is
    connected, and the read-ahead (plan, drift) starts at once."""
    Console(endpoint)("CreateSubAppId", Name="media")
    _skipped_file(quickstart)
    run = vodops(verb[0], quickstart, *verb[1:], "--endpoint", endpoint, "--sub-app", "media", "--verbose")
    assert run.code == code, run.text
    _notes_then_calls(run.err)


def test_a_saved_plan_applied_says_its_notes_first(vodops: Vodops, quickstart: Path) -> None:
    _skipped_file(quickstart)
    saved = quickstart / "plan.json"
    assert vodops("plan", quickstart, "--out", saved).code == 0
    run = vodops("apply", quickstart, "--plan", saved, "--yes", "--verbose")
    assert run.code == 0, run.text
    _notes_then_calls(run.err)
