"""A watermark's imageFile: a regular file inside the manifest directory, small enough for the API.

The rules, each refused with its own message at validate time:
- the path is relative (no absolute path) and has no NUL character;
- it stays inside the manifest directory (the one given to vodops) once `..` and symbolic links
  are resolved, so a manifest cannot upload, or copy into a plan file, a file from elsewhere;
- it names a regular file: a FIFO would block the reader forever, a device read without end;
- it is at most MAX_IMAGE_BYTES, the size whose base64 still fits the API's 10 MB request
  (tccli's api.json asks for at most 7 MB of image "避免转为 Base64 后超出云 API 的 10 MB包大小上限");
- it is a PNG, JPEG or GIF by its first bytes (ImageWatermarkInput.ImageContent, api.json).

The file is opened without blocking and without following a final symbolic link, and read up to
one byte past the limit, so a file swapped after the checks still cannot hang or flood vodops.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath

from vodops.errors import VodopsError

MAX_IMAGE_BYTES = 7 * 1024 * 1024
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
_NOT_REGULAR = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class ImageFileError(VodopsError):
    """An imageFile that cannot be used; the message names the file as written and says why."""


def read_image(root: Path, manifest_dir: Path, written: str) -> bytes:
    """The content of `written` (an imageFile, relative to `manifest_dir`, which is under `root`).

    Raises ImageFileError for every rule in the module docstring."""
    path = _inside(root, manifest_dir, written)
    _check_kind_and_size(path, written)
    data = _read_bounded(path, written)
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageFileError(_too_large(written, len(data)))
    if not data.startswith(IMAGE_MAGIC):
        raise ImageFileError(f"{written!r} is not a PNG, JPEG or GIF image")
    return data


def _inside(root: Path, manifest_dir: Path, written: str) -> Path:
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


def _check_kind_and_size(path: Path, written: str) -> None:
    try:
        found = path.stat()
    except OSError as error:
        raise ImageFileError(f"cannot read {written!r}: {error.strerror}") from None
    for test, noun in _NOT_REGULAR:
        if test(found.st_mode):
            raise ImageFileError(f"{written!r} is {noun}, not a regular file")
    if found.st_size > MAX_IMAGE_BYTES:
        raise ImageFileError(_too_large(written, found.st_size))


def _read_bounded(path: Path, written: str) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        raise ImageFileError(f"cannot read {written!r}: {error.strerror}") from None
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise ImageFileError(f"{written!r} is not a regular file")
        return file.read(MAX_IMAGE_BYTES + 1)


def _too_large(written: str, size: int) -> str:
    return (
        f"{written!r} is {size} bytes; the API takes images up to {MAX_IMAGE_BYTES} bytes "
        "(7 MB, so that their base64 fits its 10 MB request)"
    )
