"""A project: a manifest directory and its vodops.yaml, read and validated together, with nothing
else imported (validate runs from here, and start-up time counts)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vodops.errors import ManifestError, Problem
from vodops.manifest import Manifests, load_manifests
from vodops.settings import Settings, load_settings


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


def load_project(directory: Path) -> tuple[Project, Manifests]:
    """The settings and the manifests, with every problem of both in one ManifestError."""
    problems: list[Problem] = []
    try:
        project = Project.open(directory)
    except ManifestError as error:
        problems += error.problems
        project = Project(directory, Settings())  # the default stack, to check the manifests too
    try:
        manifests = project.manifests()
    except ManifestError as error:
        problems += error.problems
    if problems:
        raise ManifestError(problems)
    return project, manifests
