"""The test of normalization (DESIGN.md "Diff"): apply, then plan, shows no changes — for every
example and for generated manifests; and a second generated version applied over the first
converges too, which exercises the values vodops sends to clear a field a manifest dropped, and
the drift report takes none of that second version's changes for a change made outside vodops."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES
from tests.helpers import document, write
from tests.strategies import WATERMARK_TYPES, procedure, transcode, watermark
from vodops.apply.run import Consent
from vodops.drift.report import Cause
from vodops.render.text import render_plan
from vodops.resources import PROCEDURE, TRANSCODE, WATERMARK
from vodops.session import open_session

EXAMPLE_SETS = sorted(path.parent for path in EXAMPLES.rglob("*.yaml"))
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _apply_and_replan(directory: Path) -> None:
    with open_session(directory, None) as session:
        plan = session.plan()  # a second version may delete all of the first: past the brakes
        outcome = session.apply(plan, consent=Consent(force=True), progress=lambda change, status: None)
        assert outcome.ok, outcome.failed
    with open_session(directory, None) as session:
        again = session.plan()
    assert again.empty, render_plan(again)


@pytest.mark.parametrize("example", sorted(set(EXAMPLE_SETS)), ids=lambda path: path.name)
def test_every_example_plans_to_nothing_after_apply(example: Path, tmp_path: Path) -> None:
    copy = shutil.copytree(example, tmp_path / example.name, ignore=shutil.ignore_patterns(".vodops"))
    _apply_and_replan(copy)


# A watermark's type cannot change in place (the plan refuses it), so each name keeps its type.
MARK_TYPES = dict(zip(("w0", "w1"), WATERMARK_TYPES[:2], strict=True)) | {"w2": "svg"}


@st.composite
def _account(draw: Any) -> list[dict[str, Any]]:
    templates = [f"t{n}" for n in range(draw(st.integers(0, 3)))]
    marks = draw(st.lists(st.sampled_from(sorted(MARK_TYPES)), unique=True, max_size=3))
    flows = [f"p{n}" for n in range(draw(st.integers(0, 2)))]
    return [
        *(document(TRANSCODE, name, draw(transcode())) for name in templates),
        *(document(WATERMARK, name, draw(watermark("logo.png", MARK_TYPES[name]))) for name in marks),
        *(document(PROCEDURE, name, draw(procedure(templates, marks))) for name in flows),
    ]


def _write(directory: Path, documents: list[dict[str, Any]]) -> None:
    shutil.copy(EXAMPLES / "quickstart" / "logo.png", directory / "logo.png")
    write(directory, "generated.yaml", *documents)


@PROPERTY
@given(_account())
def test_generated_manifests_plan_to_nothing_after_apply(documents: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        _write(Path(scratch), documents)
        _apply_and_replan(Path(scratch))


@PROPERTY
@given(_account(), _account())
def test_any_version_converges_over_any_other(
    first: list[dict[str, Any]], second: list[dict[str, Any]]
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        _write(Path(scratch), first)
        _apply_and_replan(Path(scratch))
        _write(Path(scratch), second)
        _nothing_taken_for_drift(Path(scratch))
        _apply_and_replan(Path(scratch))


def _nothing_taken_for_drift(directory: Path) -> None:
    """What apply recorded in each marker is what the account reads back: a change made in the
    manifests is never taken for a change made in the console (only objects not created yet
    are reported, as missing)."""
    with open_session(directory, None) as session:
        report = session.drift()
    assert {item.cause for item in report.drifted} <= {Cause.MISSING}, report.drifted
