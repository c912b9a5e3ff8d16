"""The one ordering function, as a table: what runs before what."""

from __future__ import annotations

import pytest

from vodops.plan.changes import Action, Change, ordered
from vodops.resources import MEDIA_CLASS, PROCEDURE, TRANSCODE, WATERMARK

C, U, A, D = Action.CREATE, Action.UPDATE, Action.ADOPT, Action.DELETE


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            [(C, PROCEDURE, "flow"), (C, TRANSCODE, "hls"), (C, WATERMARK, "logo"), (C, MEDIA_CLASS, "A")],
            ["A", "logo", "hls", "flow"],
            id="creates follow dependencies",
        ),
        pytest.param(
            [(C, MEDIA_CLASS, "A/B/C"), (C, MEDIA_CLASS, "A"), (C, MEDIA_CLASS, "A/B")],
            ["A", "A/B", "A/B/C"],
            id="parent classes first",
        ),
        pytest.param(
            [(D, MEDIA_CLASS, "A"), (D, MEDIA_CLASS, "A/B/C"), (D, MEDIA_CLASS, "A/B")],
            ["A/B/C", "A/B", "A"],
            id="classes deleted deepest first",
        ),
        pytest.param(
            [(D, TRANSCODE, "old"), (D, PROCEDURE, "flow"), (D, WATERMARK, "mark"), (D, MEDIA_CLASS, "X")],
            ["flow", "old", "mark", "X"],
            id="deletes in reverse dependency order",
        ),
        pytest.param(
            [(D, TRANSCODE, "old"), (U, PROCEDURE, "flow"), (A, WATERMARK, "mark"), (C, TRANSCODE, "new")],
            ["mark", "new", "flow", "old"],
            id="every delete after every create, update and adoption",
        ),
    ],
)
def test_order(changes: list[tuple[Action, str, str]], expected: list[str]) -> None:
    made = [Change(action, kind, name) for action, kind, name in changes]
    assert [change.name for change in ordered(made)] == expected
