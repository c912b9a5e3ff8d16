"""Live account to manifests: `vodops export` (being built; see export_account)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vodops.cloud.vod import LiveId
from vodops.errors import VodopsError


@dataclass(frozen=True)
class ExportReport:
    files: tuple[Path, ...]  # written, in order
    counts: Mapping[str, int]  # kind -> resources exported
    invented: tuple[tuple[str, LiveId, str], ...] = ()  # (kind, id, the name export gave it)
    notes: tuple[str, ...] = field(default_factory=tuple)  # what was left out, and why


def export_account(
    directory: Path, target_name: str | None, out: Path, kinds: Sequence[str], split: bool
) -> ExportReport:
    raise VodopsError("export is not built yet")
