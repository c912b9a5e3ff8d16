"""The pipeline in one place: manifests -> desired, live -> plan -> apply. The CLI only calls this."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from vodops.apply.lock import ApplyLock
from vodops.apply.run import Consent, Outcome, Progress, apply_plan
from vodops.cloud.retry import Observer
from vodops.cloud.vod import VodApi
from vodops.desired import DesiredResource, desired_state
from vodops.drift.report import DriftReport, find_drift
from vodops.live import LiveState, read_live
from vodops.logs import api_observer, tee
from vodops.plan.build import Policy, build_plan
from vodops.plan.changes import Plan
from vodops.plan.document import now_utc, plan_document, target_document
from vodops.plan.planfile import read_plan_file
from vodops.plan.verify import check_target, verify
from vodops.project import Project, check_dialect, load_project
from vodops.refs import References
from vodops.resources import DEPENDENCY_ORDER
from vodops.targets import Target, TargetChoice, connect, resolve_target


@dataclass
class Session:
    """One target, connected: plans against its live state and applies to it."""

    project: Project
    target: Target
    desired: tuple[DesiredResource, ...]
    api: VodApi
    notes: tuple[str, ...] = ()  # files the manifests were not read from, and why
    _refs: References | None = None
    _live: LiveState | None = None

    def plan(self, only: frozenset[str] = frozenset(), prune: bool | None = None) -> Plan:
        """The plan for the manifests against the account read now; `prune` overrides the
        settings' (drift plans with it on, to see what nothing declares)."""
        settings = self.project.settings
        declared = {item.kind for item in self.desired}
        self._live = read_live(
            self.api, tuple(k for k in DEPENDENCY_ORDER if self.api.serves(k) or k in declared)
        )
        pruning = settings.prune if prune is None else prune
        policy = Policy(prune=pruning, safety=settings.safety, only=only, now=self.api.now())
        documented = self.api.quotas if self.api.quotas is not None else policy.quotas
        raised = {str(kind): limit for kind, limit in settings.quotas.items()}
        listed = {k: n for k, n in self.api.listed_quotas.items() if k in declared or self._live.of_kind(k)}
        policy = replace(policy, quotas={**documented, **listed, **raised})
        plan, self._refs = build_plan(
            self.desired,
            self._live,
            stack=settings.stack,
            target=self.target.name,
            sub_app_id=self.target.sub_app_id,
            policy=policy,
        )
        return plan

    def drift(self) -> DriftReport:
        """What moved in the account since vodops last wrote it (vodops/drift/report.py)."""
        made = self.plan(prune=True)
        assert self._live is not None and self._refs is not None
        names = self.project.settings.drift.names
        return find_drift(made, self._live, self._refs, self.desired, names)

    def document(self, plan: Plan, created_at: str | None = None) -> dict[str, Any]:
        """The plan as the versioned JSON document `--out` saves (made now, unless `created_at`)."""
        assert self._refs is not None and self._live is not None, "document the plan this session made"
        return plan_document(plan, self.target, self._live, self._refs, created_at or now_utc())

    def verify(self, saved: dict[str, Any], plan: Plan) -> tuple[str, ...]:
        """Check a saved plan against `plan`, made by this session; the saved changes already done."""
        assert self._live is not None, "verify against the plan this session made"
        derived = self.document(plan)
        return verify(saved, derived, plan, self.desired, self._live, self.project.settings.safety)

    @contextmanager
    def locked(self, wait: float, notify: Callable[[str], None]) -> Iterator[None]:
        """Hold the target's apply lock (vodops/apply/lock.py), waiting up to `wait` seconds for
        another apply to finish; raises LockError naming the holder when it does not."""
        with ApplyLock(self.api, wait=wait, notify=notify).held():
            yield

    def apply(
        self, plan: Plan, *, consent: Consent, progress: Progress, stop: threading.Event | None = None
    ) -> Outcome:
        assert self._refs is not None, "apply runs the plan this session made"
        parallelism = self.target.parallelism
        return apply_plan(
            plan, self.api, self._refs, consent=consent, progress=progress, parallelism=parallelism, stop=stop
        )


@contextmanager
def open_session(
    directory: Path, choice: TargetChoice | None = None, observer: Observer | None = None
) -> Iterator[Session]:
    """Validate everything first: a bad manifest or setting never causes a single API call."""
    project, manifests = load_project(directory)
    target = resolve_target(project.settings, choice or TargetChoice())
    check_dialect(project, manifests, target.name, target.dialect)
    desired = desired_state(manifests)
    with open_target(project, choice, observer) as (target, api):
        yield Session(project, target, desired, api, manifests.notes)


@contextmanager
def open_target(
    project: Project, choice: TargetChoice | None = None, observer: Observer | None = None
) -> Iterator[tuple[Target, VodApi]]:
    """The target vodops.yaml and `choice` name, connected; each API call is logged (--verbose)
    and told to `observer` too (the watcher's metrics count them)."""
    target = resolve_target(project.settings, choice or TargetChoice())
    log = api_observer(target.name)
    with connect(target, project.directory, log if observer is None else tee(log, observer)) as api:
        yield target, api


@dataclass(frozen=True)
class SavedPlan:
    """A saved plan that agrees with the manifests and the account: `plan` is the one derived
    now (what runs), `done` what the saved plan lists that an earlier apply already did."""

    plan: Plan
    done: tuple[str, ...]
    run: Callable[..., Outcome]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class LockWait:
    """How long to wait for another apply's lock, and where to say so."""

    seconds: float
    notify: Callable[[str], None]


@contextmanager
def open_saved_plan(
    directory: Path, plan_file: Path, choice: TargetChoice | None, lock: LockWait
) -> Iterator[SavedPlan]:
    """The saved plan in `plan_file`, re-derived under the target's apply lock from the manifests
    in `directory` and the live account of the target vodops.yaml and `choice` name (never the
    plan's); raises PlanMismatchError or StalePlanError when it does not agree
    (vodops/plan/verify.py), before taking the lock and again holding it, LockError when
    another apply holds the lock."""
    document = read_plan_file(plan_file)
    with open_session(directory, choice) as session:
        check_target(document, target_document(session.target))
        _rederive(session, document)  # a plan refused now costs the account not even a lock
        with session.locked(lock.seconds, lock.notify):
            plan, done = _rederive(session, document)  # again: another apply may have run meanwhile
            yield SavedPlan(plan, done, functools.partial(session.apply, plan), session.notes)


def _rederive(session: Session, document: dict[str, Any]) -> tuple[Plan, tuple[str, ...]]:
    plan = session.plan(only=frozenset(document["scope"]))
    return plan, session.verify(document, plan)
