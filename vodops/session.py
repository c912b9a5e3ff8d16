"""The pipeline in one place: manifests -> desired, live -> plan -> apply. The CLI only calls this."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vodops.apply.run import Consent, Outcome, Progress, apply_plan
from vodops.cloud.retry import Observer
from vodops.cloud.vod import VodApi
from vodops.desired import DesiredResource, desired_state
from vodops.live import LiveState, read_live
from vodops.logs import api_observer
from vodops.plan.build import Policy, build_plan
from vodops.plan.changes import Plan
from vodops.plan.document import plan_document
from vodops.plan.replay import check_target, read_plan_file, replay
from vodops.project import Project, load_project
from vodops.refs import References
from vodops.settings import LOCAL
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

    def plan(self, only: frozenset[str] = frozenset()) -> Plan:
        settings = self.project.settings
        policy = Policy(prune=settings.prune, safety=settings.safety, only=only)
        self._live = read_live(self.api)
        plan, self._refs = build_plan(
            self.desired,
            self._live,
            stack=settings.stack,
            target=self.target.name,
            sub_app_id=self.target.sub_app_id,
            policy=policy,
        )
        return plan

    def document(self, plan: Plan) -> dict[str, Any]:
        """The plan as the versioned JSON document `--out` saves."""
        assert self._refs is not None and self._live is not None, "document the plan this session made"
        return plan_document(plan, self.target, self._live, self._refs)

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
    desired = desired_state(manifests)
    target = resolve_target(project.settings, choice or TargetChoice())
    with connect(target, directory, observer or api_observer(target.name)) as api:
        yield Session(project, target, desired, api, manifests.notes)


@contextmanager
def open_saved_plan(
    directory: Path, plan_file: Path, choice: TargetChoice | None = None, observer: Observer | None = None
) -> Iterator[tuple[Plan, Callable[..., Outcome]]]:
    """A saved plan, checked against the account it was made for, and how to apply it. The
    manifests are not read: the plan is applied exactly as it was saved."""
    document = read_plan_file(plan_file)
    project = Project.open(directory)
    target = resolve_target(project.settings, choice or _saved_target(document, project))
    check_target(document, target)
    with connect(target, directory, observer or api_observer(target.name)) as api:
        plan, refs = replay(document, read_live(api))

        def run(*, consent: Consent, progress: Progress, stop: threading.Event | None = None) -> Outcome:
            return apply_plan(
                plan, api, refs, consent=consent, progress=progress, parallelism=target.parallelism, stop=stop
            )

        yield plan, run


def _saved_target(document: dict[str, Any], project: Project) -> TargetChoice:
    """The target a plan names: by name when vodops.yaml knows it, else by its endpoint."""
    saved = document["target"]
    if saved["name"] == LOCAL or saved["name"] in project.settings.targets:
        return TargetChoice(name=saved["name"])
    return TargetChoice(endpoint=saved["endpoint"], sub_app_id=saved["subAppId"], region=saved["region"])
