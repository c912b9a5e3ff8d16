"""A watermark's imageFile: a regular file inside the manifest directory, small enough for the API.

The rules, each refused with its own message at validate time:
- the path is relative (no absolute path) and has no NUL character;
- it stays inside the manifest directory (the one given to vodops) once `..` and symbolic links
  are resolved, so a manifest cannot upload, or copy into a plan file, a file from elsewhere;
- it names a regular file: a FIFO would block the reader forever, a device read without end;
- it is at most MAX_IMAGE_BYTES, the size whose base64 still fits the API's 10 MB request
  (tccli's api.json asks for at most 7 MB of image "避免转为 Base64 后超出云 API 的 10 MB包大小上限");
- it is a PNG, JPEG or GIF by its first bytes (ImageWatermarkInput.ImageContent, api.json).

The file is read by vodops.localfiles: its type is checked before it is opened, the open cannot
block and the read stops one byte past the limit, so a file swapped after the checks cannot hang or
flood vodops either.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath

from vodops.errors import VodopsError
from vodops.localfiles import LocalFileError, read_bytes

MAX_IMAGE_BYTES = 7 * 1024 * 1024
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
_TYPES = dict(zip(IMAGE_MAGIC, ("png", "jpg", "gif", "gif"), strict=True))


class ImageFileError(VodopsError):
    """An imageFile that cannot be used; the message names the file as written and says why."""


def read_image(root: Path, manifest_dir: Path, written: str) -> bytes:
    """The content of `written` (an imageFile, relative to `manifest_dir`, which is under `root`).

    Raises ImageFileError for every rule in the module docstring."""
    path = inside(root, manifest_dir, written)
    try:
        data = read_bytes(path, MAX_IMAGE_BYTES)
    except LocalFileError as error:
        if error.size is None:
            raise ImageFileError(f"{written!r} {error}") from None
        raise ImageFileError(
            f"{written!r} is {error.size} bytes; the API takes images up to {MAX_IMAGE_BYTES} bytes "
            "(7 MB, so that their base64 fits its 10 MB request)"
        ) from None
    if not data.startswith(IMAGE_MAGIC):
        raise ImageFileError(f"{written!r} is not a PNG, JPEG or GIF image")
    return data


class ImageReads:
    """`read_image` for one pass over the manifests under `root`, reading each (manifest
    directory, imageFile) once: the watermarks of a project commonly share one logo. A new pass
    (the next validate or plan) reads the files again."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._read: dict[tuple[Path, str], bytes] = {}

    def __call__(self, manifest_dir: Path, written: str) -> bytes:
        """As read_image(root, manifest_dir, written); raises ImageFileError the same way."""
        key = (manifest_dir, written)
        found = self._read.get(key)
        if found is None:
            found = self._read[key] = read_image(self._root, manifest_dir, written)
        return found


def inside(root: Path, manifest_dir: Path, written: str) -> Path:
    """The resolved path of `written` (relative to `manifest_dir`); raises ImageFileError when it holds a NUL,
    is absolute, or leads (lexically or through a symbolic link) outside `root`."""
    if "\x00" in written:
        raise ImageFileError(f"{written!r} contains a NUL character")
    if PurePosixPath(written).is_absolute() or PureWindowsPath(written).is_absolute():
        raise ImageFileError(f"{written!r} is an absolute path; write a path relative to the manifest")
    top = root.resolve()
    lexical = Path(os.path.normpath(manifest_dir.resolve() / written))
    if not lexical.is_relative_to(top):
        raise ImageFileError(f"{written!r} leads outside the manifest directory")
    resolved = lexical.resolve()
    if not resolved.is_relative_to(top):
        raise ImageFileError(f"{written!r} is a symbolic link to a file outside the manifest directory")
    return resolved


def image_type(head: bytes) -> str:
    """The extension of an image read by `read_image` (png, jpg or gif), from its first bytes, so
    that a file named without one (or wrongly) still says what it is; '' for anything else."""
    return next((kind for magic, kind in _TYPES.items() if head.startswith(magic)), "")
