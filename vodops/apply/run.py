"""Run a plan: wave by wave in dependency order, the changes of a wave concurrently.

At the first hard failure no new change starts; those in flight finish; the outcome says what was
done, what failed and what was not attempted. Nothing is lost by stopping, or by being killed:
there is no state file, and the next plan reads everything back from the account.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from vodops.apply.idempotent import create_or_find, delete_unless_gone
from vodops.apply.requests import create_request, update_request
from vodops.cloud.vod import VodApi
from vodops.errors import ApplyError, VodopsError
from vodops.plan.changes import Action, Change, Plan, waves
from vodops.refs import References
from vodops.resources import MEDIA_CLASS, TRANSCODE, WATERMARK

Progress = Callable[[Change, str], None]


@dataclass
class Outcome:
    done: list[Change] = field(default_factory=list)
    failed: list[tuple[Change, VodopsError]] = field(default_factory=list)
    not_attempted: list[Change] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def ok(self) -> bool:
        return not self.failed


def apply_plan(
    plan: Plan, api: VodApi, refs: References, *, adopt: bool, progress: Progress, parallelism: int = 1
) -> Outcome:
    _refuse_unasked_adoptions(plan, adopt)
    outcome = Outcome()
    with ThreadPoolExecutor(max_workers=parallelism, thread_name_prefix="vodops-apply") as pool:
        for wave in waves(plan.changes):
            if outcome.failed:
                outcome.not_attempted.extend(wave)
                continue
            for future in [
                pool.submit(_one, change, api, refs, plan.stack, outcome, progress) for change in wave
            ]:
                future.result()
    return outcome


def _refuse_unasked_adoptions(plan: Plan, adopt: bool) -> None:
    adoptions = [c for c in plan.changes if c.action is Action.ADOPT]
    if adoptions and not adopt:
        names = ", ".join(c.address for c in adoptions)
        raise ApplyError(
            f"the plan adopts {len(adoptions)} existing object(s) that vodops did not create "
            f"({names}); review them and run apply again with --adopt to take them over. "
            "Nothing was changed."
        )


def _one(
    change: Change, api: VodApi, refs: References, stack: str, outcome: Outcome, progress: Progress
) -> None:
    with outcome._lock:
        if outcome.failed:  # a change queued before the failure does not start after it
            outcome.not_attempted.append(change)
            return
    try:
        status = _run(change, api, refs, stack)
    except VodopsError as error:
        with outcome._lock:
            outcome.failed.append((change, error))
        progress(change, f"failed: {error}")
        return
    with outcome._lock:
        outcome.done.append(change)
    progress(change, status)


def _run(change: Change, api: VodApi, refs: References, stack: str) -> str:
    """Carry out one change; say how it went."""
    if change.action is Action.DELETE:
        assert change.live is not None, "a delete always has a live side"
        return delete_unless_gone(api, change)
    if change.action is Action.CREATE:
        assert change.desired is not None, "a create always has a desired side"
        new_id = create_or_find(api, change, create_request(change.desired, refs, stack), stack)
        if change.kind in (TRANSCODE, WATERMARK, MEDIA_CLASS):
            refs.bind(change.kind, change.name, new_id)
            return f"done (id {new_id})"
        return "done"
    assert change.live is not None, "an update always has a live side"
    api.update(change.kind, change.live.id, update_request(change, refs, stack))
    return "done"
