"""Watermark images: recognising the uploaded bytes, naming them, and the URLs they are served at.

An image is named by its content hash, so re-uploading the same picture yields the same URL.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

PATH_PREFIX = "/_emulator/images/"

_KINDS = (
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
)


@dataclass(frozen=True)
class Image:
    """An image the emulator keeps (a watermark's), served at a name derived from its content."""

    data: bytes
    content_type: str
    extension: str

    @property
    def filename(self) -> str:
        return f"{hashlib.sha256(self.data).hexdigest()[:32]}.{self.extension}"


def sniff_base64(text: str) -> Image | None:
    """The image `text` encodes, if it is Base64 of a PNG, JPEG or GIF (judged by magic bytes)."""
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return sniff(data)


def sniff(data: bytes) -> Image | None:
    """The image `data` is, if it is a PNG, JPEG or GIF (judged by magic bytes)."""
    for magic, content_type, extension in _KINDS:
        if data.startswith(magic):
            return Image(data, content_type, extension)
    return None


def url(origin: str, filename: str) -> str:
    """Where the emulator serves `filename` to a caller that reached it at `origin`."""
    return f"{origin}{PATH_PREFIX}{filename}"
