"""The manifests as the desired state: plain manifest-shaped specs, ready to diff and to send."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from vodops.errors import Location, ManifestChangedError, Problem
from vodops.gcpace import unhurried
from vodops.localfiles import SpecFilesError
from vodops.manifest import Declared, Manifests
from vodops.manifest.checks import file_problems
from vodops.manifest.images import ImageFileError, ImageReads
from vodops.ownership import content_digest, values_digest
from vodops.resources import KINDS


@dataclass(frozen=True)
class DesiredResource:
    """One declaration as the desired state: its spec as written, what apply sends from it, and
    the files it names, read once (a watermark's image)."""

    kind: str
    name: str
    spec: dict[str, Any]  # as declared (a watermark's imageFile as written)
    authoritative: bool = False
    location: Location | None = None
    adopt_id: int | None = None
    previous_names: tuple[str, ...] = ()  # metadata.previousNames
    image: bytes | None = field(default=None, repr=False)  # read once, at plan time
    compared: dict[str, Any] | None = field(default=None, repr=False)  # Kind.prepare's, if the kind has one
    files: Mapping[str, Path] = field(default_factory=dict, repr=False)  # local files by role (Kind.prepare)
    # Where each of the kind's immutable fields is written (Kind.immutable), for errors about a change.
    written_at: Mapping[str, Location] = field(default_factory=dict, repr=False, compare=False)

    @property
    def image_digest(self) -> str | None:
        return content_digest(self.image) if self.image is not None else None

    def written_only(self, fields: tuple[str, ...]) -> dict[str, Any]:
        """The declared values of `fields`, the kind's members the API never returns."""
        return {name: self.spec[name] for name in fields if name in self.spec}

    def digest(self, write_only: tuple[str, ...]) -> str | None:
        """What the marker records of what the API never returns: the image, or the values of
        the kind's `write_only` members."""
        return self.image_digest or values_digest(self.written_only(write_only))

    def comparable(self) -> dict[str, Any]:
        """The spec as it can be compared with live state: image files by content digest."""
        if self.compared is not None:
            return dict(self.compared)
        image = self.spec.get("imageTemplate")
        if not isinstance(image, dict):
            return dict(self.spec)
        return {**self.spec, "imageTemplate": {**image, "imageFile": f"sha256:{self.image_digest}"}}


@unhurried
def desired_state(manifests: Manifests) -> tuple[DesiredResource, ...]:
    """Each declaration of `manifests`, validated, as a DesiredResource, its files read again.
    Raises ManifestChangedError listing every one of those files that became unusable since
    validation."""
    images = ImageReads(manifests.directory)
    made: list[DesiredResource] = []
    problems: list[Problem] = []
    for item in manifests:
        try:
            made.append(_desired(item, manifests.directory, images))
        except ManifestChangedError as error:
            problems += error.problems
    if problems:
        raise ManifestChangedError(problems)
    return tuple(made)


def _desired(item: Declared, root: Path, images: ImageReads) -> DesiredResource:
    spec = item.spec.manifest_dict()
    authoritative = getattr(item.spec, "authoritative", False) is True  # only a MediaClass has one
    spec.pop("authoritative", None)
    content = None
    image = spec.get("imageTemplate")
    if isinstance(image, dict):
        where = item.locate(("imageTemplate", "imageFile"))
        content = _read_image(images, item, image["imageFile"], where)
    made = DesiredResource(
        item.kind, item.name, spec, authoritative, item.location, item.adopt_id, item.previous_names, content
    )
    if fixed := [name for name in KINDS[item.kind].immutable if name in spec]:
        made = replace(made, written_at={name: item.locate((name,)) for name in fixed})
    prepare = KINDS[item.kind].prepare
    if prepare is None:
        return made
    try:
        prepared = prepare(spec, root, item.directory, item.name)
    except SpecFilesError as error:  # validation read them a moment ago; they changed since
        raise ManifestChangedError(list(file_problems(item, error))) from None
    return replace(made, compared=prepared.compared, files=dict(prepared.files))


def _read_image(images: ImageReads, item: Declared, written: str, where: Location) -> bytes:
    try:
        return images(item.directory, written)
    except ImageFileError as error:  # validation read it a moment ago; it changed since
        raise ManifestChangedError([Problem(f"spec.imageTemplate.imageFile: {error}", where)]) from None
