"""The pipeline in one place: manifests -> desired, live -> plan -> apply. The CLI only calls this."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from vodops.apply.run import Outcome, Progress, apply_plan
from vodops.cloud.retry import Observer
from vodops.cloud.vod import VodApi
from vodops.desired import DesiredResource, desired_state
from vodops.live import read_live
from vodops.logs import api_observer
from vodops.manifest import Manifests, load_manifests
from vodops.plan.build import build_plan
from vodops.plan.changes import Plan
from vodops.refs import References
from vodops.settings import Settings, load_settings
from vodops.targets import Target, TargetChoice, connect, resolve_target


@dataclass(frozen=True)
class Project:
    """A manifest directory with its settings."""

    directory: Path
    settings: Settings

    @classmethod
    def open(cls, directory: Path) -> Project:
        return cls(directory, load_settings(directory))

    def manifests(self) -> Manifests:
        return load_manifests(self.directory, self.settings.stack)


@dataclass
class Session:
    """One target, connected: plans against its live state and applies to it."""

    project: Project
    target: Target
    desired: tuple[DesiredResource, ...]
    api: VodApi
    _refs: References | None = None

    def plan(self) -> Plan:
        live = read_live(self.api)
        plan, self._refs = build_plan(
            self.desired,
            live,
            stack=self.project.settings.stack,
            target=self.target.name,
            sub_app_id=self.target.sub_app_id,
        )
        return plan

    def apply(self, plan: Plan, *, adopt: bool, progress: Progress) -> Outcome:
        assert self._refs is not None, "apply runs the plan this session made"
        parallelism = self.target.parallelism
        return apply_plan(plan, self.api, self._refs, adopt=adopt, progress=progress, parallelism=parallelism)


@contextmanager
def open_session(
    directory: Path, choice: TargetChoice | None = None, observer: Observer | None = None
) -> Iterator[Session]:
    """Validate everything first: a bad manifest or setting never causes a single API call."""
    project = Project.open(directory)
    desired = desired_state(project.manifests())
    target = resolve_target(project.settings, choice or TargetChoice())
    with connect(target, directory, observer or api_observer(target.name)) as api:
        yield Session(project, target, desired, api)
