"""Run a plan's changes in order; stop at the first hard failure and say what was and was not done."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from vodops.apply.requests import create_request, update_request
from vodops.cloud.vod import VodApi
from vodops.errors import ApplyError, VodopsError
from vodops.plan.changes import Action, Change, Plan
from vodops.refs import References
from vodops.resources import MEDIA_CLASS, TRANSCODE, WATERMARK

Progress = Callable[[Change, str], None]


@dataclass
class Outcome:
    done: list[Change] = field(default_factory=list)
    failed: list[tuple[Change, VodopsError]] = field(default_factory=list)
    not_attempted: list[Change] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def apply_plan(plan: Plan, api: VodApi, refs: References, *, adopt: bool, progress: Progress) -> Outcome:
    adoptions = [c for c in plan.changes if c.action is Action.ADOPT]
    if adoptions and not adopt:
        names = ", ".join(c.address for c in adoptions)
        raise ApplyError(
            f"the plan adopts {len(adoptions)} existing object(s) that vodops did not create "
            f"({names}); review them and run apply again with --adopt to take them over. "
            "Nothing was changed."
        )
    outcome = Outcome()
    for index, change in enumerate(plan.changes):
        try:
            status = _run(change, api, refs, plan.stack)
        except VodopsError as error:
            outcome.failed.append((change, error))
            outcome.not_attempted.extend(plan.changes[index + 1 :])
            progress(change, f"failed: {error}")
            return outcome
        outcome.done.append(change)
        progress(change, status)
    return outcome


def _run(change: Change, api: VodApi, refs: References, stack: str) -> str:
    """Carry out one change; say how it went."""
    if change.action is Action.DELETE:
        assert change.live is not None, "a delete always has a live side"
        api.delete(change.kind, change.live.id)
    elif change.action is Action.CREATE:
        assert change.desired is not None, "a create always has a desired side"
        new_id = api.create(change.kind, create_request(change.desired, refs, stack))
        if change.kind in (TRANSCODE, WATERMARK, MEDIA_CLASS):
            refs.bind(change.kind, change.name, new_id)
            return f"done (id {new_id})"
    else:
        assert change.live is not None, "an update always has a live side"
        api.update(change.kind, change.live.id, update_request(change, refs, stack))
    return "done"
