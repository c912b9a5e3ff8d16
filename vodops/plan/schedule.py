"""Objects with a time window (a live pull-stream task's startTime..endTime, a media file's
expireTime): what a plan does with times, judged by the API's clock (the Date of its answers),
never this machine's. A window with no end (a media file without expireTime) never ends.

The live API refuses times in the past (api.json: "结束时间和开始时间必须大于当前时间"), and a
media file whose ExpireTime has passed is deleted by VOD, so sending one would delete it without
the delete brakes; so:

- a startTime that has passed is not re-sent: it is compared as the live object has it, and the
  plan says so in a note;
- a live object whose endTime has passed has ended: when the manifest's window still ends in the
  future it is recreated (a replace, noted), otherwise nothing changes and the plan says it ended;
- a declared window that has ended is not created;
- an endTime that would be sent must be in the future, else the plan refuses (nothing is sent).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from vodops.desired import DesiredResource
from vodops.errors import Problem
from vodops.live import LiveResource
from vodops.resources import KINDS
from vodops.resources.kind import Schedule
from vodops.utctime import epoch as _epoch


@dataclass(frozen=True)
class Verdict:
    """What the window means for one declared object against its live counterpart at `now`."""

    compared: dict[str, Any]  # the declared spec to compare and send (a passed start not re-sent)
    ended: bool = False  # the live object has ended
    recreate: bool = False  # ... and the manifest's window ends in the future: replace it
    skip: bool = False  # nothing to create: the declared window has ended too
    note: str | None = None
    problem: str | None = None


def judge(
    schedule: Schedule, desired: Mapping[str, Any], live: Mapping[str, Any] | None, now: float
) -> Verdict:
    """The verdict for `desired` (a spec in manifest spelling) given `live` (None: not created)."""
    spec = dict(desired)
    wanted_end = spec.get(schedule.end)
    wanted_ends_later = _open_after(wanted_end, now)
    if live is None:
        if wanted_ends_later:
            return Verdict(spec)
        return Verdict(spec, skip=True, note=_not_created(schedule, wanted_end))
    live_end = live.get(schedule.end)
    if not _open_after(live_end, now):
        if wanted_ends_later:
            note = f"ended at {live_end}; recreated: the manifest's window ends {wanted_end}"
            return Verdict(spec, ended=True, recreate=True, note=note)
        return Verdict({**spec, **_window(schedule, live)}, ended=True, note=f"ended at {live_end}")
    return _running(schedule, spec, live, now)


def _running(schedule: Schedule, spec: dict[str, Any], live: Mapping[str, Any], now: float) -> Verdict:
    """A live object that has not ended: a passed start is not re-sent, a passed end is refused."""
    note = None
    start = spec.get(schedule.start) if schedule.start else None
    if schedule.start and (_epoch(start) or 0) <= now and start != live.get(schedule.start):
        spec[schedule.start] = live.get(schedule.start)
        note = f"{schedule.start} {start} has passed: not re-sent"
    end = spec.get(schedule.end)
    if not _open_after(end, now) and _epoch(end) != _epoch(live.get(schedule.end)):
        problem = f"{schedule.end} {end} has passed; {schedule.past}"
        return Verdict(spec, note=note, problem=problem)
    return Verdict(spec, note=note)


def _open_after(end: Any, now: float) -> bool:
    """Whether a window ending at `end` (None: it never ends) is still open at `now`."""
    return end is None or (_epoch(end) or 0) > now


def _not_created(schedule: Schedule, end: Any) -> str:
    ended = f"its window ended at {end}" if schedule.start else f"its {schedule.end} {end} has passed"
    return f"{ended}: not created"


def _window(schedule: Schedule, live: Mapping[str, Any]) -> dict[str, Any]:
    ends = {schedule.end: live.get(schedule.end)}
    return {schedule.start: live.get(schedule.start), **ends} if schedule.start else ends


def timed(
    item: DesiredResource, found: LiveResource | None, now: float, notes: list[str], problems: list[Problem]
) -> tuple[DesiredResource | None, bool]:
    """`item` as its window lets the plan treat it at `now`, and whether its ended live object is
    to be recreated; None when there is nothing to create. Notes and problems name the object."""
    schedule = KINDS[item.kind].schedule
    if schedule is None:
        return item, False
    verdict = judge(schedule, item.spec, found.spec if found else None, now)
    where = f"{item.kind} {item.name!r}"
    if verdict.note:
        notes.append(f"{where}: {verdict.note}")
    if verdict.problem:
        problems.append(Problem(f"{where}: {verdict.problem}", item.location))
    return (None if verdict.skip else replace(item, spec=verdict.compared)), verdict.recreate
