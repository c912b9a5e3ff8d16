"""Run a plan: each change as soon as what it depends on is done (apply/schedule.py), many at once.

At the first hard failure, or when `stop` is set (the CLI sets it on Ctrl-C), no new change starts;
those in flight finish; the outcome says what was done, what failed and what was not attempted.
Nothing is lost by stopping, or by being killed: there is no state file, and the next plan reads
everything back from the account.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from vodops.apply.idempotent import create_or_find, delete_unless_gone
from vodops.apply.requests import create_request, update_request
from vodops.apply.schedule import run_steps
from vodops.apply.writeonly import needs_url_tag, remember_image_url
from vodops.cloud.vod import VodApi
from vodops.errors import ApplyError, VodopsError
from vodops.plan.changes import Action, Change, Plan, Step, steps
from vodops.refs import References
from vodops.resources import KINDS

Progress = Callable[[Change, str], None]


@dataclass
class Outcome:
    """What an apply did: the changes done, those that failed (with why) and those not attempted
    because of a failure or a stop."""

    done: list[Change] = field(default_factory=list)
    failed: list[tuple[Change, VodopsError]] = field(default_factory=list)
    not_attempted: list[Change] = field(default_factory=list)
    interrupted: bool = False  # stopped because `stop` was set, not because of a failure
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.interrupted


@dataclass(frozen=True)
class Consent:
    """What the user allowed past the plan's gates: adoptions, and deletions past the brakes."""

    adopt: bool = False
    allowed_deletes: frozenset[str] = frozenset()
    force: bool = False


def apply_plan(
    plan: Plan,
    api: VodApi,
    refs: References,
    *,
    consent: Consent,
    progress: Progress,
    parallelism: int = 1,
    stop: threading.Event | None = None,
) -> Outcome:
    """Run `plan`; `progress(change, status)` is called as each step ends (from worker threads).
    Setting `stop` starts nothing new: what is in flight finishes, the rest is not attempted."""
    check_consent(plan, consent)
    outcome = Outcome()
    halt = stop or threading.Event()
    left = run_steps(
        steps(plan.changes),
        lambda step: _one(step, api, refs, plan.stack, outcome, progress, halt),
        stopped=lambda: bool(outcome.failed) or halt.is_set(),
        parallelism=parallelism,
    )
    outcome.not_attempted.extend(_new(outcome, [step.change for step in left]))
    place = {id(change): n for n, change in enumerate(plan.changes)}
    outcome.done.sort(key=lambda change: place[id(change)])  # reported in plan order, not finishing order
    outcome.interrupted = halt.is_set()
    return outcome


def _new(outcome: Outcome, changes: list[Change]) -> list[Change]:
    """Changes not reported yet (the second half of a replace shares its change with the first)."""
    seen = {id(c) for c in [*outcome.done, *outcome.not_attempted, *(c for c, _ in outcome.failed)]}
    new: list[Change] = []
    for change in changes:
        if id(change) not in seen:
            seen.add(id(change))
            new.append(change)
    return new


def check_consent(plan: Plan, consent: Consent) -> None:
    """Refuse, before anything is changed, a plan the user has not allowed."""
    if plan.brakes and not plan.brakes.released(set(consent.allowed_deletes), consent.force):
        blocked = ", ".join(d for d in plan.brakes.deletes if d not in consent.allowed_deletes)
        raise ApplyError(
            f"refusing to apply an unsafe plan ({'; '.join(plan.brakes.reasons)}). Allow each "
            f"deletion with --allow-delete KIND/NAME (not yet allowed: {blocked}), or pass --force. "
            "Nothing was changed."
        )
    adoptions = [c for c in plan.changes if c.action is Action.ADOPT]
    if adoptions and not consent.adopt:
        names = ", ".join(c.address for c in adoptions)
        raise ApplyError(
            f"the plan adopts {len(adoptions)} existing object(s) that vodops did not create "
            f"({names}); review them and run apply again with --adopt to take them over. "
            "Nothing was changed."
        )


def unused_allowances(plan: Plan, consent: Consent) -> list[str]:
    """The --allow-delete names that allow nothing, because the plan deletes no such object (a
    typo, or a kind kept unless safety.deleteKinds lists it): saying so, as a deletion the user
    expects does not happen."""
    deletes = (c for c in plan.changes if c.action in (Action.DELETE, Action.REPLACE) and not c.keeps_old)
    return sorted(consent.allowed_deletes - {c.address for c in deletes})


def _one(
    step: Step,
    api: VodApi,
    refs: References,
    stack: str,
    outcome: Outcome,
    progress: Progress,
    halt: threading.Event,
) -> None:
    change = step.change
    with outcome._lock:
        if outcome.failed or halt.is_set():  # a step queued before the stop does not start after it
            outcome.not_attempted.extend(_new(outcome, [change]))
            return
    try:
        status = _run(step, api, refs, stack)
    except VodopsError as error:
        with outcome._lock:
            outcome.failed.append((change, error))
        progress(change, f"failed: {error}")
        return
    with outcome._lock:
        if step.part != "create" or change.keeps_old:  # a replace is done when its old object is gone
            outcome.done.append(change)
    progress(change, status)


def _run(step: Step, api: VodApi, refs: References, stack: str) -> str:
    """Carry out one step; say how it went."""
    change = step.change
    if step.deletes:
        return delete_unless_gone(api, change) + (" (the replaced object)" if step.part else "")
    kind = KINDS[change.kind]
    if change.action in (Action.CREATE, Action.REPLACE) and kind.make is not None:
        new_id = kind.make(api, change.desired, refs, stack)  # it finds what an earlier attempt made
        refs.bind(change.kind, change.name, new_id)
        return f"{'created the replacement' if step.part else 'done'} (id {new_id})"
    if change.action in (Action.CREATE, Action.REPLACE):
        assert change.desired is not None, "a create always has a desired side"
        besides = change.live.id if change.live else None  # a replacement exists beside the old one
        body = create_request(change.desired, refs, stack)
        new_id = create_or_find(api, change, body, stack, besides)
        if needs_url_tag(change.kind, body):
            remember_image_url(api, change.kind, new_id, body)
        if not KINDS[change.kind].keyed_by_name:  # an id the API assigned: references use it
            refs.bind(change.kind, change.name, new_id)
            return f"{'created the replacement' if step.part else 'done'} (id {new_id})"
        return "done"
    assert change.live is not None, "an update always has a live side"
    body = kind.modify(change, refs) if kind.modify is not None else update_request(change, refs, stack)
    api.update(change.kind, change.live.id, body)
    if needs_url_tag(change.kind, body):
        remember_image_url(api, change.kind, change.live.id, body)
    return "done"
