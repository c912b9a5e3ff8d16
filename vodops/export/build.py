"""The live state to manifest documents and the images they refer to, kind by kind.

Kinds go in dependency order, so every exported template is bound in `refs` before the
procedures that use it are written: a procedure then names its templates, and keeps the number
of a preset or of a template this export leaves out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from vodops.cloud.vod import LiveId, VodApi
from vodops.export.content import fit_comment, manifest_spec, spec_problems
from vodops.export.files import FileNames, image_file
from vodops.export.images import ImageUnavailableError, download
from vodops.export.select import Chosen, choose, left_out
from vodops.live import LiveState
from vodops.manifest import API_VERSION
from vodops.refs import References
from vodops.resources import DEPENDENCY_ORDER, KINDS, REFERRED


@dataclass
class Exported:
    """The manifests an export makes, by kind, and the image files they name (paths relative to
    --out)."""

    documents: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # kind -> by name
    images: dict[PurePosixPath, bytes] = field(default_factory=dict)  # relative to --out
    invented: list[tuple[str, LiveId, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Context:
    api: VodApi
    stack: str
    split: bool
    refs: References = field(default_factory=References)
    image_names: FileNames = field(default_factory=FileNames)
    exported: Exported = field(default_factory=Exported)


def build_export(
    live: LiveState, api: VodApi, *, stack: str, kinds: tuple[str, ...], split: bool
) -> Exported:
    """The manifest documents of the live objects of `kinds` that export chooses for `stack` (by
    kind, in dependency order, sorted by name), the watermark images to write and notes on what was
    left out. A watermark whose image cannot be downloaded is left out with a note, not raised."""
    context = _Context(api, stack, split)
    for kind in (kind for kind in DEPENDENCY_ORDER if kind in kinds):
        documents = context.exported.documents.setdefault(kind, [])
        for item in choose(live, kind, stack, context.exported.notes):
            document = _document(item, context)
            if document is not None:
                documents.append(document)
                _remember(item, context)
        documents.sort(key=lambda document: str(document["metadata"]["name"]))
    return context.exported


def _remember(item: Chosen, context: _Context) -> None:
    if item.adopt_id is not None:
        context.exported.invented.append((item.live.kind, item.live.id, item.name))
    if item.live.kind in REFERRED:
        context.refs.bind(item.live.kind, item.name, item.live.id)


def _document(item: Chosen, context: _Context) -> dict[str, Any] | None:
    """The manifest document of `item`, or None (and a note) when the manifest rules refuse it."""
    metadata: dict[str, Any] = {"name": item.name}
    if item.adopt_id is not None:
        metadata["adoptId"] = item.adopt_id
    document = {"apiVersion": API_VERSION, "kind": item.live.kind, "metadata": metadata}
    if KINDS[item.live.kind].tree:
        return document  # a class is its path
    spec = manifest_spec(item.live, context.refs)
    exporter = KINDS[item.live.kind].export_spec
    if exporter is not None:
        spec, note = exporter(spec, item.live.raw)
        if note:
            context.exported.notes.append(f"{item.live.label}: {note}")
    shortened = fit_comment(spec, item.live.kind, context.stack, item.name)
    problems = spec_problems(item.live.kind, spec)
    if problems:
        why = "the manifest rules refuse what the API holds: " + "; ".join(problems)
        context.exported.notes.append(left_out(item.live, why))
        return None
    if isinstance(spec.get("imageTemplate"), dict) and not _attach_image(
        item, spec["imageTemplate"], context
    ):
        return None
    if shortened:
        context.exported.notes.append(f"{item.live.label}: {shortened}")
    return {**document, "spec": spec}


def _attach_image(item: Chosen, image: dict[str, Any], context: _Context) -> bool:
    """Download the watermark's image into images/ and point imageFile at it (relative to the
    manifest that refers to it, which --split puts one folder deeper)."""
    try:
        content, extension = download(context.api, item.live)
    except ImageUnavailableError as error:
        context.exported.notes.append(left_out(item.live, str(error)))
        return False
    path = image_file(context.image_names, item.name, extension)
    context.exported.images[path] = content
    image["imageFile"] = f"../{path}" if context.split else str(path)
    return True
