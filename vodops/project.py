"""A project: a manifest directory and its vodops.yaml, read and validated together, with nothing
else imported (validate runs from here, and start-up time counts)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vodops.errors import ManifestError, Problem
from vodops.manifest import Manifests, load_manifests
from vodops.manifest.dialect import legacy_problems
from vodops.settings import DIALECT_2017, Settings, default_settings, load_settings


@dataclass(frozen=True)
class Project:
    """A manifest directory with its settings."""

    directory: Path
    settings: Settings

    @classmethod
    def open(cls, directory: Path) -> Project:
        """The project in `directory` with its settings (vodops.yaml, or the defaults); raises
        ManifestError for invalid settings."""
        return cls(directory, load_settings(directory))

    def manifests(self) -> Manifests:
        """The project's manifests, validated for its stack; raises ManifestError listing every
        problem."""
        return load_manifests(self.directory, self.settings.stack)


def load_project(directory: Path) -> tuple[Project, Manifests]:
    """The settings and the manifests, with every problem of both in one ManifestError."""
    problems: list[Problem] = []
    try:
        project = Project.open(directory)
    except ManifestError as error:
        problems += error.problems
        project = Project(directory, default_settings())  # the default stack, to check the manifests too
    try:
        manifests = project.manifests()
    except ManifestError as error:
        problems += error.problems
    if problems:
        raise ManifestError(problems)
    return project, manifests


def check_dialect(
    project: Project, manifests: Manifests, target: str | None = None, dialect: str | None = None
) -> None:
    """Raise ManifestError listing what `target`'s API dialect cannot hold (by default the default
    target, as vodops.yaml describes it); the 2018-07-17 dialect holds everything."""
    settings = project.settings
    name = target or settings.default_target
    if dialect is None:
        found = settings.targets.get(name)
        dialect = found.dialect if found else None
    problems = legacy_problems(manifests, settings.stack, name) if dialect == DIALECT_2017 else []
    if problems:
        raise ManifestError(problems)
