"""Apply's dependency graph, as a table (what waits for what), and end to end: the calls the
emulator sees keep every ordering guarantee while different kinds run at the same time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Vodops
from tests.helpers import TEXT_WATERMARK, document, hls, write
from vodops.apply.schedule import dependencies
from vodops.desired import DesiredResource
from vodops.emulator import Emulator
from vodops.live import LiveResource
from vodops.plan.changes import Action, Change, steps
from vodops.resources import MEDIA_CLASS, PROCEDURE, TRANSCODE, WATERMARK

C, U, R, D = Action.CREATE, Action.UPDATE, Action.REPLACE, Action.DELETE


def _flow(*templates: str) -> dict[str, Any]:
    tasks = [{"definition": name, "watermarkSet": [{"definition": "logo"}]} for name in templates]
    return {"mediaProcessTask": {"transcodeTaskSet": [*tasks, {"definition": 100030}]}}


def _change(action: Action, kind: str, name: str, spec: dict[str, Any] | None = None) -> Change:
    desired = None if action is D else DesiredResource(kind, name, spec or {})
    live = LiveResource(kind, name, 1, {}, None, False, {}) if action in (U, R, D) else None
    return Change(action, kind, name, desired=desired, live=live)


def _waits(changes: list[Change]) -> dict[str, set[str]]:
    planned = steps(tuple(changes))
    labels = [f"{s.part or s.change.action.value} {s.change.name}" for s in planned]
    return {labels[n]: {labels[i] for i in found} for n, found in enumerate(dependencies(planned))}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            [_change(C, TRANSCODE, "hls"), _change(C, WATERMARK, "logo"), _change(C, MEDIA_CLASS, "A")],
            {"create hls": set(), "create logo": set(), "create A": set()},
            id="different kinds wait for nothing",
        ),
        pytest.param(
            [_change(C, MEDIA_CLASS, "A"), _change(C, MEDIA_CLASS, "A/B"), _change(C, MEDIA_CLASS, "A/B/C")],
            {"create A": set(), "create A/B": {"create A"}, "create A/B/C": {"create A/B"}},
            id="a class after its parent",
        ),
        pytest.param(
            [
                _change(C, TRANSCODE, "hls"),
                _change(C, TRANSCODE, "other"),
                _change(U, WATERMARK, "logo"),
                _change(C, PROCEDURE, "flow", _flow("hls", "sd")),
            ],
            {
                "create hls": set(),
                "create other": set(),
                "update logo": set(),
                "create flow": {"create hls", "update logo"},
            },
            id="a procedure after the templates it names",
        ),
        pytest.param(
            [
                _change(C, TRANSCODE, "hls"),
                _change(R, WATERMARK, "logo"),
                _change(U, PROCEDURE, "flow", _flow("hls")),
                _change(D, PROCEDURE, "gone"),
                _change(D, TRANSCODE, "old"),
            ],
            {
                "create hls": set(),
                "create logo": set(),
                "update flow": {"create hls", "create logo"},
                "delete logo": {"create hls", "create logo", "update flow", "delete gone"},
                "delete gone": {"create hls", "create logo", "update flow"},
                "delete old": {"create hls", "create logo", "update flow", "delete gone"},
            },
            id="deletes after every create and update; templates after procedures",
        ),
        pytest.param(
            [_change(D, MEDIA_CLASS, "A"), _change(D, MEDIA_CLASS, "A/B"), _change(D, MEDIA_CLASS, "X")],
            {"delete A": {"delete A/B"}, "delete A/B": set(), "delete X": set()},
            id="a class after its subclasses",
        ),
    ],
)
def test_what_waits_for_what(changes: list[Change], expected: dict[str, set[str]]) -> None:
    assert _waits(changes) == expected


def _account(directory: Path, templates: int) -> None:
    write(directory, "classes.yaml", *(document(MEDIA_CLASS, p) for p in ("A", "A/B", "A/B/C")))
    write(directory, "t.yaml", *(document(TRANSCODE, f"t{n}", hls(900 + n)) for n in range(templates)))
    write(directory, "w.yaml", *(document(WATERMARK, f"w{n}", TEXT_WATERMARK) for n in range(templates)))
    flow = {"mediaProcessTask": {"transcodeTaskSet": [{"definition": f"t{templates - 1}"}]}}
    write(directory, "p.yaml", document(PROCEDURE, "flow", flow))


@pytest.mark.usefixtures("cloud_keys")
def test_apply_runs_kinds_side_by_side_and_keeps_every_order(
    vodops: Vodops, tmp_path: Path, emulator: Emulator, endpoint: str
) -> None:
    _account(tmp_path, 6)
    applied = vodops("apply", tmp_path, "--endpoint", endpoint, "--yes", "--parallelism", "1")
    assert applied.code == 0, applied.text
    creates = [
        call.action.removeprefix("Create") for call in emulator.calls if call.action.startswith("Create")
    ]
    last_watermark = max(i for i, action in enumerate(creates) if action == "WatermarkTemplate")
    assert creates.index("TranscodeTemplate") < last_watermark, "transcodes do not wait for watermarks"
    assert creates.index("ProcedureTemplate") > max(
        i for i, a in enumerate(creates) if a == "TranscodeTemplate"
    )
    _account(tmp_path, 3)
    (tmp_path / "classes.yaml").unlink()
    write(tmp_path, "classes.yaml", document(MEDIA_CLASS, "A", {"authoritative": True}))
    before = len(emulator.calls)
    applied = vodops("apply", tmp_path, "--endpoint", endpoint, "--yes", "--force")
    assert applied.code == 0, applied.text  # the emulator refuses to delete a class with subclasses
    reads = ("Describe", "SearchMedia")
    changed = [call.action for call in emulator.calls[before:] if not call.action.startswith(reads)]
    ticket, *work, release = changed  # the apply lock's ticket is taken first and given back last
    assert (ticket, release) == ("CreateWatermarkTemplate", "DeleteWatermarkTemplate")
    first_delete = min(i for i, action in enumerate(work) if action.startswith("Delete"))
    assert work[:first_delete] == ["ResetProcedureTemplate"], "the procedure moves off t5 first"
    assert sorted(work[first_delete:]) == ["DeleteClass"] * 2 + ["DeleteTranscodeTemplate"] * 3 + [
        "DeleteWatermarkTemplate"
    ] * 3
    assert vodops("plan", tmp_path, "--endpoint", endpoint, "--detailed-exitcode").code == 0
