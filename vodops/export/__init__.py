"""Live account to manifests: `vodops export`.

    live account ─► read_live ─► select (what, under which name) ─► content (spec as a person
    writes it) ─► files (YAML, images, one file per kind or per resource)

The manifests written plan to adoptions only, `apply --adopt` takes the objects over, and the plan
after that is empty; for objects this stack already owns they plan to nothing at all. Whatever
cannot be written that way is left out with a note saying why. Output is sorted and carries no
timestamps, so exporting an unchanged account again writes byte-identical files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from vodops.application.export import application_documents
from vodops.cloud.vod import LiveId
from vodops.export.build import build_export
from vodops.export.files import ExportError, manifest_texts, write_export
from vodops.live import read_live
from vodops.project import Project
from vodops.resources import APPLICATION_LEVEL, DEPENDENCY_ORDER
from vodops.session import open_target
from vodops.targets import TargetChoice

__all__ = ["ExportError", "ExportReport", "export_account"]


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote: the files, the resources per kind, and the names it made up for
    objects that have none."""

    files: tuple[Path, ...]  # written, in order
    counts: Mapping[str, int]  # kind -> resources exported
    invented: tuple[tuple[str, LiveId, str], ...] = ()  # (kind, id, the name export gave it)
    notes: tuple[str, ...] = field(default_factory=tuple)  # what was left out, and why
    removed: tuple[Path, ...] = ()  # files an earlier export wrote that are no longer needed


def export_account(
    directory: Path, target_name: TargetChoice | str | None, out: Path, kinds: Sequence[str], split: bool
) -> ExportReport:
    """Read the account of `target_name` (vodops.yaml in `directory`) and write manifests of
    `kinds` under `out`. Manifests in `directory` are not read: export works before any exist."""
    project = Project.open(directory)
    settings = project.settings
    choice = target_name if isinstance(target_name, TargetChoice) else TargetChoice(name=target_name)
    wanted = tuple(kind for kind in DEPENDENCY_ORDER if kind in kinds)
    with open_target(project, choice, observer=None, named=True) as (target, api, application):
        exported = build_export(read_live(api), api, stack=settings.stack, kinds=wanted, split=split)
        unread = ((kind, api.unreachable(kind)) for kind in wanted)
        exported.notes.extend(f"{kind}: not exported: {why}" for kind, why in unread if why)
        if not target.legacy:  # the legacy API has no applications nor settings
            exported.documents.update(application_documents(application, api, kinds))
            wanted = (*wanted, *(kind for kind in APPLICATION_LEVEL if kind in kinds))
    texts = manifest_texts(exported.documents, split, target.name)
    files: dict[PurePosixPath, str | bytes] = {**texts, **exported.images}
    removed = write_export(out, files, wanted)
    notes = [*exported.notes, *(f"removed {path}, which an earlier export wrote" for path in removed)]
    return ExportReport(
        files=tuple(out / path for path in files),
        counts={kind: len(exported.documents.get(kind, [])) for kind in wanted},
        invented=tuple(exported.invented),
        notes=tuple(notes),
        removed=tuple(removed),
    )
