"""The manifests as the desired state: plain manifest-shaped specs, ready to diff and to send."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vodops.errors import Location, ManifestError, Problem
from vodops.manifest import Declared, Manifests
from vodops.ownership import content_digest
from vodops.resources.media_class import MediaClassSpec


@dataclass(frozen=True)
class DesiredResource:
    kind: str
    name: str
    spec: dict[str, Any]  # as declared; a watermark's imageFile is an absolute path
    image_digest: str | None
    authoritative: bool
    location: Location
    adopt_id: int | None = None

    def comparable(self) -> dict[str, Any]:
        """The spec as it can be compared with live state: image files by content digest."""
        image = self.spec.get("imageTemplate")
        if not isinstance(image, dict):
            return dict(self.spec)
        return {**self.spec, "imageTemplate": {**image, "imageFile": f"sha256:{self.image_digest}"}}


def desired_state(manifests: Manifests) -> tuple[DesiredResource, ...]:
    return tuple(_desired(item) for item in manifests)


def _desired(item: Declared) -> DesiredResource:
    spec = item.spec.manifest_dict()
    authoritative = isinstance(item.spec, MediaClassSpec) and item.spec.authoritative
    spec.pop("authoritative", None)
    digest = None
    image = spec.get("imageTemplate")
    if isinstance(image, dict):
        path = (item.directory / image["imageFile"]).resolve()
        image["imageFile"] = str(path)
        digest = content_digest(read_image(path, item.locate(("imageTemplate", "imageFile"))))
    return DesiredResource(item.kind, item.name, spec, digest, authoritative, item.location, item.adopt_id)


def read_image(path: Path, where: Location | None = None) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise ManifestError([Problem(f"cannot read image {path}: {error.strerror}", where)]) from None
