"""YAML manifests to the desired declarations, validated strictly and reported all at once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from vodops.discovery import SETTINGS_FILES
from vodops.errors import ManifestError
from vodops.gcpace import unhurried
from vodops.manifest.checks import cross_problems
from vodops.manifest.loader import API_VERSION, Declared, read_declarations

__all__ = ["API_VERSION", "SETTINGS_FILES", "Declared", "Manifests", "load_manifests"]


@dataclass(frozen=True)
class Manifests:
    """The validated declarations of a manifest directory, and `notes` on the files left out."""

    directory: Path
    resources: tuple[Declared, ...]
    notes: tuple[str, ...] = ()  # YAML files and nested projects left out, and why

    def __iter__(self) -> Iterator[Declared]:
        return iter(self.resources)

    def of_kind(self, kind: str) -> list[Declared]:
        """The declarations of `kind`, in the order they were read."""
        return [item for item in self.resources if item.kind == kind]


@unhurried
def load_manifests(directory: Path, stack: str) -> Manifests:
    """Every declaration under `directory`; raises ManifestError listing every problem found."""
    reading = read_declarations(directory)
    problems = [*reading.problems, *cross_problems(reading, stack)]
    if problems:
        raise ManifestError(problems)
    return Manifests(directory, tuple(reading.declared), tuple(reading.notes))
